// Generated from chapters/08-mlp.md, chapters/13-classes.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: bbbcc5bcd33d5d8f
//! A tiny neural-network library on top of [`Value`]: neurons, layers of
//! neurons, and multi-layer perceptrons, as in micrograd's `nn.py`.
//!
//! ```
//! use micrograd::nn::{Mlp, Module};
//! use rand::SeedableRng;
//! use rand::rngs::Xoshiro256PlusPlus;
//!
//! let mut rng = Xoshiro256PlusPlus::seed_from_u64(1337);
//! let net = Mlp::new(3, &[4, 4, 1], &mut rng);
//! assert_eq!(net.parameters().len(), 41);
//! let o = net.predict(&[2.0, 3.0, -1.0]);
//! assert!(-1.0 < o.data() && o.data() < 1.0);
//! ```

use rand::Rng;

use crate::Value;

/// A number drawn uniformly from [−1, 1), made from the generator's next 64
/// bits by this formula alone, so that no change to rand's own conversions
/// can change the weights a seeded generator gives.
pub fn uniform(rng: &mut impl Rng) -> f64 {
    // The top 53 bits, as a fraction in [0, 1): an f64 has 53 bits of
    // precision, so every fraction k / 2⁵³ is exact, and equally likely.
    let fraction = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    2.0 * fraction - 1.0
}

/// What a neuron does to its weighted sum.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    /// tanh, as in the lecture: squashes the sum into (−1, 1).
    Tanh,
    /// relu, as in micrograd's hidden layers: max(0, sum).
    Relu,
    /// Nothing: the weighted sum itself, as in micrograd's output layer.
    Linear,
}

impl Activation {
    /// The activation applied to `x`.
    fn apply(self, x: Value) -> Value {
        match self {
            Activation::Tanh => x.tanh(),
            Activation::Relu => x.relu(),
            Activation::Linear => x,
        }
    }
}

/// One neuron: act(b + w₀x₀ + w₁x₁ + …).
#[derive(Debug)]
pub struct Neuron {
    w: Vec<Value>,
    b: Value,
    activation: Activation,
}

impl Neuron {
    /// A neuron with `nin` inputs; its weights, in order, and then its bias
    /// are drawn with [`uniform`], from [−1, 1).
    ///
    /// # Panics
    ///
    /// If `nin` is 0.
    pub fn new(
        nin: usize,
        activation: Activation,
        rng: &mut impl Rng,
    ) -> Neuron {
        assert!(nin > 0, "a neuron needs at least one input");
        let w = (0..nin).map(|_| Value::new(uniform(rng))).collect();
        let b = Value::new(uniform(rng));
        Neuron { w, b, activation }
    }

    /// How many inputs the neuron takes.
    pub fn nin(&self) -> usize {
        self.w.len()
    }

    /// The weights, one per input, in order.
    pub fn weights(&self) -> &[Value] {
        &self.w
    }

    /// The bias.
    pub fn bias(&self) -> &Value {
        &self.b
    }

    /// What the neuron does to its weighted sum.
    pub fn activation(&self) -> Activation {
        self.activation
    }
}

impl Neuron {
    /// act(b + w₀x₀ + w₁x₁ + …), added up in that order, from the left, as
    /// micrograd does.
    ///
    /// # Panics
    ///
    /// If `x` does not have exactly [`Neuron::nin`] values.
    pub fn forward(&self, x: &[Value]) -> Value {
        assert_eq!(
            x.len(),
            self.nin(),
            "a neuron with {} inputs was given {}",
            self.nin(),
            x.len()
        );
        // exercise: b + w₀x₀ + w₁x₁ + …, added from the left, then the activation
        let sum = self
            .w
            .iter()
            .zip(x)
            .fold(self.b.clone(), |acc, (wi, xi)| acc + wi * xi);
        self.activation.apply(sum)
        // end of exercise
    }
}

/// Anything with trainable parameters.
pub trait Module {
    /// Handles to every parameter, in a fixed order: a neuron's weights, then
    /// its bias; a layer's neurons in turn; a network's layers in turn.
    fn parameters(&self) -> Vec<Value>;

