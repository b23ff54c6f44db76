// Generated from chapters/03-manual-backprop.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 6c7d7fbec90baa80
//! The expressions of this chapter, with a handle on every value in them.

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
        LGraph::build_nudged(None)
    }

    /// Every value, from the output back to the inputs.
    pub fn values(&self) -> [&Value; 7] {
        [&self.l, &self.f, &self.d, &self.c, &self.e, &self.a, &self.b]
    }
}

/// Which value to nudge, and by how much: `Some(("a", 0.001))` adds 0.001 to a.
pub type Nudge = Option<(&'static str, f64)>;

/// Adds the nudge to `value` if the nudge names it, and returns it.
fn nudged(value: Value, nudge: Nudge) -> Value {
    if let Some((name, h)) = nudge
        && value.label() == name
    {
        value.set_data(value.data() + h);
    }
    value
}

impl LGraph {
    /// Builds L, nudging the value `nudge` names.
    pub fn build_nudged(nudge: Nudge) -> LGraph {
        let input = |data, name| nudged(Value::new(data).named(name), nudge);
        let a = input(2.0, "a");
        let b = input(-3.0, "b");
        let c = input(10.0, "c");
        let e = nudged((&a * &b).named("e"), nudge);
        let d = nudged((&e + &c).named("d"), nudge);
        let f = input(-2.0, "f");
        let l = nudged((&d * &f).named("L"), nudge);
        let graph = LGraph { a, b, c, e, d, f, l };
        check_nudge(nudge, &graph.values());
        graph
    }
}

/// Panics unless the nudge names exactly one of `values`: a misspelt name
/// must not quietly measure a slope of 0.0, nor a shared one nudge two values.
fn check_nudge(nudge: Nudge, values: &[&Value]) {
    if let Some((name, _)) = nudge {
        let named = values.iter().filter(|v| v.label() == name).count();
        assert_eq!(named, 1, "how many values the nudge {name:?} names");
    }
}

/// The slope of `output` with respect to the value named `name`, measured by
/// nudging it by `h`.
pub fn slope(output: impl Fn(Nudge) -> f64, name: &'static str, h: f64) -> f64 {
    (output(Some((name, h))) - output(None)) / h
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
    /// Builds the chapter's neuron.
    pub fn build() -> Neuron {
        Neuron::build_nudged(None)
    }

    /// Builds the chapter's neuron, nudging the value `nudge` names.
    pub fn build_nudged(nudge: Nudge) -> Neuron {
        let input = |data, name| nudged(Value::new(data).named(name), nudge);
        let x1 = input(2.0, "x1");
        let x2 = input(0.0, "x2");
        let w1 = input(-3.0, "w1");
        let w2 = input(1.0, "w2");
        let b = input(6.881373587019543, "b");
        let x1w1 = nudged((&x1 * &w1).named("x1w1"), nudge);
        let x2w2 = nudged((&x2 * &w2).named("x2w2"), nudge);
        let x1w1x2w2 = nudged((&x1w1 + &x2w2).named("x1w1 + x2w2"), nudge);
        let n = nudged((&x1w1x2w2 + &b).named("n"), nudge);
        let o = nudged(n.tanh().named("o"), nudge);
        let neuron = Neuron { x1, x2, w1, w2, b, x1w1, x2w2, x1w1x2w2, n, o };
        check_nudge(nudge, &neuron.values());
        neuron
    }

    /// Every value, from the output back to the inputs.
    pub fn values(&self) -> [&Value; 10] {
        let Neuron { x1, x2, w1, w2, b, x1w1, x2w2, x1w1x2w2, n, o } = self;
        [o, n, x1w1x2w2, b, x1w1, x2w2, x1, w1, x2, w2]
    }
}
