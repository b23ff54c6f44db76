// Generated from chapters/12-measure.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: df50c6ce3b5e9e76
//! Random expression graphs over every operation, to check every engine's
//! backward against central differences.

use micrograd::check::{self, Slope};
use micrograd::tape::{Tape, Var};
use rand::{Rng, SeedableRng, rngs::Xoshiro256PlusPlus};

use ch11_fast::{Walk, lean};

/// One operation of a graph; operands are indices of earlier values, the
/// inputs first.
#[derive(Clone, Debug)]
pub enum Op {
    Add(usize, usize),
    Sub(usize, usize),
    Mul(usize, usize),
    Div(usize, usize),
    Neg(usize),
    Pow(usize, f64),
    Exp(usize),
    Tanh(usize),
    Relu(usize),
    /// 0 + a + b + …
    Sum(Vec<usize>),
    /// b + w₀x₀ + w₁x₁ + …: b, then the pairs.
    Dot(usize, Vec<(usize, usize)>),
}

/// A graph: its inputs' numbers and its operations; its output is the last
/// operation's value.
#[derive(Clone, Debug)]
pub struct Graph {
    pub inputs: Vec<f64>,
    pub ops: Vec<Op>,
}

/// The value of `op` over `values`, in plain `f64`s.
fn apply(op: &Op, v: &[f64]) -> f64 {
    match *op {
        Op::Add(a, b) => v[a] + v[b],
        Op::Sub(a, b) => v[a] - v[b],
        Op::Mul(a, b) => v[a] * v[b],
        Op::Div(a, b) => v[a] / v[b],
        Op::Neg(a) => -v[a],
        Op::Pow(a, k) => v[a].powf(k),
        Op::Exp(a) => v[a].exp(),
        Op::Tanh(a) => v[a].tanh(),
        Op::Relu(a) => v[a].max(0.0),
        Op::Sum(ref terms) => terms.iter().map(|&t| v[t]).sum(),
        Op::Dot(b, ref pairs) => {
            pairs.iter().fold(v[b], |s, &(w, x)| s + v[w] * v[x])
        }
    }
}

/// Whether `op` is smooth near these values: no relu near its kink, no
/// division or power near 0, nothing large.
fn smooth(op: &Op, v: &[f64]) -> bool {
    let fine = match *op {
        Op::Div(_, b) => v[b].abs() > 0.5,
        Op::Pow(a, k) if k.fract() != 0.0 => v[a] > 0.5,
        Op::Pow(a, k) if k < 0.0 => v[a].abs() > 0.5,
        Op::Exp(a) => v[a] < 2.0,
        Op::Relu(a) => v[a].abs() > 0.1,
        _ => true,
    };
    fine && apply(op, v).abs() < 10.0
}

impl Graph {
    /// The output for these inputs.
    pub fn eval(&self, inputs: &[f64]) -> f64 {
        let mut v = inputs.to_vec();
        for op in &self.ops {
            v.push(apply(op, &v));
        }
        *v.last().expect("a graph has an input")
    }

    /// A random graph of 1 to 4 inputs in [−2, 2] and 1 to 12 operations,
    /// each kept only where it is smooth.
    pub fn random(rng: &mut impl Rng) -> Graph {
        let count = 1 + below(rng, 4);
        let inputs: Vec<f64> =
            (0..count).map(|_| 4.0 * unit(rng) - 2.0).collect();
        let mut values = inputs.clone();
        let mut ops = vec![];
        let length = 1 + below(rng, 12);
        while ops.len() < length {
            let n = values.len();
            let op = match below(rng, 11) {
                0 => Op::Add(below(rng, n), below(rng, n)),
                1 => Op::Sub(below(rng, n), below(rng, n)),
                2 => Op::Mul(below(rng, n), below(rng, n)),
                3 => Op::Div(below(rng, n), below(rng, n)),
                4 => Op::Neg(below(rng, n)),
                5 => {
                    let k = [2.0, 3.0, -1.0, 0.5, 1.5][below(rng, 5)];
                    Op::Pow(below(rng, n), k)
                }
                6 => Op::Exp(below(rng, n)),
                7 => Op::Tanh(below(rng, n)),
                8 => Op::Relu(below(rng, n)),
                9 => {
                    let terms = 1 + below(rng, 4);
                    Op::Sum((0..terms).map(|_| below(rng, n)).collect())
                }
                _ => {
                    let pairs = 1 + below(rng, 3);
                    let b = below(rng, n);
                    let mut pair = || (below(rng, n), below(rng, n));
                    Op::Dot(b, (0..pairs).map(|_| pair()).collect())
                }
            };
            if smooth(&op, &values) {
                values.push(apply(&op, &values));
                ops.push(op);
            }
        }
        Graph { inputs, ops }
    }
}

