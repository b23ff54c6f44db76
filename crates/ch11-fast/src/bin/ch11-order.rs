// Generated from chapters/11-walk.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 28621b9aac8d4beb
//! Both walks on chapter 5's graph, f = (a·b)·(a + b): the nodes by label,
//! `order` twice, the second walk finding the first's marks in every node.

use micrograd::Value;

fn main() {
    let a = Value::new(-2.0).named("a");
    let b = Value::new(3.0).named("b");
    // `e` is made before `d`: the walks' order is not the order of making.
    let e = (&a + &b).named("e");
    let d = (&a * &b).named("d");
    let f = (&d * &e).named("f");
    let labels = |order: Vec<&Value>| {
        order.iter().map(|v| v.label()).collect::<Vec<_>>().join(" ")
    };
    println!("order, with marks:         {}", labels(f.order()));
    println!("order, again:              {}", labels(f.order()));
    let hashed = f.topo_hashed();
    println!("topo_hashed, with its set: {}", labels(hashed.iter().collect()));
}
