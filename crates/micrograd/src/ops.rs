// Generated from chapters/06-more-ops.md, chapters/06-training-ops.md, chapters/13-classes.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: f6a5c01c222a812c
//! The operations: `+ - * /` and unary `-` as operators, `pow`, `exp`,
//! `ln`, `tanh` and `relu` as methods, `Sum`, and `Value::custom` for
//! operations made outside the crate. Each builds one node with its step of
//! backpropagation.

use std::iter::Sum;
use std::ops::{Add, Div, Mul, Neg, Sub};

use crate::{Node, Value};

/// A plain number in an expression becomes an input `Value`, as in micrograd.
impl From<f64> for Value {
    fn from(data: f64) -> Value {
        Value::new(data)
    }
}

/// A borrowed value becomes a second handle to the same node.
impl From<&Value> for Value {
    fn from(value: &Value) -> Value {
        value.clone()
    }
}

/// Implements the operator trait `$Trait` (method `$method`) between every two
/// of `Value`, `&Value` and `f64` but two numbers, by passing both operands, as
/// values, to `$function`.
macro_rules! operator {
    ($Trait:ident, $method:ident, $function:path) => {
        operator!(@pair $Trait, $method, $function, Value, Value);
        operator!(@pair $Trait, $method, $function, Value, &Value);
        operator!(@pair $Trait, $method, $function, Value, f64);
        operator!(@pair $Trait, $method, $function, &Value, Value);
        operator!(@pair $Trait, $method, $function, &Value, &Value);
        operator!(@pair $Trait, $method, $function, &Value, f64);
        operator!(@pair $Trait, $method, $function, f64, Value);
        operator!(@pair $Trait, $method, $function, f64, &Value);
    };
    (@pair $Trait:ident, $method:ident, $function:path,
     $Left:ty, $Right:ty) => {
        impl $Trait<$Right> for $Left {
            type Output = Value;

            fn $method(self, other: $Right) -> Value {
                $function(Value::from(self), Value::from(other))
            }
        }
    };
}

operator!(Add, add, Value::plus);
operator!(Mul, mul, Value::times);

impl Value {
    /// a + b. The sum passes its grad to both operands unchanged:
    /// ∂(a + b)/∂a = 1.
    fn plus(a: Value, b: Value) -> Value {
        Value::from_op(a.data() + b.data(), [a, b], "+", |out: &Node| {
            let [a, b] = &out.children[..] else {
                unreachable!("a sum has two operands")
            };
            // exercise: a sum adds its grad to each operand's
            a.add_grad(out.grad.get());
            b.add_grad(out.grad.get());
            // end of exercise
        })
    }

    /// a · b. Each operand gets the other one's data times the grad:
    /// ∂(a·b)/∂a = b.
    fn times(a: Value, b: Value) -> Value {
        Value::from_op(a.data() * b.data(), [a, b], "*", |out: &Node| {
            let [a, b] = &out.children[..] else {
                unreachable!("a product has two operands")
            };
            // exercise: each factor gets the other factor times the grad
            a.add_grad(b.data() * out.grad.get());
            b.add_grad(a.data() * out.grad.get());
            // end of exercise
        })
    }

    /// The hyperbolic tangent, as a single operation with one operand.
    pub fn tanh(&self) -> Value {
        let t = self.data().tanh();
        Value::from_op(t, [self.clone()], "tanh", move |out: &Node| {
            let [x] = &out.children[..] else {
                unreachable!("tanh has one operand")
            };
            x.add_grad((1.0 - t * t) * out.grad.get());
        })
    }
}

impl Value {
    /// eˣ. Its slope is eˣ again: the node's own result.
    pub fn exp(&self) -> Value {
        let e = self.data().exp();
        Value::from_op(e, [self.clone()], "exp", move |out: &Node| {
            let [x] = &out.children[..] else {
                unreachable!("exp has one operand")
            };
            // exercise: the slope of eˣ is eˣ
            x.add_grad(e * out.grad.get());
            // end of exercise
        })
    }
}

impl Value {
    /// xᵏ, for a plain number k. Its slope is k·xᵏ⁻¹.
    pub fn pow(&self, k: f64) -> Value {
        // exercise: xᵏ, its slope k·xᵏ⁻¹ computed now and captured
        let v = self.data();
        // Hidden from the optimizer, which could otherwise compute division's
        // x⁻¹ as 1/x, whose last bit can differ from powf's: see chapter 12.2.
        let k = std::hint::black_box(k);
        let p = v.powf(k);
        // x⁰ is 1 everywhere, so its slope is 0, even at x = 0, where
        // k·xᵏ⁻¹ would be 0·∞, which is NaN.
        let slope = if k == 0.0 { 0.0 } else { k * v.powf(k - 1.0) };
        Value::from_op(p, [self.clone()], "pow", move |out: &Node| {
            let [x] = &out.children[..] else {
                unreachable!("pow has one operand")
            };
            x.add_grad(slope * out.grad.get());
        })
        // end of exercise
    }
}

/// −a, computed as a · (−1).
impl Neg for Value {
    type Output = Value;

