//! `verify`'s check of the exercises: every copy compiles with every hole, passes its tests
//! with none open, and fails a test with each hole alone open.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::copy::{Place, copy, sync_dir};
use super::holes::{Mode, holes};
use super::libtest::parse_tests;
use super::{CHECK_DIR, HOLE_VARIABLE, LIMITS, cargo_in, plural};
use crate::chapter::Chapter;
use crate::parallel;
use crate::problem::{Problem, Problems};
use crate::process::{self, Ended};
use crate::project::Project;
use crate::tangle::Generated;

/// What `verify` found for one hole: the tests that fail with it alone left open.
pub struct Caught {
    pub chapter: String,
    pub line: usize,
    pub hint: String,
    pub tests: Vec<String>,
}

/// For every chapter with exercises: its copy with every hole compiles; its guarded copy
/// passes every test with no hole open; and each hole, opened alone, fails at least one
/// test. The chapters' own code passing its tests is `cargo test`'s step, before this one.
pub fn verify(project: &Project, chapters: &[Chapter]) -> (Vec<Caught>, Problems) {
    let generated = match crate::tangle::generate(chapters) {
        Ok(generated) => generated,
        Err(problems) => return (vec![], problems),
    };
    let mut caught = vec![];
    let mut problems = vec![];
    let target = format!("{CHECK_DIR}/target");
    for chapter in chapters {
        let holes = holes(chapter, &generated);
        let Some(first) = holes.first() else {
            continue;
        };
        let base = format!("{CHECK_DIR}/{}", chapter.crate_name);
        let holed = format!("{base}/holed");
        let place = Place { dir: &holed, target: &target, nested: true };
        let written = copy(project, chapters, chapter, &generated, Mode::Holed, &place)
            .and_then(|copy| sync_dir(project, &holed, &copy.files));
        if let Err(found) = written {
            problems.extend(found);
            continue;
        }
        let mut check = cargo_in(&project.path(&holed), "check", &["--all-targets", "--quiet"]);
        check.arg("--message-format=short").env("CARGO_TERM_COLOR", "never");
        if let Err(failure) = finished(check) {
            problems.push(Problem::new(
                &first.chapter,
                first.line,
                format!(
                    "with every exercise of this chapter a `todo!()`, its code does not compile (a hole must be whole statements, or a whole body, whose names nothing after it uses); the copy is {holed}:\n{}",
                    crate::programs::tail(&failure, 15)
                ),
            ));
            continue;
        }
        let guarded = format!("{base}/guarded");
        let place = Place { dir: &guarded, target: &target, nested: true };
        let failing = match failing_per_hole(project, chapters, chapter, &generated, &place) {
            Ok(failing) => failing,
            Err(found) => {
                problems.extend(found);
                continue;
            }
        };
        if !failing[0].is_empty() {
            problems.push(Problem::new(
                &chapter.path,
                0,
                format!(
                    "the exercise copy of this chapter fails {} with no exercise open, so its tests cannot tell the exercises apart: {}",
                    plural(failing[0].len(), "test"),
                    failing[0].join(", ")
                ),
            ));
            continue;
        }
        for (hole, failing) in holes.iter().zip(&failing[1..]) {
            if failing.is_empty() {
                problems.push(Problem::new(
                    &hole.chapter,
                    hole.line,
                    "no test fails when this exercise is left a `todo!()`: add a test that runs this code and checks what it computes",
                ));
            }
            caught.push(Caught {
                chapter: hole.chapter.clone(),
                line: hole.line,
                hint: hole.hint.clone(),
                tests: failing.clone(),
            });
        }
    }
    (caught, problems)
}

/// The tests of `chapter` that fail with no hole open (first), then with each hole alone
/// open, in a guarded copy written and built where `place` says; the runs side by side.
pub fn failing_per_hole(
    project: &Project,
    chapters: &[Chapter],
    chapter: &Chapter,
    generated: &[Generated],
    place: &Place,
) -> Result<Vec<Vec<String>>, Problems> {
    let holes = holes(chapter, generated);
    let (file, line) = holes.first().map_or((&chapter.path, 0), |h| (&h.chapter, h.line));
    let guarded = place.dir;
    let written = copy(project, chapters, chapter, generated, Mode::Guarded, place)?;
    sync_dir(project, guarded, &written.files)?;
    let mut build = cargo_in(&project.path(guarded), "test", &["--no-run", "--quiet"]);
    build.arg("--message-format=json").env("CARGO_TERM_COLOR", "never");
    let built = finished(build).map_err(|failure| {
        let message = format!(
            "the exercise check's build of this chapter failed ({guarded}):\n{}",
            crate::programs::tail(&failure, 15)
        );
        vec![Problem::new(file, line, message)]
    })?;
    let tests = test_executables(&built);
    // Each run is independent of the others: side by side, one per core.
    let opened: Vec<usize> = (0..=holes.len()).collect();
    parallel::map(&opened, |&open| run_tests(&tests, open))
        .into_iter()
        .map(|failing| failing.map_err(|m| vec![Problem::new(&chapter.path, 0, m)]))
        .collect()
}

