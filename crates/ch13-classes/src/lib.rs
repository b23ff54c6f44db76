// Generated from chapters/13-classes.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 316b7242cc576b4a
//! Chapter 13: three classes, held-out data, minibatches, and optimizers.

pub mod candle;
pub mod data;

use micrograd::Value;
use micrograd::nn::{Activation, Mlp, Module, Neuron, cross_entropy};
use micrograd::optim::{Adam, Optimizer, Sgd};
use micrograd::tape::Tape;
use rand::{Rng, SeedableRng, rngs::Xoshiro256PlusPlus};

use data::{Batches, Example, Split};

/// The network: 2 inputs, relu hidden layers of the sizes in `hidden`, and 3
/// outputs with no activation, one logit per class.
pub fn network(hidden: &[usize], rng: &mut impl Rng) -> Mlp {
    let sizes: Vec<usize> =
        hidden.iter().copied().chain([data::CLASSES]).collect();
    Mlp::with_activations(2, &sizes, Activation::Relu, Activation::Linear, rng)
}

/// The class with the largest logit; the first, if several tie.
pub fn predicted(logits: &[Value]) -> usize {
    // ... a loop over the logits, hidden
    let mut best = 0;
    for (class, logit) in logits.iter().enumerate() {
        if logit.data() > logits[best].data() {
            best = class;
        }
    }
    best
}

/// The mean cross-entropy of `model` over `examples`, ready for `backward`,
/// and how many of them it classifies right.
pub fn loss(model: &Mlp, examples: &[Example]) -> (Value, usize) {
    let mut right = 0;
    let mut losses = vec![];
    for example in examples {
        let logits = model.forward(&example.x);
        right += usize::from(predicted(&logits) == example.class);
        losses.push(cross_entropy(&logits, example.class));
    }
    let mean = losses.iter().sum::<Value>() / examples.len() as f64;
    (mean, right)
}

/// Loss and accuracy on one set of examples.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Score {
    pub loss: f64,
    pub accuracy: f64,
}

/// How `model` does on `examples`, computed as [`loss`] computes it, in
/// plain numbers: no graph, since no backward pass follows.
pub fn score(model: &Mlp, examples: &[Example]) -> Score {
    // ... the same arithmetic on plain numbers, hidden
    let mut right = 0;
    let mut total = 0.0;
    for example in examples {
        let logits = logits(model, example.x);
        let best = (0..logits.len())
            .fold(0, |best, c| if logits[c] > logits[best] { c } else { best });
        right += usize::from(best == example.class);
        let max = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let sum =
            logits.iter().map(|l| (l - max).exp()).fold(0.0, |s, e| s + e);
        total += sum.ln() - (logits[example.class] - max);
    }
    let n = examples.len() as f64;
    // `Value`'s division is a product with a power −1: the same here.
    Score { loss: total * n.powf(-1.0), accuracy: right as f64 / n }
}

/// The network's logits for the point `x`, as [`Mlp::forward`] computes
/// them, operation for operation, in plain numbers.
pub fn logits(model: &Mlp, x: [f64; 2]) -> Vec<f64> {
    let mut inputs = x.to_vec();
    for layer in model.layers() {
        let neuron = |n: &Neuron| {
            let w = n.weights().iter().map(Value::data);
            let sum =
                w.zip(&inputs).fold(n.bias().data(), |s, (w, x)| s + w * x);
            match n.activation() {
                Activation::Relu if sum < 0.0 => 0.0,
                Activation::Tanh => sum.tanh(),
                Activation::Relu | Activation::Linear => sum,
            }
        };
        inputs = layer.neurons().iter().map(neuron).collect();
    }
    inputs
}

/// The scores on both sets after `step` updates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Record {
    pub step: usize,
    pub train: Score,
    pub held_out: Score,
}

/// How long to train, and how often to score.
#[derive(Clone, Copy, Debug)]
pub struct Plan {
    pub steps: usize,
    pub batch: usize,
    pub every: usize,
}

/// Trains `model` with `optimizer` on minibatches of `data.train` drawn with
/// `rng`, scoring both sets every `plan.every` steps and after the last.
pub fn train(
    model: &Mlp,
    optimizer: &mut impl Optimizer,
    data: &Split,
    plan: Plan,
    rng: &mut impl Rng,
) -> Vec<Record> {
    let record = |step| Record {
        step,
        train: score(model, &data.train),
        held_out: score(model, &data.held_out),
    };
    let mut batches = Batches::new(data.train.len(), plan.batch);
    let mut records = vec![];
    for step in 0..plan.steps {
        if step % plan.every == 0 {
            records.push(record(step));
        }
        let batch: Vec<Example> =
            batches.next_batch(rng).iter().map(|&i| data.train[i]).collect();
        let (batch_loss, _) = loss(model, &batch);
        optimizer.zero_grad();
        batch_loss.backward();
        optimizer.step();
    }
    records.push(record(plan.steps));
    records
}

