// Generated from chapters/13-classes.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 4bced3d70a1f41b3
//! Softmax and cross-entropy on large logits, with and without subtracting
//! the largest logit first.

use micrograd::Value;
use micrograd::nn::{cross_entropy, softmax};

/// Softmax as the formula reads: e to each logit, over their sum.
fn softmax_as_written(logits: &[Value]) -> Vec<Value> {
    let exps: Vec<Value> = logits.iter().map(Value::exp).collect();
    let total: Value = exps.iter().sum();
    exps.iter().map(|e| e / &total).collect()
}

/// Prints the softmax of `logits` and −ln p of class 0, then, if
/// `logits` is given, the cross-entropy of class 0 by `nn::cross_entropy`.
fn show(p: &[Value], logits: Option<&[Value]>) {
    let numbers: Vec<f64> = p.iter().map(Value::data).collect();
    println!("  softmax {numbers:?}");
    println!("  −ln p of class 0: {:?}", (-p[0].ln()).data());
    if let Some(logits) = logits {
        let loss = cross_entropy(logits, 0).data();
        println!("  cross_entropy:    {loss:?}");
    }
}

fn main() {
    let logits: Vec<Value> = [1000.0, 999.0, 998.0].map(Value::new).into();
    println!("e^x is finite up to x = ln(f64::MAX) = {:?}", f64::MAX.ln());
    println!("logits [1000, 999, 998]; e^1000 = {:?}", 1000f64.exp());
    println!("as written:");
    show(&softmax_as_written(&logits), None);
    println!("largest subtracted:");
    show(&softmax(&logits), Some(&logits));

    let logits: Vec<Value> = [0.0, 800.0].map(Value::new).into();
    println!("logits [0, 800], largest subtracted:");
    show(&softmax(&logits), Some(&logits));
}
