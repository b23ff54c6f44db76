// Generated from chapters/08-network.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 94b456163c768c1d
//! The grads of tanh networks three hidden layers deep, with the lecture's
//! draw and with LeCun's: their size at each layer's weights.

use ch08_mlp::rng;
use micrograd::Value;
use micrograd::nn::{Mlp, uniform};

/// Scales every weight of `net` by √(3/n), n its neuron's fan-in, and sets
/// every bias to 0: LeCun's draw, made from the lecture's through handles.
fn scale(net: &Mlp) {
    for neuron in net.layers().iter().flat_map(|layer| layer.neurons()) {
        let factor = (3.0 / neuron.nin() as f64).sqrt();
        for w in neuron.weights() {
            w.set_data(factor * w.data());
        }
        neuron.bias().set_data(0.0);
    }
}

/// A root mean square, kept as a running sum of squares and a count.
#[derive(Clone, Copy, Default)]
struct Rms {
    sum: f64,
    count: usize,
}

impl Rms {
    fn add(&mut self, xs: impl Iterator<Item = f64>) {
        for x in xs {
            self.sum += x * x;
            self.count += 1;
        }
    }

    fn get(self) -> f64 {
        (self.sum / self.count as f64).sqrt()
    }
}

/// A row of the table: one root mean square for each of the four layers.
fn row(layers: [Rms; 4]) -> String {
    layers.map(|rms| format!("{:>8.4}", rms.get())).join("  ")
}

fn main() {
    let mut rng = rng();
    println!("tanh MLP(n, [n, n, n, 1]), 50 of each, inputs from [-1, 1)");
    println!("rms by layer (1 is the first), of the weights' grads");
    println!("   n  draw            1         2         3         4");
    let mut parts = vec![];
    for n in [4, 16, 64] {
        for (draw, scaled) in [("[-1, 1)", false), ("× √(3/n)", true)] {
            // For each layer: its weights' grads, its inputs, and the grads
            // at its neurons' sums.
            let mut grads_rms = [Rms::default(); 4];
            let mut inputs_rms = [Rms::default(); 4];
            let mut at_sums_rms = [Rms::default(); 4];
            for _ in 0..50 {
                let net = Mlp::new(n, &[n, n, n, 1], &mut rng);
                if scaled {
                    scale(&net);
                }
                let x: Vec<f64> = (0..n).map(|_| uniform(&mut rng)).collect();
                // Layer by layer, keeping each layer's inputs and outputs.
                let mut inputs: Vec<Value> =
                    x.into_iter().map(Value::new).collect();
                let mut seen = vec![];
                for layer in net.layers() {
                    let outputs = layer.forward(&inputs);
                    seen.push((inputs, outputs.clone()));
                    inputs = outputs;
                }
                let o = &inputs[0];
                o.backward();
                for (l, (layer, (ins, outs))) in
                    net.layers().iter().zip(&seen).enumerate()
                {
                    let weights = layer
                        .neurons()
                        .iter()
                        .flat_map(|neuron| neuron.weights());
                    grads_rms[l].add(weights.map(Value::grad));
                    inputs_rms[l].add(ins.iter().map(Value::data));
                    // A tanh output t's grad times 1 − t²: the grad at its sum.
                    let at_sums = outs
                        .iter()
                        .map(|t| t.grad() * (1.0 - t.data().powi(2)));
                    at_sums_rms[l].add(at_sums);
                }
            }
            println!("{n:>4}  {draw:<9}{}", row(grads_rms));
            if n != 16 {
                parts.push((n, draw, row(inputs_rms), row(at_sums_rms)));
            }
        }
    }
    println!("rms by layer at n = 4 and 64: of the inputs, and of the grads");
    println!("at the neurons' sums");
    for (n, draw, inputs, at_sums) in parts {
        println!("{n:>4}  inputs   {draw:<9}{inputs}");
        println!("{n:>4}  at sums  {draw:<9}{at_sums}");
    }
}
