//! Reads a chapter's markdown (with pulldown-cmark, as mdBook does) into what the xtask
//! acts on: code fences that name a file, shown commands with their output, and images.
//! What a chapter may ask for is narrow; [`crate::grammar`] says what, and everything
//! else is refused here, at its line, before anything is written or run.

use std::ops::Range;
use std::path::Path;
use std::time::Duration;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::grammar::{self, Shown};
use crate::problem::{Problem, Problems};

/// One chapter file, parsed.
#[derive(Debug, Clone)]
pub struct Chapter {
    /// Path relative to the project root, such as `chapters/01-derivatives.md`.
    pub path: String,
    pub source: String,
    /// The crate its fences go to unless they name another: `ch01-derivatives`.
    pub crate_name: String,
    pub fences: Vec<Fence>,
    pub runs: Vec<Run>,
    pub images: Vec<Image>,
}

/// A code fence that names a file, such as ```` ```rust,file:src/main.rs ````.
#[derive(Debug, Clone)]
pub struct Fence {
    pub line: usize,
    pub crate_name: String,
    /// Path inside the crate, such as `src/main.rs`.
    pub file: String,
    /// Each line of code (hidden lines unhidden) with its line in the chapter.
    pub lines: Vec<(usize, String)>,
    /// The exercises marked in the fence, in order.
    pub holes: Vec<Hole>,
}

/// Lines of a fence that are the lesson: an exercise copy of the chapter replaces them with
/// `todo!("HINT")`. Hidden lines mark them, so the book shows nothing:
///
/// ```text
/// # // exercise: HINT
/// the lines the reader writes
/// # // end of exercise
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hole {
    /// The chapter line of the opening marker.
    pub line: usize,
    pub hint: String,
    /// Indices in [`Fence::lines`] of the opening and the closing marker.
    pub open: usize,
    pub close: usize,
}

/// What opens an exercise, after the comment's `//`; what closes it.
pub const EXERCISE_OPEN: &str = "exercise:";
pub const EXERCISE_CLOSE: &str = "end of exercise";

/// A ```` ```console ```` block: a command, then what it prints.
#[derive(Debug, Clone)]
pub struct Run {
    /// The line of the `$ ` command.
    pub line: usize,
    /// The command as shown, after `$ `.
    pub command: String,
    pub shown: Shown,
    /// How long the program may run: [`grammar::DEFAULT_TIMEOUT`] or the block's `timeout:`.
    pub timeout: Duration,
    /// The block shows stderr too (`console,stderr`), interleaved with stdout.
    pub stderr: bool,
    pub expected: Vec<String>,
    /// Byte range of the output lines in the chapter source, for rewriting.
    pub output: Range<usize>,
    /// What each line of the block starts with in the source (inside a list item, spaces).
    pub indent: String,
}

/// An image the chapter shows.
#[derive(Debug, Clone)]
pub struct Image {
    pub line: usize,
    pub target: String,
}

/// The line that stands for "any number of lines" in an expected output.
pub const ELISION: &str = "...";

/// What a code block turned out to be.
enum Block {
    Fence(Fence),
    Run(Run),
    Other,
}

/// A fenced block as the parser found it.
struct Found<'a> {
    info: String,
    range: Range<usize>,
    body: String,
    line: usize,
    source: &'a str,
}

