//! Exercises: a chapter marks the lines that are its lesson (see [`crate::chapter::Hole`]),
//! and `cargo xtask exercise chNN` writes a copy of the chapter's crates in which each
//! marked part is `todo!("HINT")`, for the reader to fill in; `--check` runs the chapter's
//! tests on the copy and says, test by test, what passes. `verify` checks that every
//! exercise is worth doing: the copy with every hole compiles, and each hole alone makes a
//! test fail.
//!
//! A copy is a small workspace of its own, `exercises/chNN-slug/`: the crates the chapter
//! writes into (micrograd too, for chapters 6 and 8), a manifest that is the project's with
//! paths rewritten, and the project's `Cargo.lock`, so it builds the same versions. It
//! builds into a folder under `target/exercises/`, shared by the copies when it can be, so
//! that dependencies compile once.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::Value;
use toml_edit::{Array, DocumentMut, Item, Table, TableLike};

use crate::chapter::Chapter;
use crate::files;
use crate::problem::{Problem, Problems};
use crate::process::{self, Ended, Limits};
use crate::project::{CRATES, Project};
use crate::tangle::{Generated, GeneratedHole};

/// Where the reader's copies go (git-ignored).
pub const EXERCISES: &str = "exercises";
/// Where the reader's copies build.
const READER_TARGET: &str = "target/exercises";
/// Where `verify` writes and builds its own copies.
const CHECK_DIR: &str = "target/exercise-check";
/// The variable that opens one hole of a guarded copy (see [`Mode::Guarded`]).
const HOLE_VARIABLE: &str = "EXERCISE_HOLE";
/// How long one run of a chapter's tests, or one build, may take.
const LIMITS: Limits = Limits { time: Duration::from_secs(1800), output: 64 << 20 };

/// How a copy treats the chapter's holes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Each hole's lines become `todo!("HINT");`: the reader's copy.
    Holed,
    /// Each hole's lines stay, after `if exercise_hole(N) { todo!("HINT") }`: one build in
    /// which any one hole can be opened at run time, by setting `EXERCISE_HOLE=N`. Hole N
    /// then panics exactly where the holed copy's `todo!` would, and before any of its lines
    /// has run, so each test fails or passes as it would with that hole alone left open.
    Guarded,
}

/// A chapter's holes, numbered from 1 in the chapter's order.
pub fn holes<'a>(chapter: &Chapter, generated: &'a [Generated]) -> Vec<&'a GeneratedHole> {
    let mut holes: Vec<&GeneratedHole> = generated
        .iter()
        .flat_map(|g| g.holes.iter())
        .filter(|hole| hole.chapter == chapter.path)
        .collect();
    holes.sort_by_key(|hole| hole.line);
    holes
}

/// The chapter that `name` names: `ch04`, `04`, `4` or `ch04-autograd`.
pub fn find<'a>(chapters: &'a [Chapter], name: &str) -> Result<&'a Chapter, String> {
    let number = name.strip_prefix("ch").unwrap_or(name);
    let (digits, slug) = number.split_once('-').unwrap_or((number, ""));
    let found = digits.parse::<u32>().ok().and_then(|wanted| {
        chapters.iter().find(|chapter| {
            let (chapter_digits, chapter_slug) =
                chapter.crate_name["ch".len()..].split_once('-').unwrap_or_default();
            chapter_digits.parse::<u32>().ok() == Some(wanted)
                && (slug.is_empty() || slug == chapter_slug)
                && !chapter.path.contains("/appendix-")
        })
    });
    found.ok_or_else(|| format!("there is no chapter `{name}`: name one as `ch04`"))
}

/// The crates a chapter writes into: its own first, then others in the order it names them.
pub fn crates(chapter: &Chapter) -> Vec<String> {
    let mut crates = vec![chapter.crate_name.clone()];
    for fence in &chapter.fences {
        if !crates.contains(&fence.crate_name) {
            crates.push(fence.crate_name.clone());
        }
    }
    crates
}

/// A generated file with the chapter's holes treated as `mode` says; with each hole's
/// number and the line (from 1) of its `todo!` in the result.
pub fn apply(
    text: &str,
    holes: &[(usize, &GeneratedHole)],
    mode: Mode,
) -> (String, Vec<(usize, usize)>) {
    let lines: Vec<&str> = text.lines().collect();
    let (mut out, mut places) = (vec![], vec![]);
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        out.push(line.to_string());
        if let Some((number, hole)) = holes.iter().find(|(_, hole)| hole.open == i) {
            let indent = &line[..line.len() - line.trim_start().len()];
            let todo = format!("todo!({})", literal(&hole.hint));
            match mode {
                Mode::Holed => {
                    out.push(format!("{indent}{todo};"));
                    places.push((*number, out.len()));
                    i = hole.close;
                    out.push(lines[i].to_string());
                }
                Mode::Guarded => {
                    out.push(format!("{indent}if exercise_hole({number}) {{ {todo} }}"));
                    places.push((*number, out.len()));
                }
            }
        }
        i += 1;
    }
    if mode == Mode::Guarded && !places.is_empty() {
        out.push(String::new());
        out.push(GUARD.trim_end().to_string());
    }
    let mut text = out.join("\n");
    text.push('\n');
    (text, places)
}

