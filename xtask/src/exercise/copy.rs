//! A copy of a chapter's crates, made from the generated files and the crates' other
//! files, and written to disk: whole for the reader, changed files only for `verify`.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use super::holes::{Mode, apply, holes};
use super::manifest::workspace_manifest;
use crate::chapter::Chapter;
use crate::files;
use crate::problem::{Problem, Problems};
use crate::project::{CRATES, Project};
use crate::tangle::{Generated, GeneratedHole};

/// The crates a chapter writes into: its own first, then others in the order it names them.
/// A section whose code all goes into other crates (as 6.1's into chapter 6's) has no crate
/// of its own.
pub fn crates(chapter: &Chapter) -> Vec<String> {
    let own = chapter.fences.iter().any(|fence| fence.crate_name == chapter.crate_name);
    let mut crates: Vec<String> = own.then(|| chapter.crate_name.clone()).into_iter().collect();
    for fence in &chapter.fences {
        if !crates.contains(&fence.crate_name) {
            crates.push(fence.crate_name.clone());
        }
    }
    crates
}

/// A copy of a chapter's crates, as files relative to the copy's folder, with the holes'
/// places in it (number, file, line).
pub struct ExerciseCopy {
    pub files: Vec<(String, Vec<u8>)>,
    pub places: Vec<(usize, String, usize)>,
}

/// Where a copy goes, and where it builds.
pub struct Place<'a> {
    /// The copy's folder, relative to the project root.
    pub dir: &'a str,
    /// The folder under which it builds, relative to the project root.
    pub target: &'a str,
    /// Whether its crates sit in a folder named after the chapter, as `ch06-more-ops/micrograd`,
    /// rather than at its top, as `micrograd`.
    pub nested: bool,
}

