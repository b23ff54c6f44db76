//! Reads a chapter's markdown (with pulldown-cmark, as mdBook does) into what the xtask
//! acts on: code fences that name a file, shown commands with their output, and images.

use std::ops::Range;
use std::path::{Component, Path};

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

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
}

/// A ```` ```console ```` block: a command, then what it prints.
#[derive(Debug, Clone)]
pub struct Run {
    /// The line of the `$ ` command.
    pub line: usize,
    pub command: String,
    pub expected: Vec<String>,
    /// Byte range of the output lines in the chapter source, for rewriting.
    pub output: Range<usize>,
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
        for (event, range) in Parser::new_ext(&source, Options::empty()).into_offset_iter() {
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
                    let Some((info, block, body)) = code.take() else {
                        continue;
                    };
                    let line = lines.line_of(block.start);
                    match code_block(&source, &crate_name, &info, block, &body, line) {
                        Ok(Block::Fence(fence)) => fences.push(fence),
                        Ok(Block::Run(run)) => runs.push(run),
                        Ok(Block::Other) => {}
                        Err(message) => problems.push(Problem::new(path, line, message)),
                    }
                }
                Event::Start(Tag::Image { dest_url, .. }) => {
                    images.push(Image {
                        line: lines.line_of(range.start),
                        target: dest_url.to_string(),
                    });
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

/// Reads one fenced block of `source`, which starts at `line`.
fn code_block(
    source: &str,
    chapter_crate: &str,
    info: &str,
    block: Range<usize>,
    body: &str,
    line: usize,
) -> Result<Block, String> {
    let text = &source[block.clone()];
    if !is_closed(text) {
        return Err("this code fence is never closed: add a closing ``` line".into());
    }
    if let Some(offset) = fence_opened_inside(text) {
        let opened = line + offset;
        return Err(format!(
            "this code fence is never closed: add a closing ``` line before the fence on line {opened}"
        ));
    }
    let words: Vec<&str> = info.split([',', ' ']).filter(|w| !w.is_empty()).collect();
    let language = words.first().copied().unwrap_or("");
    if let Some(word) = words.iter().find(|w| w.contains('=')) {
        let fixed = word.replacen('=', ":", 1);
        return Err(format!(
            "`{word}` in a fence's info string makes `mdbook test` skip it; write `{fixed}`"
        ));
    }
    let first_body_line = line + 1;
    if language == "console" {
        return run_block(text, block.start, body, first_body_line).map(Block::Run);
    }
    let Some(file) = words.iter().find_map(|w| w.strip_prefix("file:")) else {
        return Ok(Block::Other);
    };
    let crate_name =
        words.iter().find_map(|w| w.strip_prefix("crate:")).unwrap_or(chapter_crate).to_string();
    check_inside_crate(file, &crate_name)?;
    if crate_name == chapter_crate {
        check_binary_name(file, &crate_name)?;
    }
    let hides_lines = language == "rust";
    let lines = body
        .lines()
        .enumerate()
        .map(|(i, code)| {
            (first_body_line + i, if hides_lines { unhide(code) } else { code.to_string() })
        })
        .collect();
    Ok(Block::Fence(Fence { line, crate_name, file: file.to_string(), lines }))
}

/// Reads a console block: its first line is `$ COMMAND`, the rest is what it prints.
fn run_block(
    text: &str,
    block_start: usize,
    body: &str,
    first_body_line: usize,
) -> Result<Run, String> {
    let mut body_lines = body.lines();
    let Some(command) = body_lines.next().and_then(|l| l.strip_prefix("$ ")) else {
        return Err(
            "a console block starts with the command it shows, as `$ cargo run -p …`".into()
        );
    };
    let expected: Vec<String> = body_lines.map(str::to_string).collect();
    if let Some(i) = expected.iter().position(|l| l.starts_with("$ ")) {
        return Err(format!("line {}: one command per console block", first_body_line + 1 + i));
    }
    // The output starts after the command's line and ends before the closing fence.
    let opening_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let output_start = opening_end + text[opening_end..].find('\n').map_or(0, |i| i + 1);
    let closing = text.trim_end_matches('\n').rfind('\n').map_or(text.len(), |i| i + 1);
    let output = block_start + output_start.min(closing)..block_start + closing;
    Ok(Run { line: first_body_line, command: command.trim().to_string(), expected, output })
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

fn check_inside_crate(file: &str, crate_name: &str) -> Result<(), String> {
    let path = Path::new(file);
    let inside = !file.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)));
    if inside {
        Ok(())
    } else {
        Err(format!(
            "fence target `{file}` is outside the crate `{crate_name}`: name a path inside it, such as `src/main.rs`"
        ))
    }
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
}

/// Does `actual` match `expected`, where a line `...` in `expected` matches any number of lines?
pub fn output_matches(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == ELISION => {
            (0..=actual.len()).any(|skip| output_matches(rest, &actual[skip..]))
        }
        Some((first, rest)) => actual
            .split_first()
            .is_some_and(|(line, more)| line == first && output_matches(rest, more)),
    }
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
        let source = "# T\n\n```rust,file:src/main.rs\n# fn main() {}\n```\n\n```console\n$ cargo run -p x\nhi\n```\n\n![f](figures/f.svg)\n";
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
