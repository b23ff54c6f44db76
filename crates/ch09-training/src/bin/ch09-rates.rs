// Generated from chapters/09-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 436545246eeeeec3
//! The fixed loop at four learning rates, from the same starting weights.

use ch09_training::{YS, network, predictions, train};

fn main() {
    let rates = [0.01, 0.05, 0.2, 1.0];
    let networks = rates.map(|_| network());
    let runs: Vec<Vec<f64>> = rates
        .iter()
        .zip(&networks)
        .map(|(&rate, mlp)| train(mlp, 40, rate))
        .collect();
    // A line of the table: the first cell, then one per rate, 11 wide.
    let row = |first: String, cells: Vec<String>| {
        let cells: Vec<String> =
            cells.iter().map(|cell| format!("{cell:>11}")).collect();
        println!("{first:>4} {}", cells.concat());
    };
    row("step".into(), rates.map(|rate| format!("rate {rate:?}")).into());
    for step in 0..40 {
        let losses = runs.iter().map(|run| format!("{:.6}", run[step]));
        row((step + 1).to_string(), losses.collect());
    }
    println!("predictions after 40 steps");
    let ypred: Vec<Vec<f64>> = networks
        .iter()
        .map(|mlp| predictions(mlp).iter().map(|y| y.data()).collect())
        .collect();
    for (i, target) in YS.iter().enumerate() {
        let ys = ypred.iter().map(|y| format!("{:.6}", y[i]));
        row(format!("{target:?}"), ys.collect());
    }
}
