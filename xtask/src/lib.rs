//! The book's build tool: `cargo xtask help` lists the commands.
//!
//! Every command reads the chapters first and stops, having written nothing, if any
//! chapter has bad input. Each module does one job; this file strings them together.

pub mod bench;
pub mod bless;
pub mod cargo;
pub mod chapter;
pub mod cpu;
pub mod exercise;
pub mod figures;
pub mod files;
pub mod grammar;
pub mod layout_check;
pub mod links;
pub mod mdbook;
pub mod numbers;
pub mod outputs;
pub mod parallel;
pub mod problem;
pub mod process;
pub mod programs;
pub mod project;
pub mod shown_snapshots;
pub mod slow_checks;
pub mod snapshots;
pub mod tangle;
pub mod testing;
pub mod wasm;

use std::time::{Duration, Instant};

use chapter::Chapter;
use outputs::Transcript;
use problem::{Problem, Problems};
use project::Project;

pub const HELP: &str = "\
usage: cargo xtask [--root DIR] COMMAND

  serve    serve the book on http://localhost:3000 as it is checked in, with live reload
  serve --regenerate [--force]
           regenerate (as bless does, without the snapshots), then serve
  verify   check everything: tangled code, outputs, figures, fmt, clippy, tests, the book
  bless [--force]
           regenerate tangled code, output blocks, figures and test snapshots in place
  check    the quick part of verify: tangled code, outputs, figures and numbers are current,
           and no snapshot file is left over from a test that is gone
  tangle [--force]
           write the chapters' code fences into their crates
           (tangle, bless and serve --regenerate refuse to overwrite a file in crates/
           that you edited; --force overwrites it with the chapter's code)
  figures  redraw the figures into chapters/figures/
  book     build the HTML book and print where it is
  bench [--steps N] [--runs R] [--record] [--moons | --gpt | --each-step]
           time three tables, each engine or row in R fresh processes (default 3), round
           after round: one step of chapter 10's demo with each engine of chapters 11 and
           12 (N steps, default 20, median) and, where python3 is, with the original
           micrograd 0.1.0 (installed once into target/bench/venv); chapter 15's GPT, a
           training step per name on Value, on the tape and in plain Python (python3), and
           the whole training on the tape; and each of the demo's 100 steps with chapter
           11's ch11-each-step and its twin on mimalloc. Prints each table and writes it
           under target/bench/; --record also writes it, with the machine it ran on, into
           crates/ch12-tape/data/, crates/ch15-gpt-training/data/ and crates/ch11-fast/data/.
           --moons, --gpt or --each-step: only that table
  wasm     build chapter 10, live's WebAssembly module (crates/ch10-live) for the browser
           and write it, its script and a record of its sources into chapters/live/
           (needs the wasm32-unknown-unknown target: `rustup target add` is tried)
  exercise CHAPTER [--force]
           write exercises/chNN-slug/, a copy of the chapter's code (`ch04`) in which
           each exercise is a `todo!()` to fill in; --force replaces a copy you have
  exercise CHAPTER --check
           run the chapter's tests on your copy and say which pass

What a chapter may ask for (anything else is refused at its line; see xtask/src/grammar.rs):
  ```rust,file:PATH  ```toml,crate:NAME,file:PATH
           write the fence into crates/NAME/PATH (NAME: the chapter's crate unless given);
           PATH is plain and inside the crate (no `..`, `./`, `//`, leading `/` or `.`),
           ending in .rs, .toml or .js; the chapter's binaries are src/bin/chNN-NAME.rs
  ```console, then `$ cargo run [--release] [-p NAME] --bin chNN-NAME [-- ARG...]`
           run it and compare what it prints (`...` alone elides lines); the program may
           run 120 s (```console,timeout:SECONDS for more) and print 1 MiB; stderr must
           stay empty unless the block shows it (```console,stderr)
  ![alt](figures/NAME)  a figure drawn by the chapter's chNN-figures program
  # // exercise: HINT  ...  # // end of exercise   (hidden lines, inside one block)
           the lines between are an exercise: `todo!(HINT)` in an exercise copy
";

/// Writes the chapters' code into the crates; refuses to overwrite a reader's edit unless
/// `edits` says to discard it.
pub fn tangle(project: &Project, edits: tangle::Edits) -> Result<(), Problems> {
    let chapters = project.chapters()?;
    report("tangled", tangle::write(project, &tangle::plan(project, &chapters)?, edits)?.touched);
    Ok(())
}

/// Redraws every figure.
pub fn figures(project: &Project) -> Result<(), Problems> {
    let chapters = project.chapters()?;
    report("drew", figures::write(project, &figures::draw(project, &chapters)?)?);
    Ok(())
}

/// The checks that need no build of the whole workspace: tangled files, outputs, figures,
/// snapshot files.
pub fn check(project: &Project) -> Result<(), Problems> {
    let chapters = project.chapters()?;
    check_tangled(project, &chapters)?;
    nonempty(wasm::check(project))?;
    // The shown commands and the figure programs side by side, reported in that order.
    let (outputs, figures) = std::thread::scope(|scope| {
        let figures = scope.spawn(|| check_figures(project, &chapters));
        let outputs = check_outputs(project, &chapters);
        let panicked = || vec![Problem::new("figures", 0, "the xtask's own check panicked")];
        (outputs, figures.join().unwrap_or_else(|_| Err(panicked())))
    });
    outputs?;
    figures?;
    nonempty(numbers::check(project, &chapters))?;
    nonempty(snapshots::check(project))
}

fn check_tangled(project: &Project, chapters: &[Chapter]) -> Result<(), Problems> {
    nonempty(tangle::check(project, &tangle::plan(project, chapters)?))
}

fn check_outputs(project: &Project, chapters: &[Chapter]) -> Result<Transcript, Problems> {
    let transcript = Transcript::record(project, chapters);
    nonempty(outputs::check(chapters, &transcript)).map(|()| transcript)
}

fn check_figures(project: &Project, chapters: &[Chapter]) -> Result<(), Problems> {
    nonempty(figures::check(project, chapters, &figures::draw(project, chapters)?))
}

/// Everything CI checks, in order, stopping at the first step that fails.
pub fn verify(project: &Project) -> Result<(), Problems> {
    let started = Instant::now();
    let mut chapters = vec![];
    let mut steps = Steps(0);
    steps.run("chapters parse and are all in SUMMARY.md", || {
        project.chapters().map(|c| chapters = c)
    })?;
    steps.run("tangled code is current", || check_tangled(project, &chapters))?;
    steps.run("the live chapter's WebAssembly module is built from the current sources", || {
        nonempty(wasm::check(project))
    })?;
    steps.run("cargo fmt --check", || fmt_check(project, &chapters))?;
    let (started_slow, cpu_before) = (Instant::now(), cpu::used());
    eprintln!(
        "xtask: the slow checks, side by side (shown commands, figures, clippy, tests, benchmark, exercises) ..."
    );
    let slow = slow_checks::run(project, &chapters);
    eprintln!("xtask: the slow checks are done ({}); each:", took(started_slow, cpu_before));
    steps.report("shown commands print what the chapters show", slow.outputs)?;
    steps.report("figures are current", slow.figures)?;
    steps.run("numbers in the prose are computed", || {
        nonempty(numbers::check(project, &chapters))
    })?;
    steps.run("figures and listings fit the book's column", || {
        nonempty(layout_check::check(&project.root, &chapters))
    })?;
    steps.report("cargo clippy -D warnings", slow.clippy)?;
    steps.run("every snapshot file belongs to a test", || nonempty(snapshots::check(project)))?;
    steps.report("cargo test (snapshots are never written)", slow.tests)?;
    steps.report("the benchmark's table has its shape", slow.bench)?;
    steps.report("every exercise compiles as a todo!() and is caught by a test", slow.exercises)?;
    steps.run("the book builds and its links resolve", || {
        let html = mdbook::build(project)
            .map_err(|failure| vec![Problem::new("mdbook build", 0, failure)])?;
        nonempty(links::check(&html, &chapters))
    })?;
    eprintln!("xtask: verified in {}", took(started, Some(Duration::ZERO)));
    println!("verify: {} passed, 0 failed", steps.0);
    Ok(())
}

/// `cargo fmt --check`, with each unformatted generated line traced to its chapter line.
fn fmt_check(project: &Project, chapters: &[Chapter]) -> Result<(), Problems> {
    let mut fmt = cargo::command(project, "fmt", &[]);
    fmt.args(["--all", "--check", "--", "--color", "never"]);
    let Err(failure) = cargo::output_with_stdout(fmt) else {
        return Ok(());
    };
    let generated = tangle::generate(chapters)?;
    let root = format!("{}/", project.root.display());
    let mut problems = vec![];
    for line in failure.lines() {
        // rustfmt says "Diff in /path/file.rs:12:" or "Diff in /path/file.rs at line 12:".
        let Some(place) = line.strip_prefix("Diff in ").map(|p| p.trim_end_matches(':')) else {
            continue;
        };
        let Some((file, number)) =
            place.rsplit_once(" at line ").or_else(|| place.rsplit_once(':'))
        else {
            continue;
        };
        let (file, number) =
            (file.strip_prefix(&root).unwrap_or(file), number.parse::<usize>().unwrap_or(0));
        let message = format!("{file} is not formatted as `cargo fmt` would (its line {number})");
        problems.push(
            match generated
                .iter()
                .find(|g| g.path == file)
                .and_then(|g| g.origins.get(number.checked_sub(1)?))
            {
                Some((chapter, origin)) => Problem::new(chapter, *origin, message),
                None => Problem::new(file, number, "not formatted as `cargo fmt` would"),
            },
        );
    }
    if problems.is_empty() {
        problems.push(Problem::new("cargo fmt", 0, failure));
    }
    Err(problems)
}

struct Steps(usize);

impl Steps {
    fn run(
        &mut self,
        name: &str,
        step: impl FnOnce() -> Result<(), Problems>,
    ) -> Result<(), Problems> {
        let started = Instant::now();
        let cpu_before = cpu::used();
        eprintln!("xtask: {name} ...");
        step()?;
        eprintln!("xtask: ok: {name} ({})", took(started, cpu_before));
        self.0 += 1;
        Ok(())
    }

    /// Reports a check that ran side by side with the others ([`slow_checks`]): its wall
    /// time is its own, its processor time is counted with theirs, in the total.
    fn report(&mut self, name: &str, checked: slow_checks::Checked) -> Result<(), Problems> {
        eprintln!("xtask: {name} ...");
        for line in checked.result? {
            eprintln!("xtask:   {line}");
        }
        let took = checked.took.as_secs_f64();
        eprintln!("xtask: ok: {name} ({took:.1} s, side by side with the other slow checks)");
        self.0 += 1;
        Ok(())
    }
}

/// The wall time since `started` and, where known, the processor time since `cpu_before`
/// (with the programs the step ran): "12.3 s, 20.1 s of CPU".
fn took(started: Instant, cpu_before: Option<Duration>) -> String {
    let wall = started.elapsed().as_secs_f64();
    match (cpu_before, cpu::used()) {
        (Some(before), Some(now)) => {
            format!("{wall:.1} s, {:.1} s of CPU", now.saturating_sub(before).as_secs_f64())
        }
        _ => format!("{wall:.1} s"),
    }
}

fn nonempty(problems: Problems) -> Result<(), Problems> {
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}

fn report(verb: &str, paths: Vec<String>) {
    for path in paths {
        eprintln!("xtask: {verb} {path}");
    }
}
