// Generated from chapters/15-gpt-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: c307b5e5d5b853cf
//! The first training steps on `Value` and on the tape, side by side.

use ch14_gpt::engine::Graph;
use ch14_gpt::model::{FIELDS, loss};
use ch14_gpt::names::encode;
use ch14_gpt::start;
use ch15_gpt_training::{STEPS, Trainer};
use micrograd::Value;
use micrograd::tape::Tape;

fn main() {
    let (names, gpt, _) = start();

    // One backward pass on each engine, from the same weights.
    let tokens = encode(names[0]);
    let on_values = gpt.map(|&w| Value::new(w));
    loss(&mut Graph, &on_values, &tokens).backward();
    let mut tape = Tape::new();
    let on_tape = gpt.map(|&w| tape.input(w));
    let root = loss(&mut tape, &on_tape, &tokens);
    tape.backward(root);
    let matrices = on_values.matrices().into_iter().zip(on_tape.matrices());
    let n = gpt.parameters().count();
    println!("of the {n} grads of {:?}, those whose bits differ:", names[0]);
    for (field, (v, t)) in FIELDS.iter().zip(matrices) {
        let pairs = v.iter().flatten().zip(t.iter().flatten());
        let grads = pairs.map(|(v, &t)| (v.grad(), tape.grad(t)));
        let apart: Vec<f64> =
            grads.filter(|(v, t)| v != t).map(|(v, t)| (v - t).abs()).collect();
        let largest = apart.iter().copied().fold(0.0, f64::max);
        match apart.len() {
            0 => println!("  {field:>9}:  0"),
            n => println!("  {field:>9}: {n:>2}, by at most {largest:.1e}"),
        }
    }

    let mut by_values = Trainer::new(&gpt, STEPS);
    let mut by_tape = Trainer::new(&gpt, STEPS);
    println!("step  name        loss on Value       loss on the tape    same?");
    for (step, name) in names[..12].iter().enumerate() {
        let tokens = encode(name);
        let a = by_values.step_on_values(&tokens);
        let b = by_tape.step_on_tape(&mut tape, &tokens);
        println!("{step:>4}  {name:<10}  {a:<18?}  {b:<18?}  {}", a == b);
    }
}
