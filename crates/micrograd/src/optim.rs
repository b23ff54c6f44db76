// Generated from chapters/13-classes.md, chapters/15-gpt-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 993ebb5a05691be6
//! Optimizers: the update rule of a training step, kept apart from the
//! network. Each holds handles to the parameters it was given, such as a
//! [`Module`](crate::nn::Module)'s, and whatever it remembers between steps.
//!
//! ```
//! use micrograd::Value;
//! use micrograd::optim::{Adam, Optimizer};
//!
//! // Minimise (w − 3)², starting from w = 0.
//! let w = Value::new(0.0);
//! let mut adam = Adam::new(vec![w.clone()], 0.1);
//! for _ in 0..200 {
//!     let loss = (&w - 3.0).pow(2.0);
//!     adam.zero_grad();
//!     loss.backward();
//!     adam.step();
//! }
//! assert!((w.data() - 3.0).abs() < 0.01);
//! ```

use crate::Value;

/// An update rule over a fixed list of parameters.
pub trait Optimizer {
    /// The parameters it updates.
    fn parameters(&self) -> &[Value];

    /// Updates every parameter from its grad, and the optimizer's memory.
    fn step(&mut self);

    /// Sets every parameter's grad to 0, as `backward` needs (chapter 9).
    /// The grads live in the parameters' nodes, reached through shared
    /// handles, so this changes nothing in the optimizer: `&self` will do.
    fn zero_grad(&self) {
        for p in self.parameters() {
            p.zero_grad();
        }
    }
}

/// Checks a setting in [low, high), and names it and its value if not.
fn in_range(name: &str, value: f64, (low, high): (f64, f64)) {
    assert!(
        low <= value && value < high,
        "{name} must be in [{low}, {high}), not {value}"
    );
}

/// Checks the parameters and the learning rate an optimizer is given.
fn check(parameters: &[Value], rate: f64) {
    assert!(!parameters.is_empty(), "an optimizer needs parameters, got 0");
    assert!(
        rate.is_finite() && rate > 0.0,
        "the learning rate must be finite and positive, not {rate}"
    );
}

/// Gradient descent, optionally with momentum μ. With velocity v (0 at
/// first), grad g and rate η, each step does, for every parameter p:
///
/// v ← μ·v + g,  p ← p − η·v
///
/// With μ = 0, the default, that is chapter 9's p ← p − η·g.
///
/// ```
/// use micrograd::Value;
/// use micrograd::optim::{Optimizer, Sgd};
///
/// let w = Value::new(1.0);
/// let mut sgd = Sgd::new(vec![w.clone()], 0.1).momentum(0.9);
/// for _ in 0..2 {
///     w.set_grad(1.0);
///     sgd.step();
/// }
/// // v is 1, then 0.9·1 + 1 = 1.9: w moves by 0.1, then by 0.19.
/// assert!((w.data() - 0.71).abs() < 1e-15);
/// ```
#[derive(Debug)]
pub struct Sgd {
    parameters: Vec<Value>,
    rate: f64,
    momentum: f64,
    velocity: Vec<f64>,
}

impl Sgd {
    // ... `new(parameters, rate)`, and `momentum(μ)` to set μ: hidden
    /// Plain gradient descent over `parameters` at learning rate `rate`.
    ///
    /// # Panics
    ///
    /// If `parameters` is empty, or `rate` is not finite and positive.
    pub fn new(parameters: Vec<Value>, rate: f64) -> Sgd {
        check(&parameters, rate);
        let velocity = vec![0.0; parameters.len()];
        Sgd { parameters, rate, momentum: 0.0, velocity }
    }

    /// The same, with momentum μ.
    ///
    /// # Panics
    ///
    /// If μ is not in [0, 1).
    pub fn momentum(self, momentum: f64) -> Sgd {
        in_range("the momentum", momentum, (0.0, 1.0));
        Sgd { momentum, ..self }
    }
}

impl Optimizer for Sgd {
    fn parameters(&self) -> &[Value] {
        &self.parameters
    }

    fn step(&mut self) {
        for (p, v) in self.parameters.iter().zip(&mut self.velocity) {
            *v = self.momentum * *v + p.grad();
            p.set_data(p.data() - self.rate * *v);
        }
    }
}

