// Generated from chapters/12-tape.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: b40fac9560c79ac3
//! Chapter 10's demo on micrograd's tape: the parameters kept at the tape's
//! start, the rest of the tape cleared and reused at each step.

use ch10_moons::{ALPHA, Sample, Step};
use micrograd::tape::{Tape, Var};

/// The nodes the demo's loss is built from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ops {
    /// A node for each `+` and `*`, as chapter 10 builds it.
    Scalar,
    /// Each neuron one dot-product node, each sum one n-ary node.
    Fused,
}

impl Ops {
    /// 0 + a + b + …: a chain of `+` nodes, or one sum node.
    fn sum(self, t: &mut Tape, terms: &[Var]) -> Var {
        match self {
            Ops::Fused => t.sum(terms),
            Ops::Scalar => {
                let zero = t.input(0.0);
                terms.iter().fold(zero, |s, &term| t.add(s, term))
            }
        }
    }
}

/// The demo on a tape.
pub struct Moons {
    tape: Tape,
    parameters: Vec<Var>,
    ops: Ops,
    nodes: usize,
}

impl Moons {
    /// The network with these parameters, at the start of a new tape.
    pub fn new(parameters: &[f64], ops: Ops) -> Moons {
        let mut tape = Tape::new();
        let parameters = parameters.iter().map(|&p| tape.input(p)).collect();
        tape.keep();
        Moons { tape, parameters, ops, nodes: 0 }
    }

    /// The tape, as the last step left it.
    pub fn tape(&self) -> &Tape {
        &self.tape
    }

    /// Chapter 10's loss and accuracy, on the tape.
    pub fn loss(&mut self, data: &[Sample]) -> (Var, f64) {
        let scores: Vec<Var> =
            data.iter().map(|sample| self.score(&sample.x)).collect();
        let (t, ops) = (&mut self.tape, self.ops);
        let mut losses = Vec::with_capacity(data.len());
        for (sample, &score) in data.iter().zip(&scores) {
            let minus_y = t.input(-sample.y);
            let margin = t.mul(minus_y, score);
            let one = t.input(1.0);
            let shifted = t.add(one, margin);
            losses.push(t.relu(shifted));
        }
        let sum = ops.sum(t, &losses);
        let one_over_n = t.input(1.0 / losses.len() as f64);
        let data_loss = t.mul(sum, one_over_n);
        let squares: Vec<Var> =
            self.parameters.iter().map(|&p| t.mul(p, p)).collect();
        let sum = ops.sum(t, &squares);
        let alpha = t.input(ALPHA);
        let reg_loss = t.mul(alpha, sum);
        let scores: Vec<f64> = scores.iter().map(|&s| t.data(s)).collect();
        (t.add(data_loss, reg_loss), ch11_fast::accuracy(data, &scores))
    }
}

impl Moons {
    /// MLP(2, [16, 16, 1]): each neuron's weights and bias are the next
    /// `nin + 1` parameters.
    fn score(&mut self, x: &[f64; 2]) -> Var {
        let t = &mut self.tape;
        let mut inputs: Vec<Var> = x.iter().map(|&x| t.input(x)).collect();
        let mut at = 0;
        for (layer, &nout) in [16, 16, 1].iter().enumerate() {
            let nin = inputs.len();
            let mut outputs = Vec::with_capacity(nout);
            for _ in 0..nout {
                let w = &self.parameters[at..at + nin];
                let b = self.parameters[at + nin];
                at += nin + 1;
                let sum = match self.ops {
                    Ops::Fused => t.dot(b, w, &inputs),
                    Ops::Scalar => {
                        w.iter().zip(&inputs).fold(b, |s, (&w, &x)| {
                            let product = t.mul(w, x);
                            t.add(s, product)
                        })
                    }
                };
                outputs.push(if layer < 2 { t.relu(sum) } else { sum });
            }
            inputs = outputs;
        }
        inputs[0]
    }
}

impl ch11_fast::Engine for Moons {
    fn step(&mut self, data: &[Sample], rate: f64) -> Step {
        // The last step's nodes go, the parameters stay, their grads 0.
        self.tape.clear();
        let (total, accuracy) = self.loss(data);
        if self.nodes == 0 {
            // The first step finds how long the tape gets; the storage is
            // trimmed to that (growing by doubling can leave up to twice as
            // much), and reused by every step after.
            self.nodes = self.tape.len();
            self.tape.shrink_to_fit();
        }
        self.tape.backward(total);
        for &p in &self.parameters {
            let (data, grad) = (self.tape.data(p), self.tape.grad(p));
            self.tape.set_data(p, data - rate * grad);
        }
        Step { loss: self.tape.data(total), accuracy }
    }

    fn nodes(&self) -> usize {
        self.nodes
    }
}

/// The chain of additions on a tape: returns the grad of `one`.
pub fn chain(depth: usize) -> f64 {
    let mut tape = Tape::new();
    let one = tape.input(1.0);
    let mut y = tape.input(0.0);
    for _ in 0..depth {
        y = tape.add(y, one);
    }
    tape.backward(y);
    tape.grad(one)
}
