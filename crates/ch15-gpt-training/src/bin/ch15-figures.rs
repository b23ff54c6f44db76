// Generated from chapters/15-gpt-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: bb74a8a4c84fea42
//! Draws the chapter's figures: the training loss, and attention's weights
//! while the trained model writes a name.

use ch14_gpt::names::{VOCAB, letter};
use ch14_gpt::start;
use ch15_gpt_training::{run, sample};
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
    let each: Vec<(f64, f64)> =
        losses.iter().enumerate().map(|(i, &l)| (i as f64, l)).collect();
    let mean: Vec<(f64, f64)> = losses
        .windows(50)
        .enumerate()
        .map(|(i, w)| ((i + 49) as f64, w.iter().sum::<f64>() / 50.0))
        .collect();
    let uniform = (VOCAB as f64).ln();
    let plot = Plot::new("Training loss, one name a step")
        .axes("step", "loss")
        .curve("each step's loss", each)
        .curve("mean of the last 50 steps", mean)
        .dashed(
            "ln 27, a uniform guess",
            vec![(0.0, uniform), (999.0, uniform)],
        );
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
