// Generated from chapters/14-gpt.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: c985472e2feaf41b
//! The untrained model, piece by piece, on the first name.

use ch14_gpt::engine::{Graph, Numbers};
use ch14_gpt::model::{
    FIELDS, INIT, Memory, add, cross_entropy, forward, loss, rms_norm,
};
use ch14_gpt::names::{VOCAB, encode};
use ch14_gpt::start;
use micrograd::Value;
use micrograd::tape::Tape;

fn main() {
    let (names, gpt, _) = start();
    for (field, m) in FIELDS.iter().zip(gpt.matrices()) {
        let (rows, columns) = (m.len(), m[0].len());
        println!(
            "{field:>9}: {rows:>2} × {columns:<2} = {:>4}",
            rows * columns
        );
    }
    println!("{:>9}: {}", "in all", gpt.parameters().count());

    // ... each matrix's shape, and the count of weights: hidden
    let tokens = encode(names[0]);
    let e = &mut Numbers;
    let x = add(e, &gpt.tokens[tokens[0]], &gpt.positions[0]);
    let mean_square = |x: &[f64]| x.iter().map(|x| x * x).sum::<f64>() / 16.0;
    let normed = mean_square(&rms_norm(e, &x));
    println!("position 0, the marker: x starts {:.3?} …", &x[..4]);
    let (before, expected) = (mean_square(&x), 2.0 * INIT * INIT);
    println!("  mean square {before:.5}, expected about 2σ² = {expected:.4}");
    println!("  after rms_norm {normed:.5}");

    let mut memory = Memory::new();
    println!("position  p(next)  −ln p  head 1's attention weights");
    for position in 0..tokens.len() - 1 {
        let logits = forward(e, &gpt, tokens[position], &mut memory);
        let loss = cross_entropy(e, &logits, tokens[position + 1]);
        let weights = &memory.weights[0][position];
        let p = (-loss).exp();
        println!("{position:>8}  {p:.4}   {loss:.3}  {weights:.3?}");
    }

    let on_values = gpt.map(|&w| Value::new(w));
    let l = loss(&mut Graph, &on_values, &tokens);
    let uniform = (VOCAB as f64).ln();
    let data = l.data();
    println!("the loss of {:?}: {data:.4}; ln 27 = {uniform:.4}", names[0]);
    println!("nodes in Value's graph of it: {}", l.topo().len());
    let mut tape = Tape::new();
    let on_tape = gpt.map(|&w| tape.input(w));
    loss(&mut tape, &on_tape, &tokens);
    println!("nodes on the tape: {}", tape.len());
}
