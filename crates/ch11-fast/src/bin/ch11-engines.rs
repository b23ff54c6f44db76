// Generated from chapters/11-fast.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 8662a90ac81a0f0a
//! Trains chapter 10's demo with each of this chapter's engines, and compares
//! each one's 100 steps with the original's, bit for bit.

use ch10_moons::original;
use ch11_fast::{engines, train};

fn main() {
    let original = original::load();
    for (name, mut engine) in engines(&original.parameters) {
        let steps = train(engine.as_mut(), &original.points);
        let same = steps.iter().zip(&original.steps).filter(|(a, b)| a == b);
        println!(
            "{name}: {} nodes a step, steps equal to the original's: {} of {}",
            engine.nodes(),
            same.count(),
            original.steps.len()
        );
    }
}
