// Generated from chapters/12-measure.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 37a25860beff3102
//! Times one training step of chapter 10's demo with every engine, measures
//! the heap each step's graph takes, and times a million-deep chain. Prints
//! records, one a line, for `cargo xtask bench`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

use ch10_moons::{Sample, learning_rate, loss, network_with, original};
use ch11_fast::recorded::{AS_FOUND, CHEAPER, INLINE, OFF_SUFFIX};
use ch11_fast::{crate_phases, median, phases, time_steps, walks};
use ch12_tape::{benched, chains};
use micrograd::Value;

/// The system's allocator, counting the bytes it holds while `COUNTING`.
struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

fn count(bytes: isize) {
    if COUNTING.load(Relaxed) {
        let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
        PEAK.fetch_max(live, Relaxed);
    }
}

// SAFETY: each method hands its arguments to the system allocator, which
// keeps `GlobalAlloc`'s promises; counting only updates atomics and never
// allocates, so the allocator is not entered again from inside itself.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller keeps `alloc`'s contract; we pass it on.
        let ptr = unsafe { System.alloc(layout) };
        // Only what was handed out counts: a null pointer is a failure.
        if !ptr.is_null() {
            count(layout.size() as isize);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        // SAFETY: as above, for `dealloc`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(
        &self,
        ptr: *mut u8,
        old: Layout,
        size: usize,
    ) -> *mut u8 {
        // SAFETY: as above, for `realloc`.
        let new = unsafe { System.realloc(ptr, old, size) };
        // On failure the old block stays as it was.
        if !new.is_null() {
            count(size as isize - old.size() as isize);
        }
        new
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as above, for `alloc_zeroed`.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            count(layout.size() as isize);
        }
        ptr
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The nodes of chapter 10's graph for one step: every engine does that
/// step's work, so its time and bytes per node are its step's over these.
const NODES: f64 = 65_818.0;

/// The first engines, whose every node is a heap allocation of its own:
/// they are timed a second time with glibc's fastbins off.
const HEAP_ENGINES: usize = 6;

/// What `GLIBC_TUNABLES` holds to switch glibc's fastbins off.
const FASTBINS_OFF: &str = "glibc.malloc.mxfast=0";

/// An engine's name, marked if this process runs with fastbins off.
fn label(name: &str) -> String {
    match std::env::var("GLIBC_TUNABLES") {
        Ok(tunables) if tunables == FASTBINS_OFF => {
            format!("{name}{OFF_SUFFIX}")
        }
        _ => name.to_string(),
    }
}

/// What one run of this program measures: everything, each part in a fresh
/// process of its own, or one part.
enum Part {
    All,
    Engine(usize),
    Chain(usize),
    /// The phases of a step: 0, chapter 11's, the graph freed by the
    /// crate's `Drop`; 1, the same freed as chapter 6's `Drop` did; 2,
    /// chapter 11.3's, of the crate as it now is; 3, the same with chapter
    /// 6's node, the cheaper walk's.
    Phases(usize),
    Walks,
}

fn usage() -> ! {
    panic!(
        "usage: ch12-bench [--steps N] [--runs N] \
         [--engine I | --chain I | --phases 0..=3 | --walks 0]"
    )
}

