//! The fourth table of `cargo xtask bench`: chapter 11's test of why a step's phases, timed
//! in one process, sum to more than the whole step timed in another. Chapter 6's engine
//! with the new `Drop` is timed in five ways, each in a fresh process, round after round:
//! by chapter 11's program `ch11-overrun`, its steps timed whole, timed in phases, and both
//! in turn in one process; and by the bench's own processes, `ch12-bench --engine 0` and
//! `--phases 0`. Written as `overrun.csv`: a line per kind of time, with every run's.
//!
//! `ch11-overrun whole|phases|both` prints one line: the median ms of the whole steps, the
//! sum of the phases' medians, then each phase's median in the order they run (`PHASES`),
//! each with three decimals, or `-` for what it did not time.

use crate::chapter::Chapter;
use crate::problem::{Problem, Problems};
use crate::project::Project;

use super::records::{
    ENVIRONMENT as MACHINE, check_environment_csv_of, csv, environment_csv, is_time, read_csv,
};
use super::{CH12, Program, Recorded, command, environment, run, written};

const PROGRAM: &str = "ch11-overrun";
const SOURCE: &str = "crates/ch11-fast/src/bin/ch11-overrun.rs";
const CH11: Program = Program { package: "ch11-fast", name: PROGRAM, source: SOURCE };
/// Where `--record` writes the table, and the machine and versions it was measured with.
const RECORDED: Recorded = Recorded {
    table: "crates/ch11-fast/data/overrun.csv",
    environment: "crates/ch11-fast/data/overrun-environment.csv",
    flag: "--overrun",
};
/// The steps each process times of each kind, as the program fixes them.
const TIMED: usize = 20;

/// `ch11-overrun`'s ways, then the bench's two processes, in each round's order.
const WAYS: [&str; 5] = ["whole", "phases", "both", "bench's whole", "bench's phases"];
/// The bench's engine that `ch11-overrun` times: chapter 6's with the new `Drop`.
const BENCH_ENGINE: &str = "chapter 6's engine with new Drop";

/// The phases `ch11-overrun` prints, in order, after the whole step and the phases' sum.
const PHASES: [&str; 5] = ["forward", "topo", "backward", "update", "free"];
/// What one run gives: the whole step, the phases' sum, then each phase; `-` if not timed.
type Times = [String; 2 + PHASES.len()];

/// The CSV's rows: each way's kind of time, named as `ch11-recorded` reads them, with
/// the way and which of its `Times` it is.
const ROWS: [(&str, usize, usize); 11] = [
    ("whole step, alone", 0, 0),
    ("phases' sum, alone", 1, 1),
    ("whole step, in turn", 2, 0),
    ("phases' sum, in turn", 2, 1),
    ("forward, in turn", 2, 2),
    ("topo, in turn", 2, 3),
    ("backward, in turn", 2, 4),
    ("update, in turn", 2, 5),
    ("free, in turn", 2, 6),
    ("whole step, the bench's process", 3, 0),
    ("phases' sum, the bench's process", 4, 1),
];

/// The header of `overrun.csv`.
const HEADER: &str = "time,ms_by_run";

/// Runs the program in every way, `runs` rounds; prints each row's runs and writes
/// `overrun.csv` into target/bench/ and, to record it, into the crate's data/ with the
/// machine (`load` at the start) beside it.
pub fn bench(
    project: &Project,
    chapters: &[Chapter],
    runs: usize,
    record: bool,
    load: &str,
) -> Result<(), Problems> {
    if !written(project, chapters, &CH11)? {
        return Ok(());
    }
    eprintln!("xtask: building {PROGRAM} (release), then timing five ways {runs} times");
    // printed[way][run]
    let mut printed: Vec<Vec<Times>> = vec![vec![]; WAYS.len()];
    for _ in 0..runs {
        for (way, name) in WAYS.iter().enumerate() {
            printed[way].push(time(project, chapters, name, true)?);
        }
    }
    let rows: Vec<Vec<String>> = ROWS
        .iter()
        .map(|&(name, way, which)| {
            let runs: Vec<&str> = printed[way].iter().map(|run| run[which].as_str()).collect();
            vec![name.to_string(), runs.join(" ")]
        })
        .collect();
    for row in &rows {
        println!("{:<34}{}", row[0], row[1]);
    }
    let text = csv(HEADER, rows.iter().map(|row| row.iter().map(String::as_str).collect()));
    let run = [runs, TIMED].map(|n| n.to_string());
    let environment = environment_csv(&environment(&run, None, load.to_string()));
    RECORDED.write(project, &text, &environment, record)
}

