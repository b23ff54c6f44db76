//! The project on disk: where the chapters, crates and figures live, and its chapters in
//! the order SUMMARY.md gives them.

use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag};

use crate::chapter::{Chapter, LineIndex};
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

    pub fn read(&self, relative: &str) -> Result<String, Problems> {
        fs::read_to_string(self.path(relative))
            .map_err(|e| vec![Problem::io(Path::new(relative), "read it", e)])
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
        for (file, line) in listed {
            let path = format!("{CHAPTERS}/{file}");
            match fs::read_to_string(self.path(&path)) {
                Ok(source) => match Chapter::parse(&path, source) {
                    Ok(chapter) => chapters.push(chapter),
                    Err(found) => problems.extend(found),
                },
                Err(_) => problems.push(Problem::new(
                    SUMMARY,
                    line,
                    format!("links to `{file}`, which does not exist"),
                )),
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