/// One record per name from the records of every run: the median of the
/// runs' times, for an engine the fastest and slowest run's, and every run's
/// time in the order they ran, space-separated.
fn aggregate(records: &[Vec<String>]) -> Vec<String> {
    let mut names: Vec<(&str, &str)> = vec![];
    for record in records {
        let key = (record[0].as_str(), record[1].as_str());
        if !names.contains(&key) {
            names.push(key);
        }
    }
    let aggregated = names.iter().map(|&(kind, name)| {
        let runs: Vec<&Vec<String>> =
            records.iter().filter(|r| r[0] == kind && r[1] == name).collect();
        let in_order: Vec<&str> = runs.iter().map(|r| r[2].as_str()).collect();
        let in_order = in_order.join(" ");
        // Bytes are counted, not timed: every run must count the same.
        if kind == "engine" {
            let same = runs.iter().all(|r| r[6] == runs[0][6]);
            assert!(same, "{name}: the runs counted different bytes");
        }
        let mut ms: Vec<f64> =
            runs.iter().map(|r| r[2].parse().expect("a time")).collect();
        ms.sort_by(f64::total_cmp);
        let (median, min, max) = (ms[ms.len() / 2], ms[0], ms[ms.len() - 1]);
        match kind {
            "engine" => format!(
                "engine,{name},{median:.3},{min:.3},{max:.3},{:.1},{},{},{in_order}",
                median * 1e6 / NODES,
                runs[0][6],
                runs[0][7]
            ),
            "phase" => format!("phase,{name},{median:.3},{in_order}"),
            _ => format!("{kind},{name},{median:.3}"),
        }
    });
    aggregated.collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut steps, mut runs, mut part) = (20, 3, Part::All);
    for pair in args.chunks(2) {
        let number = |i: usize| pair.get(i).and_then(|n| n.parse().ok());
        match (pair[0].as_str(), number(1)) {
            ("--steps", Some(n)) if n > 0 => steps = n,
            ("--runs", Some(n)) if n > 0 => runs = n,
            ("--engine", Some(i)) => part = Part::Engine(i),
            ("--chain", Some(i)) => part = Part::Chain(i),
            ("--phases", Some(i)) if i < 4 => part = Part::Phases(i),
            ("--walks", _) => part = Part::Walks,
            _ => usage(),
        }
    }
    let original = original::load();
    let (data, start) = (&original.points, &original.parameters);
    match part {
        // Each part in a fresh process, with a fresh heap: what one engine
        // leaves behind in the allocator must not slow the next.
        Part::All => {
            let me = std::env::current_exe().expect("the program's path");
            let mut parts: Vec<(Vec<String>, bool)> = vec![];
            for (kind, count) in [
                ("--engine", benched(start).len()),
                ("--chain", chains().len()),
            ] {
                for i in 0..count {
                    parts.push((vec![kind.into(), i.to_string()], false));
                    if i < HEAP_ENGINES {
                        parts.push((vec![kind.into(), i.to_string()], true));
                    }
                }
            }
            for i in 0..4 {
                parts.push((vec!["--phases".into(), i.to_string()], false));
            }
            parts.push((vec!["--walks".into(), "0".into()], false));
            // Every part `runs` times, round after round, so that a burst of
            // load on the machine falls on all of them alike.
            let mut records: Vec<Vec<String>> = vec![];
            for _ in 0..runs {
                for (part, fastbins_off) in &parts {
                    let mut child = std::process::Command::new(&me);
                    // candle's matrix products on one thread, as every
                    // other engine runs.
                    child.env("RAYON_NUM_THREADS", "1");
                    if *fastbins_off {
                        child.env("GLIBC_TUNABLES", FASTBINS_OFF);
                    }
                    let output = child
                        .args(part)
                        .args(["--steps", &steps.to_string()])
                        .stderr(std::process::Stdio::inherit())
                        .output()
                        .expect("the program runs itself");
                    assert!(output.status.success(), "{part:?} failed");
                    let text = String::from_utf8_lossy(&output.stdout);
                    let fields = |line: &str| {
                        line.split(',').map(String::from).collect::<Vec<_>>()
                    };
                    records.extend(text.lines().map(fields));
                }
            }
            for record in aggregate(&records) {
                println!("{record}");
            }
        }
        Part::Engine(index) => engine(index, steps, data, start),
        Part::Chain(index) => {
            let (name, chain) = chains()[index];
            let name = label(name);
            let clock = Instant::now();
            let grad = chain(1_000_000);
            let ms = clock.elapsed().as_secs_f64() * 1e3;
            assert_eq!(grad, 1e6, "{name}: the chain's grad");
            println!("chain,{name},{ms:.3}");
        }
        Part::Phases(which) => {
            let model = network_with(start);
            let (free, prefix): (fn(Value), _) = match which {
                1 => (Value::free_as_found, AS_FOUND),
                2 => (drop, INLINE),
                3 => (drop, CHEAPER),
                _ => (drop, ""),
            };
            let rounds = (0..steps + 2)
                .map(|k| {
                    let rate = learning_rate(k);
                    // The crate's node, or chapter 6's, as chapter 11
                    // times its phases.
                    let step = match which {
                        2 => crate_phases(&model, data, rate),
                        3 => Value::with_operands_in_a_vec(|| {
                            crate_phases(&model, data, rate)
                        }),
                        _ => Value::with_operands_in_a_vec(|| {
                            phases(&model, data, rate, free)
                        }),
                    };
                    step.to_vec()
                })
                .collect();
            print_phases(prefix, rounds);
        }
        // Chapter 11.3's walks, each on a fresh graph of the first step;
        // round `k` starts at another walk, so none always runs first.
        Part::Walks => {
            let model = network_with(start);
            // Chapter 6's node, as chapter 11.3 times its walks.
            let forward = || loss(&model, data).0;
            let build = || Value::with_operands_in_a_vec(forward);
            let rounds = (0..steps + 2).map(|k| walks(build, k)).collect();
            print_phases("", rounds);
        }
    }
}

