//! Exercises: a chapter marks the lines that are its lesson (see [`crate::chapter::Hole`]),
//! and `cargo xtask exercise chNN` writes a copy of the chapter's crates in which each
//! marked part is `todo!("HINT")`, for the reader to fill in; `--check` runs the chapter's
//! tests on the copy and says, test by test, what passes. `verify` checks that every
//! exercise is worth doing: the copy with every hole compiles, and each hole alone makes a
//! test fail.
//!
//! A copy is a small workspace of its own, `exercises/chNN-slug/`: the crates the chapter
//! writes into (micrograd too, for chapters 6 and 8), a manifest that is the project's with
//! paths rewritten, and the project's `Cargo.lock`, so it builds the same versions. It
//! builds into a folder under `target/exercises/`, shared by the copies when it can be, so
//! that dependencies compile once.
//!
//! Its parts, a file each: `holes` turns a chapter's marked lines into `todo!()`s; `copy`
//! makes and writes a copy, with its workspace `manifest`; `reader` holds the reader's two
//! commands; `libtest` reads what the tests printed; `verify` checks every exercise.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::process::Limits;

mod copy;
mod holes;
mod libtest;
mod manifest;
mod reader;
mod verify;

pub use reader::{check, write};
pub use verify::{Caught, verify};

/// Where the reader's copies go (git-ignored).
pub const EXERCISES: &str = "exercises";

/// Where the reader's copies build.
const READER_TARGET: &str = "target/exercises";

/// Where `verify` writes and builds its own copies.
const CHECK_DIR: &str = "target/exercise-check";

/// The variable that opens one hole of a guarded copy (see `holes::Mode::Guarded`).
const HOLE_VARIABLE: &str = "EXERCISE_HOLE";

/// How long one run of a chapter's tests, or one build, may take.
const LIMITS: Limits = Limits { time: Duration::from_secs(1800), output: 64 << 20 };

/// `cargo SUBCOMMAND ARGS…` run in the folder `dir`, which has its own workspace.
fn cargo_in(dir: &Path, subcommand: &str, args: &[&str]) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(dir).arg(subcommand).args(args);
    command
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}
