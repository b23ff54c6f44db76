// Generated from chapters/15-gpt-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 616f7a0d24b0f252
//! Times the GPT's training: steps on `Value` and on the tape over the first
//! names of the shuffled data, and the whole training on the tape. Prints
//! records, one a line, for `cargo xtask bench`:
//!
//! ```text
//! step,ENGINE,MS PER STEP,MS FASTEST,MS SLOWEST,NODES,FIRST LOSS,LAST LOSS
//! training,tape,STEPS,SECONDS,SECONDS FASTEST,SECONDS SLOWEST
//! ```
//!
//! NODES is the sum over the timed steps of the nodes each step builds
//! (`Value`'s graph as `topo` lists it; the tape's length). With
//! `--export FILE` it also writes the names and the starting weights to
//! FILE, for the same steps timed in Python.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use ch14_gpt::engine::Graph;
use ch14_gpt::model::{FIELDS, Gpt, loss};
use ch14_gpt::names::encode;
use ch14_gpt::start;
use ch15_gpt_training::{STEPS, Trainer};
use micrograd::Value;
use micrograd::tape::Tape;

/// Steps taken first by a trainer then thrown away: they warm the allocator
/// and the caches, and leave the timed steps' start as it was.
const WARM_UP: usize = 2;

/// What one run of this program measures: everything, each part `--runs`
/// times in a fresh process of its own, or one part once.
#[derive(Clone, Copy)]
enum Part {
    All,
    Value,
    Tape,
    Training,
}

/// The parts, by the names `--part` takes: the program passes them to
/// itself.
const PARTS: [(&str, Part); 3] = [
    ("value", Part::Value),
    ("tape", Part::Tape),
    ("training", Part::Training),
];

/// What the command line asked for.
struct Options {
    steps: usize,
    runs: usize,
    training: usize,
    part: Part,
    export: Option<String>,
}

/// Stops, saying how to call the program.
fn usage() -> ! {
    panic!(
        "usage: ch15-bench [--steps N] [--runs N] [--training N] \
         [--export FILE]"
    )
}

/// Reads `[--steps N] [--runs N] [--training N] [--export FILE]`: the
/// names to time a step on, the runs of each part, the steps of the whole
/// training, and where to write the names and weights for Python.
fn options() -> Options {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut options = Options {
        steps: 20,
        runs: 3,
        training: STEPS,
        part: Part::All,
        export: None,
    };
    for pair in args.chunks(2) {
        let Some(value) = pair.get(1) else { usage() };
        let number = value.parse().ok().filter(|&n| n > 0);
        match (pair[0].as_str(), number) {
            ("--steps", Some(n)) => options.steps = n,
            ("--runs", Some(n)) => options.runs = n,
            ("--training", Some(n)) => options.training = n,
            ("--export", _) => options.export = Some(value.clone()),
            ("--part", _) => {
                let found = PARTS.iter().find(|(name, _)| name == value);
                options.part = found.unwrap_or_else(|| usage()).1;
            }
            _ => usage(),
        }
    }
    options
}

fn main() {
    let options = options();
    let (all, gpt, _) = start();
    let timed: Vec<Vec<usize>> =
        all.iter().take(options.steps).map(|name| encode(name)).collect();
    match options.part {
        Part::All => {
            if let Some(file) = &options.export {
                export(Path::new(file), &all[..timed.len()], &gpt);
            }
            for record in aggregate(&run_parts(&options)) {
                println!("{record}");
            }
        }
        Part::Value => {
            let timing = time_steps(&gpt, &timed, |trainer, tokens| {
                trainer.step_on_values(tokens)
            });
            let values = gpt.map(|&w| Value::new(w));
            let nodes = timed
                .iter()
                .map(|tokens| loss(&mut Graph, &values, tokens).topo().len());
            timing.print("Value", nodes.sum());
        }
        Part::Tape => {
            let mut tape = Tape::new();
            let timing = time_steps(&gpt, &timed, |trainer, tokens| {
                trainer.step_on_tape(&mut tape, tokens)
            });
            // What `step_on_tape` puts on the tape: the weights, then the
            // loss's graph.
            let nodes = timed.iter().map(|tokens| {
                tape.clear();
                let on_tape = gpt.map(|&w| tape.input(w));
                loss(&mut tape, &on_tape, tokens);
                tape.len()
            });
            timing.print("tape", nodes.sum());
        }
        // From a fresh trainer to its last step, a name per step.
        Part::Training => {
            let clock = Instant::now();
            let mut trainer = Trainer::new(&gpt, options.training);
            let mut tape = Tape::new();
            let mut last = f64::NAN;
            for step in 0..options.training {
                let tokens = encode(all[step % all.len()]);
                last = trainer.step_on_tape(&mut tape, &tokens);
            }
            let s = clock.elapsed().as_secs_f64();
            assert!(last.is_finite(), "the training's last loss is {last}");
            println!("training,tape,{},{s:.3},{s:.3},{s:.3}", options.training);
        }
    }
}

