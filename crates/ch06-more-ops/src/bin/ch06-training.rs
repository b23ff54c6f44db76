// Generated from chapters/06-training-ops.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: cb51629f1eda7f3d
//! Sums, relu and an operation made outside the crate, at a = 2, b = −3: the
//! grads `backward` finds, and the slopes measured by nudging each input.

use ch06_more_ops::{A, B, show};
use micrograd::Value;

/// σ(x) = 1/(1 + e⁻ˣ), an operation micrograd does not have.
fn sigmoid(x: &Value) -> Value {
    let s = 1.0 / (1.0 + (-x.data()).exp());
    Value::custom(s, [x], "sigmoid", move |_| [s * (1.0 - s)])
}

/// a · b, wrongly: b's number is captured, not passed as an operand, so the
/// engine never learns that the result depends on b.
fn times_captured(a: &Value, b: &Value) -> Value {
    let b = b.data();
    Value::custom(a.data() * b, [a], "times", move |_| [b])
}

fn main() {
    println!("a = {A:?}, b = {B:?}");
    show("[a, b, a] summed", |a, b| [a, b, a].into_iter().sum());
    show("nothing summed", |_, _| std::iter::empty::<Value>().sum());
    // The lecture's loss: the squared errors of two predictions, a and b,
    // against their targets, 1 and −1.
    show("(a − 1)² + (b + 1)²", |a, b| {
        [(a, 1.0), (b, -1.0)].into_iter().map(|(p, y)| (p - y).pow(2.0)).sum()
    });
    show("tanh(a + 1)", |a, _| (a + 1.0).tanh());
    show("relu(a)", |a, _| a.relu());
    show("relu(b)", |_, b| b.relu());
    show("relu(a − 2)", |a, _| (a - 2.0).relu());
    show("sigmoid(a)", |a, _| sigmoid(a));
    show("sigmoid(a) · a", |a, _| sigmoid(a) * a);
    show("times_captured(a, b)", times_captured);
}
