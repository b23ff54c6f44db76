// Generated from chapters/07-cross-check.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: dd21cb247e9892cf
//! The same expressions in two engines, micrograd and candle, compared; and a
//! gradient checker by central differences.

use candle_core::{Device, Tensor, Var};
use micrograd::Value;

/// The neuron of chapter 3: o = tanh(x1·w1 + x2·w2 + b).
pub fn neuron(v: &[Value]) -> Value {
    let [x1, w1, x2, w2, b] = v else { panic!("the neuron has five inputs") };
    (x1 * w1 + x2 * w2 + b).tanh()
}

/// The same neuron, in candle.
pub fn neuron_candle(t: &[Tensor]) -> candle_core::Result<Tensor> {
    let [x1, w1, x2, w2, b] = t else { panic!("the neuron has five inputs") };
    ((x1 * w1)? + (x2 * w2) + b)?.tanh()
}

/// The neuron with tanh taken apart: (e²ⁿ − 1) / (e²ⁿ + 1).
pub fn neuron_apart(v: &[Value]) -> Value {
    let [x1, w1, x2, w2, b] = v else { panic!("the neuron has five inputs") };
    let n = x1 * w1 + x2 * w2 + b;
    let e = (2.0 * n).exp();
    (&e - 1.0) / (&e + 1.0)
}

/// The same, in candle.
pub fn neuron_apart_candle(t: &[Tensor]) -> candle_core::Result<Tensor> {
    let [x1, w1, x2, w2, b] = t else { panic!("the neuron has five inputs") };
    let n = ((x1 * w1)? + (x2 * w2) + b)?;
    let e = (&n * 2.0)?.exp()?;
    (&e - 1.0)? / (&e + 1.0)
}

/// The original micrograd's first test.
pub fn sanity_check(v: &[Value]) -> Value {
    let [x] = v else { panic!("one input") };
    let z = 2.0 * x + 2.0 + x;
    let q = z.relu() + &z * x;
    let h = (&z * &z).relu();
    &h + &q + &q * x
}

/// The same, in candle.
pub fn sanity_check_candle(t: &[Tensor]) -> candle_core::Result<Tensor> {
    let [x] = t else { panic!("one input") };
    let z = (x.affine(2.0, 2.0) + x)?;
    let q = (z.relu()? + (&z * x))?;
    let h = (&z * &z)?.relu()?;
    (&h + &q)? + (&q * x)
}

/// The original micrograd's second test.
pub fn more_ops(v: &[Value]) -> Value {
    let [a, b] = v else { panic!("two inputs") };
    let c = a + b;
    let d = a * b + b.pow(3.0);
    let c = &c + (&c + 1.0);
    let c = &c + (1.0 + &c + (-a));
    let d = &d + (&d * 2.0 + (b + a).relu());
    let d = &d + (3.0 * &d + (b - a).relu());
    let e = &c - &d;
    let f = e.pow(2.0);
    let g = &f / 2.0;
    &g + 10.0 / &f
}

/// The same, in candle.
pub fn more_ops_candle(t: &[Tensor]) -> candle_core::Result<Tensor> {
    let [a, b] = t else { panic!("two inputs") };
    let c = (a + b)?;
    let d = ((a * b)? + b.powf(3.0))?;
    let c = (&c + (&c + 1.0))?;
    let c = (&c + ((1.0 + &c)? + a.neg()))?;
    let d = (&d + ((&d * 2.0)? + (b + a)?.relu()))?;
    let d = (&d + ((3.0 * &d)? + (b - a)?.relu()))?;
    let e = (&c - &d)?;
    let f = e.powf(2.0)?;
    let g = (&f / 2.0)?;
    &g + (10.0 / &f)
}

/// An expression written for both engines, and the point to compute it at.
pub struct Case {
    pub name: &'static str,
    /// A short name, for tables.
    pub short: &'static str,
    /// The inputs' names and values.
    pub inputs: &'static [(&'static str, f64)],
    pub ours: fn(&[Value]) -> Value,
    pub theirs: fn(&[Tensor]) -> candle_core::Result<Tensor>,
}

impl Case {
    /// The inputs' values.
    pub fn at(&self) -> Vec<f64> {
        self.inputs.iter().map(|&(_, x)| x).collect()
    }
}

/// The neuron's inputs, with the numbers of chapter 3.
const NEURON: &[(&str, f64)] = &[
    ("x1", 2.0),
    ("w1", -3.0),
    ("x2", 0.0),
    ("w2", 1.0),
    ("b", 6.881373587019543),
];

/// The chapter's four expressions.
pub const CASES: [Case; 4] = [
    Case {
        name: "the tanh neuron",
        short: "neuron",
        inputs: NEURON,
        ours: neuron,
        theirs: neuron_candle,
    },
    // The other three alike: "apart" at NEURON, "sanity" at x = −4,
    // "more ops" at a = −4 and b = 2.
    Case {
        name: "the neuron, tanh taken apart",
        short: "apart",
        inputs: NEURON,
        ours: neuron_apart,
        theirs: neuron_apart_candle,
    },
    Case {
        name: "micrograd's sanity check",
        short: "sanity",
        inputs: &[("x", -4.0)],
        ours: sanity_check,
        theirs: sanity_check_candle,
    },
    Case {
        name: "micrograd's more ops",
        short: "more ops",
        inputs: &[("a", -4.0), ("b", 2.0)],
        ours: more_ops,
        theirs: more_ops_candle,
    },
];

/// Fresh input values holding `numbers`.
fn inputs(numbers: &[f64]) -> Vec<Value> {
    numbers.iter().map(|&x| Value::new(x)).collect()
}

/// The output, then its grad with respect to each input, by micrograd.
pub fn with_micrograd(case: &Case) -> Vec<f64> {
    let inputs = inputs(&case.at());
    let out = (case.ours)(&inputs);
    out.backward();
    let mut numbers = vec![out.data()];
    numbers.extend(inputs.iter().map(Value::grad));
    numbers
}

/// The same numbers, by candle.
pub fn with_candle(case: &Case) -> candle_core::Result<Vec<f64>> {
    let vars = case.at().into_iter().map(|x| Var::new(x, &Device::Cpu));
    let vars = vars.collect::<candle_core::Result<Vec<Var>>>()?;
    let inputs: Vec<Tensor> =
        vars.iter().map(|var| var.as_tensor().clone()).collect();
    let out = (case.theirs)(&inputs)?;
    let grads = out.backward()?;
    let grad = |var: &Var| {
        let grad = grads.get(var).expect("every input reaches the output");
        grad.to_scalar::<f64>()
    };
    std::iter::once(out.to_scalar::<f64>())
        .chain(vars.iter().map(grad))
        .collect()
}

/// The largest difference between the two engines that counts as the same.
pub const SAME: f64 = 1e-12;
