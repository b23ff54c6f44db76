// Generated from chapters/08-mlp.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 657587e32510cde6
//! A random neuron, then chapter 3's neuron: the same neuron, with its weights
//! and bias set through the handles `parameters` returns.

use ch08_mlp::rng;
use micrograd::Value;
// `parameters` is a method of the trait `Module`, which must be in scope.
use micrograd::nn::{Activation, Module, Neuron};

fn main() {
    let neuron = Neuron::new(2, Activation::Tanh, &mut rng());
    let x = [Value::new(2.0), Value::new(0.0)];
    println!("a random neuron with 2 inputs:");
    for (name, p) in ["w1", "w2", "b"].iter().zip(neuron.parameters()) {
        println!("  {name} = {:?}", p.data());
    }
    println!("on x = [2, 0]: o = {:?}", neuron.forward(&x).data());

    // Chapter 3's weights w1 = −3, w2 = 1 and bias b = 6.8813…
    let chapter_3 = [-3.0, 1.0, 6.881373587019543];
    for (p, data) in neuron.parameters().iter().zip(chapter_3) {
        p.set_data(data);
    }
    let o = neuron.forward(&x);
    o.backward();
    println!("chapter 3's neuron: o = {:?}", o.data());
    let w = neuron.weights();
    println!("grads: x1 {:?}, w1 {:?}", x[0].grad(), w[0].grad());
    println!("       x2 {:?}, w2 {:?}", x[1].grad(), w[1].grad());
    println!("       b {:?}", neuron.bias().grad());
}
