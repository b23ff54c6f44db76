// Generated from chapters/05-node-reuse.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: c3949d86c6bae039
//! The backward pass of f with the fixed engine, one step at a time.

use ch05_node_reuse::expressions::fixed;

fn main() {
    let f = fixed::f();
    let nodes = f.topo();
    let row = |title: &str, cells: Vec<String>| {
        let line = format!("{title:<14}{}", cells.concat());
        println!("{}", line.trim_end());
    };
    let grads = || -> Vec<String> {
        nodes.iter().map(|n| format!("{:<7?}", n.grad())).collect()
    };

    row("", nodes.iter().map(|n| format!("{:<7}", n.label())).collect());
    f.set_grad(1.0);
    row("f.grad = 1", grads());
    for node in nodes.iter().rev().filter(|n| !n.children().is_empty()) {
        node.backward_step();
        row(&format!("{}'s step ({})", node.label(), node.op()), grads());
    }
}
