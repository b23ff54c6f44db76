// Generated from chapters/05-node-reuse.md by `cargo xtask tangle`: edit the chapter, not this file.
//! Draws this chapter's figures into the folder given as the first argument.

use ch05_node_reuse::expressions::{buggy, fixed};

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
    draw("05-f-assigned.svg", viz::to_dot(&f));

    let s = fixed::a_plus_a();
    s.backward();
    draw("05-a-plus-a.svg", viz::to_dot(&s));
    let f = fixed::f();
    f.backward();
    draw("05-f.svg", viz::to_dot(&f));
}
