// Generated from chapters/03-manual-backprop.md by `cargo xtask tangle`: edit the chapter, not this file.
//! Draws this chapter's figures into the folder given as the first argument.

use ch03_manual_backprop::Value;
use ch03_manual_backprop::by_hand::{self, L_STEPS};
use ch03_manual_backprop::expressions::{L, Neuron};
use viz::{Plot, plot::sample};

fn main() {
    let dir = std::env::args().nth(1).expect("usage: figures DIR");
    let write = |name: &str, svg: String| {
        std::fs::write(format!("{dir}/{name}"), svg).expect("the figure is written");
    };
    let graph = |root: &Value| viz::dot_to_svg(&viz::to_dot(root)).expect("the graph renders");

    // L, redrawn after each step of backpropagation.
    let g = L::build(None);
    for (i, step) in L_STEPS.iter().enumerate() {
        step(&g);
        write(&format!("03-l-grads-{}.svg", i + 1), graph(&g.l));
    }

    // tanh, with the neuron's n and the tangent there: its slope is n's grad.
    let neuron = Neuron::build(None);
    by_hand::neuron(&neuron);
    let (n, o, slope) = (neuron.n.data(), neuron.o.data(), neuron.n.grad());
    let plot = Plot::new("tanh(x), and its slope at the neuron's n")
        .axes("x", "tanh(x)")
        .y_range(-1.25, 1.75)
        .curve("tanh(x)", sample(f64::tanh, -5.0, 5.0, 201))
        .dashed("tangent at n, slope 1 − o²", sample(|x| o + slope * (x - n), n - 0.8, n + 0.8, 2))
        .mark("(n, o)", (n, o));
    write("03-tanh.svg", plot.to_svg().expect("the plot draws"));

    // The neuron, before and after backpropagation.
    write("03-neuron.svg", graph(&Neuron::build(None).o));
    write("03-neuron-grads.svg", graph(&neuron.o));
}
