//! Tangling: the code fences of the chapters, joined per target file, become the crates'
//! source files. Each generated file starts with a header naming its chapters and holding
//! a hash of the lines below it, as written: a file whose lines still match that hash is
//! the tool's own and may be rewritten when its chapter changes; one that does not was
//! edited by a reader, and is only overwritten when they say so (`--force`).

use std::fs;
use std::path::Path;

use crate::chapter::{Chapter, Fence};
use crate::files;
use crate::problem::{Problem, Problems};
use crate::project::{CRATES, Project};

/// What the header of every generated file contains, after its comment marker.
const MARK: &str = "Generated from chapters/";
/// What ends the header, before the hash of the lines below it.
const HASH: &str = "Hash of the lines below: ";

/// Whether writing may overwrite a generated file a reader has edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edits {
    /// Refuse, naming the file and the chapter line to move the change to.
    Keep,
    /// Overwrite: the reader asked for it with `--force`.
    Discard,
}

/// A generated file on disk, compared with what its chapters generate now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Missing,
    Current,
    /// As the tool last wrote it, from an older version of its chapters.
    Stale,
    /// Changed since the tool wrote it (its lines no longer match its header's hash).
    Edited,
    /// Not a generated file at all: no header.
    Foreign,
}

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
        if state(project, &file.path, &file.text) == State::Foreign {
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
                "cannot tangle into `{}`: only .rs, .toml and .js files get a generated header",
                first_fence.file
            );
            problems.push(Problem::new(&first_chapter.path, first_fence.line, message));
            continue;
        };
        let mut sources: Vec<&str> =
            fences.iter().map(|(c, _)| &c.path["chapters/".len()..]).collect();
        sources.dedup();
        let mut body = String::new();
        // Line 1, the header, is blamed on the first fence.
        let mut origins = vec![(first_chapter.path.clone(), first_fence.line)];
        let mut holes = vec![];
        for (i, (chapter, fence)) in fences.into_iter().enumerate() {
            if i > 0 {
                body.push('\n');
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
                body.push_str(code);
                body.push('\n');
                origins.push((chapter.path.clone(), *line));
            }
        }
        let text = format!(
            "{marker} {MARK}{} by `cargo xtask tangle`: edit the chapter, not this file. {HASH}{:016x}\n{body}",
            sources.join(", chapters/"),
            fnv1a(&body)
        );
        out.push(Generated { path, text, origins, holes });
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

