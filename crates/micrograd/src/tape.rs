// Generated from chapters/12-tape.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 1db84e0853859316
//! A tape: the nodes of a graph in one vector, in the order they were made,
//! each naming its operands by index. Backpropagation is one sweep from the
//! end of the vector to its start. A faster engine than [`Value`], with
//! another interface: chapter 12.
//!
//! ```
//! use micrograd::tape::Tape;
//!
//! let mut tape = Tape::new();
//! let x = tape.input(3.0);
//! let y = tape.mul(x, x);
//! let z = tape.add(y, x);
//! tape.backward(z);
//! assert_eq!(tape.data(z), 12.0);
//! assert_eq!(tape.grad(x), 7.0);
//! ```
//!
//! [`Value`]: crate::Value

/// A value on a tape: the index of its node. A plain number, `Copy`, that
/// means something only to the tape that made it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Var(u32);

/// How a node was made, with its operands' indices inline.
#[derive(Clone, Copy, Debug)]
enum Op {
    Input,
    Add(Var, Var),
    Mul(Var, Var),
    Pow(Var, f64),
    Exp(Var),
    Tanh(Var),
    Relu(Var),
    /// ln a: chapter 13.
    Ln(Var),
    // ANCHOR: fused_variants
    /// The sum of `len` operands, listed in `Tape::operands` from `start`.
    Sum {
        start: u32,
        len: u32,
    },
    /// b + w₀x₀ + w₁x₁ + …: b, w₀, x₀, w₁, x₁, … listed from `start`; `len`
    /// pairs.
    Dot {
        start: u32,
        len: u32,
    },
    // ANCHOR_END: fused_variants
}

/// One node: 32 bytes.
#[derive(Clone, Copy, Debug)]
struct Node {
    data: f64,
    grad: f64,
    op: Op,
}

/// A graph as a vector of nodes. The first nodes can be kept, such as a
/// network's parameters; [`Tape::clear`] drops the rest, keeping the
/// vectors' storage for the next graph.
#[derive(Debug, Default)]
pub struct Tape {
    nodes: Vec<Node>,
    /// The operands of the sums and dot products, which have any number.
    operands: Vec<Var>,
    /// How many nodes [`Tape::clear`] keeps.
    kept_nodes: usize,
    /// How many operands [`Tape::clear`] keeps: those of the kept nodes.
    kept_operands: usize,
}

impl Tape {
    /// An empty tape.
    pub fn new() -> Tape {
        Tape::default()
    }

    /// How many nodes the tape holds.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the tape holds no nodes.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The heap bytes the tape's vectors hold, used or not.
    pub fn capacity_bytes(&self) -> usize {
        self.nodes.capacity() * size_of::<Node>()
            + self.operands.capacity() * size_of::<Var>()
    }

    fn push(&mut self, data: f64, op: Op) -> Var {
        // `to_u32`, at the end of the module, panics where `as u32` would wrap.
        let index = to_u32(self.nodes.len());
        self.nodes.push(Node { data, grad: 0.0, op });
        Var(index)
    }

    /// A new input, a value not computed from others.
    pub fn input(&mut self, data: f64) -> Var {
        self.push(data, Op::Input)
    }

    /// The number.
    pub fn data(&self, v: Var) -> f64 {
        self.nodes[v.0 as usize].data
    }

    /// Changes the number of an input, such as a parameter between steps.
    pub fn set_data(&mut self, v: Var, data: f64) {
        self.nodes[v.0 as usize].data = data;
    }

    /// ∂(root)/∂v, as [`Tape::backward`] left it.
    pub fn grad(&self, v: Var) -> f64 {
        self.nodes[v.0 as usize].grad
    }

    /// Frees the storage the tape holds beyond its nodes.
    pub fn shrink_to_fit(&mut self) {
        self.nodes.shrink_to_fit();
        self.operands.shrink_to_fit();
    }

    /// Keeps every node on the tape now through each [`Tape::clear`].
    pub fn keep(&mut self) {
        self.kept_nodes = self.nodes.len();
        self.kept_operands = self.operands.len();
    }

