// Generated from chapters/05-node-reuse.md by `cargo xtask tangle`: edit the chapter, not this file.
//! Draws this chapter's figures into the folder given as the first argument.

use std::collections::HashMap;
use std::fmt::Write;

use ch05_node_reuse::expressions::{buggy, fixed};

/// Labels the arrows of an operand used twice by one operation "use 1" and "use 2": the
/// layout draws two unlabelled arrows between the same two nodes on top of each other.
fn label_repeated_uses(dot: &str) -> String {
    let mut uses: HashMap<&str, usize> = HashMap::new();
    let mut labelled = String::new();
    for line in dot.lines() {
        let repeated = dot.lines().filter(|other| *other == line).count() > 1;
        match line.strip_suffix(';').filter(|edge| repeated && edge.contains(" -> ")) {
            Some(edge) => {
                let n = uses.entry(edge).or_default();
                *n += 1;
                writeln!(labelled, "{edge} [label=\"use {n}\"];").unwrap();
            }
            None => writeln!(labelled, "{line}").unwrap(),
        }
    }
    labelled
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: figures DIR");
    let draw = |name: &str, dot: String| {
        let svg = viz::dot_to_svg(&label_repeated_uses(&dot)).expect("the graph renders");
        std::fs::write(format!("{dir}/{name}"), svg).expect("the figure is written");
    };

    let b = buggy::a_plus_a();
    b.backward();
    draw("05-a-plus-a-assigned.svg", viz::to_dot(&b));
    let f = buggy::f();
    f.backward();
    draw("05-f-assigned.svg", viz::to_dot(&f));

    let b = fixed::a_plus_a();
    b.backward();
    draw("05-a-plus-a.svg", viz::to_dot(&b));
    let f = fixed::f();
    f.backward();
    draw("05-f.svg", viz::to_dot(&f));
}
