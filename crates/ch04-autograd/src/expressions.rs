// Generated from chapters/04-autograd.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: b9b2398aab50c1fc
//! The expressions of chapter 3, with a handle on every value in them.

use crate::Value;

/// L = (a·b + c)·f and every value in it.
pub struct LGraph {
    pub a: Value,
    pub b: Value,
    pub c: Value,
    pub e: Value,
    pub d: Value,
    pub f: Value,
    /// L itself, the output.
    pub l: Value,
}

impl LGraph {
    /// Builds L with a = 2, b = −3, c = 10, f = −2.
    pub fn build() -> LGraph {
        let a = Value::new(2.0).named("a");
        let b = Value::new(-3.0).named("b");
        let c = Value::new(10.0).named("c");
        let e = (&a * &b).named("e");
        let d = (&e + &c).named("d");
        let f = Value::new(-2.0).named("f");
        let l = (&d * &f).named("L");
        LGraph { a, b, c, e, d, f, l }
    }
}

/// A neuron with two inputs,
/// o = tanh(x1·w1 + x2·w2 + b), and every value in it.
pub struct Neuron {
    pub x1: Value,
    pub x2: Value,
    pub w1: Value,
    pub w2: Value,
    pub b: Value,
    pub x1w1: Value,
    pub x2w2: Value,
    pub x1w1x2w2: Value,
    pub n: Value,
    pub o: Value,
}

impl Neuron {
    /// Builds the neuron of chapter 3.
    pub fn build() -> Neuron {
        let x1 = Value::new(2.0).named("x1");
        let x2 = Value::new(0.0).named("x2");
        let w1 = Value::new(-3.0).named("w1");
        let w2 = Value::new(1.0).named("w2");
        let b = Value::new(6.881373587019543).named("b");
        let x1w1 = (&x1 * &w1).named("x1w1");
        let x2w2 = (&x2 * &w2).named("x2w2");
        let x1w1x2w2 = (&x1w1 + &x2w2).named("x1w1 + x2w2");
        let n = (&x1w1x2w2 + &b).named("n");
        let o = n.tanh().named("o");
        Neuron { x1, x2, w1, w2, b, x1w1, x2w2, x1w1x2w2, n, o }
    }
}
