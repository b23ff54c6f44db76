// Generated from chapters/11-fast.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 4221fe2a2e322d09
//! Prints what this chapter says of chapter 12's recorded run, a part at a
//! time: the phases' shares, and the ratios between engines, with their
//! spread.

use ch11_fast::recorded::{
    BENCH, BENCH_BEFORE_DROP_FIX, PHASES, environment, ratio, rows, timing,
    timing_in, two_figures,
};

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("steps") => steps(),
        Some("phases") => phases(),
        Some("walk") => walk(),
        Some("heap") => heap(),
        Some("walks") => walks(),
        Some("lean") => lean(),
        _ => panic!("usage: ch11-recorded steps|phases|walk|walks|heap|lean"),
    }
}

/// Every engine's step as programs run (fastbins on), in the bench's order,
/// with the nodes of its graph as the bench counted them in that engine.
fn steps() {
    let [runs, steps] =
        ["fresh processes per engine", "timed steps in each"].map(environment);
    println!(
        "One step of chapter 10's demo, ms: median of {runs} runs of {steps}"
    );
    println!("steps each (fastest run to slowest), and the nodes of its graph");
    for row in rows(BENCH).iter().filter(|row| !row[0].ends_with(')')) {
        let step = timing(&row[0]);
        let [median, fastest, slowest] =
            [step.median, step.fastest, step.slowest].map(two_figures);
        let ms = format!("{median:>6} ({fastest} to {slowest})");
        let nodes = if row[6] == "0" { "none" } else { &row[6] };
        println!("  {:<28}{ms:<24}{nodes:>6}", row[0]);
    }
}

/// A phase's median time, in ms.
fn ms(row: &[String]) -> f64 {
    row[1].parse().expect("a number in phases.csv")
}

/// Prints how many times as long `slow`'s step takes as `fast`'s.
fn line(what: &str, slow: &str, fast: &str) {
    println!("  {what}: {}", ratio(timing(slow), timing(fast)));
}

/// The name of an engine's row with the fastbins off.
fn off(engine: &str) -> String {
    format!("{engine} (fastbins off)")
}

/// The phases of chapter 6's step, largest first.
fn phases() {
    let phases = rows(PHASES);
    let mut step: Vec<_> = step_phases(&phases).collect();
    let sum: f64 = step.iter().map(|row| ms(row)).sum();
    step.sort_by(|a, b| ms(b).total_cmp(&ms(a)));
    println!("The phases of a step of chapter 6's Value, largest first:");
    for row in &step {
        let share = two_figures(100.0 * ms(row) / sum);
        println!("  {}: {share}% of their sum", row[0]);
    }
    let whole = two_figures(sum / timing("Value").median);
    println!("Their sum: {whole} times Value's whole step");
}

/// What the cheaper walk saves in the whole step, with the layout left to
/// the allocator and held fixed.
fn walk() {
    println!("How many times as long a whole step takes (runs' range):");
    line("Value / cheaper walk", "Value", "cheaper walk");
    line("the same, fastbins off", &off("Value"), &off("cheaper walk"));
    let (before, after) =
        (timing("Value").median, timing("cheaper walk").median);
    let (saved, share) = (before - after, 100.0 * (1.0 - after / before));
    println!(
        "What it saves of the step (medians): {} ms, {}%",
        two_figures(saved),
        two_figures(share)
    );
}

/// The rows of `phases` that are phases of the step, not walks beside it.
fn step_phases(phases: &[Vec<String>]) -> impl Iterator<Item = &Vec<String>> {
    phases.iter().filter(|row| !row[0].starts_with(WALK))
}

/// The prefix of the walks' rows in phases.csv.
const WALK: &str = "walk: ";

/// Chapter 6's walk taken apart: each variant's median; then what the
/// cheaper walk saves against it, beside what the whole step saves.
fn walks() {
    let phases = rows(PHASES);
    println!(
        "Walks of one step's graph, each after the one before (ms, medians):"
    );
    let walks: Vec<&Vec<String>> =
        phases.iter().filter(|row| row[0].starts_with(WALK)).collect();
    for row in &walks {
        let name = &row[0][WALK.len()..];
        println!("  {name:<40}{:>5}", two_figures(ms(row)));
    }
    let walk = |start: &str| {
        let row =
            walks.iter().find(|row| row[0][WALK.len()..].starts_with(start));
        ms(row.unwrap_or_else(|| panic!("phases.csv has no walk `{start}`")))
    };
    let cheaper = walk("marks + borrows") - walk("backward steps");
    let saved = walk("set + clones") - cheaper;
    println!(
        "The cheaper walk inside backward, its steps taken out: {}",
        two_figures(cheaper)
    );
    println!("Saved against chapter 6's walk: {}", two_figures(saved));
    println!("  and in dropping its clones: {}", two_figures(walk("dropping")));
    let step = timing("Value").median - timing("cheaper walk").median;
    println!(
        "Saved in the whole step (Value's against cheaper walk's): {}",
        two_figures(step)
    );
}

/// Each heap engine with the fastbins on and off, before the change to
/// `Drop` and in the latest recording; and the cheaper walk against the
/// original.
fn heap() {
    println!("How many times as long a whole step takes (runs' range):");
    println!("Recorded before the change to Drop:");
    for engine in ["Value", "cheaper walk"] {
        let (on, off) = (
            timing_in(BENCH_BEFORE_DROP_FIX, engine),
            timing_in(BENCH_BEFORE_DROP_FIX, &off(engine)),
        );
        println!("  {engine}, fastbins on / off: {}", ratio(on, off));
    }
    println!("The latest recording:");
    if BENCH == BENCH_BEFORE_DROP_FIX {
        println!("  (the same run: not recorded again since)");
    }
    for engine in ["Value", "cheaper walk", "lean node"] {
        line(&format!("{engine}, fastbins on / off"), engine, &off(engine));
    }
    let python = "Python micrograd, gc tuned";
    if rows(BENCH).iter().any(|row| row[0] == python) {
        line("Python (tuned) / cheaper walk", python, "cheaper walk");
    }
    println!("Before the change / the latest, fastbins on:");
    for engine in ["Value", "cheaper walk"] {
        let before = timing_in(BENCH_BEFORE_DROP_FIX, engine);
        println!("  {engine}: {}", ratio(before, timing(engine)));
    }
    // What moved between the two recordings without any change to it.
    println!("The same for engines the change did not touch:");
    for engine in ["tape", "fused tape", "hand-written"] {
        let before = timing_in(BENCH_BEFORE_DROP_FIX, engine);
        println!("  {engine}: {}", ratio(before, timing(engine)));
    }
}

/// The lean node against the cheaper walk, with the fastbins on (node and
/// layout) and off (the node alone).
fn lean() {
    println!("How many times as long a whole step takes (runs' range):");
    line("cheaper walk / lean node", "cheaper walk", "lean node");
    line("the same, fastbins off", &off("cheaper walk"), &off("lean node"));
}
