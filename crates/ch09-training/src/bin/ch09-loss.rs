// Generated from chapters/09-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: bd5e44d986246ba2
//! What the untrained network says, and how wrong it is.

use ch09_training::{XS, YS, loss, network, predictions};
use micrograd::nn::Module;

fn main() {
    let mlp = network();
    println!("MLP(3, [4, 4, 1]), {} parameters", mlp.parameters().len());
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
}
