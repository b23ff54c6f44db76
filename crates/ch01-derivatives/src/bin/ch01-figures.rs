// Generated from chapters/01-derivatives.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 790266c8c03c5f5c
//! Draws this chapter's figure into the folder given as the first argument.

use ch01_derivatives::{f, slope};
use viz::{Plot, plot::sample};

fn main() {
    let dir = std::env::args().nth(1).expect("usage: figures DIR");
    let mut plot =
        Plot::new("f(x) = 3x² − 4x + 5 and its slope at three points")
            .axes("x", "f(x)")
            .y_range(-10.0, 110.0)
            .curve("f(x)", sample(f, -5.0, 5.0, 201));
    for (x, name) in [(3.0, "3"), (-3.0, "−3"), (2.0 / 3.0, "2/3")] {
        let m = slope(f, x, 0.00001);
        let tangent = |t: f64| f(x) + m * (t - x);
        plot = plot
            .dashed(
                &format!("tangent at {name}"),
                sample(tangent, x - 1.5, x + 1.5, 2),
            )
            .mark(&format!("x = {name}"), (x, f(x)));
    }
    let svg = plot.to_svg().expect("the plot draws");
    std::fs::write(format!("{dir}/01-f-and-tangents.svg"), svg)
        .expect("the figure is written");
}
