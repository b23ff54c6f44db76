// Generated from chapters/14-gpt.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 01127622557d8e43
//! Every grad of the model checked: against slopes measured by nudging each
//! weight, and against candle's grads for the same model written with
//! tensors.

use ch14_gpt::candle::loss_and_grads;
use ch14_gpt::engine::{Graph, Numbers};
use ch14_gpt::model::loss;
use ch14_gpt::names::encode;
use ch14_gpt::{largest_difference, start};
use micrograd::Value;
use micrograd::check::{H, TOLERANCE, compare};

fn main() {
    let (names, gpt, _) = start();
    let short = names.iter().find(|n| n.len() == 2).expect("a short name");
    let at: Vec<f64> = gpt.parameters().copied().collect();

    for name in [short, &names[0]] {
        let tokens = encode(name);
        let on_values = gpt.map(|&w| Value::new(w));
        let ours = loss(&mut Graph, &on_values, &tokens);
        ours.backward();
        let grads: Vec<f64> = on_values.parameters().map(Value::grad).collect();
        println!("{name:?}: loss {:?}", ours.data());

        let (theirs, their_grads) =
            loss_and_grads(&gpt, &tokens).expect("candle computes it");
        let their_grads: Vec<f64> = their_grads.parameters().copied().collect();
        let apart = largest_difference(&grads, &their_grads);
        println!("  candle: loss {theirs:?}, grads at most {apart:.1e} apart");

        // Each weight nudged by ±H, the loss computed with plain numbers.
        let loss_at = |weights: &[f64]| {
            let mut weights = weights.iter().copied();
            let nudged = gpt.map(|_| weights.next().expect("a weight each"));
            loss(&mut Numbers, &nudged, &tokens)
        };
        let report = compare(loss_at, &at, &grads, H);
        let (worst, passed) = (report.worst(), report.passed());
        let losses = 2 * at.len();
        println!("  central differences, {losses} losses:");
        let verdict = format!("all within {TOLERANCE:.0e}? {passed}");
        println!("    worst error {worst:.1e}, {verdict}");
        let zeros = grads.iter().filter(|&&g| g == 0.0).count();
        println!("  grads that are exactly 0: {zeros} of {}", grads.len());
    }
}
