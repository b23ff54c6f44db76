// Generated from chapters/12-tape.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 0a8a6706bb95e1b5
//! Draws this chapter's figure into the folder given as the first argument,
//! from the recorded run in `data/bench.csv` and `data/environment.csv`.

use std::fmt::Write;

use viz::font;

/// A CSV file built into the program: its rows, without the header line. A
/// field may be in quotes, as a name with a comma in it is.
fn rows(text: &str) -> Vec<Vec<String>> {
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
fn two_figures(x: f64) -> String {
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

/// A tick's number: on a logarithmic axis a power of ten, written as one
/// (10³), else a multiple of 1, 2 or 5 of one.
fn tick_label(tick: f64, log: bool) -> String {
    let power = tick.log10().round() as i32;
    if log && !(0..=1).contains(&power) {
        let digits = power.abs().to_string();
        let superscript =
            |c: char| "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().nth(c as usize - '0' as usize);
        let sign = if power < 0 { "⁻" } else { "" };
        let exponent: String = digits.chars().filter_map(superscript).collect();
        return format!("10{sign}{exponent}");
    }
    let label = two_figures(tick);
    match label.contains('.') {
        true => label.trim_end_matches('0').trim_end_matches('.').into(),
        false => label,
    }
}

/// One bar: its name, its value, its label, and the range of the runs.
type Bar = (String, f64, String, Option<(f64, f64)>);

/// A bar chart, a bar per row with its `label` at the end and a line across
/// it from the fastest run to the slowest, over an axis with ticks:
/// logarithmic (a tick per power of ten) or linear from 0. The rows from
/// `totals` on are totals and comparisons, drawn in grey; the `notes`, in
/// small type, under the axis.
fn bars(
    title: &str,
    axis: &str,
    rows: &[Bar],
    log: bool,
    totals: usize,
    notes: &[String],
) -> String {
    let (width, left, right, top, step) = (750.0, 250.0, 160.0, 50.0, 30.0);
    let bottom = top + step * rows.len() as f64;
    let height = bottom + 62.0 + 18.0 * notes.len() as f64;
    let ends = |r: &Bar| r.3.map_or([r.1, r.1], |(low, high)| [low, high]);
    let all = rows.iter().flat_map(ends);
    let largest = all.clone().fold(f64::NEG_INFINITY, f64::max);
    let smallest = all.fold(f64::INFINITY, f64::min);
    // The axis's ticks, and the values at its two ends.
    let (ticks, low, high): (Vec<f64>, f64, f64) = if log {
        let (low, high) = (smallest.log10().floor(), largest.log10().ceil());
        let ticks = (low as i32..=high as i32).map(|k| 10f64.powi(k)).collect();
        (ticks, 10f64.powf(low), 10f64.powf(high))
    } else {
        let unit = 10f64.powf(largest.log10().floor());
        let every = [1.0, 2.0, 5.0, 10.0]
            .into_iter()
            .map(|m| m * unit)
            .find(|every| largest / every <= 6.0)
            .unwrap_or(10.0 * unit);
        let count = (largest / every).ceil() as usize;
        let ticks: Vec<f64> = (0..=count).map(|k| k as f64 * every).collect();
        (ticks, 0.0, count as f64 * every)
    };
    let span = width - left - right;
    let x = |v: f64| {
        let at = if log {
            (v.log10() - low.log10()) / (high.log10() - low.log10())
        } else {
            (v - low) / (high - low)
        };
        left + span * at
    };
    let mut svg = String::new();
    write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" \
         height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         font-size=\"14\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n\
         <text x=\"{}\" y=\"28\" text-anchor=\"middle\" font-size=\"16\">{}\
         </text>\n",
        width / 2.0,
        font::escape(title)
    )
    .unwrap();
    for &tick in &ticks {
        let at = x(tick);
        writeln!(
            svg,
            "<line x1=\"{at:.1}\" y1=\"{}\" x2=\"{at:.1}\" y2=\"{}\" \
             stroke=\"#cccccc\"/>\n\
             <text x=\"{at:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            top - 6.0,
            bottom + 6.0,
            bottom + 22.0,
            font::escape(&tick_label(tick, log))
        )
        .unwrap();
    }
    writeln!(
        svg,
        "<line x1=\"{left}\" y1=\"{bottom}\" x2=\"{}\" y2=\"{bottom}\" \
         stroke=\"#333333\"/>\n\
         <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
        left + span,
        left + span / 2.0,
        bottom + 46.0,
        font::escape(axis)
    )
    .unwrap();
    for (i, note) in notes.iter().enumerate() {
        writeln!(
            svg,
            "<text x=\"12\" y=\"{}\" font-size=\"12\">{}</text>",
            bottom + 70.0 + 18.0 * i as f64,
            font::escape(note)
        )
        .unwrap();
    }
    for (i, (name, value, label, range)) in rows.iter().enumerate() {
        let y = top + step * i as f64;
        let length = (x(*value) - left).max(2.0);
        let end =
            range.map_or(left + length, |(_, high)| x(high).max(left + length));
        let fill = if i < totals { "#4c72b0" } else { "#999999" };
        writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n\
             <rect x=\"{left}\" y=\"{y}\" width=\"{length:.1}\" \
             height=\"{}\" fill=\"{fill}\"/>\n\
             <text x=\"{:.1}\" y=\"{}\">{}</text>",
            left - 10.0,
            y + 16.0,
            font::escape(name),
            step - 8.0,
            end + 6.0,
            y + 16.0,
            font::escape(label)
        )
        .unwrap();
        if let Some((low, high)) = range {
            let middle = y + (step - 8.0) / 2.0;
            writeln!(
                svg,
                "<line x1=\"{:.1}\" y1=\"{middle}\" x2=\"{:.1}\" \
                 y2=\"{middle}\" stroke=\"#222222\" stroke-width=\"1.5\"/>",
                x(*low),
                x(*high)
            )
            .unwrap();
        }
    }
    svg.push_str("</svg>\n");
    let style = font::style(font::chars_in_texts(&svg), "");
    let at = svg.find('\n').expect("the svg element ends a line") + 1;
    svg.insert_str(at, &style);
    svg
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: figures DIR");
    let write = |name: &str, svg: String| {
        std::fs::write(format!("{dir}/{name}"), svg)
            .expect("the figure is written");
    };
    let number = |text: &str| text.parse::<f64>().expect("a number");

    // Each step's time, labelled with how many times as fast as the
    // original with its collector tuned (or, without it, as the first row).
    let bench = rows(include_str!("../../data/bench.csv"));
    let base = bench
        .iter()
        .find(|row| row[0] == "Python micrograd, gc tuned")
        .unwrap_or(&bench[0]);
    let base_ms = number(&base[1]);
    let engines: Vec<Bar> = bench
        .iter()
        .map(|row| {
            let ms = number(&row[1]);
            let range = Some((number(&row[2]), number(&row[3])));
            let label = match row[5].as_str() {
                "" => format!("{}×", two_figures(base_ms / ms)),
                bytes => {
                    let bytes = two_figures(number(bytes));
                    format!("{}×, {bytes} B/node", two_figures(base_ms / ms))
                }
            };
            (row[0].clone(), ms, label, range)
        })
        .collect();
    let title =
        format!("One training step; at each bar, times as fast as {}", base[0]);
    let axis = "ms per step, median (logarithmic scale)";
    let all = engines.len();
    let environment = rows(include_str!("../../data/environment.csv"));
    let notes: Vec<String> = environment
        .iter()
        .map(|row| format!("{}: {}", row[0], row[1]))
        .collect();
    write("12-bench.svg", bars(&title, axis, &engines, true, all, &notes));
}
