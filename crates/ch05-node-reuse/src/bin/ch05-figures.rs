// Generated from chapters/05-node-reuse.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: e971ea7bf96a8db2
//! Draws this chapter's figures into the folder given as the first argument.

use std::collections::HashSet;

use ch05_node_reuse::expressions::{buggy, fixed};
use viz::Expr;

/// The nodes under `node`, operands first, left to right, each once: the order
/// in which `viz::to_dot` numbers them.
fn postorder<E: Expr>(node: &E, seen: &mut HashSet<usize>, order: &mut Vec<E>) {
    if seen.insert(node.id()) {
        for child in node.children() {
            postorder(&child, seen, order);
        }
        order.push(node.clone());
    }
}

/// The DOT of the graph under `root`, with each arrow into a `+` or a `*`
/// labelled with the share that use sends back: the local derivative (1 for a
/// sum, the other factor for a product) times the grad of the result.
fn dot_with_shares<E: Expr>(root: &E) -> String {
    let mut order = vec![];
    postorder(root, &mut HashSet::new(), &mut order);
    let number = |e: &E| order.iter().position(|o| o.id() == e.id());
    let mut dot = viz::to_dot(root);
    for (i, node) in order.iter().enumerate() {
        let operands = node.children();
        for (k, operand) in operands.iter().enumerate() {
            let local = match node.op().as_str() {
                "*" => operands[1 - k].data(),
                "+" => 1.0,
                op => unreachable!("only + and * get shares drawn, not {op}"),
            };
            let share = viz::graph::short(local * node.grad().unwrap_or(0.0));
            let j = number(operand).expect("an operand is in the graph");
            let arrow = format!("  n{j} -> n{i}op;");
            let labelled = format!("  n{j} -> n{i}op [label=\"{share}\"];");
            dot = dot.replacen(&arrow, &labelled, 1);
        }
    }
    dot
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: figures DIR");
    let draw = |name: &str, dot: String| {
        let svg = viz::dot_to_svg(&dot).expect("the graph renders");
        std::fs::write(format!("{dir}/{name}"), svg)
            .expect("the figure is written");
    };

    let s = buggy::a_plus_a();
    s.backward();
    draw("05-a-plus-a-assigned.svg", viz::to_dot(&s));
    let f = buggy::f();
    f.backward();
    draw("05-f-assigned.svg", dot_with_shares(&f));

    let s = fixed::a_plus_a();
    s.backward();
    draw("05-a-plus-a.svg", viz::to_dot(&s));
    let f = fixed::f();
    f.backward();
    draw("05-f.svg", dot_with_shares(&f));
}
