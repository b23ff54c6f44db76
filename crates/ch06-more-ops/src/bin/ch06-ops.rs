// Generated from chapters/06-more-ops.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: d1ed87a3c2bdc050
//! The new operations at a = 2, b = −3: the grads `backward` finds, and the
//! slopes measured by nudging each input, as in chapter 1.

use micrograd::Value;

/// σ(x) = 1/(1 + e⁻ˣ), an operation micrograd does not have.
fn sigmoid(x: &Value) -> Value {
    let s = 1.0 / (1.0 + (-x.data()).exp());
    Value::custom("sigmoid", [x], s, move |_| [s * (1.0 - s)])
}

const A: f64 = 2.0;
const B: f64 = -3.0;

fn show(expression: &str, f: impl Fn(&Value, &Value) -> Value) {
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

fn main() {
    println!("a = {A:?}, b = {B:?}");
    show("a.exp()", |a, _| a.exp());
    show("a.pow(3.0)", |a, _| a.pow(3.0));
    show("-a", |a, _| -a);
    show("a - b", |a, b| a - b);
    show("a / b", |a, b| a / b);
    show("10.0 / a", |a, _| 10.0 / a);
    show("a.relu()", |a, _| a.relu());
    show("b.relu()", |_, b| b.relu());
    show("(a - 2.0).relu()", |a, _| (a - 2.0).relu());
    show("[a, b, a] summed", |a, b| [a, b, a].into_iter().sum());
    show("sigmoid(a)", |a, _| sigmoid(a));
}
