//! `bless` and `serve --regenerate`: regenerate the tangled code, output blocks, figures
//! and test snapshots in place, saying in one line each what changed.

use std::collections::BTreeMap;
use std::fs;
use std::process::Stdio;

use crate::outputs::{self, Transcript};
use crate::problem::{Problem, Problems};
use crate::project::{CRATES, Project};
use crate::tangle::{self, Edits};
use crate::{cargo, figures, snapshots};

/// Tangles, then rewrites output blocks and figures with what the code produces now. If a
/// shown command or a figure program fails, puts the tangled files back as they were and
/// writes no output block and no figure.
pub fn regenerate(project: &Project, edits: Edits) -> Result<(), Problems> {
    let chapters = project.chapters()?;
    let written = tangle::write(project, &tangle::plan(project, &chapters)?, edits)?;
    let rest = || {
        let transcript = Transcript::record(project, &chapters);
        // Drawn into a scratch folder, and the output blocks only written once every
        // command has run: either may still fail here, with nothing written yet.
        let drawn = figures::draw(project, &chapters)?;
        let rewritten = outputs::bless(project, &chapters, &transcript)?;
        Ok((rewritten, figures::write(project, &drawn)?))
    };
    match rest() {
        Ok((rewritten, drawn)) => {
            report("tangled", written.touched);
            report("rewrote the output blocks of", rewritten);
            report("drew", drawn);
            Ok(())
        }
        Err(problems) => {
            written.undo(project)?;
            if !written.touched.is_empty() {
                eprintln!(
                    "xtask: put the {} file(s) it had tangled back as they were",
                    written.touched.len()
                );
            }
            Err(problems)
        }
    }
}

/// Regenerates everything, test snapshots included. The tests' own output is shown only
/// if they fail, cut down to the failures.
pub fn bless(project: &Project, edits: Edits) -> Result<(), Problems> {
    regenerate(project, edits)?;
    let before = snapshot_files(project);
    let mut test = cargo::command(project, "test", &["--workspace", "--quiet", "--no-fail-fast"]);
    test.env("INSTA_UPDATE", "always").env("INSTA_FORCE_UPDATE", "1").env("INSTA_FORCE_PASS", "1");
    let output = test
        .stdin(Stdio::null())
        .output()
        .map_err(|e| vec![Problem::new("cargo test", 0, format!("cannot start it: {e}"))])?;
    let after = snapshot_files(project);
    let written = after.iter().filter(|(path, bytes)| before.get(*path) != Some(bytes));
    report("wrote the snapshot", written.map(|(path, _)| path.clone()).collect());
    if !output.status.success() {
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let message = format!(
            "`cargo test --workspace` failed; what it said of the failures:\n{}",
            failures(&stdout, &stderr)
        );
        return Err(vec![Problem::new("cargo test", 0, message)]);
    }
    report("deleted the unused snapshot", snapshots::delete_orphans(project)?);
    eprintln!("xtask: blessed; review the changes with `git diff` before committing them");
    Ok(())
}

/// Every snapshot file of the crates' tests, by path, with its bytes.
fn snapshot_files(project: &Project) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    for krate in fs::read_dir(project.path(CRATES)).into_iter().flatten().flatten() {
        let dir = format!("{CRATES}/{}/tests/snapshots", krate.file_name().to_string_lossy());
        for file in fs::read_dir(project.path(&dir)).into_iter().flatten().flatten() {
            let name = file.file_name().to_string_lossy().into_owned();
            if name.ends_with(".snap")
                && let Ok(bytes) = fs::read(file.path())
            {
                found.insert(format!("{dir}/{name}"), bytes);
            }
        }
    }
    found
}

/// What matters in a failed `cargo test --quiet`: libtest's report of each failing test
/// (stdout, from `failures:` to `test result:`) and cargo's errors (stderr, each paragraph
/// that starts with `error`), at most [`SHOWN`] lines.
pub(crate) fn failures(stdout: &str, stderr: &str) -> String {
    const SHOWN: usize = 60;
    let mut kept: Vec<&str> = vec![];
    let mut inside = false;
    for line in stdout.lines() {
        if line == "failures:" {
            inside = true;
        } else if line.starts_with("test result:") {
            inside = false;
        }
        if inside {
            kept.push(line);
        }
    }
    for paragraph in stderr.split("\n\n") {
        if paragraph.trim_start().starts_with("error") {
            kept.extend(paragraph.lines());
        }
    }
    let more = kept.len().saturating_sub(SHOWN);
    kept.truncate(SHOWN);
    let mut text = kept.join("\n");
    if more > 0 {
        text.push_str(&format!("\n({more} more lines: run `cargo test --workspace` to see all)"));
    }
    text
}

fn report(verb: &str, paths: Vec<String>) {
    for path in paths {
        eprintln!("xtask: {verb} {path}");
    }
}

#[cfg(test)]
mod tests {
    use super::failures;

    #[test]
    fn failures_keep_the_failing_tests_and_the_errors_only() {
        let stdout = "\nrunning 2 tests\n.F\nfailures:\n\n---- it stdout ----\npanicked at a.rs:1:1\n\nfailures:\n    it\n\ntest result: FAILED. 1 passed; 1 failed\n";
        let stderr =
            "warning: unused\n  --> a.rs\n\nerror: test failed, to rerun pass `-p a --lib`\n";
        let kept = failures(stdout, stderr);
        assert!(kept.contains("---- it stdout ----\npanicked at a.rs:1:1"), "{kept}");
        assert!(kept.ends_with("error: test failed, to rerun pass `-p a --lib`"), "{kept}");
        assert!(!kept.contains("running 2 tests") && !kept.contains("warning"), "{kept}");
    }

    #[test]
    fn failures_are_cut_short() {
        let stdout = format!("failures:\n{}test result: FAILED\n", "x\n".repeat(100));
        let kept = failures(&stdout, "");
        assert_eq!(kept.lines().count(), 61);
        assert!(kept.ends_with("(41 more lines: run `cargo test --workspace` to see all)"));
    }
}
