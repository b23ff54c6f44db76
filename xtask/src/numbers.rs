//! Numbers in the prose: every number a reader could take for a result must be one.
//!
//! A number in a chapter's prose that has a decimal point, or three or more significant
//! digits, must match a number of the same chapter's code, of what its shown commands
//! print, of its figures' text, of its crate's test snapshots or `data/` files, at the
//! precision the prose shows it: 0.7071 matches 0.7071067811865476 (rounded or cut off at the fourth place),
//! 6.7·10⁻¹⁶ matches 6.661338147750939e-16, 65,818 matches 65818. Signs are not compared,
//! since prose often speaks of sizes ("a step of 0.05"). Smaller numbers (2, −8, 41) are not
//! checked: they are the prose's own.
//!
//! The rare number that is not this chapter's code's (a Rust version, a year, a number
//! quoted from another chapter) is declared in an HTML comment, invisible in the book, just
//! before the paragraph, list item or heading that holds it:
//!
//! ```text
//! <!-- not computed: 1.88 2024 -->
//! ```

use std::fs;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::chapter::{Chapter, LineIndex};
use crate::problem::{Problem, Problems};
use crate::project::{CRATES, Project};

/// The comment that declares the numbers of the next block as not computed.
const MARK: &str = "not computed:";

/// A number as written in text.
#[derive(Debug, Clone, PartialEq)]
struct Number {
    /// As written, for messages.
    text: String,
    /// Its size: signs are not compared.
    value: f64,
    /// One unit in its last written place: 0.0001 for 0.7071, 1 for 65,818.
    unit: f64,
    /// Whether prose must back it with a computed number.
    checked: bool,
    /// For a short result given as `d = 4`, the name it is given for: `d`. Then the
    /// number must be shown on a line that names `d`, if the chapter has such lines.
    name: Option<String>,
}

impl Number {
    /// Does the computed `value` show as this number, rounded or cut off?
    fn is_shown_by(&self, value: f64) -> bool {
        let value = value.abs();
        let slack = self.unit * 1e-9;
        let rounded = (value - self.value).abs() <= self.unit / 2.0 + slack;
        let cut_off = value >= self.value - slack && value < self.value + self.unit;
        rounded || cut_off
    }
}

/// Every number of a chapter's prose that no computed number backs, as problems.
pub fn check(project: &Project, chapters: &[Chapter]) -> Problems {
    let mut problems = vec![];
    for chapter in chapters {
        let computed = computed(project, chapter);
        for (line, number) in unbacked(chapter, &computed) {
            let nearest = nearest(&computed, &number);
            let message = format!(
                "the prose gives {}, which no code, output, figure or snapshot of this chapter \
                 shows{nearest}; fix it, or, if it is not computed, declare it before its \
                 paragraph: <!-- {MARK} {} -->",
                number.text, number.text
            );
            problems.push(Problem::new(&chapter.path, line, message));
        }
        problems.extend(stale_marks(chapter));
    }
    problems
}

/// The checked numbers of the chapter's prose that nothing computed shows, with their lines.
fn unbacked(chapter: &Chapter, computed: &[Computed]) -> Vec<(usize, Number)> {
    let mut found = vec![];
    for block in prose(&chapter.source) {
        for (line, text) in &block.texts {
            for number in numbers(text) {
                let declared = block.declared.iter().any(|d| d.text == number.text);
                if number.checked && !declared && !is_backed(&number, computed) {
                    found.push((*line, number));
                }
            }
        }
    }
    found
}

/// Numbers declared not computed that their block does not contain: the prose changed.
fn stale_marks(chapter: &Chapter) -> Problems {
    let mut problems = vec![];
    for block in prose(&chapter.source) {
        for declared in &block.declared {
            let used = block
                .texts
                .iter()
                .any(|(_, text)| numbers(text).iter().any(|n| n.text == declared.text));
            if !used {
                let message = format!(
                    "{} is declared not computed, but the next paragraph does not give it",
                    declared.text
                );
                problems.push(Problem::new(&chapter.path, block.mark_line, message));
            }
        }
    }
    problems
}

/// Up to three computed numbers closest to `number`, as a clause of the message.
fn nearest(computed: &[Computed], number: &Number) -> String {
    let mut by_distance: Vec<f64> =
        computed.iter().flat_map(|c| c.numbers.iter().copied()).collect();
    by_distance.sort_by(|a, b| {
        let distance = |x: &f64| (x.abs() - number.value).abs();
        distance(a).total_cmp(&distance(b))
    });
    by_distance.dedup();
    let shown: Vec<String> = by_distance.iter().take(3).map(|x| format!("{x:?}")).collect();
    if shown.is_empty() { String::new() } else { format!(" (nearest: {})", shown.join(", ")) }
}

