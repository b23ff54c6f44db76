//! Shown commands: run each one the chapters show, and compare what it prints with the
//! output block under it.

use std::collections::HashMap;
use std::path::Path;

use similar::TextDiff;

use crate::cargo;
use crate::chapter::{Chapter, ELISION, Run, blessed_output, output_matches};
use crate::files;
use crate::problem::{Problem, Problems};
use crate::project::Project;

/// What each shown command printed, run once each however often it is shown.
pub struct Transcript(HashMap<String, Result<String, String>>);

impl Transcript {
    /// Runs every command the chapters show.
    pub fn record(project: &Project, chapters: &[Chapter]) -> Transcript {
        let mut printed = HashMap::new();
        for run in chapters.iter().flat_map(|c| &c.runs) {
            printed.entry(run.command.clone()).or_insert_with(|| execute(project, &run.command));
        }
        Transcript(printed)
    }

    fn printed(&self, run: &Run) -> &Result<String, String> {
        &self.0[&run.command]
    }
}

/// Problems for every shown command that fails or prints something other than its block.
pub fn check(chapters: &[Chapter], transcript: &Transcript) -> Problems {
    let mut problems = vec![];
    for chapter in chapters {
        for run in &chapter.runs {
            match transcript.printed(run) {
                Err(failure) => {
                    problems.push(Problem::new(&chapter.path, run.line, failure.clone()))
                }
                Ok(printed) => {
                    let actual: Vec<&str> = printed.lines().collect();
                    if !output_matches(&run.expected, &actual) {
                        let expected = run.expected.join("\n") + "\n";
                        let diff = TextDiff::from_lines(&expected, printed);
                        let diff = diff.unified_diff().header("chapter", "printed").to_string();
                        let message = format!(
                            "`{}` printed something else (`cargo xtask bless` takes what it prints):\n{diff}",
                            run.command
                        );
                        problems.push(Problem::new(
                            &chapter.path,
                            first_difference(run, &actual),
                            message,
                        ));
                    }
                }
            }
        }
    }
    problems
}

/// Rewrites the output blocks that differ with what their commands print. Writes nothing
/// if any shown command fails. Returns the chapters it rewrote.
pub fn bless(
    project: &Project,
    chapters: &[Chapter],
    transcript: &Transcript,
) -> Result<Vec<String>, Problems> {
    let failures: Problems = chapters
        .iter()
        .flat_map(|c| c.runs.iter().map(move |run| (c, run)))
        .filter_map(|(c, run)| {
            transcript
                .printed(run)
                .as_ref()
                .err()
                .map(|f| Problem::new(&c.path, run.line, f.clone()))
        })
        .collect();
    if !failures.is_empty() {
        return Err(failures);
    }
    let mut rewritten = vec![];
    for chapter in chapters {
        let mut source = chapter.source.clone();
        // From the last block to the first, so earlier byte ranges stay valid.
        for run in chapter.runs.iter().rev() {
            let printed = transcript.printed(run).as_ref().expect("failures were ruled out above");
            let actual: Vec<&str> = printed.lines().collect();
            if !output_matches(&run.expected, &actual) {
                let lines = blessed_output(&run.expected, &actual);
                let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
                source.replace_range(run.output.clone(), &text);
            }
        }
        if source != chapter.source {
            let path = project.path(&chapter.path);
            files::write_atomic(&path, source.as_bytes())
                .map_err(|e| vec![Problem::io(Path::new(&chapter.path), "write it", e)])?;
            rewritten.push(chapter.path.clone());
        }
    }
    Ok(rewritten)
}

/// The chapter line of the first output line that differs, or the command's line when the
/// block elides lines (then no single line is to blame).
fn first_difference(run: &Run, actual: &[&str]) -> usize {
    if run.expected.iter().any(|line| line == ELISION) {
        return run.line;
    }
    let same = run
        .expected
        .iter()
        .zip(actual)
        .take_while(|(expected, actual)| expected == *actual)
        .count();
    run.line + 1 + same
}

/// Runs one shown command, such as `cargo run -p ch01-derivatives --bin slope`, from the
/// workspace root, and returns what it prints on stdout.
fn execute(project: &Project, shown: &str) -> Result<String, String> {
    let words: Vec<&str> = shown.split_whitespace().collect();
    let ["cargo", subcommand, args @ ..] = words.as_slice() else {
        return Err(format!("`{shown}`: the book shows cargo commands only"));
    };
    let mut args = args.to_vec();
    args.insert(0, "--quiet");
    cargo::output(cargo::command(project, subcommand, &args))
}
