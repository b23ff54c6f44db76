// Generated from chapters/11-fast.md, chapters/11-walk.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 2e655b5136f3212c
//! Chapter 11: the same training step, made fast in stages, each stage an
//! engine that trains chapter 10's demo to the same bits (candle's tensors,
//! in chapter 12.1, to about 14 digits).

pub mod chart;
pub mod lean;
pub mod listed;
pub mod phases;
pub mod recorded;
pub mod watch;

pub use phases::{crate_phases, phases};

use std::collections::HashSet;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};
use std::time::{Duration, Instant};

use ch10_moons::{Sample, Step, learning_rate, loss, network_with};
use micrograd::Value;
use micrograd::nn::{Mlp, Module};

/// Something that trains chapter 10's network, one step at a time.
pub trait Engine {
    /// One step at learning rate `rate`: the loss and accuracy before the
    /// update, as chapter 10's `train` records them.
    fn step(&mut self, data: &[Sample], rate: f64) -> Step;

    /// How many nodes a step's graph has (the same every step, counted at
    /// the first); 0 for no graph, or before the first step.
    fn nodes(&self) -> usize;
}

/// Trains for chapter 10's 100 steps, at its learning rates.
pub fn train(engine: &mut dyn Engine, data: &[Sample]) -> Vec<Step> {
    (0..ch10_moons::STEPS)
        .map(|k| engine.step(data, learning_rate(k)))
        .collect()
}

/// Times `steps` training steps of `engine`, after two warm-up ones; the
/// median, in ms. `steps` must be at least 1.
pub fn time_steps(
    engine: &mut dyn Engine,
    data: &[Sample],
    steps: usize,
) -> f64 {
    assert!(steps > 0, "a median needs at least one timed step");
    let mut times = vec![];
    for k in 0..steps + 2 {
        let clock = Instant::now();
        engine.step(data, learning_rate(k));
        times.push(clock.elapsed());
    }
    // The first two steps warm up: `split_off(2)` returns all but them.
    median(times.split_off(2))
}

/// The middle one of `times` (of an even number, the later of the two), in
/// ms. `times` must not be empty.
pub fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1e3
}

/// Which walk finds the order of the backward steps.
#[derive(Clone, Copy)]
pub enum Walk {
    /// Chapter 6's, with a set of the nodes visited (`topo_hashed`).
    Hashed,
    /// Chapter 11.3's, with a mark in each node: the crate's `backward`.
    Cheaper,
}

/// Runs `build`, its nodes keeping their operands in a `Vec`, chapter 6's
/// node, if `in_a_vec`; else the crate's node (chapter 11.3).
pub fn building<T>(in_a_vec: bool, build: impl FnOnce() -> T) -> T {
    if in_a_vec { Value::with_operands_in_a_vec(build) } else { build() }
}

/// The crate's `Value`, walking as chapter 6 did or with the cheaper walk.
pub struct ValueEngine {
    model: Mlp,
    walk: Walk,
    /// Whether the step's nodes keep their operands in a `Vec`, as chapter
    /// 6's did (always, in this chapter), or inline, as the crate's do since
    /// chapter 11.3.
    operands_in_a_vec: bool,
    /// What frees the step's graph: `drop`, the new `Drop`, or
    /// chapter 6's way, `Value::free_as_found`.
    free: fn(Value),
    nodes: usize,
}

impl ValueEngine {
    /// Chapter 10's network with `parameters`.
    pub fn new(parameters: &[f64], walk: Walk) -> ValueEngine {
        let model = network_with(parameters);
        let operands_in_a_vec = true;
        ValueEngine { model, walk, operands_in_a_vec, free: drop, nodes: 0 }
    }
}

impl Engine for ValueEngine {
    fn step(&mut self, data: &[Sample], rate: f64) -> Step {
        let forward = || loss(&self.model, data);
        let (total, accuracy) = building(self.operands_in_a_vec, forward);
        self.model.zero_grad();
        match self.walk {
            Walk::Hashed => {
                // Chapter 6's backward, spelled out.
                total.set_grad(1.0);
                let order = total.topo_hashed();
                if self.nodes == 0 {
                    self.nodes = order.len();
                }
                for value in order.iter().rev() {
                    value.backward_step();
                }
                // `order`'s clones drop here: `total` is the last handle.
            }
            Walk::Cheaper => {
                // Chapter 11.3's walk, in the crate's `backward`.
                total.backward();
                // One more walk, at the first step only, which
                // `time_steps` leaves untimed.
                if self.nodes == 0 {
                    self.nodes = total.topo().len();
                }
            }
        }
        for p in self.model.parameters() {
            p.set_data(p.data() - rate * p.grad());
        }
        let step = Step { loss: total.data(), accuracy };
        // The new `Drop`, or chapter 6's way. The parentheses call the
        // function in the field; `self.free(total)` would look for a method.
        (self.free)(total);
        step
    }

