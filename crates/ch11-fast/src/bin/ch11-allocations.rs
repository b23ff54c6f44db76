// Generated from chapters/11-lean.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 109e1e5a71a0d7d1
//! How many heap allocations one training step makes in each of chapters
//! 11 to 11.4's engines, counted by a global allocator that wraps the
//! system's.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use ch10_moons::learning_rate;
use ch11_fast::recorded::thousands;

/// The system's allocator, counting the blocks it hands out.
struct Counting;

/// Blocks allocated since the program began.
static ALLOCATED: AtomicU64 = AtomicU64::new(0);

// SAFETY: every method passes its call on to `System` unchanged, so each
// keeps the promises `System` keeps; counting allocates nothing.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATED.fetch_add(1, Relaxed);
        // SAFETY: our caller keeps `alloc`'s contract, which is `System`'s.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // SAFETY: `block` came from `System`, by `alloc` or `realloc`.
        unsafe { System.dealloc(block, layout) }
    }

    unsafe fn realloc(
        &self,
        block: *mut u8,
        layout: Layout,
        size: usize,
    ) -> *mut u8 {
        // Not counted: a block resized, in place or moved, is not a new one.
        // SAFETY: as for `dealloc`; our caller keeps `realloc`'s contract.
        unsafe { System.realloc(block, layout, size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

fn main() {
    let original = ch10_moons::original::load();
    let points = &original.points;
    println!("One step's allocations:");
    println!("{:<34}{:>9}{:>10}", "", "made", "a node");
    for (name, mut engine) in ch11_fast::engines(&original.parameters) {
        // The first step counts the nodes; the second is like any other.
        engine.step(points, learning_rate(0));
        let before = ALLOCATED.load(Relaxed);
        engine.step(points, learning_rate(1));
        let made = ALLOCATED.load(Relaxed) - before;
        let per_node = made as f64 / engine.nodes() as f64;
        let made = thousands(made);
        println!("{name:<34}{made:>9}{per_node:>10.2}");
    }
}
