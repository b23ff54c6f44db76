// Generated from chapters/13-classes.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 10f24384f34e5d21
//! ln on both engines; softmax and cross-entropy against candle on one
//! minibatch; every parameter's grad against central differences.

use ch13_classes::{candle, first_batch, loss, mean_cross_entropy};
use micrograd::Value;
use micrograd::check::{H, TOLERANCE, check_grads, compare};
use micrograd::nn::Module;
use micrograd::tape::Tape;

fn main() -> candle_core::Result<()> {
    let at = [0.25, 2.0, 10.0];
    let same = at.iter().all(|&x| {
        let v = Value::new(x);
        v.ln().backward();
        let mut tape = Tape::new();
        let t = tape.input(x);
        let l = tape.ln(t);
        tape.backward(l);
        (tape.data(l), tape.grad(t)) == (v.ln().data(), v.grad())
    });
    println!("ln at {at:?}: the tape's data and grads are Value's? {same}");
    let report = check_grads(|x| x.iter().map(Value::ln).sum(), &at);
    println!(
        "  against central differences: worst error {:.1e}",
        report.worst()
    );

    let (model, batch) = first_batch();
    let logits: Vec<Vec<f64>> = batch
        .iter()
        .map(|e| model.forward(&e.x).iter().map(Value::data).collect())
        .collect();
    let targets: Vec<usize> = batch.iter().map(|e| e.class).collect();
    let (ours, our_grads) = mean_cross_entropy(&logits, &targets);
    let (theirs, their_grads) = candle::mean_cross_entropy(&logits, &targets)?;
    // ... prints both losses, and the largest difference of the grads
    println!("one minibatch of {}, its mean cross-entropy:", batch.len());
    println!("  micrograd {ours:?}");
    println!("  candle    {theirs:?}");
    let apart = our_grads
        .concat()
        .iter()
        .zip(their_grads.concat())
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    println!(
        "  the {} logits' grads differ by at most {apart:.1e}",
        3 * batch.len()
    );

    let parameters = model.parameters();
    let (total, _) = loss(&model, &batch);
    total.backward();
    let claimed: Vec<f64> = parameters.iter().map(Value::grad).collect();
    let start: Vec<f64> = parameters.iter().map(Value::data).collect();
    let loss_at = |at: &[f64]| {
        for (p, &x) in parameters.iter().zip(at) {
            p.set_data(x);
        }
        loss(&model, &batch).0.data()
    };
    let report = compare(loss_at, &start, &claimed, H);
    // ... prints the worst error, and whether every grad passed
    println!(
        "all {} parameters' grads against central differences:",
        parameters.len()
    );
    let (worst, passed) = (report.worst(), report.passed());
    println!("  worst error {worst:.1e}, all within {TOLERANCE:.0e}? {passed}");
    Ok(())
}