/// What timing one engine's steps found.
struct Timing {
    /// Milliseconds per step, averaged over the names.
    ms: f64,
    /// The losses of the first and the last step.
    first: f64,
    last: f64,
}

impl Timing {
    /// The engine's `step` record, with the nodes of all its steps.
    fn print(&self, engine: &str, nodes: usize) {
        let Timing { ms, first, last } = self;
        let times = format!("{ms:.3},{ms:.3},{ms:.3}");
        println!("step,{engine},{times},{nodes},{first:?},{last:?}");
    }
}

/// Times `step` on a fresh trainer from `start`, one step per name of
/// `timed`, after `WARM_UP` steps by a trainer thrown away.
fn time_steps(
    start: &Gpt<f64>,
    timed: &[Vec<usize>],
    mut step: impl FnMut(&mut Trainer, &[usize]) -> f64,
) -> Timing {
    let mut warming = Trainer::new(start, STEPS);
    for tokens in timed.iter().cycle().take(WARM_UP) {
        step(&mut warming, tokens);
    }
    drop(warming);
    // The chapter's schedule, as the Python copy of the steps follows it.
    let mut trainer = Trainer::new(start, STEPS);
    let clock = Instant::now();
    let losses: Vec<f64> =
        timed.iter().map(|tokens| step(&mut trainer, tokens)).collect();
    let ms = clock.elapsed().as_secs_f64() * 1e3 / timed.len() as f64;
    Timing { ms, first: losses[0], last: losses[losses.len() - 1] }
}

/// Runs every part `runs` times, each in a fresh process, round after
/// round, so that a burst of load on the machine falls on all of them
/// alike. Returns their records, split into fields.
fn run_parts(options: &Options) -> Vec<Vec<String>> {
    let me = std::env::current_exe().expect("the program's path");
    let mut records = vec![];
    for _ in 0..options.runs {
        for (name, _) in PARTS {
            let output = Command::new(&me)
                .args(["--part", name])
                .args(["--steps", &options.steps.to_string()])
                .args(["--training", &options.training.to_string()])
                .stderr(Stdio::inherit())
                .output()
                .expect("the program runs itself");
            assert!(output.status.success(), "the part `{name}` failed");
            let text = String::from_utf8_lossy(&output.stdout);
            for line in text.lines() {
                // Progress, as the runs go.
                eprintln!("{line}");
                records.push(line.split(',').map(String::from).collect());
            }
        }
    }
    records
}

/// One record per part from the records of every run: the median of the
/// runs' times, and the fastest and slowest run's. The other fields are the
/// same in every run, or the runs did not do the same work.
fn aggregate(records: &[Vec<String>]) -> Vec<String> {
    let mut keys: Vec<(&str, &str)> = vec![];
    for record in records {
        let key = (record[0].as_str(), record[1].as_str());
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    let aggregated = keys.into_iter().map(|(kind, name)| {
        let runs: Vec<&Vec<String>> =
            records.iter().filter(|r| r[0] == kind && r[1] == name).collect();
        // The time's field: after the training's step count.
        let at = if kind == "training" { 3 } else { 2 };
        let mut times: Vec<f64> =
            runs.iter().map(|r| r[at].parse().expect("a time")).collect();
        times.sort_by(f64::total_cmp);
        let (median, min, max) =
            (times[times.len() / 2], times[0], times[times.len() - 1]);
        let same = |r: &&Vec<String>| r[at + 3..] == runs[0][at + 3..];
        assert!(runs.iter().all(same), "{kind} {name}: the runs differ");
        let mut fields = runs[0][..at].to_vec();
        fields.extend([median, min, max].map(|t| format!("{t:.3}")));
        fields.extend(runs[0][at + 3..].iter().cloned());
        fields.join(",")
    });
    aggregated.collect()
}

/// Writes `names`, then `gpt`'s weights, a section per matrix and a line
/// per row, each number printed so that it reads back exactly. Written
/// beside `file` first, then renamed: a reader never sees half of it.
fn export(file: &Path, names: &[&str], gpt: &Gpt<f64>) {
    let mut text = String::from(
        "# The names a training step is timed on, then the GPT's starting\n\
         # weights: a section per matrix, a line per row.\n[names]\n",
    );
    for name in names {
        text.push_str(&format!("{name}\n"));
    }
    for (name, matrix) in FIELDS.iter().zip(gpt.matrices()) {
        text.push_str(&format!("[{name}]\n"));
        for row in matrix {
            let numbers: Vec<String> =
                row.iter().map(|w| format!("{w:?}")).collect();
            text.push_str(&numbers.join(" "));
            text.push('\n');
        }
    }
    let failed =
        |e: std::io::Error| panic!("cannot write {}: {e}", file.display());
    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder).unwrap_or_else(failed);
    }
    let partial = file.with_extension("partial");
    std::fs::write(&partial, text).unwrap_or_else(failed);
    std::fs::rename(&partial, file).unwrap_or_else(failed);
}
