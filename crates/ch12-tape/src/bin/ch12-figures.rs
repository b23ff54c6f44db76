// Generated from chapters/appendix-recorded.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: be958e1b85ebe8ea
//! Draws chapter 12.3's figure into the folder given as the first argument,
//! from the recorded run in `data/bench.csv` and `data/environment.csv`.

use ch11_fast::chart::{Bar, bars};
use ch11_fast::recorded::{OFF_SUFFIX, OLD_DROP, rows, two_figures};

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
        .find(|row| row["engine"] == "Python micrograd, gc tuned")
        .unwrap_or(&bench[0]);
    let base_ms = number(&base["ms_per_step"]);
    let engines: Vec<Bar> = bench
        .iter()
        // Chapter 11.1's experiments, chapter 6's `Drop` and the fastbins
        // off, are in its figure and its tables.
        .filter(|row| {
            let name = &row["engine"];
            !name.starts_with(OLD_DROP) && !name.ends_with(OFF_SUFFIX)
        })
        .map(|row| {
            let ms = number(&row["ms_per_step"]);
            let range =
                Some((number(&row["ms_fastest"]), number(&row["ms_slowest"])));
            let label = match row["bytes_per_node"].as_str() {
                "" => format!("{}×", two_figures(base_ms / ms)),
                bytes => {
                    let bytes = two_figures(number(bytes));
                    format!("{}×, {bytes} B/node", two_figures(base_ms / ms))
                }
            };
            Bar { name: row["engine"].clone(), value: ms, label, range }
        })
        .collect();
    let title = format!(
        "One training step; at each bar, times as fast as {}",
        base["engine"]
    );
    let axis = "ms per step, median (logarithmic scale)";
    let environment = rows(include_str!("../../data/environment.csv"));
    let notes: Vec<String> = environment
        .iter()
        .map(|row| format!("{}: {}", row["what"], row["value"]))
        .collect();
    write(
        "12-bench.svg",
        bars(&title, axis, &engines, true, &|_| false, &notes),
    );
}
