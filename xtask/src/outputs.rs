//! Shown commands: run each one the chapters show, and compare what it prints with the
//! output block under it.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use similar::TextDiff;

use crate::chapter::{Chapter, Run, blessed_output, mismatch};
use crate::files;
use crate::grammar::Shown;
use crate::parallel;
use crate::problem::{Problem, Problems};
use crate::programs::{self, Failure, Origins, clip};
use crate::project::Project;
use crate::tangle;

/// What each shown command printed, run once each however often it is shown.
pub struct Transcript(HashMap<(Shown, bool), Result<String, Vec<Failure>>>);

impl Transcript {
    /// Builds and runs every program the chapters show.
    pub fn record(project: &Project, chapters: &[Chapter]) -> Transcript {
        let generated = tangle::generate(chapters).unwrap_or_default();
        let origins = Origins(&generated);
        // Each program once, with the longest time limit any of its blocks asks for.
        let mut limits: Vec<((Shown, bool), &str, Duration)> = vec![];
        for run in chapters.iter().flat_map(|c| &c.runs) {
            let key = (run.shown.clone(), run.stderr);
            match limits.iter_mut().find(|(k, _, _)| *k == key) {
                Some((_, _, limit)) => *limit = (*limit).max(run.timeout),
                None => limits.push((key, &run.command, run.timeout)),
            }
        }
        // One build for every program the book shows (a release one apart), then the
        // programs side by side.
        let all = limits.iter().any(|((shown, _), _, _)| !shown.release);
        let built = all.then(|| programs::build_all(project, &origins));
        let printed = parallel::map(&limits, |(key, command, limit)| {
            let (shown, merged) = key;
            let executable = match &built {
                Some(built) if !shown.release => built.executable(&shown.bin),
                _ => programs::build(project, shown, &origins),
            };
            let result = executable.and_then(|executable| {
                programs::run(project, &executable, shown, command, *limit, *merged, &origins)
            });
            (key.clone(), result)
        });
        let printed = printed.into_iter().collect();
        Transcript(printed)
    }

    /// What the program `bin` of `package` printed on stdout, run in a dev build with no
    /// arguments and its stderr apart, if a chapter shows it so and it succeeded.
    pub fn stdout_of(&self, package: &str, bin: &str) -> Option<&str> {
        self.0.iter().find_map(|((shown, merged), printed)| {
            let same = shown.bin == bin
                && shown.package.as_deref().is_none_or(|p| p == package)
                && !shown.release
                && shown.args.is_empty()
                && !merged;
            printed.as_deref().ok().filter(|_| same)
        })
    }

    fn printed(&self, run: &Run) -> &Result<String, Vec<Failure>> {
        &self.0[&(run.shown.clone(), run.stderr)]
    }
}

/// Problems for every shown command that fails or prints something other than its block.
pub fn check(chapters: &[Chapter], transcript: &Transcript) -> Problems {
    let mut problems = failures(chapters, transcript);
    for chapter in chapters {
        for run in &chapter.runs {
            let Ok(printed) = transcript.printed(run) else {
                continue;
            };
            let actual: Vec<&str> = printed.lines().collect();
            if let Some(index) = mismatch(&run.expected, &actual) {
                let message = format!(
                    "`{}` printed something else (`cargo xtask bless` takes what it prints):\n{}",
                    run.command,
                    diff(&run.expected, &actual, index)
                );
                problems.push(Problem::new(&chapter.path, run.line + 1 + index, message));
            }
        }
    }
    problems
}

/// Every failure of a shown program, once each, at its line.
fn failures(chapters: &[Chapter], transcript: &Transcript) -> Problems {
    let mut problems: Problems = vec![];
    for chapter in chapters {
        for run in &chapter.runs {
            let Err(failures) = transcript.printed(run) else {
                continue;
            };
            for failure in failures {
                let problem = failure.clone().problem(&chapter.path, run.line);
                if !problems.contains(&problem) {
                    problems.push(problem);
                }
            }
        }
    }
    problems
}