/// The function a guarded file gets: is hole `n` the one `EXERCISE_HOLE` opens?
const GUARD: &str = r#"/// Added by `cargo xtask verify`: is hole `n` the one EXERCISE_HOLE opens?
#[allow(dead_code)]
fn exercise_hole(n: usize) -> bool {
    static OPEN: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let open = OPEN.get_or_init(|| {
        let open = std::env::var("EXERCISE_HOLE").ok();
        open.and_then(|n| n.parse().ok()).unwrap_or(0)
    });
    *open == n
}
"#;

/// A string literal for `todo!`, whose first argument is a format string: braces doubled.
fn literal(hint: &str) -> String {
    format!("{:?}", hint.replace('{', "{{").replace('}', "}}"))
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

/// The copy's workspace manifest: the project's, with the copy's crates as members, paths
/// to the other crates leading back to the project, and the profile settings of packages
/// the copy does not use left out (cargo warns about them). `manifests` are the copy's
/// crates' own manifests, which say what else it uses.
fn workspace_manifest(
    root: &str,
    crates: &[String],
    folder: &dyn Fn(&str) -> String,
    manifests: &[String],
    up: &str,
    chapter: &Chapter,
) -> Result<String, String> {
    let mut used: BTreeSet<String> = crates.iter().cloned().collect();
    for manifest in manifests {
        let manifest: DocumentMut =
            manifest.parse().map_err(|e: toml_edit::TomlError| format!("a crate's {e}"))?;
        used.extend(dependencies(manifest.as_table()));
    }
    let mut doc: DocumentMut = root.parse().map_err(|e: toml_edit::TomlError| e.to_string())?;
    let workspace = table_mut(doc.as_table_mut(), "workspace");
    let Some(workspace) = workspace.filter(|w| w.contains_key("members")) else {
        return Err(
            "the workspace manifest has no `workspace.members` for an exercise copy to rewrite"
                .into(),
        );
    };
    workspace
        .insert("members", toml_edit::value(crates.iter().map(|c| folder(c)).collect::<Array>()));
    let dependencies = table_mut(workspace, "dependencies");
    for (_, dependency) in dependencies.into_iter().flat_map(|t| t.iter_mut()) {
        let path = dependency.as_table_like_mut().and_then(|d| d.get_mut("path"));
        let Some(path) = path.and_then(Item::as_value_mut) else {
            continue;
        };
        let Some(name) = path.as_str().and_then(|p| p.strip_prefix(&format!("{CRATES}/"))) else {
            continue;
        };
        let rewritten = match crates.iter().any(|c| c == name) {
            true => folder(name),
            false => format!("{up}/{CRATES}/{name}"),
        };
        let decor = path.decor().clone();
        *path = rewritten.into();
        *path.decor_mut() = decor;
    }
    // A profile's settings for one package, `[profile.dev.package.NAME]`, go with the package.
    let profiles = table_mut(doc.as_table_mut(), "profile");
    for (_, profile) in profiles.into_iter().flat_map(|t| t.iter_mut()) {
        let Some(packages) = profile.as_table_like_mut().and_then(|p| table_mut(p, "package"))
        else {
            continue;
        };
        let unused: Vec<String> = packages
            .iter()
            .map(|(name, _)| name.to_string())
            .filter(|name| name != "*" && !used.contains(name))
            .collect();
        for name in unused {
            packages.remove(&name);
        }
    }
    Ok(format!(
        "# The exercise copy of {}, written by `cargo xtask exercise`.\n{doc}",
        chapter.path
    ))
}

/// The table under `key` in `table`, if there is one (unlike indexing, adds none).
fn table_mut<'a>(table: &'a mut dyn TableLike, key: &str) -> Option<&'a mut dyn TableLike> {
    table.get_mut(key).and_then(Item::as_table_like_mut)
}

/// The names of the packages a crate's manifest depends on, of every kind and target.
fn dependencies(manifest: &Table) -> Vec<String> {
    let kinds = ["dependencies", "dev-dependencies", "build-dependencies"];
    let targets = manifest.get("target").and_then(Item::as_table_like);
    let tables = std::iter::once(manifest as &dyn TableLike)
        .chain(targets.into_iter().flat_map(|t| t.iter().filter_map(|(_, t)| t.as_table_like())));
    let mut names = vec![];
    for table in tables {
        for kind in kinds {
            if let Some(list) = table.get(kind).and_then(Item::as_table_like) {
                // A dependency renamed in the manifest names its package in `package`.
                names.extend(list.iter().map(|(key, dependency)| {
                    let package = dependency.get("package").and_then(Item::as_str);
                    package.unwrap_or(key).to_string()
                }));
            }
        }
    }
    names
}