    /// Sets the grad of every parameter to 0, ready for the next `backward`.
    fn zero_grad(&self) {
        for p in self.parameters() {
            p.zero_grad();
        }
    }
}

impl Module for Neuron {
    fn parameters(&self) -> Vec<Value> {
        // exercise: the weights, in order, then the bias
        let mut parameters = self.w.clone();
        parameters.push(self.b.clone());
        parameters
        // end of exercise
    }
}

/// Neurons side by side, each seeing the same inputs.
#[derive(Debug)]
pub struct Layer {
    neurons: Vec<Neuron>,
}

impl Layer {
    /// `nout` neurons with `nin` inputs each, made one after the other with
    /// [`Neuron::new`].
    ///
    /// # Panics
    ///
    /// If `nin` or `nout` is 0.
    pub fn new(
        nin: usize,
        nout: usize,
        activation: Activation,
        rng: &mut impl Rng,
    ) -> Layer {
        assert!(nout > 0, "a layer needs at least one neuron");
        Layer {
            neurons: (0..nout)
                .map(|_| Neuron::new(nin, activation, rng))
                .collect(),
        }
    }

    /// How many inputs each neuron takes.
    pub fn nin(&self) -> usize {
        self.neurons[0].nin()
    }

    /// How many neurons, and so how many outputs, the layer has.
    pub fn nout(&self) -> usize {
        self.neurons.len()
    }

    /// The neurons, in order.
    pub fn neurons(&self) -> &[Neuron] {
        &self.neurons
    }

    /// Each neuron's output, in order.
    ///
    /// # Panics
    ///
    /// If `x` does not have exactly [`Layer::nin`] values.
    pub fn forward(&self, x: &[Value]) -> Vec<Value> {
        assert_eq!(
            x.len(),
            self.nin(),
            "a layer with {} inputs was given {}",
            self.nin(),
            x.len()
        );
        // exercise: each neuron's output, in order
        self.neurons.iter().map(|neuron| neuron.forward(x)).collect()
        // end of exercise
    }
}

impl Module for Layer {
    fn parameters(&self) -> Vec<Value> {
        // exercise: every neuron's parameters, neuron after neuron
        self.neurons.iter().flat_map(Neuron::parameters).collect()
        // end of exercise
    }
}

/// A multi-layer perceptron: layers in a row, each feeding the next.
#[derive(Debug)]
pub struct Mlp {
    layers: Vec<Layer>,
}

impl Mlp {
    /// The lecture's network: `nin` inputs, then a layer of each size in
    /// `nouts`, every neuron with tanh.
    ///
    /// # Panics
    ///
    /// If `nin` is 0, `nouts` is empty, or a size in it is 0.
    pub fn new(nin: usize, nouts: &[usize], rng: &mut impl Rng) -> Mlp {
        Mlp::with_activations(
            nin,
            nouts,
            Activation::Tanh,
            Activation::Tanh,
            rng,
        )
    }

    /// A network whose hidden layers use `hidden` and whose last layer uses
    /// `output`: micrograd's own is `Activation::Relu`, then
    /// `Activation::Linear`. The layers are made in order, with [`Layer::new`].
    ///
    /// # Panics
    ///
    /// If `nin` is 0, `nouts` is empty, or a size in it is 0.
    pub fn with_activations(
        nin: usize,
        nouts: &[usize],
        hidden: Activation,
        output: Activation,
        rng: &mut impl Rng,
    ) -> Mlp {
        assert!(nin > 0, "a network needs at least one input");
        assert!(!nouts.is_empty(), "a network needs at least one layer");
        if let Some(empty) = nouts.iter().position(|&n| n == 0) {
            panic!(
                "every layer needs at least one neuron, but layer {} of {:?} \
                 has none",
                empty + 1,
                nouts
            );
        }
        let sizes: Vec<usize> =
            std::iter::once(nin).chain(nouts.iter().copied()).collect();
        let last = nouts.len() - 1;
        let layers = sizes
            .windows(2)
            .enumerate()
            .map(|(i, pair)| {
                let activation = if i == last { output } else { hidden };
                Layer::new(pair[0], pair[1], activation, rng)
            })
            .collect();
        Mlp { layers }
    }

    /// How many inputs the network takes.
    pub fn nin(&self) -> usize {
        self.layers[0].nin()
    }

