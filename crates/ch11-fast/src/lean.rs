// Generated from chapters/11-lean.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 912fee341300fba7
//! A leaner node: the operation as an enum with its operands inline, in one
//! allocation, instead of the crate's names, label and boxed closure.

use std::cell::Cell;
use std::ops::{Add, Mul};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use ch10_moons::{ALPHA, Sample, Step};

/// A handle to a node, as micrograd's `Value` is.
#[derive(Clone)]
pub struct Value(Rc<Node>);

struct Node {
    data: Cell<f64>,
    grad: Cell<f64>,
    /// The last walk that reached this node.
    mark: Cell<u64>,
    op: Op,
}

/// How a node was made: every built-in operation chapters 6 and 10 use (not
/// chapter 13's `ln`), and its operands.
enum Op {
    Input,
    Add(Value, Value),
    Mul(Value, Value),
    Pow(Value, f64),
    Exp(Value),
    Tanh(Value),
    Relu(Value),
}

impl Op {
    /// The operands, in order: at most two.
    fn operand(&self, i: usize) -> Option<&Value> {
        match (self, i) {
            (Op::Add(a, _) | Op::Mul(a, _), 0) => Some(a),
            (Op::Add(_, b) | Op::Mul(_, b), 1) => Some(b),
            (Op::Pow(a, _) | Op::Exp(a) | Op::Tanh(a) | Op::Relu(a), 0) => {
                Some(a)
            }
            _ => None,
        }
    }
}

impl Value {
    fn node(data: f64, op: Op) -> Value {
        Value(Rc::new(Node {
            data: Cell::new(data),
            grad: Cell::new(0.0),
            mark: Cell::new(0),
            op,
        }))
    }

    /// An input.
    pub fn new(data: f64) -> Value {
        Value::node(data, Op::Input)
    }

    /// The number.
    pub fn data(&self) -> f64 {
        self.0.data.get()
    }

    /// Changes the number.
    pub fn set_data(&self, data: f64) {
        self.0.data.set(data);
    }

    /// ∂(root)/∂self, as `backward` left it.
    pub fn grad(&self) -> f64 {
        self.0.grad.get()
    }

    /// Sets the grad to 0.
    pub fn zero_grad(&self) {
        self.0.grad.set(0.0);
    }

    fn add_grad(&self, share: f64) {
        self.0.grad.set(self.0.grad.get() + share);
    }

    /// selfᵏ, the exponent hidden from the optimizer as in `Value::pow`,
    /// which could otherwise compute x⁻¹ as 1/x, whose last bit can differ
    /// from powf's: see chapter 12.2.
    pub fn pow(&self, k: f64) -> Value {
        let power = self.data().powf(std::hint::black_box(k));
        Value::node(power, Op::Pow(self.clone(), k))
    }

    /// e^self.
    pub fn exp(&self) -> Value {
        Value::node(self.data().exp(), Op::Exp(self.clone()))
    }

    /// tanh self.
    pub fn tanh(&self) -> Value {
        Value::node(self.data().tanh(), Op::Tanh(self.clone()))
    }

    /// max(0, self).
    pub fn relu(&self) -> Value {
        let v = self.data();
        Value::node(if v < 0.0 { 0.0 } else { v }, Op::Relu(self.clone()))
    }
}

/// A sum that takes its operands' handles, as the crate's `acc + wi * xi`
/// does: no count changes.
impl Add for Value {
    type Output = Value;

    fn add(self, other: Value) -> Value {
        let data = self.data() + other.data();
        Value::node(data, Op::Add(self, other))
    }
}

impl Add for &Value {
    type Output = Value;

    fn add(self, other: &Value) -> Value {
        self.clone() + other.clone()
    }
}

impl Mul for &Value {
    type Output = Value;

    fn mul(self, other: &Value) -> Value {
        let op = Op::Mul(self.clone(), other.clone());
        Value::node(self.data() * other.data(), op)
    }
}

static WALKS: AtomicU64 = AtomicU64::new(0);

