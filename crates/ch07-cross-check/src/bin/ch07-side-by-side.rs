// Generated from chapters/07-cross-check.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 52d1f8f19455dcfd
//! Each expression in both engines: its value and gradient, side by side.

use ch07_cross_check::{CASES, SAME, with_candle, with_micrograd};
use micrograd::check::difference;

fn main() -> candle_core::Result<()> {
    let mut mismatches = 0;
    for case in &CASES {
        println!("{}", case.name);
        println!("      {:<23} {:<23} difference", "micrograd", "candle");
        let names = case.inputs.iter().map(|&(name, _)| name);
        let names = std::iter::once("out").chain(names);
        let (ours, theirs) = (with_micrograd(case), with_candle(case)?);
        for ((name, a), b) in names.zip(ours).zip(theirs) {
            let d = difference(a, b);
            // Written so that a NaN difference counts as a mismatch too.
            let same = d <= SAME;
            let flag = if same { "" } else { "  MISMATCH" };
            mismatches += usize::from(!same);
            println!("{name:<5} {a:<23?} {b:<23?} {d:.1e}{flag}");
        }
        println!();
    }
    println!("mismatches: {mismatches}");
    Ok(())
}