impl Chapter {
    /// Parses `source`, the text of the chapter at `path` (`chapters/NN-slug.md`).
    pub fn parse(path: &str, source: String) -> Result<Chapter, Problems> {
        let stem = Path::new(path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let crate_name = format!("ch{stem}");
        let (mut fences, mut runs, mut images, mut problems) = (vec![], vec![], vec![], vec![]);
        let lines = LineIndex::new(&source);
        let mut code: Option<(String, Range<usize>, String)> = None;
        // The opening and closing lines of the last block read.
        let mut previous: Option<(usize, usize)> = None;
        for (event, range) in Parser::new_ext(&source, Options::empty()).into_offset_iter() {
            let line = lines.line_of(range.start);
            match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                    code = Some((info.to_string(), range, String::new()));
                }
                Event::Text(text) => {
                    if let Some((_, _, body)) = code.as_mut() {
                        body.push_str(&text);
                    }
                }
                Event::End(TagEnd::CodeBlock) => {
                    let Some((info, range, body)) = code.take() else {
                        continue;
                    };
                    let found = Found { info, range, body, line, source: &source };
                    let closing = lines.line_of(found.range.end.saturating_sub(1));
                    if let Err(found_problems) = closed(&found, previous) {
                        problems.extend(
                            found_problems
                                .into_iter()
                                .map(|(at, message)| Problem::new(path, at, message)),
                        );
                    } else {
                        match code_block(&found, &crate_name, &lines) {
                            Ok(Block::Fence(fence)) => fences.push(fence),
                            Ok(Block::Run(run)) => runs.push(run),
                            Ok(Block::Other) => {}
                            Err((at, message)) => problems.push(Problem::new(path, at, message)),
                        }
                    }
                    previous = Some((line, closing));
                }
                Event::Start(Tag::Image { dest_url, .. }) => match grammar::image(&dest_url) {
                    Ok(()) => images.push(Image { line, target: dest_url.to_string() }),
                    Err(message) => problems.push(Problem::new(path, line, message)),
                },
                Event::Start(Tag::Link { dest_url, .. }) => {
                    if let Err(message) = grammar::link(&dest_url) {
                        problems.push(Problem::new(path, line, message));
                    }
                }
                Event::Html(html) | Event::InlineHtml(html) => {
                    for target in html_targets(&html) {
                        if let Err(message) = grammar::link(target) {
                            problems.push(Problem::new(path, line, message));
                        }
                    }
                }
                _ => {}
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Chapter { path: path.to_string(), source, crate_name, fences, runs, images })
    }
}

/// The values of `src="…"` and `href="…"` in raw HTML.
fn html_targets(html: &str) -> Vec<&str> {
    let mut targets = vec![];
    for attribute in ["src=", "href="] {
        let mut rest = html;
        while let Some(at) = rest.find(attribute) {
            rest = &rest[at + attribute.len()..];
            let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'');
            let value = match quote {
                Some(q) => rest[1..].split(q).next().unwrap_or(""),
                None => rest.split([' ', '>']).next().unwrap_or(""),
            };
            targets.push(value);
        }
    }
    targets
}

/// Problems, as (line, message), if a block is not closed where it should be. A block that
/// opens with a bare ``` and runs on is often a closing fence whose block was closed early
/// by a stray ``` line: then the previous block's closing line is named too.
fn closed(found: &Found, previous: Option<(usize, usize)>) -> Result<(), Vec<(usize, String)>> {
    let text = &found.source[found.range.clone()];
    let line = found.line;
    let runs_on = if !is_closed(text) {
        Some("this code fence is never closed: add a closing ``` line".to_string())
    } else {
        fence_opened_inside(text).map(|offset| {
            format!(
                "this code fence is never closed: add a closing ``` line before the fence on line {}",
                line + offset
            )
        })
    };
    let Some(message) = runs_on else {
        return Ok(());
    };
    let mut problems = vec![(line, message)];
    if let Some((opened, closing)) = previous.filter(|_| found.info.trim().is_empty()) {
        problems[0].1.push_str(&format!(
            "; or, if this line is meant to close a block, a stray ``` on line {closing} closed the block above early"
        ));
        problems.insert(
            0,
            (
                closing,
                format!(
                    "this ``` closes the code block opened on line {opened}; if it is stray, remove it (the ``` on line {line} then opens a block that runs on)"
                ),
            ),
        );
    }
    Err(problems)
}

/// Reads one fenced block that is properly closed; an error comes with its line.
fn code_block(
    found: &Found,
    chapter_crate: &str,
    lines: &LineIndex,
) -> Result<Block, (usize, String)> {
    info_block(found, chapter_crate, lines).map_err(|message| (found.line, message))?
}

