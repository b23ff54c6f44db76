//! The third table of `cargo xtask bench`: each of chapter 10's training steps watched
//! alone, its graph freed in four ways on glibc's allocator (one of them watched a second
//! time without asking glibc about its fastbins), two on mimalloc and two on glibc with
//! huge pages (`ROWS`).
//! Chapter 11's program `ch11-each-step`, or the same program on mimalloc, runs once per
//! row and run, each time in a fresh process, the rows in turn, round after round, each
//! round starting one row later than the last, so that a row's place in the round varies.
//! Written as `each-step.csv`: a line per row and step, with the median, fastest and
//! slowest of the runs' times, and every run's time, share of near nodes, median gap
//! between nodes, MiB in glibc's fastbins and minor page faults, and its row's place in
//! its round.
//!
//! `ch11-each-step WAY [unasked]` prints five lines, a number per step, separated by
//! spaces: the step's milliseconds, its share of near nodes, the median gap between nodes
//! in KiB and the MiB in the fastbins after it (`NaN` where there is no glibc to ask, or
//! where told `unasked`), each to three decimals; then its minor page faults, a whole
//! count (`NaN` where not counted; recordings made before the program printed counts
//! whole have them to three decimals, which is still read).

use crate::chapter::Chapter;
use crate::problem::{Problem, Problems};
use crate::project::Project;

use super::records::{
    ENVIRONMENT as MACHINE, check_environment_csv_of, csv, environment_csv_of, is_count, is_time,
    read_csv,
};
use super::{Program, Recorded, command, environment, run, summarize, written};

/// The crate and program of chapter 11 that time each step, and its code.
pub const PACKAGE: &str = "ch11-fast";
pub const PROGRAM: &str = "ch11-each-step";
pub const SOURCE: &str = "crates/ch11-fast/src/bin/ch11-each-step.rs";
/// The same program, built with mimalloc as its global allocator.
const ON_MIMALLOC: Program = Program {
    package: PACKAGE,
    name: "ch11-each-step-mimalloc",
    source: "crates/ch11-fast/src/bin/ch11-each-step-mimalloc.rs",
};
/// Where `--record` writes the table, and the machine and versions it was measured with.
const RECORDED: Recorded = Recorded {
    table: "crates/ch11-fast/data/each-step.csv",
    environment: "crates/ch11-fast/data/environment.csv",
    flag: "--each-step",
};

const CH11: Program = Program { package: PACKAGE, name: PROGRAM, source: SOURCE };

/// What `environment.csv` says besides the bench's machine and versions: the system's
/// transparent-huge-page settings, `enabled` then `defrag` (`madvise`: only for memory
/// marked so, as `HUGE_PAGES` has glibc mark its heap), which decide whether those rows
/// get huge pages.
const THP: &str = "transparent huge pages (enabled, defrag)";

/// The rows of `environment.csv`, in order.
fn environment_rows() -> Vec<&'static str> {
    MACHINE.iter().copied().chain([THP]).collect()
}

/// The system's transparent-huge-page settings, the chosen word of each
/// (`always [madvise] never` is `madvise`); `unknown` where the system does not say.
fn huge_page_settings() -> String {
    let read = |what: &str| {
        std::fs::read_to_string(format!("/sys/kernel/mm/transparent_hugepage/{what}")).ok()
    };
    let settings = ["enabled", "defrag"].map(|what| read(what).as_deref().and_then(chosen));
    match settings {
        [Some(enabled), Some(defrag)] => format!("{enabled}, {defrag}"),
        _ => "unknown".into(),
    }
}

/// The word in brackets, the one chosen, of a setting the system lists with its choices.
fn chosen(choices: &str) -> Option<String> {
    let (_, rest) = choices.split_once('[')?;
    Some(rest.split_once(']')?.0.to_string())
}