/// A line of the chapter's code, outputs, figures or snapshots, and its numbers.
struct Computed {
    line: String,
    numbers: Vec<f64>,
}

/// Does something computed show `number`, on a line naming it if it is a named result?
fn is_backed(number: &Number, computed: &[Computed]) -> bool {
    let shows = |c: &&Computed| c.numbers.iter().any(|&x| number.is_shown_by(x));
    let naming: Vec<&Computed> = match &number.name {
        Some(name) if !name.is_empty() => {
            computed.iter().filter(|c| names(&c.line, name)).collect()
        }
        _ => vec![],
    };
    if naming.is_empty() { computed.iter().any(|c| shows(&c)) } else { naming.iter().any(shows) }
}

/// Does `line` contain `name` as a word of its own?
fn names(line: &str, name: &str) -> bool {
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    line.match_indices(name).any(|(at, _)| {
        !is_word(line[..at].chars().next_back()) && !is_word(line[at + name.len()..].chars().next())
    })
}

/// Every line of the chapter's code, outputs, figures and snapshots, with its numbers.
fn computed(project: &Project, chapter: &Chapter) -> Vec<Computed> {
    let mut texts: Vec<String> = vec![];
    for fence in &chapter.fences {
        texts.extend(fence.lines.iter().map(|(_, code)| code.clone()));
    }
    for run in &chapter.runs {
        texts.extend(run.expected.iter().cloned());
    }
    for image in &chapter.images {
        let path = project.path("chapters").join(&image.target);
        if let Ok(svg) = fs::read_to_string(path) {
            texts.extend(svg_texts(&svg));
        }
    }
    let mut crates: Vec<&str> = chapter.fences.iter().map(|f| f.crate_name.as_str()).collect();
    crates.dedup();
    // A crate's test snapshots, and the data files its code reads.
    for name in crates {
        for folder in ["tests/snapshots", "data"] {
            let dir = project.path(format!("{CRATES}/{name}/{folder}"));
            for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
                texts.extend(fs::read_to_string(entry.path()));
            }
        }
    }
    texts
        .iter()
        .flat_map(|text| text.lines())
        .map(|line| Computed {
            line: line.to_string(),
            numbers: numbers(line).iter().map(|n| n.value).collect(),
        })
        .collect()
}

/// The contents of an SVG's `<text>` elements.
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|part| {
            let start = part.find('>')? + 1;
            let end = part.find("</text>")?;
            (start <= end).then(|| part[start..end].to_string())
        })
        .collect()
}

/// A paragraph, heading, list, table or block quote's text, line by line, with the
/// numbers declared not computed in the comment before it.
#[derive(Default)]
struct Block {
    texts: Vec<(usize, String)>,
    declared: Vec<Number>,
    mark_line: usize,
}

