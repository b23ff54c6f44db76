// Generated from chapters/07-cross-check.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 5a511e94a1b70a5a
//! Draws this chapter's figure into the folder given as the first argument.

use ch07_cross_check::CASES;
use micrograd::check::{TOLERANCE, check_grads_with_step};
use viz::Plot;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: figures DIR");
    // log₁₀ h from −1 to −10, in steps of a quarter.
    let exponents: Vec<f64> = (4..=40).map(|k| -f64::from(k) / 4.0).collect();
    let mut plot = Plot::new("The gradient checker's largest error, by step h")
        .axes("log₁₀ h", "log₁₀ largest error")
        .y_range(-12.0, -1.0);
    for case in &CASES {
        let points = exponents
            .iter()
            .map(|&e| {
                let h = 10f64.powf(e);
                let report = check_grads_with_step(case.ours, &case.at(), h);
                (e, report.worst().log10())
            })
            .collect();
        plot = plot.curve(case.name, points);
    }
    let tolerance = TOLERANCE.log10();
    let svg = plot
        .dashed("the tolerance", vec![(-10.0, tolerance), (-1.0, tolerance)])
        .to_svg()
        .expect("the plot draws");
    std::fs::write(format!("{dir}/07-step-size.svg"), svg)
        .expect("the figure is written");
}
