// Generated from chapters/08-network.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 78353b1048125820
//! Parameters are handles: changing one through `parameters()` changes the
//! network, and `zero_grad` resets the grads the network's own values hold.

use ch08_mlp::{INPUT, lecture_net};
use micrograd::nn::Module;

fn main() {
    let net = lecture_net();
    let count = net.parameters().len();
    let nonzero =
        || net.parameters().iter().filter(|p| p.grad() != 0.0).count();
    let o = net.predict(&INPUT);
    o.backward();
    println!("o = {:?}", o.data());
    println!("after o.backward(): {} of {count} grads are not 0", nonzero());
    let w = net.parameters()[0].clone();
    println!("the first weight: data {:?}, grad {:?}", w.data(), w.grad());
    let step = 0.01;
    let predicted = o.data() + step * w.grad();
    println!("so o + {step} × grad = {predicted:?}");

    w.set_data(w.data() + step);
    let nudged = net.predict(&INPUT);
    println!("with that weight {step} larger: o = {:?}", nudged.data());
    let change = (nudged.data() - o.data()) / (predicted - o.data());
    println!("the change in o over the predicted change: {change:.4}");

    net.zero_grad();
    println!("after net.zero_grad(): {} of {count} grads are not 0", nonzero());
}
