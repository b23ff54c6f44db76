//! The book's column: every figure a chapter shows must be legible in it, and
//! every line of every listing must fit it.
//!
//! mdBook's text column is 750 px wide. A figure wider than that is scaled
//! down to fit; its smallest text, scaled as it will be shown, must still be
//! at least 12 px. (A drawing too large for that shows the part that matters
//! and links the whole.) A listing's lines, those the reader sees (not the
//! `# ` lines mdBook hides in Rust), are at most 80 characters: more would
//! need sideways scrolling.

use std::fs;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::chapter::{Chapter, LineIndex};
use crate::problem::{Problem, Problems};
use crate::project::CHAPTERS;

/// The width of the book's text column, in CSS px.
pub const COLUMN: f64 = 750.0;
/// The smallest text a figure may show in the column, in CSS px.
pub const SMALLEST_TEXT: f64 = 12.0;
/// The longest line a listing may have, in characters.
pub const LONGEST_LINE: usize = 80;

/// Problems for every figure too small to read in the column and every listing line too long
/// for it, at the chapter line that shows it.
pub fn check(root: &Path, chapters: &[Chapter]) -> Problems {
    let mut problems = vec![];
    for chapter in chapters {
        for image in &chapter.images {
            if image.target.contains("://") || !image.target.ends_with(".svg") {
                continue;
            }
            let path = root.join(CHAPTERS).join(&image.target);
            // A missing figure is reported by the figures check.
            let Ok(svg) = fs::read_to_string(&path) else {
                continue;
            };
            if let Err(message) = figure_fits(&image.target, &svg) {
                problems.push(Problem::new(&chapter.path, image.line, message));
            }
        }
        for (line, message) in long_listing_lines(&chapter.source) {
            problems.push(Problem::new(&chapter.path, line, message));
        }
    }
    problems
}

/// What a figure looks like in the column: its width in px, the scale it is shown at, and its
/// smallest text in px as shown (None if it has no text).
#[derive(Debug, PartialEq)]
pub struct Fit {
    pub width: f64,
    pub scale: f64,
    pub smallest_text: Option<f64>,
}

/// How the SVG `svg` shows in the column.
pub fn fit(svg: &str) -> Result<Fit, String> {
    let tag = svg
        .find("<svg")
        .map(|start| &svg[start..start + svg[start..].find('>').unwrap_or(0)])
        .ok_or("is not an SVG document")?;
    let width = attribute(tag, "width")
        .and_then(|w| number(&w))
        .ok_or("has no width in px on its <svg> element")?;
    // Text sizes are in the units of the viewBox, which the width scales.
    let units = attribute(tag, "viewBox")
        .and_then(|b| b.split([' ', ',']).filter(|s| !s.is_empty()).nth(2).and_then(number))
        .map_or(1.0, |box_width| width / box_width);
    let scale = (COLUMN / width).min(1.0);
    let smallest = font_sizes(svg)
        .into_iter()
        .fold(None, |least: Option<f64>, size| Some(least.map_or(size, |l| l.min(size))));
    Ok(Fit { width, scale, smallest_text: smallest.map(|s| s * units * scale) })
}

fn figure_fits(target: &str, svg: &str) -> Result<(), String> {
    let fit = fit(svg).map_err(|e| format!("`{target}` {e}"))?;
    match fit.smallest_text {
        Some(text) if text < SMALLEST_TEXT - 0.005 => Err(format!(
            "`{target}` is {} px wide, shown at {:.0}% in the {COLUMN} px column, where its \
             smallest text is {text:.1} px; it must be at least {SMALLEST_TEXT} px: make the \
             drawing narrower or its text larger, or show the part that matters and link the whole",
            fit.width,
            fit.scale * 100.0
        )),
        _ => Ok(()),
    }
}

/// The value of `name="…"` in an element's opening tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = start + tag[start..].find('"')?;
    Some(tag[start..end].to_string())
}

/// A length in px, as `12`, `12.5` or `12px`.
fn number(text: &str) -> Option<f64> {
    text.trim().trim_end_matches("px").parse().ok().filter(|n: &f64| *n > 0.0)
}

/// Every font size the SVG sets, as an attribute or in CSS.
fn font_sizes(svg: &str) -> Vec<f64> {
    let mut sizes = vec![];
    for (key, end) in [("font-size=\"", '"'), ("font-size:", ';')] {
        for (at, _) in svg.match_indices(key) {
            let rest = &svg[at + key.len()..];
            let value = rest.split([end, '}', '"', ';']).next().unwrap_or("");
            if let Some(size) = number(value) {
                sizes.push(size);
            }
        }
    }
    sizes
}