/// Runs `command`; its stdout, or what it printed if it failed.
fn finished(command: Command) -> Result<String, String> {
    match process::run(command, LIMITS, false) {
        Ok(Ended::Exited { status, stdout, .. }) if status.success() => Ok(stdout),
        Ok(Ended::Exited { stdout, stderr, .. }) => Err(format!("{stderr}{stdout}")),
        Ok(_) => Err("it took too long or printed too much: stopped".into()),
        Err(e) => Err(format!("cannot start cargo: {e}")),
    }
}

/// A test executable: the name of its test file (or crate, for unit tests), the executable,
/// and the folder of its package, where cargo runs it.
struct Executable {
    name: String,
    path: PathBuf,
    dir: PathBuf,
}

/// The test executables in the JSON messages of `cargo test --no-run`.
fn test_executables(messages: &str) -> Vec<Executable> {
    let mut found = vec![];
    for message in messages.lines().filter_map(|l| serde_json::from_str::<Value>(l).ok()) {
        let is_test =
            message["reason"] == "compiler-artifact" && message["profile"]["test"] == true;
        let (Some(path), Some(manifest)) =
            (message["executable"].as_str(), message["manifest_path"].as_str())
        else {
            continue;
        };
        if !is_test {
            continue;
        }
        let kinds = message["target"]["kind"].as_array().map_or(&[][..], Vec::as_slice);
        // Named as `cargo test` names it: a test file by its name, unit tests by their crate
        // or binary, with `_` for `-`.
        let name = message["target"]["name"].as_str().unwrap_or("");
        let name = match kinds.iter().any(|k| k == "test") {
            true => name.to_string(),
            false => name.replace('-', "_"),
        };
        let dir = Path::new(manifest).parent().map(Path::to_path_buf).unwrap_or_default();
        found.push(Executable { name, path: PathBuf::from(path), dir });
    }
    found
}

/// Runs every test executable with hole `open` open (0: none); the tests that fail.
fn run_tests(executables: &[Executable], open: usize) -> Result<Vec<String>, String> {
    let mut failing = vec![];
    for executable in executables {
        let mut run = Command::new(&executable.path);
        run.current_dir(&executable.dir)
            .env(HOLE_VARIABLE, open.to_string())
            .env("INSTA_UPDATE", "no")
            .env("CI", "true")
            .env("RUST_BACKTRACE", "0");
        let printed = match process::run(run, LIMITS, true) {
            Ok(Ended::Exited { stdout, .. }) => stdout,
            Ok(_) => return Err(format!("{} took too long: stopped", executable.name)),
            Err(e) => return Err(format!("cannot run {}: {e}", executable.name)),
        };
        let header = format!("     Running tests/{}.rs (x)\n", executable.name);
        for result in parse_tests(&format!("{header}{printed}")) {
            if !result.passed {
                let name = result.name.split_once("::").map_or(&*result.name, |(_, n)| n);
                failing.push(format!("{}::{name}", executable.name));
            }
        }
    }
    failing.sort();
    Ok(failing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_executables_are_read_from_cargo_messages() {
        let messages = [
            r#"{"reason":"compiler-artifact","target":{"kind":["lib"],"name":"ch05-node-reuse"},"profile":{"test":true},"executable":"/t/deps/ch05_node_reuse-1","manifest_path":"/c/ch05-node-reuse/Cargo.toml"}"#,
            r#"{"reason":"compiler-artifact","target":{"kind":["test"],"name":"node-reuse"},"profile":{"test":true},"executable":"/t/deps/node_reuse-2","manifest_path":"/c/ch05-node-reuse/Cargo.toml"}"#,
            r#"{"reason":"compiler-artifact","target":{"kind":["bin"],"name":"buggy"},"profile":{"test":false},"executable":"/t/buggy","manifest_path":"/c/ch05-node-reuse/Cargo.toml"}"#,
            r#"{"reason":"compiler-artifact","target":{"kind":["lib"],"name":"viz"},"profile":{"test":true},"executable":null,"manifest_path":"/c/viz/Cargo.toml"}"#,
            r#"{"reason":"build-finished","success":true}"#,
            "not json",
        ];
        let found = test_executables(&messages.join("\n"));
        let found: Vec<(&str, &str, &str)> = found
            .iter()
            .map(|e| (e.name.as_str(), e.path.to_str().unwrap(), e.dir.to_str().unwrap()))
            .collect();
        assert_eq!(
            found,
            [
                ("ch05_node_reuse", "/t/deps/ch05_node_reuse-1", "/c/ch05-node-reuse"),
                ("node-reuse", "/t/deps/node_reuse-2", "/c/ch05-node-reuse"),
            ]
        );
    }
}
