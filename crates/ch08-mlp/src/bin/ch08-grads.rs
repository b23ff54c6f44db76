// Generated from chapters/08-network.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: d1e097a4b22a2608
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

fn main() {
    let mut rng = rng();
    println!("tanh MLP(n, [n, n, n, 1]), 50 of each, inputs from [-1, 1)");
    println!("rms by layer (1 is the first), of the weights' grads");
    println!("   n  draw            1         2         3         4");
    let mut parts = vec![];
    for n in [4, 16, 64] {
        for (draw, scaled) in [("[-1, 1)", false), ("× √(3/n)", true)] {
            // Each layer's sums of squares, and how many numbers in each:
            // of its weights' grads, its inputs, and the grads at its sums.
            let mut squares = [[(0.0, 0); 3]; 4];
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
                inputs[0].backward();
                for ((layer, (ins, outs)), sums) in
                    net.layers().iter().zip(&seen).zip(&mut squares)
                {
                    let weights = layer
                        .neurons()
                        .iter()
                        .flat_map(|neuron| neuron.weights());
                    // A tanh output t's grad times 1 − t²: the grad at its sum.
                    let at_sums = outs
                        .iter()
                        .map(|t| t.grad() * (1.0 - t.data().powi(2)));
                    let numbers = [
                        weights.map(Value::grad).collect::<Vec<f64>>(),
                        ins.iter().map(Value::data).collect(),
                        at_sums.collect(),
                    ];
                    for ((sum, count), numbers) in sums.iter_mut().zip(numbers)
                    {
                        *sum += numbers.iter().map(|x| x * x).sum::<f64>();
                        *count += numbers.len();
                    }
                }
            }
            let rms = |part: usize| {
                let cells = squares.map(|layer| {
                    let (sum, count) = layer[part];
                    format!("{:>8.4}", (sum / count as f64).sqrt())
                });
                cells.join("  ")
            };
            println!("{n:>4}  {draw:<9}{}", rms(0));
            if n == 64 {
                parts.push((draw, rms(1), rms(2)));
            }
        }
    }
    println!(
        "at n = 64, of the layers' inputs, and of the grads at their sums"
    );
    for (draw, inputs, at_sums) in parts {
        println!("inputs    {draw:<9}{inputs}");
        println!("at sums   {draw:<9}{at_sums}");
    }
}
