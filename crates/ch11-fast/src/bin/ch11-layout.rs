// Generated from chapters/11-fast.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 74230c70e4e9af1f
//! How near one another the nodes of each step's graph lie in memory, step
//! after step, as the graphs are freed in different ways.

use std::hint::black_box;
use std::process::Command;

use ch10_moons::{learning_rate, loss, network_with, original};
use micrograd::Value;
use micrograd::nn::Module;

/// What `GLIBC_TUNABLES` holds to switch glibc's fastbins off.
const FASTBINS_OFF: &str = "glibc.malloc.mxfast=0";

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

/// Every line, in the order printed: `chapter-6`'s rows, then `crate`'s.
const RUNS: [Run; 5] = [
    Run {
        rows: "chapter-6",
        way: "found",
        name: "as chapter 6's Drop",
        tunables: None,
    },
    Run {
        rows: "chapter-6",
        way: "block",
        name: "as chapter 6's Drop, then 64 KiB",
        tunables: None,
    },
    Run {
        rows: "chapter-6",
        way: "found",
        name: "as chapter 6's Drop, fastbins off",
        tunables: Some(FASTBINS_OFF),
    },
    Run {
        rows: "crate",
        way: "crate",
        name: "by the crate's Drop",
        tunables: None,
    },
    Run {
        rows: "crate",
        way: "crate",
        name: "by the crate's Drop, threshold fixed",
        tunables: Some(THRESHOLD_FIXED),
    },
];

/// `ch11-layout [chapter-6 | crate]`: those rows, or all of them.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [measuring, way] if measuring == "measure" => measure(way),
        [rows] => each_in_its_own_process(Some(rows)),
        [] => each_in_its_own_process(None),
        _ => {
            eprintln!("usage: ch11-layout [chapter-6 | crate]");
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
        eprintln!("no rows are called {rows:?}: try chapter-6 or crate");
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
/// named, and prints where the nodes of the `MEASURED` steps lie.
fn measure(way: &str) {
    let original = original::load();
    let (points, parameters) = (&original.points, &original.parameters);
    // Made once and reused: a large vector freed between steps would itself
    // change the layout, as the second way shows.
    let mut addresses: Vec<usize> = Vec::with_capacity(70_000);
    let mut graph: Vec<Value> = Vec::with_capacity(70_000);
    let mut shares = vec![];
    // Room made up front: a push must not allocate between steps.
    let mut fastbins = Vec::with_capacity(MEASURED.len());
    let model = network_with(parameters);
    for k in 0..ch10_moons::STEPS {
        // Value's step, as the bench times it: chapter 6's node and walk.
        let (total, _) = Value::with_operands_in_a_vec(|| loss(&model, points));
        model.zero_grad();
        total.set_grad(1.0);
        graph.extend(total.topo_hashed());
        if MEASURED.contains(&(k + 1)) {
            addresses.extend(graph.iter().map(viz::Expr::id));
            shares.push(near(&mut addresses));
        }
        for value in graph.iter().rev() {
            value.backward_step();
        }
        for p in model.parameters() {
            p.set_data(p.data() - learning_rate(k) * p.grad());
        }
        graph.clear();
        if way == "crate" {
            drop(total);
        } else {
            total.free_as_found();
            if way == "block" {
                drop(black_box(Vec::<u8>::with_capacity(64 << 10)));
            }
        }
        if MEASURED.contains(&(k + 1)) {
            fastbins.push(in_fastbins());
        }
    }
    let fastbins: Vec<String> =
        fastbins.iter().map(|mib| format!("{mib:>4.1}")).collect();
    println!("{}|{}", shares.join(" "), fastbins.join(" "));
}

/// The share of `addresses` within 1 KiB of the one before, to the nearest
/// 5%: the addresses change from run to run, the gaps between them little.
/// Empties `addresses`, keeping its storage.
fn near(addresses: &mut Vec<usize>) -> String {
    let close = addresses.windows(2).filter(|w| w[0].abs_diff(w[1]) <= 1024);
    let share = close.count() as f64 / (addresses.len() - 1) as f64;
    addresses.clear();
    format!("{:>3.0}%", (share * 20.0).round() * 5.0)
}

/// glibc's `struct mallinfo2`: what its allocator holds, each in bytes or
/// chunks, in the order glibc declares them. Only `fsmblks` is read, but
/// every field must be here for the layout to match.
#[repr(C)]
#[allow(dead_code)]
struct MallInfo2 {
    arena: usize,
    ordblks: usize,
    smblks: usize,
    hblks: usize,
    hblkhd: usize,
    usmblks: usize,
    fsmblks: usize,
    uordblks: usize,
    fordblks: usize,
    keepcost: usize,
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
unsafe extern "C" {
    /// glibc's report on its heap, from glibc 2.33 on.
    fn mallinfo2() -> MallInfo2;
}

/// The MiB of freed chunks waiting in glibc's fastbins, unmerged: `fsmblks`.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn in_fastbins() -> f64 {
    // SAFETY: a C function with no arguments, returning a struct by value
    // whose layout `MallInfo2` copies; it only reads the allocator's state.
    let info = unsafe { mallinfo2() };
    info.fsmblks as f64 / (1 << 20) as f64
}

/// Elsewhere there is no glibc to ask.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn in_fastbins() -> f64 {
    f64::NAN
}
