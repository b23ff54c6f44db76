// Generated from chapters/11-heap.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 3ebd2400221821e2
//! How near one another the nodes of each step's graph lie in memory, step
//! after step, as the graphs are freed in different ways.

use std::process::Command;

use ch11_fast::watch::{Freeing, POINTS, watch};

/// What `GLIBC_TUNABLES` holds to switch glibc's fastbins off.
const FASTBINS_OFF: &str = "glibc.malloc.mxfast=0";

/// What `GLIBC_TUNABLES` holds to empty glibc's tcache: freed small chunks
/// then go straight to the fastbins, with no refills.
const TCACHE_OFF: &str = "glibc.malloc.tcache_count=0";

/// What `GLIBC_TUNABLES` holds to fix glibc's mapping threshold at its
/// starting value, 128 KiB: glibc then no longer raises it.
const THRESHOLD_FIXED: &str = "glibc.malloc.mmap_threshold=131072";

/// The steps whose graphs are measured, of chapter 10's 100.
const MEASURED: [usize; 6] = [1, 2, 3, 4, 8, 16];

/// One line of the tables: the rows it belongs to, the way its graphs are
/// freed, its name, and glibc's settings, where they are changed.
struct Run {
    rows: &'static str,
    way: &'static str,
    name: &'static str,
    tunables: Option<&'static str>,
}

/// Every line, in the order printed: `old-drop`'s rows, then `new-drop`'s.
const RUNS: [Run; 6] = [
    Run { rows: "old-drop", way: "old-drop", name: "old Drop", tunables: None },
    Run {
        rows: "old-drop",
        way: "old-drop-then-64k",
        name: "old Drop, then 64 KiB",
        tunables: None,
    },
    Run {
        rows: "old-drop",
        way: "old-drop",
        name: "old Drop, fastbins off",
        tunables: Some(FASTBINS_OFF),
    },
    Run {
        rows: "old-drop",
        way: "old-drop",
        name: "old Drop, tcache off",
        tunables: Some(TCACHE_OFF),
    },
    Run { rows: "new-drop", way: "new-drop", name: "new Drop", tunables: None },
    Run {
        rows: "new-drop",
        way: "new-drop",
        name: "new Drop, threshold fixed",
        tunables: Some(THRESHOLD_FIXED),
    },
];

/// `ch11-layout [old-drop | new-drop]`: those rows, or all of them.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [measuring, way] if measuring == "measure" => measure(way),
        [rows] => each_in_its_own_process(Some(rows)),
        [] => each_in_its_own_process(None),
        _ => {
            eprintln!("usage: ch11-layout [old-drop | new-drop]");
            std::process::exit(2);
        }
    }
}

/// Runs this program again for each line of `rows` (all, if `None`), in a
/// process of its own: glibc reads its tunables once, when a process
/// starts, and each run gets a heap no other has used.
fn each_in_its_own_process(rows: Option<&str>) {
    let runs: Vec<&Run> =
        RUNS.iter().filter(|run| rows.is_none_or(|r| r == run.rows)).collect();
    if runs.is_empty() {
        let rows = rows.unwrap_or_default();
        eprintln!("no rows are called {rows:?}: try old-drop or new-drop");
        std::process::exit(2);
    }
    let me = std::env::current_exe().expect("the program knows its path");
    let mut tables = [String::new(), String::new()];
    for &Run { way, name, tunables, .. } in runs {
        let mut child = Command::new(&me);
        child.args(["measure", way]).env_remove("GLIBC_TUNABLES");
        if let Some(tunables) = tunables {
            child.env("GLIBC_TUNABLES", tunables);
        }
        let output = child.output().expect("the program runs itself");
        assert!(output.status.success(), "measuring {way} failed");
        let printed = String::from_utf8(output.stdout).expect("UTF-8");
        let rows = printed.trim_end().split('|');
        for (table, row) in tables.iter_mut().zip(rows) {
            *table += &format!("  {name:<37}{row}\n");
        }
    }
    let steps: Vec<String> =
        MEASURED.iter().map(|k| format!("{k:>4}")).collect();
    let head = format!("  {:<37}{}", "step", steps.join(" "));
    println!("Nodes within 1 KiB of the one the walk reached before, by step:");
    print!("{head}\n{}", tables[0]);
    println!("MiB in glibc's fastbins once the step's graph is freed:");
    print!("{head}\n{}", tables[1]);
}

/// Trains chapter 10's 100 steps, freeing each step's graph in the `way`
/// named, and prints where the nodes of the `MEASURED` steps lie, and what
/// the fastbins hold after them.
fn measure(way: &str) {
    let freeing = Freeing::named(way).expect("a way of freeing");
    let steps = watch(freeing, POINTS, true);
    let measured = MEASURED.map(|k| steps[k - 1]);
    // To the nearest 5%, so that the book's check, which runs this again,
    // finds the same output on another machine.
    let shares =
        measured.map(|s| format!("{:>3.0}%", (s.near * 20.0).round() * 5.0));
    let fastbins = measured.map(|s| format!("{:>4.1}", s.fastbins));
    println!("{}|{}", shares.join(" "), fastbins.join(" "));
}
