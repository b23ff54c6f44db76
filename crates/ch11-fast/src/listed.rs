// Generated from chapters/11-heap.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 3d62fa17210a2fe8
//! Chapter 11.1's `Drop` on chapter 6.2's small node: `Looped`'s loop, the
//! nodes kept on a list and freed last.

use std::rc::Rc;

/// A node with children, as chapter 6.2's `Looped`.
pub struct Listed {
    pub children: Vec<Rc<Listed>>,
}

impl Drop for Listed {
    fn drop(&mut self) {
        let mut handles = std::mem::take(&mut self.children);
        // New: the nodes whose last handle was ours wait here.
        let mut to_free = vec![];
        while let Some(mut handle) = handles.pop() {
            // Ours is the last handle: borrow the node, take its children.
            if let Some(node) = Rc::get_mut(&mut handle) {
                handles.append(&mut node.children);
                to_free.push(handle); // new, where `Looped` let it go
            }
            // Otherwise `handle` goes here: the node lives on if other
            // handles remain, or, watched only by a `Weak`, is freed by its
            // own `drop`.
        }
        // New: the nodes, childless, then the list, one large block.
        drop(to_free);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chain a million nodes deep drops without recursing once per level.
    #[test]
    fn a_million_deep_chain_drops() {
        let mut top = Rc::new(Listed { children: vec![] });
        for _ in 0..1_000_000 {
            top = Rc::new(Listed { children: vec![top] });
        }
        drop(top);
    }
}