/// The chapter's prose, block by block: its text and inline code, but not its code blocks
/// or HTML.
fn prose(source: &str) -> Vec<Block> {
    let lines = LineIndex::new(source);
    let mut blocks = vec![];
    let mut current = Block::default();
    let (mut in_code_block, mut containers) = (false, 0);
    for (event, range) in Parser::new(source).into_offset_iter() {
        let block_ends = match event {
            Event::Start(Tag::CodeBlock(_)) => {
                in_code_block = true;
                false
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                false
            }
            Event::Start(Tag::List(_) | Tag::Table(_) | Tag::BlockQuote(_)) => {
                containers += 1;
                false
            }
            Event::End(TagEnd::List(_) | TagEnd::Table | TagEnd::BlockQuote(_)) => {
                containers -= 1;
                containers == 0
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => containers == 0,
            Event::Html(html) | Event::InlineHtml(html) => {
                if let Some(declared) = declaration(&html) {
                    blocks.push(std::mem::take(&mut current));
                    current.declared = numbers(declared);
                    current.mark_line = lines.line_of(range.start);
                }
                false
            }
            Event::Text(text) | Event::Code(text) if !in_code_block => {
                current.texts.push((lines.line_of(range.start), text.to_string()));
                false
            }
            _ => false,
        };
        if block_ends {
            blocks.push(std::mem::take(&mut current));
        }
    }
    blocks.push(current);
    blocks
}

/// The numbers of a comment `<!-- not computed: … -->`, if `html` is one.
fn declaration(html: &str) -> Option<&str> {
    let comment = html.trim().strip_prefix("<!--")?.trim_end().strip_suffix("-->")?;
    comment.trim().strip_prefix(MARK)
}

const SUPERSCRIPTS: &str = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/// The numbers written in `text`: 12, 0.7071, 1,000,002, 1_000_000, 1e-14, 6.7·10⁻¹⁶.
/// Digits that end a name (x1, f64, ch05) and version numbers (0.5.4) are not numbers.
fn numbers(text: &str) -> Vec<Number> {
    let chars: Vec<char> = text.chars().collect();
    let at = |i: usize| chars.get(i).copied().unwrap_or(' ');
    let digits = |mut i: usize| {
        while at(i).is_ascii_digit() {
            i += 1;
        }
        i
    };
    let mut found = vec![];
    let mut i = 0;
    while i < chars.len() {
        let before = if i == 0 { ' ' } else { chars[i - 1] };
        // After a letter, `_` or `.`, digits end a name or a version; after `…`, they are
        // the tail of a longer number.
        if !at(i).is_ascii_digit() || before.is_alphanumeric() || "_.…".contains(before) {
            i += 1;
            continue;
        }
        let start = i;
        let mut mantissa = String::new();
        i = digits(i);
        mantissa.extend(&chars[start..i]);
        // Groups of three, as in 1,000,002 or 1_000_000.
        while matches!(at(i), ',' | '_')
            && (1..=3).all(|k| at(i + k).is_ascii_digit())
            && !at(i + 4).is_ascii_digit()
        {
            mantissa.extend(&chars[i + 1..i + 4]);
            i += 4;
        }
        let significant = mantissa.trim_start_matches('0').trim_end_matches('0').len();
        let mut places = 0;
        if at(i) == '.' && at(i + 1).is_ascii_digit() {
            let end = digits(i + 1);
            places = end - i - 1;
            mantissa.push('.');
            mantissa.extend(&chars[i + 1..end]);
            i = end;
            if at(i) == '.' && at(i + 1).is_ascii_digit() {
                // A version such as 0.5.4: skip all of it.
                while at(i) == '.' || at(i).is_ascii_digit() {
                    i += 1;
                }
                continue;
            }
        }
        let mut exponent = 0;
        if matches!(at(i), 'e' | 'E') {
            let sign = usize::from(matches!(at(i + 1), '-' | '+'));
            if at(i + 1 + sign).is_ascii_digit() {
                let end = digits(i + 1 + sign);
                let written: String = chars[i + 1..end].iter().collect();
                exponent = written.parse().unwrap_or(0);
                i = end;
            }
        } else if let Some((power, end)) = times_power_of_ten(&chars, i) {
            exponent = power;
            i = end;
        } else if mantissa == "10"
            && let Some((power, end)) = superscript(&chars, i)
        {
            // 10⁻⁶ alone: the power itself.
            (mantissa, exponent) = ("1".to_string(), power);
            i = end;
        }
        let value: f64 = mantissa.parse().unwrap_or(0.0);
        let scale = 10f64.powi(exponent);
        // A precise number is checked anywhere; a short one only when it is given as a
        // result, and then on the lines that name it. A bare power of ten is a setting.
        let precise = places > 0 || significant >= 3;
        let power_of_ten = mantissa == "1" && exponent != 0;
        let name = if precise || power_of_ten { None } else { result_name(&chars, start, i) };
        found.push(Number {
            text: chars[start..i].iter().collect(),
            value: value * scale,
            unit: 10f64.powi(-(places as i32)) * scale,
            checked: precise || name.is_some(),
            name,
        });
    }
    found
}

/// A power of ten written after a number, as in 6.7·10⁻¹⁶ or 2 × 10⁵: the exponent and
/// where the writing ends.
fn times_power_of_ten(chars: &[char], from: usize) -> Option<(i32, usize)> {
    let mut i = from;
    let skip_spaces = |mut i: usize| {
        while chars.get(i) == Some(&' ') {
            i += 1;
        }
        i
    };
    i = skip_spaces(i);
    if !matches!(chars.get(i), Some('·' | '×')) {
        return None;
    }
    i = skip_spaces(i + 1);
    if chars.get(i..i + 2) != Some(&['1', '0']) {
        return None;
    }
    superscript(chars, i + 2)
}

/// A superscript exponent such as ⁻¹⁶ at `from`: its value and where it ends.
fn superscript(chars: &[char], from: usize) -> Option<(i32, usize)> {
    let negative = chars.get(from) == Some(&'⁻');
    let start = from + usize::from(negative);
    let mut i = start;
    let mut power = 0i32;
    while let Some(digit) = chars.get(i).and_then(|c| SUPERSCRIPTS.chars().position(|s| s == *c)) {
        power = power * 10 + digit as i32;
        i += 1;
    }
    (i > start).then_some((if negative { -power } else { power }, i))
}

/// If the number written from `start` to `end` is given as a result, as in "d = 4" or
/// "= −8", the name it is given for ("d"; empty if none). Then it is checked whatever its
/// size. Not if it starts a formula, as in "= 2 · 3".
fn result_name(chars: &[char], start: usize, end: usize) -> Option<String> {
    let before: String = chars[..start].iter().collect();
    let before = before.trim_end_matches(['-', '−']).trim_end();
    let before = before.strip_suffix('=')?;
    if !before.is_empty() && !before.ends_with(' ') {
        return None;
    }
    let after = chars[end..].iter().find(|c| **c != ' ');
    if after.is_some_and(|c| "/·×+−*^(".contains(*c)) {
        return None;
    }
    let name = before.trim_end().rsplit(' ').next().unwrap_or("");
    // Plain names only (d, L, x1): not ∂L/∂a or e²ⁿ, which outputs write otherwise.
    let is_name = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    Some(if is_name { name.to_string() } else { String::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        numbers(text).into_iter().map(|n| n.text).collect()
    }

    #[test]
    fn numbers_are_read_as_written() {
        assert_eq!(
            texts("o = 0.7071, 1,000,002 nodes, 1_000_000 and h = 1e-14 (6.7·10⁻¹⁶)"),
            ["0.7071", "1,000,002", "1_000_000", "1e-14", "6.7·10⁻¹⁶"]
        );
        assert_eq!(texts("x1, f64, ch05 and mdBook 0.5.4"), Vec::<String>::new());
        assert_eq!(texts("[2, 3, −1]"), ["2", "3", "1"]);
        let tiny = &numbers("6.7·10⁻¹⁶")[0];
        assert!((tiny.value - 6.7e-16).abs() < 1e-30 && (tiny.unit - 1e-17).abs() < 1e-30);
    }

    #[test]
    fn only_precise_numbers_are_checked() {
        let checked = |text: &str| numbers(text)[0].checked;
        assert!(checked("0.5") && checked("337") && checked("65,818") && checked("1.0"));
        assert!(!checked("41") && !checked("8") && !checked("1,000,000") && !checked("750"));
    }

    #[test]
    fn a_number_is_shown_by_its_rounded_or_cut_off_value() {
        let number = |text: &str| numbers(text).remove(0);
        assert!(number("0.7071").is_shown_by(std::f64::consts::FRAC_1_SQRT_2));
        assert!(number("5.8284").is_shown_by(5.828427124746189));
        assert!(number("0.7072").is_shown_by(0.7071567));
        assert!(!number("0.7072").is_shown_by(std::f64::consts::FRAC_1_SQRT_2));
        assert!(number("1.5").is_shown_by(-1.4999999999999993));
        assert!(number("6.7·10⁻¹⁶").is_shown_by(6.661338147750939e-16));
        assert!(number("65,818").is_shown_by(65818.0));
        assert!(!number("65,818").is_shown_by(65819.0));
    }

    #[test]
    fn a_result_is_checked_on_the_lines_that_name_it() {
        assert_eq!(numbers("g = 24.7041")[0].name, None, "precise: checked anywhere");
        assert_eq!(numbers("h = 10⁻⁶")[0].name, None, "a setting");
        let d = numbers("With d = 4 and f = −2:").remove(0);
        assert!(d.checked && d.name.as_deref() == Some("d"));
        assert!(numbers("= −2 · −3 = 6")[0].name.is_none(), "−2 starts a formula");
        assert_eq!(numbers("= −2 · −3 = 6")[2].name.as_deref(), Some(""));
        let computed = |lines: &[&str]| -> Vec<Computed> {
            lines
                .iter()
                .map(|l| Computed {
                    line: l.to_string(),
                    numbers: numbers(l).iter().map(|n| n.value).collect(),
                })
                .collect()
        };
        assert!(is_backed(&d, &computed(&["d = Value(data=4.0)", "e = 1.0"])));
        assert!(!is_backed(&d, &computed(&["d = Value(data=1.0)", "e = 4.0"])));
        assert!(is_backed(&d, &computed(&["e = 4.0"])), "no line names d");
        assert!(names("L before: 1", "L") && !names("Layer", "L"));
    }

    #[test]
    fn prose_skips_code_blocks_and_takes_declarations() {
        let source = "Seen 0.25 here.\n\n```rust\nlet x = 0.125;\n```\n\n\
                      <!-- not computed: 1.88 -->\nRust 1.88 and `0.5`.\n";
        let blocks = prose(source);
        let all: Vec<&str> =
            blocks.iter().flat_map(|b| &b.texts).map(|(_, t)| t.as_str()).collect();
        assert_eq!(all, ["Seen 0.25 here.", "Rust 1.88 and ", "0.5", "."]);
        let marked = blocks.iter().find(|b| !b.declared.is_empty()).unwrap();
        assert_eq!(marked.declared[0].text, "1.88");
        assert_eq!(marked.texts[0], (8, "Rust 1.88 and ".to_string()));
    }
}
