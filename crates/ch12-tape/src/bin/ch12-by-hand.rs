// Generated from chapters/12-floor.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 3d33948299bc03cf
//! Trains chapter 10's demo with the step written out by hand, and compares
//! its 100 steps with the original's, bit for bit.

use ch11_fast::Engines;
use ch12_tape::floor::Moons;

fn by_hand(parameters: &[f64]) -> Engines {
    vec![("hand-written", Box::new(Moons::new(parameters)))]
}

fn main() {
    ch11_fast::compare(by_hand);
}
