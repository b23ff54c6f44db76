//! What `ch12-bench` prints, read strictly, and the CSV files made from it.
//!
//! The program prints only records, one a line, comma-separated:
//!
//! ```text
//! engine,NAME,MS PER STEP,MS FASTEST,MS SLOWEST,NS PER NODE,BYTES PER NODE,NODES PER STEP,MS BY RUN
//! chain,NAME,MS
//! phase,NAME,MS PER STEP,MS BY RUN
//! ```
//!
//! with milliseconds to three decimals (an engine's: the median, fastest and slowest of its
//! runs, each run a fresh process; MS BY RUN: each run's, in the order the runs were made,
//! separated by spaces), nanoseconds and bytes to one, nodes as an integer,
//! and `-` for the bytes of an engine without nodes. The numbers are kept as printed, so
//! the CSV files hold exactly what the program measured.

use crate::problem::{Problem, Problems};

/// The header of `bench.csv`.
pub const BENCH_HEADER: &str = "engine,ms_per_step,ms_fastest,ms_slowest,ns_per_node,bytes_per_node,nodes_per_step,chain_ms,times_faster_than_python_tuned,ms_by_run";
/// The header of `phases.csv`.
pub const PHASES_HEADER: &str = "phase,ms_per_step,ms_by_run";
/// The names of the original's rows, which come first in `bench.csv`.
pub const PYTHON_DEFAULT: &str = "Python micrograd";
pub const PYTHON_TUNED: &str = "Python micrograd, gc tuned";

/// The header of `environment.csv`, and what its rows say, in order.
pub const ENVIRONMENT_HEADER: &str = "what,value";
pub const ENVIRONMENT: [&str; 11] = [
    "fresh processes per engine",
    "timed steps in each",
    "processor",
    "cores",
    "caches of one core",
    "system",
    "C library",
    "Rust",
    "Python",
    "micrograd",
    "load average at the start (1, 5, 15 min)",
];

/// `environment.csv`: the header, then each of `ENVIRONMENT` with its value.
pub fn environment_csv(values: &[String]) -> String {
    environment_csv_of(&ENVIRONMENT, values)
}

/// An `environment.csv` whose rows say `whats`, each with its value, in order.
pub fn environment_csv_of(whats: &[&str], values: &[String]) -> String {
    let rows = whats.iter().zip(values).map(|(what, value)| vec![*what, value.as_str()]);
    csv(ENVIRONMENT_HEADER, rows)
}

/// Checks a recorded `environment.csv`: the header, and a value for each of `ENVIRONMENT`,
/// in order.
pub fn check_environment_csv(file: &str, text: &str, _: &Records) -> Problems {
    check_environment_csv_of(file, text, &ENVIRONMENT)
}

/// Checks a recorded `environment.csv` whose rows should say `whats`, each with a value,
/// in order.
pub fn check_environment_csv_of(file: &str, text: &str, whats: &[&str]) -> Problems {
    let rows = match read_csv(file, text, ENVIRONMENT_HEADER) {
        Ok(rows) => rows,
        Err(problems) => return problems,
    };
    let found: Vec<&str> = rows.iter().map(|(_, fields)| fields[0].as_str()).collect();
    let complete = rows.iter().all(|(_, fields)| fields.len() == 2 && !fields[1].is_empty());
    if found == whats && complete {
        return vec![];
    }
    let message = format!(
        "its rows should be {whats:?}, each with a value: record a run again with `cargo xtask bench --record`"
    );
    vec![Problem::new(file, 0, message)]
}

/// One `engine` record.
#[derive(Debug, Clone, PartialEq)]
pub struct Engine {
    pub name: String,
    /// Median milliseconds per step over the runs, as printed (three decimals).
    pub ms: String,
    /// The fastest and the slowest run's milliseconds per step.
    pub fastest: String,
    pub slowest: String,
    /// Nanoseconds per node of the lecture's graph, as printed (one decimal).
    pub ns: String,
    /// Bytes per node, as printed (one decimal); `None` for an engine without nodes.
    pub bytes: Option<String>,
    /// The engine's own nodes per step.
    pub nodes: String,
    /// Each run's milliseconds per step, in the order of the runs, space-separated.
    pub runs: String,
}

