// Generated from chapters/08-mlp.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 980c086af8796490
//! The lecture's network, MLP(3, [4, 4, 1]): its parameters, and a forward
//! pass on the lecture's input.

use ch08_mlp::{INPUT, lecture_net, rng};
use micrograd::nn::{Mlp, Module};

fn main() {
    let net = lecture_net();
    println!("MLP(3, [4, 4, 1]) has {} parameters:", net.parameters().len());
    for (i, layer) in net.layers().iter().enumerate() {
        let neurons = if layer.nout() == 1 { "neuron" } else { "neurons" };
        println!(
            "  layer {}: {} {neurons} × ({} weights + 1 bias) = {}",
            i + 1,
            layer.nout(),
            layer.nin(),
            layer.parameters().len()
        );
    }
    println!("the first neuron's w1, w2, w3 and b:");
    for p in &net.parameters()[..4] {
        println!("  {:?}", p.data());
    }

    let o = net.predict(&INPUT);
    println!("x = {INPUT:?}");
    println!("o = {o}");
    println!("the graph of o has {} nodes", o.topo().len());

    println!("other shapes:");
    // The annotation makes each array of sizes a slice, so that arrays of
    // different lengths fit in one list.
    let shapes: [(usize, &[usize]); 3] =
        [(2, &[2, 1]), (1, &[1]), (2, &[16, 16, 1])];
    for (nin, nouts) in shapes {
        let net = Mlp::new(nin, nouts, &mut rng());
        let count = net.parameters().len();
        println!("  MLP({nin}, {nouts:?}): {count} parameters");
    }
}