    /// Drops every node made since [`Tape::keep`], and sets the grads of the
    /// kept ones to 0, ready for the next graph, as micrograd's
    /// `model.zero_grad()` does for the parameters. The storage stays.
    pub fn clear(&mut self) {
        // A kept sum or dot product keeps its operands: they are its inputs.
        self.nodes.truncate(self.kept_nodes);
        self.operands.truncate(self.kept_operands);
        for node in &mut self.nodes {
            node.grad = 0.0;
        }
    }
}

impl Tape {
    /// a + b.
    pub fn add(&mut self, a: Var, b: Var) -> Var {
        // `self.data` borrows `self` before `push` does: allowed, since the
        // call's own `&mut self` takes effect only once its arguments are
        // computed (a *two-phase borrow*).
        self.push(self.data(a) + self.data(b), Op::Add(a, b))
    }

    /// a · b.
    pub fn mul(&mut self, a: Var, b: Var) -> Var {
        self.push(self.data(a) * self.data(b), Op::Mul(a, b))
    }

    /// aᵏ, the exponent hidden from the optimizer as in `Value::pow`.
    pub fn pow(&mut self, a: Var, k: f64) -> Var {
        let power = self.data(a).powf(std::hint::black_box(k));
        self.push(power, Op::Pow(a, k))
    }

    /// eᵃ.
    pub fn exp(&mut self, a: Var) -> Var {
        self.push(self.data(a).exp(), Op::Exp(a))
    }

    /// tanh a.
    pub fn tanh(&mut self, a: Var) -> Var {
        self.push(self.data(a).tanh(), Op::Tanh(a))
    }

    /// max(0, a), as [`Value::relu`](crate::Value::relu).
    pub fn relu(&mut self, a: Var) -> Var {
        let v = self.data(a);
        self.push(if v < 0.0 { 0.0 } else { v }, Op::Relu(a))
    }

    /// ln a, as [`Value::ln`](crate::Value::ln): chapter 13.
    pub fn ln(&mut self, a: Var) -> Var {
        self.push(self.data(a).ln(), Op::Ln(a))
    }

    /// −a, as a · (−1), as `Value` does it.
    pub fn neg(&mut self, a: Var) -> Var {
        let minus_one = self.input(-1.0);
        self.mul(a, minus_one)
    }

    /// a − b, as a + (−b).
    pub fn sub(&mut self, a: Var, b: Var) -> Var {
        let minus_b = self.neg(b);
        self.add(a, minus_b)
    }

    /// a / b, as a · b⁻¹.
    pub fn div(&mut self, a: Var, b: Var) -> Var {
        let inverse = self.pow(b, -1.0);
        self.mul(a, inverse)
    }
}

impl Tape {
    fn add_grad(&mut self, v: Var, share: f64) {
        self.nodes[v.0 as usize].grad += share;
    }

    /// Backpropagation from `root`: one sweep from `root` back to the start
    /// of the tape. Nodes are made after their operands, so each node's grad
    /// is complete before its rule passes it on. As with `Value`, every grad
    /// must start at 0: as [`Tape::clear`] leaves them.
    ///
    /// The sweep also runs the rules of nodes `root` does not depend on, with
    /// their grad of 0. For finite numbers that adds only zeros; but 0 · ∞ is
    /// NaN, so a node off `root`'s graph with an infinite local derivative
    /// (such as `pow(x, -1.0)` at x = 0) leaves NaN in its operands' grads,
    /// where `Value`'s walk, which visits only `root`'s graph, leaves 0.
    pub fn backward(&mut self, root: Var) {
        self.nodes[root.0 as usize].grad = 1.0;
        for i in (0..=root.0 as usize).rev() {
            let Node { data, grad, op } = self.nodes[i];
            match op {
                Op::Input => {}
                Op::Add(a, b) => {
                    self.add_grad(a, grad);
                    self.add_grad(b, grad);
                }
                Op::Mul(a, b) => {
                    let (x, y) = (self.data(a), self.data(b));
                    self.add_grad(a, y * grad);
                    self.add_grad(b, x * grad);
                }
                Op::Pow(a, k) => {
                    // As `Value::pow`: x⁰'s slope is 0, even at x = 0.
                    let x = self.data(a);
                    let slope =
                        if k == 0.0 { 0.0 } else { k * x.powf(k - 1.0) };
                    self.add_grad(a, slope * grad);
                }
                Op::Exp(a) => self.add_grad(a, data * grad),
                Op::Tanh(a) => self.add_grad(a, (1.0 - data * data) * grad),
                Op::Relu(a) => {
                    // As `Value::relu`: a NaN input gives a NaN slope.
                    let v = self.data(a);
                    let slope = if v.is_nan() { v } else { f64::from(v > 0.0) };
                    self.add_grad(a, slope * grad);
                }
                Op::Ln(a) => self.add_grad(a, grad / self.data(a)),
                // ANCHOR: fused_arms
                Op::Sum { start, len } => self.sum_backward(start, len, grad),
                Op::Dot { start, len } => self.dot_backward(start, len, grad),
                // ANCHOR_END: fused_arms
            }
        }
    }
}

