//! verify's slow checks, run side by side: the shown programs, the figures, clippy, the
//! tests, the benchmark's shape and the exercises. Each spends most of its time in programs
//! of one thread (a chapter's program, a test binary, a linker), so while one waits for its
//! longest program the others keep the remaining cores busy. Each check gives its result
//! back; verify then reports them in its own order, stopping at the first that failed.
//!
//! One check waits for another: the test run leaves out the snapshot tests whose program
//! the outputs step has run already (see [`crate::shown_snapshots`]), so the test binaries
//! holding such tests run once the outputs step is done; every other test binary starts at
//! once.

use std::sync::mpsc;
use std::sync::{Mutex, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use crate::chapter::Chapter;
use crate::outputs::{self, Transcript};
use crate::problem::{Problem, Problems};
use crate::project::Project;
use crate::testing::Skip;
use crate::{bench, cargo, exercise, figures, shown_snapshots, testing};

/// What one check found, what it has to say when it passed, and how long it ran.
pub struct Checked {
    pub result: Result<Vec<String>, Problems>,
    pub took: Duration,
}

/// The slow checks' results.
pub struct Slow {
    pub outputs: Checked,
    pub figures: Checked,
    pub clippy: Checked,
    pub tests: Checked,
    pub bench: Checked,
    pub exercises: Checked,
}

/// Runs every slow check, side by side, and waits for them all.
pub fn run(project: &Project, chapters: &[Chapter]) -> Slow {
    let (send_skips, receive_skips) = mpsc::channel::<Vec<Skip>>();
    thread::scope(|scope| {
        let outputs = scope.spawn(move || {
            timed(|| {
                let transcript = Transcript::record(project, chapters);
                // Sent whatever the outputs say: the tests must not wait for nothing.
                let _ = send_skips.send(shown_snapshots::already_checked(project, &transcript));
                nonempty(outputs::check(chapters, &transcript)).map(|()| vec![])
            })
        });
        let figures = scope.spawn(|| timed(|| check_figures(project, chapters)));
        let clippy = scope.spawn(|| timed(|| clippy(project)));
        let tests = scope.spawn(|| timed(|| tests(project, receive_skips)));
        let bench = scope.spawn(|| timed(|| bench::check(project, chapters).map(|()| vec![])));
        let exercises = scope.spawn(|| timed(|| exercises(project, chapters)));
        let join = |handle: thread::ScopedJoinHandle<Checked>, name: &str| {
            handle.join().unwrap_or_else(|_| Checked {
                result: Err(vec![Problem::new(name, 0, "the xtask's own check panicked")]),
                took: Duration::ZERO,
            })
        };
        Slow {
            outputs: join(outputs, "shown commands"),
            figures: join(figures, "figures"),
            clippy: join(clippy, "cargo clippy"),
            tests: join(tests, "cargo test"),
            bench: join(bench, "bench"),
            exercises: join(exercises, "exercises"),
        }
    })
}

fn check_figures(project: &Project, chapters: &[Chapter]) -> Result<Vec<String>, Problems> {
    nonempty(figures::check(project, chapters, &figures::draw(project, chapters)?)).map(|()| vec![])
}

fn clippy(project: &Project) -> Result<Vec<String>, Problems> {
    let args = ["--workspace", "--all-targets", "--quiet", "--", "-D", "warnings"];
    let clippy = cargo::command(project, "clippy", &args);
    cargo::status(clippy).map_err(|failure| vec![Problem::new("cargo clippy", 0, failure)])?;
    Ok(vec![])
}

/// The workspace's tests, less the snapshot tests the outputs step has checked.
fn tests(project: &Project, skips: mpsc::Receiver<Vec<Skip>>) -> Result<Vec<String>, Problems> {
    let binaries = testing::build(project)?;
    let waiting = shown_snapshots::test_files(project);
    let skips = Mutex::new(skips);
    let decided = OnceLock::new();
    let skips = || {
        let decided = decided
            .get_or_init(|| skips.lock().ok().and_then(|r| r.recv().ok()).unwrap_or_default());
        decided.clone()
    };
    Ok(vec![testing::run(project, &binaries, &waiting, &skips)?])
}

/// The exercises' check, with a line for each exercise saying which tests catch it.
fn exercises(project: &Project, chapters: &[Chapter]) -> Result<Vec<String>, Problems> {
    let (caught, problems) = exercise::verify(project, chapters);
    let said = caught
        .into_iter()
        .map(|caught| {
            let mut tests = caught.tests.clone();
            let more = tests.len().saturating_sub(3);
            tests.truncate(3);
            let more = if more > 0 { format!(" and {more} more") } else { String::new() };
            let (chapter, line, hint) = (caught.chapter, caught.line, caught.hint);
            format!("{chapter}:{line} ({hint}) fails {}{more}", tests.join(", "))
        })
        .collect();
    nonempty(problems).map(|()| said)
}

fn timed(check: impl FnOnce() -> Result<Vec<String>, Problems>) -> Checked {
    let started = Instant::now();
    let result = check();
    Checked { result, took: started.elapsed() }
}

fn nonempty(problems: Problems) -> Result<(), Problems> {
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}
