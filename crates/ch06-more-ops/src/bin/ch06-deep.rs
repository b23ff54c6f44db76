// Generated from chapters/06-reuse.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 1cf42e2d7dd2c890
//! A chain of a million additions: built, backpropagated and freed.

use micrograd::Value;

fn main() {
    let depth = 1_000_000;
    let x = Value::new(0.0).named("x");
    let one = Value::new(1.0).named("one");
    let mut y = x.clone();
    for _ in 0..depth {
        y = y + &one;
    }
    y.backward();
    println!("y = x + one + one + … + one, with {depth} additions");
    println!("the graph has {} nodes", y.topo().len());
    println!("y = {y}");
    println!("x = {x}");
    println!("one = {one}");
    drop(y);
    println!("y is dropped, and the chain with it");
}
