// Generated from chapters/15-gpt-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 94838dc5e5321e8c
//! Draws the chapter's figures: the training loss, and attention's weights
//! while the trained model writes a name.

use ch14_gpt::names::{VOCAB, letter};
use ch14_gpt::start;
use ch15_gpt_training::Counting::Bigram;
use ch15_gpt_training::{STEPS, counting_loss, run, sample};
use viz::Plot;
use viz::heatmap::Heatmap;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: figures DIR");
    let write = |name: &str, svg: Result<String, String>| {
        let svg = svg.unwrap_or_else(|e| panic!("{name}: {e}"));
        std::fs::write(format!("{dir}/{name}"), svg)
            .expect("the figure is written");
    };

    let (names, gpt, mut rng) = start();
    let (weights, losses) = run(&names, &gpt);
    // The mean of the last 50 steps, or of all so far in the first 50.
    let mean: Vec<(f64, f64)> = (0..losses.len())
        .map(|i| {
            let last = &losses[i.saturating_sub(49)..=i];
            (i as f64, last.iter().sum::<f64>() / last.len() as f64)
        })
        .collect();
    let level = |y: f64| vec![(0.0, y), (999.0, y)];
    let uniform = (VOCAB as f64).ln();
    let held_out = &names[names.len() - 1000..];
    let bigram = counting_loss(&names[..STEPS], held_out, Bigram);
    let plot = Plot::new("Training loss, one name a step")
        .axes("step", "loss: mean of the last 50 steps")
        .curve("the GPT, on the names it trains on", mean)
        .dashed("ln 27, a uniform guess", level(uniform))
        .dashed("a bigram model, on held-out names", level(bigram));
    write("15-loss.svg", plot.to_svg());

    // ... the loss curve, drawn as chapter 13's were: hidden
    let (tokens, memory) = sample(&weights, 0.5, &mut rng);
    let read = &tokens[..tokens.len() - 1];
    let labels: Vec<String> = read.iter().map(|&t| letter(t).into()).collect();
    let name: String = labels[1..].concat();
    let mut map = Heatmap::new(&format!("Attention while writing {name:?}"))
        .labels(&labels);
    for (head, weights) in memory.weights.into_iter().enumerate() {
        map = map.panel(&format!("head {}", head + 1), weights);
    }
    write("15-attention.svg", map.to_svg());
}
