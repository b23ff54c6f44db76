// Generated from chapters/09-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 4b8581a9dab9660f
//! The training loop as first written, and fixed, from the same weights.

use ch09_training::{RATE, network, train, train_forgetting_zero_grad};

fn main() {
    let steps = 20;
    let fixed = train(&network(), steps, RATE);
    let buggy = train_forgetting_zero_grad(&network(), steps, RATE);
    println!("loss at each step, rate {RATE:?}");
    println!("step  with zero_grad         without");
    for (step, (f, b)) in fixed.iter().zip(&buggy).enumerate() {
        println!("{:>4}  {f:<22?} {b:?}", step + 1);
    }
}
