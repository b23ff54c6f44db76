// Generated from chapters/15-gpt-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: fecf276473352991
//! The whole training run on the tape; the trained model's loss on the names
//! it saw and on names it did not, beside two counting models'; then 20
//! names made up by it.

use ch14_gpt::engine::Numbers;
use ch14_gpt::model::{Gpt, loss};
use ch14_gpt::names::{MARKER, encode, letter};
use ch14_gpt::start;
use ch15_gpt_training::Counting::{Bigram, Unigram};
use ch15_gpt_training::{STEPS, counting_loss, run, sample};

fn main() {
    let (names, gpt, mut rng) = start();
    let trained_on = &names[..STEPS];
    let held_out = &names[names.len() - 1000..];
    let mean_loss = |gpt: &Gpt<f64>, names: &[&str]| {
        let total: f64 =
            names.iter().map(|n| loss(&mut Numbers, gpt, &encode(n))).sum();
        total / names.len() as f64
    };
    println!("held-out loss before training: {:.4}", mean_loss(&gpt, held_out));
    let (weights, losses) = run(&names, &gpt);
    println!("step  its loss  mean loss of it and the next 99");
    for (i, hundred) in losses.chunks(100).enumerate() {
        let mean = hundred.iter().sum::<f64>() / hundred.len() as f64;
        println!("{:>4}  {:.4}    {mean:.4}", 100 * i, hundred[0]);
    }
    // ... each step's loss, every 100 steps, and the mean of the 100: hidden
    println!("after training, the mean loss");
    let seen = mean_loss(&weights, trained_on);
    let unseen = mean_loss(&weights, held_out);
    println!("  on the 1000 names trained on:  {seen:.4}");
    println!("  on the 1000 held out:          {unseen:.4}");
    let others = &names[..names.len() - 1000];
    let all = format!("the {} names not held out", others.len());
    let counted_in =
        [("the 1000 names trained on", trained_on), (&all, others)];
    println!("the counting models' loss on the held-out names, counted in");
    for (what, counted) in counted_in {
        let [unigram, bigram] =
            [Unigram, Bigram].map(|m| counting_loss(counted, held_out, m));
        println!("  {what}: unigram {unigram:.4}, bigram {bigram:.4}");
    }

    println!("20 names at temperature 0.5");
    println!("(* if trained on; + if elsewhere in the list):");
    let mut made_up = vec![];
    for _ in 0..20 {
        let (mut tokens, _) = sample(&weights, 0.5, &mut rng);
        if tokens.last() == Some(&MARKER) {
            tokens.pop();
        }
        let name: String = tokens[1..].iter().map(|&t| letter(t)).collect();
        let mark = if trained_on.contains(&name.as_str()) {
            "*"
        } else if names.contains(&name.as_str()) {
            "+"
        } else {
            ""
        };
        made_up.push(format!("{name}{mark}"));
    }
    for line in made_up.chunks(5) {
        println!("  {}", line.join(" "));
    }
    let count =
        |mark: &str| made_up.iter().filter(|n| n.ends_with(mark)).count();
    let (trained, listed) = (count("*"), count("+"));
    let new = made_up.len() - trained - listed;
    println!(
        "trained on: {trained}; elsewhere in the list: {listed}; new: {new}"
    );
}
