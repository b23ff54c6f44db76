// Generated from chapters/09-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 7a3271cd545cca90
//! Training the lecture's network on its four examples: the loss, gradient
//! descent, and the training loop, with and without its classic bug.

use micrograd::Value;
use micrograd::nn::{Mlp, Module};
use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;

/// The lecture's four examples, three inputs each.
pub const XS: [[f64; 3]; 4] =
    [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]];

/// What the network should answer for each example, in the same order.
pub const YS: [f64; 4] = [1.0, -1.0, -1.0, 1.0];

/// The seed of the generator that draws the network's starting weights.
pub const SEED: u64 = 0;

/// MLP(3, [4, 4, 1]), drawn from a generator seeded with `SEED`: every call
/// gives a new network with the same starting weights.
pub fn network() -> Mlp {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(SEED);
    Mlp::new(3, &[4, 4, 1], &mut rng)
}

/// The network's answer to each example, in order.
pub fn predictions(mlp: &Mlp) -> Vec<Value> {
    XS.iter().map(|x| mlp.predict(x)).collect()
}

/// The squared-error loss: (prediction − target)², added up over the examples.
pub fn loss(ypred: &[Value]) -> Value {
    // exercise: (prediction − target)², added up over the examples
    ypred.iter().zip(YS).map(|(y, target)| (y - target).pow(2.0)).sum()
    // end of exercise
}

/// The learning rate of this chapter's runs, the lecture's.
pub const RATE: f64 = 0.05;

/// One step of gradient descent: each parameter of `model` moves against its
/// grad, by `rate` times the grad.
pub fn descend(model: &impl Module, rate: f64) {
    // exercise: move each parameter against its grad, by rate times the grad
    for p in model.parameters() {
        p.set_data(p.data() - rate * p.grad());
    }
    // end of exercise
}

/// The training loop as first written: `steps` steps of gradient descent at
/// `rate`. Returns the loss that each step started from. It has a bug.
pub fn train_forgetting_zero_grad(
    mlp: &Mlp,
    steps: usize,
    rate: f64,
) -> Vec<f64> {
    let mut losses = Vec::with_capacity(steps);
    for _ in 0..steps {
        let loss = loss(&predictions(mlp));
        losses.push(loss.data());
        loss.backward();
        descend(mlp, rate);
    }
    losses
}

/// The training loop: `steps` steps of gradient descent at `rate`, each from
/// grads set to 0. Returns the loss that each step started from.
pub fn train(mlp: &Mlp, steps: usize, rate: f64) -> Vec<f64> {
    let mut losses = Vec::with_capacity(steps);
    for _ in 0..steps {
        let loss = loss(&predictions(mlp));
        // exercise: the grads from the last step must not pile up
        mlp.zero_grad();
        // end of exercise
        losses.push(loss.data());
        loss.backward();
        descend(mlp, rate);
    }
    losses
}