/// What `GLIBC_TUNABLES` holds to switch glibc's fastbins off; to put its heap on the
/// system's transparent huge pages (2 MiB, where 4 KiB is the usual page); empty, glibc's
/// defaults.
const FASTBINS_OFF: &str = "glibc.malloc.mxfast=0";
const HUGE_PAGES: &str = "glibc.malloc.hugetlb=1";
const DEFAULTS: &str = "";

/// The rows, in order: a name, the program, its arguments, and glibc's settings.
const ROWS: [(&str, Program, &[&str], &str); 9] = [
    ("new Drop", CH11, &["new-drop"], DEFAULTS),
    ("old Drop", CH11, &["old-drop"], DEFAULTS),
    ("old Drop, then 64 KiB", CH11, &["old-drop-then-64k"], DEFAULTS),
    ("old Drop, fastbins off", CH11, &["old-drop"], FASTBINS_OFF),
    ("old Drop, not asking", CH11, &["old-drop", "unasked"], DEFAULTS),
    ("new Drop, on mimalloc", ON_MIMALLOC, &["new-drop"], DEFAULTS),
    ("old Drop, on mimalloc", ON_MIMALLOC, &["old-drop"], DEFAULTS),
    ("new Drop, huge pages", CH11, &["new-drop"], HUGE_PAGES),
    ("old Drop, huge pages", CH11, &["old-drop"], HUGE_PAGES),
];

/// The header of `each-step.csv`.
pub const HEADER: &str = "engine,step,ms,ms_fastest,ms_slowest,ms_by_run,near_by_run,gap_kib_by_run,fastbins_mib_by_run,faults_by_run,place_by_run";

/// How many lines the program prints, a number per step in each.
const LINES: usize = 5;

/// The CSV's columns before the runs' own: engine, step, and three times.
const LEADING: usize = 5;

/// The CSV's columns: the leading ones, the program's lines, and the places.
const COLUMNS: usize = LEADING + LINES + 1;

/// What one run printed: for each step, its ms, share of near nodes, median gap in KiB,
/// MiB in the fastbins and minor page faults, as printed.
type Run = Vec<[String; LINES]>;

/// The steps the printed table shows, where the program watches that many.
const SHOWN: [usize; 9] = [1, 2, 3, 4, 8, 16, 32, 64, 100];

/// Watches every row `runs` times, round by round; prints a table of some steps' median
/// times and writes `each-step.csv` into target/bench/ and, to record it, into the
/// crate's data/ with the machine (`load` at the start) beside it. Skipped, said in a
/// line, until a chapter writes the program.
pub fn bench(
    project: &Project,
    chapters: &[Chapter],
    runs: usize,
    record: bool,
    load: &str,
) -> Result<(), Problems> {
    if !project.path(SOURCE).is_file() {
        eprintln!("xtask: no `{PROGRAM}` yet ({SOURCE}), so no table of each step");
        return Ok(());
    }
    eprintln!(
        "xtask: building {PROGRAM} and its twin on mimalloc (release), then watching each training step, {} rows {runs} times",
        ROWS.len()
    );
    // watched[row][run], and places[row][run], the row's place in that round from 1
    let mut watched: Vec<Vec<Run>> = vec![vec![]; ROWS.len()];
    let mut places: Vec<Vec<usize>> = vec![vec![]; ROWS.len()];
    for round in 0..runs {
        for place in 1..=ROWS.len() {
            let row = (round + place - 1) % ROWS.len();
            let (_, program, args, tunables) = &ROWS[row];
            watched[row].push(watch(project, chapters, program, args, tunables, true)?);
            places[row].push(place);
        }
    }
    let steps = watched[0][0].len();
    if watched.iter().flatten().any(|run| run.len() != steps) {
        let message = format!("`{PROGRAM}`'s runs watched different numbers of steps");
        return Err(vec![Problem::new(SOURCE, 0, message)]);
    }
    let rows = table_rows(&watched, &places);
    print!("{}", table(&rows, steps));
    let text = csv(HEADER, rows.iter().map(|row| row.iter().map(String::as_str).collect()));
    let run = [runs, steps].map(|n| n.to_string());
    let mut values = environment(&run, None, load.to_string());
    values.push(huge_page_settings());
    let environment = environment_csv_of(&environment_rows(), &values);
    RECORDED.write(project, &text, &environment, record)
}

