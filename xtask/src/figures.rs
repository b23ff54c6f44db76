//! Figures: each chapter crate with a `chNN-figures` binary draws its pictures into a folder;
//! the results are compared with, or written to, chapters/figures/.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::chapter::{Chapter, binary_prefix};
use crate::files;
use crate::grammar::{DEFAULT_TIMEOUT, Shown};
use crate::parallel;
use crate::problem::{Problem, Problems};
use crate::programs::{self, Failure, Origins};
use crate::project::{CRATES, FIGURES, Project};
use crate::tangle;

/// Where figures are drawn before they are compared or moved into place.
const SCRATCH: &str = "target/xtask/figures";

/// Every figure drawn now: file name → (its bytes, the chapter whose crate drew it).
pub struct Drawn(BTreeMap<String, (Vec<u8>, usize)>);

/// Runs every chapter's `figures` binary into a scratch folder.
pub fn draw(project: &Project, chapters: &[Chapter]) -> Result<Drawn, Problems> {
    let scratch = project.path(SCRATCH);
    let _ = fs::remove_dir_all(&scratch);
    let generated = tangle::generate(chapters).unwrap_or_default();
    let origins = Origins(&generated);
    // The chapters that have a figures program: `chNN-figures`, in `src/bin/chNN-figures.rs`.
    // Each with the chapter and line of the program's fence: a sub-chapter may hold it.
    let drawers: Vec<(usize, String, usize, usize)> = chapters
        .iter()
        .enumerate()
        .filter_map(|(index, chapter)| {
            let binary = format!("{}-figures", binary_prefix(&chapter.crate_name));
            let source = format!("src/bin/{binary}.rs");
            if !project.path(format!("{CRATES}/{}/{source}", chapter.crate_name)).exists() {
                return None;
            }
            let (holder, line) = chapters
                .iter()
                .enumerate()
                .find_map(|(i, c)| {
                    let mut fences = c.fences.iter();
                    fences
                        .find(|f| f.crate_name == chapter.crate_name && f.file == source)
                        .map(|f| (i, f.line))
                })
                .unwrap_or((index, 0));
            Some((index, binary, holder, line))
        })
        .collect();
    // One build for them all, then the programs side by side.
    let built = programs::build_all(project, &origins);
    let results = parallel::map(&drawers, |(index, binary, _, _)| {
        let chapter = &chapters[*index];
        let dir = scratch.join(&chapter.crate_name);
        let shown = Shown {
            package: Some(chapter.crate_name.clone()),
            bin: binary.clone(),
            release: false,
            args: vec![dir.to_string_lossy().into_owned()],
        };
        let command = format!("cargo run -p {} --bin {binary}", chapter.crate_name);
        fs::create_dir_all(&dir)
            .map_err(|e| vec![Failure::unplaced(format!("cannot create {}: {e}", dir.display()))])
            .and_then(|()| built.executable(binary))
            .and_then(|exe| {
                programs::run(project, &exe, &shown, &command, DEFAULT_TIMEOUT, false, &origins)
            })
            .map(|_| read_dir(&dir))
    });
    let mut drawn = BTreeMap::new();
    let mut problems = vec![];
    for ((index, _, holder, line), result) in drawers.iter().zip(results) {
        let holder = &chapters[*holder];
        let files = match result {
            Ok(files) => files,
            Err(failures) => {
                for mut failure in failures {
                    failure.message = format!("drawing the figures failed: {}", failure.message);
                    let problem = failure.problem(&holder.path, *line);
                    // One compile error can keep several chapters' programs unbuilt.
                    if !problems.contains(&problem) {
                        problems.push(problem);
                    }
                }
                continue;
            }
        };
        for (name, bytes) in files {
            if drawn.insert(name.clone(), (bytes, *index)).is_some() {
                problems.push(Problem::new(
                    &holder.path,
                    *line,
                    format!("another chapter also draws `{name}`"),
                ));
            }
        }
    }
    if problems.is_empty() { Ok(Drawn(drawn)) } else { Err(problems) }
}

/// Problems for every figure that is stale, missing, drawn by no chapter, or shown but never drawn.
pub fn check(project: &Project, chapters: &[Chapter], drawn: &Drawn) -> Problems {
    let mut problems = vec![];
    for (name, (bytes, index)) in &drawn.0 {
        let state = match fs::read(project.path(format!("{FIGURES}/{name}"))) {
            Ok(on_disk) if on_disk == *bytes => continue,
            Ok(_) => "is stale",
            Err(_) => "is missing",
        };
        let (chapter, line) = shown_at(chapters, name).unwrap_or((&chapters[*index].path, 0));
        problems.push(Problem::new(
            chapter,
            line,
            format!("{FIGURES}/{name} {state}: run `cargo xtask bless`"),
        ));
    }
    for name in orphans(project, drawn) {
        let message = "no chapter draws this figure: run `cargo xtask bless` to delete it";
        problems.push(Problem::new(format!("{FIGURES}/{name}"), 0, message));
    }
    for chapter in chapters {
        for image in &chapter.images {
            let name = image.target.strip_prefix("figures/");
            if name.is_some_and(|name| !drawn.0.contains_key(name)) {
                let message =
                    format!("shows `{}`, which no chapter's figures binary draws", image.target);
                problems.push(Problem::new(&chapter.path, image.line, message));
            }
        }
    }
    problems
}

/// Writes every figure that changed and deletes the ones no chapter draws.
pub fn write(project: &Project, drawn: &Drawn) -> Result<Vec<String>, Problems> {
    let mut touched = vec![];
    for (name, (bytes, _)) in &drawn.0 {
        let path = format!("{FIGURES}/{name}");
        if files::update(&project.path(&path), bytes)
            .map_err(|e| vec![Problem::io(Path::new(&path), "write it", e)])?
        {
            touched.push(path);
        }
    }
    for name in orphans(project, drawn) {
        let path = format!("{FIGURES}/{name}");
        fs::remove_file(project.path(&path))
            .map_err(|e| vec![Problem::io(Path::new(&path), "delete it", e)])?;
        touched.push(path);
    }
    Ok(touched)
}

/// The first chapter line that shows `figures/NAME`.
fn shown_at<'a>(chapters: &'a [Chapter], name: &str) -> Option<(&'a str, usize)> {
    chapters.iter().find_map(|chapter| {
        let image =
            chapter.images.iter().find(|i| i.target.strip_prefix("figures/") == Some(name))?;
        Some((chapter.path.as_str(), image.line))
    })
}

fn orphans(project: &Project, drawn: &Drawn) -> Vec<String> {
    read_dir(&project.path(FIGURES))
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| !drawn.0.contains_key(name))
        .collect()
}

/// The files directly in `dir` (not hidden ones), by name, sorted.
fn read_dir(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return vec![];
    };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(name, _)| !name.starts_with('.'))
        .filter_map(|(name, path)| fs::read(path).ok().map(|bytes| (name, bytes)))
        .collect();
    files.sort();
    files
}
