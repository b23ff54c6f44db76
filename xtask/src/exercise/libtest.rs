//! Reading what `cargo test` printed: each test's outcome, and a failure said plainly.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::process::{self, Ended, Limits};

/// One test's outcome, as libtest reported it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestResult {
    /// `outputs::backward`: the test file (or `unit` or `doc`), then the test.
    pub name: String,
    pub passed: bool,
    /// What it printed when it failed.
    pub message: String,
}

/// The test results in what `cargo test` printed (stdout and stderr merged): libtest's
/// `test NAME ... ok` lines, grouped by cargo's `Running FILE` lines, with each failure's
/// output from its `---- NAME stdout ----` section.
pub fn parse_tests(printed: &str) -> Vec<TestResult> {
    let mut results: Vec<TestResult> = vec![];
    let mut binary = String::new();
    let mut first_of_binary = 0;
    let mut failure: Option<usize> = None;
    for line in printed.lines() {
        let trimmed = line.trim();
        if let Some(running) = trimmed.strip_prefix("Running ") {
            let (file, executable) = running.split_once(" (").unwrap_or((running, ""));
            // A unit test executable is named after its crate or binary: `deps/micrograd-HASH`.
            let stem = executable.rsplit('/').next().unwrap_or("");
            let unit = stem.rsplit_once('-').map_or("unit", |(name, _)| name);
            binary = match file.strip_prefix("tests/") {
                Some(test) => test.trim_end_matches(".rs").replace('/', "::"),
                None => unit.to_string(),
            };
            first_of_binary = results.len();
            failure = None;
        } else if trimmed.starts_with("Doc-tests ") {
            binary = "doc".to_string();
            first_of_binary = results.len();
            failure = None;
        } else if let Some(rest) = line.strip_prefix("test ")
            && let Some((name, outcome)) = rest.rsplit_once(" ... ")
        {
            let name = name.trim_end_matches(" - should panic");
            let passed = match outcome.trim() {
                "ok" => true,
                "FAILED" => false,
                _ => continue,
            };
            results.push(TestResult {
                name: format!("{binary}::{name}"),
                passed,
                message: String::new(),
            });
        } else if let Some(name) =
            line.strip_prefix("---- ").and_then(|l| l.strip_suffix(" stdout ----"))
        {
            let wanted = format!("{binary}::{name}");
            failure = results[first_of_binary..]
                .iter()
                .position(|r| r.name == wanted)
                .map(|i| first_of_binary + i);
        } else if line == "failures:" || line.starts_with("test result:") {
            failure = None;
        } else if let Some(i) = failure {
            results[i].message.push_str(line);
            results[i].message.push('\n');
        }
    }
    results
}

/// How a failed test that stopped at a `todo!()` is explained, before the `todo!`'s hint.
pub const REACHES: &str = "it reaches an exercise not done yet: ";

/// A failed test's output, said plainly, in a few lines.
/// `copy` is the copy's folder, where a failed program is run again; `shown` is that folder
/// as the reader sees it, before the places printed.
pub fn explain(message: &str, copy: &Path, shown: &str) -> Vec<String> {
    let panic = panic_message(message);
    if let Some(hint) = panic.strip_prefix("not yet implemented: ") {
        return vec![format!("{REACHES}{hint}")];
    }
    if let Some(program) = panic.strip_suffix(" failed").map(PathBuf::from)
        && program.is_file()
    {
        let name = program.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        let mut lines = vec![format!("the program {name} stopped with an error:")];
        let mut run = Command::new(&program);
        run.current_dir(copy);
        let limits = Limits { time: Duration::from_secs(120), output: 1 << 20 };
        if let Ok(Ended::Exited { stderr, .. }) = process::run(run, limits, false) {
            let stopped = panic_message(&stderr);
            if let Some(hint) = stopped.strip_prefix("not yet implemented: ") {
                lines.push(format!("{REACHES}{hint}"));
            } else if !stopped.is_empty() {
                lines.push(crate::programs::clip(&stopped));
            }
            if let Some(place) = panic_place(&stderr) {
                let place = if place.starts_with('/') { place } else { format!("{shown}/{place}") };
                lines.push(format!("(at {place})"));
            }
        }
        return lines;
    }
    if panic.starts_with("snapshot assertion for ") {
        return vec!["it computes something other than the book shows".into()];
    }
    if panic.is_empty() {
        return vec![];
    }
    vec![crate::programs::clip(&panic)]
}

