// Generated from chapters/08-mlp.md, chapters/08-network.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: b3300ea938b20402
//! The networks this chapter builds, prints and draws, all from one seed.

use micrograd::Value;
use micrograd::nn::{Mlp, Module};
use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;

/// The seed of every random number in this chapter.
pub const SEED: u64 = 1337;

/// A generator seeded with [`SEED`]: the same numbers on every run and every
/// machine, for as long as rand keeps `seed_from_u64` value-stable.
pub fn rng() -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(SEED)
}

/// The lecture's input.
pub const INPUT: [f64; 3] = [2.0, 3.0, -1.0];

/// The lecture's network, MLP(3, [4, 4, 1]), tanh everywhere, from [`rng`].
pub fn lecture_net() -> Mlp {
    Mlp::new(3, &[4, 4, 1], &mut rng())
}

/// The names of a network's values, for a drawing.
pub struct Names {
    /// The inputs'.
    pub inputs: &'static [&'static str],
    /// The parameters', in the order `parameters()` lists them.
    pub parameters: &'static [&'static str],
    /// Each neuron's output, layer after layer.
    pub neurons: &'static [&'static str],
}

/// The one output of `net` on `x`, with every input, parameter and neuron
/// output named, after `backward()`.
pub fn named_output(net: &Mlp, x: &[f64], names: &Names) -> Value {
    let parameters = net.parameters();
    assert_eq!(parameters.len(), names.parameters.len(), "parameter names");
    assert_eq!(x.len(), names.inputs.len(), "input names");
    for (p, name) in parameters.into_iter().zip(names.parameters) {
        p.named(name);
    }
    let mut values: Vec<Value> = x
        .iter()
        .zip(names.inputs)
        .map(|(&data, name)| Value::new(data).named(name))
        .collect();
    let mut neurons = names.neurons.iter();
    // Mlp::forward's fold, written out, so that each output can be named.
    for layer in net.layers() {
        values = layer
            .forward(&values)
            .into_iter()
            .map(|v| v.named(neurons.next().expect("a name per neuron")))
            .collect();
    }
    assert!(neurons.next().is_none(), "more names than neurons");
    assert_eq!(values.len(), 1, "a drawing's network has one output");
    let o = values.pop().expect("one output");
    o.backward();
    o
}

/// MLP(1, [1, 1]) on x = [2]: two neurons in a row.
pub fn chain_net_output() -> Value {
    let names = Names {
        inputs: &["x"],
        parameters: &["h.w", "h.b", "o.w", "o.b"],
        neurons: &["h", "o"],
    };
    named_output(&Mlp::new(1, &[1, 1], &mut rng()), &[2.0], &names)
}

/// MLP(2, [2, 1]) on x = [1, −2]: a hidden layer of two neurons.
pub fn small_net_output() -> Value {
    let names = Names {
        inputs: &["x1", "x2"],
        parameters: &[
            "h1.w1", "h1.w2", "h1.b", "h2.w1", "h2.w2", "h2.b", "o.w1", "o.w2",
            "o.b",
        ],
        neurons: &["h1", "h2", "o"],
    };
    named_output(&Mlp::new(2, &[2, 1], &mut rng()), &[1.0, -2.0], &names)
}