/// Reads a block's info string; the block itself is read by the function it returns, for
/// a console block's errors belong to its lines.
fn info_block(
    found: &Found,
    chapter_crate: &str,
    lines: &LineIndex,
) -> Result<Result<Block, (usize, String)>, String> {
    let words: Vec<&str> = found.info.split([',', ' ']).filter(|w| !w.is_empty()).collect();
    let language = words.first().copied().unwrap_or("");
    if let Some(word) = words.iter().find(|w| w.contains('=')) {
        let fixed = word.replacen('=', ":", 1);
        return Err(format!(
            "`{word}` in a fence's info string makes `mdbook test` skip it; write `{fixed}`"
        ));
    }
    let keys: &[&str] =
        if language == "console" { &["timeout", "stderr"] } else { &["crate", "file"] };
    let mut given: Vec<&str> = vec![];
    for word in &words[1.min(words.len())..] {
        let key = word.split(':').next().unwrap_or(word);
        let is_key = word.contains(':') || ["timeout", "stderr", "crate", "file"].contains(&key);
        if !is_key {
            continue;
        }
        if !keys.contains(&key) {
            return Err(format!(
                "`{word}` is not understood in a ```{language} block: it may say {}",
                keys.iter().map(|k| format!("`{k}:`")).collect::<Vec<_>>().join(" or ")
            ));
        }
        if given.contains(&key) {
            return Err(format!("`{key}` is given twice in this fence's info string"));
        }
        given.push(key);
    }
    let value = |key: &str| words.iter().find_map(|w| w.strip_prefix(key)?.strip_prefix(':'));
    if language == "console" {
        if words.contains(&"stderr:") || value("stderr").is_some() {
            return Err("write `stderr` alone, as in ```console,stderr".into());
        }
        let timeout = match value("timeout") {
            Some(seconds) => grammar::timeout(seconds)?,
            None if words.contains(&"timeout") => return Err("write `timeout:SECONDS`".into()),
            None => grammar::DEFAULT_TIMEOUT,
        };
        let stderr = words.contains(&"stderr");
        return Ok(run_block(found, lines, timeout, stderr).map(Block::Run));
    }
    let Some(file) = value("file") else {
        if given.contains(&"crate") {
            return Err("this fence names a crate but no `file:`".into());
        }
        return Ok(Ok(Block::Other));
    };
    let crate_name = match value("crate") {
        Some(name) => {
            grammar::crate_name(name)?;
            name
        }
        None => chapter_crate,
    };
    grammar::file_path(file, crate_name)?;
    if crate_name == chapter_crate {
        check_binary_name(file, crate_name)?;
    }
    let hides_lines = language == "rust";
    let first_body_line = found.line + 1;
    let lines: Vec<(usize, String)> = found
        .body
        .lines()
        .enumerate()
        .map(|(i, code)| {
            (first_body_line + i, if hides_lines { unhide(code) } else { code.to_string() })
        })
        .collect();
    let holes = if hides_lines {
        match holes(&found.body, first_body_line) {
            Ok(holes) => holes,
            Err(problem) => return Ok(Err(problem)),
        }
    } else {
        vec![]
    };
    Ok(Ok(Block::Fence(Fence {
        line: found.line,
        crate_name: crate_name.to_string(),
        file: file.to_string(),
        lines,
        holes,
    })))
}

/// The exercises marked in the body of a Rust fence whose first line is chapter line
/// `first_line`; an error, at its line, for a marker out of place.
fn holes(body: &str, first_line: usize) -> Result<Vec<Hole>, (usize, String)> {
    let mut holes = vec![];
    let mut open: Option<(usize, String)> = None;
    for (i, raw) in body.lines().enumerate() {
        let line = first_line + i;
        let code = unhide(raw);
        let Some(comment) = code.trim().strip_prefix("//") else {
            continue;
        };
        let comment = comment.trim();
        let opens = comment.strip_prefix(EXERCISE_OPEN).map(str::trim);
        let closes = comment == EXERCISE_CLOSE;
        if opens.is_none() && !closes {
            continue;
        }
        if !raw.trim_start().starts_with("# ") {
            return Err((
                line,
                "an exercise marker must be hidden from the reader: start its line with `# `"
                    .into(),
            ));
        }
        match (opens, open.take()) {
            (Some(_), Some((at, _))) => {
                return Err((
                    line,
                    format!(
                        "an exercise opens inside the exercise opened on line {}: close that one first with `# // {EXERCISE_CLOSE}`",
                        first_line + at
                    ),
                ));
            }
            (Some(""), None) => {
                return Err((
                    line,
                    format!("give the exercise a one-line hint: `# // {EXERCISE_OPEN} HINT`"),
                ));
            }
            (Some(hint), None) => open = Some((i, hint.to_string())),
            (None, None) => {
                return Err((
                    line,
                    format!(
                        "`// {EXERCISE_CLOSE}` closes no exercise: open one above it with `# // {EXERCISE_OPEN} HINT`"
                    ),
                ));
            }
            (None, Some((at, hint))) => {
                let lines_between = body.lines().skip(at + 1).take(i - at - 1);
                if lines_between.clone().all(|l| unhide(l).trim().is_empty()) {
                    return Err((
                        first_line + at,
                        "this exercise holes no code: put the lines the reader writes between its markers"
                            .into(),
                    ));
                }
                holes.push(Hole { line: first_line + at, hint, open: at, close: i });
            }
        }
    }
    match open {
        Some((at, _)) => Err((
            first_line + at,
            format!(
                "this exercise is never closed: end it with `# // {EXERCISE_CLOSE}` in the same code block"
            ),
        )),
        None => Ok(holes),
    }
}

