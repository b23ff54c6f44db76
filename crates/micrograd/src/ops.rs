// Generated from chapters/06-more-ops.md by `cargo xtask tangle`: edit the chapter, not this file.
//! The operations: `+ - * /` and unary `-` as operators, `pow`, `exp`, `tanh` and `relu`
//! as methods. Each builds one node with its step of backpropagation.

use std::ops::{Add, Div, Mul, Neg, Sub};

use crate::Value;

impl Value {
    /// a + b. The sum passes its grad to both operands unchanged: ∂(a + b)/∂a = 1.
    fn sum(a: Value, b: Value) -> Value {
        Value::from_op(a.data() + b.data(), vec![a, b], "+", |out| {
            for child in &out.children {
                child.add_grad(out.grad.get());
            }
        })
    }

    /// a · b. Each operand gets the other one's data times the grad: ∂(a·b)/∂a = b.
    fn product(a: Value, b: Value) -> Value {
        Value::from_op(a.data() * b.data(), vec![a, b], "*", |out| {
            let [a, b] = &out.children[..] else { unreachable!("a product has two operands") };
            a.add_grad(b.data() * out.grad.get());
            b.add_grad(a.data() * out.grad.get());
        })
    }

    /// tanh(x), squashed into (−1, 1). Its slope is 1 − tanh(x)².
    pub fn tanh(&self) -> Value {
        Value::from_op(self.data().tanh(), vec![self.clone()], "tanh", |out| {
            let t = out.data.get();
            out.children[0].add_grad((1.0 - t * t) * out.grad.get());
        })
    }
}

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

/// Implements the operator trait `$Trait` (method `$method`) between every two of `Value`,
/// `&Value` and `f64` but two numbers, by passing both operands, as values, to `$function`.
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
    (@pair $Trait:ident, $method:ident, $function:path, $Left:ty, $Right:ty) => {
        impl $Trait<$Right> for $Left {
            type Output = Value;

            fn $method(self, other: $Right) -> Value {
                $function(Value::from(self), Value::from(other))
            }
        }
    };
}

operator!(Add, add, Value::sum);
operator!(Mul, mul, Value::product);

impl Value {
    /// eˣ. Its slope is eˣ again: the node's own data.
    pub fn exp(&self) -> Value {
        Value::from_op(self.data().exp(), vec![self.clone()], "exp", |out| {
            out.children[0].add_grad(out.data.get() * out.grad.get());
        })
    }
}

impl Value {
    /// xᵏ, for a plain number k. Its slope is k·xᵏ⁻¹.
    pub fn pow(&self, k: f64) -> Value {
        Value::from_op(self.data().powf(k), vec![self.clone()], "pow", move |out| {
            let x = out.children[0].data();
            out.children[0].add_grad(k * x.powf(k - 1.0) * out.grad.get());
        })
    }
}

/// −a, computed as a · (−1).
impl Neg for Value {
    type Output = Value;

    fn neg(self) -> Value {
        self * -1.0
    }
}

impl Neg for &Value {
    type Output = Value;

    fn neg(self) -> Value {
        self * -1.0
    }
}

impl Value {
    /// a − b, computed as a + (−b).
    fn difference(a: Value, b: Value) -> Value {
        a + -b
    }
}

operator!(Sub, sub, Value::difference);

impl Value {
    /// a / b, computed as a · b⁻¹.
    fn quotient(a: Value, b: Value) -> Value {
        a * b.pow(-1.0)
    }
}

operator!(Div, div, Value::quotient);

impl Value {
    /// relu(x) = max(0, x). Its slope is 1 where x > 0, and 0 elsewhere.
    pub fn relu(&self) -> Value {
        Value::from_op(self.data().max(0.0), vec![self.clone()], "relu", |out| {
            if out.data.get() > 0.0 {
                out.children[0].add_grad(out.grad.get());
            }
        })
    }
}
