//! The GPT table of `cargo xtask bench`: chapter 15's training of chapter 14's model, on
//! `Value`, on the tape and, where Python runs, in plain Python (`gpt.py`),
//! read from what `ch15-bench` and the script print, and written as
//! `gpt-bench.csv`.
//!
//! `ch15-bench` prints only records, one a line, comma-separated:
//!
//! ```text
//! step,ENGINE,MS PER STEP,MS FASTEST,MS SLOWEST,NODES,FIRST LOSS,LAST LOSS
//! training,ENGINE,STEPS,SECONDS,SECONDS FASTEST,SECONDS SLOWEST
//! ```
//!
//! with times to three decimals (the median, fastest and slowest of its
//! runs), NODES the sum over the timed steps of the nodes each step builds,
//! and the losses of the first and last timed steps as Rust prints an `f64`
//! (the shortest text that reads back to the same bits). The script prints
//! `gpt,MODE,MS PER STEP,NODES,FIRST LOSS,LAST LOSS` for one run, MODE
//! `default` (Python's cycle collector as it comes) or `off` (switched off
//! for the timed steps, whose graphs hold no cycles for it to free).

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::chapter::Chapter;
use crate::files;
use crate::problem::{Problem, Problems};
use crate::process::Limits;
use crate::project::Project;

use super::records::{check_environment_csv, csv, is_time, read_csv};
use super::{
    Program, Recorded, SCRATCH, arguments, command, count as steps_text, quietly, run, summarize,
    written,
};

/// The crate and program of chapter 15 that time the GPT, and its code.
pub const PACKAGE: &str = "ch15-gpt-training";
pub const PROGRAM: &str = "ch15-bench";
pub const SOURCE: &str = "crates/ch15-gpt-training/src/bin/ch15-bench.rs";
/// Where `--record` writes the table, and the machine and versions it was
/// measured with.
const RECORDED: Recorded = Recorded {
    table: "crates/ch15-gpt-training/data/gpt-bench.csv",
    environment: "crates/ch15-gpt-training/data/environment.csv",
    flag: "--gpt",
};
/// The names and starting weights the program writes for the script.
pub const START: &str = "target/bench/gpt-start.txt";
/// The script that times the same steps in Python.
pub const SCRIPT: &str = include_str!("gpt.py");
/// The script's modes and the names of their rows, the row the others are
/// compared with last: the faster of the two, so the ratios are the
/// smaller.
pub const PYTHONS: [(&str, &str); 2] = [("default", "Python"), ("off", PYTHON_OFF)];
pub const PYTHON_OFF: &str = "Python, gc off";
/// How far apart, relatively, Python's first loss and Rust's may be for
/// Python's row to count as the same work.
pub const SAME_LOSS: f64 = 1e-12;
/// The issue's targets: the tape this many times faster than Python per
/// step, and the whole training on the tape in less than this many seconds.
const TARGET_TIMES: f64 = 500.0;
const TARGET_SECONDS: f64 = 2.0;

const CH15: Program = Program { package: PACKAGE, name: PROGRAM, source: SOURCE };

/// The header of `gpt-bench.csv`.
pub const HEADER: &str = "measure,engine,steps,median,fastest,slowest,unit,nodes_per_step,first_loss,last_loss,times_faster_than_python_gc_off,times_faster_lowest,times_faster_highest";

/// What `bench` is asked for: the Python to time the script with (python3
/// if none), how many names to time a step on, how many fresh processes to
/// time each engine in, and whether to record.
pub struct Run<'a> {
    pub python: Option<&'a Path>,
    pub steps: usize,
    pub runs: usize,
    pub record: bool,
}

