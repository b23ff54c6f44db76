// Generated from chapters/08-mlp.md by `cargo xtask tangle`: edit the chapter, not this file.
//! Parameters are handles: changing one through `parameters()` changes the
//! network, and `zero_grad` resets the grads the network's own values hold.

use ch08_mlp::{X, lecture_net};
use micrograd::nn::Module;

fn main() {
    let net = lecture_net();
    println!("o = {:?}", net.predict(&X).data());
    let w = net.parameters()[0].clone();
    w.set_data(w.data() + 0.1);
    println!("with the first weight 0.1 larger: o = {:?}", net.predict(&X).data());

    let o = net.predict(&X);
    o.backward();
    let nonzero =
        || net.parameters().iter().filter(|p| p.grad() != 0.0).count();
    println!("after o.backward(): {} of 41 grads are not 0", nonzero());
    println!("the first weight's grad: {:?}", w.grad());
    net.zero_grad();
    println!("after net.zero_grad(): {} of 41 grads are not 0", nonzero());
}
