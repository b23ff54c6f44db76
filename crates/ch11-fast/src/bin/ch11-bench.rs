// Generated from chapters/11-fast.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 6cb16eafe0615d74
//! Times one training step of chapter 10's demo with every engine, measures
//! the heap each step's graph takes, and times a million-deep chain. Prints
//! records, one a line, for `cargo xtask bench`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

use ch10_moons::{Sample, learning_rate, network_with, original};
use ch11_fast::{chains, engines, phases};

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
// keeps `GlobalAlloc`'s promises; counting touches no memory.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        // SAFETY: the caller keeps `alloc`'s contract; we pass it on.
        unsafe { System.alloc(layout) }
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
        count(size as isize - old.size() as isize);
        // SAFETY: as above, for `realloc`.
        unsafe { System.realloc(ptr, old, size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The nodes of chapter 10's graph for one step: every engine does that
/// step's work, so its time per node is its step time over these.
const NODES: f64 = 65_818.0;

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1e3
}

/// What one run of this program measures: everything, each part in a fresh
/// process of its own, or one part.
enum Part {
    All,
    Engine(usize),
    Chain(usize),
    Phases,
}

fn usage() -> ! {
    panic!("usage: ch11-bench [--steps N]")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut steps, mut part) = (20, Part::All);
    for pair in args.chunks(2) {
        let number = |i: usize| pair.get(i).and_then(|n| n.parse().ok());
        match (pair[0].as_str(), number(1)) {
            ("--steps", Some(n)) if n > 0 => steps = n,
            ("--engine", Some(i)) => part = Part::Engine(i),
            ("--chain", Some(i)) => part = Part::Chain(i),
            ("--phases", _) => part = Part::Phases,
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
            let mut parts: Vec<Vec<String>> = vec![];
            for i in 0..engines(start).len() {
                parts.push(vec!["--engine".into(), i.to_string()]);
            }
            for i in 0..chains().len() {
                parts.push(vec!["--chain".into(), i.to_string()]);
            }
            parts.push(vec!["--phases".into(), "0".into()]);
            for part in parts {
                let output = std::process::Command::new(&me)
                    .args(&part)
                    .args(["--steps", &steps.to_string()])
                    .stderr(std::process::Stdio::inherit())
                    .output()
                    .expect("the program runs itself");
                assert!(output.status.success(), "{part:?} failed");
                print!("{}", String::from_utf8_lossy(&output.stdout));
            }
        }
        Part::Engine(index) => engine(index, steps, data, start),
        Part::Chain(index) => {
            let (name, chain) = chains()[index];
            let clock = Instant::now();
            let grad = chain(1_000_000);
            let ms = clock.elapsed().as_secs_f64() * 1e3;
            assert_eq!(grad, 1e6, "{name}: the chain's grad");
            println!("chain,{name},{ms:.3}");
        }
        Part::Phases => {
            let model = network_with(start);
            let mut times: Vec<Vec<Duration>> = vec![];
            let mut names = vec![];
            for k in 0..steps + 2 {
                let phases = phases(&model, data, learning_rate(k));
                names = phases.iter().map(|(name, _)| *name).collect();
                times.push(phases.iter().map(|(_, time)| *time).collect());
            }
            for (i, name) in names.iter().enumerate() {
                let times = times[2..].iter().map(|phase| phase[i]).collect();
                println!("phase,{name},{:.3}", median(times));
            }
        }
    }
}

/// Measures the engine at `index`: its bytes, then its time.
fn engine(index: usize, steps: usize, data: &[Sample], start: &[f64]) {
    // Bytes: count from before the engine is made to the top of a step.
    LIVE.store(0, Relaxed);
    PEAK.store(0, Relaxed);
    COUNTING.store(true, Relaxed);
    let (name, mut engine) = engines(start).swap_remove(index);
    for k in 0..3 {
        // The last step's top, over what the engine held before it.
        PEAK.store(LIVE.load(Relaxed), Relaxed);
        engine.step(data, learning_rate(k));
    }
    COUNTING.store(false, Relaxed);
    let nodes = engine.nodes();
    let bytes = match nodes {
        0 => "-".to_string(),
        _ => format!("{:.1}", PEAK.load(Relaxed) as f64 / nodes as f64),
    };
    drop(engine);

    // Time: a fresh engine, 2 steps to warm up, then `steps` timed.
    let (_, mut engine) = engines(start).swap_remove(index);
    let mut times = vec![];
    for k in 0..steps + 2 {
        let clock = Instant::now();
        engine.step(data, learning_rate(k));
        times.push(clock.elapsed());
    }
    let ms = median(times.split_off(2));
    let ns = ms * 1e6 / NODES;
    eprintln!("{name}: {ms:.3} ms a step");
    println!("engine,{name},{ms:.3},{ns:.1},{bytes},{nodes}");
}
