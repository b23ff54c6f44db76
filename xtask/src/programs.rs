//! The programs the chapters run: built by cargo, then run by the xtask itself, within
//! limits ([`crate::process`]). A compile error or a panic in generated code is reported at
//! the chapter line that holds the code, with the generated file's line beside it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use std::{fs, io, thread};

use serde_json::Value;

use crate::cargo;
use crate::grammar::Shown;
use crate::problem::Problem;
use crate::process::{self, Ended, Limits};
use crate::project::Project;
use crate::tangle::Generated;

/// Something wrong with a program: at the chapter line of the code to blame, when a line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The chapter file and line of the code to blame; `None` when no line of code is, and
    /// the failure belongs wherever the program is run from.
    pub at: Option<(String, usize)>,
    pub message: String,
}

impl Failure {
    /// A failure of the code at `at`, a chapter file and line.
    pub fn at(at: (String, usize), message: impl Into<String>) -> Self {
        Failure { at: Some(at), message: message.into() }
    }

    /// A failure no line of code is to blame for (a timeout, a build that cannot start).
    pub fn unplaced(message: impl Into<String>) -> Self {
        Failure { at: None, message: message.into() }
    }

    /// The problem to report: at the code to blame, else at `file:line`, where it is run from.
    pub fn problem(self, file: &str, line: usize) -> Problem {
        let (file, line) = self.at.unwrap_or_else(|| (file.to_string(), line));
        Problem::new(file, line, self.message)
    }
}

/// Where the lines of the generated files come from.
pub struct Origins<'a>(pub &'a [Generated]);

impl Origins<'_> {
    /// The chapter and line that line `line` of the generated file `file` came from.
    pub fn locate(&self, file: &str, line: usize) -> Option<(String, usize)> {
        let generated = self.0.iter().find(|g| g.path == file)?;
        generated.origins.get(line.checked_sub(1)?).cloned()
    }

    /// The chapter line of a generated `file:line`, else that place itself.
    fn place(&self, file: &str, line: usize) -> (String, usize) {
        self.locate(file, line).unwrap_or_else(|| (file.to_string(), line))
    }
}

/// What one `cargo build` gave: each binary it built, by name, and the compile errors that
/// kept the others from building.
pub struct Built {
    executables: HashMap<String, PathBuf>,
    failures: Vec<Failure>,
}

impl Built {
    /// The executable of binary `bin`, or why there is none.
    pub fn executable(&self, bin: &str) -> Result<PathBuf, Vec<Failure>> {
        match self.executables.get(bin) {
            Some(executable) => Ok(executable.clone()),
            None if !self.failures.is_empty() => Err(self.failures.clone()),
            None => Err(vec![Failure::unplaced(format!("the workspace has no binary `{bin}`"))]),
        }
    }
}

/// Builds every binary of the workspace in one run of cargo (one run, not one a program,
/// each of which costs cargo's check that nothing changed). `--keep-going`, so a compile
/// error in one crate leaves the others' programs built, and each failure is found once.
pub fn build_all(project: &Project, origins: &Origins) -> Built {
    cargo_build(project, &["--workspace", "--bins", "--keep-going"], origins)
}

/// Builds the program `shown` names; returns its executable.
pub fn build(project: &Project, shown: &Shown, origins: &Origins) -> Result<PathBuf, Vec<Failure>> {
    let mut args = vec![];
    if shown.release {
        args.push("--release");
    }
    if let Some(package) = &shown.package {
        args.extend(["-p", package]);
    }
    args.extend(["--bin", &shown.bin]);
    cargo_build(project, &args, origins).executable(&shown.bin)
}

