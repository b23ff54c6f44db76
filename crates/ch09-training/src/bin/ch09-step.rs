// Generated from chapters/09-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: faee08c3f057d523
//! The loss's grads, and one step of gradient descent by hand.

use ch09_training::{RATE, YS, descend, loss, network, predictions};
use micrograd::nn::Module;

fn main() {
    let mlp = network();
    let ypred = predictions(&mlp);
    let loss_before = loss(&ypred);
    loss_before.backward();
    // The first weight of the first neuron of the first layer.
    let w = mlp.parameters()[0].clone();
    println!("w = {:?}, its grad {:?}", w.data(), w.grad());

    descend(&mlp, RATE);
    println!("one step at rate {RATE:?} takes w to {:?}", w.data());
    let after = predictions(&mlp);
    println!("target  before                 after");
    for ((target, y), z) in YS.iter().zip(&ypred).zip(&after) {
        println!("{target:<7?} {:<22?} {:?}", y.data(), z.data());
    }
    let loss_after = loss(&after);
    let (before, after) = (loss_before.data(), loss_after.data());
    println!("loss: before {before:?}, after {after:?}");
}
