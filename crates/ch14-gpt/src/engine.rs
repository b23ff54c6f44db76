// Generated from chapters/14-gpt.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: e497dfa290171863
//! What the model asks of an engine, and three engines that give it: `Value`'s
//! graph, the tape, and plain numbers with no graph at all.

use micrograd::Value;
use micrograd::tape::{Tape, Var};

/// The operations the model is written with. `N` is the engine's handle to
/// a number: a `Value`, a tape's `Var`, or the `f64` itself.
pub trait Engine {
    /// A number as this engine holds it.
    type N: Clone;

    /// A number not computed from others: an input, or a constant.
    fn constant(&mut self, x: f64) -> Self::N;
    /// The number `a` holds.
    fn data(&self, a: &Self::N) -> f64;
    /// a + b.
    fn add(&mut self, a: &Self::N, b: &Self::N) -> Self::N;
    /// a · b.
    fn mul(&mut self, a: &Self::N, b: &Self::N) -> Self::N;
    /// aᵏ.
    fn pow(&mut self, a: &Self::N, k: f64) -> Self::N;
    /// eᵃ.
    fn exp(&mut self, a: &Self::N) -> Self::N;
    /// ln a.
    fn ln(&mut self, a: &Self::N) -> Self::N;
    /// max(0, a).
    fn relu(&mut self, a: &Self::N) -> Self::N;
    /// The terms added from 0, left to right.
    fn sum(&mut self, terms: &[Self::N]) -> Self::N;
    /// w₀x₀ + w₁x₁ + …, added from 0, left to right. Panics if `w` and `x`
    /// differ in length, rather than drop the extra terms as `zip` would.
    fn dot(&mut self, w: &[Self::N], x: &[Self::N]) -> Self::N;

    /// a · k, for a plain number k.
    fn scale(&mut self, a: &Self::N, k: f64) -> Self::N {
        let k = self.constant(k);
        self.mul(a, &k)
    }

    /// a + k, for a plain number k.
    fn shift(&mut self, a: &Self::N, k: f64) -> Self::N {
        let k = self.constant(k);
        self.add(a, &k)
    }

    /// a − b, as a + b · (−1).
    fn sub(&mut self, a: &Self::N, b: &Self::N) -> Self::N {
        let minus_b = self.scale(b, -1.0);
        self.add(a, &minus_b)
    }
}

/// `Value`'s engine: each operation a node of a graph of `Value`s, as in
/// chapters 2 to 13. It holds nothing: the graph lives in the values.
pub struct Graph;

impl Engine for Graph {
    type N = Value;

    fn constant(&mut self, x: f64) -> Value {
        Value::new(x)
    }
    fn data(&self, a: &Value) -> f64 {
        a.data()
    }
    fn add(&mut self, a: &Value, b: &Value) -> Value {
        a + b
    }
    fn mul(&mut self, a: &Value, b: &Value) -> Value {
        a * b
    }
    fn pow(&mut self, a: &Value, k: f64) -> Value {
        a.pow(k)
    }
    fn exp(&mut self, a: &Value) -> Value {
        a.exp()
    }
    fn ln(&mut self, a: &Value) -> Value {
        a.ln()
    }
    fn relu(&mut self, a: &Value) -> Value {
        a.relu()
    }
    // ... pow, exp, ln and relu, each `Value`'s own method: hidden
    fn sum(&mut self, terms: &[Value]) -> Value {
        terms.iter().sum()
    }
    fn dot(&mut self, w: &[Value], x: &[Value]) -> Value {
        assert_eq!(w.len(), x.len(), "a weight for each input");
        w.iter().zip(x).map(|(w, x)| w * x).sum()
    }
}

/// The tape of chapter 12: each operation a node pushed onto one vector.
impl Engine for Tape {
    type N = Var;

    fn constant(&mut self, x: f64) -> Var {
        self.input(x)
    }
    fn data(&self, &a: &Var) -> f64 {
        Tape::data(self, a)
    }
    fn add(&mut self, &a: &Var, &b: &Var) -> Var {
        Tape::add(self, a, b)
    }
    fn mul(&mut self, &a: &Var, &b: &Var) -> Var {
        Tape::mul(self, a, b)
    }
    fn pow(&mut self, &a: &Var, k: f64) -> Var {
        Tape::pow(self, a, k)
    }
    fn exp(&mut self, &a: &Var) -> Var {
        Tape::exp(self, a)
    }
    fn ln(&mut self, &a: &Var) -> Var {
        Tape::ln(self, a)
    }
    fn relu(&mut self, &a: &Var) -> Var {
        Tape::relu(self, a)
    }
    fn sum(&mut self, terms: &[Var]) -> Var {
        Tape::sum(self, terms)
    }
    // ... the rest, each the tape's own method: hidden
    fn dot(&mut self, w: &[Var], x: &[Var]) -> Var {
        let zero = self.input(0.0);
        Tape::dot(self, zero, w, x)
    }
}

/// Plain numbers: the same arithmetic, no graph, nothing to go back through.
/// For sampling, and for measuring slopes by nudging.
pub struct Numbers;

impl Engine for Numbers {
    type N = f64;

    fn constant(&mut self, x: f64) -> f64 {
        x
    }
    fn data(&self, &a: &f64) -> f64 {
        a
    }
    fn add(&mut self, a: &f64, b: &f64) -> f64 {
        a + b
    }
    fn mul(&mut self, a: &f64, b: &f64) -> f64 {
        a * b
    }
    fn pow(&mut self, a: &f64, k: f64) -> f64 {
        a.powf(k)
    }
    fn exp(&mut self, a: &f64) -> f64 {
        a.exp()
    }
    fn ln(&mut self, a: &f64) -> f64 {
        a.ln()
    }
    // ... constant, data, add, mul, pow, exp, ln: one line each, hidden
    fn relu(&mut self, &a: &f64) -> f64 {
        if a < 0.0 { 0.0 } else { a }
    }
    fn sum(&mut self, terms: &[f64]) -> f64 {
        terms.iter().fold(0.0, |total, t| total + t)
    }
    fn dot(&mut self, w: &[f64], x: &[f64]) -> f64 {
        assert_eq!(w.len(), x.len(), "a weight for each input");
        w.iter().zip(x).fold(0.0, |total, (w, x)| total + w * x)
    }
}
