// Generated from chapters/06-more-ops.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 28b7877e7342f294
//! Draws this chapter's figures into the folder given as the first argument.

use ch06_more_ops::{neuron, tanh_taken_apart, two_a_plus_one};
use micrograd::Value;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: figures DIR");
    let draw = |name: &str, root: &Value| {
        let svg =
            viz::dot_to_svg(&viz::to_dot(root)).expect("the graph renders");
        std::fs::write(format!("{dir}/{name}"), svg)
            .expect("the figure is written");
    };
    draw("06-two-a-plus-one.svg", &two_a_plus_one());
    let apart = neuron(tanh_taken_apart);
    apart.o.backward();
    draw("06-neuron-apart.svg", &apart.o);
}