/// The copy of `chapter`'s crates that goes where `place` says.
pub fn copy(
    project: &Project,
    chapters: &[Chapter],
    chapter: &Chapter,
    generated: &[Generated],
    mode: Mode,
    place: &Place,
) -> Result<ExerciseCopy, Problems> {
    let up = vec![".."; place.dir.split('/').count()].join("/");
    let crates = crates(chapter);
    let folder = |name: &str| match place.nested {
        true => format!("{}/{name}", chapter.crate_name),
        false => name.to_string(),
    };
    let numbered: Vec<(usize, &GeneratedHole)> =
        holes(chapter, generated).into_iter().enumerate().map(|(i, h)| (i + 1, h)).collect();
    let mut out = ExerciseCopy { files: vec![], places: vec![] };
    for name in &crates {
        let prefix = format!("{CRATES}/{name}/");
        let mut written = BTreeSet::new();
        for file in generated.iter().filter(|g| g.path.starts_with(&prefix)) {
            let relative = format!("{}/{}", folder(name), &file.path[prefix.len()..]);
            let here: Vec<(usize, &GeneratedHole)> = numbered
                .iter()
                .filter(|(_, hole)| file.holes.iter().any(|h| std::ptr::eq(h, *hole)))
                .copied()
                .collect();
            let (text, places) = apply(&file.text, &here, mode);
            out.places.extend(places.into_iter().map(|(n, line)| (n, relative.clone(), line)));
            out.files.push((relative, text.into_bytes()));
            written.insert(file.path.clone());
        }
        for path in crate_files(project, &format!("{CRATES}/{name}"))? {
            if written.contains(&path) {
                continue;
            }
            let bytes = fs::read(project.path(&path))
                .map_err(|e| vec![Problem::io(Path::new(&path), "read it", e)])?;
            out.files.push((format!("{}/{}", folder(name), &path[prefix.len()..]), bytes));
        }
    }
    let manifests: Vec<String> = out
        .files
        .iter()
        .filter(|(path, _)| path.ends_with("/Cargo.toml"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .collect();
    let root = project.read("Cargo.toml")?;
    let manifest = workspace_manifest(&root, &crates, &folder, &manifests, &up, chapter)
        .map_err(|message| vec![Problem::new("Cargo.toml", 0, message)])?;
    out.files.push(("Cargo.toml".into(), manifest.into_bytes()));
    let lock = fs::read(project.path("Cargo.lock"))
        .map_err(|e| vec![Problem::io(Path::new("Cargo.lock"), "read it", e)])?;
    out.files.push(("Cargo.lock".into(), lock));
    // Cargo tells a path package's builds apart by its path inside its workspace, so two
    // copies that hold a crate of one name at one place (micrograd, in chapters 6 and 8)
    // must not build into one folder: unless the crates are nested in a folder named after
    // the chapter, the later one gets a folder of its own. Every other copy shares one, and
    // with it the builds of the dependencies.
    let earlier = chapters.iter().take_while(|c| c.path != chapter.path);
    let clashes = !place.nested
        && earlier
            .filter(|c| !holes(c, generated).is_empty())
            .any(|c| self::crates(c).iter().any(|name| crates.contains(name)));
    let target = match clashes {
        false => format!("{}/shared", place.target),
        true => format!("{}/{}", place.target, chapter.crate_name),
    };
    let config = format!(
        "# Exercise copies share the folder they build into when they can, so that\n# dependencies compile once.\n[build]\ntarget-dir = \"{up}/{target}\"\n"
    );
    out.files.push((".cargo/config.toml".into(), config.into_bytes()));
    out.places.sort();
    Ok(out)
}

/// Every file of the crate folder `dir`, as paths relative to the project root, but build
/// output and pending snapshots.
fn crate_files(project: &Project, dir: &str) -> Result<Vec<String>, Problems> {
    let mut found = vec![];
    let mut dirs = vec![dir.to_string()];
    while let Some(dir) = dirs.pop() {
        let entries = fs::read_dir(project.path(&dir))
            .map_err(|e| vec![Problem::io(Path::new(&dir), "list it", e)])?;
        for entry in entries.filter_map(|e| e.ok()) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = format!("{dir}/{name}");
            if entry.path().is_dir() {
                if name != "target" {
                    dirs.push(path);
                }
            } else if !name.ends_with(".snap.new") && !name.ends_with(".pending-snap") {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Writes `files` as the folder `dir`, replacing it whole: into a new folder beside it,
/// which then takes its place, so an interrupted write leaves the old folder or the new one.
pub fn replace_dir(
    project: &Project,
    dir: &str,
    files: &[(String, Vec<u8>)],
) -> Result<(), Problems> {
    let (parent, name) = dir.rsplit_once('/').unwrap_or((".", dir));
    let fresh = format!("{parent}/.{name}.xtask-tmp");
    let old = format!("{parent}/.{name}.xtask-old");
    let io = |path: &str, action: &str| {
        let path = path.to_string();
        let action = action.to_string();
        move |e| vec![Problem::io(Path::new(&path), &action, e)]
    };
    for stale in [&fresh, &old] {
        if project.path(stale).exists() {
            fs::remove_dir_all(project.path(stale)).map_err(io(stale, "delete it"))?;
        }
    }
    for (path, bytes) in files {
        let path = format!("{fresh}/{path}");
        files::write_atomic(&project.path(&path), bytes).map_err(io(&path, "write it"))?;
    }
    if project.path(dir).exists() {
        fs::rename(project.path(dir), project.path(&old)).map_err(io(dir, "move it aside"))?;
    }
    fs::rename(project.path(&fresh), project.path(dir)).map_err(io(dir, "write it"))?;
    if project.path(&old).exists() {
        fs::remove_dir_all(project.path(&old)).map_err(io(&old, "delete it"))?;
    }
    Ok(())
}

/// Makes the folder `dir` hold exactly `files`, writing only those that changed, so that
/// cargo rebuilds only what changed.
pub fn sync_dir(project: &Project, dir: &str, files: &[(String, Vec<u8>)]) -> Result<(), Problems> {
    let mut wanted = BTreeSet::new();
    for (path, bytes) in files {
        let path = format!("{dir}/{path}");
        files::update(&project.path(&path), bytes)
            .map_err(|e| vec![Problem::io(Path::new(&path), "write it", e)])?;
        wanted.insert(path);
    }
    if let Ok(on_disk) = crate_files(project, dir) {
        for path in on_disk.into_iter().filter(|p| !wanted.contains(p)) {
            // Cargo rewrites a copy's Cargo.lock; everything else stray goes.
            fs::remove_file(project.path(&path))
                .map_err(|e| vec![Problem::io(Path::new(&path), "delete it", e)])?;
        }
    }
    Ok(())
}
