// Generated from chapters/06-more-ops.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 719f5350b6a89a85
//! What chapter 6's programs share: the check by nudging, and the expressions
//! they build, a small one with plain numbers and the neuron of chapter 3 with
//! tanh as one operation or taken apart.

use micrograd::Value;

/// The first input every check uses.
pub const A: f64 = 2.0;
/// The second input.
pub const B: f64 = -3.0;

/// Prints the expression `f` at a = `A`, b = `B`: its value, the grads
/// `backward` finds, and the slopes measured by nudging each input both ways.
pub fn show(expression: &str, f: impl Fn(&Value, &Value) -> Value) {
    let (a, b) = (Value::new(A), Value::new(B));
    let out = f(&a, &b);
    out.backward();
    // The same expression, built again from nudged inputs.
    let at = |x, y| f(&Value::new(x), &Value::new(y)).data();
    let h = 1e-6;
    let nudged_a = (at(A + h, B) - at(A - h, B)) / (2.0 * h);
    let nudged_b = (at(A, B + h) - at(A, B - h)) / (2.0 * h);
    println!("{expression} = {:?}", out.data());
    println!("  backward: ∂/∂a = {:<22?} ∂/∂b = {:?}", a.grad(), b.grad());
    println!("  nudging:  ∂/∂a = {:<22?} ∂/∂b = {:?}", nudged_a, nudged_b);
}

/// A neuron's output `o`, and the values its
/// grads are about: x1, x2, w1, w2 and b.
pub struct Neuron {
    pub o: Value,
    pub leaves: [Value; 5],
}

/// o = squash(x1·w1 + x2·w2 + b), with the numbers of chapter 3.
pub fn neuron(squash: impl Fn(&Value) -> Value) -> Neuron {
    let x1 = Value::new(2.0).named("x1");
    let x2 = Value::new(0.0).named("x2");
    let w1 = Value::new(-3.0).named("w1");
    let w2 = Value::new(1.0).named("w2");
    let b = Value::new(6.881373587019543).named("b");
    let x1w1 = (&x1 * &w1).named("x1w1");
    let x2w2 = (&x2 * &w2).named("x2w2");
    let x1w1x2w2 = (x1w1 + x2w2).named("x1w1 + x2w2");
    let n = (x1w1x2w2 + &b).named("n");
    let o = squash(&n).named("o");
    Neuron { o, leaves: [x1, x2, w1, w2, b] }
}

/// tanh(n) taken apart: (e²ⁿ − 1) / (e²ⁿ + 1).
pub fn tanh_taken_apart(n: &Value) -> Value {
    // exercise: (e²ⁿ − 1) / (e²ⁿ + 1), its parts named 2n, e, e - 1 and e + 1
    let e = (2.0 * n).named("2n").exp().named("e");
    (&e - 1.0).named("e - 1") / (&e + 1.0).named("e + 1")
    // end of exercise
}

/// y = 2a + 1 with a = 3, after `y.backward()`.
pub fn two_a_plus_one() -> Value {
    let a = Value::new(3.0).named("a");
    let y = (2.0 * &a + 1.0).named("y");
    y.backward();
    y
}
