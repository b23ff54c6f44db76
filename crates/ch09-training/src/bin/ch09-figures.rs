// Generated from chapters/09-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 252e56bb35de603a
//! Draws this chapter's figures into the folder given as the first argument.

use ch09_training::{RATE, network, train, train_forgetting_zero_grad};
use viz::Plot;

/// A run's losses as points (step, loss), the steps counted from 1.
fn points(losses: &[f64]) -> Vec<(f64, f64)> {
    losses.iter().enumerate().map(|(i, &l)| ((i + 1) as f64, l)).collect()
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: figures DIR");
    let write = |name: &str, plot: Plot| {
        let svg = plot.to_svg().expect("the plot draws");
        std::fs::write(format!("{dir}/{name}"), svg)
            .expect("the figure is written");
    };

    let steps = 40;
    let fixed = train(&network(), steps, RATE);
    let buggy = train_forgetting_zero_grad(&network(), steps, RATE);
    write(
        "09-zero-grad.svg",
        Plot::new("The same network trained at rate 0.05, two ways")
            .axes("step", "loss")
            .y_range(-0.25, 9.0)
            .curve("zero_grad every step", points(&fixed))
            .curve("no zero_grad (the bug)", points(&buggy)),
    );

    // Room above the loss of 8 for the legend.
    let mut plot = Plot::new("The same network trained at four learning rates")
        .axes("step", "loss")
        .y_range(-0.25, 11.0);
    for rate in [0.01, 0.05, 0.2, 1.0] {
        let losses = train(&network(), steps, rate);
        plot = plot.curve(&format!("rate {rate:?}"), points(&losses));
    }
    write("09-rates.svg", plot);
}
