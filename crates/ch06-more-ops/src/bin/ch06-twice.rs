// Generated from chapters/06-crate.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: b145eca2d0ca4b46
//! Two backward passes over one graph: the grads pile up, unless zeroed.

use micrograd::Value;

fn main() {
    let a = Value::new(3.0).named("a");
    let y = 2.0 * &a + 1.0;
    y.backward();
    println!("after one backward:         a.grad = {:?}", a.grad());
    y.backward();
    println!("after a second:             a.grad = {:?}", a.grad());
    a.zero_grad();
    y.backward();
    println!("a zeroed, then a third:     a.grad = {:?}", a.grad());
    y.zero_grad_graph();
    y.backward();
    println!("all zeroed, then a fourth:  a.grad = {:?}", a.grad());
}
