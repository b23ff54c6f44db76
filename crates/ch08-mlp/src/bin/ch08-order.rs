// Generated from chapters/08-mlp.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 9f5de7996e90a3da
//! Floating-point addition depends on the order: the classic example, and how
//! often it matters for a neuron's weighted sum.

use ch08_mlp::rng;
use micrograd::nn::{Activation, Neuron};

fn main() {
    println!("(0.1 + 0.2) + 0.3 = {:?}", (0.1 + 0.2) + 0.3);
    println!("0.1 + (0.2 + 0.3) = {:?}", 0.1 + (0.2 + 0.3));

    // The sum of a neuron on the lecture's input, from b as micrograd adds
    // it, and with b added last.
    let x = [2.0, 3.0, -1.0];
    let mut rng = rng();
    let (neurons, mut differ) = (1000, 0);
    for _ in 0..neurons {
        let neuron = Neuron::new(3, Activation::Tanh, &mut rng);
        let w: Vec<f64> = neuron.weights().iter().map(|w| w.data()).collect();
        let b = neuron.bias().data();
        let from_b = b + w[0] * x[0] + w[1] * x[1] + w[2] * x[2];
        let b_last = w[0] * x[0] + w[1] * x[1] + w[2] * x[2] + b;
        if from_b != b_last {
            differ += 1;
        }
    }
    println!("the two orders differ for {differ} of {neurons} neurons");
}
