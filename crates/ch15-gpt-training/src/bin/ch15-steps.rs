// Generated from chapters/15-gpt-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 1949f40450dca0f5
//! The first training steps on `Value` and on the tape, side by side.

use ch14_gpt::engine::Graph;
use ch14_gpt::model::loss;
use ch14_gpt::names::encode;
use ch14_gpt::start;
use ch15_gpt_training::Trainer;
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
    let pairs = on_values.parameters().zip(on_tape.parameters());
    let grads: Vec<(f64, f64)> =
        pairs.map(|(v, &t)| (v.grad(), tape.grad(t))).collect();
    let same = grads.iter().filter(|(v, t)| v == t).count();
    let apart = grads.iter().map(|(v, t)| (v - t).abs()).fold(0.0, f64::max);
    let n = grads.len();
    println!("grads of {:?}: {same} of {n} the same bits; the rest", names[0]);
    println!("  differ by at most {apart:.1e}");

    let mut by_values = Trainer::new(&gpt);
    let mut by_tape = Trainer::new(&gpt);
    println!("step  name        loss on Value       loss on the tape    same?");
    for (step, name) in names[..12].iter().enumerate() {
        let tokens = encode(name);
        let a = by_values.step_on_values(&tokens);
        let b = by_tape.step_on_tape(&mut tape, &tokens);
        println!("{step:>4}  {name:<10}  {a:<18?}  {b:<18?}  {}", a == b);
    }
}
