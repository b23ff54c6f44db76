// Generated from chapters/08-mlp.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: b70d68c1e1468503
//! Every wrong size the library refuses, and the message it panics with.

use std::panic::{self, UnwindSafe};

use ch08_mlp::rng;
use micrograd::Value;
use micrograd::nn::{Activation, Layer, Mlp, Neuron};

/// Runs `mistake`, which must panic, and returns the panic's message.
fn refusal(mistake: impl FnOnce() + UnwindSafe) -> String {
    let payload =
        panic::catch_unwind(mistake).expect_err("a wrong size was accepted");
    match payload.downcast::<String>() {
        Ok(message) => *message,
        Err(payload) => {
            payload.downcast_ref::<&str>().unwrap_or(&"").to_string()
        }
    }
}

fn main() {
    panic::set_hook(Box::new(|_| {}));
    let tanh = Activation::Tanh;
    let mistakes: [Box<dyn FnOnce() + UnwindSafe>; 9] = [
        Box::new(|| drop(Neuron::new(0, tanh, &mut rng()))),
        Box::new(|| drop(Layer::new(3, 0, tanh, &mut rng()))),
        Box::new(|| drop(Mlp::new(0, &[4, 1], &mut rng()))),
        Box::new(|| drop(Mlp::new(3, &[], &mut rng()))),
        Box::new(|| drop(Mlp::new(3, &[4, 0, 1], &mut rng()))),
        Box::new(|| {
            drop(Mlp::new(3, &[4, 4, 1], &mut rng()).forward(&[2.0, 3.0]))
        }),
        Box::new(|| {
            let layer = Layer::new(3, 4, tanh, &mut rng());
            drop(layer.forward(&[Value::new(1.0), Value::new(2.0)]));
        }),
        Box::new(|| {
            let neuron = Neuron::new(3, tanh, &mut rng());
            drop(neuron.forward(&[1.0, 2.0, 3.0, 4.0].map(Value::new)));
        }),
        // … one for each mistake …
        Box::new(|| {
            drop(Mlp::new(3, &[4, 2], &mut rng()).predict(&[2.0, 3.0, -1.0]))
        }),
    ];
    for mistake in mistakes {
        println!("{}", refusal(mistake));
    }
}
