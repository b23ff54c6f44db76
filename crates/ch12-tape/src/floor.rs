// Generated from chapters/12-floor.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 50c37b07f3f7c5bf
//! The floor: chapter 10's step written out by hand for MLP(2, [16, 16, 1]),
//! forward and backward, with no graph at all.

use ch10_moons::{ALPHA, Sample, Step};

/// Where each layer's parameters start: 16 neurons of 2 weights and a bias,
/// 16 of 16 and a bias, and the output neuron.
const LAYER_2: usize = 16 * 3;
const OUTPUT: usize = LAYER_2 + 16 * 17;

/// One point's activations: each layer's sums, and the hidden outputs.
#[derive(Clone, Copy, Default)]
struct Activations {
    s1: [f64; 16],
    h1: [f64; 16],
    s2: [f64; 16],
    h2: [f64; 16],
    score: f64,
}

/// Chapter 6's relu, and its slope: 1.0 or 0.0 (`f64::from` a `bool`), and
/// NaN for NaN, as `Value::relu` gives, where micrograd's slope would be 0.
fn relu(v: f64) -> (f64, f64) {
    let slope = if v.is_nan() { v } else { f64::from(v > 0.0) };
    (if v < 0.0 { 0.0 } else { v }, slope)
}

/// b + w₀x₀ + w₁x₁ + … for the neuron whose weights start at `at`, its
/// bias after them.
fn neuron(p: &[f64], at: usize, x: &[f64]) -> f64 {
    let (w, b) = (&p[at..at + x.len()], p[at + x.len()]);
    w.iter().zip(x).fold(b, |s, (w, x)| s + w * x)
}

/// The network as plain numbers: parameters in micrograd's order, their
/// grads, and every point's activations.
pub struct Moons {
    p: Vec<f64>,
    grad: Vec<f64>,
    points: Vec<Activations>,
}

impl Moons {
    /// The network with these parameters.
    pub fn new(parameters: &[f64]) -> Moons {
        let grad = vec![0.0; parameters.len()];
        Moons { p: parameters.to_vec(), grad, points: vec![] }
    }

    fn forward(&self, x: &[f64; 2]) -> Activations {
        let mut a = Activations::default();
        for n in 0..16 {
            a.s1[n] = neuron(&self.p, 3 * n, x);
            a.h1[n] = relu(a.s1[n]).0;
        }
        for n in 0..16 {
            a.s2[n] = neuron(&self.p, LAYER_2 + 17 * n, &a.h1);
            a.h2[n] = relu(a.s2[n]).0;
        }
        a.score = neuron(&self.p, OUTPUT, &a.h2);
        a
    }
}

impl ch11_fast::Engine for Moons {
    fn step(&mut self, data: &[Sample], rate: f64) -> Step {
        // Forward: chapter 10's loss, operation for operation.
        self.points.clear();
        for sample in data {
            self.points.push(self.forward(&sample.x));
        }
        let hinge = |s: &Sample, a: &Activations| relu(1.0 + -s.y * a.score);
        let sum = data
            .iter()
            .zip(&self.points)
            .fold(0.0, |sum, (s, a)| sum + hinge(s, a).0);
        let one_over_n = 1.0 / data.len() as f64;
        let squares = self.p.iter().fold(0.0, |sum, p| sum + p * p);
        let total = sum * one_over_n + ALPHA * squares;
        let scores: Vec<f64> = self.points.iter().map(|a| a.score).collect();
        let accuracy = ch11_fast::accuracy(data, &scores);

        // Backward, in the order the graph's backward adds its shares: the
        // squares first, then the points from the last to the first. `p` and
        // `grad` borrow two fields, one mutably, and the loop below a third,
        // `self.points`: borrows of separate fields do not conflict.
        let (p, grad) = (&self.p, &mut self.grad);
        for (param, g) in p.iter().zip(grad.iter_mut()) {
            *g = 0.0;
            *g += param * ALPHA;
            *g += param * ALPHA;
        }
        for (s, a) in data.iter().zip(&self.points).rev() {
            let g_score = -s.y * (hinge(s, a).1 * one_over_n);
            // The output neuron: each weight, each hidden input, the bias.
            let mut g_h2 = [0.0; 16];
            for k in 0..16 {
                grad[OUTPUT + k] += a.h2[k] * g_score;
                g_h2[k] += p[OUTPUT + k] * g_score;
            }
            grad[OUTPUT + 16] += g_score;
            // The second layer, its last neuron first.
            let mut g_h1 = [0.0; 16];
            for n in (0..16).rev() {
                let g = relu(a.s2[n]).1 * g_h2[n];
                let at = LAYER_2 + 17 * n;
                for k in 0..16 {
                    grad[at + k] += a.h1[k] * g;
                    g_h1[k] += p[at + k] * g;
                }
                grad[at + 16] += g;
            }
            // The first layer.
            for n in 0..16 {
                let g = relu(a.s1[n]).1 * g_h1[n];
                grad[3 * n] += s.x[0] * g;
                grad[3 * n + 1] += s.x[1] * g;
                grad[3 * n + 2] += g;
            }
        }
        for (p, g) in self.p.iter_mut().zip(&self.grad) {
            *p -= rate * g;
        }
        Step { loss: total, accuracy }
    }

    fn nodes(&self) -> usize {
        0
    }
}
