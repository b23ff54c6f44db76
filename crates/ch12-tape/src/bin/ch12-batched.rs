// Generated from chapters/12-floor.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 29459f3a505a8a39
//! Trains chapter 10's demo with candle's tensors, and compares each step
//! with the original's.

use ch11_fast::train;
use ch12_tape::batched::Moons;

fn main() -> candle_core::Result<()> {
    let original = ch10_moons::original::load();
    let mut moons = Moons::new(&original.parameters)?;
    let steps = train(&mut moons, &original.points);
    let pairs = steps.iter().zip(&original.steps);
    let same =
        pairs.clone().filter(|(a, b)| a.loss.to_bits() == b.loss.to_bits());
    let same = same.count();
    let farthest = pairs
        .clone()
        .map(|(a, b)| ((a.loss - b.loss) / b.loss).abs())
        .fold(0.0, f64::max);
    let accuracies = pairs.filter(|(a, b)| a.accuracy == b.accuracy).count();
    println!("candle's 100 steps against the original's:");
    println!("  losses equal to the bit: {same}");
    println!("  the largest relative difference of a loss: {farthest:.1e}");
    println!("  accuracies equal: {accuracies}");
    Ok(())
}
