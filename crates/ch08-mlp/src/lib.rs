// Generated from chapters/08-mlp.md by `cargo xtask tangle`: edit the chapter, not this file.
//! The networks this chapter builds, prints and draws, all from one seed.

use micrograd::Value;
use micrograd::nn::Mlp;
use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;

/// The seed of every random number in this chapter.
pub const SEED: u64 = 1337;

/// A generator seeded with [`SEED`]: the same numbers on every run, on every
/// machine, with every version of rand.
pub fn rng() -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(SEED)
}

/// The lecture's input.
pub const X: [f64; 3] = [2.0, 3.0, -1.0];

/// The lecture's network, MLP(3, [4, 4, 1]), tanh everywhere, from [`rng`].
pub fn lecture_net() -> Mlp {
    Mlp::new(3, &[4, 4, 1], &mut rng())
}

/// MLP(2, [2, 1]) on x = [1, −2], with every parameter and neuron output named,
/// after `o.backward()`: the output `o`.
pub fn small_net_output() -> Value {
    let net = Mlp::new(2, &[2, 1], &mut rng());
    let names = [
        "h1.w1", "h1.w2", "h1.b", "h2.w1", "h2.w2", "h2.b", "o.w1", "o.w2",
        "o.b",
    ];
    for (p, name) in net.parameters().into_iter().zip(names) {
        p.named(name);
    }
    let x = [Value::new(1.0).named("x1"), Value::new(-2.0).named("x2")];
    let [hidden, output] = net.layers() else { unreachable!("two layers") };
    let h = hidden.forward(&x);
    let h = [h[0].clone().named("h1"), h[1].clone().named("h2")];
    let o = output.forward(&h)[0].clone().named("o");
    o.backward();
    o
}