/// One `phase` record: its name, its median milliseconds per step over the runs, and each
/// run's, in order, space-separated.
#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    pub name: String,
    pub ms: String,
    pub runs: String,
}

/// Everything one run of `ch12-bench` printed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Records {
    /// In the order printed: the chapter's journey.
    pub engines: Vec<Engine>,
    /// Engine name and milliseconds for the 1,000,000-deep chain.
    pub chains: Vec<(String, String)>,
    pub phases: Vec<Phase>,
}

/// How a number is printed: `{:.3}`, `{:.1}` or as an integer.
#[derive(Debug, Clone, Copy)]
enum Format {
    Millis,
    Tenths,
    Count,
    /// `Millis` numbers separated by single spaces, one at least.
    Runs,
}

impl Format {
    fn places(self) -> usize {
        match self {
            Format::Millis => 3,
            Format::Tenths => 1,
            Format::Count | Format::Runs => 0,
        }
    }

    /// Whether `text` is a number printed this way: digits, then a point and exactly as
    /// many decimals as the format prints (none for a count). No sign, no exponent.
    fn fits(self, text: &str) -> bool {
        if let Format::Runs = self {
            return text.split(' ').all(|run| Format::Millis.fits(run));
        }
        let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        let (whole, fraction) = match self.places() {
            0 => (text, ""),
            _ => match text.split_once('.') {
                Some(parts) => parts,
                None => return false,
            },
        };
        !whole.is_empty() && digits(whole) && digits(fraction) && fraction.len() == self.places()
    }

    fn describe(self) -> &'static str {
        match self {
            Format::Millis => "a number with three decimals (`{:.3}`)",
            Format::Tenths => "a number with one decimal (`{:.1}`)",
            Format::Count => "a whole number",
            Format::Runs => "numbers with three decimals separated by spaces",
        }
    }
}

/// Whether `text` is a time as the programs print one, `{:.3}`: digits, a point, three
/// digits.
pub fn is_time(text: &str) -> bool {
    Format::Millis.fits(text)
}

/// Whether `text` is a count as the programs print one, `{:.0}`: digits alone.
pub fn is_count(text: &str) -> bool {
    Format::Count.fits(text)
}

