// Generated from chapters/12-tape.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 56968b09e58bb238
//! Checks every engine's backward on 10,000 random graphs; then checks that
//! the test catches a tape whose every grad is wrong in the fifth digit.

use ch12_tape::stress::{Grads, engines, stress, tape_grads};

fn main() {
    let (checked, mismatches) = stress(11, 10_000, &engines());
    println!("{checked} grads checked, {} mismatches", mismatches.len());
    for m in mismatches.iter().take(10) {
        println!("{m}");
    }

    let off: Grads =
        |g| tape_grads(g, false).iter().map(|d| d * 1.0001).collect();
    let (checked, mismatches) = stress(11, 10_000, &[("tape, off", off)]);
    let caught = mismatches.len();
    println!(
        "every tape grad times 1.0001: {checked} checked, {caught} mismatches"
    );
}