/// Reads a console block: its first line is `$ COMMAND`, the rest is what it prints.
fn run_block(
    found: &Found,
    lines: &LineIndex,
    timeout: Duration,
    stderr: bool,
) -> Result<Run, (usize, String)> {
    let first_body_line = found.line + 1;
    let mut body_lines = found.body.lines();
    let Some(command) = body_lines.next().and_then(|l| l.strip_prefix("$ ")) else {
        let message =
            "a console block starts with the command it shows, as `$ cargo run --bin chNN-name`";
        return Err((first_body_line, message.into()));
    };
    let command = command.trim().to_string();
    let shown = grammar::shown_command(&command).map_err(|m| (first_body_line, m))?;
    let expected: Vec<String> = body_lines.map(str::to_string).collect();
    if let Some(i) = expected.iter().position(|l| l.starts_with("$ ")) {
        let message = "one command per console block: start a new block for this one";
        return Err((first_body_line + 1 + i, message.into()));
    }
    // The output starts after the command's line and ends before the closing fence.
    let text = &found.source[found.range.clone()];
    let opening_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let output_start = opening_end + text[opening_end..].find('\n').map_or(0, |i| i + 1);
    let closing = text.trim_end_matches('\n').rfind('\n').map_or(text.len(), |i| i + 1);
    let block_start = found.range.start;
    let output = block_start + output_start.min(closing)..block_start + closing;
    let command_line = &found.source[lines.start_of(first_body_line)..];
    let indent = command_line[..command_line.find('$').unwrap_or(0)].to_string();
    Ok(Run { line: first_body_line, command, shown, timeout, stderr, expected, output, indent })
}

/// True if a fenced block's text ends with a closing fence like its opening one.
fn is_closed(block: &str) -> bool {
    let mut lines = block.trim_end_matches('\n').lines();
    let (marker, width) = fence_marker(lines.next().unwrap_or(""));
    lines.next_back().is_some_and(|last| {
        let last = last.trim();
        last.len() >= width && last.chars().all(|c| c == marker)
    })
}

/// The line, counted from a fenced block's opening line, of a fence that opens inside it.
/// A closing fence has no info string, so such a line means the block's own closing line
/// is missing and the block ran on to the next block's closing line, swallowing the text
/// between.
fn fence_opened_inside(block: &str) -> Option<usize> {
    let (marker, width) = fence_marker(block.lines().next().unwrap_or(""));
    block.lines().enumerate().skip(1).find_map(|(i, line)| {
        let line = line.trim_start();
        let info = line.trim_start_matches(marker);
        // As in CommonMark, a backtick fence's info string has no backticks.
        let opens = line.len() - info.len() >= width
            && !info.trim().is_empty()
            && !(marker == '`' && info.contains('`'));
        opens.then_some(i)
    })
}

/// The character a fence's opening line is made of, and how many of them it starts with.
fn fence_marker(opening: &str) -> (char, usize) {
    let opening = opening.trim_start();
    let marker = opening.chars().next().unwrap_or('`');
    (marker, opening.chars().take_while(|&c| c == marker).count())
}