/// Reads what `ch12-bench` printed; `source` names it in the problems, each at its line.
pub fn parse(source: &str, text: &str) -> Result<Records, Problems> {
    let mut records = Records::default();
    let mut problems = vec![];
    let mut engine_lines = vec![];
    let mut chain_lines = vec![];
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let fields: Vec<&str> = line.split(',').collect();
        let mut wrong = |message: String| {
            let shown = crate::programs::clip(line);
            problems.push(Problem::new(source, number, format!("{message}: `{shown}`")));
        };
        let expected = match fields[0] {
            "engine" => 9,
            "phase" => 4,
            "chain" => 3,
            "" if line.trim().is_empty() => {
                wrong("an empty line: the program prints only records".into());
                continue;
            }
            other => {
                wrong(format!(
                    "`{other}` is not a record: the program prints only `engine`, `chain` and `phase` records, comma-separated"
                ));
                continue;
            }
        };
        if fields.len() != expected {
            wrong(format!(
                "`{}` records have {expected} fields, this line has {}",
                fields[0],
                fields.len()
            ));
            continue;
        }
        if let Err(message) = name(fields[1]) {
            wrong(message);
            continue;
        }
        let formats: &[(&str, Format)] = match fields[0] {
            "engine" => &[
                ("ms per step", Format::Millis),
                ("fastest ms per step", Format::Millis),
                ("slowest ms per step", Format::Millis),
                ("ns per node", Format::Tenths),
                ("bytes per node", Format::Tenths),
                ("nodes per step", Format::Count),
                ("ms by run", Format::Runs),
            ],
            "chain" => &[("ms", Format::Millis)],
            _ => &[("ms per step", Format::Millis), ("ms by run", Format::Runs)],
        };
        let mut fine = true;
        for ((what, format), field) in formats.iter().zip(&fields[2..]) {
            let nodeless = fields[0] == "engine" && fields[7] == "0";
            if *what == "bytes per node" && (*field == "-" || nodeless) {
                if (*field == "-") != nodeless {
                    wrong(format!(
                        "bytes per node is `-` exactly where there are no nodes, and the nodes per step are {}",
                        fields[7]
                    ));
                    fine = false;
                }
                continue;
            }
            if !format.fits(field) {
                wrong(format!("the {what}, `{field}`, should be {}", format.describe()));
                fine = false;
            }
        }
        if !fine {
            continue;
        }
        let (kind, name) = (fields[0], fields[1].to_string());
        let value = fields[2].to_string();
        match kind {
            "engine" if records.engines.iter().any(|e| e.name == name) => {
                wrong(format!("a second `engine` record for `{name}`"))
            }
            "engine" => {
                engine_lines.push(number);
                records.engines.push(Engine {
                    name,
                    ms: value,
                    fastest: fields[3].into(),
                    slowest: fields[4].into(),
                    ns: fields[5].into(),
                    bytes: Some(fields[6].to_string()).filter(|b| b != "-"),
                    nodes: fields[7].into(),
                    runs: fields[8].into(),
                });
            }
            "chain" if records.chains.iter().any(|(n, _)| *n == name) => {
                wrong(format!("a second `chain` record for `{name}`"))
            }
            "chain" => {
                chain_lines.push(number);
                records.chains.push((name, value));
            }
            _ if records.phases.iter().any(|p| p.name == name) => {
                wrong(format!("a second `phase` record for `{name}`"))
            }
            _ => records.phases.push(Phase { name, ms: value, runs: fields[3].into() }),
        }
    }
    // Which chains and engines are missing is worth saying only once every line reads.
    if !problems.is_empty() {
        return Err(problems);
    }
    for ((name, _), line) in records.chains.iter().zip(&chain_lines) {
        if !records.engines.iter().any(|e| e.name == *name) {
            let message = format!("a `chain` record for `{name}`, which no `engine` record names");
            problems.push(Problem::new(source, *line, message));
        }
    }
    for (engine, line) in records.engines.iter().zip(&engine_lines) {
        if engine.nodes != "0" && !records.chains.iter().any(|(n, _)| *n == engine.name) {
            let message = format!(
                "`{}` has a graph ({} nodes per step) but no `chain` record",
                engine.name, engine.nodes
            );
            problems.push(Problem::new(source, *line, message));
        }
    }
    if problems.is_empty() {
        for (kind, count) in [("engine", records.engines.len()), ("phase", records.phases.len())] {
            if count == 0 {
                problems.push(Problem::new(source, 0, format!("there is no `{kind}` record")));
            }
        }
    }
    if problems.is_empty() { Ok(records) } else { Err(problems) }
}

/// Reads the line the timing script prints for one collector `mode`, `python,MODE,MS,NODES`,
/// as milliseconds per step and nodes per step, for one run.
pub fn original(printed: &str, mode: &str) -> Result<(String, String), String> {
    let line = printed.lines().last().unwrap_or("");
    match line.split(',').collect::<Vec<_>>()[..] {
        ["python", m, ms, nodes]
            if m == mode && Format::Millis.fits(ms) && Format::Count.fits(nodes) =>
        {
            Ok((ms.to_string(), nodes.to_string()))
        }
        _ => Err(format!(
            "it printed `{}`, not `python,{mode},MS,NODES`",
            crate::programs::clip(line)
        )),
    }
}

/// Checks an engine's or phase's name: plain text, and not one of the original's.
fn name(name: &str) -> Result<(), String> {
    if name.is_empty() || name.trim() != name {
        return Err("the name is empty or has spaces around it".into());
    }
    if name.starts_with(PYTHON_DEFAULT) {
        return Err(format!("names starting `{PYTHON_DEFAULT}` are the original's rows"));
    }
    Ok(())
}

