// Generated from chapters/06-reuse.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 166ecfc01599f749
//! Two backward passes over one graph: the grads pile up, unless zeroed.

use micrograd::Value;

fn main() {
    let a = Value::new(3.0).named("a");
    let p = 2.0 * &a;
    let y = &p + 1.0;
    let show = |after| println!("{after:<28}{:>8?}{:>8?}", p.grad(), a.grad());
    println!("{:<28}{:>8}{:>8}", "y = 2a + 1, p = 2a", "p.grad", "a.grad");
    y.backward();
    show("after one backward");
    y.backward();
    show("after a second");
    a.zero_grad();
    y.backward();
    show("a zeroed, then a third");
    y.zero_grad_graph();
    y.backward();
    show("all zeroed, then a fourth");
}