/// A `phase` record for each name in the rounds, after `prefix`, with its
/// median over the rounds after the first two.
fn print_phases(prefix: &str, rounds: Vec<Vec<(&str, Duration)>>) {
    for (i, (name, _)) in rounds[0].iter().enumerate() {
        let times = rounds[2..].iter().map(|round| round[i].1).collect();
        println!("phase,{prefix}{name},{:.3}", median(times));
    }
}

/// Measures the engine at `index`: its time, then its bytes.
fn engine(index: usize, steps: usize, data: &[Sample], start: &[f64]) {
    // Time first, in a process that has made no graph yet. Not a fresh
    // heap: `benched` makes every engine and this drops the others, whose
    // parameters (kilobytes, against a step's megabytes) wait in the
    // allocator to be reused.
    let (name, mut engine) = benched(start).swap_remove(index);
    let name = label(name);
    let ms = time_steps(engine.as_mut(), data, steps);
    let ns = ms * 1e6 / NODES;
    eprintln!("{name}: {ms:.3} ms a step");
    drop(engine);

    // Bytes: count from before a new engine is made to the top of a step.
    LIVE.store(0, Relaxed);
    PEAK.store(0, Relaxed);
    COUNTING.store(true, Relaxed);
    let (_, mut engine) = benched(start).swap_remove(index);
    for k in 0..3 {
        // Each step's peak starts at what is live; after the loop, `PEAK`
        // is the third step's, the engine's own bytes included.
        PEAK.store(LIVE.load(Relaxed), Relaxed);
        engine.step(data, learning_rate(k));
    }
    COUNTING.store(false, Relaxed);
    let nodes = engine.nodes();
    let bytes = match nodes {
        0 => "-".to_string(),
        _ => format!("{:.1}", PEAK.load(Relaxed) as f64 / NODES),
    };
    // One run: its time is the median, the fastest, the slowest.
    println!("engine,{name},{ms:.3},{ms:.3},{ms:.3},{ns:.1},{bytes},{nodes}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_counts_the_bytes_asked_for_and_net_growth() {
        COUNTING.store(true, Relaxed);
        let start = LIVE.load(Relaxed);
        let since = || LIVE.load(Relaxed) - start;
        let mut numbers: Vec<u64> = Vec::with_capacity(1000);
        let asked = since();
        // The peak tells a net `realloc` from an alloc, copy and dealloc,
        // which would hold both blocks for a moment: 24,000 bytes.
        PEAK.store(LIVE.load(Relaxed), Relaxed);
        // Room for 2,000 more than `len`, which is 0 here.
        numbers.reserve_exact(2000);
        let grown = since();
        let peak = PEAK.load(Relaxed) - start;
        let zeroed = vec![0u8; 4096];
        let with_zeroed = since();
        drop((numbers, zeroed));
        let freed = since();
        COUNTING.store(false, Relaxed);
        assert_eq!([asked, grown, peak], [8000, 16000, 16000]);
        assert_eq!([with_zeroed, freed], [20096, 0]);
    }
}
