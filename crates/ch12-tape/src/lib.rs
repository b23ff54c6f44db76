// Generated from chapters/12-tape.md, chapters/12-floor.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 8429ba785d2a1426
//! Chapters 12 to 12.3: the training step on a tape, with fused operations,
//! by hand, and in candle; every engine checked and timed.

pub mod on_tape;
pub mod stress;

use ch11_fast::{Chain, Engines};
use on_tape::Ops;

/// Every engine with a graph, of chapters 11 and 12, in order, each with
/// chapter 10's network set to `parameters`.
pub fn engines(parameters: &[f64]) -> Engines {
    let mut engines = ch11_fast::engines(parameters);
    let tape = on_tape::Moons::new(parameters, Ops::Scalar);
    engines.push(("tape", Box::new(tape)));
    let fused = on_tape::Moons::new(parameters, Ops::Fused);
    engines.push(("fused tape", Box::new(fused)));
    engines
}

/// Chapter 6's chain in each engine with a graph, chapter 11's first.
pub fn chains() -> Vec<(&'static str, Chain)> {
    let mut chains = ch11_fast::chains();
    chains.push(("tape", on_tape::chain));
    chains.push(("fused tape", on_tape::chain));
    chains
}

pub mod floor;

pub mod batched;

/// Every engine, then the step by hand and candle's tensors: what
/// `ch12-bench` times.
pub fn benched(parameters: &[f64]) -> Engines {
    let mut engines = engines(parameters);
    engines.push(("hand-written", Box::new(floor::Moons::new(parameters))));
    let candle =
        batched::Moons::new(parameters).expect("candle makes the network");
    engines.push(("candle tensors", Box::new(candle)));
    engines
}
