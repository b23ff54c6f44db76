// Generated from chapters/11-fast.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 55d02a50f485c3f1
//! Chapter 6's engine with the new `Drop`, its steps timed whole, in
//! phases, or both in turn in one process, each kind on its own copy of the
//! network. Prints the whole steps' median ms, the sum of the phases'
//! medians, as the bench sums them, then each phase's median in the order
//! they run; `-` for what it did not time.

use std::time::Instant;

use ch10_moons::{learning_rate, network_with, original};
use ch11_fast::{Engine, ValueEngine, Walk, median, phases};
use micrograd::Value;

/// Timed steps of each kind, after two of each to warm up, as in the bench.
const TIMED: usize = 20;

fn main() {
    let way = std::env::args().nth(1).unwrap_or_default();
    let (whole, in_phases) = match way.as_str() {
        "whole" => (true, false),
        "phases" => (false, true),
        "both" => (true, true),
        _ => {
            eprintln!("usage: ch11-overrun whole|phases|both");
            std::process::exit(2);
        }
    };
    let original = original::load();
    let data = &original.points;
    let mut engine = ValueEngine::new(&original.parameters, Walk::Hashed);
    let model = network_with(&original.parameters);
    let (mut wholes, mut phased) = (vec![], vec![]);
    for k in 0..TIMED + 2 {
        let rate = learning_rate(k);
        let mut time_whole = || {
            let clock = Instant::now();
            engine.step(data, rate);
            clock.elapsed()
        };
        let time_phases = || {
            let step = || phases(&model, data, rate, drop);
            Value::with_operands_in_a_vec(step)
        };
        // In turn, the phases go first at every other step.
        let (w, p) = if whole && in_phases && k % 2 == 1 {
            let p = time_phases();
            (Some(time_whole()), Some(p))
        } else {
            (whole.then(time_whole), in_phases.then(time_phases))
        };
        if k >= 2 {
            wholes.extend(w);
            phased.extend(p);
        }
    }
    let whole_ms = (!wholes.is_empty()).then(|| median(wholes));
    // Each phase's median over the steps, then their sum: `None` if any
    // is, so if the phases were not timed.
    let each = |i: usize| {
        let times: Vec<_> = phased.iter().map(|p: &[_; 5]| p[i].1).collect();
        (!times.is_empty()).then(|| median(times))
    };
    let phase_ms: Vec<Option<f64>> = (0..5).map(each).collect();
    let sum: Option<f64> = phase_ms.iter().copied().sum();
    let shown = [whole_ms, sum]
        .into_iter()
        .chain(phase_ms)
        .map(|ms| ms.map_or("-".to_string(), |ms| format!("{ms:.3}")));
    println!("{}", shown.collect::<Vec<_>>().join(" "));
}