/// One run of `program` with `args` (the way to free, then perhaps `unasked`), with
/// glibc's `tunables`.
fn watch(
    project: &Project,
    chapters: &[Chapter],
    program: &Program,
    args: &[&str],
    tunables: &str,
    release: bool,
) -> Result<Run, Problems> {
    let args: Vec<String> = args.iter().map(|arg| arg.to_string()).collect();
    let printed = run(project, chapters, program, release, &args, Some(tunables))?;
    let source = format!("what `{}` printed", command(program, release, &args));
    parse(&source, &printed)
}

/// Whether `text` is one of the watching's numbers: as a time is printed, or `NaN`.
fn watched_number(text: &str) -> bool {
    is_time(text) || text == "NaN"
}

/// Whether the `i`th of the program's lines, or of a step's watched numbers, holds `text`
/// as it should: a `watched_number`, or for the faults (the last) also a whole count, as
/// the program prints them now (older recordings keep three decimals).
fn fits_line(i: usize, text: &str) -> bool {
    watched_number(text) || (i == LINES - 1 && is_count(text))
}

/// Reads the program's five lines; `source` names it in the problem.
pub fn parse(source: &str, printed: &str) -> Result<Run, Problems> {
    let lines: Vec<Vec<&str>> = printed.lines().map(|line| line.split(' ').collect()).collect();
    let fine = lines.len() == LINES
        && lines.iter().all(|line| line.len() == lines[0].len())
        && lines[0].iter().all(|t| is_time(t))
        && (1..LINES).all(|i| lines[i].iter().all(|t| fits_line(i, t)));
    if !fine {
        let message = "the program prints five lines of as many numbers, separated by single spaces: each step's ms, share, gap and MiB with three decimals (`{:.3}`), and its faults as a whole count (`{:.0}`)";
        return Err(vec![Problem::new(source, 1, message)]);
    }
    let step = |k: usize| std::array::from_fn(|line| lines[line][k].to_string());
    Ok((0..lines[0].len()).map(step).collect())
}

/// The CSV's rows from every run and its row's place in its round: a row per engine and
/// step.
fn table_rows(watched: &[Vec<Run>], places: &[Vec<usize>]) -> Vec<Vec<String>> {
    let mut rows = vec![];
    for (((name, ..), runs), places) in ROWS.iter().zip(watched).zip(places) {
        let places: Vec<String> = places.iter().map(usize::to_string).collect();
        for step in 0..runs[0].len() {
            let by_run =
                |i: usize| -> Vec<&str> { runs.iter().map(|run| run[step][i].as_str()).collect() };
            let ms = by_run(0).iter().map(|t| t.parse().unwrap_or(f64::NAN)).collect();
            let [median, fastest, slowest] = summarize(ms);
            let mut row = vec![name.to_string(), (step + 1).to_string(), median, fastest, slowest];
            row.extend((0..LINES).map(|i| by_run(i).join(" ")));
            row.push(places.join(" "));
            rows.push(row);
        }
    }
    rows
}

/// The median time of some steps, a line per row.
fn table(rows: &[Vec<String>], steps: usize) -> String {
    let shown: Vec<usize> = SHOWN.into_iter().filter(|&k| k <= steps).collect();
    let width = ROWS.iter().map(|(name, ..)| name.len()).max().unwrap_or(0);
    let head: String = shown.iter().map(|k| format!("{k:>7}")).collect();
    let mut text = format!("\nms of each step, the median of the runs\n{:<width$}{head}\n", "step");
    for (row, (name, ..)) in ROWS.iter().enumerate() {
        let cell = |k: &usize| {
            let ms: f64 = rows[row * steps + k - 1][2].parse().unwrap_or(f64::NAN);
            format!("{ms:>7.1}")
        };
        text.push_str(&format!("{name:<width$}{}\n", shown.iter().map(cell).collect::<String>()));
    }
    text
}