/// `cargo xtask exercise CHAPTER [--force]`: writes the reader's copy.
pub fn write(project: &Project, name: &str, force: bool) -> Result<(), Problems> {
    let (chapters, generated) = read(project)?;
    let chapter = with_exercises(&chapters, &generated, name)?;
    let dir = format!("{EXERCISES}/{}", chapter.crate_name);
    if project.path(&dir).exists() && !force {
        return Err(one(format!(
            "{dir} exists already and may hold your work: give `--force` to replace it with a fresh copy (your changes there are lost)"
        )));
    }
    let place = Place { dir: &dir, target: READER_TARGET, nested: false };
    let written = copy(project, &chapters, chapter, &generated, Mode::Holed, &place)?;
    replace_dir(project, &dir, &written.files)?;
    let short = short_name(chapter);
    println!(
        "Wrote {dir}/: the code of {}, with {} exercises, each a `todo!()`:",
        title(chapter),
        written.places.len()
    );
    let holes = holes(chapter, &generated);
    for (number, file, line) in &written.places {
        println!("  {dir}/{file}:{line}  {}", holes[number - 1].hint);
    }
    println!("Fill them in, then check your code against the chapter's tests with");
    println!("  cargo xtask exercise {short} --check");
    println!("(Each `todo!` names what goes there; the chapter explains it.)");
    Ok(())
}

/// `cargo xtask exercise CHAPTER --check`: runs the chapter's tests on the reader's copy.
pub fn check(project: &Project, name: &str) -> Result<(), Problems> {
    let (chapters, generated) = read(project)?;
    let chapter = with_exercises(&chapters, &generated, name)?;
    let short = short_name(chapter);
    let dir = format!("{EXERCISES}/{}", chapter.crate_name);
    if !project.path(&dir).is_dir() {
        return Err(one(format!(
            "there is no copy of chapter {} to check yet: write one with `cargo xtask exercise {short}`",
            number(chapter)
        )));
    }
    println!("Running the tests of {} on your code in {dir}/", title(chapter));
    println!("(the first run compiles the dependencies too, which takes a minute or two)");
    let mut test = cargo_in(&project.path(&dir), "test", &["--no-fail-fast"]);
    test.env("INSTA_UPDATE", "no").env("CARGO_TERM_COLOR", "never");
    let printed = match process::run(test, LIMITS, true) {
        Ok(Ended::Exited { stdout, .. }) => stdout,
        Ok(_) => return Err(one("the tests took too long or printed too much: stopped".into())),
        Err(e) => return Err(one(format!("cannot start cargo: {e}"))),
    };
    let results = parse_tests(&printed);
    if results.is_empty() {
        if !printed.lines().any(|l| l.starts_with("error")) {
            return Err(one("the copy has no tests to run".into()));
        }
        println!("Your code does not compile yet. The compiler says:\n");
        println!("{}", compile_errors(&printed));
        return Err(one("the copy does not compile".into()));
    }
    let mut results = results;
    results.sort_by(|a, b| a.name.cmp(&b.name));
    let failed: Vec<&TestResult> = results.iter().filter(|r| !r.passed).collect();
    for result in &results {
        let verdict = if result.passed { "passed" } else { "FAILED" };
        println!("  {verdict}  {}", result.name);
        if !result.passed {
            for line in explain(&result.message, &project.path(&dir)) {
                println!("            {line}");
            }
        }
    }
    let total = results.len();
    if failed.is_empty() {
        let all =
            if total == 1 { "The test passes".into() } else { format!("All {total} tests pass") };
        println!("{all}: the exercises of chapter {} are done.", number(chapter));
        match next_chapter(&chapters, chapter) {
            Some(next) => println!("Next, read {}: {}.", title(next), next.path),
            None => println!("That was the last chapter with exercises."),
        }
        Ok(())
    } else {
        println!(
            "{} of {total} tests pass. Fix the first failing one; `cargo test` in {dir}/ shows everything.",
            total - failed.len()
        );
        Err(one(format!("{} of {total} tests fail", failed.len())))
    }
}

/// The chapters and their generated files, which every copy is made from.
fn read(project: &Project) -> Result<(Vec<Chapter>, Vec<Generated>), Problems> {
    let chapters = project.chapters()?;
    let generated = crate::tangle::generate(&chapters)?;
    Ok((chapters, generated))
}

fn with_exercises<'a>(
    chapters: &'a [Chapter],
    generated: &[Generated],
    name: &str,
) -> Result<&'a Chapter, Problems> {
    let chapter = find(chapters, name).map_err(one)?;
    if holes(chapter, generated).is_empty() {
        let with: Vec<String> = chapters
            .iter()
            .filter(|c| !holes(c, generated).is_empty())
            .map(|c| number(c).to_string())
            .collect();
        let with = match with.split_last() {
            Some((last, [])) => format!("only chapter {last} has"),
            Some((last, rest)) => format!("chapters {} and {last} have", rest.join(", ")),
            None => "no chapter has".into(),
        };
        return Err(one(format!("chapter {} has no exercises; {with} them", number(chapter))));
    }
    Ok(chapter)
}

fn one(message: String) -> Problems {
    vec![Problem::new("cargo xtask exercise", 0, message)]
}

/// `4` for chapter 4.
fn number(chapter: &Chapter) -> u32 {
    let digits = chapter.crate_name["ch".len()..].split('-').next().unwrap_or("");
    digits.parse().unwrap_or(0)
}

/// `ch04` for chapter 4.
fn short_name(chapter: &Chapter) -> &str {
    crate::chapter::binary_prefix(&chapter.crate_name)
}