/// Times the GPT's training with `ch15-bench` and the script; prints the
/// table and writes `gpt-bench.csv` into target/bench/ and, to record it,
/// into the crate's data/ with the machine's `environment` (its CSV text)
/// beside it. Skipped, said in a line, until a chapter writes the program.
pub fn bench(
    project: &Project,
    chapters: &[Chapter],
    options: &Run,
    environment: &str,
) -> Result<(), Problems> {
    let Run { python, steps, runs, record } = *options;
    if !project.path(SOURCE).is_file() {
        eprintln!("xtask: no `{PROGRAM}` yet ({SOURCE}), so no GPT table");
        return Ok(());
    }
    eprintln!(
        "xtask: building {PROGRAM} (release), then timing the GPT's training over {}",
        steps_text(steps)
    );
    let args = arguments(steps, runs, &["--export", START]);
    let printed = run(project, chapters, &CH15, true, &args, None)?;
    let source = format!("what `{}` printed", command(&CH15, true, &args));
    let records = parse(&source, &printed)?;
    let python = python.unwrap_or(Path::new("python3"));
    let (mut pythons, mut notes) = (vec![], vec![]);
    for (mode, name) in PYTHONS {
        let timed = time_python(project, python, mode, name, steps, runs);
        match timed.and_then(|step| Ok((same_work(&step, &records)?, step))) {
            Ok((note, step)) => {
                notes.push(note);
                pythons.push(step);
            }
            Err(reason) => {
                eprintln!("xtask: the GPT in Python ({name}): {reason}");
                notes.push(format!("no `{name}` row: {reason}"));
            }
        }
    }
    print!("{}", table(&pythons, &records, steps, &notes));
    let text = to_csv(&pythons, &records, steps);
    RECORDED.write(project, &text, environment, record)
}

/// Times the script in `mode` `runs` times, each a fresh process, on the
/// names and weights `ch15-bench` exported; the row `name`, or why there is
/// none.
fn time_python(
    project: &Project,
    python: &Path,
    mode: &str,
    name: &str,
    steps: usize,
    runs: usize,
) -> Result<Step, String> {
    let script = format!("{SCRATCH}/gpt.py");
    files::update(&project.path(&script), SCRIPT.as_bytes())
        .map_err(|e| format!("cannot write {script} ({e})"))?;
    eprintln!(
        "xtask: timing the GPT in plain Python ({name}) over {}, {runs} times",
        steps_text(steps)
    );
    // A step takes about 0.3 s here; allow for a much slower machine.
    let limits = Limits { time: Duration::from_secs(120 + 10 * steps as u64), output: 1 << 16 };
    let mut timings = vec![];
    for _ in 0..runs {
        let mut command = Command::new(python);
        command.current_dir(&project.root).args([&script, START, mode]);
        timings.push(quietly(command, limits).and_then(|printed| python_run(&printed, mode))?);
    }
    python_step(name, &timings)
}

/// verify's step: runs `ch15-bench` for one step of each part (dev build),
/// checks its records' shape, and that the recorded `gpt-bench.csv` names
/// exactly its engines, in order. Skipped until a chapter writes the
/// program; required from then on.
pub fn check(project: &Project, chapters: &[Chapter]) -> Result<(), Problems> {
    if !written(project, chapters, &CH15)? {
        return Ok(());
    }
    let args = arguments(1, 1, &["--training", "1"]);
    let printed = run(project, chapters, &CH15, false, &args, None)?;
    let records = parse(&format!("what `{}` printed", command(&CH15, false, &args)), &printed)?;
    RECORDED.check(
        project,
        |path, text| check_csv(path, text, &records),
        |path, text| check_environment_csv(path, text, &Default::default()),
    )
}

/// One engine's training steps, one per timed name.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub name: String,
    /// Milliseconds per step as printed (three decimals): the median of the
    /// runs, the fastest run's and the slowest's.
    pub ms: String,
    pub fastest: String,
    pub slowest: String,
    /// The nodes of all the timed steps together.
    pub nodes: u64,
    /// The losses of the first and the last timed step.
    pub first: f64,
    pub last: f64,
}

/// A whole training run, in seconds as printed (three decimals).
#[derive(Debug, Clone, PartialEq)]
pub struct Training {
    pub name: String,
    pub steps: u64,
    pub seconds: String,
    pub fastest: String,
    pub slowest: String,
}

