// Generated from chapters/04-autograd.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 40321c2d93fefdd3
//! A node whose backward closure owns a handle to the node itself, as in
//! Python.

use std::cell::Cell;
use std::rc::Rc;

/// A toy node: a grad, and a backward closure stored after the node is made.
struct Captured {
    grad: Cell<f64>,
    backward: Cell<Option<Box<dyn Fn()>>>,
}

fn main() {
    let watch = {
        let out = Rc::new(Captured {
            grad: Cell::new(0.0),
            backward: Cell::new(None),
        });
        let itself = Rc::clone(&out);
        out.backward
            .set(Some(Box::new(move || println!("{:?}", itself.grad.get()))));
        Rc::downgrade(&out)
        // `out` is dropped here, at the end of the block.
    };
    println!("a closure that owns its own node:");
    println!("  handles left after the drop: {}", watch.strong_count());
    println!("  dropped: {}", watch.strong_count() == 0);
}
