// Generated from chapters/08-network.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 1e8d6ae0d7f511a6
//! The grads of tanh networks three hidden layers deep, with the lecture's
//! draw and with LeCun's: their size at each layer's weights.

use ch08_mlp::rng;
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
    println!("rms of the weights' grads, by layer (1 is the first)");
    println!("   n  draw            1         2         3         4");
    for n in [4, 16, 64] {
        for (draw, scaled) in [("[-1, 1)", false), ("× √(3/n)", true)] {
            // Each layer's sum of squared grads, and how many there are.
            let mut squares = [(0.0, 0); 4];
            for _ in 0..50 {
                let net = Mlp::new(n, &[n, n, n, 1], &mut rng);
                if scaled {
                    scale(&net);
                }
                let x: Vec<f64> = (0..n).map(|_| uniform(&mut rng)).collect();
                net.predict(&x).backward();
                let layers = net.layers().iter();
                for (layer, (sum, count)) in layers.zip(&mut squares) {
                    for w in layer.neurons().iter().flat_map(|n| n.weights()) {
                        *sum += w.grad() * w.grad();
                        *count += 1;
                    }
                }
            }
            let rms = squares.map(|(sum, count)| (sum / count as f64).sqrt());
            let cells = rms.map(|r| format!("{r:>8.4}")).join("  ");
            println!("{n:>4}  {draw:<9}{cells}");
        }
    }
}
