// Generated from chapters/appendix-recorded.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 69d3a7aff03bfd41
//! Chapter 12's recorded bench run, as the figures and `ch11-recorded` read
//! it: `data/bench.csv` and `data/phases.csv`, which `cargo xtask bench
//! --record` writes, built into the crate; and the crate's own recording of
//! each training step, `data/each-step.csv`.

use std::ops::Index;
use std::rc::Rc;

/// Each engine's step: name, median ms, fastest and slowest run's ms, ...
pub const BENCH: &str = include_str!("../../ch12-tape/data/bench.csv");

/// The phases of one step of chapter 6's `Value`: name, median ms.
pub const PHASES: &str = include_str!("../../ch12-tape/data/phases.csv");

/// How the recorded run was made, and on what machine: what, value.
pub const ENVIRONMENT: &str =
    include_str!("../../ch12-tape/data/environment.csv");

/// The value the recorded run's environment gives for `what`.
pub fn environment(what: &str) -> String {
    value_of(ENVIRONMENT, what)
}

/// The value an environment.csv's `text` gives for `what`.
pub fn value_of(text: &str, what: &str) -> String {
    let rows = rows(text);
    let row = rows.iter().find(|row| row["what"] == what);
    let row = row.unwrap_or_else(|| panic!("environment.csv has no `{what}`"));
    row["value"].clone()
}

/// Each of chapter 10's training steps timed alone by `ch11-each-step`:
/// engine, step, median ms, fastest and slowest run's, each run's.
pub const EACH_STEP: &str = include_str!("../data/each-step.csv");

/// How each-step.csv was made, and on what machine.
pub const EACH_STEP_ENVIRONMENT: &str = include_str!("../data/environment.csv");

/// What each-step.csv's last five columns hold, each run's: the step's
/// ms, its share of near nodes, their median gap in KiB, the MiB in the
/// fastbins after it, its minor page faults.
#[derive(Clone, Copy)]
pub enum Watched {
    Ms,
    Near,
    Gap,
    Fastbins,
    Faults,
}

impl Watched {
    /// The name of each-step.csv's column that holds it.
    pub fn column(self) -> &'static str {
        match self {
            Watched::Ms => "ms_by_run",
            Watched::Near => "near_by_run",
            Watched::Gap => "gap_kib_by_run",
            Watched::Fastbins => "fastbins_mib_by_run",
            Watched::Faults => "faults_by_run",
        }
    }
}

/// The rows of each-step.csv: the ways each step's graph was freed on
/// glibc's allocator.
pub const WATCHED: [&str; 4] =
    ["new Drop", "old Drop", "old Drop, then 64 KiB", "old Drop, fastbins off"];

/// The old `Drop` watched again without asking glibc about its fastbins,
/// which walks them, the chunks the next step reuses.
pub const UNASKED: &str = "old Drop, not asking";

/// The rows of each-step.csv watched on mimalloc, the same two ways as
/// `WATCHED`'s first two.
pub const ON_MIMALLOC: [&str; 2] =
    ["new Drop, on mimalloc", "old Drop, on mimalloc"];

/// The rows of each-step.csv watched with glibc's heap on huge pages
/// (`glibc.malloc.hugetlb=1`), the same two ways.
pub const ON_HUGE_PAGES: [&str; 2] =
    ["new Drop, huge pages", "old Drop, huge pages"];

/// `what` each run of the row `name` in each-step.csv watched, step by
/// step: `[step][run]`, the steps in order from the first.
pub fn each_step(name: &str, what: Watched) -> Vec<Vec<f64>> {
    let number = |text: &str| text.parse::<f64>().expect("a number");
    let steps: Vec<Vec<f64>> = rows(EACH_STEP)
        .iter()
        .filter(|row| row["engine"] == name)
        .map(|row| row[what.column()].split(' ').map(number).collect())
        .collect();
    assert!(!steps.is_empty(), "each-step.csv has no rows `{name}`");
    steps
}

/// Each step's median over the runs of `what` the row `name` watched.
pub fn step_medians(name: &str, what: Watched) -> Vec<f64> {
    each_step(name, what).into_iter().map(median).collect()
}

/// One row of a CSV file, its fields found by their columns' names:
/// `row["engine"]`.
pub struct Row {
    header: Rc<[String]>,
    fields: Vec<String>,
}

impl Index<&str> for Row {
    type Output = String;

    fn index(&self, column: &str) -> &String {
        let at = self.header.iter().position(|name| name == column);
        let at = at.unwrap_or_else(|| panic!("no column `{column}`"));
        &self.fields[at]
    }
}

