// Generated from chapters/02-value.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: a4e51d9d067b1a1e
//! A `Value` that remembers how it was computed,
//! and the expression graphs it forms.

use std::cell::Cell;
use std::fmt;
use std::ops::{Add, Mul};
use std::rc::Rc;

pub mod expressions;

/// A number in an expression graph: a cheap handle to a shared node.
#[derive(Clone)]
pub struct Value(Rc<Node>);

/// What a `Value` points to: the number, and how it was made.
struct Node {
    data: f64,
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

    /// The result of `op` applied to `children`.
    fn from_op(data: f64, children: Vec<Value>, op: &'static str) -> Value {
        Value(Rc::new(Node { data, children, op, label: Cell::new("") }))
    }

    /// Gives the value a name for drawings, and returns it.
    pub fn named(self, label: &'static str) -> Value {
        self.0.label.set(label);
        self
    }

    pub fn data(&self) -> f64 {
        self.0.data
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

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "Value(data={:?})", self.data())
    }
}

/// `{:?}` and `dbg!` show what `{}` shows, not the whole graph behind it.
impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Display::fmt(self, f)
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

impl viz::Expr for Value {
    fn id(&self) -> usize {
        // Two handles to one node share this
        // address, so they are drawn as one box.
        Rc::as_ptr(&self.0) as usize
    }

    fn children(&self) -> Vec<Value> {
        self.0.children.clone()
    }

    fn op(&self) -> String {
        self.0.op.to_string()
    }

    fn label(&self) -> String {
        self.0.label.get().to_string()
    }

    fn data(&self) -> f64 {
        self.0.data
    }
}
