// Generated from chapters/12-stress.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 3d1ab11d0475ae1f
//! Random expression graphs over every operation, to check every engine's
//! backward against central differences.

use micrograd::Value;
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

impl Op {
    /// The kinds of operation, in the order of `Op`'s variants.
    pub const KINDS: [&'static str; 11] =
        ["+", "−", "×", "÷", "neg", "pow", "exp", "tanh", "relu", "sum", "dot"];

    /// This operation's place in `KINDS`.
    pub fn index(&self) -> usize {
        match self {
            Op::Add(..) => 0,
            Op::Sub(..) => 1,
            Op::Mul(..) => 2,
            Op::Div(..) => 3,
            Op::Neg(..) => 4,
            Op::Pow(..) => 5,
            Op::Exp(..) => 6,
            Op::Tanh(..) => 7,
            Op::Relu(..) => 8,
            Op::Sum(..) => 9,
            Op::Dot(..) => 10,
        }
    }
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
/// division, negative or fractional power near 0, nothing large.
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

    /// A random graph of 1 to 4 inputs in [−2, 2) and 1 to 12 operations,
    /// each kept only where it is smooth.
    pub fn random(rng: &mut impl Rng) -> Graph {
        Graph::tallied(rng, &mut [0; Op::KINDS.len()])
    }

    /// `random`, adding to `rejected` each draw `smooth` rejects, by kind.
    pub fn tallied(rng: &mut impl Rng, rejected: &mut [usize]) -> Graph {
        let count = 1 + below(rng, 4);
        let inputs: Vec<f64> =
            (0..count).map(|_| 4.0 * unit(rng) - 2.0).collect();
        let mut values = inputs.clone();
        let mut ops = vec![];
        let length = 1 + below(rng, 12);
        while ops.len() < length {
            let n = values.len();
            // One of the eleven kinds, on operands among the values so far.
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
            // Kept values stay under 10 in size, so a negation or a tanh
            // of one always passes: each draw passes with a chance of at
            // least 2 in 11, and the loop ends.
            if smooth(&op, &values) {
                values.push(apply(&op, &values));
                ops.push(op);
            } else {
                rejected[op.index()] += 1;
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

/// `op` over the values `v` so far, made with micrograd's `Value`.
fn value_of(op: &Op, v: &[Value]) -> Value {
    match *op {
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
    }
}

/// The inputs' grads from micrograd's `Value`, backpropagated with `walk`;
/// with a mutant, the operations of its kind are the mutant's.
pub fn value_grads(
    graph: &Graph,
    walk: Walk,
    mutant: Option<Mutant>,
) -> Vec<f64> {
    let v = values_with(graph, mutant);
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

/// The graph's values in micrograd's `Value`: its inputs, then each
/// operation's result.
pub fn values(graph: &Graph) -> Vec<Value> {
    values_with(graph, None)
}

/// The same, the operations of a mutant's kind made by the mutant.
fn values_with(graph: &Graph, mutant: Option<Mutant>) -> Vec<Value> {
    let mut v: Vec<Value> =
        graph.inputs.iter().map(|&x| Value::new(x)).collect();
    for op in &graph.ops {
        let wrong = mutant.and_then(|m| m.value_of(op, &v));
        let value = wrong.unwrap_or_else(|| value_of(op, &v));
        v.push(value);
    }
    v
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

/// `graph` on a tape, backpropagated from its output, and each value's
/// `Var`, the inputs first; `fused`, sums and dot products are one node
/// each.
fn on_tape(graph: &Graph, fused: bool) -> (Tape, Vec<Var>) {
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
    (t, v)
}

/// The inputs' grads from a tape; `fused`, sums and dot products are one
/// node each.
pub fn tape_grads(graph: &Graph, fused: bool) -> Vec<f64> {
    let (t, v) = on_tape(graph, fused);
    v[..graph.inputs.len()].iter().map(|&x| t.grad(x)).collect()
}

/// The grad of each operation's output, from the tape: 0 where the
/// operation's backward rule had nothing to pass on.
pub fn op_grads(graph: &Graph) -> Vec<f64> {
    let (t, v) = on_tape(graph, false);
    v[graph.inputs.len()..].iter().map(|&x| t.grad(x)).collect()
}

/// Builds a graph in one engine and returns its inputs' grads.
pub type Grads = fn(&Graph) -> Vec<f64>;

/// Every engine with a graph, and the function giving its grads: the
/// first two with chapter 6's node, as the bench times them. Left out: the
/// old `Drop`, which runs the first's rules and frees the graph otherwise,
/// and flat forward, which on graphs built by `value_of` would be the same
/// engine as operands inline.
pub fn engines() -> [(&'static str, Grads); 6] {
    [
        ("chapter 6's engine", |g| {
            Value::with_operands_in_a_vec(|| value_grads(g, Walk::Hashed, None))
        }),
        ("cheaper walk", |g| {
            Value::with_operands_in_a_vec(|| {
                value_grads(g, Walk::Cheaper, None)
            })
        }),
        ("operands inline", |g| value_grads(g, Walk::Cheaper, None)),
        ("lean node", lean_grads),
        ("tape", |g| tape_grads(g, false)),
        ("fused tape", |g| tape_grads(g, true)),
    ]
}

/// Checks `count` random graphs from `seed` in each of `engines` with
/// chapter 7's gradient checker; returns every grad checked, claimed and
/// measured, and each mismatch.
pub fn stress(
    seed: u64,
    count: usize,
    engines: &[(&str, Grads)],
) -> (Vec<Slope>, Vec<Mismatch>) {
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
                    let (engine, slope) = (name.to_string(), *slope);
                    let at = Mismatch { graph: index, engine, input: i, slope };
                    mismatches.push(at);
                }
            }
        }
    }
    (checked, mismatches)
}

/// A grad the checker did not pass: where, and the two slopes.
#[derive(Debug)]
pub struct Mismatch {
    pub graph: usize,
    pub engine: String,
    pub input: usize,
    pub slope: Slope,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let Mismatch { graph, engine, input, slope } = self;
        let Slope { claimed, measured } = slope;
        write!(f, "graph {graph}, {engine}, input {input}: ")?;
        write!(f, "{claimed} against {measured}")
    }
}

/// The seed of the graphs this chapter checks, and how many it checks.
pub const SEED: u64 = 11;
pub const GRAPHS: usize = 10_000;

/// The random graphs that `seed` gives, one after another.
pub fn graphs(seed: u64) -> impl Iterator<Item = Graph> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    std::iter::repeat_with(move || Graph::random(&mut rng))
}

/// The draws `smooth` rejected, by kind, while making the first `count`
/// graphs that `seed` gives: the same draws as `graphs(seed)`'s.
pub fn rejected_draws(seed: u64, count: usize) -> Vec<usize> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut rejected = vec![0; Op::KINDS.len()];
    for _ in 0..count {
        Graph::tallied(&mut rng, &mut rejected);
    }
    rejected
}

/// The steepest slope of any of `graph`'s values to any of its inputs: a
/// backward pass from each value in turn.
pub fn steepest_slope(graph: &Graph) -> f64 {
    let v = values(graph);
    let inputs = &v[..graph.inputs.len()];
    let mut steepest: f64 = 0.0;
    for value in &v[inputs.len()..] {
        value.backward();
        for input in inputs {
            steepest = steepest.max(input.grad().abs());
        }
        // Every grad this pass wrote, hidden nodes' too (the − of a − b,
        // the b⁻¹ of a / b), back to 0 for the next: chapter 5's lesson.
        value.zero_grad_graph();
    }
    steepest
}

/// A backward rule broken on purpose, in one kind of operation.
#[derive(Clone, Copy, Debug)]
pub enum Mutant {
    /// tanh's slope 1 − t, where it is 1 − t².
    TanhWithoutSquare,
    /// A product whose factors each get their own data times the grad,
    /// where each should get the other's.
    ProductSharesSwapped,
    /// xᵏ's slope k·xᵏ, where it is k·xᵏ⁻¹.
    PowWithoutMinusOne,
    /// relu's slope 1 everywhere, where it is 0 for x < 0.
    ReluAlwaysOne,
    /// An addition that passes its grad to its first operand only.
    AddFirstOnly,
    /// eˣ's slope 1, the local derivative forgotten, where it is eˣ.
    ExpSlopeOne,
    /// b + Σ wᵢxᵢ as one node, as the fused tape makes it, whose bias gets
    /// no share, where it should get the whole grad.
    DotBiasDropped,
}

impl Mutant {
    /// `op` with this mutant's wrong slope, if it is of the mutant's kind.
    fn value_of(self, op: &Op, v: &[Value]) -> Option<Value> {
        let value = match (self, op) {
            (Mutant::TanhWithoutSquare, &Op::Tanh(a)) => {
                let t = v[a].data().tanh();
                Value::custom(t, [&v[a]], "tanh", move |_| [1.0 - t])
            }
            (Mutant::ProductSharesSwapped, &Op::Mul(a, b)) => {
                let data = v[a].data() * v[b].data();
                Value::custom(data, [&v[a], &v[b]], "*", |[x, y]| [x, y])
            }
            (Mutant::PowWithoutMinusOne, &Op::Pow(a, k)) => {
                let data = v[a].data().powf(k);
                Value::custom(data, [&v[a]], "pow", move |[x]| [k * x.powf(k)])
            }
            (Mutant::ReluAlwaysOne, &Op::Relu(a)) => {
                let data = v[a].data().max(0.0);
                Value::custom(data, [&v[a]], "relu", |_| [1.0])
            }
            (Mutant::AddFirstOnly, &Op::Add(a, b)) => {
                let data = v[a].data() + v[b].data();
                Value::custom(data, [&v[a], &v[b]], "+", |_| [1.0, 0.0])
            }
            (Mutant::ExpSlopeOne, &Op::Exp(a)) => {
                let data = v[a].data().exp();
                Value::custom(data, [&v[a]], "exp", |_| [1.0])
            }
            (Mutant::DotBiasDropped, &Op::Dot(b, ref pairs)) => {
                // `custom` takes an array: one arm for each number of pairs.
                match *pairs.as_slice() {
                    [(w, x)] => dot_without_bias([b, w, x], v),
                    [(w, x), (u, y)] => dot_without_bias([b, w, x, u, y], v),
                    [(w, x), (u, y), (t, z)] => {
                        dot_without_bias([b, w, x, u, y, t, z], v)
                    }
                    _ => unreachable!("the generator makes 1 to 3 pairs"),
                }
            }
            _ => return None,
        };
        Some(value)
    }
}

/// b + w₀x₀ + w₁x₁ + … as one node, its operands `[b, w₀, x₀, w₁, x₁, …]`,
/// with the bias's slope 0 where it is 1.
fn dot_without_bias<const N: usize>(at: [usize; N], v: &[Value]) -> Value {
    let products =
        (1..N).step_by(2).map(|k| v[at[k]].data() * v[at[k + 1]].data());
    let data = products.fold(v[at[0]].data(), |sum, product| sum + product);
    Value::custom(data, at.map(|i| &v[i]), "dot", |xs| {
        let mut slopes = [0.0; N];
        for k in (1..N).step_by(2) {
            (slopes[k], slopes[k + 1]) = (xs[k + 1], xs[k]);
        }
        slopes
    })
}

/// Chapter 5's bug in every rule at once: each node's shares replace its
/// operands' grads instead of adding to them.
pub fn overwriting_grads(graph: &Graph) -> Vec<f64> {
    let v = values(graph);
    let out = v.last().expect("a graph has an output");
    out.set_grad(1.0);
    for value in out.topo().iter().rev() {
        let children = value.children();
        let before: Vec<f64> = children.iter().map(Value::grad).collect();
        value.backward_step();
        for (i, (child, old)) in children.iter().zip(before).enumerate() {
            // Once per operand: a·a names one operand twice. (`Expr::id` is
            // a node's address.) Taking back what it held before leaves only
            // this node's shares, up to rounding.
            let id = viz::Expr::id(child);
            if children[..i].iter().all(|c| viz::Expr::id(c) != id) {
                child.set_grad(child.grad() - old);
            }
        }
    }
    v[..graph.inputs.len()].iter().map(Value::grad).collect()
}

/// Each mutant as an engine, with a name for the printout.
pub fn mutants() -> [(&'static str, Grads); 8] {
    fn with(graph: &Graph, mutant: Mutant) -> Vec<f64> {
        value_grads(graph, Walk::Cheaper, Some(mutant))
    }
    [
        ("tanh's slope 1 − t", |g| with(g, Mutant::TanhWithoutSquare)),
        ("product's shares swapped", |g| with(g, Mutant::ProductSharesSwapped)),
        ("pow's slope k·x^k", |g| with(g, Mutant::PowWithoutMinusOne)),
        ("relu's slope always 1", |g| with(g, Mutant::ReluAlwaysOne)),
        ("+ passing to one operand", |g| with(g, Mutant::AddFirstOnly)),
        ("exp's slope 1", |g| with(g, Mutant::ExpSlopeOne)),
        ("dot's bias left out", |g| with(g, Mutant::DotBiasDropped)),
        ("shares that overwrite", overwriting_grads),
    ]
}

/// The inputs' grads from micrograd's `Value`, each node's rule run in the
/// reverse of the order the nodes were made, as a tape runs them.
pub fn value_grads_as_made(graph: &Graph) -> Vec<f64> {
    let v = values(graph);
    // The nodes of each value not in earlier ones', children first: the
    // order they were made in. A node is known by its address.
    let (mut made, mut seen) = (vec![], std::collections::HashSet::new());
    for value in &v {
        for node in value.topo() {
            if seen.insert(viz::Expr::id(&node)) {
                made.push(node);
            }
        }
    }
    v.last().expect("a graph has an output").set_grad(1.0);
    for node in made.iter().rev() {
        node.backward_step();
    }
    v[..graph.inputs.len()].iter().map(Value::grad).collect()
}
