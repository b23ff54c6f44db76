// Generated from chapters/03-manual-backprop.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: a8f836b12e6caf8a
//! Backpropagation worked out by hand: each
//! function applies what we derived for one node.

use crate::expressions::LGraph;

/// ∂L/∂L = 1: the output moves one for one with itself.
pub fn start(graph: &LGraph) {
    // exercise: L's grad with respect to itself
    graph.l.set_grad(1.0);
    // end of exercise
}

/// L = d·f: a product passes each factor the other factor, times the product's
/// grad.
pub fn through_l(graph: &LGraph) {
    // exercise: each factor of L = d·f gets the other factor times L's grad
    graph.d.set_grad(graph.f.data() * graph.l.grad());
    graph.f.set_grad(graph.d.data() * graph.l.grad());
    // end of exercise
}

/// d = e + c: a sum passes its grad through to each operand, unchanged.
pub fn through_d(graph: &LGraph) {
    // exercise: the sum d = e + c passes d's grad to e and c unchanged
    graph.e.set_grad(graph.d.grad());
    graph.c.set_grad(graph.d.grad());
    // end of exercise
}

/// e = a·b: a product passes each factor the other factor, times the product's
/// grad.
pub fn through_e(graph: &LGraph) {
    // exercise: each factor of e = a·b gets the other factor times e's grad
    graph.a.set_grad(graph.b.data() * graph.e.grad());
    graph.b.set_grad(graph.a.data() * graph.e.grad());
    // end of exercise
}

/// The four steps above, in order: from the output back to the inputs.
pub const L_STEPS: [fn(&LGraph); 4] = [start, through_l, through_d, through_e];

use crate::expressions::Neuron;

/// Backpropagation through the neuron, from o back to its inputs and weights.
pub fn neuron(neuron: &Neuron) {
    let Neuron { x1, x2, w1, w2, b, x1w1, x2w2, x1w1x2w2, n, o } = neuron;
    // exercise: every grad of the neuron, from o back to the inputs and weights
    o.set_grad(1.0);
    // o = tanh(n): the local derivative is 1 − tanh(n)² = 1 − o².
    n.set_grad((1.0 - o.data() * o.data()) * o.grad());
    // n = (x1w1 + x2w2) + b and x1w1 + x2w2 are sums: grads pass through.
    x1w1x2w2.set_grad(n.grad());
    b.set_grad(n.grad());
    x1w1.set_grad(x1w1x2w2.grad());
    x2w2.set_grad(x1w1x2w2.grad());
    // x1·w1 and x2·w2 are products: each factor gets the other one.
    x1.set_grad(w1.data() * x1w1.grad());
    w1.set_grad(x1.data() * x1w1.grad());
    x2.set_grad(w2.data() * x2w2.grad());
    w2.set_grad(x2.data() * x2w2.grad());
    // end of exercise
}
