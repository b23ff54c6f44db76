// Generated from chapters/11-walk.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 3478c02e8a4e32b1
//! Where a node keeps its operands' handles.

use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::Relaxed;

use crate::Value;

/// A node's operands: inline when there are one or two, as for every
/// operation but a wider `Value::custom`; in a `Vec` when there are more.
pub(crate) enum Operands {
    One([Value; 1]),
    Two([Value; 2]),
    Many(Vec<Value>),
}

impl Operands {
    /// Holds `operands` inline, one or two of them, unless the switch asks
    /// for chapter 6's `Vec`.
    pub(crate) fn new<const N: usize>(operands: [Value; N]) -> Operands {
        if N > 2 || IN_A_VEC.load(Relaxed) > 0 {
            return Operands::Many(Vec::from(operands));
        }
        let mut operands = operands.into_iter();
        match (operands.next(), operands.next()) {
            (Some(a), Some(b)) => Operands::Two([a, b]),
            (Some(a), None) => Operands::One([a]),
            _ => Operands::default(),
        }
    }
}

impl std::ops::Deref for Operands {
    type Target = [Value];

    fn deref(&self) -> &[Value] {
        match self {
            Operands::One(one) => one,
            Operands::Two(two) => two,
            Operands::Many(many) => many,
        }
    }
}

// ANCHOR: move_into
impl Operands {
    /// Moves the handles onto `handles`, leaving none: for `Drop`.
    pub(crate) fn move_into(&mut self, handles: &mut Vec<Value>) {
        match std::mem::take(self) {
            Operands::One([a]) => handles.push(a),
            Operands::Two([a, b]) => {
                handles.push(a);
                handles.push(b);
            }
            Operands::Many(mut many) => {
                handles.append(&mut many);
                // The empty block goes back: freed with the node, as chapter
                // 6's `Vec` was.
                *self = Operands::Many(many);
            }
        }
    }
}
// ANCHOR_END: move_into

impl Default for Operands {
    /// An input's: none. An empty `Vec` allocates nothing.
    fn default() -> Operands {
        Operands::Many(Vec::new())
    }
}

/// How many calls of `Value::with_operands_in_a_vec` are running, on any
/// thread: while any is, new nodes keep their operands in a `Vec`.
static IN_A_VEC: AtomicUsize = AtomicUsize::new(0);

impl Value {
    /// Runs `build` with the nodes it makes keeping their operands in a
    /// `Vec`, as chapter 6's did: for chapter 11's bench, which times that
    /// node. Nodes other threads build meanwhile do the same.
    #[doc(hidden)]
    pub fn with_operands_in_a_vec<T>(build: impl FnOnce() -> T) -> T {
        /// Counts one call as running, until it is dropped.
        struct Running;

        impl Drop for Running {
            fn drop(&mut self) {
                IN_A_VEC.fetch_sub(1, Relaxed);
            }
        }

        IN_A_VEC.fetch_add(1, Relaxed);
        let _running = Running;
        build()
    }
}