/// Everything one run of `ch15-bench` printed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Records {
    pub steps: Vec<Step>,
    pub training: Vec<Training>,
}

/// A whole number of 1 or more, written plainly.
fn count(text: &str) -> Option<u64> {
    text.bytes().all(|b| b.is_ascii_digit()).then(|| text.parse().ok()).flatten().filter(|&n| n > 0)
}

/// A loss: a finite, positive number.
fn loss(text: &str) -> Option<f64> {
    text.parse().ok().filter(|x: &f64| x.is_finite() && *x > 0.0)
}

/// Reads what `ch15-bench` printed; `source` names it in the problems.
pub fn parse(source: &str, text: &str) -> Result<Records, Problems> {
    let mut records = Records::default();
    let mut problems = vec![];
    for (index, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.split(',').collect();
        let mut wrong = |message: String| {
            let shown = crate::programs::clip(line);
            problems.push(Problem::new(source, index + 1, format!("{message}: `{shown}`")));
        };
        let stepped = |name: &str| records.steps.iter().any(|s| s.name == name);
        match fields[..] {
            ["step", name, ms, fastest, slowest, nodes, first, last] => {
                match (count(nodes), loss(first), loss(last)) {
                    _ if name.is_empty() || name.starts_with("Python") || stepped(name) => {
                        wrong(format!("a step record needs a name of its own, not `{name}`"))
                    }
                    _ if ![ms, fastest, slowest].into_iter().all(is_time) => {
                        wrong("a step's times have three decimals".into())
                    }
                    (Some(nodes), Some(first), Some(last)) => records.steps.push(Step {
                        name: name.into(),
                        ms: ms.into(),
                        fastest: fastest.into(),
                        slowest: slowest.into(),
                        nodes,
                        first,
                        last,
                    }),
                    _ => wrong("the nodes are a whole number, the losses positive numbers".into()),
                }
            }
            ["training", name, steps, seconds, fastest, slowest] => {
                let trained = records.training.iter().any(|t| t.name == name);
                match count(steps) {
                    _ if trained || !stepped(name) => wrong(format!(
                        "a training record names an engine with a step record, once, not `{name}`"
                    )),
                    _ if ![seconds, fastest, slowest].into_iter().all(is_time) => {
                        wrong("a training's times have three decimals".into())
                    }
                    Some(steps) => records.training.push(Training {
                        name: name.into(),
                        steps,
                        seconds: seconds.into(),
                        fastest: fastest.into(),
                        slowest: slowest.into(),
                    }),
                    None => wrong("a training's steps are a whole number".into()),
                }
            }
            _ => wrong(
                "not a record: the program prints `step` records of 8 fields and `training` records of 6".into(),
            ),
        }
    }
    if problems.is_empty() && (records.steps.is_empty() || records.training.is_empty()) {
        problems.push(Problem::new(source, 0, "it needs a `step` and a `training` record"));
    }
    if problems.is_empty() { Ok(records) } else { Err(problems) }
}

/// One run of the script, read from its last line.
#[derive(Debug, Clone, PartialEq)]
pub struct PythonRun {
    pub ms: f64,
    pub nodes: u64,
    pub first: f64,
    pub last: f64,
}

/// Reads the line `gpt,MODE,MS PER STEP,NODES,FIRST LOSS,LAST LOSS`.
pub fn python_run(printed: &str, mode: &str) -> Result<PythonRun, String> {
    let line = printed.lines().last().unwrap_or("");
    if let ["gpt", m, ms, nodes, first, last] = line.split(',').collect::<Vec<_>>()[..]
        && m == mode
        && is_time(ms)
        && let (Ok(ms), Some(nodes), Some(first), Some(last)) =
            (ms.parse(), count(nodes), loss(first), loss(last))
    {
        return Ok(PythonRun { ms, nodes, first, last });
    }
    let shown = crate::programs::clip(line);
    Err(format!("it printed `{shown}`, not `gpt,{mode},MS,NODES,FIRST LOSS,LAST LOSS`"))
}

