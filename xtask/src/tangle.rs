//! Tangling: the code fences of the chapters, joined per target file, become the crates'
//! source files. Each generated file starts with a header naming its chapters.

use std::fs;
use std::path::Path;

use crate::chapter::{Chapter, Fence};
use crate::files;
use crate::problem::{Problem, Problems};
use crate::project::{CRATES, Project};

/// What the header of every generated file contains, after its comment marker.
const MARK: &str = "Generated from chapters/";

/// A file the chapters generate, with the chapter line each of its lines came from.
#[derive(Debug)]
pub struct Generated {
    /// Relative to the project root, such as `crates/ch01-derivatives/src/main.rs`.
    pub path: String,
    pub text: String,
    /// `origins[i]` is the chapter file and line that line `i + 1` of `text` came from.
    pub origins: Vec<(String, usize)>,
    /// The exercises in the file, in order.
    pub holes: Vec<GeneratedHole>,
}

/// An exercise ([`crate::chapter::Hole`]) as it lies in a generated file.
#[derive(Debug, Clone)]
pub struct GeneratedHole {
    /// The chapter, and the line of its opening marker there.
    pub chapter: String,
    pub line: usize,
    pub hint: String,
    /// Indices in the file's lines of the opening and the closing marker.
    pub open: usize,
    pub close: usize,
}

/// Every file the chapters generate, as [`generate`] does, after refusing what tangling
/// must never do to the crates on disk: overwrite a file it did not generate, or delete
/// the crate of a chapter that is still in the book (an emptied chapter).
pub fn plan(project: &Project, chapters: &[Chapter]) -> Result<Vec<Generated>, Problems> {
    let generated = generate(chapters)?;
    let mut problems = vec![];
    for file in &generated {
        let path = project.path(&file.path);
        if path.exists() && !is_generated(&path) {
            let (chapter, line) = file.origins[0].clone();
            let message = format!(
                "{} is not a generated file (it has no `{MARK}` header): a fence may not overwrite it",
                file.path
            );
            problems.push(Problem::new(chapter, line, message));
        }
    }
    for orphan in orphans(project, generated.as_slice()) {
        if !orphan.ends_with("/Cargo.toml") {
            continue;
        }
        let header = fs::read_to_string(project.path(&orphan)).unwrap_or_default();
        for chapter in header_chapters(&header) {
            if chapters.iter().any(|c| c.path == chapter) {
                let message = format!(
                    "this chapter no longer generates {orphan}, so tangling would delete its crate: put its Cargo.toml fence back, or delete the crate's folder yourself if that is meant"
                );
                problems.push(Problem::new(chapter, 1, message));
            }
        }
    }
    if problems.is_empty() { Ok(generated) } else { Err(problems) }
}

/// The chapters a generated file's header names: `chapters/01-derivatives.md`, ….
fn header_chapters(text: &str) -> Vec<String> {
    let first = text.lines().next().unwrap_or("");
    let Some((_, rest)) = first.split_once(MARK) else {
        return vec![];
    };
    let list = rest.split(" by ").next().unwrap_or("");
    list.split(", ")
        .map(|name| format!("chapters/{}", name.trim_start_matches("chapters/")))
        .collect()
}

