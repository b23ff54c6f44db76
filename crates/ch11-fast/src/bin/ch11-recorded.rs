// Generated from chapters/11-fast.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: f3b40525c5294cd0
//! Prints what this chapter says of chapter 12's recorded run, a part at a
//! time: the phases' shares, and the ratios between engines, with their
//! spread.

use ch11_fast::recorded::{BENCH, PHASES, ratio, rows, timing, two_figures};

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("phases") => phases(),
        Some("walk") => walk(),
        Some("heap") => heap(),
        Some("lean") => lean(),
        _ => panic!("usage: ch11-recorded phases|walk|heap|lean"),
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
    let mut step: Vec<_> =
        phases.iter().filter(|row| row[0] != "cheaper topo").collect();
    let sum: f64 = step.iter().map(|row| ms(row)).sum();
    step.sort_by(|a, b| ms(b).total_cmp(&ms(a)));
    println!("The phases of a step of chapter 6's Value, largest first:");
    for row in &step {
        let share = two_figures(100.0 * ms(row) / sum);
        println!("  {}: {share}% of their sum", row[0]);
    }
}

/// What the cheaper walk saves, apart and in the whole step.
fn walk() {
    let phases = rows(PHASES);
    let phase = |name: &str| {
        let row = phases.iter().find(|row| row[0] == name);
        ms(row.unwrap_or_else(|| panic!("phases.csv has no `{name}`")))
    };
    let apart = two_figures(phase("cheaper topo") / phase("topo"));
    println!("The cheaper walk, apart: {apart} of topo's time");
    println!("How many times as long a whole step takes (runs' range):");
    line("Value / cheaper walk", "Value", "cheaper walk");
}

/// Each heap engine with the fastbins on and off, and the crate's `Value`
/// against the original.
fn heap() {
    println!("How many times as long a whole step takes (runs' range):");
    for engine in ["Value", "cheaper walk", "lean node"] {
        line(&format!("{engine}, fastbins on / off"), engine, &off(engine));
    }
    let python = "Python micrograd, gc tuned";
    if rows(BENCH).iter().any(|row| row[0] == python) {
        line("Python (tuned) / the crate's Value", python, "cheaper walk");
    }
}

/// The lean node against the crate's `Value`.
fn lean() {
    println!("How many times as long a whole step takes (runs' range):");
    line("the crate's Value / lean node", "cheaper walk", "lean node");
    line("the same, fastbins off", &off("cheaper walk"), &off("lean node"));
}
