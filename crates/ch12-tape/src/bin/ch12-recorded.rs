// Generated from chapters/appendix-recorded.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: e08764c619492344
//! Prints what chapter 12.3 says of the recorded run: the widest gap between
//! neighbouring Rust engines, what fusing gives, and what Python's collector
//! costs, each ratio with the middle half of the ratios round by round.

use ch11_fast::recorded::{
    BENCH, NEW_DROP, OFF_SUFFIX, OLD_DROP, Row, ratio, rows, timing,
    two_figures,
};

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("tape") => return summary("Chapter 12's engines", &TAPE),
        Some("by-hand") => return summary("Chapter 12.1's steps", &BY_HAND),
        _ => {}
    }
    let rows = rows(BENCH);
    let median = |row: &Row| {
        row["ms_per_step"].parse::<f64>().expect("a number in bench.csv")
    };
    // The book's engines, as programs run: not Python, not fastbins off.
    let rust = |row: &&Row| {
        let name = &row["engine"];
        !name.starts_with("Python") && !name.ends_with(OFF_SUFFIX)
    };
    let mut slowest_first: Vec<&Row> = rows.iter().filter(rust).collect();
    slowest_first.sort_by(|a, b| median(b).total_cmp(&median(a)));
    let widest = slowest_first
        .windows(2)
        .max_by(|a, b| {
            let gap = |pair: &[&Row]| median(pair[0]) / median(pair[1]);
            gap(a).total_cmp(&gap(b))
        })
        .expect("at least two engines");
    let (slow, fast) = (&widest[0]["engine"], &widest[1]["engine"]);
    println!("Each ratio: the median of the rounds' ratios, then");
    println!("(in brackets) their middle half.");
    println!("The widest gap between neighbouring Rust engines:");
    println!("  {slow} / {fast}");
    println!("  {}", ratio(timing(slow), timing(fast)));

    // An engine's number in the `column` of bench.csv.
    let cell = |name: &str, column: &str| {
        let row = rows.iter().find(|row| row["engine"] == name);
        let row = row.expect("a row");
        row[column].parse::<f64>().expect("a number in bench.csv")
    };
    let nodes = |name: &str| cell(name, "nodes_per_step");
    let fewer = two_figures(nodes("tape") / nodes("fused tape"));
    println!("The fused tape: 1/{fewer} as many nodes as the tape; its step");
    println!("  {} times as fast", ratio(timing("tape"), timing("fused tape")));
    println!("The tape against {NEW_DROP}:");
    println!("  {} times as fast", ratio(timing(NEW_DROP), timing("tape")));
    let candle = ratio(timing("fused tape"), timing("candle tensors"));
    println!("candle's tensors against the fused tape:");
    println!("  {candle} times as fast");
    println!("The hand-written step against the fused tape:");
    let floor = ratio(timing("fused tape"), timing("hand-written"));
    println!("  {floor} times as fast");
    println!("Per node of chapter 10's graph, ns:");
    for name in [NEW_DROP, "tape", "hand-written"] {
        // From the step's time over chapter 10's graph (the hand-written
        // step builds none), not the file's ns column, which keeps one
        // decimal: too few for the hand-written step's.
        let ns = cell(name, "ms_per_step") * 1e6 / nodes(NEW_DROP);
        println!("  {name:<34}{}", two_figures(ns));
    }
    println!("Bytes a step holds at its peak, per node of chapter 10's graph:");
    // Every engine with a graph, as the program runs (not fastbins off).
    let counted = rows.iter().filter(|row| {
        !row["bytes_per_node"].is_empty()
            && !row["engine"].ends_with(OFF_SUFFIX)
    });
    for row in counted {
        let name = &row["engine"];
        // To one decimal, as the file keeps them: the table below sums them.
        println!("  {name:<34}{:.1}", cell(name, "bytes_per_node"));
    }
    // The heap engines' fastbins-off runs, processes of their own, counted
    // their bytes again.
    let again: Vec<&Row> =
        rows.iter().filter(|row| row["engine"].ends_with(OFF_SUFFIX)).collect();
    let alike = again.iter().all(|row| {
        let name = row["engine"].trim_end_matches(OFF_SUFFIX);
        cell(name, "bytes_per_node") == cell(&row["engine"], "bytes_per_node")
    });
    let alike = if alike { "the same" } else { "not the same" };
    println!("  counted again, fastbins off: {alike} for all {}", again.len());

    let python = ("Python micrograd", "Python micrograd, gc tuned");
    if rows.iter().any(|row| row["engine"] == python.0) {
        let tuned = timing(python.1).median;
        println!("Times as fast as the original, collector tuned (medians):");
        let engines =
            [NEW_DROP, OLD_DROP, "tape", "fused tape", "hand-written"];
        for name in engines {
            let times = two_figures(tuned / timing(name).median);
            println!("  {name:<34}{times}");
        }
        println!("Python micrograd, collector as it comes / tuned:");
        println!("  {}", ratio(timing(python.0), timing(python.1)));
    }
}

/// The ratios chapter 12 shows: what, the slower engine, the faster one.
const TAPE: [[&str; 3]; 3] = [
    ["the tape against chapter 6's engine", NEW_DROP, "tape"],
    ["the tape against the lean node", "lean node", "tape"],
    ["the fused tape against the tape", "tape", "fused tape"],
];

/// The ratios chapter 12.1 shows.
const BY_HAND: [[&str; 3]; 3] = [
    ["hand-written against the fused tape", "fused tape", "hand-written"],
    ["candle's tensors against the fused tape", "fused tape", "candle tensors"],
    ["hand-written against candle's tensors", "candle tensors", "hand-written"],
];

/// Prints `lines` of ratios under `title`.
fn summary(title: &str, lines: &[[&str; 3]]) {
    println!("{title}, one step of chapter 10's demo:");
    for [what, slow, fast] in lines {
        let times = ratio(timing(slow), timing(fast));
        println!("  {what:<40}{times} times as fast");
    }
    // Each engine the lines name, once, slowest first, with the median of
    // its runs.
    let mut names: Vec<&str> =
        lines.iter().flat_map(|[_, slow, fast]| [*slow, *fast]).collect();
    names.sort_by(|a, b| timing(b).median.total_cmp(&timing(a).median));
    names.dedup();
    println!("One step, the median run, ms:");
    for name in names {
        println!("  {name:<40}{}", two_figures(timing(name).median));
    }
}
