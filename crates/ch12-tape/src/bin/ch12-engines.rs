// Generated from chapters/12-tape.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: be57ddfee719e68a
//! Trains chapter 10's demo with every engine, and compares each one's 100
//! steps with the original's, bit for bit.

use ch10_moons::original;
use ch11_fast::train;
use ch12_tape::engines;

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