/// The row `name` from the script's runs: the median, fastest and slowest
/// time. Every run did the same work, or there is no row.
pub fn python_step(name: &str, runs: &[PythonRun]) -> Result<Step, String> {
    let first = runs.first().ok_or("it was not run")?;
    if runs.iter().any(|r| (r.nodes, r.first, r.last) != (first.nodes, first.first, first.last)) {
        return Err("its runs built different graphs or gave different losses".into());
    }
    let [ms, fastest, slowest] = summarize(runs.iter().map(|r| r.ms).collect());
    Ok(Step {
        name: name.into(),
        ms,
        fastest,
        slowest,
        nodes: first.nodes,
        first: first.first,
        last: first.last,
    })
}

/// How far apart two numbers are, relative to the first.
fn relative(a: f64, b: f64) -> f64 {
    ((a - b) / a).abs()
}

/// "the same to the bit", or how far apart, relatively.
fn agreement(a: f64, b: f64) -> String {
    if a.to_bits() == b.to_bits() {
        "the same to the bit".into()
    } else {
        format!("{:.1e} apart, relatively", relative(a, b))
    }
}

/// Checks that Python's steps did the work of Rust's first engine (its
/// `Value`): the same first loss to within [`SAME_LOSS`]. Returns the note
/// that says so, or why Python's row cannot stand beside Rust's.
pub fn same_work(python: &Step, records: &Records) -> Result<String, String> {
    let rust = &records.steps[0];
    let note = format!(
        "first step's loss: {} {:?}, {} {:?}, {} (required: within {SAME_LOSS:e})",
        rust.name,
        rust.first,
        python.name,
        python.first,
        agreement(rust.first, python.first)
    );
    if relative(rust.first, python.first) <= SAME_LOSS {
        Ok(note)
    } else {
        Err(format!("{note}: it does not do the same work, so it is left out"))
    }
}

/// `x` to two significant figures: 310, 13, 1.3, 0.13.
pub fn two_figures(x: f64) -> String {
    if !(x.is_finite() && x > 0.0) {
        return "-".into();
    }
    let magnitude = x.log10().floor() as i32;
    let unit = 10f64.powi(magnitude - 1);
    let places = (1 - magnitude).max(0) as usize;
    format!("{:.places$}", (x / unit).round() * unit)
}

/// How many times faster than Python with its collector off a row is: the
/// medians' ratio, then the lowest and highest the runs allow (Python's
/// fastest over the row's slowest, Python's slowest over its fastest).
/// Empty without that row, and for that row itself.
fn faster(pythons: &[Step], row: &Step) -> [String; 3] {
    let python = pythons.iter().find(|p| p.name == PYTHON_OFF);
    let Some(python) = python.filter(|p| p.name != row.name) else {
        return Default::default();
    };
    let ms = |t: &str| t.parse::<f64>().unwrap_or(f64::NAN);
    [
        two_figures(ms(&python.ms) / ms(&row.ms)),
        two_figures(ms(&python.fastest) / ms(&row.slowest)),
        two_figures(ms(&python.slowest) / ms(&row.fastest)),
    ]
}

/// The step rows, Python's first.
fn step_rows<'a>(pythons: &'a [Step], records: &'a Records) -> impl Iterator<Item = &'a Step> {
    pythons.iter().chain(&records.steps)
}

/// Nodes per step, one decimal: the nodes of the timed steps over their count.
fn per_step(nodes: u64, steps: usize) -> String {
    format!("{:.1}", nodes as f64 / steps as f64)
}

