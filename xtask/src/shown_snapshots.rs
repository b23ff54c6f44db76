//! Snapshot tests of a shown program's output, checked once. A chapter's `tests/outputs.rs`
//! snapshots what its programs print, so that `cargo test` alone catches a change; verify's
//! outputs step has already run each shown program, and some take seconds. So verify
//! compares what the outputs step saw the program print with the test's snapshot, as insta
//! compares them, and leaves out of its test run only the tests whose snapshot matched: a
//! test whose snapshot differs, or is missing, runs and fails as it would have.
//!
//! A test is recognised only in the exact form the chapters write, with the helper they
//! write (any other test runs as usual):
//!
//! ```text
//! #[test]
//! fn NAME() {
//!     insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_PROGRAM")));
//! }
//! ```

use std::fs;
use std::path::Path;

use insta::internals::{SnapshotContents, TextSnapshotContents};

use crate::outputs::Transcript;
use crate::project::{CRATES, Project};
use crate::testing::Skip;

/// The helper the recognised tests call: it runs the program with no arguments, fails the
/// test if the program fails, and gives what it printed on stdout.
const PRINTED: &str = r#"
fn printed(program: &str) -> String {
    let output = Command::new(program).output().expect("the program runs");
    assert!(output.status.success(), "{program} failed");
    String::from_utf8(output.stdout).expect("the output is UTF-8")
}
"#;

/// A test that snapshots what a program prints, and nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramSnapshot {
    pub package: String,
    /// `outputs` for `tests/outputs.rs`.
    pub test_file: String,
    pub test: String,
    pub program: String,
}

impl ProgramSnapshot {
    /// Where insta keeps its snapshot, relative to the project root.
    fn snapshot(&self) -> String {
        format!("{CRATES}/{}/tests/snapshots/{}__{}.snap", self.package, self.test_file, self.test)
    }
}

/// The tests verify need not run: those whose snapshot matches what their program printed
/// in the outputs step.
pub fn already_checked(project: &Project, transcript: &Transcript) -> Vec<Skip> {
    if project.path("insta.yaml").exists() || project.path(".config/insta.yaml").exists() {
        return vec![];
    }
    find(project)
        .into_iter()
        .filter(|test| {
            let Some(printed) = transcript.stdout_of(&test.package, &test.program) else {
                return false;
            };
            matches(&project.path(test.snapshot()), printed)
        })
        .map(|test| Skip { package: test.package, test_file: test.test_file, test: test.test })
        .collect()
}

/// The test files (package, file) that hold a recognised test, each once: their test
/// binaries wait for [`already_checked`] before they run.
pub fn test_files(project: &Project) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> =
        find(project).into_iter().map(|test| (test.package, test.test_file)).collect();
    files.dedup();
    files
}

/// Whether the snapshot file at `path` holds `printed`, as insta's `assert_snapshot!` would
/// judge it (a missing or unreadable file never matches).
fn matches(path: &Path, printed: &str) -> bool {
    let Ok(snapshot) = insta::Snapshot::from_file(path) else {
        return false;
    };
    let printed: SnapshotContents =
        TextSnapshotContents::new(printed.to_string(), insta::TextSnapshotKind::File).into();
    snapshot.as_text().is_some() && *snapshot.contents() == printed
}

/// Every recognised test in the crates' test files; the package is the crate's folder name,
/// and only a crate without its own insta settings counts.
fn find(project: &Project) -> Vec<ProgramSnapshot> {
    let mut found = vec![];
    let Ok(crates) = fs::read_dir(project.path(CRATES)) else {
        return found;
    };
    for krate in crates.flatten() {
        let package = krate.file_name().to_string_lossy().into_owned();
        if krate.path().join("insta.yaml").exists() {
            continue;
        }
        let Ok(files) = fs::read_dir(krate.path().join("tests")) else {
            continue;
        };
        for file in files.flatten() {
            let name = file.file_name().to_string_lossy().into_owned();
            let (Some(test_file), Ok(source)) =
                (name.strip_suffix(".rs"), fs::read_to_string(file.path()))
            else {
                continue;
            };
            found.extend(recognise(&source).into_iter().map(|(test, program)| ProgramSnapshot {
                package: package.clone(),
                test_file: test_file.to_string(),
                test,
                program,
            }));
        }
    }
    found.sort_by(|a, b| {
        (&a.package, &a.test_file, &a.test).cmp(&(&b.package, &b.test_file, &b.test))
    });
    found
}

/// The (test, program) pairs of the recognised tests in one test file's source: none unless
/// the file defines `printed` once, exactly as [`PRINTED`], and sets no insta settings.
fn recognise(source: &str) -> Vec<(String, String)> {
    if source.matches("fn printed(").count() != 1
        || !source.contains(PRINTED)
        || source.contains("Settings")
        || source.contains("with_settings!")
    {
        return vec![];
    }
    let lines: Vec<&str> = source.lines().collect();
    let mut found = vec![];
    // The line before `#[test]` may not be another attribute (`#[should_panic]` would
    // turn the test's meaning around).
    let padded: Vec<&str> = std::iter::once("").chain(lines.iter().copied()).collect();
    for window in padded.windows(5) {
        let [before, attribute, signature, body, end] = window else { continue };
        if before.trim_start().starts_with("#[") {
            continue;
        }
        let test = signature.strip_prefix("fn ").and_then(|s| s.strip_suffix("() {"));
        let program = body
            .strip_prefix("    insta::assert_snapshot!(printed(env!(\"CARGO_BIN_EXE_")
            .and_then(|s| s.strip_suffix("\")));"));
        if *attribute == "#[test]"
            && *end == "}"
            && let (Some(test), Some(program)) = (test, program)
            && is_name(test)
            && is_name(program)
        {
            found.push((test.to_string(), program.to_string()));
        }
    }
    found
}

/// A plain Rust or binary name: letters, digits, `_` and `-`.
fn is_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test_file(tests: &str) -> String {
        format!("use std::process::Command;\n{PRINTED}\n{tests}")
    }

    #[test]
    fn only_the_exact_form_with_the_exact_helper_is_recognised() {
        let tests = r#"
#[test]
fn engines() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch11-engines")));
}

#[test]
fn two_things() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch11-layout")));
    assert!(true);
}

#[should_panic]
#[test]
fn panics() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch11-a")));
}

fn not_a_test() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch11-b")));
}

#[test]
fn with_arguments() {
    insta::assert_snapshot!(printed_with(env!("CARGO_BIN_EXE_ch11-c"), &["x"]));
}
"#;
        assert_eq!(recognise(&test_file(tests)), [("engines".into(), "ch11-engines".into())]);
        let other_helper = test_file(tests).replace("output.status.success()", "true");
        assert!(recognise(&other_helper).is_empty());
        let settings = format!("{}\nfn f() {{ insta::Settings::new(); }}\n", test_file(tests));
        assert!(recognise(&settings).is_empty());
    }

    #[test]
    fn a_snapshot_matches_as_insta_judges_it() {
        let dir = std::env::temp_dir().join(format!("shown-snapshots-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("outputs__engines.snap");
        fs::write(&path, "---\nsource: tests/outputs.rs\nexpression: printed\n---\na\n  b\n")
            .unwrap();
        // insta ignores trailing whitespace, and nothing else.
        assert!(matches(&path, "a\n  b\n"));
        assert!(matches(&path, "a\n  b"));
        assert!(!matches(&path, "a\n b\n"));
        assert!(!matches(&path, "a\n  b\nc\n"));
        assert!(!matches(&dir.join("missing.snap"), "a\n  b\n"));
        fs::remove_dir_all(&dir).unwrap();
    }
}
