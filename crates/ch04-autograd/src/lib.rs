// Generated from chapters/04-autograd.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: f7c5a382a59a89d0
//! A `Value` whose operations record how to pass gradients back:
//! backpropagation, automatic.

use std::cell::Cell;
use std::collections::HashSet;
use std::fmt;
use std::ops::{Add, Mul};
use std::rc::{Rc, Weak};

pub mod expressions;

/// A number in an expression graph: a cheap handle to a shared node.
#[derive(Clone)]
pub struct Value(Rc<Node>);

/// A node's backward rule: given the node, it
/// pushes the node's grad into its children.
type Backward = Box<dyn Fn(&Node)>;

/// What a `Value` points to: the number, its
/// gradient, how it was made, and how to go back.
struct Node {
    /// The number. In a `Cell` so that it can be changed through shared handles.
    data: Cell<f64>,
    /// ∂(output)/∂(this value): how much the output moves per unit nudge of this value.
    /// 0.0 until it is computed.
    grad: Cell<f64>,
    /// The operands this value was computed from; empty for an input.
    children: Vec<Value>,
    /// The operation that computed it, such as "+"; empty for an input.
    op: &'static str,
    /// A name to show in drawings; see `Value::named`.
    label: Cell<&'static str>,
    /// Pushes this node's grad into its children's grads,
    /// by the rule of its operation. It is given the node
    /// it belongs to when called. `None` for an input.
    backward: Option<Backward>,
}

impl Value {
    /// An input: a value not computed from any
    /// other, with nothing to pass back to.
    pub fn new(data: f64) -> Value {
        Value::node(data, vec![], "", None)
    }

    /// The result of `op` applied to `children`;
    /// `backward` is the op's rule for grads.
    fn from_op(
        data: f64,
        children: Vec<Value>,
        op: &'static str,
        backward: impl Fn(&Node) + 'static,
    ) -> Value {
        Value::node(data, children, op, Some(Box::new(backward)))
    }

    fn node(
        data: f64,
        children: Vec<Value>,
        op: &'static str,
        backward: Option<Backward>,
    ) -> Value {
        Value(Rc::new(Node {
            data: Cell::new(data),
            grad: Cell::new(0.0),
            children,
            op,
            label: Cell::new(""),
            backward,
        }))
    }

    /// Gives the value a name for drawings, and returns it.
    pub fn named(self, label: &'static str) -> Value {
        self.0.label.set(label);
        self
    }

    pub fn data(&self) -> f64 {
        self.0.data.get()
    }

    /// Changes the number in place. Values computed from this one are not recomputed.
    pub fn set_data(&self, data: f64) {
        self.0.data.set(data);
    }

    pub fn grad(&self) -> f64 {
        self.0.grad.get()
    }

    pub fn set_grad(&self, grad: f64) {
        self.0.grad.set(grad);
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
        let children = vec![self.clone(), other.clone()];
        Value::from_op(
            self.data() + other.data(),
            children,
            "+",
            |out: &Node| {
                let [a, b] = &out.children[..] else {
                    unreachable!("a sum has two operands")
                };
                // exercise: a sum passes its grad to both operands, unchanged
                a.set_grad(out.grad.get());
                b.set_grad(out.grad.get());
                // end of exercise
            },
        )
    }
}

impl Mul for &Value {
    type Output = Value;

    fn mul(self, other: &Value) -> Value {
        let children = vec![self.clone(), other.clone()];
        Value::from_op(
            self.data() * other.data(),
            children,
            "*",
            |out: &Node| {
                let [a, b] = &out.children[..] else {
                    unreachable!("a product has two operands")
                };
                // exercise: a product passes each factor the other one times its grad
                a.set_grad(b.data() * out.grad.get());
                b.set_grad(a.data() * out.grad.get());
                // end of exercise
            },
        )
    }
}

impl Value {
    /// The hyperbolic tangent, as a single operation with one operand.
    pub fn tanh(&self) -> Value {
        let t = self.data().tanh();
        Value::from_op(t, vec![self.clone()], "tanh", move |out: &Node| {
            let [x] = &out.children[..] else {
                unreachable!("tanh has one operand")
            };
            // exercise: tanh passes its grad times 1 − t² to its operand
            x.set_grad((1.0 - t * t) * out.grad.get());
            // end of exercise
        })
    }
}

impl Value {
    /// Runs this node's backward rule once:
    /// pushes its grad into its children's grads.
    pub fn backward_step(&self) {
        if let Some(backward) = &self.0.backward {
            backward(&self.0);
        }
    }
}

impl Value {
    /// Identifies the node: two handles to one node give the same number.
    fn id(&self) -> usize {
        Rc::as_ptr(&self.0) as usize
    }

    /// A topological order by the lecture's recursive walk: every value this
    /// one was computed from, itself included, each once, children first. Each
    /// level of the graph is one nested call, so a deep graph overflows the
    /// stack.
    pub fn topo_recursive(&self) -> Vec<Value> {
        fn visit(
            value: &Value,
            visited: &mut HashSet<usize>,
            order: &mut Vec<Value>,
        ) {
            // exercise: visit each child not seen before, then append the value
            if visited.insert(value.id()) {
                for child in value.children() {
                    visit(child, visited, order);
                }
                order.push(value.clone());
            }
            // end of exercise
        }
        let mut order = vec![];
        visit(self, &mut HashSet::new(), &mut order);
        order
    }
}

impl Value {
    /// Every value this one was computed from, itself included, each once,
    /// children before the values made from them: a topological order.
    /// Iterative, so a deep graph cannot overflow the stack.
    pub fn topo(&self) -> Vec<Value> {
        // exercise: the recursive walk as a loop, with a stack of (node, next child)
        let mut order = vec![];
        let mut visited = HashSet::from([self.id()]);
        // A frame: a node, and how many of its children have been looked at.
        let mut stack = vec![(self.clone(), 0)];
        while let Some((node, next)) = stack.last_mut() {
            match node.children().get(*next) {
                Some(child) => {
                    *next += 1;
                    if visited.insert(child.id()) {
                        let child = child.clone();
                        stack.push((child, 0));
                    }
                }
                None => {
                    let (done, _) = stack.pop().expect("the loop saw a frame");
                    order.push(done);
                }
            }
        }
        order
        // end of exercise
    }
}

impl Value {
    /// Backpropagation: fills in the grad of every value `self` was computed
    /// from, as ∂self/∂value.
    pub fn backward(&self) {
        // exercise: seed the output's grad, then run every step in reverse topological order
        self.set_grad(1.0);
        for value in self.topo().iter().rev() {
            value.backward_step();
        }
        // end of exercise
    }
}

/// A handle that does not keep its node
/// alive: to check that a graph is dropped.
pub struct Watch(Weak<Node>);

impl Watch {
    /// Whether the node has been dropped: no `Value` points to it any more.
    pub fn is_dropped(&self) -> bool {
        self.0.strong_count() == 0
    }
}

impl Value {
    /// A handle to this node that does not keep it alive.
    pub fn watch(&self) -> Watch {
        Watch(Rc::downgrade(&self.0))
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "Value(data={:?}, grad={:?})", self.data(), self.grad())
    }
}

impl viz::Expr for Value {
    fn id(&self) -> usize {
        // Two handles to one node share this address, so they are drawn as one box.
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