/// A CSV file's rows, below its header line. A field may be in quotes, as
/// a name with a comma in it is.
pub fn rows(text: &str) -> Vec<Row> {
    let fields = |mut rest: &str| {
        let mut fields = vec![];
        loop {
            let (field, after) = match rest.strip_prefix('"') {
                Some(quoted) => {
                    let end = quoted.find('"').expect("a closing quote");
                    (&quoted[..end], quoted[end + 1..].strip_prefix(','))
                }
                None => match rest.split_once(',') {
                    Some((field, after)) => (field, Some(after)),
                    None => (rest, None),
                },
            };
            fields.push(field.to_string());
            match after {
                Some(after) => rest = after,
                None => return fields,
            }
        }
    };
    let mut lines = text.lines();
    let header: Rc<[String]> = fields(lines.next().expect("a header")).into();
    let row = |line| Row { header: header.clone(), fields: fields(line) };
    lines.map(row).collect()
}

/// The least and the greatest of `xs`, which must not be empty.
pub fn extremes(xs: &[f64]) -> [f64; 2] {
    [f64::min, f64::max].map(|pick| xs.iter().copied().fold(xs[0], pick))
}

/// A number to two significant figures, as the figures label ratios.
/// (`log10` and `powi` come from the platform, and a negative power of ten
/// such as 0.01 is not exact in `f64`; only a number within a last bit of a
/// rounding boundary could be rounded differently elsewhere.)
pub fn two_figures(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    if x < 0.0 {
        return format!("-{}", two_figures(-x));
    }
    // Rounded to two figures first, so that 9.96 becomes 10, not 10.0.
    let unit = 10f64.powi(x.abs().log10().floor() as i32 - 1);
    let x = (x / unit).round() * unit;
    let places = (1 - x.abs().log10().floor() as i32).max(0) as usize;
    let rounded = format!("{x:.places$}");
    // Whole numbers of four digits and more get a thousands comma; digits
    // past the second are rounded away.
    let digits = rounded.split('.').next().unwrap_or("").len();
    if places > 0 || digits < 3 {
        return rounded;
    }
    let unit = 10f64.powi(digits as i32 - 2);
    thousands(((x / unit).round() * unit) as u64)
}

/// A whole number with its thousands separated by commas: 65,818.
pub fn thousands(whole: u64) -> String {
    let text = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in text.chars().enumerate() {
        if i > 0 && (text.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    grouped
}

/// The rows of `phases` that are the phases of chapter 6's engine with
/// the new `Drop`: not those with the old, nor the crate's, nor the walks.
pub fn step_phases(phases: &[Row]) -> impl Iterator<Item = &Row> {
    let ours = |row: &&Row| {
        !PREFIXES.iter().any(|prefix| row["phase"].starts_with(prefix))
    };
    phases.iter().filter(ours)
}

/// The prefixes of the rows of phases.csv that are not chapter 6's engine
/// with the new `Drop`: the walks', the old `Drop`'s, the crate's and the
/// cheaper walk's.
pub const PREFIXES: [&str; 4] = [WALK, AS_FOUND, INLINE, CHEAPER];

/// The prefix of the walks' rows in phases.csv.
pub const WALK: &str = "walk: ";

/// The prefix of the rows of the phases with chapter 6's `Drop`.
pub const AS_FOUND: &str = "old Drop: ";

/// The prefix of the rows of the phases of the crate as it now is, its
/// operands inline (chapter 11.3).
pub const INLINE: &str = "operands inline: ";

/// The prefix of the rows of the phases of the cheaper walk: the crate's
/// walk over chapter 6's node (chapter 11.3).
pub const CHEAPER: &str = "cheaper walk: ";

/// Chapter 6's engine with the crate's `Drop`, chapter 11.1's, as the bench
/// names it.
pub const NEW_DROP: &str = "chapter 6's engine with new Drop";

/// Chapter 6's engine as it was built, with its own `Drop`.
pub const OLD_DROP: &str = "chapter 6's engine with old Drop";

/// What the bench appends to an engine's name for its runs with glibc's
/// fastbins off.
pub const OFF_SUFFIX: &str = " (fastbins off)";

/// `f` of two runs' lists, round by round, in order: their ratios, say.
pub fn run_by_run(a: &[f64], b: &[f64], f: fn(f64, f64) -> f64) -> Vec<f64> {
    assert_eq!(a.len(), b.len(), "a run of each in every round");
    a.iter().zip(b).map(|(a, b)| f(*a, *b)).collect()
}

/// One engine's recorded step: the median of its runs, the fastest run's
/// and the slowest run's, in ms, and every run's.
#[derive(Clone)]
pub struct Timing {
    pub median: f64,
    pub fastest: f64,
    pub slowest: f64,
    /// Each run's ms per step, in the order the runs were made.
    pub runs: Vec<f64>,
    /// Whether run i was made in round i of the recording, moments from run
    /// i of every other engine of the same recording (the Rust engines).
    pub in_rounds: bool,
}

/// The recorded step of the engine `name`.
pub fn timing(name: &str) -> Timing {
    let number =
        |text: &str| text.parse::<f64>().expect("a number in bench.csv");
    let rows = rows(BENCH);
    let row = rows.iter().find(|row| row["engine"] == name);
    let row = row.unwrap_or_else(|| panic!("bench.csv has no row `{name}`"));
    let [median, fastest, slowest] =
        ["ms_per_step", "ms_fastest", "ms_slowest"]
            .map(|column| number(&row[column]));
    let runs = &row["ms_by_run"];
    Timing {
        median,
        fastest,
        slowest,
        runs: runs.split(' ').map(number).collect(),
        in_rounds: !name.starts_with("Python"),
    }
}

impl Timing {
    /// A step known only by the median, fastest and slowest of three runs,
    /// paired with no other engine's.
    pub fn of_three(median: f64, fastest: f64, slowest: f64) -> Timing {
        let runs = vec![fastest, median, slowest];
        Timing { median, fastest, slowest, runs, in_rounds: false }
    }
}

/// Each run's ms of the phase or walk `name` in phases.csv, in order.
pub fn phase_runs(name: &str) -> Vec<f64> {
    let rows = rows(PHASES);
    let row = rows.iter().find(|row| row["phase"] == name);
    let row = row.unwrap_or_else(|| panic!("phases.csv has no row `{name}`"));
    let runs = row["ms_by_run"].split(' ');
    runs.map(|ms| ms.parse().expect("a number")).collect()
}

/// The value a share `q` of the way along `sorted` (0 the least, 1 the
/// most), between the two values it falls between: at 0.5, the median, the
/// mean of the middle two of an even number.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    assert!(!sorted.is_empty(), "a quantile of no values");
    debug_assert!(sorted.is_sorted_by(|a, b| a <= b), "sorted values");
    let h = q * (sorted.len() - 1) as f64;
    let (below, above) = (h.floor() as usize, h.ceil() as usize);
    sorted[below] + (h - h.floor()) * (sorted[above] - sorted[below])
}

/// The median of `xs`.
pub fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    quantile(&xs, 0.5)
}

