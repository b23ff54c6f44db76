// Generated from chapters/11-heap.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: f673f1d452d46c21
//! Chapter 10's training watched step by step, as `ch11-layout` and
//! `ch11-each-step` watch it: each step's time and page faults, how near
//! one another its graph's nodes lie, and what glibc's fastbins hold once
//! it is freed.

use std::hint::black_box;
use std::ops::Range;
use std::time::Instant;

use ch10_moons::{Sample, learning_rate, loss, network_with, original};
use micrograd::Value;
use micrograd::nn::{Mlp, Module};

/// The demo's points: all of chapter 10's.
pub const POINTS: usize = 100;

/// How each step's graph is freed.
#[derive(Clone, Copy)]
pub enum Freeing {
    /// By the new `Drop`.
    NewDrop,
    /// As the old `Drop` freed it: `Value::free_as_found`.
    OldDrop,
    /// As the old `Drop`, then one block of 64 KiB allocated and freed.
    OldDropThen64K,
}

impl Freeing {
    /// The way a command line names: `new-drop`, `old-drop` or
    /// `old-drop-then-64k`.
    pub fn named(name: &str) -> Option<Freeing> {
        match name {
            "new-drop" => Some(Freeing::NewDrop),
            "old-drop" => Some(Freeing::OldDrop),
            "old-drop-then-64k" => Some(Freeing::OldDropThen64K),
            _ => None,
        }
    }
}

/// What one step showed.
#[derive(Clone, Copy)]
pub struct Watched {
    /// The step's time, in ms, the watching left out.
    pub ms: f64,
    /// The share of the graph's nodes within 1 KiB of the node the walk
    /// reached before.
    pub near: f64,
    /// The median distance, in KiB, from a node to the one the walk reached
    /// before: it goes on growing where `near` can fall no further.
    pub gap: f64,
    /// The MiB of freed chunks in glibc's fastbins once the graph is freed;
    /// NaN if not asked.
    pub fastbins: f64,
    /// The minor page faults in the step's timed work: the times it touched
    /// a page with no memory behind it yet, new to the process or given
    /// back to the system and taken again.
    pub faults: f64,
}

/// Trains chapter 10's 100 steps on its first `points` points (taken round
/// again past 100), freeing each step's graph by `freeing`; what each step
/// showed. Asks glibc what its fastbins hold after each step only if
/// `ask_fastbins`: asking walks them, which may disturb the next step.
pub fn watch(
    freeing: Freeing,
    points: usize,
    ask_fastbins: bool,
) -> Vec<Watched> {
    let original = original::load();
    let points: Vec<Sample> =
        original.points.iter().cycle().take(points).copied().collect();
    // Room made up front: the watching must not allocate between steps, or
    // it would change the layout it watches, as a block of 64 KiB does.
    // (A step's graph has 648 nodes a point, and 1,018 more.)
    let mut addresses: Vec<usize> =
        Vec::with_capacity(700 * points.len() + 2_000);
    let mut watched = Vec::with_capacity(ch10_moons::STEPS);
    let model = network_with(&original.parameters);
    for k in 0..ch10_moons::STEPS {
        let faults_before = minor_faults();
        let clock = Instant::now();
        let (total, order) = build_and_walk(&model, &points);
        let walked = clock.elapsed();
        let faults_walked = minor_faults() - faults_before;

        // Not timed: where the nodes lie, in the walk's order.
        addresses.extend(order.iter().map(viz::Expr::id));
        let (near, gap) = nearness(&mut addresses);

        let faults_before = minor_faults();
        let clock = Instant::now();
        backward_update_free(&model, k, (total, order), freeing);
        let ms = (walked + clock.elapsed()).as_secs_f64() * 1e3;
        let faults = faults_walked + minor_faults() - faults_before;
        let fastbins = if ask_fastbins { in_fastbins() } else { f64::NAN };
        watched.push(Watched { ms, near, gap, fastbins, faults });
    }
    watched
}

/// Builds a step's graph on `points` and walks it, as the bench's step for
/// chapter 6's engine does: the loss and the walk's order.
fn build_and_walk(model: &Mlp, points: &[Sample]) -> (Value, Vec<Value>) {
    let (total, _) = Value::with_operands_in_a_vec(|| loss(model, points));
    model.zero_grad();
    total.set_grad(1.0);
    let order = total.topo_hashed();
    (total, order)
}

