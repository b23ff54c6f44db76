// Generated from chapters/03-manual-backprop.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 9a7b49b4113bb184
//! A `Value` with a gradient, filled in by hand:
//! backpropagation before it is automatic.

use std::cell::Cell;
use std::fmt;
use std::ops::{Add, Mul};
use std::rc::Rc;

pub mod by_hand;
pub mod expressions;

/// A number in an expression graph: a cheap handle to a shared node.
#[derive(Clone)]
pub struct Value(Rc<Node>);

/// What a `Value` points to: the number, its gradient, and how it was made.
struct Node {
    /// The number. In a `Cell` so that it can be
    /// changed through shared handles.
    data: Cell<f64>,
    /// ∂(output)/∂(this value): how much the output moves per unit nudge of
    /// this value. 0.0 until it is computed.
    grad: Cell<f64>,
    /// The operands this value was computed from; empty for an input.
    children: Vec<Value>,
    /// The operation that computed it, such as "+"; empty for an input.
    op: &'static str,
    /// A name to show in drawings; see `Value::named`.
    label: Cell<&'static str>,
}

impl Value {
    /// An input: a value not computed from any other.
    pub fn new(data: f64) -> Value {
        Value::from_op(data, vec![], "")
    }

    /// The result of `op` applied to `children`. Its grad starts at zero.
    fn from_op(data: f64, children: Vec<Value>, op: &'static str) -> Value {
        Value(Rc::new(Node {
            data: Cell::new(data),
            grad: Cell::new(0.0),
            children,
            op,
            label: Cell::new(""),
        }))
    }

    pub fn data(&self) -> f64 {
        self.0.data.get()
    }

    /// Changes the number in place. Values
    /// computed from this one are not recomputed.
    pub fn set_data(&self, data: f64) {
        self.0.data.set(data);
    }

    pub fn grad(&self) -> f64 {
        self.0.grad.get()
    }

    pub fn set_grad(&self, grad: f64) {
        self.0.grad.set(grad);
    }

    /// Gives the value a name for drawings, and returns it.
    pub fn named(self, label: &'static str) -> Value {
        self.0.label.set(label);
        self
    }

    pub fn children(&self) -> &[Value] {
        &self.0.children
    }

    pub fn op(&self) -> &'static str {
        self.0.op
    }

    pub fn label(&self) -> &'static str {
        self.0.label.get()
    }
}

impl Add for &Value {
    type Output = Value;

    fn add(self, other: &Value) -> Value {
        Value::from_op(
            self.data() + other.data(),
            vec![self.clone(), other.clone()],
            "+",
        )
    }
}

impl Mul for &Value {
    type Output = Value;

    fn mul(self, other: &Value) -> Value {
        Value::from_op(
            self.data() * other.data(),
            vec![self.clone(), other.clone()],
            "*",
        )
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "Value(data={:?}, grad={:?})", self.data(), self.grad())
    }
}

/// `{:?}` and `dbg!` show what `{}` shows, not the whole graph behind it.
impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl viz::Expr for Value {
    fn id(&self) -> usize {
        // Two handles to one node share this address, so they are drawn as one box.
        Rc::as_ptr(&self.0) as usize
    }

    fn children(&self) -> Vec<Value> {
        self.0.children.clone()
    }

    fn op(&self) -> String {
        self.0.op.to_string()
    }

    fn label(&self) -> String {
        self.label().to_string()
    }

    fn data(&self) -> f64 {
        self.data()
    }

    fn grad(&self) -> Option<f64> {
        // `Value`'s own `grad`, named by its path; `self.grad()` would call it
        // too, since a type's own methods come before its traits'.
        Some(Value::grad(self))
    }
}

impl Value {
    /// The hyperbolic tangent, as a single operation with one operand.
    pub fn tanh(&self) -> Value {
        Value::from_op(self.data().tanh(), vec![self.clone()], "tanh")
    }
}
