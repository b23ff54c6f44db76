// Generated from chapters/14-gpt.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: f1a4a7808feb7f9d
//! Every grad of the model checked: against slopes measured by nudging each
//! weight, and against candle's grads for the same model written with
//! tensors.

use ch14_gpt::candle::loss_and_grads;
use ch14_gpt::engine::{Graph, Numbers};
use ch14_gpt::model::loss;
use ch14_gpt::names::encode;
use ch14_gpt::start;
use micrograd::Value;
use micrograd::check::{H, TOLERANCE, compare};

fn main() {
    let (names, gpt, _) = start();
    let short = names.iter().find(|n| n.len() == 2).expect("a short name");

    for name in [short, &names[0]] {
        let tokens = encode(name);
        let on_values = gpt.map(|&w| Value::new(w));
        let ours = loss(&mut Graph, &on_values, &tokens);
        ours.backward();
        let (theirs, their_grads) =
            loss_and_grads(&gpt, &tokens).expect("candle computes it");
        let apart = on_values
            .parameters()
            .zip(their_grads.parameters())
            .map(|(a, b)| (a.grad() - b).abs())
            .fold(0.0, f64::max);
        println!("{name:?}: loss {:?}, candle's {theirs:?}", ours.data());
        println!("  grads' largest difference from candle's: {apart:.1e}");
    }

    // Each weight nudged by ±H, the short name's loss computed with plain
    // numbers: 2 × 4,192 forward passes.
    let tokens = encode(short);
    let on_values = gpt.map(|&w| Value::new(w));
    loss(&mut Graph, &on_values, &tokens).backward();
    let claimed: Vec<f64> = on_values.parameters().map(Value::grad).collect();
    let at: Vec<f64> = gpt.parameters().copied().collect();
    let loss_at = |weights: &[f64]| {
        let mut weights = weights.iter().copied();
        let nudged = gpt.map(|_| weights.next().expect("a weight each"));
        loss(&mut Numbers, &nudged, &tokens)
    };
    let report = compare(loss_at, &at, &claimed, H);
    let (worst, passed) = (report.worst(), report.passed());
    let (n, losses) = (at.len(), 2 * at.len());
    println!("{short:?}: {n} grads by central differences ({losses} losses):");
    println!("  worst error {worst:.1e}, all within {TOLERANCE:.0e}? {passed}");
}
