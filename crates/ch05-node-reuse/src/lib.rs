// Generated from chapters/05-node-reuse.md by `cargo xtask tangle`: edit the chapter, not this file.
//! The engine with the reuse bug fixed: each backward step *adds* its share to each child's
//! grad. The engine as chapter 4 left it is kept, for comparison, in [`buggy`].

use std::cell::Cell;
use std::collections::HashSet;
use std::fmt;
use std::ops::{Add, Mul};
use std::rc::Rc;

pub mod buggy;
pub mod expressions;

/// A number in an expression graph: a cheap handle to a shared node.
#[derive(Clone)]
pub struct Value(Rc<Node>);

/// What a `Value` points to.
struct Node {
    data: Cell<f64>,
    /// ∂(output)/∂(this node): the sum of the shares of every use, once `backward` has run.
    grad: Cell<f64>,
    /// The operands, in operand order. A value used twice appears twice.
    children: Vec<Value>,
    op: &'static str,
    label: Cell<&'static str>,
    /// Adds this node's grad, times the local derivatives, into its children's grads.
    backward: Option<Backward>,
}

/// A backward step. It receives the node it belongs to, so it never owns that node.
type Backward = Box<dyn Fn(&Node)>;

impl Value {
    /// An input: a value not computed from any other.
    pub fn new(data: f64) -> Value {
        Value::from_op(data, vec![], "", None)
    }

    /// The result of `op` applied to `children`, with the closure that backpropagates it.
    fn from_op(
        data: f64,
        children: Vec<Value>,
        op: &'static str,
        backward: Option<Backward>,
    ) -> Value {
        let (data, grad, label) = (Cell::new(data), Cell::new(0.0), Cell::new(""));
        Value(Rc::new(Node { data, grad, children, op, label, backward }))
    }

    /// Gives the value a name for drawings, and returns it.
    pub fn named(self, label: &'static str) -> Value {
        self.0.label.set(label);
        self
    }

    pub fn data(&self) -> f64 {
        self.0.data.get()
    }

    pub fn set_data(&self, data: f64) {
        self.0.data.set(data);
    }

    pub fn grad(&self) -> f64 {
        self.0.grad.get()
    }

    pub fn set_grad(&self, grad: f64) {
        self.0.grad.set(grad);
    }

    /// Adds one use's share to this node's grad.
    pub fn add_grad(&self, share: f64) {
        self.0.grad.set(self.0.grad.get() + share);
    }

    /// tanh(self), as a single operation.
    pub fn tanh(&self) -> Value {
        let t = self.data().tanh();
        let backward = move |out: &Node| {
            out.children[0].add_grad((1.0 - t * t) * out.grad.get());
        };
        Value::from_op(t, vec![self.clone()], "tanh", Some(Box::new(backward)))
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

    /// The address of the shared node: equal for two handles to one node.
    fn id(&self) -> usize {
        Rc::as_ptr(&self.0) as usize
    }

    /// Runs this node's own backward step, if it has one.
    pub fn backward_step(&self) {
        if let Some(backward) = &self.0.backward {
            backward(&self.0);
        }
    }

    /// Every node of the graph under `self`, each once, children before parents:
    /// an iterative depth-first walk, operands in order.
    pub fn topo(&self) -> Vec<Value> {
        let mut order = Vec::new();
        let mut visited = HashSet::from([self.id()]);
        // A frame: a node, and the index of the next of its children to visit.
        let mut stack = vec![(self.clone(), 0)];
        while let Some((node, next)) = stack.last_mut() {
            let child = node.children().get(*next).cloned();
            *next += 1;
            match child {
                Some(child) => {
                    if visited.insert(child.id()) {
                        stack.push((child, 0));
                    }
                }
                None => order.extend(stack.pop().map(|(node, _)| node)),
            }
        }
        order
    }

    /// Backpropagation: adds the grad of the graph's output with respect to each node
    /// into that node's grad. Every grad under `self` must be 0.0 before.
    pub fn backward(&self) {
        self.set_grad(1.0);
        for node in self.topo().iter().rev() {
            node.backward_step();
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "Value(data={:?}, grad={:?})", self.data(), self.grad())
    }
}

impl Add for &Value {
    type Output = Value;

    fn add(self, other: &Value) -> Value {
        let backward = |out: &Node| {
            let [a, b] = &out.children[..] else { unreachable!() };
            a.add_grad(out.grad.get());
            b.add_grad(out.grad.get());
        };
        let children = vec![self.clone(), other.clone()];
        Value::from_op(self.data() + other.data(), children, "+", Some(Box::new(backward)))
    }
}

impl Mul for &Value {
    type Output = Value;

    fn mul(self, other: &Value) -> Value {
        let backward = |out: &Node| {
            let [a, b] = &out.children[..] else { unreachable!() };
            a.add_grad(b.data() * out.grad.get());
            b.add_grad(a.data() * out.grad.get());
        };
        let children = vec![self.clone(), other.clone()];
        Value::from_op(self.data() * other.data(), children, "*", Some(Box::new(backward)))
    }
}

impl viz::Expr for Value {
    fn id(&self) -> usize {
        Value::id(self)
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
        Some(self.grad())
    }
}