/// Every line a reader sees in a code block of `source` that is longer than the column allows,
/// with its line number.
pub fn long_listing_lines(source: &str) -> Vec<(usize, String)> {
    let lines = LineIndex::new(source);
    let mut found = vec![];
    let mut block: Option<(bool, usize)> = None;
    for (event, range) in Parser::new_ext(source, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let (rust, first) = match kind {
                    CodeBlockKind::Fenced(info) => {
                        let language = info.split([',', ' ']).next().unwrap_or("");
                        (language == "rust", lines.line_of(range.start) + 1)
                    }
                    CodeBlockKind::Indented => (false, lines.line_of(range.start)),
                };
                block = Some((rust, first));
            }
            Event::End(TagEnd::CodeBlock) => block = None,
            Event::Text(text) => {
                let Some((rust, first)) = block else { continue };
                let start = lines.line_of(range.start).max(first);
                for (i, line) in text.lines().enumerate() {
                    if rust && is_hidden(line) {
                        continue;
                    }
                    let length = line.chars().count();
                    if length > LONGEST_LINE {
                        found.push((
                            start + i,
                            format!(
                                "this listing line is {length} characters long; at most \
                                 {LONGEST_LINE} fit the book's column without scrolling: wrap it"
                            ),
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// A line mdBook hides in a Rust block: `# code` or a lone `#`.
fn is_hidden(line: &str) -> bool {
    let rest = line.trim_start();
    rest == "#" || rest.starts_with("# ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(width: &str, view_box: &str, body: &str) -> String {
        format!("<svg width=\"{width}\" height=\"10\" viewBox=\"{view_box}\">{body}</svg>")
    }

    #[test]
    fn a_narrow_figure_is_shown_at_full_size() {
        let fit = fit(&svg("600", "0 0 600 10", "<text font-size=\"13\">a</text>")).unwrap();
        assert_eq!(fit, Fit { width: 600.0, scale: 1.0, smallest_text: Some(13.0) });
    }

    #[test]
    fn a_wide_figure_is_scaled_to_the_column() {
        let wide = svg("1500", "0 0 1500 10", "<text font-size=\"14\">a</text>");
        let fit = fit(&wide).unwrap();
        assert_eq!(fit.scale, 0.5);
        assert_eq!(fit.smallest_text, Some(7.0));
        let message = figure_fits("figures/wide.svg", &wide).unwrap_err();
        assert!(message.contains("7.0 px"), "{message}");
    }

    #[test]
    fn text_sizes_count_in_viewbox_units_and_css() {
        // Drawn 4 times larger than shown: 56 units are 14 px.
        let scaled = svg("720", "0 0 2880 10", "<text font-size=\"56\">a</text>");
        assert_eq!(fit(&scaled).unwrap().smallest_text, Some(14.0));
        let css = svg("700", "0 0 700 10", "<style>.a { font-size: 11px; }</style>");
        assert!(figure_fits("figures/css.svg", &css).is_err());
    }

    #[test]
    fn long_lines_are_found_where_a_reader_sees_them() {
        let long = "x".repeat(81);
        let source = format!(
            "# T\n\n```rust,file:src/lib.rs\n# {long}\nfn f() {{}}\n// {long}\n```\n\n\
             ```console\n$ cargo run --bin ch01-x\n{long}\n```\n\n    {long}\n"
        );
        let lines: Vec<usize> = long_listing_lines(&source).iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [6, 11, 14]);
    }

    #[test]
    fn problems_are_placed_at_the_chapter_line() {
        let root = std::env::temp_dir().join(format!("layout-check-{}", std::process::id()));
        let figures = root.join(CHAPTERS).join("figures");
        fs::create_dir_all(&figures).unwrap();
        let wide = svg("1000", "0 0 1000 10", "<text font-size=\"13\">a</text>");
        fs::write(figures.join("wide.svg"), wide).unwrap();
        fs::write(figures.join("fine.svg"), svg("700", "0 0 700 10", "")).unwrap();
        let source = format!(
            "# T\n\n![fine](figures/fine.svg)\n\n![wide](figures/wide.svg)\n\n\
             ```text\n{}\n```\n",
            "y".repeat(81)
        );
        let chapter = Chapter::parse("chapters/01-x.md", source).unwrap();
        let problems = check(&root, &[chapter]);
        fs::remove_dir_all(&root).unwrap();
        let places: Vec<(&str, usize)> =
            problems.iter().map(|p| (p.file.as_str(), p.line)).collect();
        assert_eq!(places, [("chapters/01-x.md", 5), ("chapters/01-x.md", 8)]);
        assert!(problems[0].message.contains("9.8 px"), "{}", problems[0].message);
    }

    #[test]
    fn characters_count_not_bytes() {
        let source = format!("```text\n{}\n```\n", "−".repeat(80));
        assert!(long_listing_lines(&source).is_empty());
    }
}
