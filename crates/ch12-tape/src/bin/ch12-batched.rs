// Generated from chapters/12-floor.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 3db294d841cb8511
//! Trains chapter 10's demo with candle's tensors, and compares each step
//! with the original's.

use ch10_moons::Step;
use ch11_fast::train;
use ch12_tape::batched::Moons;

fn main() -> candle_core::Result<()> {
    let original = ch10_moons::original::load();
    let mut moons = Moons::new(&original.parameters)?;
    let steps = train(&mut moons, &original.points);
    let pairs = steps.iter().zip(&original.steps);
    let equal = |(a, b): &(&Step, &Step)| a.loss.to_bits() == b.loss.to_bits();
    let same = pairs.clone().filter(equal).count();
    let first = pairs.clone().position(|pair| !equal(&pair));
    let farthest = pairs
        .clone()
        .map(|(a, b)| ((a.loss - b.loss) / b.loss).abs())
        .fold(0.0, f64::max);
    let accuracies = pairs.filter(|(a, b)| a.accuracy == b.accuracy).count();
    println!("candle's 100 steps against the original's:");
    println!("  losses equal to the bit: {same}");
    if let Some(step) = first {
        println!("  the first that is not: step {step}");
    }
    println!("  the largest relative difference of a loss: {farthest:.1e}");
    println!("  accuracies equal: {accuracies}");
    println!("  tensors a step's backward walks: {}", moons.tensors());
    Ok(())
}