/// `chapter 4, "Backpropagation, automatic"`: its number and first heading.
fn title(chapter: &Chapter) -> String {
    let heading = chapter.source.lines().find_map(|l| l.strip_prefix("# ")).unwrap_or("");
    format!("chapter {}, \"{}\"", number(chapter), heading.trim())
}

fn next_chapter<'a>(chapters: &'a [Chapter], chapter: &Chapter) -> Option<&'a Chapter> {
    let at = chapters.iter().position(|c| c.path == chapter.path)?;
    chapters[at + 1..].iter().find(|c| !c.path.contains("/appendix-"))
}

/// Writes `files` as the folder `dir`, replacing it whole: into a new folder beside it,
/// which then takes its place, so an interrupted write leaves the old folder or the new one.
fn replace_dir(project: &Project, dir: &str, files: &[(String, Vec<u8>)]) -> Result<(), Problems> {
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
fn sync_dir(project: &Project, dir: &str, files: &[(String, Vec<u8>)]) -> Result<(), Problems> {
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

/// `cargo SUBCOMMAND ARGS…` run in the folder `dir`, which has its own workspace.
fn cargo_in(dir: &Path, subcommand: &str, args: &[&str]) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(dir).arg(subcommand).args(args);
    command
}

/// One test's outcome, as libtest reported it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestResult {
    /// `outputs::backward`: the test file (or `unit` or `doc`), then the test.
    pub name: String,
    pub passed: bool,
    /// What it printed when it failed.
    pub message: String,
}

/// The test results in what `cargo test` printed (stdout and stderr merged): libtest's
/// `test NAME ... ok` lines, grouped by cargo's `Running FILE` lines, with each failure's
/// output from its `---- NAME stdout ----` section.
pub fn parse_tests(printed: &str) -> Vec<TestResult> {
    let mut results: Vec<TestResult> = vec![];
    let mut binary = String::new();
    let mut first_of_binary = 0;
    let mut failure: Option<usize> = None;
    for line in printed.lines() {
        let trimmed = line.trim();
        if let Some(running) = trimmed.strip_prefix("Running ") {
            let (file, executable) = running.split_once(" (").unwrap_or((running, ""));
            // A unit test executable is named after its crate or binary: `deps/micrograd-HASH`.
            let stem = executable.rsplit('/').next().unwrap_or("");
            let unit = stem.rsplit_once('-').map_or("unit", |(name, _)| name);
            binary = match file.strip_prefix("tests/") {
                Some(test) => test.trim_end_matches(".rs").replace('/', "::"),
                None => unit.to_string(),
            };
            first_of_binary = results.len();
            failure = None;
        } else if trimmed.starts_with("Doc-tests ") {
            binary = "doc".to_string();
            first_of_binary = results.len();
            failure = None;
        } else if let Some(rest) = line.strip_prefix("test ")
            && let Some((name, outcome)) = rest.rsplit_once(" ... ")
        {
            let name = name.trim_end_matches(" - should panic");
            let passed = match outcome.trim() {
                "ok" => true,
                "FAILED" => false,
                _ => continue,
            };
            results.push(TestResult {
                name: format!("{binary}::{name}"),
                passed,
                message: String::new(),
            });
        } else if let Some(name) =
            line.strip_prefix("---- ").and_then(|l| l.strip_suffix(" stdout ----"))
        {
            let wanted = format!("{binary}::{name}");
            failure = results[first_of_binary..]
                .iter()
                .position(|r| r.name == wanted)
                .map(|i| first_of_binary + i);
        } else if line == "failures:" || line.starts_with("test result:") {
            failure = None;
        } else if let Some(i) = failure {
            results[i].message.push_str(line);
            results[i].message.push('\n');
        }
    }
    results
}

/// A failed test's output, said plainly, in a few lines.
fn explain(message: &str, copy: &Path) -> Vec<String> {
    let panic = panic_message(message);
    if let Some(hint) = panic.strip_prefix("not yet implemented: ") {
        return vec![format!("it reaches an exercise not done yet: {hint}")];
    }
    if let Some(program) = panic.strip_suffix(" failed").map(PathBuf::from)
        && program.is_file()
    {
        let name = program.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        let mut lines = vec![format!("the program {name} stopped with an error:")];
        let mut run = Command::new(&program);
        run.current_dir(copy);
        let limits = Limits { time: Duration::from_secs(120), output: 1 << 20 };
        if let Ok(Ended::Exited { stderr, .. }) = process::run(run, limits, false) {
            let stopped = panic_message(&stderr);
            if let Some(hint) = stopped.strip_prefix("not yet implemented: ") {
                lines.push(format!("it reaches an exercise not done yet: {hint}"));
            } else if !stopped.is_empty() {
                lines.push(crate::programs::clip(&stopped));
            }
            if let Some(place) = panic_place(&stderr) {
                lines.push(format!("(at {place})"));
            }
        }
        return lines;
    }
    if panic.starts_with("snapshot assertion for ") {
        return vec!["it computes something other than the book shows".into()];
    }
    if panic.is_empty() {
        return vec![];
    }
    vec![crate::programs::clip(&panic)]
}

