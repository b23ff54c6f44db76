// Generated from chapters/appendix-recorded.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 348b2468077cf941
//! The bar charts of chapters 11 and 12: a bar per engine or phase, with
//! the range of the runs, over a linear or logarithmic axis with ticks.

use std::fmt::Write;

use viz::font;

use crate::recorded::two_figures;

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
pub struct Bar {
    pub name: String,
    pub value: f64,
    pub label: String,
    /// The fastest run's value and the slowest's, if there were runs.
    pub range: Option<(f64, f64)>,
}

/// A bar chart, a bar per row with its `label` at the end and a line across
/// it from the fastest run to the slowest, over an axis with ticks:
/// logarithmic (a tick per power of ten) or linear from 0. The rows `i`
/// for which `grey(i)` holds (totals, comparisons) are drawn in grey; the
/// `notes`, in small type, under the axis.
pub fn bars(
    title: &str,
    axis: &str,
    rows: &[Bar],
    log: bool,
    grey: &dyn Fn(usize) -> bool,
    notes: &[String],
) -> String {
    // Room on the left for the longest name, at about 7.5 px a character.
    let longest =
        rows.iter().map(|r| r.name.chars().count()).max().unwrap_or(0);
    let left = (20.0 + 7.5 * longest as f64).max(250.0);
    let (width, right, top, step) = (left + 470.0, 130.0, 50.0, 30.0);
    let bottom = top + step * rows.len() as f64;
    let height = bottom + 62.0 + 18.0 * notes.len() as f64;
    let ends =
        |r: &Bar| r.range.map_or([r.value, r.value], |(low, high)| [low, high]);
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
    for (i, Bar { name, value, label, range }) in rows.iter().enumerate() {
        let y = top + step * i as f64;
        let length = (x(*value) - left).max(2.0);
        let end =
            range.map_or(left + length, |(_, high)| x(high).max(left + length));
        let fill = if grey(i) { "#999999" } else { "#4c72b0" };
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