/// The rest of step `k` (from 0): backward over the walk's order, the
/// update, and the graph freed by `freeing`.
fn backward_update_free(
    model: &Mlp,
    k: usize,
    (total, order): (Value, Vec<Value>),
    freeing: Freeing,
) {
    for value in order.iter().rev() {
        value.backward_step();
    }
    drop(order);
    for p in model.parameters() {
        p.set_data(p.data() - learning_rate(k) * p.grad());
    }
    match freeing {
        Freeing::NewDrop => drop(total),
        Freeing::OldDrop => total.free_as_found(),
        Freeing::OldDropThen64K => {
            total.free_as_found();
            // `black_box` hides the block's use from the optimizer,
            // which might otherwise remove an allocation never read.
            drop(black_box(Vec::<u8>::with_capacity(64 << 10)));
        }
    }
}

/// Where the nodes at positions `window` of the walk's order lie, at each
/// of `steps` (counted from 1, in order), training on all the points and
/// freeing by `freeing`, untimed: each node's distance, in MiB, from the
/// lowest-lying node of its step's graph. Chapter 11.1's picture of the
/// scatter.
pub fn scatter(
    freeing: Freeing,
    steps: &[usize],
    window: Range<usize>,
) -> Vec<Vec<f64>> {
    let original = original::load();
    // Room made up front, as in `watch`, so that the watching moves nothing.
    let mut addresses: Vec<usize> = Vec::with_capacity(700 * POINTS + 2_000);
    let mut kept: Vec<usize> = Vec::with_capacity(steps.len() * window.len());
    let model = network_with(&original.parameters);
    let last = steps.iter().copied().max().unwrap_or(0);
    for k in 0..last {
        let (total, order) = build_and_walk(&model, &original.points);
        if steps.contains(&(k + 1)) {
            addresses.extend(order.iter().map(viz::Expr::id));
            let lowest = addresses.iter().copied().min().unwrap_or(0);
            kept.extend(addresses[window.clone()].iter().map(|a| a - lowest));
            addresses.clear();
        }
        backward_update_free(&model, k, (total, order), freeing);
    }
    let mib = |offset: &usize| *offset as f64 / f64::from(1 << 20);
    let step = |offsets: &[usize]| offsets.iter().map(mib).collect();
    kept.chunks(window.len()).map(step).collect()
}

/// The share of `addresses`, two or more, within 1 KiB of the one before,
/// and the median distance from one to the next, in KiB. Empties
/// `addresses`, keeping its storage.
fn nearness(addresses: &mut Vec<usize>) -> (f64, f64) {
    // Each address becomes its distance to the next, in place: a second
    // buffer would be an allocation, and would move the nodes watched.
    for i in 1..addresses.len() {
        addresses[i - 1] = addresses[i - 1].abs_diff(addresses[i]);
    }
    addresses.pop();
    let gaps = addresses;
    let close = gaps.iter().filter(|&&gap| gap <= 1024).count();
    let share = close as f64 / gaps.len() as f64;
    let middle = gaps.len() / 2;
    // A partial sort: `.1` is the element that lands in the middle.
    let median = *gaps.select_nth_unstable(middle).1;
    gaps.clear();
    (share, median as f64 / 1024.0)
}

/// glibc's `struct mallinfo2`: what its allocator holds, each in bytes or
/// chunks, in the order glibc declares them. Only `fsmblks` is read, but
/// every field must be here for the layout to match.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[repr(C)]
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

// SAFETY: glibc 2.33 and later declare `struct mallinfo2 mallinfo2(void)`,
// returning the struct by value, whose layout `MallInfo2` copies. It has no
// preconditions: no arguments, and any state of the heap is valid to report,
// so it is `safe` to call.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
unsafe extern "C" {
    /// glibc's report on its heap, from glibc 2.33 on.
    safe fn mallinfo2() -> MallInfo2;
}

/// The MiB of freed chunks waiting in glibc's fastbins, unmerged: `fsmblks`.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn in_fastbins() -> f64 {
    mallinfo2().fsmblks as f64 / (1 << 20) as f64
}

/// Elsewhere there is no glibc to ask.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn in_fastbins() -> f64 {
    f64::NAN
}

/// The minor page faults of this process so far, from `getrusage`.
#[cfg(unix)]
fn minor_faults() -> f64 {
    // SAFETY: `rusage` is plain integers, for which all zeros is a value;
    // `getrusage` only writes the struct it is given.
    let (usage, status) = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        let status = libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        (usage, status)
    };
    // It fails only for a bad `who` or pointer, neither possible here.
    assert_eq!(status, 0, "getrusage failed");
    usage.ru_minflt as f64
}

/// Elsewhere, not counted.
#[cfg(not(unix))]
fn minor_faults() -> f64 {
    f64::NAN
}
