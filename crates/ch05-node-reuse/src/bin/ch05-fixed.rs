// Generated from chapters/05-node-reuse.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 58d951563334981c
//! The fixed engine on the expressions that broke the old one.

use ch05_node_reuse::Value;
use ch05_node_reuse::expressions::fixed;

fn main() {
    let s = fixed::a_plus_a();
    s.backward();
    println!("s = a + a, after s.backward():");
    for node in s.topo() {
        println!("  {} = {node}", node.label());
    }

    let f = fixed::f();
    f.backward();
    println!("f = (a·b)·(a + b), after f.backward():");
    for node in f.topo() {
        println!("  {} = {node}", node.label());
    }

    let a = Value::new(3.0).named("a");
    let c = (&a * &a).named("c");
    c.backward();
    println!("c = a·a, after c.backward():");
    println!("  a = {a}");
}