/// One row of `bench.csv` and of the printed table; empty fields where not applicable.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub engine: String,
    pub ms: String,
    pub fastest: String,
    pub slowest: String,
    pub ns: String,
    pub bytes: String,
    pub nodes: String,
    pub chain: String,
    pub faster: String,
    pub runs: String,
}

impl Row {
    fn fields(&self) -> [&str; 10] {
        [
            &self.engine,
            &self.ms,
            &self.fastest,
            &self.slowest,
            &self.ns,
            &self.bytes,
            &self.nodes,
            &self.chain,
            &self.faster,
            &self.runs,
        ]
    }
}

/// The nodes of one step of the lecture's graph, the same work for every engine: the
/// nanoseconds per node of every row are its step's time divided by this.
pub const LECTURE_NODES: f64 = 65_818.0;

/// A timing of the original: the row's name, milliseconds per step (`{:.3}`: the median,
/// fastest and slowest of its runs), the nodes of its graph, and each run's milliseconds,
/// in order, space-separated.
pub struct Original {
    pub name: &'static str,
    pub ms: String,
    pub fastest: String,
    pub slowest: String,
    pub nodes: String,
    pub runs: String,
}

/// The rows of the table: the original's first, then the engines; each row's speed as a
/// multiple of the tuned original's, where that was timed.
pub fn rows(originals: &[Original], records: &Records) -> Vec<Row> {
    let millis = |text: &str| text.parse::<f64>().unwrap_or(f64::NAN);
    let tuned = originals.iter().find(|o| o.name == PYTHON_TUNED).map(|o| millis(&o.ms));
    let faster = |ms: &str| match tuned {
        Some(tuned) if millis(ms) > 0.0 => format!("{:.1}", tuned / millis(ms)),
        _ => String::new(),
    };
    let python = originals.iter().map(|o| Row {
        engine: o.name.into(),
        ms: o.ms.clone(),
        fastest: o.fastest.clone(),
        slowest: o.slowest.clone(),
        ns: format!("{:.1}", millis(&o.ms) * 1e6 / LECTURE_NODES),
        bytes: String::new(),
        nodes: o.nodes.clone(),
        chain: String::new(),
        faster: faster(&o.ms),
        runs: o.runs.clone(),
    });
    let engines = records.engines.iter().map(|e| Row {
        engine: e.name.clone(),
        ms: e.ms.clone(),
        fastest: e.fastest.clone(),
        slowest: e.slowest.clone(),
        ns: e.ns.clone(),
        bytes: e.bytes.clone().unwrap_or_default(),
        nodes: e.nodes.clone(),
        chain: records
            .chains
            .iter()
            .find(|(name, _)| *name == e.name)
            .map(|(_, ms)| ms.clone())
            .unwrap_or_default(),
        faster: faster(&e.ms),
        runs: e.runs.clone(),
    });
    python.chain(engines).collect()
}

/// `bench.csv`: the header, then a line per row.
pub fn bench_csv(rows: &[Row]) -> String {
    csv(BENCH_HEADER, rows.iter().map(|r| r.fields().to_vec()))
}

/// `phases.csv`: the header, then a line per phase.
pub fn phases_csv(records: &Records) -> String {
    let rows = records.phases.iter().map(|p| vec![p.name.as_str(), &p.ms, &p.runs]);
    csv(PHASES_HEADER, rows)
}

/// A CSV file: `header`, then a line per row, each field quoted where it must be.
pub fn csv<'a>(header: &str, rows: impl Iterator<Item = Vec<&'a str>>) -> String {
    let mut text = format!("{header}\n");
    for row in rows {
        let fields: Vec<String> = row.iter().map(|f| quoted(f)).collect();
        text.push_str(&fields.join(","));
        text.push('\n');
    }
    text
}

