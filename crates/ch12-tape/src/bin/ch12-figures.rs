// Generated from chapters/12-measure.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 63833b7fb3b1387e
//! Draws this chapter's figure into the folder given as the first argument,
//! from the recorded run in `data/bench.csv` and `data/environment.csv`.

use ch11_fast::chart::{Bar, bars};
use ch11_fast::recorded::{rows, two_figures};

fn main() {
    let dir = std::env::args().nth(1).expect("usage: figures DIR");
    let write = |name: &str, svg: String| {
        std::fs::write(format!("{dir}/{name}"), svg)
            .expect("the figure is written");
    };
    let number = |text: &str| text.parse::<f64>().expect("a number");

    // Each step's time, labelled with how many times as fast as the
    // original with its collector tuned (or, without it, as the first row).
    let bench = rows(include_str!("../../data/bench.csv"));
    let base = bench
        .iter()
        .find(|row| row[0] == "Python micrograd, gc tuned")
        .unwrap_or(&bench[0]);
    let base_ms = number(&base[1]);
    let engines: Vec<Bar> = bench
        .iter()
        // Chapter 11's experiment with chapter 6's `Drop` is in its figure.
        .filter(|row| !row[0].starts_with("Value with chapter 6's Drop"))
        .map(|row| {
            let ms = number(&row[1]);
            let range = Some((number(&row[2]), number(&row[3])));
            let label = match row[5].as_str() {
                "" => format!("{}×", two_figures(base_ms / ms)),
                bytes => {
                    let bytes = two_figures(number(bytes));
                    format!(
                        "{}×, {bytes} B/graph node",
                        two_figures(base_ms / ms)
                    )
                }
            };
            Bar { name: row[0].clone(), value: ms, label, range }
        })
        .collect();
    let title =
        format!("One training step; at each bar, times as fast as {}", base[0]);
    let axis = "ms per step, median (logarithmic scale)";
    let environment = rows(include_str!("../../data/environment.csv"));
    let notes: Vec<String> = environment
        .iter()
        .map(|row| format!("{}: {}", row[0], row[1]))
        .collect();
    write(
        "12-bench.svg",
        bars(&title, axis, &engines, true, &|_| false, &notes),
    );
}