    fn nodes(&self) -> usize {
        self.nodes
    }
}

impl ValueEngine {
    /// Chapter 6's engine, its graphs freed as the old `Drop` freed them
    /// (`Value::free_as_found`).
    pub fn freeing_as_found(parameters: &[f64]) -> ValueEngine {
        let free = Value::free_as_found;
        ValueEngine { free, ..ValueEngine::new(parameters, Walk::Hashed) }
    }
}

/// The hashed walk, borrowing the graph's handles as the cheaper walk
/// does, with the visited test passed in: `first_visit(node)` is true the
/// first time the walk reaches `node`.
pub fn walk_borrowing(
    root: &Value,
    mut first_visit: impl FnMut(&Value) -> bool,
) -> Vec<&Value> {
    first_visit(root); // the root is new: marks it seen
    let mut order = vec![];
    let mut stack = vec![(root, 0)];
    while let Some((node, next)) = stack.last_mut() {
        let node = *node;
        match node.children().get(*next) {
            Some(child) => {
                *next += 1;
                if first_visit(child) {
                    stack.push((child, 0));
                }
            }
            None => {
                let (done, _) = stack.pop().expect("the loop saw a frame");
                order.push(done);
            }
        }
    }
    order
}

/// A hash of an address: one multiplication by a large odd constant, then a
/// rotation that brings the product's high bits, which mix many bits of the
/// address, its high ones included, down to the low bits the table picks a
/// slot with.
#[derive(Default)]
pub struct AddressHash(u64);

impl Hasher for AddressHash {
    fn write_usize(&mut self, address: usize) {
        self.0 = (address as u64).wrapping_mul(0xf135_7aea_2e62_a9c5);
    }

