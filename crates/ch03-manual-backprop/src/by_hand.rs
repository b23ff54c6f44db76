// Generated from chapters/03-manual-backprop.md by `cargo xtask tangle`: edit the chapter, not this file.
//! Backpropagation worked out by hand: each
//! function applies what we derived for one node.

use crate::expressions::{L, Neuron};

/// ∂L/∂L = 1: the output moves one for one with itself.
pub fn start(g: &L) {
    g.l.set_grad(1.0);
}

/// L = d·f: a product passes each factor the
/// other factor, times the product's grad.
pub fn through_l(g: &L) {
    g.d.set_grad(g.f.data() * g.l.grad());
    g.f.set_grad(g.d.data() * g.l.grad());
}

/// d = e + c: a sum passes its grad through to each operand, unchanged.
pub fn through_d(g: &L) {
    g.e.set_grad(g.d.grad());
    g.c.set_grad(g.d.grad());
}

/// e = a·b: a product passes each factor the
/// other factor, times the product's grad.
pub fn through_e(g: &L) {
    g.a.set_grad(g.b.data() * g.e.grad());
    g.b.set_grad(g.a.data() * g.e.grad());
}

/// The four steps above, in order: from the output back to the inputs.
pub const L_STEPS: [fn(&L); 4] = [start, through_l, through_d, through_e];

/// Backpropagation through the neuron, from o back to its inputs and weights.
pub fn neuron(g: &Neuron) {
    g.o.set_grad(1.0);
    // o = tanh(n): the local derivative is 1 − tanh(n)² = 1 − o².
    g.n.set_grad((1.0 - g.o.data() * g.o.data()) * g.o.grad());
    // n = (x1w1 + x2w2) + b and x1w1 + x2w2 are sums: grads pass through.
    g.x1w1x2w2.set_grad(g.n.grad());
    g.b.set_grad(g.n.grad());
    g.x1w1.set_grad(g.x1w1x2w2.grad());
    g.x2w2.set_grad(g.x1w1x2w2.grad());
    // x1·w1 and x2·w2 are products: each factor gets the other one.
    g.x1.set_grad(g.w1.data() * g.x1w1.grad());
    g.w1.set_grad(g.x1.data() * g.x1w1.grad());
    g.x2.set_grad(g.w2.data() * g.x2w2.grad());
    g.w2.set_grad(g.x2.data() * g.x2w2.grad());
}
