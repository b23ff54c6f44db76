// Generated from chapters/05-node-reuse.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 170f20d2ee68d2de
//! A backward step over RefCell nodes that holds two mutable borrows at once,
//! and one that does not.

use std::cell::{BorrowMutError, RefCell};
use std::rc::Rc;

/// A node's changeable state behind a `RefCell`: the design this chapter's
/// engine avoids.
struct State {
    data: f64,
    grad: f64,
}

type Node = Rc<RefCell<State>>;

fn node(data: f64) -> Node {
    Rc::new(RefCell::new(State { data, grad: 0.0 }))
}

/// The backward step of out = x·y, with both operands borrowed at once. With
/// `borrow_mut` instead of `try_borrow_mut`, the `Err` would be a panic.
fn mul_backward_both_borrowed(
    x: &Node,
    y: &Node,
    out_grad: f64,
) -> Result<(), BorrowMutError> {
    let mut x = x.try_borrow_mut()?;
    let mut y = y.try_borrow_mut()?; // fails if y is x: x is still borrowed
    x.grad += y.data * out_grad;
    y.grad += x.data * out_grad;
    Ok(())
}

/// The same step, one short borrow at a time: borrow, compute, drop, then
/// borrow the next.
fn mul_backward_one_at_a_time(x: &Node, y: &Node, out_grad: f64) {
    let y_data = y.borrow().data;
    x.borrow_mut().grad += y_data * out_grad;
    let x_data = x.borrow().data;
    y.borrow_mut().grad += x_data * out_grad;
}

fn main() {
    let (a, b) = (node(3.0), node(-2.0));
    let result = mul_backward_both_borrowed(&a, &b, 1.0);
    println!("a·b, both borrowed at once: {result:?}");
    println!(
        "  a.grad = {:?}, b.grad = {:?}",
        a.borrow().grad,
        b.borrow().grad
    );

    let a = node(3.0);
    match mul_backward_both_borrowed(&a, &a, 1.0) {
        Ok(()) => println!("a·a, both borrowed at once: Ok(())"),
        Err(error) => println!("a·a, both borrowed at once: Err: {error}"),
    }
    println!("  a.grad = {:?}", a.borrow().grad);

    let a = node(3.0);
    mul_backward_one_at_a_time(&a, &a, 1.0);
    println!("a·a, one borrow at a time: done");
    println!("  a.grad = {:?}", a.borrow().grad);
}
