// Generated from chapters/06-more-ops.md, chapters/06-reuse.md, chapters/07-cross-check.md, chapters/08-mlp.md, chapters/11-heap.md, chapters/11-walk.md, chapters/12-tape.md, chapters/13-classes.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: e42fa22de0a0c8af
#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;

mod ops;

/// A number in an expression graph: a cheap handle to a shared node.
///
/// Cloning a `Value` gives a second handle to the same node, not a copy of the
/// number.
///
/// A `Value` is neither `Send` nor `Sync`: a graph lives on the thread that
/// built it. Its handles are `Rc`s, whose counts are not atomic, which rules
/// out both; its numbers are in `Cell`s, which alone would rule out `Sync`.
/// Each thread can build and differentiate graphs of its own.
///
/// ```compile_fail,E0277
/// fn send<T: Send>(_: T) {}
/// send(micrograd::Value::new(1.0));
/// ```
///
/// ```compile_fail,E0277
/// fn sync<T: Sync>(_: T) {}
/// sync(micrograd::Value::new(1.0));
/// ```
#[derive(Clone)]
pub struct Value(Rc<Node>);

/// A node's backward rule: given the node, it pushes the node's grad into its
/// children. It gets its node as an argument, so it never holds a handle to
/// it: no cycle of `Rc`s.
type Backward = Box<dyn Fn(&Node)>;

// ANCHOR: node
/// What a `Value` points to: the number, its gradient, how it was made, and
/// how to go back.
struct Node {
    /// The number. In a `Cell` so that it can be changed through shared
    /// handles.
    data: Cell<f64>,
    /// ∂(output)/∂(this value): how much the output moves per unit nudge of
    /// this value. 0.0 until it is computed.
    grad: Cell<f64>,
    /// The operands this value was computed from, in operand order; empty for
    /// an input. Held inline, when there are one or two (chapter 11.3).
    children: Operands,
    /// The operation that computed it, such as "+"; empty for an input.
    op: &'static str,
    /// A name to show in drawings; see `Value::named`.
    label: Cell<&'static str>,
    /// A stamp left by the graph walk: the number of the last walk that
    /// reached this node, so that a walk can tell where it has been
    /// (chapter 11.3).
    mark: Cell<u64>,
    /// Pushes this node's grad into its children's grads, by the rule of its
    /// operation. It is given the node it belongs to when called. `None` for
    /// an input.
    backward: Option<Backward>,
}
// ANCHOR_END: node

impl Value {
    /// An input: a value not computed from any other, with nothing to pass
    /// back to.
    pub fn new(data: f64) -> Value {
        Value::node(data, Operands::default(), "", None)
    }

    // ANCHOR: from_op
    /// The result of `op` applied to `children`; `backward` is the op's rule
    /// for grads.
    fn from_op<const N: usize>(
        data: f64,
        children: [Value; N],
        op: &'static str,
        backward: impl Fn(&Node) + 'static,
    ) -> Value {
        let children = Operands::new(children);
        Value::node(data, children, op, Some(Box::new(backward)))
    }
    // ANCHOR_END: from_op

    fn node(
        data: f64,
        children: Operands,
        op: &'static str,
        backward: Option<Backward>,
    ) -> Value {
        Value(Rc::new(Node {
            data: Cell::new(data),
            grad: Cell::new(0.0),
            children,
            op,
            label: Cell::new(""),
            mark: Cell::new(0),
            backward,
        }))
    }

    /// Gives the value a name for drawings, and returns it.
    pub fn named(self, label: &'static str) -> Value {
        self.0.label.set(label);
        self
    }

    /// The number.
    pub fn data(&self) -> f64 {
        self.0.data.get()
    }

    /// Changes the number in place. Meant for inputs, such as the weights a
    /// step of gradient descent nudges. Values already computed from this one
    /// keep their data, and some backward steps read their operands' data
    /// when they run while others use slopes saved when the graph was built,
    /// so after a change, build the graph again before calling
    /// [`Value::backward`].
    pub fn set_data(&self, data: f64) {
        self.0.data.set(data);
    }

    /// The derivative of the output with respect to this value, as
    /// [`Value::backward`] left it.
    pub fn grad(&self) -> f64 {
        self.0.grad.get()
    }

    /// Replaces the grad; [`Value::backward`] sets the output's grad to 1
    /// with it.
    pub fn set_grad(&self, grad: f64) {
        self.0.grad.set(grad);
    }

    /// Adds one use's share to this node's grad: chapter 5's fix. For the
    /// crate's operations; from outside, `Value::custom` adds for you.
    pub(crate) fn add_grad(&self, share: f64) {
        self.0.grad.set(self.0.grad.get() + share);
    }