/// Adam, with bias correction and decoupled weight decay. With grad g, rate
/// η, step count t (1 at the first step) and m, v at 0 at first, each step
/// does, for every parameter p:
///
/// m ← β₁·m + (1 − β₁)·g,  v ← β₂·v + (1 − β₂)·g²
///
/// m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)
///
/// p ← p − η·λ·p − η·m̂ / (√v̂ + ε)
///
/// The defaults are β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸ and weight decay λ = 0.
///
/// ```
/// use micrograd::Value;
/// use micrograd::optim::{Adam, Optimizer};
///
/// // Adam's first step moves every parameter by about η, whatever its grad.
/// let (a, b) = (Value::new(0.0), Value::new(0.0));
/// let mut adam = Adam::new(vec![a.clone(), b.clone()], 0.01);
/// a.set_grad(1000.0);
/// b.set_grad(-0.001);
/// adam.step();
/// assert!((a.data() + 0.01).abs() < 1e-9 && (b.data() - 0.01).abs() < 1e-7);
/// ```
#[derive(Debug)]
pub struct Adam {
    parameters: Vec<Value>,
    rate: f64,
    betas: (f64, f64),
    epsilon: f64,
    weight_decay: f64,
    /// The moving averages of each grad and of its square.
    m: Vec<f64>,
    v: Vec<f64>,
    /// How many steps were taken.
    t: i32,
}

impl Adam {
    // ... `new(parameters, rate)`, with the defaults, and `betas`, `epsilon`
    // and `weight_decay` to set them: hidden
    /// Adam over `parameters` at learning rate `rate`, with the defaults.
    ///
    /// # Panics
    ///
    /// If `parameters` is empty, or `rate` is not finite and positive.
    pub fn new(parameters: Vec<Value>, rate: f64) -> Adam {
        check(&parameters, rate);
        let n = parameters.len();
        let (m, v) = (vec![0.0; n], vec![0.0; n]);
        let (betas, epsilon, weight_decay) = ((0.9, 0.999), 1e-8, 0.0);
        Adam { parameters, rate, betas, epsilon, weight_decay, m, v, t: 0 }
    }

    /// The same, with β₁ and β₂.
    ///
    /// # Panics
    ///
    /// If either is not in [0, 1).
    pub fn betas(self, beta1: f64, beta2: f64) -> Adam {
        in_range("β1", beta1, (0.0, 1.0));
        in_range("β2", beta2, (0.0, 1.0));
        Adam { betas: (beta1, beta2), ..self }
    }

    /// The same, with ε.
    ///
    /// # Panics
    ///
    /// If ε is not finite and positive.
    pub fn epsilon(self, epsilon: f64) -> Adam {
        let finite = epsilon.is_finite() && epsilon > 0.0;
        assert!(finite, "ε must be finite and positive, not {epsilon}");
        Adam { epsilon, ..self }
    }

    /// The same, with weight decay λ.
    ///
    /// # Panics
    ///
    /// If λ is negative or not finite.
    pub fn weight_decay(self, weight_decay: f64) -> Adam {
        in_range("the weight decay", weight_decay, (0.0, f64::INFINITY));
        Adam { weight_decay, ..self }
    }
}

impl Optimizer for Adam {
    fn parameters(&self) -> &[Value] {
        &self.parameters
    }

    fn step(&mut self) {
        self.t += 1;
        let (beta1, beta2) = self.betas;
        let correction1 = 1.0 - beta1.powi(self.t);
        let correction2 = 1.0 - beta2.powi(self.t);
        let moments = self.m.iter_mut().zip(&mut self.v);
        for (p, (m, v)) in self.parameters.iter().zip(moments) {
            let g = p.grad();
            *m = beta1 * *m + (1.0 - beta1) * g;
            *v = beta2 * *v + (1.0 - beta2) * g * g;
            let (m_hat, v_hat) = (*m / correction1, *v / correction2);
            let decayed = p.data() - self.rate * self.weight_decay * p.data();
            p.set_data(
                decayed - self.rate * m_hat / (v_hat.sqrt() + self.epsilon),
            );
        }
    }
}

impl Adam {
    /// Changes the learning rate, for a schedule that changes it as training
    /// goes: chapter 15.
    ///
    /// # Panics
    ///
    /// If `rate` is not finite and positive.
    pub fn set_rate(&mut self, rate: f64) {
        check(&self.parameters, rate);
        self.rate = rate;
    }
}