/// The first line of the message of the first panic in `printed`.
fn panic_message(printed: &str) -> String {
    let Some((_, rest)) = printed.split_once("panicked at ") else {
        return String::new();
    };
    rest.lines().nth(1).unwrap_or("").trim().to_string()
}

/// Where the first panic in `printed` happened: `FILE:LINE:COLUMN`.
fn panic_place(printed: &str) -> Option<String> {
    let (_, rest) = printed.split_once("panicked at ")?;
    Some(rest.lines().next()?.trim_end_matches(':').to_string())
}

/// The compiler's errors in what cargo printed, without its progress lines.
fn compile_errors(printed: &str) -> String {
    let progress = ["Compiling ", "Checking ", "Finished ", "Blocking ", "Locking ", "Adding "];
    // Warnings, such as the names a `todo!()` leaves unused, are left out too.
    let mut warning = false;
    let mut lines: Vec<&str> = vec![];
    for line in printed.lines() {
        if line.starts_with("warning") || line.starts_with("error") {
            warning = line.starts_with("warning");
        }
        if !warning && !progress.iter().any(|p| line.trim_start().starts_with(p)) {
            lines.push(line);
        }
    }
    let shown = lines.len().min(60);
    let mut text = lines[..shown].join("\n");
    if lines.len() > shown {
        text.push_str(&format!(
            "\n({} more lines: run `cargo build` in the copy)",
            lines.len() - shown
        ));
    }
    text
}

/// What `verify` found for one hole: the tests that fail with it alone left open.
pub struct Caught {
    pub chapter: String,
    pub line: usize,
    pub hint: String,
    pub tests: Vec<String>,
}

/// For every chapter with exercises: its copy with every hole compiles; its guarded copy
/// passes every test with no hole open; and each hole, opened alone, fails at least one
/// test. The chapters' own code passing its tests is `cargo test`'s step, before this one.
pub fn verify(project: &Project, chapters: &[Chapter]) -> (Vec<Caught>, Problems) {
    let generated = match crate::tangle::generate(chapters) {
        Ok(generated) => generated,
        Err(problems) => return (vec![], problems),
    };
    let mut caught = vec![];
    let mut problems = vec![];
    let target = format!("{CHECK_DIR}/target");
    for chapter in chapters {
        let holes = holes(chapter, &generated);
        let Some(first) = holes.first() else {
            continue;
        };
        let base = format!("{CHECK_DIR}/{}", chapter.crate_name);
        let holed = format!("{base}/holed");
        let place = Place { dir: &holed, target: &target, nested: true };
        let written = copy(project, chapters, chapter, &generated, Mode::Holed, &place)
            .and_then(|copy| sync_dir(project, &holed, &copy.files));
        if let Err(found) = written {
            problems.extend(found);
            continue;
        }
        let mut check = cargo_in(&project.path(&holed), "check", &["--all-targets", "--quiet"]);
        check.arg("--message-format=short").env("CARGO_TERM_COLOR", "never");
        if let Err(failure) = finished(check) {
            problems.push(Problem::new(
                &first.chapter,
                first.line,
                format!(
                    "with every exercise of this chapter a `todo!()`, its code does not compile (a hole must be whole statements, or a whole body, whose names nothing after it uses); the copy is {holed}:\n{}",
                    crate::programs::tail(&failure, 15)
                ),
            ));
            continue;
        }
        let guarded = format!("{base}/guarded");
        let place = Place { dir: &guarded, target: &target, nested: true };
        let written = copy(project, chapters, chapter, &generated, Mode::Guarded, &place)
            .and_then(|copy| sync_dir(project, &guarded, &copy.files));
        if let Err(found) = written {
            problems.extend(found);
            continue;
        }
        let mut build = cargo_in(&project.path(&guarded), "test", &["--no-run", "--quiet"]);
        build.arg("--message-format=json").env("CARGO_TERM_COLOR", "never");
        let built = match finished(build) {
            Ok(stdout) => stdout,
            Err(failure) => {
                let message = format!(
                    "the exercise check's build of this chapter failed ({guarded}):\n{}",
                    crate::programs::tail(&failure, 15)
                );
                problems.push(Problem::new(&first.chapter, first.line, message));
                continue;
            }
        };
        let tests = test_executables(&built);
        for open in 0..=holes.len() {
            let failing = match run_tests(&tests, open) {
                Ok(failing) => failing,
                Err(message) => {
                    problems.push(Problem::new(&chapter.path, 0, message));
                    break;
                }
            };
            if open == 0 {
                if !failing.is_empty() {
                    problems.push(Problem::new(
                        &chapter.path,
                        0,
                        format!(
                            "the exercise copy of this chapter fails {} with no exercise open, so its tests cannot tell the exercises apart: {}",
                            plural(failing.len(), "test"),
                            failing.join(", ")
                        ),
                    ));
                    break;
                }
                continue;
            }
            let hole = holes[open - 1];
            if failing.is_empty() {
                problems.push(Problem::new(
                    &hole.chapter,
                    hole.line,
                    "no test fails when this exercise is left a `todo!()`: add a test that runs this code and checks what it computes",
                ));
            }
            caught.push(Caught {
                chapter: hole.chapter.clone(),
                line: hole.line,
                hint: hole.hint.clone(),
                tests: failing,
            });
        }
    }
    (caught, problems)
}