/// `cargo build ARGS`, with each compile error placed at its chapter line.
fn cargo_build(project: &Project, args: &[&str], origins: &Origins) -> Built {
    let mut command = cargo::command(project, "build", &["--quiet", "--message-format=json"]);
    command.args(args);
    let failed = |message: String| Built {
        executables: HashMap::new(),
        failures: vec![Failure::unplaced(message)],
    };
    let ended = match process::run(command, process::BUILD, false) {
        Ok(ended) => ended,
        Err(e) => return failed(format!("cannot start cargo: {e}")),
    };
    let (success, stdout, stderr) = match ended {
        Ended::Exited { status, stdout, stderr } => (status.success(), stdout, stderr),
        Ended::TimedOut { .. } => {
            let limit = process::BUILD.time.as_secs() / 60;
            return failed(format!("building it took over {limit} minutes: stopped"));
        }
        Ended::PrintedTooMuch => {
            let cap = process::BUILD.output >> 20;
            return failed(format!("building it printed over {cap} MiB: stopped"));
        }
    };
    let messages: Vec<Value> =
        stdout.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    // cargo reports an artifact only once it is built, so each one listed is sound.
    let executables = messages
        .iter()
        .filter(|m| m["reason"] == "compiler-artifact")
        .filter_map(|m| {
            let name = m["target"]["name"].as_str()?;
            Some((name.to_string(), PathBuf::from(m["executable"].as_str()?)))
        })
        .collect();
    let mut failures: Vec<Failure> =
        messages.iter().filter_map(|m| compile_error(m, origins)).collect();
    // Errors with a place make rustc's closing "aborting due to…" line redundant.
    if failures.iter().any(|f| f.at.is_some()) {
        failures.retain(|f| f.at.is_some());
    }
    if !success && failures.is_empty() {
        failures.push(Failure::unplaced(format!("building it failed:\n{}", tail(&stderr, 20))));
    }
    Built { executables, failures }
}

/// A compile error of cargo's JSON messages, at the chapter line of its code.
fn compile_error(message: &Value, origins: &Origins) -> Option<Failure> {
    let diagnostic = &message["message"];
    if message["reason"] != "compiler-message" || diagnostic["level"] != "error" {
        return None;
    }
    let rendered = diagnostic["rendered"].as_str().unwrap_or("");
    let rendered = tail(&head(rendered, 30), 30);
    let spans = diagnostic["spans"].as_array().map_or(&[][..], Vec::as_slice);
    let span = spans.iter().find(|s| s["is_primary"] == true);
    let Some(span) = span else {
        return Some(Failure::unplaced(format!("does not compile:\n{rendered}")));
    };
    let file = span["file_name"].as_str().unwrap_or("");
    let line = span["line_start"].as_u64().map_or(0, |n| n as usize);
    let place = origins.place(file, line);
    Some(Failure::at(place, format!("does not compile ({file}:{line}):\n{rendered}")))
}

/// Runs a built program from the project root within `limit`; returns what it printed
/// (stdout, or with `merged` stdout and stderr interleaved).
pub fn run(
    project: &Project,
    executable: &Path,
    shown: &Shown,
    command: &str,
    limit: Duration,
    merged: bool,
    origins: &Origins,
) -> Result<String, Vec<Failure>> {
    let pinned = Pinned::new(executable)
        .map_err(|e| vec![Failure::unplaced(format!("cannot start `{command}`: {e}"))])?;
    let mut program = Command::new(pinned.path());
    program.current_dir(&project.root).args(&shown.args);
    let ended = process::run(program, Limits { time: limit, ..process::PROGRAM }, merged)
        .map_err(|e| vec![Failure::unplaced(format!("cannot start `{command}`: {e}"))])?;
    match ended {
        Ended::Exited { status, stdout, stderr } if status.success() => {
            if stderr.is_empty() {
                Ok(stdout)
            } else {
                Err(vec![Failure::unplaced(format!(
                    "`{command}` printed to stderr, which a reader sees too: make it quiet, or show it by opening the block with ```console,stderr. It printed:\n{}",
                    tail(&head(&stderr, 10), 10)
                ))])
            }
        }
        Ended::Exited { status, stdout, stderr } => {
            let report = if merged { &stdout } else { &stderr };
            if let Some(failure) = panic(report, command, origins) {
                return Err(vec![failure]);
            }
            Err(vec![Failure::unplaced(format!(
                "`{command}` failed ({status}):\n{}",
                tail(report, 20)
            ))])
        }
        Ended::TimedOut { stdout, .. } => Err(vec![Failure::unplaced(format!(
            "`{command}` was stopped after {} s, its time limit; if it needs longer, open the block with ```console,timeout:SECONDS. {}",
            limit.as_secs(),
            if stdout.is_empty() {
                "It printed nothing.".to_string()
            } else {
                format!("Its last lines:\n{}", tail(&stdout, 5))
            }
        ))]),
        Ended::PrintedTooMuch => Err(vec![Failure::unplaced(format!(
            "`{command}` printed more than {} KiB, the most a shown program may print: it was stopped",
            process::PROGRAM.output / 1024
        ))]),
    }
}