/// A number in [0, 1) from the generator's next 64 bits.
fn unit(rng: &mut impl Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// A whole number in [0, n).
fn below(rng: &mut impl Rng, n: usize) -> usize {
    (unit(rng) * n as f64) as usize
}

/// The inputs' grads from micrograd's `Value`, backpropagated with `walk`.
pub fn value_grads(graph: &Graph, walk: Walk) -> Vec<f64> {
    use micrograd::Value;
    let mut v: Vec<Value> =
        graph.inputs.iter().map(|&x| Value::new(x)).collect();
    for op in &graph.ops {
        let value = match *op {
            Op::Add(a, b) => &v[a] + &v[b],
            Op::Sub(a, b) => &v[a] - &v[b],
            Op::Mul(a, b) => &v[a] * &v[b],
            Op::Div(a, b) => &v[a] / &v[b],
            Op::Neg(a) => -&v[a],
            Op::Pow(a, k) => v[a].pow(k),
            Op::Exp(a) => v[a].exp(),
            Op::Tanh(a) => v[a].tanh(),
            Op::Relu(a) => v[a].relu(),
            Op::Sum(ref terms) => terms.iter().map(|&t| &v[t]).sum(),
            Op::Dot(b, ref pairs) => {
                pairs.iter().fold(v[b].clone(), |s, &(w, x)| s + &v[w] * &v[x])
            }
        };
        v.push(value);
    }
    let out = v.last().expect("a graph has an output");
    match walk {
        Walk::Hashed => {
            out.set_grad(1.0);
            for value in out.topo_hashed().iter().rev() {
                value.backward_step();
            }
        }
        Walk::Cheaper => out.backward(),
    }
    v[..graph.inputs.len()].iter().map(Value::grad).collect()
}

/// The inputs' grads from the lean nodes; −, / and unary − made of the
/// others, as micrograd makes them.
pub fn lean_grads(graph: &Graph) -> Vec<f64> {
    use lean::Value;
    let neg = |a: &Value| a * &Value::new(-1.0);
    let mut v: Vec<Value> =
        graph.inputs.iter().map(|&x| Value::new(x)).collect();
    for op in &graph.ops {
        let value = match *op {
            Op::Add(a, b) => &v[a] + &v[b],
            Op::Sub(a, b) => &v[a] + &neg(&v[b]),
            Op::Mul(a, b) => &v[a] * &v[b],
            Op::Div(a, b) => &v[a] * &v[b].pow(-1.0),
            Op::Neg(a) => neg(&v[a]),
            Op::Pow(a, k) => v[a].pow(k),
            Op::Exp(a) => v[a].exp(),
            Op::Tanh(a) => v[a].tanh(),
            Op::Relu(a) => v[a].relu(),
            Op::Sum(ref terms) => {
                terms.iter().fold(Value::new(0.0), |s, &t| &s + &v[t])
            }
            Op::Dot(b, ref pairs) => pairs
                .iter()
                .fold(v[b].clone(), |s, &(w, x)| &s + &(&v[w] * &v[x])),
        };
        v.push(value);
    }
    v.last().expect("a graph has an output").backward();
    v[..graph.inputs.len()].iter().map(Value::grad).collect()
}

/// The inputs' grads from a tape; `fused`, sums and dot products are one
/// node each.
pub fn tape_grads(graph: &Graph, fused: bool) -> Vec<f64> {
    let mut t = Tape::new();
    let mut v: Vec<Var> = graph.inputs.iter().map(|&x| t.input(x)).collect();
    for op in &graph.ops {
        let value = match *op {
            Op::Add(a, b) => t.add(v[a], v[b]),
            Op::Sub(a, b) => t.sub(v[a], v[b]),
            Op::Mul(a, b) => t.mul(v[a], v[b]),
            Op::Div(a, b) => t.div(v[a], v[b]),
            Op::Neg(a) => t.neg(v[a]),
            Op::Pow(a, k) => t.pow(v[a], k),
            Op::Exp(a) => t.exp(v[a]),
            Op::Tanh(a) => t.tanh(v[a]),
            Op::Relu(a) => t.relu(v[a]),
            Op::Sum(ref terms) => {
                let terms: Vec<Var> = terms.iter().map(|&i| v[i]).collect();
                if fused {
                    t.sum(&terms)
                } else {
                    let zero = t.input(0.0);
                    terms.iter().fold(zero, |s, &term| t.add(s, term))
                }
            }
            Op::Dot(b, ref pairs) => {
                let w: Vec<Var> = pairs.iter().map(|&(w, _)| v[w]).collect();
                let x: Vec<Var> = pairs.iter().map(|&(_, x)| v[x]).collect();
                if fused {
                    t.dot(v[b], &w, &x)
                } else {
                    w.iter().zip(&x).fold(v[b], |s, (&w, &x)| {
                        let product = t.mul(w, x);
                        t.add(s, product)
                    })
                }
            }
        };
        v.push(value);
    }
    t.backward(*v.last().expect("a graph has an output"));
    v[..graph.inputs.len()].iter().map(|&x| t.grad(x)).collect()
}

/// Builds a graph in one engine and returns its inputs' grads.
pub type Grads = fn(&Graph) -> Vec<f64>;

/// Every engine with a graph, and the function giving its grads: the
/// first two with chapter 6's node, as the bench times them. (Flat
/// forward differs from operands inline only in its forward pass, which
/// these graphs do not use.)
pub fn engines() -> [(&'static str, Grads); 6] {
    use micrograd::Value;
    [
        ("Value", |g| {
            Value::with_operands_in_a_vec(|| value_grads(g, Walk::Hashed))
        }),
        ("cheaper walk", |g| {
            Value::with_operands_in_a_vec(|| value_grads(g, Walk::Cheaper))
        }),
        ("operands inline", |g| value_grads(g, Walk::Cheaper)),
        ("lean node", lean_grads),
        ("tape", |g| tape_grads(g, false)),
        ("fused tape", |g| tape_grads(g, true)),
    ]
}

/// Checks `count` random graphs from `seed` in each of `engines` with
/// chapter 7's gradient checker; returns every grad checked, claimed and
/// measured, and a line for each mismatch.
pub fn stress(
    seed: u64,
    count: usize,
    engines: &[(&str, Grads)],
) -> (Vec<Slope>, Vec<String>) {
    let (mut checked, mut mismatches) = (vec![], vec![]);
    for (index, graph) in graphs(seed).take(count).enumerate() {
        let output = |x: &[f64]| graph.eval(x);
        for (name, grads) in engines {
            let claimed = grads(&graph);
            let report =
                check::compare(output, &graph.inputs, &claimed, check::H);
            for (i, slope) in report.slopes.iter().enumerate() {
                checked.push(*slope);
                if !slope.passed() {
                    let Slope { claimed, measured } = slope;
                    let at = format!("graph {index}, {name}, input {i}");
                    let line = format!("{at}: {claimed} against {measured}");
                    mismatches.push(line);
                }
            }
        }
    }
    (checked, mismatches)
}

/// The random graphs that `seed` gives, one after another.
pub fn graphs(seed: u64) -> impl Iterator<Item = Graph> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    std::iter::repeat_with(move || Graph::random(&mut rng))
}