/// Problems if any generated file on disk differs from what the chapters generate now,
/// saying whether the chapter changed (stale) or the file was edited, or if a generated
/// file on disk is no longer generated by any chapter.
pub fn check(project: &Project, generated: &[Generated]) -> Problems {
    let mut problems = vec![];
    for file in generated {
        let (chapter, line, differing) = first_difference(project, file);
        let message = match state(project, &file.path, &file.text) {
            State::Current | State::Foreign => continue,
            State::Missing => format!("{} is missing: run `cargo xtask bless`", file.path),
            State::Stale => format!(
                "{} is stale (line {differing} differs): run `cargo xtask bless`",
                file.path
            ),
            State::Edited => {
                edited(&file.path, differing, "or throw it away with `cargo xtask tangle --force`")
            }
        };
        problems.push(Problem::new(chapter, line, message));
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

/// What to say of a generated file that was edited by hand; `or` says how to discard it.
fn edited(path: &str, differing: usize, or: &str) -> String {
    format!(
        "{path} was edited by hand (its line {differing} differs from this chapter line): to keep your change, make it in the chapter here, {or}"
    )
}

/// The chapter line that the first line where `file` differs on disk came from, and the
/// number of that line in the file.
fn first_difference(project: &Project, file: &Generated) -> (String, usize, usize) {
    let on_disk = fs::read_to_string(project.path(&file.path)).unwrap_or_default();
    // The header's hash differs whenever anything below it does: look below it first.
    let (ours, theirs) = (file.text.lines().skip(1), on_disk.lines().skip(1));
    let differing = match ours.clone().eq(theirs.clone()) {
        true => 0,
        false => 1 + ours.zip(theirs).take_while(|(a, b)| a == b).count(),
    };
    let (chapter, line) =
        file.origins.get(differing).or(file.origins.last()).cloned().unwrap_or_default();
    (chapter, line, differing + 1)
}

/// What [`write`] did, kept so that it can be undone.
pub struct Written {
    /// The files written or deleted, relative to the project root.
    pub touched: Vec<String>,
    /// Each touched file's bytes before, `None` if it did not exist.
    before: Vec<(String, Option<Vec<u8>>)>,
}

impl Written {
    /// Puts every touched file back as it was, and removes folders left empty.
    pub fn undo(&self, project: &Project) -> Result<(), Problems> {
        for (path, bytes) in &self.before {
            let full = project.path(path);
            let result = match bytes {
                Some(bytes) => files::write_atomic(&full, bytes),
                None => fs::remove_file(&full),
            };
            result.map_err(|e| vec![Problem::io(Path::new(path), "put it back", e)])?;
            // A new crate's folder, emptied, would break the workspace's `crates/*`.
            let mut dir = full.parent();
            while let Some(folder) = dir.filter(|d| *d != project.path(CRATES)) {
                if fs::remove_dir(folder).is_err() {
                    break;
                }
                dir = folder.parent();
            }
        }
        Ok(())
    }
}

/// Writes every generated file that changed and deletes orphans; returns what it did.
/// Unless `edits` is [`Edits::Discard`], refuses before writing anything if a file to
/// write or delete was edited by hand.
pub fn write(
    project: &Project,
    generated: &[Generated],
    edits: Edits,
) -> Result<Written, Problems> {
    let orphans = orphans(project, generated);
    if edits == Edits::Keep {
        let or = "or run the command again with `--force` to throw it away";
        let mut problems = vec![];
        for file in generated {
            if state(project, &file.path, &file.text) == State::Edited {
                let (chapter, line, differing) = first_difference(project, file);
                problems.push(Problem::new(chapter, line, edited(&file.path, differing, or)));
            }
        }
        for orphan in &orphans {
            let text = fs::read_to_string(project.path(orphan)).unwrap_or_default();
            if header_state(&text) == State::Edited {
                let message = format!(
                    "no chapter generates this file any more, but it was edited by hand: delete it yourself, {or}"
                );
                problems.push(Problem::new(orphan, 1, message));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
    }
    let mut written = Written { touched: vec![], before: vec![] };
    let result = write_all(project, generated, &orphans, &mut written);
    match result {
        Ok(()) => Ok(written),
        Err(problems) => {
            written.undo(project)?;
            Err(problems)
        }
    }
}

fn write_all(
    project: &Project,
    generated: &[Generated],
    orphans: &[String],
    written: &mut Written,
) -> Result<(), Problems> {
    for file in generated {
        let path = project.path(&file.path);
        let before = fs::read(&path).ok();
        if before.as_deref() == Some(file.text.as_bytes()) {
            continue;
        }
        files::write_atomic(&path, file.text.as_bytes())
            .map_err(|e| vec![Problem::io(Path::new(&file.path), "write it", e)])?;
        written.touched.push(file.path.clone());
        written.before.push((file.path.clone(), before));
    }
    for orphan in orphans {
        let path = project.path(orphan);
        let before = fs::read(&path).ok();
        fs::remove_file(&path).map_err(|e| vec![Problem::io(Path::new(orphan), "delete it", e)])?;
        written.touched.push(orphan.clone());
        written.before.push((orphan.clone(), before));
    }
    Ok(())
}

/// How the file at `path` compares with `generated`, what its chapters generate now.
pub fn state(project: &Project, path: &str, generated: &str) -> State {
    match fs::read_to_string(project.path(path)) {
        Ok(on_disk) if on_disk == generated => State::Current,
        // An edit that the chapter now makes too loses nothing when the file is rewritten.
        Ok(on_disk) if below_header(&on_disk) == below_header(generated) => State::Stale,
        Ok(on_disk) => header_state(&on_disk),
        Err(_) if project.path(path).exists() => State::Foreign,
        Err(_) => State::Missing,
    }
}

/// Whether `text` is a generated file as the tool wrote it ([`State::Stale`]), a generated
/// file edited since ([`State::Edited`]), or no generated file ([`State::Foreign`]).
fn header_state(text: &str) -> State {
    let header = text.lines().next().unwrap_or("");
    let Some(rest) = ["// ", "# "].iter().find_map(|marker| header.strip_prefix(marker)) else {
        return State::Foreign;
    };
    if !rest.starts_with(MARK) {
        return State::Foreign;
    }
    // A checkout that turned line ends into CRLF has not edited anything.
    let body = below_header(text);
    match rest.rsplit_once(HASH) {
        Some((_, hash)) if hash.trim_end() == format!("{:016x}", fnv1a(&body)) => State::Stale,
        _ => State::Edited,
    }
}

/// The lines of a generated file below its header, with line ends as `\n`.
fn below_header(text: &str) -> String {
    text.split_once('\n').map_or("", |(_, body)| body).replace("\r\n", "\n")
}

/// FNV-1a, 64 bits: the same on every platform and Rust version, unlike std's hasher. It
/// tells a reader's edit from the tool's own writing; it is no defence against forgery.
pub fn fnv1a(text: impl AsRef<[u8]>) -> u64 {
    text.as_ref().iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x100_0000_01b3)
    })
}

/// The comment that starts a generated file's header, chosen by its extension.
fn comment_marker(file: &str) -> Option<&'static str> {
    match Path::new(file).extension()?.to_str()? {
        "rs" | "js" => Some("//"),
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
            } else if is_generated(project, &path) && !generated.iter().any(|g| g.path == path) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn is_generated(project: &Project, path: &str) -> bool {
    fs::read_to_string(project.path(path)).is_ok_and(|text| header_state(&text) != State::Foreign)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A generated file as `generate` writes it, with `body` below its header.
    fn written(body: &str) -> String {
        format!(
            "// {MARK}01-a.md by `cargo xtask tangle`: edit it there. {HASH}{:016x}\n{body}",
            fnv1a(body)
        )
    }

    #[test]
    fn the_hash_tells_the_tools_writing_from_an_edit() {
        let file = written("fn main() {}\n");
        assert_eq!(header_state(&file), State::Stale);
        assert_eq!(header_state(&file.replace("main", "mine")), State::Edited);
        assert_eq!(header_state(&file.replace('\n', "\r\n")), State::Stale, "CRLF is no edit");
        // A header without a hash, as older versions of the tool wrote, could hide an edit.
        assert_eq!(header_state(&format!("// {MARK}01-a.md\nfn main() {{}}\n")), State::Edited);
        assert_eq!(header_state("fn main() {}\n"), State::Foreign);
    }

    #[test]
    fn the_hash_is_fnv1a() {
        // The published test vectors of 64-bit FNV-1a.
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a("foobar"), 0x8594_4171_f739_67e8);
    }
}
