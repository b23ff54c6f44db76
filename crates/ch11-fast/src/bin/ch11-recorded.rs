// Generated from chapters/11-fast.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 5d6cedceb908d072
//! Prints what this chapter says of chapter 12's recorded run: the phases'
//! shares, largest first, and the ratios between engines, with their spread.

use ch11_fast::recorded::{PHASES, ratio, rows, timing, two_figures};

fn main() {
    let phases = rows(PHASES);
    let ms = |row: &Vec<String>| {
        row[1].parse::<f64>().expect("a number in phases.csv")
    };
    let (mut step, apart): (Vec<_>, Vec<_>) =
        phases.iter().partition(|row| row[0] != "cheaper topo");
    let sum: f64 = step.iter().map(|row| ms(row)).sum();
    step.sort_by(|a, b| ms(b).total_cmp(&ms(a)));
    println!("The phases of a step of chapter 6's Value, largest first:");
    for row in &step {
        println!(
            "  {}: {}% of their sum",
            row[0],
            two_figures(100.0 * ms(row) / sum)
        );
    }
    let topo = step.iter().find(|row| row[0] == "topo").expect("a topo phase");
    for row in apart {
        println!(
            "The cheaper walk, apart: {} of topo's time",
            two_figures(ms(row) / ms(topo))
        );
    }

    println!("How many times as long a whole step takes (runs' range):");
    let line = |what: &str, slow: &str, fast: &str| {
        println!("  {what}: {}", ratio(timing(slow), timing(fast)));
    };
    line("Value / cheaper walk", "Value", "cheaper walk");
    line("Value / lean node", "Value", "lean node");
    let off = |engine: &str| format!("{engine} (fastbins off)");
    line("the same, fastbins off", &off("Value"), &off("lean node"));
    for engine in ["Value", "cheaper walk", "lean node"] {
        line(&format!("{engine}, fastbins on / off"), engine, &off(engine));
    }
}