/// verify's step: runs `ch11-each-step` and its twin on mimalloc for each row on glibc's
/// defaults (dev build), reads what they print, and checks that the recorded
/// `each-step.csv` has exactly the rows, each with every step the program watches, in
/// order. Skipped until a chapter writes the program; required from then on.
pub fn check(project: &Project, chapters: &[Chapter]) -> Result<(), Problems> {
    if !written(project, chapters, &CH11)? || !written(project, chapters, &ON_MIMALLOC)? {
        return Ok(());
    }
    let mut steps = 0;
    for (_, program, args, tunables) in ROWS.iter().filter(|(.., tunables)| tunables.is_empty()) {
        steps = watch(project, chapters, program, args, tunables, false)?.len();
    }
    RECORDED.check(
        project,
        |path, text| check_csv(path, text, steps),
        |path, text| check_environment_csv_of(path, text, &environment_rows()),
    )
}

/// Checks a recorded `each-step.csv`: the header; every row an engine, a step, three
/// times, then every run's time, share, gap, MiB, faults and place, as many runs in every
/// row; and the rows exactly `ROWS` with steps 1 to `steps` each, in order. Never the
/// timings themselves.
pub fn check_csv(file: &str, text: &str, steps: usize) -> Problems {
    let rows = match read_csv(file, text, HEADER) {
        Ok(rows) => rows,
        Err(problems) => return problems,
    };
    let again = "record a run again with `cargo xtask bench --each-step --record`";
    let mut problems = vec![];
    let mut runs = None;
    let mut found = vec![];
    for (line, fields) in &rows {
        let by_run =
            |i: usize| -> Vec<&str> { fields.get(i).map_or(vec![], |f| f.split(' ').collect()) };
        let count = *runs.get_or_insert(by_run(LEADING).len());
        let fine = fields.len() == COLUMNS
            && fields[2..LEADING].iter().all(|t| is_time(t))
            && by_run(LEADING).iter().all(|t| is_time(t))
            && (LEADING + 1..LEADING + LINES)
                .all(|i| by_run(i).iter().all(|t| fits_line(i - LEADING, t)))
            && by_run(COLUMNS - 1).iter().all(|t| is_count(t))
            && (LEADING..COLUMNS).all(|i| by_run(i).len() == count);
        if !fine {
            let message = format!(
                "a row is an engine, a step, three times with three decimals (`{{:.3}}`), then each run's time, share, gap, MiB, faults and place, as many runs in every row: {again}"
            );
            problems.push(Problem::new(file, *line, message));
            continue;
        }
        found.push(format!("{} {}", fields[0], fields[1]));
    }
    let expected: Vec<String> = ROWS
        .iter()
        .flat_map(|(name, ..)| (1..=steps).map(move |step| format!("{name} {step}")))
        .collect();
    if problems.is_empty() && found != expected {
        let message = format!(
            "its rows should be {:?}, each with steps 1 to {steps}, the steps `{PROGRAM}` watches: {again}",
            ROWS.map(|(name, ..)| name)
        );
        problems.push(Problem::new(file, 0, message));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A recording of `steps` steps, every row alike: each run's ms as given, share 0.900,
    /// gap 0.156 KiB, MiB 0.000 and 12 faults at every step; each row in the same place in
    /// every round, its own in `ROWS`.
    fn recorded(steps: usize, runs: &[&str]) -> String {
        let run = |ms: &&str| -> Run {
            let step = || [ms, &"0.900", &"0.156", &"0.000", &"12"].map(|t| t.to_string());
            (0..steps).map(|_| step()).collect()
        };
        let watched: Vec<Vec<Run>> = ROWS.iter().map(|_| runs.iter().map(run).collect()).collect();
        let places: Vec<Vec<usize>> = (1..=ROWS.len()).map(|p| vec![p; runs.len()]).collect();
        let rows = table_rows(&watched, &places);
        csv(HEADER, rows.iter().map(|row| row.iter().map(String::as_str).collect()))
    }

    #[test]
    fn a_settings_chosen_word_is_the_one_in_brackets() {
        assert_eq!(chosen("always [madvise] never\n").as_deref(), Some("madvise"));
        assert_eq!(chosen("always madvise never"), None);
    }

    #[test]
    fn the_program_prints_five_lines_of_numbers() {
        let faults = "\n300 12\n";
        let printed = format!("12.345 40.000\n0.897 0.650\n0.156 9.250\n10.100 NaN{faults}");
        let run = parse("out", &printed).unwrap();
        assert_eq!(run[1], ["40.000", "0.650", "9.250", "NaN", "12"]);
        // Faults to three decimals, as the program printed them once, still read.
        let older = printed.replace(faults, "\n300.000 12.000\n");
        assert_eq!(parse("out", &older).unwrap()[1][4], "12.000");
        // A count anywhere else is not a watched number.
        let counted = printed.replace("0.156 9.250", "0 9.250");
        assert!(parse("out", &counted).is_err());
        for wrong in [
            "12.345 40.000\n0.897 0.650\n0.156 9.250\n10.100 0.000\n".to_string(),
            format!("12.345 40.000\n0.897\n0.156 9.250\n10.100 0.000{faults}"),
            format!("12.3 40.000\n0.897 0.650\n0.156 9.250\n10.100 0.000{faults}"),
            format!("NaN 40.000\n0.897 0.650\n0.156 9.250\n10.100 0.000{faults}"),
            format!("12.345  40.000\n0.897 0.650\n0.156 9.250\n10.100 0.000{faults}"),
            String::new(),
        ] {
            assert!(parse("out", &wrong).is_err(), "{wrong:?}");
        }
    }

    #[test]
    fn each_step_is_a_row_with_the_runs_median_and_extremes() {
        let text = recorded(2, &["12.000", "11.000", "14.500"]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], HEADER);
        assert_eq!(
            lines[1],
            "new Drop,1,12.000,11.000,14.500,12.000 11.000 14.500,0.900 0.900 0.900,0.156 0.156 0.156,0.000 0.000 0.000,12 12 12,1 1 1"
        );
        assert_eq!(lines.len(), 1 + 2 * ROWS.len());
        assert!(lines[8].starts_with("\"old Drop, fastbins off\",2,"));
        assert!(lines[10].starts_with("\"old Drop, not asking\",2,"));
        assert!(lines[14].starts_with("\"old Drop, on mimalloc\",2,"));
        assert!(check_csv("each-step.csv", &text, 2).is_empty());
    }

    #[test]
    fn a_recorded_table_of_another_shape_is_refused() {
        let text = recorded(2, &["12.000", "11.000"]);
        assert_eq!(check_csv("f", &text, 3).len(), 1, "a step short");
        let dropped: String = text
            .lines()
            .filter(|l| !l.starts_with("new Drop,2,"))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(check_csv("f", &dropped, 2).len(), 1, "a row missing");
        let fewer_shares = text.trim_end().replacen("0.900 0.900,0.156", "0.900,0.156", 1);
        let problems = check_csv("f", &format!("{fewer_shares}\n"), 2);
        assert_eq!(problems.len(), 1, "a row with fewer runs' shares");
        assert_eq!(problems[0].line, 2);
        assert!(!check_csv("f", &text.replacen("12.000", "12", 1), 2).is_empty());
        let placeless = text.replacen("12 12,1 1", "12 12", 1);
        assert_eq!(check_csv("f", &placeless, 2).len(), 1, "a row without its places");
        let misplaced = text.replacen("12 12,1 1", "12 12,1 first", 1);
        assert_eq!(check_csv("f", &misplaced, 2).len(), 1, "a place not a count");
        assert!(!check_csv("f", &text.replacen("engine,", "name,", 1), 2).is_empty());
    }
}
