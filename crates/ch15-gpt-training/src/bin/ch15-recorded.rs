// Generated from chapters/15-gpt-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: c8a94e48d816b3c2
//! Prints the recorded GPT benchmark: each engine's training step, as a
//! ratio to plain Python's with its spread, and the whole run on the tape.

use ch11_fast::recorded::{Timing, ratio, rows, two_figures};

const BENCH: &str = include_str!("../../data/gpt-bench.csv");
const ENVIRONMENT: &str = include_str!("../../data/environment.csv");

fn main() {
    let bench = rows(BENCH);
    let row = |measure: &str, engine: &str| {
        let found = bench
            .iter()
            .find(|r| r["measure"] == measure && r["engine"] == engine);
        found.unwrap_or_else(|| panic!("no row `{measure},{engine}`"))
    };
    let number = |text: &str| text.parse::<f64>().expect("a number");
    let timing = |measure: &str, engine: &str| {
        let row = row(measure, engine);
        let [median, fastest, slowest] =
            ["median", "fastest", "slowest"].map(|column| number(&row[column]));
        Timing::of_three(median, fastest, slowest)
    };
    let spread = |t: Timing| {
        let [a, b, c] = [t.median, t.fastest, t.slowest].map(two_figures);
        format!("{a} ({b} to {c})")
    };
    println!("ms per training step, median of 3 runs (fastest to slowest):");
    for engine in ["Python", "Python, gc off", "Value", "tape"] {
        println!("  {engine:<15} {}", spread(timing("step", engine)));
    }
    let python = timing("step", "Python, gc off");
    println!("times as fast as Python with the collector off:");
    for engine in ["Value", "tape"] {
        let step = timing("step", engine);
        println!("  {engine:<6} {}", ratio(python.clone(), step));
    }
    let steps = &row("training", "tape")["steps"];
    let whole = spread(timing("training", "tape"));
    println!("the whole run, {steps} steps on the tape, in s: {whole}");
    let nodes =
        |engine: &str| number(&row("step", engine)["nodes_per_step"]).round();
    let (python, value, tape) =
        (nodes("Python"), nodes("Value"), nodes("tape"));
    println!(
        "nodes per step: Python's graph {python}, Value's {value}, the tape {tape}"
    );
    let same = |column: &str| {
        row("step", "Python")[column] == row("step", "Value")[column]
    };
    println!(
        "Python's first and last losses have Value's bits: {} and {}",
        same("first_loss"),
        same("last_loss")
    );
    for row in rows(ENVIRONMENT) {
        let wanted = ["processor", "cores", "Rust", "Python"];
        let what = row["what"].as_str();
        if wanted.contains(&what) || what.starts_with("load") {
            println!("{what}: {}", row["value"]);
        }
    }
}
// ... reads data/gpt-bench.csv and data/environment.csv, prints: hidden
