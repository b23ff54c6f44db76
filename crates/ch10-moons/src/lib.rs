// Generated from chapters/10-moons.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: b8aee5616aadfbcc
//! Chapter 10: micrograd's demo, a network that learns to tell two moons
//! apart, first with the original's data and weights, then with our own.

pub mod moons;
pub mod original;

use micrograd::Value;
use micrograd::nn::{Activation, Mlp, Module};
use rand::{Rng, SeedableRng, rngs::Xoshiro256PlusPlus};

/// One example: a point of the plane, and its label, −1 or +1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    pub x: [f64; 2],
    pub y: f64,
}

/// The demo's network, MLP(2, [16, 16, 1]): two inputs, two hidden layers of
/// 16 relu neurons, and one linear output neuron, the score.
pub fn network(rng: &mut impl Rng) -> Mlp {
    Mlp::with_activations(
        2,
        &[16, 16, 1],
        Activation::Relu,
        Activation::Linear,
        rng,
    )
}

/// The demo's network with its parameters set to `values`, in the order of
/// `parameters()`.
///
/// # Panics
///
/// If there are not exactly as many values as the network has parameters.
pub fn network_with(values: &[f64]) -> Mlp {
    // Whatever this generator draws is overwritten next.
    let model = network(&mut Xoshiro256PlusPlus::seed_from_u64(0));
    let parameters = model.parameters();
    assert_eq!(
        parameters.len(),
        values.len(),
        "the network has {} parameters; {} values were given",
        parameters.len(),
        values.len()
    );
    for (p, &value) in parameters.iter().zip(values) {
        p.set_data(value);
    }
    model
}

/// How much the sum of squared parameters weighs in the loss.
pub const ALPHA: f64 = 1e-4;

/// The loss of `model` on `data`, ready for `backward`, and the fraction of
/// points it puts on the right side. Every operation is micrograd's, in its
/// order, so that the loss comes out the same to the last bit.
pub fn loss(model: &Mlp, data: &[Sample]) -> (Value, f64) {
    let scores: Vec<Value> =
        data.iter().map(|sample| model.predict(&sample.x)).collect();
    // The max-margin loss of each point: 0 once y·score is at least 1.
    let losses: Vec<Value> = data
        .iter()
        .zip(&scores)
        .map(|(sample, score)| (1.0 + -sample.y * score).relu())
        .collect();
    let data_loss = losses.iter().sum::<Value>() * (1.0 / losses.len() as f64);
    // L2 regularization: a small price on every parameter's size.
    let parameters = model.parameters();
    let reg_loss = ALPHA * parameters.iter().map(|p| p * p).sum::<Value>();
    let total = data_loss + reg_loss;
    let right = data
        .iter()
        .zip(&scores)
        .filter(|(sample, score)| (sample.y > 0.0) == (score.data() > 0.0))
        .count();
    (total, right as f64 / data.len() as f64)
}

/// One training step's loss and accuracy, measured before its update.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    pub loss: f64,
    pub accuracy: f64,
}

/// How many steps the demo trains for.
pub const STEPS: usize = 100;

/// The learning rate at step `k`: from 1.0 down by 0.9 over the 100 steps.
pub fn learning_rate(k: usize) -> f64 {
    1.0 - 0.9 * k as f64 / 100.0
}

/// Trains `model` on all of `data` at every step, for [`STEPS`] steps.
pub fn train(model: &Mlp, data: &[Sample]) -> Vec<Step> {
    let mut steps = vec![];
    for k in 0..STEPS {
        let (total, accuracy) = loss(model, data);
        model.zero_grad();
        total.backward();
        let rate = learning_rate(k);
        for p in model.parameters() {
            p.set_data(p.data() - rate * p.grad());
        }
        steps.push(Step { loss: total.data(), accuracy });
    }
    steps
}

/// Prints the steps the demo's readers see: every tenth, and the last; then
/// the steps whose loss is above the step before's.
pub fn print_steps(steps: &[Step]) {
    for (k, step) in steps.iter().enumerate() {
        if k % 10 == 0 || k == steps.len() - 1 {
            let percent = step.accuracy * 100.0;
            println!("step {k} loss {:?}, accuracy {percent:?}%", step.loss);
        }
    }
    let rose: Vec<usize> = (1..steps.len())
        .filter(|&k| steps[k].loss > steps[k - 1].loss)
        .collect();
    let last: Vec<String> =
        rose.iter().rev().take(4).rev().map(|k| k.to_string()).collect();
    let count = rose.len();
    let last = last.join(" ");
    println!("the loss rose at {count} steps, the last four: {last}");
}