    fn write(&mut self, _: &[u8]) {
        unreachable!("a set of addresses hashes nothing but `usize`s");
    }

    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

/// The hashed walk taken apart: each variant's time, each on a graph
/// `build` has just made, as the step's walk is. A process's `call`-th call
/// starts at variant `call` (mod 6), so that none always runs first.
pub fn walks(
    build: impl Fn() -> Value,
    call: usize,
) -> Vec<(&'static str, Duration)> {
    let nodes = build().topo().len();
    // `time` on a fresh graph, which is freed after the clock has stopped.
    let on_fresh = |time: &dyn Fn(&Value) -> Duration| time(&build());
    let chapter_6 = || {
        let total = build();
        total.set_grad(1.0);
        let (clones, set_and_clones) = timed(|| total.topo_hashed());
        let ((), steps) = timed(|| {
            for value in clones.iter().rev() {
                value.backward_step();
            }
        });
        let ((), dropping) = timed(|| drop(clones));
        vec![
            ("walk: set + clones (chapter 6's)", set_and_clones),
            ("walk: backward steps over its order", steps),
            ("walk: dropping its clones", dropping),
        ]
    };
    let set = || {
        let time = on_fresh(&|total| with_set(total, HashSet::new));
        vec![("walk: set + borrows", time)]
    };
    let sized = || {
        let sized = || HashSet::with_capacity(nodes);
        let time = on_fresh(&|total| with_set(total, sized));
        vec![("walk: sized set + borrows", time)]
    };
    let cheap = || {
        let hash = BuildHasherDefault::<AddressHash>::default;
        let cheap = || HashSet::with_capacity_and_hasher(nodes, hash());
        let time = on_fresh(&|total| with_set(total, cheap));
        vec![("walk: sized cheap set + borrows", time)]
    };
    let marks = || {
        let time = on_fresh(&|total| timed(|| total.order()).1);
        vec![("walk: marks + borrows (order)", time)]
    };
    let marks_and_clones = || {
        let time = on_fresh(&|total| timed(|| total.topo()).1);
        vec![("walk: marks + clones (topo)", time)]
    };
    let variants: [&dyn Fn() -> Vec<(&'static str, Duration)>; 6] =
        [&chapter_6, &set, &sized, &cheap, &marks, &marks_and_clones];
    // Run from variant `call` on, wrapping round; listed in the order above.
    let mut times = vec![vec![]; variants.len()];
    for k in 0..variants.len() {
        let i = (call + k) % variants.len();
        times[i] = variants[i]();
    }
    times.concat()
}

/// How long the borrowing walk of `total` takes, with a set `new_set`
/// makes, inside the timing, of the nodes visited.
fn with_set<S: BuildHasher>(
    total: &Value,
    new_set: impl FnOnce() -> HashSet<usize, S>,
) -> Duration {
    let id = |value: &Value| viz::Expr::id(value);
    let walk = || {
        let mut seen = new_set();
        walk_borrowing(total, |value| seen.insert(id(value)))
    };
    timed(walk).1
}

/// What `f` returns, and how long it took. The result is dropped by the
/// caller, after the clock has stopped (what `f` frees itself, such as a
/// set, is freed inside it); `black_box` keeps the optimizer from skipping
/// work whose result nothing reads.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let clock = Instant::now();
    let result = std::hint::black_box(f());
    (result, clock.elapsed())
}

impl ValueEngine {
    /// The crate's `Value` as it now is: the cheaper walk, the operands
    /// inline.
    pub fn as_the_crate_is(parameters: &[f64]) -> ValueEngine {
        let cheaper = ValueEngine::new(parameters, Walk::Cheaper);
        ValueEngine { operands_in_a_vec: false, ..cheaper }
    }
}

/// Engines, each with its name.
pub type Engines = Vec<(&'static str, Box<dyn Engine>)>;

/// This chapter's engines, in order, each with chapter 10's network set to
/// `parameters`.
pub fn engines(parameters: &[f64]) -> Engines {
    vec![
        (
            "chapter 6's engine with new Drop",
            Box::new(ValueEngine::new(parameters, Walk::Hashed)),
        ),
        (
            "chapter 6's engine with old Drop",
            Box::new(ValueEngine::freeing_as_found(parameters)),
        ),
        ("cheaper walk", Box::new(ValueEngine::new(parameters, Walk::Cheaper))),
        ("operands inline", Box::new(ValueEngine::as_the_crate_is(parameters))),
        ("flat forward", Box::new(lean::FlatMoons::<Value>::new(parameters))),
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
        ("chapter 6's engine with new Drop", |depth| {
            value_chain(depth, Walk::Hashed, drop, true)
        }),
        ("chapter 6's engine with old Drop", |depth| {
            value_chain(depth, Walk::Hashed, Value::free_as_found, true)
        }),
        ("cheaper walk", |depth| value_chain(depth, Walk::Cheaper, drop, true)),
        ("operands inline", |depth| {
            value_chain(depth, Walk::Cheaper, drop, false)
        }),
        // The flat forward pass builds the crate's values: their chain.
        ("flat forward", |depth| {
            value_chain(depth, Walk::Cheaper, drop, false)
        }),
        ("lean node", lean::chain),
    ]
}

/// Chapter 6's chain in the crate's `Value`, its operands in a `Vec` or
/// not, backpropagated with `walk` and freed with `free`.
pub fn value_chain(
    depth: usize,
    walk: Walk,
    free: fn(Value),
    operands_in_a_vec: bool,
) -> f64 {
    let one = Value::new(1.0);
    let build = || (0..depth).fold(Value::new(0.0), |y, _| y + &one);
    let y = building(operands_in_a_vec, build);
    match walk {
        Walk::Hashed => {
            y.set_grad(1.0);
            for value in y.topo_hashed().iter().rev() {
                value.backward_step();
            }
        }
        Walk::Cheaper => y.backward(),
    }
    free(y);
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
    let head = "steps equal to the original's";
    println!("{:<34}{:>12}  {head}", "", "nodes a step");
    for (name, mut engine) in engines(&original.parameters) {
        let steps = train(engine.as_mut(), &original.points);
        let same = steps.iter().zip(&original.steps).filter(|(a, b)| {
            a.loss.to_bits() == b.loss.to_bits()
                && a.accuracy.to_bits() == b.accuracy.to_bits()
        });
        let (count, of) = (same.count(), original.steps.len());
        println!("{name:<34}{:>12}  {count} of {of}", engine.nodes());
    }
}
