// Generated from chapters/09-training.md by `cargo xtask tangle`: edit the chapter, not this file.
//! What the untrained network says, how wrong it is, which way to move one
//! weight, and one step of gradient descent by hand.

use ch09_training::{RATE, XS, YS, descend, loss, network, predictions};
use micrograd::nn::Module;

fn main() {
    let mlp = network();
    println!("{} parameters", mlp.parameters().len());
    let ypred = predictions(&mlp);
    println!("x                 target  prediction             (y - target)²");
    for ((x, target), y) in XS.iter().zip(YS).zip(&ypred) {
        let x = format!("{x:?}");
        let error = (y.data() - target).powi(2);
        println!("{x:<17} {target:<7?} {:<22?} {error:?}", y.data());
    }
    let loss = loss(&ypred);
    let nodes = loss.topo().len();
    println!("loss = {:?}, a graph of {nodes} nodes", loss.data());

    loss.backward();
    let w = mlp.parameters()[0].clone();
    println!("the first weight: {:?}, its grad: {:?}", w.data(), w.grad());

    descend(&mlp, RATE);
    println!("one step at rate {RATE:?} takes it to {:?}", w.data());
    let after = predictions(&mlp);
    println!("target  before                 after");
    for ((target, y), z) in YS.iter().zip(&ypred).zip(&after) {
        println!("{target:<7?} {:<22?} {:?}", y.data(), z.data());
    }
    let new_loss = ch09_training::loss(&after);
    println!("loss: before {:?}, after {:?}", loss.data(), new_loss.data());
}
