// Generated from chapters/11-fast.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 790f17189fdb0433
//! Draws this chapter's figures into the folder given as the first argument,
//! from chapter 12's recorded run (its `data/bench.csv` and `phases.csv`).

use std::fmt::Write;

use ch11_fast::recorded::{BENCH, PHASES, rows, two_figures};
use viz::font;

/// A tick's number: a power of ten, or a multiple of 1, 2 or 5 of one.
fn tick_label(tick: f64) -> String {
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
            font::escape(&tick_label(tick))
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

    // The heap engines' steps, with the fastbins on and off.
    let bench = rows(BENCH);
    let heap: Vec<&Vec<String>> = bench
        .iter()
        .filter(|row| {
            let name = row[0].trim_end_matches(" (fastbins off)");
            ["Value", "cheaper walk", "lean node"].contains(&name)
        })
        .collect();
    let (on, off): (Vec<&Vec<String>>, Vec<&Vec<String>>) =
        heap.into_iter().partition(|row| !row[0].ends_with("(fastbins off)"));
    let bar = |row: &Vec<String>| -> Bar {
        let ms = number(&row[1]);
        let range = Some((number(&row[2]), number(&row[3])));
        (row[0].clone(), ms, format!("{} ms", two_figures(ms)), range)
    };
    let mut shown: Vec<Bar> = on.iter().map(|row| bar(row)).collect();
    let totals = shown.len();
    shown.extend(off.iter().map(|row| bar(row)));
    let title = "One step on the heap, glibc's fastbins on and off";
    let axis = "ms per step, median of three runs";
    write("11-heap.svg", bars(title, axis, &shown, false, totals, &[]));

    // The phases of the step, and, apart, the cheaper walk on its graph.
    let phases = rows(PHASES);
    let phases: Vec<Bar> = phases
        .iter()
        .map(|row| {
            let ms = number(&row[1]);
            (row[0].clone(), ms, format!("{} ms", two_figures(ms)), None)
        })
        .collect();
    let (mut shown, apart): (Vec<_>, Vec<_>) =
        phases.into_iter().partition(|row| row.0 != "cheaper topo");
    let sum: f64 = shown.iter().map(|row| row.1).sum();
    let totals = shown.len();
    let ms = |ms: f64| format!("{} ms", two_figures(ms));
    shown.push(("the phases' sum".into(), sum, ms(sum), None));
    if let Some(value) = bench.iter().find(|row| row[0] == "Value") {
        let step = number(&value[1]);
        let range = Some((number(&value[2]), number(&value[3])));
        shown.push(("the Value engine's step".into(), step, ms(step), range));
    }
    for (name, time, ..) in apart {
        shown.push((format!("{name}, apart"), time, ms(time), None));
    }
    let title = "Where one step of chapter 6's Value goes";
    let axis = "ms, median";
    write("11-phases.svg", bars(title, axis, &shown, false, totals, &[]));
}
