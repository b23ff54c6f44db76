// Generated from chapters/06-more-ops.md by `cargo xtask tangle`: edit the chapter, not this file.
//! micrograd: a tiny scalar autograd engine.
//!
//! A [`Value`] is a number that remembers how it was computed. Build an expression out of
//! values with `+ - * /` (plain `f64` numbers are welcome on either side) and the methods
//! [`Value::pow`], [`Value::exp`], [`Value::tanh`] and [`Value::relu`]; then call
//! [`Value::backward`] on the result, and every value it was computed from holds, in
//! [`Value::grad`], the derivative of the result with respect to itself.
//!
//! ```
//! use micrograd::Value;
//!
//! let a = Value::new(-2.0);
//! let b = Value::new(3.0);
//! let f = (&a * &b) * (&a + &b);
//! f.backward();
//! assert_eq!((a.grad(), b.grad()), (-3.0, -8.0));
//! ```

use std::cell::Cell;
use std::collections::HashSet;
use std::fmt;
use std::rc::Rc;

mod ops;

/// A number in an expression graph: a cheap handle to a shared node.
///
/// Cloning a `Value` gives a second handle to the same node, not a copy of the number.
#[derive(Clone)]
pub struct Value(Rc<Node>);

/// What a `Value` points to: the number, its gradient, and how it was made.
struct Node {
    data: Cell<f64>,
    /// ∂(output)/∂(this node), filled in by `backward`; starts at 0.
    grad: Cell<f64>,
    /// The operands this value was computed from, in operand order; empty for an input.
    children: Vec<Value>,
    /// The operation that computed it, such as "+"; empty for an input.
    op: &'static str,
    /// A name to show in drawings; see `Value::named`.
    label: Cell<&'static str>,
    /// Passes this node's grad on to its children; `None` for an input.
    backward: Option<Backward>,
}

/// One node's step of backpropagation. It is given its own node as an argument, so it
/// never holds a handle to it: no cycle of `Rc`s, nothing leaks.
type Backward = Box<dyn Fn(&Node)>;

impl Value {
    /// An input: a value not computed from any other.
    pub fn new(data: f64) -> Value {
        Value::with_backward(data, vec![], "", None)
    }

    /// The result of `op` applied to `children`; `backward` is its step of backpropagation.
    fn from_op(
        data: f64,
        children: Vec<Value>,
        op: &'static str,
        backward: impl Fn(&Node) + 'static,
    ) -> Value {
        Value::with_backward(data, children, op, Some(Box::new(backward)))
    }

    fn with_backward(
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

    /// Changes the number, as a step of gradient descent does. Values already computed
    /// from this one keep their data: compute them again to see the change.
    pub fn set_data(&self, data: f64) {
        self.0.data.set(data);
    }

    /// The derivative of the output with respect to this value, as [`Value::backward`]
    /// left it: summed over every `backward` since the grad was last reset.
    pub fn grad(&self) -> f64 {
        self.0.grad.get()
    }

    pub fn set_grad(&self, grad: f64) {
        self.0.grad.set(grad);
    }

    /// Sets the grad back to 0, as it must be before a new [`Value::backward`].
    pub fn zero_grad(&self) {
        self.set_grad(0.0);
    }

    /// Adds `amount` to the grad: how a value used several times collects every share.
    fn add_grad(&self, amount: f64) {
        self.0.add_grad(amount);
    }

    /// The values this one was computed from, in operand order; empty for an input.
    pub fn children(&self) -> &[Value] {
        &self.0.children
    }

    /// The operation that computed this value, such as `"+"`; `""` for an input.
    pub fn op(&self) -> &'static str {
        self.0.op
    }

