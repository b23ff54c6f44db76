// Generated from chapters/08-network.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 259b2f67d00a84f9
//! Two starts that make a layer's neurons alike: every parameter 0.1, and
//! every parameter 0.

use ch08_mlp::{INPUT, lecture_net};
use micrograd::nn::{Mlp, Module};

/// The lecture's network with every parameter set to `c`, after one
/// backward pass from its output on the lecture's first input.
fn started_at(c: f64) -> Mlp {
    let net = lecture_net();
    for p in net.parameters() {
        p.set_data(c);
    }
    net.predict(&INPUT).backward();
    net
}

fn main() {
    let net = started_at(0.1);
    println!("every parameter 0.1: the grads of layer 1's neurons");
    println!("  {:>10}{:>10}{:>10}{:>10}", "w1", "w2", "w3", "bias");
    for neuron in net.layers()[0].neurons() {
        let grads: Vec<String> = neuron
            .parameters()
            .iter()
            .map(|p| format!("{:>10.6}", p.grad()))
            .collect();
        println!("  {}", grads.join(""));
    }

    let net = started_at(0.0);
    let count = net.parameters().len();
    let nonzero =
        || net.parameters().iter().filter(|p| p.grad() != 0.0).count();
    println!("every parameter 0: {} of {count} grads are not 0", nonzero());
    for p in net.parameters() {
        p.set_data(p.data() - 0.1 * p.grad());
    }
    net.zero_grad();
    let o = net.predict(&INPUT);
    o.backward();
    println!("after one step: o = {:?}", o.data());
    println!("and {} of {count} grads are not 0", nonzero());
}
