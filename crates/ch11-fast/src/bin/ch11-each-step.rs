// Generated from chapters/11-steps.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: b44ec7c7b92668b5
//! Watches each of chapter 10's 100 training steps, the graphs freed in the
//! way named. Prints three lines, a number per step: its ms, its share of
//! nodes near the one before, and the MiB in glibc's fastbins after it.

use ch11_fast::watch::{Freeing, POINTS, Watched, watch};

/// Public: `ch11-each-step-mimalloc` runs it too.
pub fn main() {
    let way = std::env::args().nth(1).unwrap_or_default();
    let Some(freeing) = Freeing::named(&way) else {
        eprintln!("usage: ch11-each-step crate|chapter-6|chapter-6-then-64k");
        std::process::exit(2);
    };
    let steps = watch(freeing, POINTS);
    let line = |of: fn(&Watched) -> f64| {
        let numbers: Vec<String> =
            steps.iter().map(|step| format!("{:.3}", of(step))).collect();
        numbers.join(" ")
    };
    println!("{}", line(|step| step.ms));
    println!("{}", line(|step| step.near));
    println!("{}", line(|step| step.fastbins));
}