/// The table and its notes; `steps` is how many names were timed, `notes`
/// what the loss checks said.
pub fn table(pythons: &[Step], records: &Records, steps: usize, notes: &[String]) -> String {
    let mut lines = vec![
        ["engine", "ms/step", "fastest-slowest", "nodes/step", "faster than Python, gc off"]
            .map(String::from),
    ];
    for row in step_rows(pythons, records) {
        let [times, lowest, highest] = faster(pythons, row);
        let times =
            if times.is_empty() { "-".into() } else { format!("{times}x ({lowest}-{highest})") };
        lines.push([
            row.name.clone(),
            row.ms.clone(),
            format!("{}-{}", row.fastest, row.slowest),
            per_step(row.nodes, steps),
            times,
        ]);
    }
    let compared = pythons.iter().any(|p| p.name == PYTHON_OFF);
    let columns = if compared { 5 } else { 4 };
    let width = |i: usize| lines.iter().map(|l| l[i].chars().count()).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns).map(width).collect();
    let mut text = format!(
        "\nthe GPT of chapters 14 and 15: one training step per name, over the first {steps} names\n"
    );
    for line in &lines {
        let mut cells = vec![format!("{:<w$}", line[0], w = widths[0])];
        cells.extend((1..columns).map(|i| format!("{:>w$}", line[i], w = widths[i])));
        text.push_str(cells.join("  ").trim_end());
        text.push('\n');
    }
    text.push('\n');
    for t in &records.training {
        text.push_str(&format!(
            "the whole training, {} steps on the {}: {} s ({}-{})\n",
            t.steps, t.name, t.seconds, t.fastest, t.slowest
        ));
    }
    text.push_str(
        "nodes/step: Value's and Python's graphs as their topological order lists them, the weights a step reads among them; the tape's length, every weight copied onto it among them, a sum or a dot product one node where Value has a chain (and a dot product's starting 0 one more)\n",
    );
    if !pythons.is_empty() {
        text.push_str("Python: the same model and steps in plain Python (xtask/src/bench/gpt.py), its cycle collector as it comes, then off (its graphs hold no cycles)\n");
    }
    for note in notes {
        text.push_str(note);
        text.push('\n');
    }
    let rows: Vec<&Step> = step_rows(pythons, records).collect();
    let lasts: Vec<String> = rows.iter().map(|r| format!("{} {:?}", r.name, r.last)).collect();
    text.push_str(&format!("last step's loss: {}\n", lasts.join("; ")));
    for row in &rows[1..] {
        if row.last.to_bits() != rows[0].last.to_bits() {
            let agree = agreement(rows[0].last, row.last);
            text.push_str(&format!("  {} and {}: {agree}\n", rows[0].name, row.name));
        }
    }
    text.push_str(&targets(pythons, records));
    text
}

/// The issue's two targets, each with what was measured and whether it is met.
fn targets(pythons: &[Step], records: &Records) -> String {
    let met = |yes: bool| if yes { "met" } else { "not met" };
    let mut said = vec![];
    let tape = records.steps.iter().find(|s| s.name == "tape");
    let python = pythons.iter().find(|p| p.name == PYTHON_OFF);
    if let (Some(python), Some(tape)) = (python, tape) {
        let ms = |t: &str| t.parse::<f64>().unwrap_or(f64::NAN);
        let ratio = ms(&python.ms) / ms(&tape.ms);
        said.push(format!(
            "the tape at least {TARGET_TIMES}x Python (gc off) per step: {}x, {}",
            two_figures(ratio),
            met(ratio >= TARGET_TIMES)
        ));
    }
    if let Some(t) = records.training.iter().find(|t| t.name == "tape") {
        let seconds = t.seconds.parse::<f64>().unwrap_or(f64::NAN);
        said.push(format!(
            "the whole training on the tape under {TARGET_SECONDS} s: {} s, {}",
            t.seconds,
            met(seconds < TARGET_SECONDS)
        ));
    }
    if said.is_empty() { String::new() } else { format!("targets: {}\n", said.join("; ")) }
}