/// The seed of the one generator each run draws everything from.
pub const SEED: u64 = 13;

/// Points per arm, and how many of the 300 are held out.
pub const PER_CLASS: usize = 100;
pub const HELD_OUT: usize = 100;

/// What every run starts from: the spiral, split, then a network of the
/// given hidden sizes, all drawn from one generator seeded with [`SEED`],
/// which is returned to draw the minibatches. Every call gives the same.
pub fn start(hidden: &[usize]) -> (Split, Mlp, Xoshiro256PlusPlus) {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(SEED);
    let examples = data::spiral(PER_CLASS, 0.2, &mut rng);
    let split = data::split(examples, HELD_OUT, &mut rng);
    let model = network(hidden, &mut rng);
    (split, model, rng)
}

/// The hidden layers of the chapter's network, and how it trains.
pub const HIDDEN: [usize; 2] = [16, 16];
pub const PLAN: Plan = Plan { steps: 300, batch: 16, every: 20 };

/// One run: from [`start`], trains on the first `train_size` training
/// examples (all of them if `None`, or if there are fewer) with the
/// optimizer that `make` builds from the network's parameters; returns the
/// trained network and its records.
pub fn run<O: Optimizer>(
    hidden: &[usize],
    train_size: Option<usize>,
    plan: Plan,
    make: impl FnOnce(Vec<Value>) -> O,
) -> (Mlp, Vec<Record>) {
    let (mut data, model, mut rng) = start(hidden);
    if let Some(size) = train_size {
        data.train.truncate(size);
    }
    let mut optimizer = make(model.parameters());
    let records = train(&model, &mut optimizer, &data, plan, &mut rng);
    (model, records)
}

/// A trained network, how it was trained, and its records.
pub struct Trained {
    pub name: &'static str,
    pub model: Mlp,
    pub records: Vec<Record>,
}

/// The chapter's three optimizers, each from the same start, on the same
/// minibatches: plain SGD, SGD with momentum, Adam.
pub fn compare_optimizers() -> Vec<Trained> {
    let trained = |name, (model, records)| Trained { name, model, records };
    vec![
        trained("SGD", run(&HIDDEN, None, PLAN, |p| Sgd::new(p, 0.2))),
        trained(
            "momentum",
            run(&HIDDEN, None, PLAN, |p| Sgd::new(p, 0.02).momentum(0.9)),
        ),
        trained("Adam", run(&HIDDEN, None, PLAN, |p| Adam::new(p, 0.02))),
    ]
}

/// How many training examples the memorising runs keep, how they train,
/// and the weight decay of the second run.
pub const FEW: usize = 24;
pub const MEMORISE: Plan = Plan { steps: 200, batch: FEW, every: 20 };
pub const DECAY: f64 = 0.3;

/// The chapter's network trained on the few examples by Adam with this
/// weight decay, scored on all 100 held-out examples.
pub fn memorise(weight_decay: f64) -> (Mlp, Vec<Record>) {
    let adam = |p| Adam::new(p, 0.02).weight_decay(weight_decay);
    run(&HIDDEN, Some(FEW), MEMORISE, adam)
}

/// The first minibatch every run of [`compare_optimizers`] trains on, and
/// the untrained network.
pub fn first_batch() -> (Mlp, Vec<Example>) {
    let (data, model, mut rng) = start(&HIDDEN);
    let mut batches = Batches::new(data.train.len(), PLAN.batch);
    let batch = batches.next_batch(&mut rng).iter().map(|&i| data.train[i]);
    (model, batch.collect())
}

/// The mean of `loss` over a batch of logits, one row per example, for
/// the classes `targets`, and its grad with respect to each logit, by
/// micrograd.
pub fn mean_loss(
    logits: &[Vec<f64>],
    targets: &[usize],
    loss: impl Fn(&[Value], usize) -> Value,
) -> (f64, Vec<Vec<f64>>) {
    let logits: Vec<Vec<Value>> = logits
        .iter()
        .map(|row| row.iter().map(|&l| Value::new(l)).collect())
        .collect();
    let losses: Vec<Value> = logits
        .iter()
        .zip(targets)
        .map(|(row, &target)| loss(row, target))
        .collect();
    let mean = losses.iter().sum::<Value>() / losses.len() as f64;
    mean.backward();
    let grads = logits.iter().map(|row| row.iter().map(Value::grad).collect());
    (mean.data(), grads.collect())
}

/// ln at `x` by `Value` and by the tape: each engine's (data, grad).
pub fn ln_both_ways(x: f64) -> [(f64, f64); 2] {
    let v = Value::new(x);
    let ln_v = v.ln();
    ln_v.backward();
    let mut tape = Tape::new();
    let t = tape.input(x);
    let l = tape.ln(t);
    tape.backward(l);
    [(ln_v.data(), v.grad()), (tape.data(l), tape.grad(t))]
}