    /// The values this one was computed from, in operand order; empty for an
    /// input.
    pub fn children(&self) -> &[Value] {
        &self.0.children
    }

    /// The operation that computed this value, such as `"+"`; `""` for an
    /// input.
    pub fn op(&self) -> &'static str {
        self.0.op
    }

    /// The name given with [`Value::named`], or `""`.
    pub fn label(&self) -> &'static str {
        self.0.label.get()
    }

    /// Identifies the node: two handles to one node give the same number.
    fn id(&self) -> usize {
        Rc::as_ptr(&self.0) as usize
    }

    /// Runs this node's backward rule once: pushes its grad into its
    /// children's grads. Not for users (a second call adds the shares
    /// twice); public only for chapter 11, which times the steps alone.
    #[doc(hidden)]
    pub fn backward_step(&self) {
        if let Some(backward) = &self.0.backward {
            backward(&self.0);
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "Value(data={:?}, grad={:?})", self.data(), self.grad())
    }
}

/// The same as `Display`, so that structs holding values can derive `Debug`.
impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

// ANCHOR: zero_grad
impl Value {
    /// Sets the grad of this one value back to 0: for the values that outlive
    /// a graph, such as a network's weights, before the next graph's backward.
    pub fn zero_grad(&self) {
        self.set_grad(0.0);
    }

    /// Sets the grad of every value in the graph under this one, itself
    /// included, back to 0: before running [`Value::backward`] on the same
    /// graph again.
    pub fn zero_grad_graph(&self) {
        for value in self.topo() {
            value.zero_grad();
        }
    }
}
// ANCHOR_END: zero_grad

/// Lets the book's `viz` crate draw expression graphs. Where `Value` has a
/// method of the same name, it is called as `Value::name(self)`: `self.name()`
/// would call it too, since a type's own methods come before a trait's, but
/// this makes plain which one is meant.
#[cfg(feature = "viz")]
impl viz::Expr for Value {
    fn id(&self) -> usize {
        // Two handles to one node share this address, so they are drawn as
        // one box.
        Value::id(self)
    }

    fn children(&self) -> Vec<Value> {
        Value::children(self).to_vec()
    }

    fn op(&self) -> String {
        Value::op(self).to_string()
    }

    fn label(&self) -> String {
        Value::label(self).to_string()
    }

    fn data(&self) -> f64 {
        Value::data(self)
    }

    fn grad(&self) -> Option<f64> {
        Some(Value::grad(self))
    }
}

#[cfg(test)]
mod tests {
    use std::rc::{Rc, Weak};

    use super::{Node, Value};

    /// A weak handle to each node of the graph under `value`.
    fn watch(value: &Value) -> Vec<Weak<Node>> {
        value.topo().iter().map(|v| Rc::downgrade(&v.0)).collect()
    }

    #[test]
    fn a_dropped_graph_is_freed() {
        let a = Value::new(-0.5);
        let b = Value::new(2.0);
        let out =
            ((2.0 * &a).exp() - 1.0) / (b.relu() + a.pow(2.0).tanh()) * &a;
        out.backward();
        let nodes = watch(&out);
        // 2 inputs, 3 plain numbers (2, 1, and the −1 by which `- 1.0`
        // multiplies the 1 it subtracts) and 11 operations.
        assert_eq!(nodes.len(), 16);
        assert!(nodes.iter().all(|node| node.upgrade().is_some()));
        drop(out);
        // Only the inputs we still hold are left.
        let alive =
            nodes.iter().filter(|node| node.upgrade().is_some()).count();
        assert_eq!(alive, 2);
        drop((a, b));
        assert!(nodes.iter().all(|node| node.upgrade().is_none()));
    }

    #[test]
    fn the_slope_of_x_to_the_0_is_0_even_at_0() {
        let x = Value::new(0.0);
        let y = x.pow(0.0);
        y.backward();
        assert_eq!((y.data(), x.grad()), (1.0, 0.0));
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

/// A gradient checker by central differences: chapter 7.
pub mod check;

/// Neurons, layers and multi-layer perceptrons, built from values: chapter 8.
#[cfg(feature = "nn")]
pub mod nn;

mod walk;

mod operands;
use operands::Operands;

/// A tape: a faster engine, whose values are indices into a vector of nodes:
/// chapter 12.
pub mod tape;

/// Optimizers: how a training step turns grads into updates: chapter 13.
#[cfg(feature = "nn")]
pub mod optim;