/// Cargo puts every binary of the workspace in one folder, so a chapter's binaries carry
/// its number: `src/bin/ch03-neuron.rs` in `ch03-manual-backprop`.
fn check_binary_name(file: &str, crate_name: &str) -> Result<(), String> {
    let prefix = binary_prefix(crate_name);
    match file.strip_prefix("src/bin/") {
        Some(name) if !name.starts_with(&format!("{prefix}-")) => Err(format!(
            "binary `{name}` must be named `{prefix}-…` (binary names are shared by the whole workspace)"
        )),
        _ => Ok(()),
    }
}

/// The part of a chapter crate's name that every one of its binaries starts with: `ch03`.
pub fn binary_prefix(crate_name: &str) -> &str {
    crate_name.split('-').next().unwrap_or(crate_name)
}

/// mdBook hides a line of Rust that starts with `# `; the crate gets the line without it.
/// `##` stands for a literal `#`.
fn unhide(line: &str) -> String {
    let rest = line.trim_start();
    let indent = &line[..line.len() - rest.len()];
    if rest == "#" {
        String::new()
    } else if let Some(code) = rest.strip_prefix("# ") {
        format!("{indent}{code}")
    } else if let Some(code) = rest.strip_prefix("##") {
        format!("{indent}#{code}")
    } else {
        line.to_string()
    }
}

/// Turns byte offsets into 1-based line numbers.
pub struct LineIndex(Vec<usize>);

impl LineIndex {
    pub fn new(text: &str) -> Self {
        LineIndex(std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }

    pub fn line_of(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset)
    }

    /// The byte offset at which 1-based `line` starts (the end of the text past the last).
    pub fn start_of(&self, line: usize) -> usize {
        let last = *self.0.last().unwrap_or(&0);
        self.0.get(line.saturating_sub(1)).copied().unwrap_or(last)
    }
}

/// Does `actual` match `expected`, where a line `...` in `expected` matches any number of lines?
pub fn output_matches(expected: &[String], actual: &[&str]) -> bool {
    mismatch(expected, actual).is_none()
}

/// The index in `expected` of the line where `actual` stops matching it (`expected.len()`
/// if `actual` goes on past its end), or `None` if it matches. Linear in the size of both:
/// the parts between `...` lines are matched at their first occurrence, which is enough
/// (a later match of one part leaves less room for the rest, never more).
pub fn mismatch(expected: &[String], actual: &[&str]) -> Option<usize> {
    let mut parts: Vec<(usize, &[String])> = vec![];
    let mut start = 0;
    for (i, line) in expected.iter().enumerate() {
        if line == ELISION {
            parts.push((start, &expected[start..i]));
            start = i + 1;
        }
    }
    parts.push((start, &expected[start..]));
    let (head_start, head) = parts[0];
    let same = head.iter().zip(actual).take_while(|(e, a)| e == *a).count();
    if parts.len() == 1 {
        return (same < head.len() || actual.len() > head.len()).then_some(head_start + same);
    }
    if same < head.len() {
        return Some(head_start + same);
    }
    let (tail_start, tail) = parts[parts.len() - 1];
    let from_end = tail.iter().rev().zip(actual.iter().rev()).take_while(|(e, a)| e == *a).count();
    if from_end < tail.len() {
        return Some(tail_start + tail.len() - 1 - from_end);
    }
    if head.len() + tail.len() > actual.len() {
        return Some(tail_start);
    }
    let (mut at, end) = (head.len(), actual.len() - tail.len());
    for &(part_start, part) in &parts[1..parts.len() - 1] {
        match find(part, &actual[at..end]) {
            Some(found) => at += found + part.len(),
            None => return Some(part_start),
        }
    }
    None
}

/// The first index at which `needle` occurs in `haystack` (Knuth–Morris–Pratt, linear).
fn find(needle: &[String], haystack: &[&str]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    let mut border = vec![0; needle.len()];
    let mut k = 0;
    for i in 1..needle.len() {
        while k > 0 && needle[i] != needle[k] {
            k = border[k - 1];
        }
        if needle[i] == needle[k] {
            k += 1;
        }
        border[i] = k;
    }
    let mut k = 0;
    for (i, line) in haystack.iter().enumerate() {
        while k > 0 && needle[k] != *line {
            k = border[k - 1];
        }
        if needle[k] == *line {
            k += 1;
        }
        if k == needle.len() {
            return Some(i + 1 - k);
        }
    }
    None
}