/// The median of ratios `xs` and their middle half (from the 25th
/// percentile to the 75th), as `median (low to high)`, to two figures; a
/// number near 1 to three decimals, so that a reader can tell which side of
/// 1 it lies on.
pub fn spread(xs: Vec<f64>) -> String {
    spread_as(xs, ratio_figures)
}

/// A ratio to two figures, or to three decimals near 1, so that its side
/// of 1 shows: from 0.945, which two figures would round up to 0.95.
pub fn ratio_figures(x: f64) -> String {
    if (0.945..1.05).contains(&x) { format!("{x:.3}") } else { two_figures(x) }
}

/// The same for times, or differences of times: always to two figures.
pub fn spread_ms(xs: Vec<f64>) -> String {
    spread_as(xs, two_figures)
}

/// The same for ratios a few percent from 1, whose size two figures would
/// blur: always to three decimals.
pub fn spread_fine(xs: Vec<f64>) -> String {
    spread_as(xs, |x| format!("{x:.3}"))
}

/// The median of `xs` and their middle half, each as `show` writes it.
pub fn spread_as(mut xs: Vec<f64>, show: impl Fn(f64) -> String) -> String {
    xs.sort_by(f64::total_cmp);
    let [low, median, high] = [0.25, 0.5, 0.75].map(|q| show(quantile(&xs, q)));
    format!("{median} ({low} to {high})")
}

/// How many times as long `slow`'s step takes as `fast`'s, round by round:
/// the median of the ratios and their middle half. Engines timed in the same
/// rounds are paired round by round, so that what the machine was doing at
/// that moment weighs on both; otherwise every run of one is set against
/// every run of the other.
pub fn ratio(slow: Timing, fast: Timing) -> String {
    spread(ratios(slow, fast))
}

/// The ratios behind [`ratio`], one a round, or one for each pair of runs.
pub fn ratios(slow: Timing, fast: Timing) -> Vec<f64> {
    if slow.in_rounds && fast.in_rounds {
        let rounds = slow.runs.len();
        assert_eq!(rounds, fast.runs.len(), "a run in each round for each");
        slow.runs.iter().zip(&fast.runs).map(|(s, f)| s / f).collect()
    } else {
        let each = |&s: &f64| fast.runs.iter().map(move |f| s / f);
        slow.runs.iter().flat_map(each).collect()
    }
}
