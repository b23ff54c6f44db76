// Generated from chapters/15-gpt-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 693bfadd33bc8c6d
//! The whole training run on the tape, then 20 names made up by the model.

use std::collections::HashSet;

use ch14_gpt::engine::Numbers;
use ch14_gpt::model::{Gpt, loss};
use ch14_gpt::names::{encode, letter};
use ch14_gpt::start;
use ch15_gpt_training::{run, sample};

fn main() {
    let (names, gpt, mut rng) = start();
    // The last 1,000 names are never trained on: the mean loss on them.
    let held_out = &names[names.len() - 1000..];
    let held_out_loss = |gpt: &Gpt<f64>| {
        let total: f64 =
            held_out.iter().map(|n| loss(&mut Numbers, gpt, &encode(n))).sum();
        total / held_out.len() as f64
    };
    println!("held-out loss before training: {:.4}", held_out_loss(&gpt));
    let (weights, losses) = run(&names, &gpt);
    println!("step  its loss  mean loss of it and the next 99");
    for (i, hundred) in losses.chunks(100).enumerate() {
        let mean = hundred.iter().sum::<f64>() / hundred.len() as f64;
        println!("{:>4}  {:.4}    {mean:.4}", 100 * i, hundred[0]);
    }
    // ... the losses, every 100 steps: hidden
    println!("held-out loss after training:  {:.4}", held_out_loss(&weights));

    let known: HashSet<&str> = names.iter().copied().collect();
    let made_up: Vec<String> = (0..20)
        .map(|_| {
            let (tokens, _) = sample(&weights, 0.5, &mut rng);
            let letters = &tokens[1..tokens.len() - 1];
            let name: String = letters.iter().map(|&t| letter(t)).collect();
            if known.contains(name.as_str()) { name + "*" } else { name }
        })
        .collect();
    println!("20 names at temperature 0.5 (* if in the list):");
    for line in made_up.chunks(5) {
        println!("  {}", line.join(" "));
    }
}