/// A CSV field: in double quotes, its quotes doubled, if it holds a comma or a quote.
fn quoted(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// The rows of a CSV file after its header, which must be `header`, each with its line.
pub fn read_csv(
    file: &str,
    text: &str,
    header: &str,
) -> Result<Vec<(usize, Vec<String>)>, Problems> {
    let mut lines = text.lines();
    if lines.next() != Some(header) {
        let message = format!("the first line should be the header `{header}`");
        return Err(vec![Problem::new(file, 1, message)]);
    }
    let mut rows = vec![];
    let mut problems = vec![];
    for (index, line) in lines.enumerate() {
        match fields(line) {
            Ok(fields) => rows.push((index + 2, fields)),
            Err(message) => problems.push(Problem::new(file, index + 2, message)),
        }
    }
    if problems.is_empty() { Ok(rows) } else { Err(problems) }
}

/// The fields of a CSV line, unquoting those in double quotes.
fn fields(line: &str) -> Result<Vec<String>, String> {
    let mut fields = vec![];
    let mut chars = line.chars().peekable();
    loop {
        let mut field = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    Some('"') => break,
                    Some(c) => field.push(c),
                    None => return Err("a quoted field is not closed".into()),
                }
            }
            if !matches!(chars.peek(), None | Some(',')) {
                return Err("a quoted field runs on past its closing quote".into());
            }
        } else {
            while let Some(c) = chars.next_if(|c| *c != ',') {
                if c == '"' {
                    return Err("a quote inside a field that does not start with one".into());
                }
                field.push(c);
            }
        }
        fields.push(field);
        if chars.next().is_none() {
            return Ok(fields);
        }
    }
}

/// Checks a recorded `bench.csv` against a run's records: the header, every row's
/// numbers, the original's rows (if any) first, then exactly the run's engines, in order,
/// each with the bytes this run counted (counted, not timed, they must not change).
/// Never the timings themselves.
pub fn check_bench_csv(file: &str, text: &str, records: &Records) -> Problems {
    let rows = match read_csv(file, text, BENCH_HEADER) {
        Ok(rows) => rows,
        Err(problems) => return problems,
    };
    let mut problems = vec![];
    let mut engines = vec![];
    let mut last_line = 1;
    for (line, fields) in &rows {
        last_line = *line;
        let mut wrong = |message: String| problems.push(Problem::new(file, *line, message));
        if fields.len() != 10 {
            wrong(format!("a row has 10 fields, this one {}", fields.len()));
            continue;
        }
        let formats = [
            ("ms_per_step", Format::Millis, false),
            ("ms_fastest", Format::Millis, false),
            ("ms_slowest", Format::Millis, false),
            ("ns_per_node", Format::Tenths, false),
            ("bytes_per_node", Format::Tenths, true),
            ("nodes_per_step", Format::Count, false),
            ("chain_ms", Format::Millis, true),
            ("times_faster_than_python_tuned", Format::Tenths, true),
            ("ms_by_run", Format::Runs, false),
        ];
        for ((column, format, may_be_empty), field) in formats.iter().zip(&fields[1..]) {
            if !(format.fits(field) || *may_be_empty && field.is_empty()) {
                let empty = if *may_be_empty { ", or empty" } else { "" };
                wrong(format!("{column} is `{field}`; it should be {}{empty}", format.describe()));
            }
        }
        let python = [PYTHON_DEFAULT, PYTHON_TUNED].contains(&fields[0].as_str());
        if python && !engines.is_empty() {
            wrong(format!(
                "`{}` comes after the engines; the original's rows come first",
                fields[0]
            ));
        }
        if !python {
            engines.push((*line, fields[0].as_str()));
        }
        let counted = records.engines.iter().find(|e| e.name == fields[0]);
        let counted = counted.map(|e| e.bytes.as_deref().unwrap_or(""));
        if let Some(counted) = counted
            && fields[5] != counted
        {
            wrong(format!(
                "bytes_per_node is `{}`, but this run counts `{counted}`: record a run again with `cargo xtask bench --record`",
                fields[5]
            ));
        }
    }
    let reported: Vec<&str> = records.engines.iter().map(|e| e.name.as_str()).collect();
    let recorded: Vec<&str> = engines.iter().map(|(_, name)| *name).collect();
    if recorded != reported {
        let at = recorded.iter().zip(&reported).take_while(|(a, b)| a == b).count();
        let line = engines.get(at).map_or(last_line + 1, |(line, _)| *line);
        problems.push(Problem::new(
            file,
            line,
            format!(
                "its engines are {recorded:?}, but ch12-bench reports {reported:?}: record a run again with `cargo xtask bench --record`"
            ),
        ));
    }
    problems
}