/// One run the way `way` says: the whole steps' median, the phases' medians summed and
/// each phase's median (the bench's processes: the first two only), `-` where not timed.
fn time(
    project: &Project,
    chapters: &[Chapter],
    way: &str,
    release: bool,
) -> Result<Times, Problems> {
    let Some(phases) = way.strip_prefix("bench's ") else {
        let args = vec![way.to_string()];
        let printed = run(project, chapters, &CH11, release, &args, None)?;
        let source = format!("what `{}` printed", command(&CH11, release, &args));
        return parse(&source, way, &printed);
    };
    let part = if phases == "whole" { "--engine" } else { "--phases" };
    let args = ["--steps", &TIMED.to_string(), part, "0"].map(String::from).to_vec();
    let printed = run(project, chapters, &CH12, release, &args, None)?;
    let source = format!("what `{}` printed", command(&CH12, release, &args));
    // One process prints an `engine` line (name, then its median ms, first) or `phase`
    // lines (name, ms); the bench joins many processes' lines into its records.
    let fields = |kind: &str| -> Vec<Vec<String>> {
        let lines = printed.lines().filter_map(|line| line.strip_prefix(kind));
        lines.map(|line| line.split(',').map(String::from).collect()).collect()
    };
    let (engines, phase_lines) = (fields("engine,"), fields("phase,"));
    let whole = engines.iter().find(|f| f[0] == BENCH_ENGINE).and_then(|f| f.get(1));
    let sum: Option<f64> =
        phase_lines.iter().map(|f| f.get(1).and_then(|ms| ms.parse::<f64>().ok())).sum();
    let mut times: Times = Default::default();
    times.fill("-".into());
    match (phases, whole, sum) {
        ("whole", Some(ms), _) if is_time(ms) => times[0] = ms.clone(),
        ("phases", _, Some(sum)) if !phase_lines.is_empty() => times[1] = format!("{sum:.3}"),
        _ => {
            let message = format!("it should time {BENCH_ENGINE}, whole or in phases ({way})");
            return Err(vec![Problem::new(&source, 1, message)]);
        }
    }
    Ok(times)
}

/// Reads the program's line: the whole step, the phases' sum and each phase, each a time
/// or `-`, as `way` times them.
fn parse(source: &str, way: &str, printed: &str) -> Result<Times, Problems> {
    let fields: Vec<&str> = printed.trim_end().split(' ').collect();
    // The whole step is the first field; the phases, the rest.
    let timed = |i: usize| match way {
        "whole" => i == 0,
        "phases" => i > 0,
        _ => true,
    };
    let fits = |i: usize| if timed(i) { is_time(fields[i]) } else { fields[i] == "-" };
    let count = 2 + PHASES.len();
    if fields.len() != count || !(0..count).all(fits) {
        let message = format!(
            "`{way}` prints one line: the whole steps' median ms, the phases' medians summed, then each phase's ({}), with three decimals (`{{:.3}}`), or `-` for what it does not time",
            PHASES.join(", ")
        );
        return Err(vec![Problem::new(source, 1, message)]);
    }
    Ok(std::array::from_fn(|i| fields[i].to_string()))
}

