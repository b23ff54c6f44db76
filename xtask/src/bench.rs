//! `cargo xtask bench`: the engines of chapters 11 and 12 timed on one step of chapter 10's demo, side
//! by side with the original micrograd in Python, as a table and as CSV files; and verify's
//! check that the benchmark still has the shape the figures of chapters 11 and 12 expect.
//!
//! The Rust rows come from chapter 12's program `ch12-bench` (its records:
//! [`records`]). The Python rows come from `bench/original.py`, run in a virtual
//! environment that holds micrograd 0.1.0 from PyPI, set up once under target/. Where
//! there is no Python, or no network to install micrograd, the table has the Rust rows only.
//! Timings are never checked, only the shape: they belong to the machine that made them.

pub mod each_step;
pub mod gpt;
pub mod records;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::chapter::Chapter;
use crate::files;
use crate::grammar::Shown;
use crate::problem::{Problem, Problems};
use crate::process::{self, Ended, Limits};
use crate::programs::{self, Failure, Origins, clip};
use crate::project::Project;
use crate::tangle;
use records::{Original, PYTHON_DEFAULT, PYTHON_TUNED, Records, Row};

/// The crate and program of chapter 12 that time the engines of chapters 11 and 12, and where the program lives.
const PACKAGE: &str = "ch12-tape";
const PROGRAM: &str = "ch12-bench";
const SOURCE: &str = "crates/ch12-tape/src/bin/ch12-bench.rs";
const CH12: Program = Program { package: PACKAGE, name: PROGRAM, source: SOURCE };

/// A program `bench` runs: its crate, its name, and where its code lives.
struct Program {
    package: &'static str,
    name: &'static str,
    source: &'static str,
}
/// Where `--record` writes the CSV files, for the figures programs of chapters 11 and 12.
const RECORDED: &str = "crates/ch12-tape/data";
/// Where every run writes them, and the timing script and its virtual environment.
const SCRATCH: &str = "target/bench";
const VENV: &str = "target/bench/venv";
/// The original's data and starting parameters, as chapter 10 keeps them.
const MOONS: &str = "crates/ch10-moons/data/moons.txt";
const MICROGRAD: &str = "micrograd==0.1.0";
/// The script that times the original's step.
const SCRIPT: &str = include_str!("bench/original.py");

/// Timed steps per engine unless `--steps` says otherwise.
pub const DEFAULT_STEPS: usize = 20;
/// How many times each engine, and the original, is timed unless `--runs` says otherwise,
/// each time in a fresh process: the table gives the median of their medians, and the
/// fastest and slowest.
pub const DEFAULT_RUNS: usize = 3;

/// A release run of every engine, however many steps: the slowest engine's steps, and its
/// million-deep chain, take seconds, so only a stuck program meets this.
const RUN: Limits = Limits { time: Duration::from_secs(3600), output: process::OUTPUT_CAP };
/// verify's run, one step in a dev build: about a minute at most on a busy machine.
const QUICK: Limits = Limits { time: Duration::from_secs(600), output: process::OUTPUT_CAP };
/// Creating the virtual environment, or installing micrograd into it.
const SETUP: Limits = Limits { time: Duration::from_secs(300), output: process::OUTPUT_CAP };

/// What `cargo xtask bench` was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub steps: usize,
    pub runs: usize,
    pub record: bool,
    pub tables: Tables,
}

/// Which tables to time: all unless `--moons`, `--gpt` or `--each-step` picks one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tables {
    All,
    Moons,
    Gpt,
    EachStep,
}

