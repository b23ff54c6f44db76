// Generated from chapters/07-cross-check.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 6ea37197481695d0
//! The gradient checker on the chapter's expressions, and on a wrong slope.

use ch07_cross_check::CASES;
use micrograd::check::{H, Report, TOLERANCE, check_grads, compare};

fn verdict(report: &Report) -> &'static str {
    if report.passed() { "passed" } else { "FAILED" }
}

fn main() {
    println!("step h = {H:e}, tolerance {TOLERANCE:e}");
    for case in &CASES {
        let report = check_grads(case.ours, &case.at());
        println!("{}: {}", case.name, verdict(&report));
        for ((name, _), slope) in case.inputs.iter().zip(&report.slopes) {
            println!(
                "  {name:<2}  backprop {:<20?} measured {:<20?} error {:.1e}",
                slope.claimed,
                slope.measured,
                slope.error()
            );
        }
    }
    // x·x at x = 3 has slope 6; chapter 5's bug kept one share of it, 3.
    let report = compare(|x| x[0] * x[0], &[3.0], &[3.0], H);
    println!();
    println!("x·x at 3, with the slope claimed as 3: {}", verdict(&report));
    let slope = report.slopes[0];
    println!("  measured {:?}, error {:.1e}", slope.measured, slope.error());
    // relu just right of its kink, where its slope is 1: the nudge reaches
    // across the kink (the next section).
    let report = check_grads(|x| x[0].relu(), &[1e-7]);
    let slope = report.slopes[0];
    println!();
    println!("relu at 1e-7: {}", verdict(&report));
    println!("  backprop {:?}, measured {:?}", slope.claimed, slope.measured);
}
