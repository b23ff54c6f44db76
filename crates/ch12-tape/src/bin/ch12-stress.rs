// Generated from chapters/12-measure.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: f9f083821dcd48a6
//! Checks every engine's backward on 10,000 random graphs; then checks that
//! the test catches a tape whose every grad is wrong in the fifth digit.

use std::hint::black_box;

use ch12_tape::stress::{Grads, engines, graphs, stress, tape_grads};

fn main() {
    println!("Each engine on the same 10,000 graphs:");
    for engine in engines() {
        let (checked, mismatches) = stress(11, 10_000, &[engine]);
        let count = checked.len();
        let not_zero = checked.iter().filter(|s| s.claimed != 0.0).count();
        let wrong = mismatches.len();
        let name = engine.0;
        println!(
            "  {name:<16}{count} grads, {not_zero} not 0, {wrong} mismatches"
        );
        for m in mismatches.iter().take(10) {
            println!("{m}");
        }
    }

    println!("Inputs whose grad is 0 in some engines, not in others:");
    let mut found = 0;
    for (index, graph) in graphs(11).take(10_000).enumerate() {
        let grads = engines().map(|(_, grads)| grads(&graph));
        for i in 0..graph.inputs.len() {
            let zeros = grads.iter().filter(|g| g[i] == 0.0).count();
            if zeros == 0 || zeros == grads.len() {
                continue;
            }
            found += 1;
            println!("  graph {index}, input v{i} = {}:", graph.inputs[i]);
            let first = graph.inputs.len();
            for (k, op) in graph.ops.iter().enumerate() {
                println!("    v{} = {op:?}", first + k);
            }
            for ((name, _), grads) in engines().iter().zip(&grads) {
                println!("    {name:<16}grad {:e}", grads[i]);
            }
        }
    }
    if found == 0 {
        println!("  none");
    }

    // Graph 6706's v1 is v0 / v0, made as micrograd makes it, v0 · v0⁻¹: per
    // unit of v1's grad, v0 gets v0⁻¹ from the product and −v0⁻² · v0 from
    // the power. Its inverse from glibc's `pow` (the exponent hidden from
    // the compiler, so that the call stays), or by division.
    let graph = graphs(11).nth(6706).expect("10,000 graphs");
    let x = graph.inputs[0];
    let from_power = -x.powf(black_box(-2.0)) * x;
    println!("Graph 6706, v0's grad in each engine:");
    for (name, grads) in engines() {
        println!("  {name:<16}{:e}", grads(&graph)[0]);
    }
    println!("and v0's two shares per unit of v1's grad:");
    let by_pow = x.powf(black_box(-1.0));
    for (how, inverse) in [("pow", by_pow), ("1/v0", 1.0 / x)] {
        let sum = inverse + from_power;
        println!("  v0^-1 by {how:<5}{inverse:?} + {from_power:?} = {sum:e}");
    }

    let off: Grads =
        |g| tape_grads(g, false).iter().map(|d| d * 1.0001).collect();
    let (checked, mismatches) = stress(11, 10_000, &[("tape, off", off)]);
    let (count, caught) = (checked.len(), mismatches.len());
    println!(
        "every tape grad times 1.0001: {count} checked, {caught} mismatches"
    );
    // The grads that pass although each is off by a part in 10,000.
    let missed: Vec<f64> = checked
        .iter()
        .filter(|slope| slope.passed())
        .map(|slope| slope.claimed.abs())
        .collect();
    let zero = missed.iter().filter(|&&g| g == 0.0).count();
    let tiny = missed.iter().filter(|&&g| g > 0.0 && g < 1e-3).count();
    let other = missed.len() - zero - tiny;
    println!("  missed: {zero} exactly 0, {tiny} under 0.001, {other} other");
}