/// The new output lines for a shown command: all of `actual` if `expected` elides nothing,
/// else as many lines before the first `...` and after the last one as `expected` has.
pub fn blessed_output(expected: &[String], actual: &[&str]) -> Vec<String> {
    let head = expected.iter().position(|l| l == ELISION);
    let tail = expected.iter().rev().position(|l| l == ELISION);
    match (head, tail) {
        (Some(head), Some(tail)) if head + tail < actual.len() => {
            let mut lines: Vec<String> = actual[..head].iter().map(|l| l.to_string()).collect();
            lines.push(ELISION.to_string());
            lines.extend(actual[actual.len() - tail..].iter().map(|l| l.to_string()));
            lines
        }
        _ => actual.iter().map(|l| l.to_string()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn elision_matches_any_number_of_lines() {
        let expected = strings(&["a", "...", "z"]);
        assert!(output_matches(&expected, &["a", "z"]));
        assert!(output_matches(&expected, &["a", "b", "c", "z"]));
        assert!(!output_matches(&expected, &["a", "b"]));
        assert!(!output_matches(&strings(&["a"]), &["a", "b"]));
    }

    #[test]
    fn elision_matching_is_linear_and_names_the_line() {
        let expected = strings(&["a", "...", "b", "c", "...", "z"]);
        assert_eq!(mismatch(&expected, &["a", "x", "b", "c", "y", "z"]), None);
        assert_eq!(mismatch(&expected, &["a", "b", "b", "c", "z"]), None);
        assert_eq!(mismatch(&expected, &["a", "b", "x", "z"]), Some(2));
        assert_eq!(mismatch(&expected, &["q", "b", "c", "z"]), Some(0));
        assert_eq!(mismatch(&expected, &["a", "b", "c", "q"]), Some(5));
        assert_eq!(mismatch(&strings(&["a", "b"]), &["a", "b", "c"]), Some(2));
        assert_eq!(mismatch(&strings(&["a", "...", "a"]), &["a"]), Some(2));
        assert_eq!(find(&strings(&["a", "a", "b"]), &["a", "a", "a", "b"]), Some(1));
        // Thirty elisions over many lines: instant, where backtracking took minutes.
        let mut many = vec![];
        for _ in 0..30 {
            many.extend(strings(&["...", "x"]));
        }
        many.push("...".to_string());
        let actual = vec!["y"; 100_000];
        assert_eq!(mismatch(&many, &actual), Some(1));
    }

    #[test]
    fn bless_keeps_the_shape_of_an_elision() {
        let expected = strings(&["a", "...", "z"]);
        assert_eq!(blessed_output(&expected, &["A", "B", "C", "Z"]), strings(&["A", "...", "Z"]));
        assert_eq!(blessed_output(&expected, &["A"]), strings(&["A"]));
    }

    #[test]
    fn hidden_lines_are_unhidden() {
        assert_eq!(unhide("# use std::rc::Rc;"), "use std::rc::Rc;");
        assert_eq!(unhide("    # let x = 1;"), "    let x = 1;");
        assert_eq!(unhide("#[derive(Debug)]"), "#[derive(Debug)]");
        assert_eq!(unhide("#"), "");
        assert_eq!(unhide("## not hidden"), "# not hidden");
    }

    #[test]
    fn fences_runs_and_images_are_found_with_their_lines() {
        let source = "# T\n\n```rust,file:src/main.rs\n# fn main() {}\n```\n\n```console\n$ cargo run --bin ch01-x\nhi\n```\n\n![f](figures/f.svg)\n";
        let chapter = Chapter::parse("chapters/01-x.md", source.to_string()).unwrap();
        assert_eq!(chapter.crate_name, "ch01-x");
        assert_eq!(chapter.fences[0].line, 3);
        assert_eq!(chapter.fences[0].lines, vec![(4, "fn main() {}".to_string())]);
        assert_eq!(chapter.runs[0].line, 8);
        assert_eq!(chapter.runs[0].expected, strings(&["hi"]));
        assert_eq!(&chapter.source[chapter.runs[0].output.clone()], "hi\n");
        assert_eq!(chapter.images[0].line, 12);
    }
}