    /// The name given with [`Value::named`], or `""`.
    pub fn label(&self) -> &'static str {
        self.0.label.get()
    }

    /// The address of the node: the same for every handle to it.
    fn id(&self) -> usize {
        Rc::as_ptr(&self.0) as usize
    }

    /// Every value this one was computed from, and itself, each once, operands before
    /// results. A depth-first walk with a stack of its own, so any depth is fine.
    pub fn topo(&self) -> Vec<Value> {
        let mut visited = HashSet::from([self.id()]);
        let mut order = vec![];
        // A frame: a node, and how many of its children the walk has looked at.
        let mut stack = vec![(self.clone(), 0)];
        while let Some((node, seen)) = stack.last_mut() {
            match node.children().get(*seen).cloned() {
                Some(child) => {
                    *seen += 1;
                    if visited.insert(child.id()) {
                        stack.push((child, 0));
                    }
                }
                None => order.extend(stack.pop().map(|(node, _)| node)),
            }
        }
        order
    }

    /// Backpropagation: sets this value's grad to 1, then runs every node's backward
    /// step, from here back to the inputs, so that each value's grad becomes the
    /// derivative of this value with respect to it.
    ///
    /// Grads **accumulate**: each step adds to its operands' grads, which is how a value
    /// used twice gets both shares. So a second `backward` adds to what the first left,
    /// as in the original micrograd: reset the grads first, with [`Value::zero_grad`] on
    /// every value that matters (chapter 8's networks do it for all their parameters).
    pub fn backward(&self) {
        let order = self.topo();
        self.set_grad(1.0);
        for value in order.iter().rev() {
            if let Some(step) = &value.0.backward {
                step(&value.0);
            }
        }
    }
}

impl Node {
    fn add_grad(&self, amount: f64) {
        self.grad.set(self.grad.get() + amount);
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "Value(data={:?}, grad={:?})", self.data(), self.grad())
    }
}

/// Lets the book's `viz` crate draw expression graphs.
#[cfg(feature = "viz")]
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
        self.0.label.get().to_string()
    }

    fn data(&self) -> f64 {
        self.0.data.get()
    }

    fn grad(&self) -> Option<f64> {
        Some(self.0.grad.get())
    }
}

/// Frees a graph without recursion, however deep it is.
///
/// Left to itself, dropping a node drops its children's handles, which may drop their
/// nodes, inside this drop, and so on down: one nested call per level of the graph.
/// Instead, the children's handles go to a list, and a loop frees them one at a time.
impl Drop for Node {
    fn drop(&mut self) {
        let mut handles = std::mem::take(&mut self.children);
        while let Some(handle) = handles.pop() {
            // If this was the last handle to its node, we get the node, and with it its
            // children's handles, to drop in this loop instead of inside the node's drop.
            if let Some(mut node) = Rc::into_inner(handle.0) {
                handles.append(&mut node.children);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::rc::{Rc, Weak};

    use super::{Node, Value};

    /// A weak handle to each node of the graph under `value`.
    fn watch(value: &Value) -> Vec<Weak<Node>> {
        value.topo().iter().map(|node| Rc::downgrade(&node.0)).collect()
    }

    #[test]
    fn a_dropped_graph_is_freed() {
        let a = Value::new(-0.5);
        let b = Value::new(2.0);
        let out = ((2.0 * &a).exp() - 1.0) / (b.relu() + a.pow(2.0).tanh()) * &a;
        out.backward();
        let nodes = watch(&out);
        assert_eq!(nodes.len(), 16);
        assert!(nodes.iter().all(|node| node.upgrade().is_some()));
        drop(out);
        // Only the inputs we still hold are left.
        let alive = nodes.iter().filter(|node| node.upgrade().is_some()).count();
        assert_eq!(alive, 2);
        drop((a, b));
        assert!(nodes.iter().all(|node| node.upgrade().is_none()));
    }

    #[test]
    fn a_deep_graph_is_freed() {
        let mut y = Value::new(0.0);
        for _ in 0..10_000 {
            y = (y * 0.5).relu() + 1.0;
        }
        y.backward();
        let nodes = watch(&y);
        drop(y);
        assert!(nodes.iter().all(|node| node.upgrade().is_none()));
    }
}