/// `gpt-bench.csv`: a row per engine's steps, Python's first, then a row per
/// whole training.
pub fn to_csv(pythons: &[Step], records: &Records, steps: usize) -> String {
    let mut rows: Vec<Vec<String>> = vec![];
    for row in step_rows(pythons, records) {
        let mut fields = vec![
            "step".into(),
            row.name.clone(),
            steps.to_string(),
            row.ms.clone(),
            row.fastest.clone(),
            row.slowest.clone(),
            "ms".into(),
            per_step(row.nodes, steps),
            format!("{:?}", row.first),
            format!("{:?}", row.last),
        ];
        fields.extend(faster(pythons, row));
        rows.push(fields);
    }
    for t in &records.training {
        let mut fields = vec![
            "training".into(),
            t.name.clone(),
            t.steps.to_string(),
            t.seconds.clone(),
            t.fastest.clone(),
            t.slowest.clone(),
            "s".into(),
        ];
        fields.extend(std::iter::repeat_n(String::new(), 6));
        rows.push(fields);
    }
    csv(HEADER, rows.iter().map(|r| r.iter().map(String::as_str).collect()))
}

/// Checks a recorded `gpt-bench.csv` against a run's records: the header,
/// every row's times and units, Python's rows (any, in order) first, then exactly
/// the run's engines, in order. Never the timings themselves.
pub fn check_csv(file: &str, text: &str, records: &Records) -> Problems {
    let rows = match read_csv(file, text, HEADER) {
        Ok(rows) => rows,
        Err(problems) => return problems,
    };
    let mut problems = vec![];
    let mut found: Vec<String> = vec![];
    for (line, fields) in &rows {
        let mut wrong = |message: &str| problems.push(Problem::new(file, *line, message));
        let fine = fields.len() == 13
            && count(&fields[2]).is_some()
            && fields[3..6].iter().all(|t| is_time(t))
            && match fields[0].as_str() {
                "step" => fields[6] == "ms" && loss(&fields[8]).is_some(),
                "training" => fields[6] == "s",
                _ => false,
            };
        if !fine {
            wrong(
                "a row is `step` or `training`, an engine, its steps, three times with three decimals, `ms` or `s`, and so on: record a run again with `cargo xtask bench --gpt --record`",
            );
            continue;
        }
        found.push(format!("{} {}", fields[0], fields[1]));
    }
    let mut expected: Vec<String> =
        records.steps.iter().map(|s| format!("step {}", s.name)).collect();
    expected.extend(records.training.iter().map(|t| format!("training {}", t.name)));
    let python: Vec<String> = PYTHONS.iter().map(|(_, name)| format!("step {name}")).collect();
    let mut recorded = &found[..];
    for name in &python {
        if let Some((first, rest)) = recorded.split_first()
            && first == name
        {
            recorded = rest;
        }
    }
    if problems.is_empty() && recorded != expected {
        problems.push(Problem::new(
            file,
            0,
            format!(
                "its rows are {recorded:?} (after Python's), but {PROGRAM} reports {expected:?}: record a run again with `cargo xtask bench --gpt --record`"
            ),
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "\
step,Value,12.345,12.000,13.000,1217925,3.210947290384616,3.1707040548528673
step,tape,0.321,0.300,0.350,196035,3.210947290384616,3.1707040548528664
training,tape,1000,0.250,0.240,0.300
";

    fn problems(text: &str) -> Vec<String> {
        parse("out", text).unwrap_err().iter().map(|p| p.to_string()).collect()
    }

    fn run(ms: f64) -> PythonRun {
        PythonRun { ms, nodes: 1217925, first: 3.210947290384616, last: 3.1707040548528673 }
    }

    /// The script's two rows: its collector as it comes, then off.
    fn pythons() -> Vec<Step> {
        vec![
            python_step("Python", &[run(1000.0), run(900.5), run(1100.25)]).unwrap(),
            python_step(PYTHON_OFF, &[run(250.0), run(240.5), run(300.25)]).unwrap(),
        ]
    }

    #[test]
    fn good_records_are_read_as_printed() {
        let records = parse("out", GOOD).unwrap();
        let names: Vec<&str> = records.steps.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Value", "tape"]);
        assert_eq!(records.steps[1].ms, "0.321");
        assert_eq!(records.steps[0].nodes, 1217925);
        assert_eq!(records.steps[1].last, 3.1707040548528664);
        assert_eq!(records.training[0].steps, 1000);
        assert_eq!(records.training[0].seconds, "0.250");
    }

    #[test]
    fn malformed_records_are_refused_at_their_line() {
        let cases = [
            ("step,Value,12.3,1.000,1.000,10,3.2,3.1\n", "out:1: a step's times"),
            ("step,Value,1.000,1.000,1.000,-10,3.2,3.1\n", "out:1: the nodes are"),
            ("step,Value,1.000,1.000,1.000,10,NaN,3.1\n", "out:1: the nodes are"),
            ("step,Python,1.000,1.000,1.000,10,3.2,3.1\n", "out:1: a step record needs"),
            ("step,Value,1.000,1.000,1.000,10,3.2\n", "out:1: not a record"),
            ("training,lean,10,1.000,1.000,1.000\n", "out:1: a training record names"),
            ("\n", "out:1: not a record"),
        ];
        for (line, expected) in cases {
            let found = problems(&format!("{line}{GOOD}"));
            assert!(found[0].starts_with(expected), "{line:?} gave {found:?}");
        }
        let found = problems(&format!("{GOOD}step,tape,1.000,1.000,1.000,10,3.2,3.1\n"));
        assert!(found[0].starts_with("out:4: a step record needs"), "{found:?}");
        let found = problems(&format!("{GOOD}training,tape,2,1.000,1.000,1.000\n"));
        assert!(found[0].starts_with("out:4: a training record names"), "{found:?}");
        let found = problems(&GOOD.replace("training,tape,1000", "training,tape,0"));
        assert!(found[0].starts_with("out:3: a training's steps"), "{found:?}");
        let found = problems(&GOOD.replace("training,tape,1000,0.250,0.240,0.300\n", ""));
        assert_eq!(found, ["out: it needs a `step` and a `training` record"]);
    }

    #[test]
    fn the_scripts_line_is_read_strictly_and_its_runs_must_agree() {
        let read = python_run("gpt,off,250.125,1217925,3.2,3.1\n", "off").unwrap();
        assert_eq!(read, PythonRun { ms: 250.125, nodes: 1217925, first: 3.2, last: 3.1 });
        for wrong in [
            "gpt,default,250.125,1217925,3.2,3.1",
            "gpt,off,250.1,1217925,3.2,3.1",
            "gpt,off,250.125,1217925,3.2",
            "gpt,off,250.125,1217925,3.2,inf",
            "",
        ] {
            assert!(python_run(wrong, "off").is_err(), "{wrong}");
        }
        let step = &pythons()[1];
        assert_eq!((step.ms.as_str(), step.fastest.as_str()), ("250.000", "240.500"));
        assert_eq!((step.name.as_str(), step.slowest.as_str()), (PYTHON_OFF, "300.250"));
        let mut other = read.clone();
        other.last = 3.0;
        assert!(python_step("Python", &[read, other]).is_err());
        assert!(python_step("Python", &[]).is_err());
    }

    #[test]
    fn python_stands_beside_rust_only_for_the_same_first_loss() {
        let records = parse("out", GOOD).unwrap();
        let mut step = pythons().remove(1);
        let note = same_work(&step, &records).unwrap();
        assert!(note.contains("the same to the bit"), "{note}");
        step.first = 3.210947290384616 * (1.0 + 1e-14);
        let note = same_work(&step, &records).unwrap();
        assert!(note.contains("apart, relatively"), "{note}");
        step.first = 3.2109473;
        assert!(same_work(&step, &records).unwrap_err().contains("left out"));
    }

    #[test]
    fn ratios_have_two_significant_figures() {
        let cases = [
            (312.4, "310"),
            (1234.0, "1200"),
            (13.4, "13"),
            (1.349, "1.3"),
            (0.1349, "0.13"),
            (99.96, "100"),
            (0.0, "-"),
            (f64::NAN, "-"),
        ];
        for (x, expected) in cases {
            assert_eq!(two_figures(x), expected, "{x}");
        }
    }

    #[test]
    fn the_table_aligns_its_columns_and_says_the_targets() {
        let records = parse("out", GOOD).unwrap();
        let notes = ["first step's loss: note".to_string()];
        let table = table(&pythons(), &records, 20, &notes);
        let expected = "
the GPT of chapters 14 and 15: one training step per name, over the first 20 names
engine           ms/step   fastest-slowest  nodes/step  faster than Python, gc off
Python          1000.000  900.500-1100.250     60896.2           0.25x (0.22-0.33)
Python, gc off   250.000   240.500-300.250     60896.2                           -
Value             12.345     12.000-13.000     60896.2                 20x (19-25)
tape               0.321       0.300-0.350      9801.8             780x (690-1000)

the whole training, 1000 steps on the tape: 0.250 s (0.240-0.300)
nodes/step: Value's and Python's graphs as their topological order lists them, the weights a step reads among them; the tape's length, every weight copied onto it among them, a sum or a dot product one node where Value has a chain (and a dot product's starting 0 one more)
Python: the same model and steps in plain Python (xtask/src/bench/gpt.py), its cycle collector as it comes, then off (its graphs hold no cycles)
first step's loss: note
last step's loss: Python 3.1707040548528673; Python, gc off 3.1707040548528673; Value 3.1707040548528673; tape 3.1707040548528664
  Python and tape: 2.8e-16 apart, relatively
targets: the tape at least 500x Python (gc off) per step: 780x, met; the whole training on the tape under 2 s: 0.250 s, met
";
        assert_eq!(table, expected);
        let without = super::table(&[], &records, 20, &["no Python row".into()]);
        assert!(without.contains("\nengine  ms/step  fastest-slowest  nodes/step\n"), "{without}");
        assert!(without.contains("targets: the whole training on the tape under 2 s"));
    }

    #[test]
    fn the_csv_is_written_and_checked_without_its_timings() {
        let records = parse("out", GOOD).unwrap();
        let text = to_csv(&pythons(), &records, 20);
        let expected = format!(
            "{HEADER}
step,Python,20,1000.000,900.500,1100.250,ms,60896.2,3.210947290384616,3.1707040548528673,0.25,0.22,0.33
step,\"Python, gc off\",20,250.000,240.500,300.250,ms,60896.2,3.210947290384616,3.1707040548528673,,,
step,Value,20,12.345,12.000,13.000,ms,60896.2,3.210947290384616,3.1707040548528673,20,19,25
step,tape,20,0.321,0.300,0.350,ms,9801.8,3.210947290384616,3.1707040548528664,780,690,1000
training,tape,1000,0.250,0.240,0.300,s,,,,,,
"
        );
        assert_eq!(text, expected);
        assert!(check_csv("gpt.csv", &text, &records).is_empty());
        let without = to_csv(&[], &records, 20);
        assert!(check_csv("gpt.csv", &without, &records).is_empty());
        let check = |text: &str| -> Vec<String> {
            check_csv("gpt.csv", text, &records).iter().map(|p| p.to_string()).collect()
        };
        let found = check(&text.replace("step,tape,20,0.321", "step,tape,20,0.3"));
        assert!(found[0].starts_with("gpt.csv:5: a row is"), "{found:?}");
        let found = check(&text.replace(",ms,9801.8", ",s,9801.8"));
        assert!(found[0].starts_with("gpt.csv:5: a row is"), "{found:?}");
        // Python's rows may be missing, but not out of order or after Rust's.
        let found = check(&text.replace("step,Python,", "step,Python?,"));
        assert!(found[0].starts_with("gpt.csv: its rows are"), "{found:?}");
        let found = check(&text.replace("step,tape", "step,lean"));
        assert!(found[0].starts_with("gpt.csv: its rows are"), "{found:?}");
        let found = check(&text.replace("measure,", "what,"));
        assert!(found[0].starts_with("gpt.csv:1: the first line"), "{found:?}");
    }
}