/// verify's step: runs the program once in each way (dev build), reads what it prints,
/// and checks that the recorded `overrun.csv` has exactly the rows, in order, each with
/// as many runs' times. Never the timings themselves.
pub fn check(project: &Project, chapters: &[Chapter]) -> Result<(), Problems> {
    if !written(project, chapters, &CH11)? {
        return Ok(());
    }
    // The bench's own processes are checked with the bench.
    for way in WAYS.iter().filter(|way| !way.starts_with("bench's")) {
        time(project, chapters, way, false)?;
    }
    RECORDED.check(project, check_csv, |path, text| check_environment_csv_of(path, text, &MACHINE))
}

/// Checks a recorded `overrun.csv`: the header; the rows exactly `ROWS`, in order, each
/// with the same number of runs' times.
fn check_csv(file: &str, text: &str) -> Problems {
    let rows = match read_csv(file, text, HEADER) {
        Ok(rows) => rows,
        Err(problems) => return problems,
    };
    let again = "record a run again with `cargo xtask bench --overrun --record`";
    let runs = |fields: &[String]| -> Vec<String> {
        fields.get(1).map_or(vec![], |f| f.split(' ').map(String::from).collect())
    };
    let count = rows.first().map_or(0, |(_, fields)| runs(fields).len());
    let mut problems = vec![];
    for (line, fields) in &rows {
        let times = runs(fields);
        if fields.len() != 2 || times.len() != count || !times.iter().all(|t| is_time(t)) {
            let message = format!(
                "a row is a kind of time, then every run's median ms with three decimals (`{{:.3}}`), as many runs in every row: {again}"
            );
            problems.push(Problem::new(file, *line, message));
        }
    }
    let found: Vec<&str> = rows.iter().map(|(_, fields)| fields[0].as_str()).collect();
    if problems.is_empty() && found != ROWS.map(|(name, ..)| name) {
        let message = format!("its rows should be {:?}: {again}", ROWS.map(|(name, ..)| name));
        problems.push(Problem::new(file, 0, message));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_way_prints_the_times_it_takes() {
        let whole = parse("out", "whole", "12.345 - - - - - -\n").unwrap();
        assert_eq!(whole[..2], ["12.345", "-"]);
        let both = "12.345 13.000 2.000 5.000 0.500 0.010 5.490\n";
        assert_eq!(parse("out", "both", both).unwrap()[6], "5.490");
        let phases = both.replacen("12.345", "-", 1);
        assert_eq!(parse("out", "phases", &phases).unwrap()[0], "-");
        for (way, wrong) in [
            ("whole", "- 12.345 - - - - -\n"),
            ("whole", "12.345 -\n"),
            ("phases", both),
            ("both", "12.345 - - - - - -\n"),
            ("both", &both.replacen("12.345", "12.3", 1)),
            ("both", &both.replacen(' ', "  ", 1)),
            ("both", ""),
        ] {
            assert!(parse("out", way, wrong).is_err(), "{way}: {wrong:?}");
        }
    }

    #[test]
    fn a_recorded_table_of_another_shape_is_refused() {
        let rows = ROWS.map(|(name, ..)| format!("\"{name}\",12.000 11.500\n"));
        let text = format!("{HEADER}\n{}", rows.concat());
        assert!(check_csv("f", &text).is_empty(), "{text}");
        let short = text.replacen("12.000 11.500", "12.000", 1);
        assert_eq!(check_csv("f", &short).len(), ROWS.len() - 1, "the other rows have more");
        assert_eq!(check_csv("f", &text.replacen("11.500", "11.5", 1)).len(), 1);
        let missing: String = text.lines().take(ROWS.len()).map(|l| format!("{l}\n")).collect();
        assert_eq!(check_csv("f", &missing).len(), 1, "a row missing");
        assert!(!check_csv("f", &text.replacen("time,", "kind,", 1)).is_empty());
    }
}