/// Checks a recorded `phases.csv`: the header, a number per phase, and exactly the run's
/// phases, in order. Never the timings themselves.
pub fn check_phases_csv(file: &str, text: &str, records: &Records) -> Problems {
    let rows = match read_csv(file, text, PHASES_HEADER) {
        Ok(rows) => rows,
        Err(problems) => return problems,
    };
    let mut problems = vec![];
    for (line, fields) in &rows {
        if fields.len() != 3 || !Format::Millis.fits(&fields[1]) || !Format::Runs.fits(&fields[2]) {
            let message = format!(
                "a row is a phase, its ms_per_step, {}, and its ms_by_run, {}: `{}`",
                Format::Millis.describe(),
                Format::Runs.describe(),
                fields.join(",")
            );
            problems.push(Problem::new(file, *line, message));
        }
    }
    let recorded: Vec<&str> = rows.iter().map(|(_, fields)| fields[0].as_str()).collect();
    let reported: Vec<&str> = records.phases.iter().map(|p| p.name.as_str()).collect();
    if problems.is_empty() && recorded != reported {
        problems.push(Problem::new(
            file,
            0,
            format!(
                "its phases are {recorded:?}, but ch12-bench reports {reported:?}: record a run again with `cargo xtask bench --record`"
            ),
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "\
engine,Value,12.345,12.000,13.000,187.6,104.0,65818,12.000 12.345 13.000
engine,tape,0.321,0.300,0.350,4.9,31.5,65818,0.350 0.321 0.300
engine,hand-written,0.050,0.049,0.052,0.8,-,0,0.050 0.049 0.052
chain,Value,250.000
chain,tape,20.125
phase,forward,4.000,4.000 3.900 4.100
phase,topo,6.500,6.400 6.500 6.600
";

    fn problems(text: &str) -> Vec<String> {
        parse("out", text).unwrap_err().iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn good_records_are_read_as_printed() {
        let records = parse("out", GOOD).unwrap();
        let names: Vec<&str> = records.engines.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Value", "tape", "hand-written"]);
        assert_eq!(records.engines[0].ms, "12.345");
        assert_eq!(records.engines[2].bytes, None);
        assert_eq!(records.chains[1], ("tape".to_string(), "20.125".to_string()));
        assert_eq!(records.phases.len(), 2);
    }

    #[test]
    fn malformed_records_are_refused_at_their_line() {
        let cases = [
            ("engine,Value,12.345,187.6,104.0,65818\n", "out:1: `engine` records have 9 fields"),
            (
                "engine,Value,12.3,1.000,1.000,187.6,104.0,65818,1.000\n",
                "out:1: the ms per step, `12.3`",
            ),
            ("engine,Value,1.000,1.0,1.000,187.6,104.0,65818,1.000\n", "out:1: the fastest ms per"),
            (
                "engine,Value,12.345,1.000,1.000,1e3,104.0,65818,1.000\n",
                "out:1: the ns per node, `1e3`",
            ),
            (
                "engine,Value,12.345,1.000,1.000,187.6,104.0,-3,1.000\n",
                "out:1: the nodes per step, `-3`",
            ),
            (
                "engine,Value,1.000,1.000,1.000,1.6,-,65818,1.000\n",
                "out:1: bytes per node is `-` exactly",
            ),
            (
                "engine,floor,0.050,0.050,0.050,0.8,0.0,0,1.000\n",
                "out:1: bytes per node is `-` exactly",
            ),
            ("engine, Value,1.000,1.000,1.000,1.6,1.0,65818,1.000\n", "out:1: the name is empty"),
            (
                "engine,Python micrograd,1.000,1.000,1.000,1.0,1.0,1,1.000\n",
                "out:1: names starting",
            ),
            ("timing,Value,1.000\n", "out:1: `timing` is not a record"),
            ("\n", "out:1: an empty line"),
            ("phase,forward,4,4.000\n", "out:1: the ms per step, `4`"),
            ("phase,forward,4.000,4.000 4\n", "out:1: the ms by run, `4.000 4`"),
            ("engine,Value,1.000,1.000,1.000,1.6,1.0,65818,\n", "out:1: the ms by run, ``"),
        ];
        for (line, expected) in cases {
            let text = format!("{line}{GOOD}");
            let found = problems(&text);
            assert!(found[0].starts_with(expected), "{line:?} gave {found:?}");
        }
        let text = GOOD.replace("phase,topo,6.500,", "phase,topo,6.5x,");
        assert!(problems(&text)[0].starts_with("out:7: the ms per step, `6.5x`"));
    }

    #[test]
    fn chains_must_name_engines_that_have_graphs() {
        let text = GOOD.replace("chain,tape,", "chain,tap,");
        let found = problems(&text);
        assert!(found[0].starts_with("out:5: a `chain` record for `tap`"), "{found:?}");
        assert!(found[1].starts_with("out:2: `tape` has a graph"), "{found:?}");
        let found = problems(&format!("{GOOD}chain,Value,1.000\n"));
        assert!(found[0].starts_with("out:8: a second `chain` record"), "{found:?}");
    }

    #[test]
    fn a_run_needs_engines_and_phases() {
        let text: String =
            GOOD.lines().filter(|l| !l.starts_with("phase")).collect::<Vec<_>>().join("\n");
        assert_eq!(problems(&text), ["out: there is no `phase` record"]);
        assert_eq!(
            problems(""),
            ["out: there is no `engine` record", "out: there is no `phase` record"]
        );
    }

    fn originals() -> Vec<Original> {
        vec![
            Original {
                name: PYTHON_DEFAULT,
                ms: "1800.000".into(),
                fastest: "1700.000".into(),
                slowest: "1900.000".into(),
                nodes: "65818".into(),
                runs: "1700.000 1800.000 1900.000".into(),
            },
            Original {
                name: PYTHON_TUNED,
                ms: "270.000".into(),
                fastest: "260.000".into(),
                slowest: "290.500".into(),
                nodes: "65818".into(),
                runs: "260.000 270.000 290.500".into(),
            },
        ]
    }

    #[test]
    fn the_csv_quotes_the_tuned_row_and_leaves_empty_what_does_not_apply() {
        let records = parse("out", GOOD).unwrap();
        let csv = bench_csv(&rows(&originals(), &records));
        let expected = format!(
            "{BENCH_HEADER}
Python micrograd,1800.000,1700.000,1900.000,27348.1,,65818,,0.1,1700.000 1800.000 1900.000
\"Python micrograd, gc tuned\",270.000,260.000,290.500,4102.2,,65818,,1.0,260.000 270.000 290.500
Value,12.345,12.000,13.000,187.6,104.0,65818,250.000,21.9,12.000 12.345 13.000
tape,0.321,0.300,0.350,4.9,31.5,65818,20.125,841.1,0.350 0.321 0.300
hand-written,0.050,0.049,0.052,0.8,,0,,5400.0,0.050 0.049 0.052
"
        );
        assert_eq!(csv, expected);
        assert!(check_bench_csv("bench.csv", &csv, &records).is_empty());
        let phases = phases_csv(&records);
        let expected = "forward,4.000,4.000 3.900 4.100\ntopo,6.500,6.400 6.500 6.600\n";
        assert_eq!(phases, format!("{PHASES_HEADER}\n{expected}"));
        assert!(check_phases_csv("phases.csv", &phases, &records).is_empty());
        // Without the original, no speed-ups, and the check passes all the same.
        let csv = bench_csv(&rows(&[], &records));
        assert!(csv.ends_with("hand-written,0.050,0.049,0.052,0.8,,0,,,0.050 0.049 0.052\n"));
        assert!(check_bench_csv("bench.csv", &csv, &records).is_empty());
    }

    #[test]
    fn the_timing_scripts_line_is_read_strictly() {
        let read = |text: &str| original(text, "tuned");
        assert_eq!(read("python,tuned,270.125,65818\n"), Ok(("270.125".into(), "65818".into())));
        for wrong in ["python,default,270.125,65818", "python,tuned,270.1,65818", ""] {
            assert!(read(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn the_environment_is_recorded_and_checked() {
        let values: Vec<String> =
            (1..=ENVIRONMENT.len()).map(|n| format!("value {n}, with a comma")).collect();
        let csv = environment_csv(&values);
        let first = "what,value\nfresh processes per engine,\"value 1, with a comma\"\n";
        assert!(csv.starts_with(first), "{csv}");
        let records = Records::default();
        assert!(check_environment_csv("e.csv", &csv, &records).is_empty());
        let short = environment_csv(&values[..ENVIRONMENT.len() - 1]);
        assert_eq!(check_environment_csv("e.csv", &short, &records).len(), 1);
    }

    #[test]
    fn csv_fields_read_back_as_written() {
        for field in ["plain", "a, b", "say \"hi\"", "", "\"", ","] {
            let line = [quoted(field), quoted("x")].join(",");
            assert_eq!(fields(&line).unwrap(), [field, "x"], "{line}");
        }
        assert!(fields("\"open,x").is_err());
        assert!(fields("\"a\"b,x").is_err());
        assert!(fields("a\"b,x").is_err());
    }

    #[test]
    fn a_recorded_csv_is_refused_at_its_line() {
        let records = parse("out", GOOD).unwrap();
        let good = bench_csv(&rows(&originals(), &records));
        let check = |text: &str| -> Vec<String> {
            check_bench_csv("bench.csv", text, &records).iter().map(|p| p.to_string()).collect()
        };
        let found = check(&good.replacen("engine,", "name,", 1));
        assert!(found[0].starts_with("bench.csv:1: the first line should be the header"));
        let found = check(&good.replace("tape,0.321", "lean node,0.321"));
        assert!(found[0].starts_with("bench.csv:5: its engines are"), "{found:?}");
        let found = check(&good.replace("4.9,31.5,", "4.9,31.6,"));
        assert!(found[0].starts_with("bench.csv:5: bytes_per_node is `31.6`"), "{found:?}");
        let found = check(&good.replace("tape,0.321,", "tape,fast,"));
        assert!(found[0].starts_with("bench.csv:5: ms_per_step is `fast`"), "{found:?}");
        let found = check(&good.replace("\"Python micrograd, gc tuned", "\"Python micrograd, gc"));
        assert!(found[0].starts_with("bench.csv:3: its engines are"), "{found:?}");
        let last = "hand-written,0.050,0.049,0.052,0.8,,0,,5400.0,0.050 0.049 0.052\n";
        let found = check(good.trim_end_matches(last));
        assert!(found[0].starts_with("bench.csv:6: its engines are"), "{found:?}");
        let moved: String = {
            let mut lines: Vec<&str> = good.lines().collect();
            lines.swap(2, 3);
            lines.iter().map(|l| format!("{l}\n")).collect()
        };
        let found = check(&moved);
        assert!(found[0].starts_with("bench.csv:4: `Python micrograd, gc tuned` comes after"));
        let found: Vec<String> = check_phases_csv(
            "phases.csv",
            &format!("{PHASES_HEADER}\nforward,4.000,4.000\n"),
            &records,
        )
        .iter()
        .map(|p| p.to_string())
        .collect();
        assert!(found[0].starts_with("phases.csv: its phases are"), "{found:?}");
    }
}
