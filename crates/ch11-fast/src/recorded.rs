// Generated from chapters/11-fast.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: d83dd637b58e4112
//! Chapter 12's recorded bench run, as the figures and `ch11-recorded` read
//! it: `data/bench.csv` and `data/phases.csv`, which `cargo xtask bench
//! --record` writes, built into the crate.

/// Each engine's step: name, median ms, fastest and slowest run's ms, ...
pub const BENCH: &str = include_str!("../../ch12-tape/data/bench.csv");

/// The phases of one step of chapter 6's `Value`: name, median ms.
pub const PHASES: &str = include_str!("../../ch12-tape/data/phases.csv");

/// How the recorded run was made, and on what machine: what, value.
pub const ENVIRONMENT: &str =
    include_str!("../../ch12-tape/data/environment.csv");

/// The value the recorded run's environment gives for `what`.
pub fn environment(what: &str) -> String {
    let rows = rows(ENVIRONMENT);
    let row = rows.iter().find(|row| row[0] == what);
    row.unwrap_or_else(|| panic!("environment.csv has no `{what}`"))[1].clone()
}

/// The bench as recorded before this chapter's change to micrograd's
/// `Drop` (its README says when and with which engine), kept unchanged.
pub const BENCH_BEFORE_DROP_FIX: &str =
    include_str!("../../ch12-tape/data/before-drop-fix/bench.csv");

/// A CSV file's rows, without the header line. A field may be in quotes, as
/// a name with a comma in it is.
pub fn rows(text: &str) -> Vec<Vec<String>> {
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
    text.lines().skip(1).map(fields).collect()
}

/// A number to two significant figures, as the figures label ratios.
pub fn two_figures(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    let places = (1 - x.abs().log10().floor() as i32).max(0) as usize;
    let rounded = format!("{x:.places$}");
    // Whole numbers of four digits and more get a thousands comma; digits
    // past the second are rounded away.
    let digits = rounded.split('.').next().unwrap_or("").len();
    if places > 0 || digits < 3 {
        return rounded;
    }
    let unit = 10f64.powi(digits as i32 - 2);
    let whole = ((x / unit).round() * unit) as u64;
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

/// One engine's recorded step: the median of its runs, the fastest run's
/// and the slowest run's, in ms.
#[derive(Clone, Copy)]
pub struct Timing {
    pub median: f64,
    pub fastest: f64,
    pub slowest: f64,
}

/// The recorded step of the engine `name`, in the latest recording.
pub fn timing(name: &str) -> Timing {
    timing_in(BENCH, name)
}

/// The step of the engine `name` in the recording `bench`.
pub fn timing_in(bench: &str, name: &str) -> Timing {
    let number =
        |text: &str| text.parse::<f64>().expect("a number in bench.csv");
    let rows = rows(bench);
    let row = rows.iter().find(|row| row[0] == name);
    let row = row.unwrap_or_else(|| panic!("bench.csv has no row `{name}`"));
    Timing {
        median: number(&row[1]),
        fastest: number(&row[2]),
        slowest: number(&row[3]),
    }
}

/// How many times as long `slow`'s step takes as `fast`'s: the medians'
/// ratio, then the least and the most the runs allow (`slow`'s fastest run
/// against `fast`'s slowest, and the other way round), to two figures.
pub fn ratio(slow: Timing, fast: Timing) -> String {
    format!(
        "{} ({} to {})",
        two_figures(slow.median / fast.median),
        two_figures(slow.fastest / fast.slowest),
        two_figures(slow.slowest / fast.fastest)
    )
}
