// Generated from chapters/13-classes.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 05cc48cab51a57e0
//! ln on both engines; softmax and cross-entropy against candle on one
//! minibatch; every parameter's grad against central differences.

use ch13_classes::{candle, first_batch, ln_both_ways, loss, mean_loss};
use micrograd::Value;
use micrograd::check::{H, TOLERANCE, check_grads, compare};
use micrograd::nn::{Module, cross_entropy, softmax};

fn main() -> candle_core::Result<()> {
    let at = [0.25, 2.0, 10.0];
    let same = at.iter().all(|&x| {
        let [value, tape] = ln_both_ways(x);
        value == tape
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
    let (theirs, their_grads) = candle::mean_cross_entropy(&logits, &targets)?;
    let (ours, our_grads) = mean_loss(&logits, &targets, cross_entropy);
    let minus_ln_p = |l: &[Value], t: usize| -softmax(l)[t].ln();
    let (via_p, via_p_grads) = mean_loss(&logits, &targets, minus_ln_p);
    // ... prints the losses, and how far the grads are from candle's
    let apart = |grads: &[Vec<f64>]| {
        let theirs = their_grads.concat();
        let pairs = grads.concat().into_iter().zip(theirs);
        pairs.map(|(a, b)| (a - b).abs()).fold(0.0, f64::max)
    };
    println!("one minibatch of {}, its mean cross-entropy:", batch.len());
    println!("  candle                    {theirs:?}");
    println!("  micrograd, cross_entropy  {ours:?}");
    println!("  micrograd, −ln of softmax {via_p:?}");
    let n = 3 * batch.len();
    println!("the {n} logits' grads, largest difference from candle's:");
    println!("  cross_entropy  {:.1e}", apart(&our_grads));
    println!("  −ln of softmax {:.1e}", apart(&via_p_grads));

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
