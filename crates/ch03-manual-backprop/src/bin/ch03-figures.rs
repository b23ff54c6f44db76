// Generated from chapters/03-manual-backprop.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 6ff898132c9f659e
//! Draws this chapter's figures into the folder given as the first argument.

use ch03_manual_backprop::Value;
use ch03_manual_backprop::by_hand::{self, L_STEPS};
use ch03_manual_backprop::expressions::{LGraph, Neuron};
use viz::{Plot, plot::sample};

fn main() {
    let dir = std::env::args().nth(1).expect("usage: figures DIR");
    let write = |name: &str, svg: String| {
        std::fs::write(format!("{dir}/{name}"), svg)
            .expect("the figure is written");
    };
    let svg = |dot: &str| viz::dot_to_svg(dot).expect("the graph renders");
    let drawing = |root: &Value| svg(&viz::to_dot(root));

    // L, redrawn after each step of backpropagation, with the boxes whose
    // grads the step has just filled in shaded. Grads not computed yet are
    // still at their starting zero.
    let graph = LGraph::build();
    for (i, step) in L_STEPS.iter().enumerate() {
        let before: Vec<f64> =
            graph.values().iter().map(|v| v.grad()).collect();
        step(&graph);
        let values = graph.values();
        let changed: Vec<&str> = values
            .iter()
            .zip(before)
            .filter(|(v, old)| v.grad() != *old)
            .map(|(v, _)| v.label())
            .collect();
        let dot = viz::to_dot_highlighting(&graph.l, |v| {
            changed.contains(&v.label())
        });
        write(&format!("03-l-grads-{}.svg", i + 1), svg(&dot));
    }

    // tanh, with the neuron's n and the tangent there: its slope is n's grad.
    let neuron = Neuron::build();
    by_hand::neuron(&neuron);
    let (n, o, slope) = (neuron.n.data(), neuron.o.data(), neuron.n.grad());
    let plot =
        Plot::new("tanh(x), the neuron's point (n, o), and the tangent there")
            .axes("x", "tanh(x)")
            .y_range(-1.25, 1.75)
            .curve("tanh(x)", sample(f64::tanh, -5.0, 5.0, 201))
            .dashed(
                "tangent at n",
                sample(|x| o + slope * (x - n), n - 1.6, n + 1.6, 2),
            )
            // The title names the dot, so it needs no
            // label of its own.
            .mark("", (n, o));
    write("03-tanh.svg", plot.to_svg().expect("the plot draws"));

    // The neuron, before and after backpropagation.
    write("03-neuron.svg", drawing(&Neuron::build().o));
    write("03-neuron-grads.svg", drawing(&neuron.o));
}