impl Options {
    /// Reads `[--steps N] [--runs N] [--record] [--moons | --gpt | --each-step]`.
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options {
            steps: DEFAULT_STEPS,
            runs: DEFAULT_RUNS,
            record: false,
            tables: Tables::All,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut number = |what: &str| {
                args.next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .ok_or(format!("`{arg}` needs a number of {what} after it, 1 or more"))
            };
            match arg.as_str() {
                "--record" => options.record = true,
                "--moons" | "--gpt" | "--each-step" if options.tables != Tables::All => {
                    return Err(
                        "`--moons`, `--gpt` and `--each-step` each pick one table: give one".into(),
                    );
                }
                "--moons" => options.tables = Tables::Moons,
                "--gpt" => options.tables = Tables::Gpt,
                "--each-step" => options.tables = Tables::EachStep,
                "--steps" => options.steps = number("steps")?,
                "--runs" => options.runs = number("runs")?,
                other => {
                    return Err(format!(
                        "`bench` takes `--steps N`, `--runs N`, `--record`, and `--moons`, `--gpt` or `--each-step`, not `{other}`"
                    ));
                }
            }
        }
        Ok(options)
    }
}

/// Times every engine and, where Python can, the original; prints the table and writes
/// the CSV files.
pub fn bench(project: &Project, options: &Options) -> Result<(), Problems> {
    let started = Instant::now();
    let chapters = project.chapters()?;
    let table = |one: Tables| options.tables == Tables::All || options.tables == one;
    if table(Tables::Moons) && !project.path(SOURCE).is_file() {
        let message = format!("there is no `{PROGRAM}` program to run: chapter 12 writes it");
        return Err(vec![Problem::new(SOURCE, 0, message)]);
    }
    let steps = options.steps;
    // Read before the run loads the machine.
    let averages = fs::read_to_string("/proc/loadavg").ok();
    let load =
        first_line(averages.map(|a| a.split_whitespace().take(3).collect::<Vec<_>>().join(" ")));
    let python = venv(project);
    let run = [options.runs, steps].map(|n| n.to_string());
    let environment = records::environment_csv(&environment(&run, python.as_deref(), load.clone()));
    let Options { runs, record, .. } = *options;
    if table(Tables::Moons) {
        moons(project, &chapters, python.as_deref(), options, &environment)?;
    }
    if table(Tables::Gpt) {
        let gpt = gpt::Run { python: python.as_deref(), steps, runs, record };
        gpt::bench(project, &chapters, &gpt, &environment)?;
    }
    if table(Tables::EachStep) {
        each_step::bench(project, &chapters, runs, record, &load)?;
    }
    eprintln!("xtask: benchmarked in {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// The first table: chapter 10's demo with every engine of chapters 11 and 12, and the
/// original where `python` can run it; printed, and written as CSV files.
fn moons(
    project: &Project,
    chapters: &[Chapter],
    python: Option<&Path>,
    options: &Options,
    environment: &str,
) -> Result<(), Problems> {
    let Options { steps, runs, .. } = *options;
    eprintln!(
        "xtask: building {PROGRAM} (release), then timing each engine over {}, {runs} times",
        count(steps)
    );
    let args = arguments(steps, runs, &[]);
    let printed = run(project, chapters, &CH12, true, &args, None)?;
    let records =
        records::parse(&format!("what `{}` printed", command(&CH12, true, &args)), &printed)?;
    let rows = records::rows(&originals(project, python, steps, runs), &records);
    print!("{}", table(&rows, &records));
    let bench = records::bench_csv(&rows);
    let phases = records::phases_csv(&records);
    let mut folders = vec![SCRATCH];
    if options.record {
        folders.push(RECORDED);
    }
    for folder in folders {
        let files = [
            ("bench.csv", bench.as_str()),
            ("phases.csv", &phases),
            ("environment.csv", environment),
        ];
        for (name, text) in files {
            write(project, &format!("{folder}/{name}"), text)?;
        }
    }
    Ok(())
}

/// Where a chapter keeps one table of `cargo xtask bench`: the CSV, the machine and
/// versions it ran on, and the flag that times that table alone.
struct Recorded {
    table: &'static str,
    environment: &'static str,
    flag: &'static str,
}

impl Recorded {
    /// Writes the table's CSV `text` into target/bench/ and, to record it, `text` and the
    /// machine's `environment` where the chapter keeps them.
    fn write(
        &self,
        project: &Project,
        text: &str,
        environment: &str,
        record: bool,
    ) -> Result<(), Problems> {
        let name = Path::new(self.table)
            .file_name()
            .map_or_else(|| self.table.to_string(), |name| name.to_string_lossy().into_owned());
        let mut files = vec![(format!("{SCRATCH}/{name}"), text)];
        if record {
            files.push((self.table.to_string(), text));
            files.push((self.environment.to_string(), environment));
        }
        for (path, text) in files {
            write(project, &path, text)?;
        }
        Ok(())
    }

    /// verify's reading of the recorded files: `check_table` on the CSV, `check_machine`
    /// on the environment beside it; a missing file says which command writes it.
    fn check(
        &self,
        project: &Project,
        check_table: impl Fn(&str, &str) -> Problems,
        check_machine: impl Fn(&str, &str) -> Problems,
    ) -> Result<(), Problems> {
        let command = format!("cargo xtask bench {} --record", self.flag);
        let mut problems = check_recorded(project, self.table, &command, check_table);
        problems.extend(check_recorded(project, self.environment, &command, check_machine));
        if problems.is_empty() { Ok(()) } else { Err(problems) }
    }
}

/// verify's reading of one recorded file: `check` on its path and text, or, if it cannot be
/// read, the problem with the `command` that writes it.
fn check_recorded(
    project: &Project,
    path: &str,
    command: &str,
    check: impl Fn(&str, &str) -> Problems,
) -> Problems {
    match project.read(path) {
        Ok(text) => check(path, &text),
        Err(found) => found
            .into_iter()
            .map(|mut problem| {
                problem.message.push_str(&format!(": `{command}` writes it"));
                problem
            })
            .collect(),
    }
}

/// Writes `text` to `path` (from the project's root) atomically, and says so.
fn write(project: &Project, path: &str, text: &str) -> Result<(), Problems> {
    files::write_atomic(&project.path(path), text.as_bytes())
        .map_err(|e| vec![Problem::io(Path::new(path), "write it", e)])?;
    eprintln!("xtask: wrote {path}");
    Ok(())
}

/// verify's step: runs `ch12-bench --steps 1` (dev build), checks the shape of its records,
/// and that the recorded CSV files name exactly its engines and phases, in order. Skipped
/// until a chapter writes the program; required from then on.
pub fn check(project: &Project, chapters: &[Chapter]) -> Result<(), Problems> {
    if !written(project, chapters, &CH12)? {
        return Ok(());
    }
    let args = arguments(1, 1, &[]);
    let printed = run(project, chapters, &CH12, false, &args, None)?;
    let records =
        records::parse(&format!("what `{}` printed", command(&CH12, false, &args)), &printed)?;
    let mut problems = vec![];
    let checks: [(&str, CsvCheck); 3] = [
        ("bench.csv", records::check_bench_csv),
        ("phases.csv", records::check_phases_csv),
        ("environment.csv", records::check_environment_csv),
    ];
    for (name, check) in checks {
        let path = format!("{RECORDED}/{name}");
        let command = "cargo xtask bench --record";
        let check = |path: &str, text: &str| check(path, text, &records);
        problems.extend(check_recorded(project, &path, command, check));
    }
    for check in [gpt::check, each_step::check] {
        if let Err(found) = check(project, chapters) {
            problems.extend(found);
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}

/// A check of a recorded CSV file's text against a run's records.
type CsvCheck = fn(&str, &str, &Records) -> Problems;

/// "1 step", "20 steps".
fn count(steps: usize) -> String {
    format!("{steps} step{}", if steps == 1 { "" } else { "s" })
}

/// `--steps STEPS --runs RUNS`, then `more`.
fn arguments(steps: usize, runs: usize, more: &[&str]) -> Vec<String> {
    let args = ["--steps", &steps.to_string(), "--runs", &runs.to_string()].map(String::from);
    args.into_iter().chain(more.iter().map(|a| a.to_string())).collect()
}

/// Whether `program`'s code exists. Before any chapter writes its crate, it does not, and
/// verify says it skipped it; once that chapter exists, a missing program is an error at
/// the chapter.
fn written(project: &Project, chapters: &[Chapter], program: &Program) -> Result<bool, Problems> {
    let Program { package, name, source } = program;
    if project.path(source).is_file() {
        return Ok(true);
    }
    match chapters.iter().find(|c| c.crate_name == *package) {
        Some(chapter) => Err(vec![Problem::new(
            &chapter.path,
            1,
            format!(
                "the chapter has no `{name}` program ({source}), which `cargo xtask bench` runs: write it"
            ),
        )]),
        None => {
            eprintln!("xtask: skipped: no chapter writes `{name}` yet");
            Ok(false)
        }
    }
}

/// The command that runs the program, as a reader would type it.
fn command(program: &Program, release: bool, args: &[String]) -> String {
    let release = if release { " --release" } else { "" };
    let Program { package, name, .. } = program;
    format!("cargo run{release} -p {package} --bin {name} -- {}", args.join(" "))
}

/// Builds the program and runs it with `args`, and with `GLIBC_TUNABLES` set to `tunables`
/// if given; returns what it printed on stdout. A release run shows the program's progress
/// (its stderr) as it goes.
fn run(
    project: &Project,
    chapters: &[Chapter],
    program: &Program,
    release: bool,
    args: &[String],
    tunables: Option<&str>,
) -> Result<String, Problems> {
    let generated = tangle::generate(chapters).unwrap_or_default();
    let origins = Origins(&generated);
    // Problems with no line of code to blame are put at the start of the program's code.
    let home = chapters
        .iter()
        .flat_map(|c| c.fences.iter().map(move |f| (c, f)))
        .find(|(_, f)| format!("crates/{}/{}", f.crate_name, f.file) == program.source)
        .map_or((program.source.to_string(), 0), |(c, f)| (c.path.clone(), f.line));
    let failed = |failures: Vec<Failure>| -> Problems {
        failures.into_iter().map(|failure| failure.problem(&home.0, home.1)).collect()
    };
    let shown = Shown {
        package: Some(program.package.into()),
        bin: program.name.into(),
        release,
        args: args.to_vec(),
    };
    let executable = programs::build(project, &shown, &origins).map_err(failed)?;
    let typed = command(program, release, args);
    let pinned = programs::Pinned::new(&executable)
        .map_err(|e| failed(vec![Failure::unplaced(format!("cannot start `{typed}`: {e}"))]))?;
    let mut program = Command::new(pinned.path());
    program.current_dir(&project.root).args(&shown.args);
    if let Some(tunables) = tunables {
        program.env("GLIBC_TUNABLES", tunables);
    }
    let ended = if release {
        process::run_showing_stderr(program, RUN)
    } else {
        process::run(program, QUICK, false)
    };
    let ended = ended
        .map_err(|e| failed(vec![Failure::unplaced(format!("cannot start `{typed}`: {e}"))]))?;
    let failure = match ended {
        Ended::Exited { status, stdout, .. } if status.success() => return Ok(stdout),
        Ended::Exited { status, stderr, .. } => match programs::panic(&stderr, &typed, &origins) {
            Some(failure) => failure,
            None if stderr.is_empty() => Failure::unplaced(format!("`{typed}` failed ({status})")),
            None => Failure::unplaced(format!(
                "`{typed}` failed ({status}):\n{}",
                programs::tail(&stderr, 20)
            )),
        },
        Ended::TimedOut { .. } => {
            let limit = if release { RUN.time } else { QUICK.time };
            Failure::unplaced(format!("`{typed}` was stopped after {} s", limit.as_secs()))
        }
        Ended::PrintedTooMuch => {
            Failure::unplaced(format!("`{typed}` printed too much: it was stopped"))
        }
    };
    Err(failed(vec![failure]))
}

/// The first line of a text, trimmed; `unknown` for none.
fn first_line(text: Option<String>) -> String {
    let line = text.as_deref().and_then(|t| t.lines().next()).map(str::trim);
    line.filter(|l| !l.is_empty()).unwrap_or("unknown").to_string()
}

/// What a command prints (stdout, else stderr), first line; `unknown` if it cannot run.
fn version(program: impl AsRef<std::ffi::OsStr>, args: &[&str]) -> String {
    let output = Command::new(program).args(args).stdin(Stdio::null()).output().ok();
    let text = output.map(|o| if o.stdout.is_empty() { o.stderr } else { o.stdout });
    first_line(text.map(|t| String::from_utf8_lossy(&t).into_owned()))
}

/// How a run was made (`run`: its processes per engine and steps in each), the machine
/// and the versions, in `records::ENVIRONMENT`'s order.
fn environment(run: &[String], python: Option<&Path>, load: String) -> Vec<String> {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name").and_then(|rest| rest.split_once(':')))
        .map_or("unknown".to_string(), |(_, model)| model.trim().to_string());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get()).to_string();
    let caches = caches();
    let release = fs::read_to_string("/etc/os-release").unwrap_or_default();
    let name = release
        .lines()
        .find_map(|l| l.strip_prefix("PRETTY_NAME="))
        .map_or(std::env::consts::OS, |n| n.trim_matches('"'));
    let os = format!("{name}, {}", std::env::consts::ARCH);
    let libc = if cfg!(target_os = "linux") { version("ldd", &["--version"]) } else { "-".into() };
    let (python, micrograd) = match python {
        Some(python) => (
            version(python, &["--version"]),
            version(
                python,
                &["-c", "import importlib.metadata as m; print(m.version('micrograd'))"],
            ),
        ),
        None => ("-".into(), "-".into()),
    };
    let rustc = version("rustc", &["--version"]);
    let machine = [cpu, cores, caches, os, libc, rustc, python, micrograd, load];
    run.iter().cloned().chain(machine).collect()
}

/// The first core's caches, as Linux lists them (`L1 Data 48K, …, L3 Unified 32768K`):
/// how much of a step's graph stays near the processor. `unknown` where Linux does not say.
fn caches() -> String {
    let read = |index: usize, what: &str| {
        let path = format!("/sys/devices/system/cpu/cpu0/cache/index{index}/{what}");
        fs::read_to_string(path).ok().map(|text| text.trim().to_string())
    };
    let caches: Vec<String> = (0..8)
        .map_while(|index| {
            Some(format!(
                "L{} {} {}",
                read(index, "level")?,
                read(index, "type")?,
                read(index, "size")?
            ))
        })
        .collect();
    if caches.is_empty() { "unknown".into() } else { caches.join(", ") }
}

/// The original's two rows, default collector then tuned, each where it could be timed.
fn originals(project: &Project, python: Option<&Path>, steps: usize, runs: usize) -> Vec<Original> {
    let Some(python) = python else {
        return vec![];
    };
    let script = format!("{SCRATCH}/original.py");
    if let Err(e) = files::update(&project.path(&script), SCRIPT.as_bytes()) {
        eprintln!("xtask: cannot write {script} ({e}): the table has the Rust rows only");
        return vec![];
    }
    let mut timed = vec![];
    'modes: for (mode, name, collector) in [
        ("default", PYTHON_DEFAULT, "its collector as it comes"),
        ("tuned", PYTHON_TUNED, "its collector tuned"),
    ] {
        eprintln!(
            "xtask: timing the original micrograd's step in Python, {collector}, over {}, {runs} times",
            count(steps)
        );
        let mut timings = vec![];
        for _ in 0..runs {
            let mut command = Command::new(python);
            command.current_dir(&project.root).arg(&script).args([MOONS, &steps.to_string(), mode]);
            // A default step takes about 2 s here; allow for a much slower machine.
            let limits = Limits { time: Duration::from_secs(300 + 60 * steps as u64), ..SETUP };
            match quietly(command, limits).and_then(|printed| records::original(&printed, mode)) {
                Ok(run) => timings.push(run),
                Err(reason) => {
                    eprintln!("xtask: the original's step, {collector}, was not timed: {reason}");
                    continue 'modes;
                }
            }
        }
        let nodes = timings[0].1.clone();
        let runs: Vec<&str> = timings.iter().map(|(ms, _)| ms.as_str()).collect();
        let runs = runs.join(" ");
        let [ms, fastest, slowest] =
            summarize(timings.iter().map(|(ms, _)| ms.parse().unwrap_or(f64::NAN)).collect());
        timed.push(Original { name, ms, fastest, slowest, nodes, runs });
    }
    timed
}

/// The median, fastest and slowest of runs' milliseconds, each as `{:.3}`; of an even
/// number of runs, the later of the middle two is the median, as `ch12-bench` takes it.
fn summarize(mut ms: Vec<f64>) -> [String; 3] {
    ms.sort_by(f64::total_cmp);
    [ms[ms.len() / 2], ms[0], ms[ms.len() - 1]].map(|ms| format!("{ms:.3}"))
}

/// The Python of the virtual environment with micrograd 0.1.0, set up on first use; none,
/// said in one line, where there is no python3 or the set-up fails (no network, say).
fn venv(project: &Project) -> Option<PathBuf> {
    let python3 = Command::new("python3")
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !python3.is_ok_and(|status| status.success()) {
        eprintln!(
            "xtask: no python3 here, so the original is not timed: the table has the Rust rows only"
        );
        return None;
    }
    let venv = project.path(VENV);
    let python = venv.join(if cfg!(windows) { "Scripts/python.exe" } else { "bin/python" });
    // Written once micrograd is installed, so a set-up that failed halfway is tried again.
    let ready = venv.join("micrograd-0.1.0-installed");
    if ready.is_file() {
        return Some(python);
    }
    eprintln!("xtask: setting up {VENV} with micrograd 0.1.0 from PyPI (first run only)");
    let started = Instant::now();
    let mut create = Command::new("python3");
    create.args(["-m", "venv"]).arg(&venv);
    let mut install = Command::new(&python);
    install.args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"]);
    install.args(["--retries", "1", "--timeout", "20", MICROGRAD]);
    for (what, command) in [("python3 -m venv", create), ("pip install micrograd==0.1.0", install)]
    {
        if let Err(reason) = quietly(command, SETUP) {
            eprintln!("xtask: `{what}` failed ({reason}): the table has the Rust rows only");
            return None;
        }
    }
    if let Err(e) = fs::write(&ready, "") {
        eprintln!("xtask: cannot write {} ({e})", ready.display());
    }
    eprintln!("xtask: set up {VENV} in {:.0} s", started.elapsed().as_secs_f64());
    Some(python)
}

/// Runs `command` within `limits`; what it printed, or why it failed, in a line.
fn quietly(command: Command, limits: Limits) -> Result<String, String> {
    match process::run(command, limits, false) {
        Ok(Ended::Exited { status, stdout, .. }) if status.success() => Ok(stdout),
        Ok(Ended::Exited { status, stderr, .. }) => {
            let last = stderr.lines().rev().find(|l| !l.trim().is_empty());
            Err(last.map_or_else(|| status.to_string(), |l| clip(l.trim())))
        }
        Ok(Ended::TimedOut { .. }) => Err(format!("stopped after {} s", limits.time.as_secs())),
        Ok(Ended::PrintedTooMuch) => Err("it printed too much and was stopped".into()),
        Err(e) => Err(format!("cannot start it: {e}")),
    }
}

/// The table: a row per engine, the original's first, columns aligned; then the
/// million-deep chains and the `Value` step's phases, a line each.
fn table(rows: &[Row], records: &Records) -> String {
    let dash = |field: &str| if field.is_empty() { "-".to_string() } else { field.to_string() };
    let speedups = rows.iter().any(|r| !r.faster.is_empty());
    let mut lines = vec![vec![
        "engine".to_string(),
        "ms/step".into(),
        "fastest-slowest".into(),
        "ns/node".into(),
        "bytes/node".into(),
        "faster than Python, gc tuned".into(),
    ]];
    for row in rows {
        let faster = if row.faster.is_empty() { "-".into() } else { format!("{}x", row.faster) };
        lines.push(vec![
            row.engine.clone(),
            dash(&row.ms),
            format!("{}-{}", row.fastest, row.slowest),
            dash(&row.ns),
            dash(&row.bytes),
            faster,
        ]);
    }
    let columns = if speedups { 6 } else { 5 };
    let width = |i: usize| lines.iter().map(|l| l[i].chars().count()).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns).map(width).collect();
    let mut text = String::new();
    for line in &lines {
        let mut cells = vec![format!("{:<w$}", line[0], w = widths[0])];
        cells.extend((1..columns).map(|i| format!("{:>w$}", line[i], w = widths[i])));
        text.push_str(cells.join("  ").trim_end());
        text.push('\n');
    }
    let listed = |pairs: &[(String, String)]| {
        pairs.iter().map(|(name, ms)| format!("{name} {ms}")).collect::<Vec<_>>().join(", ")
    };
    if !records.chains.is_empty() {
        text.push_str(&format!(
            "\na 1,000,000-deep chain built, backpropagated and dropped, ms: {}\n",
            listed(&records.chains)
        ));
    }
    let phases: Vec<(String, String)> =
        records.phases.iter().map(|p| (p.name.clone(), p.ms.clone())).collect();
    text.push_str(&format!("the phases of a step and the walks, ms: {}\n", listed(&phases)));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|a| a.to_string()).collect()
    }

    #[test]
    fn options_are_read_and_wrong_ones_refused() {
        let default = Options {
            steps: DEFAULT_STEPS,
            runs: DEFAULT_RUNS,
            record: false,
            tables: Tables::All,
        };
        assert_eq!(Options::parse(&[]), Ok(default));
        let given =
            Options::parse(&strings(&["--record", "--steps", "5", "--gpt", "--runs", "11"]));
        assert_eq!(given, Ok(Options { steps: 5, runs: 11, record: true, tables: Tables::Gpt }));
        let moons = Options::parse(&strings(&["--moons"])).map(|o| o.tables);
        assert_eq!(moons, Ok(Tables::Moons));
        let each = Options::parse(&strings(&["--each-step"])).map(|o| o.tables);
        assert_eq!(each, Ok(Tables::EachStep));
        for wrong in [
            &["--steps"][..],
            &["--steps", "0"],
            &["--steps", "x"],
            &["--runs", "0"],
            &["--fast"],
            &["--moons", "--gpt"],
            &["--each-step", "--moons"],
        ] {
            assert!(Options::parse(&strings(wrong)).is_err(), "{wrong:?}");
        }
    }

    #[test]
    fn the_table_aligns_its_columns() {
        let records = records::parse(
            "out",
            "engine,Value,12.345,12.000,13.000,187.6,104.0,65818,12.345\n\
             engine,hand-written,0.050,0.049,0.052,0.8,-,0,0.050\n\
             chain,Value,250.000\nphase,forward,4.000,4.000\n",
        )
        .unwrap();
        let originals = [Original {
            name: PYTHON_TUNED,
            ms: "270.000".into(),
            fastest: "260.000".into(),
            slowest: "290.500".into(),
            nodes: "65818".into(),
            runs: "260.000 270.000 290.500".into(),
        }];
        let table = table(&records::rows(&originals, &records), &records);
        let expected = "\
engine                      ms/step  fastest-slowest  ns/node  bytes/node  faster than Python, gc tuned
Python micrograd, gc tuned  270.000  260.000-290.500   4102.2           -                          1.0x
Value                        12.345    12.000-13.000    187.6       104.0                         21.9x
hand-written                  0.050      0.049-0.052      0.8           -                       5400.0x

a 1,000,000-deep chain built, backpropagated and dropped, ms: Value 250.000
the phases of a step and the walks, ms: forward 4.000
";
        assert_eq!(table, expected);
        let without = super::table(&records::rows(&[], &records), &records);
        let header = "engine        ms/step  fastest-slowest  ns/node  bytes/node\n";
        assert!(without.starts_with(header), "{without}");
    }
}