/// Runs `command`; its stdout, or what it printed if it failed.
fn finished(command: Command) -> Result<String, String> {
    match process::run(command, LIMITS, false) {
        Ok(Ended::Exited { status, stdout, .. }) if status.success() => Ok(stdout),
        Ok(Ended::Exited { stdout, stderr, .. }) => Err(format!("{stderr}{stdout}")),
        Ok(_) => Err("it took too long or printed too much: stopped".into()),
        Err(e) => Err(format!("cannot start cargo: {e}")),
    }
}

/// A test executable: the name of its test file (or crate, for unit tests), the executable,
/// and the folder of its package, where cargo runs it.
struct Executable {
    name: String,
    path: PathBuf,
    dir: PathBuf,
}

/// The test executables in the JSON messages of `cargo test --no-run`.
fn test_executables(messages: &str) -> Vec<Executable> {
    let mut found = vec![];
    for message in messages.lines().filter_map(|l| serde_json::from_str::<Value>(l).ok()) {
        let is_test =
            message["reason"] == "compiler-artifact" && message["profile"]["test"] == true;
        let (Some(path), Some(manifest)) =
            (message["executable"].as_str(), message["manifest_path"].as_str())
        else {
            continue;
        };
        if !is_test {
            continue;
        }
        let kinds = message["target"]["kind"].as_array().map_or(&[][..], Vec::as_slice);
        // Named as `cargo test` names it: a test file by its name, unit tests by their crate
        // or binary, with `_` for `-`.
        let name = message["target"]["name"].as_str().unwrap_or("");
        let name = match kinds.iter().any(|k| k == "test") {
            true => name.to_string(),
            false => name.replace('-', "_"),
        };
        let dir = Path::new(manifest).parent().map(Path::to_path_buf).unwrap_or_default();
        found.push(Executable { name, path: PathBuf::from(path), dir });
    }
    found
}