impl Value {
    /// The nodes under this one, children first, as micrograd's walk.
    pub fn order(&self) -> Vec<&Value> {
        let walk = WALKS.fetch_add(1, Ordering::Relaxed) + 1;
        self.0.mark.set(walk);
        let mut order = Vec::new();
        let mut stack: Vec<(&Value, usize)> = vec![(self, 0)];
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            match node.0.op.operand(*next) {
                Some(child) => {
                    *next += 1;
                    if child.0.mark.replace(walk) != walk {
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
}

impl Value {
    /// Backpropagation in the order the crate's `backward` takes, so that
    /// every grad adds up its shares in the same order, to the same bits.
    pub fn backward(&self) {
        self.0.grad.set(1.0);
        for value in self.order().iter().rev() {
            let node = &value.0;
            let grad = node.grad.get();
            match &node.op {
                Op::Input => {}
                // d(a + b)/da = d(a + b)/db = 1
                Op::Add(a, b) => {
                    a.add_grad(grad);
                    b.add_grad(grad);
                }
                // d(a·b)/da = b, d(a·b)/db = a
                Op::Mul(a, b) => {
                    a.add_grad(b.data() * grad);
                    b.add_grad(a.data() * grad);
                }
                // d(aᵏ)/da = k·aᵏ⁻¹, and 0 for k = 0, as chapter 6's pow has it
                // (k·aᵏ⁻¹ would be 0·∞ = NaN at a = 0)
                Op::Pow(a, k) => {
                    let slope = if *k == 0.0 {
                        0.0
                    } else {
                        k * a.data().powf(k - 1.0)
                    };
                    a.add_grad(slope * grad);
                }
                // d(eᵃ)/da = eᵃ, the node's own value
                Op::Exp(a) => a.add_grad(node.data.get() * grad),
                // d(tanh a)/da = 1 − t², t the node's value
                Op::Tanh(a) => {
                    let t = node.data.get();
                    a.add_grad((1.0 - t * t) * grad);
                }
                // relu's slope: 1 where a > 0, else 0
                Op::Relu(a) => {
                    let v = a.data();
                    // NaN passes through, as in chapter 6.1's relu.
                    let slope = if v.is_nan() { v } else { f64::from(v > 0.0) };
                    a.add_grad(slope * grad);
                }
            }
        }
    }
}

/// Moves a node's operands' handles into `handles`, leaving it an input.
fn take_operands(op: &mut Op, handles: &mut Vec<Value>) {
    match std::mem::replace(op, Op::Input) {
        Op::Add(a, b) | Op::Mul(a, b) => handles.extend([a, b]),
        Op::Pow(a, _) | Op::Exp(a) | Op::Tanh(a) | Op::Relu(a) => {
            handles.push(a);
        }
        Op::Input => {}
    }
}

/// Frees a graph without recursion, as the crate's `Drop` does.
impl Drop for Node {
    fn drop(&mut self) {
        let mut handles = vec![];
        take_operands(&mut self.op, &mut handles);
        let mut to_free = vec![];
        while let Some(mut handle) = handles.pop() {
            if let Some(node) = Rc::get_mut(&mut handle.0) {
                take_operands(&mut node.op, &mut handles);
                to_free.push(handle);
            }
        }
    }
}

/// What chapter 10's loss asks of a value, so that one flat forward pass
/// serves the lean node and the crate's `Value`.
pub trait Flat: Clone {
    fn new(data: f64) -> Self;
    fn data(&self) -> f64;
    fn set_data(&self, data: f64);
    fn grad(&self) -> f64;
    fn zero_grad(&self);
    /// The sum, taking both operands, as chapter 10's `acc + wi * xi` does.
    fn plus(self, other: Self) -> Self;
    fn times(&self, other: &Self) -> Self;
    fn relu(&self) -> Self;
    fn backward(&self);
    /// The nodes of the graph under this value.
    fn nodes(&self) -> usize;
}

/// `Flat` for a value type whose own methods have the trait's names; `walk`
/// is its method that lists the graph's nodes.
macro_rules! flat_by_its_methods {
    ($value:ty, $walk:ident) => {
        impl Flat for $value {
            fn new(data: f64) -> Self {
                <$value>::new(data)
            }
            fn data(&self) -> f64 {
                <$value>::data(self)
            }
            fn set_data(&self, data: f64) {
                <$value>::set_data(self, data);
            }
            fn grad(&self) -> f64 {
                <$value>::grad(self)
            }
            fn zero_grad(&self) {
                <$value>::zero_grad(self);
            }
            fn plus(self, other: Self) -> Self {
                self + other
            }
            fn times(&self, other: &Self) -> Self {
                self * other
            }
            fn relu(&self) -> Self {
                <$value>::relu(self)
            }
            fn backward(&self) {
                <$value>::backward(self);
            }
            fn nodes(&self) -> usize {
                self.$walk().len()
            }
        }
    };
}

flat_by_its_methods!(Value, order);
flat_by_its_methods!(micrograd::Value, topo);

/// Chapter 10's demo on values of type `V`: the network is its 337
/// parameters, in micrograd's order, and the loss is chapter 10's, operation
/// for operation, in one flat pass rather than through `Mlp`.
pub struct FlatMoons<V> {
    parameters: Vec<V>,
    nodes: usize,
}

/// Chapter 10's demo on lean nodes.
pub type Moons = FlatMoons<Value>;

impl<V: Flat> FlatMoons<V> {
    /// The network with these parameters.
    pub fn new(parameters: &[f64]) -> FlatMoons<V> {
        let parameters = parameters.iter().map(|&p| V::new(p)).collect();
        FlatMoons { parameters, nodes: 0 }
    }

    /// Chapter 10's loss and accuracy.
    pub fn loss(&self, data: &[Sample]) -> (V, f64) {
        let scores: Vec<V> =
            data.iter().map(|sample| self.score(&sample.x)).collect();
        let losses: Vec<V> = data
            .iter()
            .zip(&scores)
            .map(|(sample, score)| {
                let margin = V::new(-sample.y).times(score);
                V::new(1.0).plus(margin).relu()
            })
            .collect();
        let sum = losses.iter().fold(V::new(0.0), |s, l| s.plus(l.clone()));
        let n = V::new(1.0 / losses.len() as f64);
        let data_loss = sum.times(&n);
        let squares = self.parameters.iter().map(|p| p.times(p));
        let sum = squares.fold(V::new(0.0), V::plus);
        let reg_loss = V::new(ALPHA).times(&sum);
        let scores: Vec<f64> = scores.iter().map(V::data).collect();
        (data_loss.plus(reg_loss), crate::accuracy(data, &scores))
    }

    /// MLP(2, [16, 16, 1]): b + w₀x₀ + w₁x₁ + … in each neuron.
    fn score(&self, x: &[f64; 2]) -> V {
        let mut inputs: Vec<V> = x.iter().map(|&x| V::new(x)).collect();
        let mut rest = &self.parameters[..];
        for (layer, &nout) in [16, 16, 1].iter().enumerate() {
            // Each neuron's weights, then its bias.
            let (these, next) = rest.split_at(nout * (inputs.len() + 1));
            rest = next;
            let outputs = these.chunks(inputs.len() + 1).map(|neuron| {
                let (b, w) = neuron.split_last().expect("a bias");
                let products = w.iter().zip(&inputs).map(|(w, x)| w.times(x));
                let sum = products.fold(b.clone(), V::plus);
                if layer < 2 { sum.relu() } else { sum }
            });
            inputs = outputs.collect();
        }
        inputs.pop().expect("one output")
    }
}

impl<V: Flat> crate::Engine for FlatMoons<V> {
    fn step(&mut self, data: &[Sample], rate: f64) -> Step {
        let (total, accuracy) = self.loss(data);
        for p in &self.parameters {
            p.zero_grad();
        }
        total.backward();
        if self.nodes == 0 {
            self.nodes = total.nodes();
        }
        for p in &self.parameters {
            p.set_data(p.data() - rate * p.grad());
        }
        Step { loss: total.data(), accuracy }
    }

    fn nodes(&self) -> usize {
        self.nodes
    }
}

/// The chain of additions: returns the grad of `one`.
pub fn chain(depth: usize) -> f64 {
    let one = Value::new(1.0);
    let mut y = Value::new(0.0);
    for _ in 0..depth {
        y = &y + &one;
    }
    y.backward();
    one.grad()
}

#[cfg(test)]
mod tests {
    /// The bytes of one lean node's `Rc` allocation, as chapter 11.4 states.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_lean_node_is_64_bytes() {
        let counts = 2 * size_of::<usize>();
        assert_eq!(size_of::<super::Node>() + counts, 64);
    }

    /// x⁰ at x = 0 has slope 0, as chapter 6's pow has it.
    #[test]
    fn pow_0_at_0_has_slope_0() {
        let x = super::Value::new(0.0);
        x.pow(0.0).backward();
        assert_eq!(x.grad(), 0.0);
    }

    /// tanh, exp and pow, which chapter 10's loss never calls: on a small
    /// expression of all three, the lean node's grads are the crate's.
    #[test]
    fn tanh_exp_and_pow_give_the_crates_grads() {
        let inputs = [0.5, -1.5, 2.0];
        let [a, b, c] = inputs.map(super::Value::new);
        let lean = &(&a * &b).tanh() + &(&c.pow(3.0) * &a.exp());
        lean.backward();
        let [x, y, z] = inputs.map(micrograd::Value::new);
        let ours = (&x * &y).tanh() + z.pow(3.0) * x.exp();
        ours.backward();
        // To the bit: `==` on f64 would take 0.0 and -0.0 as equal.
        let bits = |value: f64| value.to_bits();
        assert_eq!(bits(lean.data()), bits(ours.data()));
        let lean_grads = [a, b, c].map(|v| bits(v.grad()));
        assert_eq!(lean_grads, [x, y, z].map(|v| bits(v.grad())));
    }
}
