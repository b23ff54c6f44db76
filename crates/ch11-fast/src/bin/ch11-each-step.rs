// Generated from chapters/11-steps.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: c1f0f29b22cc86cc
//! Watches each of chapter 10's 100 training steps, the graphs freed in the
//! way named. Prints five lines, a number per step: its ms, its share of
//! nodes near the one before, the median distance to it in KiB, the MiB in
//! glibc's fastbins after the step (NaN if told `unasked`), and its minor
//! page faults.

use ch11_fast::watch::{Freeing, POINTS, Watched, watch};

/// Public: `ch11-each-step-mimalloc` runs it too.
pub fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (way, ask_fastbins) = match args.as_slice() {
        [way] => (way, true),
        [way, flag] if flag == "unasked" => (way, false),
        _ => usage(),
    };
    let Some(freeing) = Freeing::named(way) else { usage() };
    let steps = watch(freeing, POINTS, ask_fastbins);
    // Each number to `places` decimals: the faults are a count.
    let line = |of: fn(&Watched) -> f64, places: usize| {
        let numbers: Vec<String> =
            steps.iter().map(|step| format!("{:.places$}", of(step))).collect();
        numbers.join(" ")
    };
    println!("{}", line(|step| step.ms, 3));
    println!("{}", line(|step| step.near, 3));
    println!("{}", line(|step| step.gap, 3));
    println!("{}", line(|step| step.fastbins, 3));
    println!("{}", line(|step| step.faults, 0));
}

fn usage() -> ! {
    let ways = "new-drop|old-drop|old-drop-then-64k";
    // The binary's own name: this file is compiled into two of them.
    let program = env!("CARGO_BIN_NAME");
    eprintln!("usage: {program} {ways} [unasked]");
    std::process::exit(2);
}