/// Runs every test executable with hole `open` open (0: none); the tests that fail.
fn run_tests(executables: &[Executable], open: usize) -> Result<Vec<String>, String> {
    let mut failing = vec![];
    for executable in executables {
        let mut run = Command::new(&executable.path);
        run.current_dir(&executable.dir)
            .env(HOLE_VARIABLE, open.to_string())
            .env("INSTA_UPDATE", "no")
            .env("CI", "true")
            .env("RUST_BACKTRACE", "0");
        let printed = match process::run(run, LIMITS, true) {
            Ok(Ended::Exited { stdout, .. }) => stdout,
            Ok(_) => return Err(format!("{} took too long: stopped", executable.name)),
            Err(e) => return Err(format!("cannot run {}: {e}", executable.name)),
        };
        let header = format!("     Running tests/{}.rs (x)\n", executable.name);
        for result in parse_tests(&format!("{header}{printed}")) {
            if !result.passed {
                let name = result.name.split_once("::").map_or(&*result.name, |(_, n)| n);
                failing.push(format!("{}::{name}", executable.name));
            }
        }
    }
    failing.sort();
    Ok(failing)
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chapter(source: &str) -> Result<Chapter, Problems> {
        Chapter::parse("chapters/04-x.md", source.to_string())
    }

    const FENCE: &str = "```rust,file:src/lib.rs
pub fn double(x: f64) -> f64 {
    # // exercise: multiply by {two}
    let y = x * 2.0;
    y
    # // end of exercise
}

pub fn add(a: f64, b: f64) -> f64 {
    let sum = {
        # // exercise: add them \"up\"
        a + b
        # // end of exercise
    };
    sum
}
```
";

    #[test]
    fn markers_are_found_with_their_lines_and_tangled_as_comments() {
        let source = format!("# X\n\n{FENCE}");
        let chapter = chapter(&source).unwrap();
        let holes = &chapter.fences[0].holes;
        assert_eq!(holes.len(), 2);
        assert_eq!((holes[0].line, holes[0].hint.as_str()), (5, "multiply by {two}"));
        assert_eq!((holes[1].line, holes[1].hint.as_str()), (13, "add them \"up\""));
        let generated = crate::tangle::generate(std::slice::from_ref(&chapter)).unwrap();
        let file = &generated[0];
        let lines: Vec<&str> = file.text.lines().collect();
        assert_eq!(lines[file.holes[0].open], "    // exercise: multiply by {two}");
        assert_eq!(lines[file.holes[1].close], "        // end of exercise");
        assert_eq!(file.origins[file.holes[1].open], ("chapters/04-x.md".to_string(), 13));
    }

    #[test]
    fn holes_become_todo_or_guards() {
        let chapter = chapter(&format!("# X\n\n{FENCE}")).unwrap();
        let generated = crate::tangle::generate(std::slice::from_ref(&chapter)).unwrap();
        let file = &generated[0];
        let numbered: Vec<(usize, &GeneratedHole)> =
            file.holes.iter().enumerate().map(|(i, h)| (i + 1, h)).collect();
        let (holed, places) = apply(&file.text, &numbered, Mode::Holed);
        assert!(holed.contains(
            "    // exercise: multiply by {two}\n    todo!(\"multiply by {{two}}\");\n    // end of exercise\n}"
        ));
        assert!(holed.contains("        todo!(\"add them \\\"up\\\"\");\n"));
        assert!(!holed.contains("a + b") && !holed.contains("x * 2.0"));
        assert_eq!(places, vec![(1, 4), (2, 11)]);
        assert_eq!(holed.lines().nth(3), Some("    todo!(\"multiply by {{two}}\");"));
        let (guarded, _) = apply(&file.text, &numbered, Mode::Guarded);
        assert!(guarded.contains(
            "    if exercise_hole(1) { todo!(\"multiply by {{two}}\") }\n    let y = x * 2.0;"
        ));
        assert!(guarded.contains("a + b") && guarded.contains("fn exercise_hole(n: usize)"));
        assert_eq!(apply(&file.text, &[], Mode::Guarded).0, file.text);
    }

    #[test]
    fn misplaced_markers_are_refused_at_their_line() {
        let cases = [
            (
                "    # // exercise: a\n    # // exercise: b\n    # // end of exercise\n",
                6,
                "opens inside the exercise opened on line 5",
            ),
            ("    # // exercise: a\n    x;\n", 5, "never closed"),
            ("    x;\n    # // end of exercise\n", 6, "closes no exercise"),
            ("    # // exercise: a\n    # // end of exercise\n", 5, "holes no code"),
            ("    # // exercise:\n    x;\n    # // end of exercise\n", 5, "one-line hint"),
            ("    // exercise: a\n    x;\n    # // end of exercise\n", 5, "must be hidden"),
        ];
        for (body, line, message) in cases {
            let source = format!("# X\n\n```rust,file:src/lib.rs\nfn f() {{\n{body}}}\n```\n");
            let problems = chapter(&source).unwrap_err();
            assert_eq!(problems.len(), 1, "{body}");
            assert_eq!(problems[0].line, line, "{body}");
            assert!(problems[0].message.contains(message), "{}", problems[0].message);
        }
    }

    #[test]
    fn chapters_are_found_by_number_or_name() {
        let source = "# X\n\n```rust,file:src/lib.rs\nfn f() {}\n```\n";
        let chapters = [Chapter::parse("chapters/04-autograd.md", source.into()).unwrap()];
        for name in ["ch04", "04", "4", "ch04-autograd", "ch4"] {
            assert!(find(&chapters, name).is_ok(), "{name}");
        }
        for name in ["ch05", "ch04-other", "x", "", "appendix-checks"] {
            assert!(find(&chapters, name).is_err(), "{name}");
        }
    }

    #[test]
    fn libtest_output_is_read_test_by_test() {
        let printed = "   Compiling x
     Running unittests src/lib.rs (target/debug/deps/x-1)

running 1 test
test tests::inner ... ok

     Running tests/outputs.rs (target/debug/deps/outputs-2)

running 3 tests
test backward ... FAILED
test refuses - should panic ... ok
test slow ... ignored

failures:

---- backward stdout ----

thread 'backward' panicked at tests/outputs.rs:9:5:
not yet implemented: a sum passes its grad
note: run with `RUST_BACKTRACE=1`


failures:
    backward

test result: FAILED. 1 passed; 1 failed; 1 ignored
   Doc-tests x

running 1 test
test src/lib.rs - f (line 3) ... ok
";
        let results = parse_tests(printed);
        let names: Vec<(&str, bool)> =
            results.iter().map(|r| (r.name.as_str(), r.passed)).collect();
        assert_eq!(
            names,
            [
                ("x::tests::inner", true),
                ("outputs::backward", false),
                ("outputs::refuses", true),
                ("doc::src/lib.rs - f (line 3)", true)
            ]
        );
        assert_eq!(
            panic_message(&results[1].message),
            "not yet implemented: a sum passes its grad"
        );
        assert_eq!(
            explain(&results[1].message, Path::new(".")),
            ["it reaches an exercise not done yet: a sum passes its grad"]
        );
    }

    #[test]
    fn test_executables_are_read_from_cargo_messages() {
        let messages = [
            r#"{"reason":"compiler-artifact","target":{"kind":["lib"],"name":"ch05-node-reuse"},"profile":{"test":true},"executable":"/t/deps/ch05_node_reuse-1","manifest_path":"/c/ch05-node-reuse/Cargo.toml"}"#,
            r#"{"reason":"compiler-artifact","target":{"kind":["test"],"name":"node-reuse"},"profile":{"test":true},"executable":"/t/deps/node_reuse-2","manifest_path":"/c/ch05-node-reuse/Cargo.toml"}"#,
            r#"{"reason":"compiler-artifact","target":{"kind":["bin"],"name":"buggy"},"profile":{"test":false},"executable":"/t/buggy","manifest_path":"/c/ch05-node-reuse/Cargo.toml"}"#,
            r#"{"reason":"compiler-artifact","target":{"kind":["lib"],"name":"viz"},"profile":{"test":true},"executable":null,"manifest_path":"/c/viz/Cargo.toml"}"#,
            r#"{"reason":"build-finished","success":true}"#,
            "not json",
        ];
        let found = test_executables(&messages.join("\n"));
        let found: Vec<(&str, &str, &str)> = found
            .iter()
            .map(|e| (e.name.as_str(), e.path.to_str().unwrap(), e.dir.to_str().unwrap()))
            .collect();
        assert_eq!(
            found,
            [
                ("ch05_node_reuse", "/t/deps/ch05_node_reuse-1", "/c/ch05-node-reuse"),
                ("node-reuse", "/t/deps/node_reuse-2", "/c/ch05-node-reuse"),
            ]
        );
    }

    #[test]
    fn a_reformatted_manifest_is_rewritten_all_the_same() {
        let root = r#"# The workspace.
[workspace]
resolver = "3"
members = [
    "crates/*",
    "xtask",   # the book's tools
]

[workspace.dependencies.micrograd]
path = "crates/micrograd"

[workspace.dependencies]
viz = { path = "crates/viz", default-features = false }
rand = "0.10"

# Chapter 10's settings.
[profile.dev.package."ch10-moons"]
opt-level = 3

[profile.release.package.renamed-engine]
debug = true

[profile.dev.package."*"]
opt-level = 1
"#;
        let chapter = Chapter::parse("chapters/06-x.md", "# X\n".into()).unwrap();
        let crates = ["ch06-x".to_string()];
        let uses = ["[package]\nname = \"ch06-x\"\n\n[dependencies.engine]\nworkspace = true\npackage = \"renamed-engine\"\n".to_string()];
        let manifest =
            workspace_manifest(root, &crates, &|c| format!("ch06-x/{c}"), &uses, "..", &chapter)
                .unwrap();
        assert!(manifest.starts_with("# The exercise copy of chapters/06-x.md"), "{manifest}");
        let copy: DocumentMut = manifest.parse().unwrap();
        let members = copy["workspace"]["members"].as_array().unwrap();
        let members: Vec<&str> = members.iter().filter_map(|m| m.as_str()).collect();
        assert_eq!(members, ["ch06-x/ch06-x"]);
        let dependencies = &copy["workspace"]["dependencies"];
        assert_eq!(dependencies["micrograd"]["path"].as_str(), Some("../crates/micrograd"));
        assert_eq!(dependencies["viz"]["path"].as_str(), Some("../crates/viz"));
        assert_eq!(dependencies["viz"]["default-features"].as_bool(), Some(false));
        assert_eq!(dependencies["rand"].as_str(), Some("0.10"));
        assert!(copy["profile"]["dev"]["package"].get("ch10-moons").is_none(), "{manifest}");
        assert!(!manifest.contains("Chapter 10's settings"), "{manifest}");
        assert!(copy["profile"]["release"]["package"].get("renamed-engine").is_some());
        assert!(copy["profile"]["dev"]["package"].get("*").is_some());
        let unchanged = |text: &str| assert!(manifest.contains(text), "{text} in {manifest}");
        unchanged("resolver = \"3\"");
        unchanged("viz = { path = \"../crates/viz\", default-features = false }");
        let broken =
            workspace_manifest("[workspace\n", &crates, &|c| c.into(), &[], "..", &chapter);
        assert!(broken.unwrap_err().contains("line 1"));
        let memberless =
            workspace_manifest("[workspace]\n", &crates, &|c| c.into(), &[], "..", &chapter);
        assert!(memberless.unwrap_err().contains("workspace.members"));
    }

    #[test]
    fn the_copy_manifest_points_back_to_the_project() {
        let root = "[workspace]\nmembers = [\"crates/*\", \"xtask\"]\n\n[workspace.dependencies]\nviz = { path = \"crates/viz\" }\nmicrograd = { path = \"crates/micrograd\" }\n\n[profile.dev.package.micrograd]\nopt-level = 3\n\n[profile.dev.package.ch10-moons]\nopt-level = 3\n";
        let chapter = Chapter::parse("chapters/06-x.md", "# X\n".into()).unwrap();
        let crates = ["ch06-x".to_string(), "micrograd".to_string()];
        let uses = ["micrograd.workspace = true\n".to_string()];
        let manifest =
            workspace_manifest(root, &crates, &|c| c.to_string(), &uses, "../..", &chapter)
                .unwrap();
        assert!(manifest.contains("members = [\"ch06-x\", \"micrograd\"]\n"));
        assert!(manifest.contains("viz = { path = \"../../crates/viz\" }"));
        assert!(manifest.contains("micrograd = { path = \"micrograd\" }"));
        assert!(manifest.contains("[profile.dev.package.micrograd]\nopt-level = 3"));
        let nested = |c: &str| format!("ch06-x/{c}");
        let manifest = workspace_manifest(root, &crates, &nested, &uses, "..", &chapter).unwrap();
        assert!(manifest.contains("members = [\"ch06-x/ch06-x\", \"ch06-x/micrograd\"]\n"));
        assert!(manifest.contains("micrograd = { path = \"ch06-x/micrograd\" }"));
        assert!(manifest.contains("viz = { path = \"../crates/viz\" }"));
        assert!(!manifest.contains("ch10-moons"));
    }
}
