// Generated from chapters/09-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 0928975522eab49e
//! The loop without zero_grad, run on: how far each step moves the weights.

use ch09_training::{
    RATE, YS, network, predictions, train, train_forgetting_zero_grad,
};
use micrograd::nn::{Mlp, Module};

/// The length of a list of numbers seen as a vector: √(Σ x²).
fn length(xs: impl IntoIterator<Item = f64>) -> f64 {
    xs.into_iter().map(|x| x * x).sum::<f64>().sqrt()
}

/// Takes `steps` steps, one at a time, with `step`, which returns the loss it
/// started from. For each: that loss, the length of the step the weights took,
/// and the size (the length) of the weights after it.
fn measure(
    mlp: &Mlp,
    steps: usize,
    step: impl Fn(&Mlp) -> f64,
) -> Vec<(f64, f64, f64)> {
    let data = || mlp.parameters().iter().map(|p| p.data()).collect();
    let mut rows = Vec::with_capacity(steps);
    for _ in 0..steps {
        let before: Vec<f64> = data();
        let loss = step(mlp);
        let after: Vec<f64> = data();
        let moved = before.iter().zip(&after).map(|(b, a)| a - b);
        rows.push((loss, length(moved), length(after)));
    }
    rows
}

fn main() {
    let mlp = network();
    println!("without zero_grad, rate {RATE:?}");
    println!(
        "step  loss                    step length          weights' size"
    );
    // One step at a time: the grads that were not zeroed stay in the weights.
    let runaway =
        measure(&mlp, 40, |mlp| train_forgetting_zero_grad(mlp, 1, RATE)[0]);
    for (step, (loss, moved, size)) in runaway.iter().enumerate() {
        println!("{:>4}  {loss:<22?}  {moved:<20?} {size:?}", step + 1);
    }
    println!("after 40 steps:");
    for (target, y) in YS.iter().zip(predictions(&mlp)) {
        println!("  target {target:<4?}  prediction {:?}", y.data());
    }

    // The same run again, to see the four predictions around the first jump.
    let again = network();
    train_forgetting_zero_grad(&again, 23, RATE);
    println!("predictions at the start of steps 24 to 26, targets {YS:?},");
    println!("and the output tanh's slope 1 − y² on the first example:");
    for step in 24..=26 {
        let ys = predictions(&again);
        let row: String =
            ys.iter().map(|y| format!("{:>11.6}", y.data())).collect();
        let slope = 1.0 - ys[0].data().powi(2);
        println!("{step:>4}{row}  {slope:>9.5}");
        train_forgetting_zero_grad(&again, 1, RATE);
    }

    let fixed = measure(&network(), 40, |mlp| train(mlp, 1, RATE)[0]);
    let (loss, moved, size) = fixed[39];
    println!("with zero_grad, step 40: loss {loss:?}");
    println!("  step length {moved:?}, weights' size {size:?}");
}
