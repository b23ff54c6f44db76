// Generated from chapters/13-classes.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 831e3ccfd4c5e5d7
//! Softmax and cross-entropy on three logits.

use micrograd::Value;
use micrograd::nn::{cross_entropy, softmax};

fn main() {
    let logits: Vec<Value> = [2.0, 1.0, -1.0].map(Value::new).into();
    let p = softmax(&logits);
    let numbers = |values: &[Value]| -> Vec<f64> {
        values.iter().map(Value::data).collect()
    };
    println!("logits  {:?}", numbers(&logits));
    println!("softmax {:?}", numbers(&p));
    println!("their sum {:?}", p.iter().map(Value::data).sum::<f64>());
    for target in 0..3 {
        let loss = cross_entropy(&logits, target);
        println!("target {target}: loss {:?}", loss.data());
    }
    let loss = cross_entropy(&logits, 0);
    loss.backward();
    let grads: Vec<f64> = logits.iter().map(Value::grad).collect();
    println!("target 0, the logits' grads:\n  {grads:?}");
    println!("ln 3 = {:?}", 3f64.ln());
}
