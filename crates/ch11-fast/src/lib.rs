// Generated from chapters/11-fast.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: a58ae236b731082e
//! Chapter 11: the same training step, made fast in stages, each stage an
//! engine that trains chapter 10's demo to the same bits.

pub mod chart;
pub mod lean;
pub mod recorded;

use std::time::{Duration, Instant};

use ch10_moons::{Sample, Step, learning_rate, loss, network_with};
use micrograd::Value;
use micrograd::nn::{Mlp, Module};

/// Something that trains chapter 10's network, one step at a time.
pub trait Engine {
    /// One step at learning rate `rate`: the loss and accuracy before the
    /// update, as chapter 10's `train` records them.
    fn step(&mut self, data: &[Sample], rate: f64) -> Step;

    /// How many nodes the last step's graph had; 0 for no graph.
    fn nodes(&self) -> usize;
}

/// Trains for chapter 10's 100 steps, at its learning rates.
pub fn train(engine: &mut dyn Engine, data: &[Sample]) -> Vec<Step> {
    (0..ch10_moons::STEPS)
        .map(|k| engine.step(data, learning_rate(k)))
        .collect()
}

/// Which walk finds the order of the backward steps.
#[derive(Clone, Copy)]
pub enum Walk {
    /// Chapter 6's, with a set of the nodes visited (`topo_hashed`).
    Hashed,
    /// This chapter's, with a mark in each node: the crate's `backward`.
    Cheaper,
}

/// The crate's `Value`, walking as chapter 6 did or with the cheaper walk.
pub struct ValueEngine {
    model: Mlp,
    walk: Walk,
    nodes: usize,
}

impl ValueEngine {
    /// Chapter 10's network with `parameters`.
    pub fn new(parameters: &[f64], walk: Walk) -> ValueEngine {
        ValueEngine { model: network_with(parameters), walk, nodes: 0 }
    }
}

impl Engine for ValueEngine {
    fn step(&mut self, data: &[Sample], rate: f64) -> Step {
        let (total, accuracy) = loss(&self.model, data);
        self.model.zero_grad();
        match self.walk {
            Walk::Hashed => {
                // Chapter 6's backward, spelled out.
                total.set_grad(1.0);
                let order = total.topo_hashed();
                self.nodes = order.len();
                for value in order.iter().rev() {
                    value.backward_step();
                }
            }
            Walk::Cheaper => {
                total.backward();
                if self.nodes == 0 {
                    self.nodes = total.topo().len();
                }
            }
        }
        for p in self.model.parameters() {
            p.set_data(p.data() - rate * p.grad());
        }
        Step { loss: total.data(), accuracy }
    }

    fn nodes(&self) -> usize {
        self.nodes
    }
}

/// The time of one chapter-6 step's phases, in the order they run.
pub fn phases(
    model: &Mlp,
    data: &[Sample],
    rate: f64,
) -> [(&'static str, Duration); 6] {
    let clock = Instant::now();
    let (total, _) = loss(model, data);
    let forward = clock.elapsed();

    let clock = Instant::now();
    model.zero_grad();
    total.set_grad(1.0);
    let order = total.topo_hashed();
    let topo = clock.elapsed();

    // Not part of the step: the next section's cheaper walk, on the same
    // graph, just after `topo_hashed` walked it.
    let clock = Instant::now();
    let cheaper = total.topo();
    let cheaper_topo = clock.elapsed();
    drop(cheaper);

    let clock = Instant::now();
    for value in order.iter().rev() {
        value.backward_step();
    }
    let backward = clock.elapsed();

    let clock = Instant::now();
    for p in model.parameters() {
        p.set_data(p.data() - rate * p.grad());
    }
    let update = clock.elapsed();

    let clock = Instant::now();
    drop(order);
    drop(total);
    let free = clock.elapsed();
    [
        ("forward", forward),
        ("topo", topo),
        ("cheaper topo", cheaper_topo),
        ("backward", backward),
        ("update", update),
        ("free", free),
    ]
}

/// Engines, each with its name.
pub type Engines = Vec<(&'static str, Box<dyn Engine>)>;

/// This chapter's engines, in order, each with chapter 10's network set to
/// `parameters`.
pub fn engines(parameters: &[f64]) -> Engines {
    vec![
        ("Value", Box::new(ValueEngine::new(parameters, Walk::Hashed))),
        ("cheaper walk", Box::new(ValueEngine::new(parameters, Walk::Cheaper))),
        ("lean node", Box::new(lean::Moons::new(parameters))),
    ]
}

/// Builds, backpropagates and drops a chain `depth` additions deep; returns
/// the grad of its `one`, which is the depth.
pub type Chain = fn(usize) -> f64;

/// Chapter 6's chain, y = 0 + one + one + …, in each engine: a test builds
/// it a million deep, to show that nothing recurses once per level.
pub fn chains() -> Vec<(&'static str, Chain)> {
    vec![
        ("Value", |depth| value_chain(depth, Walk::Hashed)),
        ("cheaper walk", |depth| value_chain(depth, Walk::Cheaper)),
        ("lean node", lean::chain),
    ]
}

/// Chapter 6's chain in the crate's `Value`, backpropagated with `walk`.
pub fn value_chain(depth: usize, walk: Walk) -> f64 {
    let one = Value::new(1.0);
    let mut y = Value::new(0.0);
    for _ in 0..depth {
        y = y + &one;
    }
    match walk {
        Walk::Hashed => {
            y.set_grad(1.0);
            for value in y.topo_hashed().iter().rev() {
                value.backward_step();
            }
        }
        Walk::Cheaper => y.backward(),
    }
    one.grad()
}

/// The fraction of points whose score is on their label's side of 0, as
/// chapter 10 counts it.
pub fn accuracy(data: &[Sample], scores: &[f64]) -> f64 {
    let right = data
        .iter()
        .zip(scores)
        .filter(|(sample, score)| (sample.y > 0.0) == (**score > 0.0))
        .count();
    right as f64 / data.len() as f64
}

/// Trains chapter 10's demo with each engine that `engines` makes, and
/// prints how many of its 100 steps equal the original's, bit for bit.
pub fn compare(engines: fn(&[f64]) -> Engines) {
    let original = ch10_moons::original::load();
    for (name, mut engine) in engines(&original.parameters) {
        let steps = train(engine.as_mut(), &original.points);
        let same = steps.iter().zip(&original.steps).filter(|(a, b)| a == b);
        println!(
            "{name}: {} nodes a step, steps equal to the original's: {} of {}",
            engine.nodes(),
            same.count(),
            original.steps.len()
        );
    }
}