/// A panic in `stderr` (`panicked at FILE:LINE:COLUMN:`), at the chapter line of its code.
pub fn panic(stderr: &str, command: &str, origins: &Origins) -> Option<Failure> {
    let (_, rest) = stderr.split_once("panicked at ")?;
    let (place, message) = rest.split_once('\n').unwrap_or((rest, ""));
    let mut parts = place.trim_end_matches(':').rsplitn(3, ':');
    let (_column, line, file) = (parts.next()?, parts.next()?.parse().ok()?, parts.next()?);
    let located = origins.locate(file, line)?;
    let message =
        message.lines().take_while(|l| !l.starts_with("note: ") && *l != "stack backtrace:");
    let message: Vec<String> = message.take(10).map(clip).collect();
    Some(Failure::at(
        located,
        format!("`{command}` panicked here ({file}:{line}):\n    {}", message.join("\n    ")),
    ))
}

/// The first `n` lines of `text`.
fn head(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out =
        lines[..lines.len().min(n)].iter().map(|l| clip(l)).collect::<Vec<_>>().join("\n");
    if lines.len() > n {
        out.push_str(&format!("\n({} more lines)", lines.len() - n));
    }
    out
}

/// The last `n` lines of `text`, indented.
pub fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let shown: Vec<String> =
        lines[lines.len().saturating_sub(n)..].iter().map(|l| format!("    {}", clip(l))).collect();
    shown.join("\n")
}

/// A line cut to at most 300 characters, so no error message is megabytes long.
pub fn clip(line: &str) -> String {
    match line.char_indices().nth(300) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line.to_string(),
    }
}

/// A second name for a built program, kept while it runs and removed when dropped. Another
/// build running beside it (the tests', whose features can differ) may put a different
/// build of the same program at the first name meanwhile; a program that runs itself again
/// through `current_exe` (chapter 11's `ch11-layout`, chapter 12's bench) would then find its
/// file gone. A hard link keeps the file it was made from.
pub struct Pinned(PathBuf);

impl Pinned {
    pub fn new(executable: &Path) -> io::Result<Pinned> {
        static MADE: AtomicUsize = AtomicUsize::new(0);
        let name = executable.file_name().and_then(|n| n.to_str()).unwrap_or("program");
        let made = MADE.fetch_add(1, Ordering::Relaxed);
        let link = executable.with_file_name(format!(".run-{}-{made}-{name}", std::process::id()));
        // The other build may be between removing the file and putting its own: wait a little.
        for _ in 0..50 {
            match fs::hard_link(executable, &link) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    thread::sleep(Duration::from_millis(20));
                }
                linked => return linked.map(|()| Pinned(link)),
            }
        }
        fs::hard_link(executable, &link).map(|()| Pinned(link))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Pinned {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pinned_program_outlives_its_file_being_replaced() {
        let dir = std::env::temp_dir().join(format!("pinned-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let built = dir.join("program");
        fs::write(&built, "the first build").unwrap();
        let pinned = Pinned::new(&built).unwrap();
        // Another build replaces the file, as cargo does: removed, then written anew.
        fs::remove_file(&built).unwrap();
        fs::write(&built, "another build").unwrap();
        assert_eq!(fs::read_to_string(pinned.path()).unwrap(), "the first build");
        let link = pinned.path().to_path_buf();
        drop(pinned);
        assert!(!link.exists(), "the second name goes when the run is over");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failure_is_reported_at_its_code_or_else_where_it_runs() {
        let placed = Failure::at(("chapters/05-x.md".into(), 12), "does not compile");
        let unplaced = Failure::unplaced("was stopped");
        assert_eq!(
            placed.problem("chapters/05-x.md", 40),
            Problem::new("chapters/05-x.md", 12, "does not compile")
        );
        assert_eq!(
            unplaced.problem("chapters/05-x.md", 40),
            Problem::new("chapters/05-x.md", 40, "was stopped")
        );
    }
}