/// Every file the chapters generate, in the order the chapters first name them.
pub fn generate(chapters: &[Chapter]) -> Result<Vec<Generated>, Problems> {
    // Group the fences by target file, keeping the order in which files are first named.
    let mut targets: Vec<(String, Vec<(&Chapter, &Fence)>)> = vec![];
    let mut problems = vec![];
    for chapter in chapters {
        for fence in &chapter.fences {
            let path = format!("{CRATES}/{}/{}", fence.crate_name, fence.file);
            if let Some((other, fences)) =
                targets.iter().find(|(p, _)| *p != path && p.eq_ignore_ascii_case(&path))
            {
                let (first, at) = (&fences[0].0.path, fences[0].1.line);
                let message = format!(
                    "`{path}` and `{other}` ({first}:{at}) are one file where case does not count: spell it one way"
                );
                problems.push(Problem::new(&chapter.path, fence.line, message));
                continue;
            }
            match targets.iter_mut().find(|(p, _)| *p == path) {
                Some((_, fences)) => fences.push((chapter, fence)),
                None => targets.push((path, vec![(chapter, fence)])),
            }
        }
    }
    let mut out = vec![];
    for (path, fences) in targets {
        let (first_chapter, first_fence) = fences[0];
        let Some(marker) = comment_marker(&first_fence.file) else {
            let message = format!(
                "cannot tangle into `{}`: only .rs and .toml files get a generated header",
                first_fence.file
            );
            problems.push(Problem::new(&first_chapter.path, first_fence.line, message));
            continue;
        };
        let mut sources: Vec<&str> =
            fences.iter().map(|(c, _)| &c.path["chapters/".len()..]).collect();
        sources.dedup();
        let mut text = format!(
            "{marker} {MARK}{} by `cargo xtask tangle`: edit the chapter, not this file.\n",
            sources.join(", chapters/")
        );
        let mut origins = vec![(first_chapter.path.clone(), first_fence.line)];
        let mut holes = vec![];
        for (i, (chapter, fence)) in fences.into_iter().enumerate() {
            if i > 0 {
                text.push('\n');
                origins.push((chapter.path.clone(), fence.line));
            }
            let start = origins.len();
            holes.extend(fence.holes.iter().map(|hole| GeneratedHole {
                chapter: chapter.path.clone(),
                line: hole.line,
                hint: hole.hint.clone(),
                open: start + hole.open,
                close: start + hole.close,
            }));
            for (line, code) in &fence.lines {
                text.push_str(code);
                text.push('\n');
                origins.push((chapter.path.clone(), *line));
            }
        }
        out.push(Generated { path, text, origins, holes });
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

/// Problems if any generated file on disk differs from what the chapters generate now,
/// or if a generated file on disk is no longer generated by any chapter.
pub fn check(project: &Project, generated: &[Generated]) -> Problems {
    let mut problems = vec![];
    for file in generated {
        let on_disk = fs::read_to_string(project.path(&file.path)).unwrap_or_default();
        if on_disk == file.text {
            continue;
        }
        let differing = file.text.lines().zip(on_disk.lines()).take_while(|(a, b)| a == b).count();
        let (chapter, line) =
            file.origins.get(differing).or(file.origins.last()).cloned().unwrap_or_default();
        let state = if on_disk.is_empty() {
            "is missing".to_string()
        } else {
            format!("is stale (line {} differs)", differing + 1)
        };
        problems.push(Problem::new(
            chapter,
            line,
            format!("{} {state}: run `cargo xtask bless`", file.path),
        ));
    }
    for orphan in orphans(project, generated) {
        problems.push(Problem::new(
            orphan,
            1,
            "no chapter generates this file any more: run `cargo xtask bless` to delete it",
        ));
    }
    problems
}

/// Writes every generated file that changed and deletes orphans; returns the paths touched.
pub fn write(project: &Project, generated: &[Generated]) -> Result<Vec<String>, Problems> {
    let mut touched = vec![];
    for file in generated {
        let path = project.path(&file.path);
        if files::update(&path, file.text.as_bytes())
            .map_err(|e| vec![Problem::io(Path::new(&file.path), "write it", e)])?
        {
            touched.push(file.path.clone());
        }
    }
    for orphan in orphans(project, generated) {
        fs::remove_file(project.path(&orphan))
            .map_err(|e| vec![Problem::io(Path::new(&orphan), "delete it", e)])?;
        touched.push(orphan);
    }
    Ok(touched)
}

/// The comment that starts a generated file's header, chosen by its extension.
fn comment_marker(file: &str) -> Option<&'static str> {
    match Path::new(file).extension()?.to_str()? {
        "rs" => Some("//"),
        "toml" => Some("#"),
        _ => None,
    }
}

/// Files under crates/ that carry the generated header but that no chapter generates now.
fn orphans(project: &Project, generated: &[Generated]) -> Vec<String> {
    let mut found = vec![];
    let mut dirs = vec![CRATES.to_string()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = fs::read_dir(project.path(&dir)) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for name in names {
            let path = format!("{dir}/{name}");
            let full = project.path(&path);
            if full.is_dir() {
                if name != "target" && name != "snapshots" {
                    dirs.push(path);
                }
            } else if is_generated(&full) && !generated.iter().any(|g| g.path == path) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn is_generated(path: &Path) -> bool {
    let Ok(text) = fs::read_to_string(path) else {
        return false;
    };
    let first = text.lines().next().unwrap_or("");
    ["// ", "# "]
        .iter()
        .any(|marker| first.strip_prefix(marker).is_some_and(|rest| rest.starts_with(MARK)))
}