/// The losses micrograd's demo notebook printed at its first and last steps.
pub const NOTEBOOK: [(usize, f64); 2] =
    [(0, 0.8958441028683222), (99, 0.010978370135492717)];

/// How many points of `data` the model gives a positive score.
pub fn positive_scores(model: &Mlp, data: &[Sample]) -> usize {
    data.iter().filter(|s| model.predict(&s.x).data() > 0.0).count()
}

/// Σp², the sum of the squares of the model's parameters.
pub fn sum_of_squares(model: &Mlp) -> f64 {
    model.parameters().iter().map(|p| p.data() * p.data()).sum()
}

/// Prints the loss and accuracy of `model` now (`when`), how many points are
/// inside the margin (y·score < 1), and the loss's two parts.
pub fn print_parts(when: &str, model: &Mlp, data: &[Sample]) {
    let (total, accuracy) = loss(model, data);
    let margins: Vec<f64> = data
        .iter()
        .map(|sample| sample.y * model.predict(&sample.x).data())
        .collect();
    let inside = margins.iter().filter(|&&m| m < 1.0).count();
    let hinges = margins.iter().map(|m| (1.0 - m).max(0.0));
    let data_loss = hinges.sum::<f64>() * (1.0 / data.len() as f64);
    let squares = sum_of_squares(model);
    let loss = total.data();
    let percent = accuracy * 100.0;
    println!("{when}: loss {loss:?}, accuracy {percent:?}%");
    println!("  points inside the margin: {inside}, data loss {data_loss:?}");
    let same = data_loss + ALPHA * squares == loss;
    println!("  sum of squares {squares:?}, times α {:?}", ALPHA * squares);
    println!("  data loss + α·sum is the loss? {same}");
}

/// How many steps from one `f64` to the next separate two positive numbers:
/// 0 if they are equal, 1 if they are neighbours.
pub fn ulps(a: f64, b: f64) -> u64 {
    a.to_bits().abs_diff(b.to_bits())
}

/// The gap from a positive `x` to the next `f64` up: its ulp.
pub fn ulp(x: f64) -> f64 {
    f64::from_bits(x.to_bits() + 1) - x
}

/// Prints how coarse the loss is where training ends: one ulp of the sum of
/// squares, against the most that moving one weight by one of its own ulps
/// changes that sum (2·|p|·ulp(p)).
pub fn print_grains(model: &Mlp) {
    // ... (the two numbers, printed with {:.1e})
    let squares = sum_of_squares(model);
    let nudge = model
        .parameters()
        .iter()
        .map(|p| 2.0 * p.data().abs() * ulp(p.data().abs()))
        .fold(0.0, f64::max);
    println!("one ulp of the sum of squares: {:.1e}", ulp(squares));
    println!("one weight moved one ulp moves it at most: {nudge:.1e}");
}

/// The class (1 or 0: is the score positive?) at the centre of each cell of
/// a grid over the rectangle `x` by `y`; row 0 is the bottom row.
pub fn classify_grid(
    model: &Mlp,
    x: (f64, f64),
    y: (f64, f64),
    (columns, rows): (usize, usize),
) -> Vec<Vec<usize>> {
    let centre = |(low, high): (f64, f64), count: usize, i: usize| {
        low + (high - low) * (i as f64 + 0.5) / count as f64
    };
    (0..rows)
        .map(|row| {
            (0..columns)
                .map(|column| {
                    let point =
                        [centre(x, columns, column), centre(y, rows, row)];
                    usize::from(model.predict(&point).data() > 0.0)
                })
                .collect()
        })
        .collect()
}

/// The book's own seed, for the data and then the network.
pub const SEED: u64 = 1337;

/// The book's own version of the demo: 100 points from [`moons::make_moons`]
/// with noise 0.1, then the network, both drawn from one generator.
pub fn own() -> (Vec<Sample>, Mlp) {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(SEED);
    let data = moons::make_moons(100, 0.1, &mut rng);
    let model = network(&mut rng);
    (data, model)
}