/// A value's name in a printed tape: `v` and its index, such as `v3`.
impl std::fmt::Display for Var {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "v{}", self.0)
    }
}

/// One line per node: its name, how it was made, its data and its grad.
impl std::fmt::Display for Tape {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        writeln!(f, "{:<30}{:>20}{:>20}", "node  made as", "data", "grad")?;
        for (i, &Node { data, grad, op }) in self.nodes.iter().enumerate() {
            let made = match op {
                Op::Input => "input".to_string(),
                Op::Add(a, b) => format!("{a} + {b}"),
                Op::Mul(a, b) => format!("{a} · {b}"),
                Op::Pow(a, k) => format!("{a} ^ {k}"),
                Op::Exp(a) => format!("exp {a}"),
                Op::Tanh(a) => format!("tanh {a}"),
                Op::Relu(a) => format!("relu {a}"),
                Op::Ln(a) => format!("ln {a}"),
                Op::Sum { start, len } => {
                    let terms = self.listed(start, len);
                    let names: Vec<String> =
                        terms.iter().map(Var::to_string).collect();
                    names.join(" + ")
                }
                Op::Dot { start, len } => {
                    // b, then each weight beside its input.
                    let list = self.listed(start, 1 + 2 * len);
                    let mut terms = vec![list[0].to_string()];
                    for wx in list[1..].chunks(2) {
                        terms.push(format!("{} · {}", wx[0], wx[1]));
                    }
                    terms.join(" + ")
                }
            };
            let name = Var(to_u32(i)).to_string();
            writeln!(f, "{name:<6}{made:<24}{data:>20?}{grad:>20?}")?;
        }
        Ok(())
    }
}

impl Tape {
    /// The `len` operands listed from `start`.
    fn listed(&self, start: u32, len: u32) -> &[Var] {
        &self.operands[start as usize..(start + len) as usize]
    }
}

impl Tape {
    /// The sum of `terms`, added from 0 left to right, as `Value`'s
    /// `std::iter::Sum` impl adds: one node however many terms.
    pub fn sum(&mut self, terms: &[Var]) -> Var {
        let total = terms.iter().fold(0.0, |total, &t| total + self.data(t));
        let start = self.push_operands(terms.iter().copied());
        self.push(total, Op::Sum { start, len: to_u32(terms.len()) })
    }

    /// Appends an operand list; returns where it starts.
    fn push_operands(&mut self, list: impl Iterator<Item = Var>) -> u32 {
        let start = to_u32(self.operands.len());
        self.operands.extend(list);
        // The sweep reads up to `start + len`: that end must fit a `u32` too.
        assert!(
            u32::try_from(self.operands.len()).is_ok(),
            "a tape holds fewer than 2³² operands"
        );
        start
    }

    /// b + w₀x₀ + w₁x₁ + …, added in that order, as a neuron does: one node
    /// however many terms.
    ///
    /// # Panics
    ///
    /// If `w` and `x` are not as long as each other.
    pub fn dot(&mut self, b: Var, w: &[Var], x: &[Var]) -> Var {
        assert_eq!(w.len(), x.len(), "a weight for each input");
        let total = w
            .iter()
            .zip(x)
            .fold(self.data(b), |s, (&w, &x)| s + self.data(w) * self.data(x));
        let pairs = w.iter().zip(x).flat_map(|(&w, &x)| [w, x]);
        let start = self.push_operands(std::iter::once(b).chain(pairs));
        self.push(total, Op::Dot { start, len: to_u32(w.len()) })
    }