    fn neg(self) -> Value {
        // exercise: −a is a times the number −1
        self * -1.0
        // end of exercise
    }
}

impl Neg for &Value {
    type Output = Value;

    fn neg(self) -> Value {
        // exercise: −a is a times the number −1
        self * -1.0
        // end of exercise
    }
}

impl Value {
    /// a − b, computed as a + (−b).
    fn minus(a: Value, b: Value) -> Value {
        // exercise: a − b is a plus −b
        a + -b
        // end of exercise
    }
}

operator!(Sub, sub, Value::minus);

impl Value {
    /// a / b, computed as a · b⁻¹.
    fn over(a: Value, b: Value) -> Value {
        // exercise: a / b is a times b to the power −1
        a * b.pow(-1.0)
        // end of exercise
    }
}

operator!(Div, div, Value::over);

/// Adds up values, one at a time: `values.iter().sum()`, or
/// `.sum()` over owned values. Like Python's `sum`, it
/// starts from the number 0, so the sum of nothing is 0.
impl Sum for Value {
    fn sum<I: Iterator<Item = Value>>(values: I) -> Value {
        values.fold(Value::new(0.0), |total, value| total + value)
    }
}

impl<'a> Sum<&'a Value> for Value {
    fn sum<I: Iterator<Item = &'a Value>>(values: I) -> Value {
        values.fold(Value::new(0.0), |total, value| total + value)
    }
}

impl Value {
    /// relu(x) = max(0, x). Its slope is 1 where x > 0, and 0 where x ≤ 0. A
    /// NaN passes through, with a NaN slope, instead of becoming 0.
    pub fn relu(&self) -> Value {
        // exercise: max(0, x), slope 1 where x > 0, 0 where x ≤ 0, NaN kept
        let v = self.data();
        let r = if v < 0.0 { 0.0 } else { v };
        // `f64::from(true)` is 1.0 and `f64::from(false)` is 0.0.
        let slope = if v.is_nan() { v } else { f64::from(v > 0.0) };
        Value::from_op(r, [self.clone()], "relu", move |out: &Node| {
            let [x] = &out.children[..] else {
                unreachable!("relu has one operand")
            };
            x.add_grad(slope * out.grad.get());
        })
        // end of exercise
    }
}

impl Value {
    /// A new operation, made outside this crate: a node whose result `data`
    /// was computed from `operands`, named `op`, in the order of micrograd's
    /// `Value(data, _children, _op)`. Given the operands' data as they were
    /// when the node was made, `slopes` returns ∂result/∂operand for each;
    /// `backward` multiplies each by the node's grad and adds it to that
    /// operand's grad.
    ///
    /// Every value the result depends on must be among `operands`: whatever
    /// else `slopes` uses, a captured number or `Value`, is a constant to the
    /// engine, and gets no grad.
    ///
    /// ```
    /// use micrograd::Value;
    ///
    /// // r = √(a² + b²), whose slopes are a/r and b/r.
    /// fn hypot(a: &Value, b: &Value) -> Value {
    ///     let r = a.data().hypot(b.data());
    ///     Value::custom(r, [a, b], "hypot", move |[x, y]| [x / r, y / r])
    /// }
    ///
    /// let (a, b) = (Value::new(3.0), Value::new(4.0));
    /// let r = hypot(&a, &b);
    /// r.backward();
    /// assert_eq!(r.data(), 5.0);
    /// assert_eq!((a.grad(), b.grad()), (0.6, 0.8));
    /// ```
    pub fn custom<const N: usize>(
        data: f64,
        operands: [&Value; N],
        op: &'static str,
        slopes: impl Fn([f64; N]) -> [f64; N] + 'static,
    ) -> Value {
        // The numbers `data` was computed from, kept for `slopes`.
        let xs = operands.map(Value::data);
        let children = operands.map(Value::clone);
        Value::from_op(data, children, op, move |out: &Node| {
            for (x, slope) in out.children.iter().zip(slopes(xs)) {
                x.add_grad(slope * out.grad.get());
            }
        })
    }
}

impl Value {
    /// The natural logarithm, ln x. Its slope is 1/x.
    ///
    /// As with `f64::ln`, nothing is clamped: ln 0 is −∞ and the log of a
    /// negative number is NaN, and the slope there is ∞ or NaN.
    ///
    /// ```
    /// use micrograd::Value;
    ///
    /// let x = Value::new(2.0);
    /// let y = x.ln();
    /// y.backward();
    /// assert_eq!((y.data(), x.grad()), (2f64.ln(), 0.5));
    /// assert_eq!(Value::new(0.0).ln().data(), f64::NEG_INFINITY);
    /// assert!(Value::new(-1.0).ln().data().is_nan());
    /// ```
    pub fn ln(&self) -> Value {
        let l = self.data().ln();
        Value::from_op(l, [self.clone()], "ln", |out: &Node| {
            let [x] = &out.children[..] else {
                unreachable!("ln has one operand")
            };
            x.add_grad(out.grad.get() / x.data());
        })
    }
}
