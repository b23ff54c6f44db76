// Generated from chapters/05-node-reuse.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 626775f1f26dc8bb
//! The engine of chapter 4 on two expressions that use a value twice.

use ch05_node_reuse::expressions::buggy;

fn main() {
    let s = buggy::a_plus_a();
    s.backward();
    println!("s = a + a, after s.backward():");
    for node in s.topo() {
        println!("  {} = {node}", node.label());
    }

    let f = buggy::f();
    f.backward();
    println!("f = (a·b)·(a + b), after f.backward():");
    for node in f.topo() {
        println!("  {} = {node}", node.label());
    }
}
