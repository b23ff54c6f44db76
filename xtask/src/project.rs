//! The project on disk: where the chapters, crates and figures live, and its chapters in
//! the order SUMMARY.md gives them.

use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag};

use crate::chapter::{Chapter, LineIndex};
use crate::grammar;
use crate::problem::{Problem, Problems};

pub const CHAPTERS: &str = "chapters";
pub const SUMMARY: &str = "chapters/SUMMARY.md";
pub const FIGURES: &str = "chapters/figures";
pub const CRATES: &str = "crates";
pub const BOOK: &str = "book";

pub struct Project {
    pub root: PathBuf,
}

impl Project {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Project { root: root.into() }
    }

    pub fn path(&self, relative: impl AsRef<Path>) -> PathBuf {
        self.root.join(relative)
    }

    /// Reads a text file of the project: UTF-8 without NUL, or a problem at the line
    /// where it stops being text.
    pub fn read(&self, relative: &str) -> Result<String, Problems> {
        let bytes = fs::read(self.path(relative))
            .map_err(|e| vec![Problem::io(Path::new(relative), "read it", e)])?;
        text(relative, bytes).map_err(|problem| vec![problem])
    }

    /// Every chapter, parsed, in SUMMARY.md's order. Fails if a chapter file is missing from
    /// SUMMARY.md, if SUMMARY.md links to a missing file, or if any chapter has bad input.
    pub fn chapters(&self) -> Result<Vec<Chapter>, Problems> {
        let listed = self.summary_entries()?;
        let mut problems = vec![];
        for file in self.chapter_files()? {
            if !listed.iter().any(|(name, _)| *name == file) {
                let message = format!(
                    "this chapter is not listed in {SUMMARY}: add `- [Title]({file})` there"
                );
                problems.push(Problem::new(format!("{CHAPTERS}/{file}"), 1, message));
            }
        }
        let mut chapters = vec![];
        for (i, (file, line)) in listed.iter().enumerate() {
            if let Some((_, first)) = listed[..i].iter().find(|(other, _)| other == file) {
                let message =
                    format!("`{file}` is listed already, on line {first}: list a chapter once");
                problems.push(Problem::new(SUMMARY, *line, message));
                continue;
            }
            if let Err(message) = grammar::chapter_file(file) {
                problems.push(Problem::new(SUMMARY, *line, message));
                continue;
            }
            let path = format!("{CHAPTERS}/{file}");
            match fs::read(self.path(&path)) {
                Ok(bytes) => match text(&path, bytes)
                    .map_err(|p| vec![p])
                    .and_then(|source| Chapter::parse(&path, source))
                {
                    Ok(chapter) => {
                        let own =
                            chapter.fences.iter().filter(|f| f.crate_name == chapter.crate_name);
                        match grammar::appendix_code(file, own.count(), chapter.runs.len()) {
                            Ok(()) => chapters.push(chapter),
                            Err(message) => problems.push(Problem::new(&path, 1, message)),
                        }
                    }
                    Err(found) => problems.extend(found),
                },
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => problems.push(Problem::new(
                    SUMMARY,
                    *line,
                    format!("links to `{file}`, which does not exist"),
                )),
                Err(e) => problems.push(Problem::io(Path::new(&path), "read it", e)),
            }
        }
        if problems.is_empty() { Ok(chapters) } else { Err(problems) }
    }

    /// The chapter files SUMMARY.md links to, with the line of each link.
    fn summary_entries(&self) -> Result<Vec<(String, usize)>, Problems> {
        let summary = self.read(SUMMARY)?;
        let lines = LineIndex::new(&summary);
        Ok(Parser::new(&summary)
            .into_offset_iter()
            .filter_map(|(event, range)| match event {
                Event::Start(Tag::Link { dest_url, .. }) if !dest_url.is_empty() => {
                    Some((dest_url.to_string(), lines.line_of(range.start)))
                }
                _ => None,
            })
            .collect())
    }

    /// The names of the markdown files in chapters/, other than SUMMARY.md, sorted.
    fn chapter_files(&self) -> Result<Vec<String>, Problems> {
        let entries = fs::read_dir(self.path(CHAPTERS))
            .map_err(|e| vec![Problem::io(Path::new(CHAPTERS), "list it", e)])?;
        let mut files: Vec<String> = entries
            .filter_map(|entry| entry.ok())
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".md") && name != "SUMMARY.md")
            .collect();
        files.sort();
        Ok(files)
    }
}

/// The text of the file `path`: refused at the line of its first byte that is not UTF-8,
/// or of its first NUL (which would otherwise pass, silently, into the book and the code).
pub fn text(path: &str, bytes: Vec<u8>) -> Result<String, Problem> {
    let line =
        |bytes: &[u8], offset: usize| bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
    match String::from_utf8(bytes) {
        Err(error) => {
            let at = line(error.as_bytes(), error.utf8_error().valid_up_to());
            Err(Problem::new(path, at, "this line is not valid UTF-8: save the file as UTF-8"))
        }
        Ok(text) => match text.find('\0') {
            Some(offset) => {
                let at = line(text.as_bytes(), offset);
                Err(Problem::new(path, at, "this line holds a NUL character: remove it"))
            }
            None => Ok(text),
        },
    }
}
