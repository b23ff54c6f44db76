// Generated from chapters/10-live.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 53836046173f53b7
//! Runs the module the page loads in wasmi, beside the same functions
//! compiled for this machine, and compares what they compute, bit for bit.

use ch10_live::module::{PATH, Wasm};

fn main() -> ch10_live::module::Result<()> {
    let bytes = std::fs::read(PATH).map_err(|e| format!("{PATH}: {e}"))?;
    let mut wasm = Wasm::new(&bytes)?;

    // The notebook's points and weights, and the losses the original
    // micrograd computed from them (chapter 10).
    let count = ch10_live::start_original();
    let in_wasm = wasm.call("start_original", ())?;
    let same = bits(&ch10_live::points_vec()) == bits(&wasm.points(in_wasm)?);
    println!("the notebook's {count} points, the same in both: {same}");
    let python = ch10_moons::original::load().steps;
    let mut all_same = true;
    for (step, python) in (0..).zip(&python) {
        let native = ch10_live::train(1, ch10_live::chapter_rate(step));
        let rate: f64 = wasm.call("chapter_rate", step)?;
        let in_wasm: f64 = wasm.call("train", (1u32, rate))?;
        let same = native.to_bits() == in_wasm.to_bits()
            && in_wasm.to_bits() == python.loss.to_bits();
        all_same &= same;
        if step < 5 || step == 99 {
            let losses = format!("native {native:?}, wasm {in_wasm:?}");
            println!("step {step}: {losses}, original? {same}");
        }
    }
    println!("all {} steps the same in the three: {all_same}", python.len());

    // Points drawn from a seed, with ln, cos and sin. How many differ
    // depends on this machine's maths library, so only whether any do is
    // printed.
    let mut differ = false;
    for seed in 1..=100u32 {
        ch10_live::start_seeded(seed);
        let native = bits(&ch10_live::points_vec());
        let count = wasm.call("start_seeded", seed)?;
        differ |= native != bits(&wasm.points(count)?);
    }
    println!("seeds 1 to 100, some points differ: {differ}");
    for (function, name) in (0..).zip(["ln", "cos", "sin", "sqrt"]) {
        let mut differ = false;
        for i in 1..=1000 {
            // ln and sqrt on (0, 1], cos and sin on (0, 2π].
            let scale = if function == 1 || function == 2 { TAU } else { 1.0 };
            let x = scale * f64::from(i) / 1000.0;
            let native = ch10_live::maths(function, x);
            let in_wasm: f64 = wasm.call("maths", (function, x))?;
            differ |= native.to_bits() != in_wasm.to_bits();
        }
        println!("{name} of 1,000 inputs, some results differ: {differ}");
    }
    Ok(())
}

use std::f64::consts::TAU;

/// The numbers' bits, to compare them exactly.
fn bits(numbers: &[f64]) -> Vec<u64> {
    numbers.iter().map(|x| x.to_bits()).collect()
}
