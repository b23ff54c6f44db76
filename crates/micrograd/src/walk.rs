// Generated from chapters/11-heap.md, chapters/11-walk.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 0d7e904a9966b0e0
//! The walks of a graph: the one that frees it, chapter 6's loop with chapter
//! 11.1's list of the nodes, and the one behind [`Value::topo`] and
//! [`Value::backward`], chapter 6's depth-first walk made cheaper in chapter
//! 11.3.

use std::collections::HashSet;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::{Node, Value};

// ANCHOR: drop
/// Frees a graph without recursion, however deep it is: the children's
/// handles go to a list, and a loop takes them one at a time. The nodes
/// wait in a second list, freed last as one block: on glibc, once its
/// mapping threshold has risen, freeing it merges the nodes' chunks, so
/// the next graph lies compact. A stopgap (chapter 11.1).
impl Drop for Node {
    fn drop(&mut self) {
        let mut handles = vec![];
        self.children.move_into(&mut handles);
        // New: the nodes whose last handle was ours wait here.
        let mut to_free = vec![];
        while let Some(mut handle) = handles.pop() {
            // Our handle is the node's last: its children's handles move to
            // our list, and the node, childless, waits in `to_free`.
            if let Some(node) = Rc::get_mut(&mut handle.0) {
                node.children.move_into(&mut handles);
                to_free.push(handle); // new, where chapter 6 let it go
            } else if let Some(mut node) = Rc::into_inner(handle.0) {
                // Ours was the last handle, but a test watches the node with
                // a `Weak`: dropped at once. (Where other handles remain,
                // `into_inner` gives `None` and just lets ours go.)
                node.children.move_into(&mut handles);
            }
        }
        // New: the nodes, then the list, one large block, freed last.
        drop(to_free);
    }
}
// ANCHOR_END: drop

impl Value {
    /// Frees the graph as chapter 6's `Drop` did, each node as soon as the
    /// loop holds its last handle, for chapter 11's bench to time.
    #[doc(hidden)]
    pub fn free_as_found(self) {
        let mut handles = vec![self];
        while let Some(mut handle) = handles.pop() {
            if let Some(node) = Rc::get_mut(&mut handle.0) {
                node.children.move_into(&mut handles);
            }
            // `handle` goes here, and with it the node if it was the last:
            // childless by now, unless a `Weak` watched it and kept it whole.
        }
    }
}

/// How many walks have begun, on any thread: each walk's own number.
static WALKS: AtomicU64 = AtomicU64::new(0);

impl Value {
    /// Every value under this one, itself included, each once, children
    /// first: borrows of the graph's own handles, no `Rc` cloned. Public
    /// but hidden, so that the benches can time the walk alone.
    #[doc(hidden)]
    pub fn order(&self) -> Vec<&Value> {
        // A number no node carries yet (never 0, a new node's mark).
        let walk = WALKS.fetch_add(1, Ordering::Relaxed) + 1;
        self.0.mark.set(walk);
        let mut order = Vec::new();
        // A frame: a node, and how many of its children have been looked at.
        let mut stack: Vec<(&Value, usize)> = vec![(self, 0)];
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            match node.0.children.get(*next) {
                Some(child) => {
                    *next += 1;
                    if child.0.mark.replace(walk) != walk {
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
    }

    /// Every value this one was computed from, itself included, each once,
    /// children before the values made from them: a topological order.
    /// Iterative, so a deep graph cannot overflow the stack.
    pub fn topo(&self) -> Vec<Value> {
        self.order().into_iter().cloned().collect()
    }

    /// Backpropagation: fills in the grad of every value `self` was computed
    /// from, as ∂self/∂value.
    ///
    /// Each step *adds* its share to its operands' grads, so the result is
    /// right only if every grad of the graph starts at 0, as in a freshly
    /// built graph. Before running `backward` on the same graph again, call
    /// [`Value::zero_grad_graph`]: zeroing the inputs alone is not enough,
    /// since an intermediate node would pass its old grad on again. Or build
    /// the graph anew, as training does at each step, and
    /// [`Value::zero_grad`] the values that outlive it, such as a network's
    /// weights.
    pub fn backward(&self) {
        self.set_grad(1.0);
        for value in self.order().iter().rev() {
            value.backward_step();
        }
    }

    /// The same order as [`Value::topo`], found by the hashed walk, chapter
    /// 4's, which chapter 6 keeps, with a set of the nodes visited: kept so
    /// that chapters 11 and 11.3 can measure the difference.
    #[doc(hidden)]
    pub fn topo_hashed(&self) -> Vec<Value> {
        let mut order = vec![];
        let mut visited = HashSet::from([self.id()]);
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
    }
}

#[cfg(test)]
mod tests {
    use crate::Value;

    /// `order` lists the nodes as the hashed walk does, node by node, on a
    /// graph that uses each input many times over, and again on a second
    /// walk, over the first one's marks.
    #[test]
    fn order_lists_the_nodes_as_topo_hashed_does() {
        let x: Vec<Value> =
            (0..6).map(|i| Value::new(0.3 * i as f64)).collect();
        let mut total = Value::new(0.0);
        for (i, a) in x.iter().enumerate() {
            for b in &x[i..] {
                total = &total + &(a * &(a + b)).tanh();
            }
        }
        let ids = |order: &[&Value]| -> Vec<usize> {
            order.iter().map(|value| value.id()).collect()
        };
        let hashed = total.topo_hashed();
        let hashed: Vec<&Value> = hashed.iter().collect();
        // Twice: the second walk must see past the first one's marks.
        for _ in 0..2 {
            assert_eq!(ids(&total.order()), ids(&hashed));
        }
    }

    /// The bytes of one node's `Rc` allocation, as chapter 11.3 states them.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_node_is_112_bytes() {
        let counts = 2 * size_of::<usize>();
        assert_eq!(size_of::<crate::Node>() + counts, 112);
    }
}
