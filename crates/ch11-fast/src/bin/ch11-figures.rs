// Generated from chapters/11-fast.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 470d54d1556b5a8f
//! Draws this chapter's figures into the folder given as the first argument,
//! from the recorded run in `data/bench.csv` and `data/phases.csv`.

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

/// A bar per row, its length the logarithm of the value (or the value, not
/// `log`), its text `label` at the end.
fn bars(title: &str, rows: &[(String, f64, String)], log: bool) -> String {
    let (width, left, right, top, step) = (750.0, 245.0, 140.0, 50.0, 34.0);
    let height = top + step * rows.len() as f64 + 16.0;
    let scale = |v: f64| if log { v.log10() } else { v };
    let low = if log {
        rows.iter().map(|r| scale(r.1).floor()).fold(f64::INFINITY, f64::min)
    } else {
        0.0
    };
    let high =
        rows.iter().map(|r| scale(r.1)).fold(f64::NEG_INFINITY, f64::max);
    let span = width - left - right;
    let mut svg = String::new();
    write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" \
         height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         font-size=\"15\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n\
         <text x=\"{}\" y=\"28\" text-anchor=\"middle\" font-size=\"17\">{}\
         </text>\n",
        width / 2.0,
        font::escape(title)
    )
    .unwrap();
    for (i, (name, value, label)) in rows.iter().enumerate() {
        let y = top + step * i as f64;
        let length = span * (scale(*value) - low) / (high - low);
        let length = length.max(2.0);
        writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n\
             <rect x=\"{left}\" y=\"{y}\" width=\"{length:.1}\" \
             height=\"{}\" fill=\"#4c72b0\"/>\n\
             <text x=\"{:.1}\" y=\"{}\">{}</text>",
            left - 10.0,
            y + 18.0,
            font::escape(name),
            step - 10.0,
            left + length + 8.0,
            y + 18.0,
            font::escape(label)
        )
        .unwrap();
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

    let bench = rows(include_str!("../../data/bench.csv"));
    let engines: Vec<(String, f64, String)> = bench
        .iter()
        .map(|row| (row[0].clone(), number(&row[1]), format!("{} ms", row[1])))
        .collect();
    let title = "One training step of the moons demo, ms (log scale)";
    write("11-bench.svg", bars(title, &engines, true));

    let phases = rows(include_str!("../../data/phases.csv"));
    let phases: Vec<(String, f64, String)> = phases
        .iter()
        .map(|row| (row[0].clone(), number(&row[1]), format!("{} ms", row[1])))
        .collect();
    let title = "Where one step of chapter 6's Value goes, ms";
    write("11-phases.svg", bars(title, &phases, false));
}
