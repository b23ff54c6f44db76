// Generated from chapters/02-value.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 17eab6a4ade69042
//! Draws this chapter's figures into the folder given as the first argument.

use ch02_value::{Value, expressions};

fn main() {
    let dir = std::env::args().nth(1).expect("usage: figures DIR");
    let draw = |name: &str, root: Value| {
        let svg =
            viz::dot_to_svg(&viz::to_dot(&root)).expect("the graph renders");
        std::fs::write(format!("{dir}/{name}"), svg)
            .expect("the figure is written");
    };
    draw("02-d.svg", expressions::d());
    draw("02-l.svg", expressions::l());
}
