// Generated from chapters/09-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 48c56fb3b51b87da
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
    // Rate 1.0 again, run on well past 40 steps.
    let long = train(&network(), 400, 1.0);
    println!("rate 1.0, run on to 400 steps");
    for step in [40, 50, 51, 52, 53, 54, 400] {
        println!("{step:>4}    {:?}", long[step - 1]);
    }
}
