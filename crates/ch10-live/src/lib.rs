// Generated from chapters/10-live.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 8a31dfa1f65823db
//! Chapter 10, live: chapter 10's network, trained in the reader's browser.

#[cfg(not(target_family = "wasm"))]
pub mod module;

use std::cell::RefCell;

use ch10_moons::{
    Sample, Step, learning_rate, loss, moons, network, network_with, original,
};
use micrograd::nn::{Activation, Mlp, Module};
use rand::{SeedableRng, rngs::Xoshiro256PlusPlus};

/// Everything the page trains: the points, the network, and how far it got.
struct Live {
    data: Vec<Sample>,
    model: Mlp,
    steps: u32,
    last: Step,
    points: Vec<f64>,
    scores: Vec<f64>,
}

thread_local! {
    // One module instance, one thread: the state lives here between calls.
    static LIVE: RefCell<Option<Live>> = const { RefCell::new(None) };
}

fn with_live<T>(f: impl FnOnce(&mut Live) -> T) -> T {
    LIVE.with_borrow_mut(|live| f(live.as_mut().expect("a start comes first")))
}

/// Starts again from the original notebook's 100 points and starting
/// weights, which chapter 10 trained first; returns the number of points.
#[unsafe(no_mangle)]
pub extern "C" fn start_original() -> u32 {
    let original = original::load();
    start(original.points, network_with(&original.parameters))
}

/// Starts again from 100 points and a network drawn from `seed`, as chapter
/// 10's `own` draws them from its seed 1337; returns the number of points.
#[unsafe(no_mangle)]
pub extern "C" fn start_seeded(seed: u32) -> u32 {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(u64::from(seed));
    let data = moons::make_moons(100, 0.1, &mut rng);
    start(data, network(&mut rng))
}

fn start(data: Vec<Sample>, model: Mlp) -> u32 {
    let points = data.iter().flat_map(|s| [s.x[0], s.x[1], s.y]).collect();
    let last = Step { loss: f64::NAN, accuracy: f64::NAN };
    let live = Live { data, model, steps: 0, last, points, scores: vec![] };
    let count = live.data.len() as u32;
    LIVE.set(Some(live));
    count
}

/// Trains `steps` steps at learning rate `rate`, exactly as chapter 10's
/// `train` does each one; returns the last step's loss.
#[unsafe(no_mangle)]
pub extern "C" fn train(steps: u32, rate: f64) -> f64 {
    with_live(|live| {
        for _ in 0..steps {
            let (total, accuracy) = loss(&live.model, &live.data);
            live.model.zero_grad();
            total.backward();
            for p in live.model.parameters() {
                p.set_data(p.data() - rate * p.grad());
            }
            live.last = Step { loss: total.data(), accuracy };
            live.steps += 1;
        }
        live.last.loss
    })
}

/// Chapter 10's learning rate at `step`, held at its last value after
/// step 99.
#[unsafe(no_mangle)]
pub extern "C" fn chapter_rate(step: u32) -> f64 {
    learning_rate((step as usize).min(ch10_moons::STEPS - 1))
}

/// How many steps were trained since the last start.
#[unsafe(no_mangle)]
pub extern "C" fn steps() -> u32 {
    with_live(|live| live.steps)
}

/// The fraction of points the last step put on the right side.
#[unsafe(no_mangle)]
pub extern "C" fn accuracy() -> f64 {
    with_live(|live| live.last.accuracy)
}

/// Where the points are in the module's memory: x, y and label for each.
#[unsafe(no_mangle)]
pub extern "C" fn points() -> *const f64 {
    with_live(|live| live.points.as_ptr())
}

/// Scores the centre of each cell of a `columns` by `rows` grid over the
/// rectangle from (`left`, `bottom`) to (`right`, `top`), row 0 at the top;
/// returns where the scores are in the module's memory.
#[unsafe(no_mangle)]
pub extern "C" fn scores(
    columns: u32,
    rows: u32,
    left: f64,
    right: f64,
    bottom: f64,
    top: f64,
) -> *const f64 {
    with_live(|live| {
        let (columns, rows) = (columns as usize, rows as usize);
        let centre = |low: f64, high: f64, count: usize, i: usize| {
            low + (high - low) * (i as f64 + 0.5) / count as f64
        };
        live.scores.clear();
        for row in 0..rows {
            let y = centre(top, bottom, rows, row);
            for column in 0..columns {
                let x = centre(left, right, columns, column);
                live.scores.push(score(&live.model, [x, y]));
            }
        }
        live.scores.as_ptr()
    })
}

/// The network's score for `x`, computed with plain numbers: the same
/// operations in the same order as `predict`, without building a graph.
pub fn score(model: &Mlp, x: [f64; 2]) -> f64 {
    let mut inputs = x.to_vec();
    for layer in model.layers() {
        inputs = layer
            .neurons()
            .iter()
            .map(|neuron| {
                let weights = neuron.weights().iter().zip(&inputs);
                let sum = weights.fold(neuron.bias().data(), |sum, (w, x)| {
                    sum + w.data() * x
                });
                match neuron.activation() {
                    Activation::Relu if sum < 0.0 => 0.0,
                    Activation::Relu | Activation::Linear => sum,
                    Activation::Tanh => sum.tanh(),
                }
            })
            .collect();
    }
    inputs[0]
}

/// The points, as `points` gives them: for this crate's program and tests.
pub fn points_vec() -> Vec<f64> {
    with_live(|live| live.points.clone())
}

/// ln, cos, sin or sqrt (`function` 0 to 3) of `x`, computed by the maths
/// library built into this module, to compare with the machine's.
#[unsafe(no_mangle)]
pub extern "C" fn maths(function: u32, x: f64) -> f64 {
    match function {
        0 => x.ln(),
        1 => x.cos(),
        2 => x.sin(),
        _ => x.sqrt(),
    }
}