    /// The layers, from the one that sees the inputs to the output layer.
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }
}

impl Mlp {
    /// The network's outputs for the inputs `x`: plain numbers, as in
    /// `net.forward(&[2.0, 3.0, -1.0])`, or values.
    ///
    /// # Panics
    ///
    /// If `x` does not have exactly [`Mlp::nin`] values.
    pub fn forward<X: Clone + Into<Value>>(&self, x: &[X]) -> Vec<Value> {
        assert_eq!(
            x.len(),
            self.nin(),
            "the network takes {} inputs but was given {}",
            self.nin(),
            x.len()
        );
        // exercise: the inputs as values, then each layer's outputs feed the next layer
        let inputs: Vec<Value> = x.iter().cloned().map(Into::into).collect();
        self.layers.iter().fold(inputs, |values, layer| layer.forward(&values))
        // end of exercise
    }

    /// The one output of a network whose last layer has one neuron.
    ///
    /// # Panics
    ///
    /// If the last layer has more than one neuron, or as [`Mlp::forward`]
    /// does.
    pub fn predict<X: Clone + Into<Value>>(&self, x: &[X]) -> Value {
        let mut outputs = self.forward(x);
        assert_eq!(
            outputs.len(),
            1,
            "predict needs one output; this network has {}",
            outputs.len()
        );
        outputs.pop().expect("one output")
    }
}

impl Module for Mlp {
    fn parameters(&self) -> Vec<Value> {
        // exercise: every layer's parameters, layer after layer
        self.layers.iter().flat_map(Layer::parameters).collect()
        // end of exercise
    }
}

/// The largest logit's number, to subtract as a constant.
///
/// # Panics
///
/// If `logits` is empty; `what` names the function asked.
fn largest(logits: &[Value], what: &str) -> f64 {
    assert!(!logits.is_empty(), "{what} needs at least 1 logit, got 0");
    logits.iter().map(Value::data).fold(f64::NEG_INFINITY, f64::max)
}

/// The softmax of `logits`: eˡⁱ / Σⱼ eˡʲ for each, positive numbers that add
/// up to 1, the network's probability for each class. The largest logit is
/// subtracted from each first, as a plain number: that changes no result,
/// but keeps every eˣ at most 1, so that none overflows to ∞.
///
/// ```
/// use micrograd::Value;
/// use micrograd::nn::softmax;
///
/// let logits = [Value::new(1000.0), Value::new(1000.0)];
/// let p = softmax(&logits);
/// assert_eq!((p[0].data(), p[1].data()), (0.5, 0.5));
/// ```
///
/// # Panics
///
/// If `logits` is empty.
pub fn softmax(logits: &[Value]) -> Vec<Value> {
    let max = largest(logits, "softmax");
    let exps: Vec<Value> = logits.iter().map(|l| (l - max).exp()).collect();
    let total: Value = exps.iter().sum();
    exps.iter().map(|e| e / &total).collect()
}

/// The cross-entropy of `logits` for the class `target`: −ln p, where p is
/// the softmax's probability of `target`. It is computed as
/// ln Σⱼ eˡʲ⁻ᵐ − (lₜ − m), m the largest logit, which is −ln p without ever
/// taking the log of a p that rounded to 0.
///
/// ```
/// use micrograd::Value;
/// use micrograd::nn::cross_entropy;
///
/// // Three classes, all equally likely: −ln(1/3) = ln 3.
/// let logits = [Value::new(2.0), Value::new(2.0), Value::new(2.0)];
/// let loss = cross_entropy(&logits, 1);
/// assert!((loss.data() - 3f64.ln()).abs() < 1e-15);
/// ```
///
/// # Panics
///
/// If `logits` is empty, or `target` is not below the number of logits.
pub fn cross_entropy(logits: &[Value], target: usize) -> Value {
    let max = largest(logits, "cross_entropy");
    assert!(
        target < logits.len(),
        "cross_entropy: target class {target} is out of range for {} logits",
        logits.len()
    );
    let shifted: Vec<Value> = logits.iter().map(|l| l - max).collect();
    let total: Value = shifted.iter().map(Value::exp).sum();
    total.ln() - &shifted[target]
}