/// A unified diff of the expected and printed lines around the first difference, at
/// `index` in `expected`: bounded, however much was printed.
fn diff(expected: &[String], actual: &[&str], index: usize) -> String {
    const CONTEXT: usize = 3;
    const SHOWN: usize = 40;
    let from = index.saturating_sub(CONTEXT);
    let window = |len: usize| from.min(len)..(index + SHOWN).min(len);
    let expected_window: String =
        expected[window(expected.len())].iter().map(|l| format!("{}\n", clip(l))).collect();
    let actual_window: String =
        actual[window(actual.len())].iter().map(|l| format!("{}\n", clip(l))).collect();
    let text = TextDiff::configure()
        .timeout(Duration::from_secs(1))
        .diff_lines(&expected_window, &actual_window)
        .unified_diff()
        .header("chapter", "printed")
        .to_string();
    let lines: Vec<&str> = text.lines().collect();
    let mut shown = lines[..lines.len().min(SHOWN)].join("\n") + "\n";
    if lines.len() > SHOWN || expected.len() > index + SHOWN || actual.len() > index + SHOWN {
        shown.push_str(&format!(
            "(the diff is cut short: the block has {} lines, the program printed {})\n",
            expected.len(),
            actual.len()
        ));
    }
    shown
}

/// Rewrites the output blocks that differ with what their commands print. Writes nothing
/// if any shown command fails, or if a block cannot be rewritten in place. Returns the
/// chapters it rewrote.
pub fn bless(
    project: &Project,
    chapters: &[Chapter],
    transcript: &Transcript,
) -> Result<Vec<String>, Problems> {
    let failures = failures(chapters, transcript);
    if !failures.is_empty() {
        return Err(failures);
    }
    let mut rewrites = vec![];
    for chapter in chapters {
        let mut source = chapter.source.clone();
        let mut intended = vec![];
        // From the last block to the first, so earlier byte ranges stay valid.
        for run in chapter.runs.iter().rev() {
            let Ok(printed) = transcript.printed(run) else {
                unreachable!("failures were ruled out above");
            };
            let actual: Vec<&str> = printed.lines().collect();
            let lines = if mismatch(&run.expected, &actual).is_some() {
                let lines = blessed_output(&run.expected, &actual);
                let text: String = lines.iter().map(|l| indented(&run.indent, l)).collect();
                source.replace_range(run.output.clone(), &text);
                lines
            } else {
                run.expected.clone()
            };
            intended.push((run.line, lines));
        }
        if source != chapter.source {
            intended.reverse();
            check_rewrite(chapter, &source, &intended)?;
            rewrites.push((chapter.path.clone(), source));
        }
    }
    let mut rewritten = vec![];
    for (path, source) in rewrites {
        files::write_atomic(&project.path(&path), source.as_bytes())
            .map_err(|e| vec![Problem::io(Path::new(&path), "write it", e)])?;
        rewritten.push(path);
    }
    Ok(rewritten)
}

/// A line of output as it stands in the chapter, after the block's indentation.
fn indented(indent: &str, line: &str) -> String {
    if line.is_empty() { format!("{}\n", indent.trim_end()) } else { format!("{indent}{line}\n") }
}

/// Refuses a rewritten chapter unless it reads back as the same blocks with the new output
/// (a program's output could otherwise close its block early, or open a new command).
fn check_rewrite(
    chapter: &Chapter,
    source: &str,
    intended: &[(usize, Vec<String>)],
) -> Result<(), Problems> {
    let reread = Chapter::parse(&chapter.path, source.to_string()).ok();
    let runs = reread.as_ref().map(|c| c.runs.as_slice()).unwrap_or(&[]);
    for (i, (line, lines)) in intended.iter().enumerate() {
        if runs.get(i).is_none_or(|run| run.expected != *lines) {
            let message = "`cargo xtask bless` cannot write this command's output into its block: the output would not read back as the same lines (does it print ``` or a `$ ` line, or is the block indented oddly?)";
            return Err(vec![Problem::new(&chapter.path, *line, message)]);
        }
    }
    Ok(())
}
