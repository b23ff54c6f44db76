// Generated from chapters/14-gpt.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 8aeb0471f5a9cc3e
//! Chapter 14: a GPT, piece by piece, written once for three engines.

pub mod candle;
pub mod engine;
pub mod model;
pub mod names;

use ch13_classes::data::shuffle;
use rand::{SeedableRng, rngs::Xoshiro256PlusPlus};

use model::Gpt;

/// The seed of everything random in the chapter.
pub const SEED: u64 = 14;

/// The largest |a − b| of the pairs; NaN if any is NaN, which `f64::max`
/// would drop, making a broken grad look like a match.
///
/// # Panics
///
/// If `a` and `b` differ in length.
pub fn largest_difference(a: &[f64], b: &[f64]) -> f64 {
    assert_eq!(a.len(), b.len(), "as many numbers on each side");
    let worse =
        |worst: f64, d: f64| if d.is_nan() || d > worst { d } else { worst };
    a.iter().zip(b).map(|(a, b)| (a - b).abs()).fold(0.0, worse)
}

/// What every program starts from: the names in a shuffled order, the
/// untrained model, and the generator that drew them, for what comes next.
pub fn start() -> (Vec<&'static str>, Gpt<f64>, Xoshiro256PlusPlus) {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(SEED);
    let mut names = names::names();
    shuffle(&mut names, &mut rng);
    let gpt = Gpt::random(&mut rng);
    (names, gpt, rng)
}