    /// `sum`'s rule: each term gets the grad, from the last term to the
    /// first, as the chain of `+` nodes it replaces would give it.
    fn sum_backward(&mut self, start: u32, len: u32, grad: f64) {
        for j in (start..start + len).rev() {
            let term = self.operands[j as usize];
            self.add_grad(term, grad);
        }
    }

    /// `dot`'s rule, in the order of the chain of `+` and `·` nodes it
    /// replaces: the products from the last to the first, the bias's share
    /// just before the first product's.
    fn dot_backward(&mut self, start: u32, len: u32, grad: f64) {
        let bias = self.operands[start as usize];
        for k in (0..len).rev() {
            if k == 0 {
                self.add_grad(bias, grad);
            }
            let at = (start + 1 + 2 * k) as usize;
            let (w, x) = (self.operands[at], self.operands[at + 1]);
            let (wd, xd) = (self.data(w), self.data(x));
            self.add_grad(w, xd * grad);
            self.add_grad(x, wd * grad);
        }
        if len == 0 {
            self.add_grad(bias, grad);
        }
    }
}

/// An index or a length on the tape, which names them with `u32`s.
///
/// # Panics
///
/// If `n` does not fit, rather than wrap round to name another node.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).expect("a tape holds fewer than 2³² nodes and operands")
}

#[cfg(test)]
mod tests {
    use super::{Node, Tape};

    #[test]
    fn a_node_is_32_bytes() {
        assert_eq!(size_of::<Node>(), 32);
    }

    #[test]
    fn the_slope_of_x_to_the_0_is_0_even_at_0() {
        let mut tape = Tape::new();
        let x = tape.input(0.0);
        let y = tape.pow(x, 0.0);
        tape.backward(y);
        assert_eq!((tape.data(y), tape.grad(x)), (1.0, 0.0));
    }

    #[test]
    fn clear_keeps_the_kept_nodes_and_zeroes_their_grads() {
        let mut tape = Tape::new();
        let w = tape.input(2.0);
        tape.keep();
        let x = tape.input(3.0);
        let y = tape.mul(w, x);
        tape.backward(y);
        assert_eq!(tape.grad(w), 3.0);
        tape.clear();
        assert_eq!((tape.len(), tape.grad(w), tape.data(w)), (1, 0.0, 2.0));
    }

    /// A kept sum and dot product still send their grads to their own
    /// operands after `clear`, though new lists were written since.
    #[test]
    fn kept_sums_keep_their_operands_through_clear() {
        let mut tape = Tape::new();
        let (a, b) = (tape.input(2.0), tape.input(3.0));
        let sum = tape.sum(&[a, b]);
        let dot = tape.dot(a, &[b], &[a]);
        tape.keep();
        for _ in 0..2 {
            tape.clear();
            let (x, y) = (tape.input(5.0), tape.input(7.0));
            tape.sum(&[x, y, x, y, x]);
            let both = tape.add(sum, dot);
            tape.backward(both);
            // ∂/∂a (a + b) + (a + b·a) = 1 + 1 + b; ∂/∂b = 1 + a.
            assert_eq!((tape.grad(a), tape.grad(b)), (5.0, 3.0));
            assert_eq!((tape.grad(x), tape.grad(y)), (0.0, 0.0));
        }
    }

    /// The sweep runs the rules of nodes off the root's graph too: a
    /// stray 1/0 there poisons its operand's grad, where `Value` leaves 0.
    #[test]
    fn the_sweep_runs_nodes_off_the_roots_graph() {
        let mut tape = Tape::new();
        let x = tape.input(0.0);
        tape.pow(x, -1.0);
        let y = tape.input(2.0);
        let root = tape.mul(y, y);
        tape.backward(root);
        assert_eq!(tape.grad(y), 4.0);
        assert!(tape.grad(x).is_nan());

        let x = crate::Value::new(0.0);
        let _stray = x.pow(-1.0);
        let y = crate::Value::new(2.0);
        let root = &y * &y;
        root.backward();
        assert_eq!((y.grad(), x.grad()), (4.0, 0.0));
    }

    #[test]
    #[should_panic(expected = "fewer than 2³²")]
    fn a_count_too_large_for_u32_panics() {
        super::to_u32(1 << 32);
    }
}
