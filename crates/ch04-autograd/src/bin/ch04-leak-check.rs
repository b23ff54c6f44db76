// Generated from chapters/04-autograd.md by `cargo xtask tangle`: edit the chapter, not this file.
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use ch04_autograd::Value;
use ch04_autograd::expressions::Neuron;

/// A node whose backward closure is stored
/// after the node is made, as in Python.
struct Captured {
    grad: Cell<f64>,
    backward: RefCell<Option<Box<dyn Fn()>>>,
}

fn main() {
    let watch = {
        let out = Rc::new(Captured {
            grad: Cell::new(0.0),
            backward: RefCell::new(None),
        });
        let itself = Rc::clone(&out);
        *out.backward.borrow_mut() =
            Some(Box::new(move || println!("{:?}", itself.grad.get())));
        Rc::downgrade(&out)
        // `out` is dropped here, at the end of the block.
    };
    println!("a closure that owns its own node:");
    println!("  handles left after the drop: {}", watch.strong_count());
    println!("  dropped: {}", watch.strong_count() == 0);

    let watches: Vec<_> = {
        let neuron = Neuron::build();
        neuron.o.backward();
        neuron.o.topo().iter().map(Value::watch).collect()
        // `neuron`, and with it every handle to the graph, is dropped here.
    };
    let dropped = watches.iter().filter(|watch| watch.is_dropped()).count();
    println!("our engine, after o.backward():");
    println!("  nodes dropped: {dropped} of {}", watches.len());
}
