// Generated from chapters/04-autograd.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 862ef2c3b25bc6fc
//! Draws this chapter's figures into the folder given as the first argument.

use ch04_autograd::Value;
use ch04_autograd::expressions::Neuron;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: figures DIR");
    let draw = |name: &str, root: &Value| {
        let svg =
            viz::dot_to_svg(&viz::to_dot(root)).expect("the graph renders");
        std::fs::write(format!("{dir}/{name}"), svg)
            .expect("the figure is written");
    };

    let neuron = Neuron::build();
    neuron.o.set_grad(1.0);
    neuron.o.backward_step();
    draw("04-neuron-after-o.svg", &neuron.o);

    let neuron = Neuron::build();
    neuron.o.backward();
    draw("04-neuron-backward.svg", &neuron.o);
}
