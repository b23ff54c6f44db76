// Generated from chapters/11-walk.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: ee8928a003238419
//! Both walks on chapter 5's graph, f = (a·b)·(a + b): the nodes by label.

use micrograd::Value;

fn main() {
    let a = Value::new(-2.0).named("a");
    let b = Value::new(3.0).named("b");
    let d = (&a * &b).named("d");
    let e = (&a + &b).named("e");
    let f = (&d * &e).named("f");
    let marked: Vec<&str> = f.order().iter().map(|v| v.label()).collect();
    let hashed = f.topo_hashed();
    let hashed: Vec<&str> = hashed.iter().map(|v| v.label()).collect();
    println!("order, with marks:         {}", marked.join(" "));
    println!("topo_hashed, with its set: {}", hashed.join(" "));
}