/// The first line of the message of the first panic in `printed`.
fn panic_message(printed: &str) -> String {
    let Some((_, rest)) = printed.split_once("panicked at ") else {
        return String::new();
    };
    rest.lines().nth(1).unwrap_or("").trim().to_string()
}

/// Where the first panic in `printed` happened: `FILE:LINE:COLUMN`.
fn panic_place(printed: &str) -> Option<String> {
    let (_, rest) = printed.split_once("panicked at ")?;
    Some(rest.lines().next()?.trim_end_matches(':').to_string())
}

/// The compiler's errors in what cargo printed, without its progress lines; their places
/// (`--> FILE:LINE:COLUMN`, relative to the copy) put under `shown`, the copy's folder as
/// the reader sees it.
pub fn compile_errors(printed: &str, shown: &str) -> String {
    let progress = ["Compiling ", "Checking ", "Finished ", "Blocking ", "Locking ", "Adding "];
    // Warnings, such as the names a `todo!()` leaves unused, are left out too.
    let mut warning = false;
    let mut lines: Vec<String> = vec![];
    for line in printed.lines() {
        if line.starts_with("warning") || line.starts_with("error") {
            warning = line.starts_with("warning");
        }
        if warning || progress.iter().any(|p| line.trim_start().starts_with(p)) {
            continue;
        }
        match line.split_once("--> ") {
            Some((arrow, place)) if !place.starts_with('/') => {
                lines.push(format!("{arrow}--> {shown}/{place}"));
            }
            _ => lines.push(line.to_string()),
        }
    }
    let kept = lines.len().min(60);
    let mut text = lines[..kept].join("\n");
    if lines.len() > kept {
        text.push_str(&format!(
            "\n({} more lines: run `cargo build` in {shown}/)",
            lines.len() - kept
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compile_errors_are_placed_as_the_reader_sees_the_copy() {
        let printed = "   Compiling ch05 v0.1.0\nwarning: unused variable: `x`\n  --> ch05/src/lib.rs:3:9\n\nerror[E0308]: mismatched types\n  --> ch05/src/lib.rs:9:5\n   |\nerror: could not compile `ch05`\n";
        assert_eq!(
            compile_errors(printed, "exercises/ch05"),
            "error[E0308]: mismatched types\n  --> exercises/ch05/ch05/src/lib.rs:9:5\n   |\nerror: could not compile `ch05`"
        );
    }

    #[test]
    fn libtest_output_is_read_test_by_test() {
        let printed = "   Compiling x
     Running unittests src/lib.rs (target/debug/deps/x-1)

running 1 test
test tests::inner ... ok

     Running tests/outputs.rs (target/debug/deps/outputs-2)

running 3 tests
test backward ... FAILED
test refuses - should panic ... ok
test slow ... ignored

failures:

---- backward stdout ----

thread 'backward' panicked at tests/outputs.rs:9:5:
not yet implemented: a sum passes its grad
note: run with `RUST_BACKTRACE=1`


failures:
    backward

test result: FAILED. 1 passed; 1 failed; 1 ignored
   Doc-tests x

running 1 test
test src/lib.rs - f (line 3) ... ok
";
        let results = parse_tests(printed);
        let names: Vec<(&str, bool)> =
            results.iter().map(|r| (r.name.as_str(), r.passed)).collect();
        assert_eq!(
            names,
            [
                ("x::tests::inner", true),
                ("outputs::backward", false),
                ("outputs::refuses", true),
                ("doc::src/lib.rs - f (line 3)", true)
            ]
        );
        assert_eq!(
            panic_message(&results[1].message),
            "not yet implemented: a sum passes its grad"
        );
        assert_eq!(
            explain(&results[1].message, Path::new("."), "exercises/ch04-x"),
            ["it reaches an exercise not done yet: a sum passes its grad"]
        );
    }
}
