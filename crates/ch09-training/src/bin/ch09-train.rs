// Generated from chapters/09-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 8afc02cc2e64bb4b
//! Training for real: the fixed loop for 200 steps, and what the network says.

use ch09_training::{RATE, YS, loss, network, predictions, train};

fn main() {
    let mlp = network();
    let losses = train(&mlp, 200, RATE);
    for (step, loss) in losses.iter().enumerate() {
        let step = step + 1;
        if step == 1 || step % 20 == 0 {
            println!("step {step:>3}: loss {loss:?}");
        }
    }
    let ypred = predictions(&mlp);
    println!("after 200 steps: loss {:?}", loss(&ypred).data());
    println!("target  prediction");
    for (target, y) in YS.iter().zip(&ypred) {
        println!("{target:<7?} {:?}", y.data());
    }
}
