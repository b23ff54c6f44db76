// Generated from chapters/09-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: d4e6ef3c9bf9c6b9
//! The training loop as first written: 20 steps at the lecture's rate.

use ch09_training::{
    RATE, YS, network, predictions, train_forgetting_zero_grad,
};

fn main() {
    let mlp = network();
    let losses = train_forgetting_zero_grad(&mlp, 20, RATE);
    for (step, loss) in losses.iter().enumerate() {
        println!("step {:>2}: loss {loss:?}", step + 1);
    }
    println!("target  prediction");
    for (target, y) in YS.iter().zip(predictions(&mlp)) {
        println!("{target:<7?} {:?}", y.data());
    }
}
