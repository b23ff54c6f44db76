//! Chapter 10, live: the WebAssembly module the page trains with, built by `cargo xtask
//! wasm` and checked in beside the chapter with a record of what it was built from, so that
//! the book can be served by any static host, and `verify` needs no WebAssembly compiler.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::cargo;
use crate::files::write_atomic;
use crate::problem::{Problem, Problems};
use crate::project::Project;
use crate::tangle::fnv1a;

/// Where the page's files live, beside the chapter.
pub const LIVE: &str = "chapters/live";
/// The record of what the module was built from.
pub const RECORD: &str = "chapters/live/built-from.txt";
const TARGET: &str = "wasm32-unknown-unknown";
const MODULE: &str = "ch10_live.wasm";
/// The page's script, tangled from the chapter into the crate, and served beside it.
const SCRIPT: (&str, &str) = ("crates/ch10-live/web/live.js", "chapters/live/live.js");
/// The crates whose code goes into the module: each one's manifest and `src/`, but not
/// its programs in `src/bin/`, which the module does not hold.
const CRATES: &[&str] = &["crates/ch10-live", "crates/ch10-moons", "crates/micrograd"];

/// Builds the module for the browser and writes it, the script and the record into
/// chapters/live/.
pub fn build(project: &Project) -> Result<(), Problems> {
    let failed = |message: String| vec![Problem::new("cargo xtask wasm", 0, message)];
    ensure_target(project).map_err(failed)?;
    let mut build = cargo::command(project, "build", &["--release", "-p", "ch10-live", "--lib"]);
    build.args(["--target", TARGET]);
    cargo::status(build).map_err(failed)?;
    let built = project.path(format!("target/{TARGET}/release/{MODULE}"));
    let module = fs::read(&built).map_err(|e| vec![Problem::io(&built, "read it", e)])?;
    let script = read(project, SCRIPT.0)?;
    let record = Record { sources: sources_hash(project)?, module: &module, script: &script };
    for (path, contents) in [
        (format!("{LIVE}/{MODULE}"), module.as_slice()),
        (SCRIPT.1.to_string(), script.as_slice()),
        (RECORD.to_string(), record.text().as_bytes()),
    ] {
        let full = project.path(&path);
        write_atomic(&full, contents).map_err(|e| vec![Problem::io(&full, "write it", e)])?;
        eprintln!("xtask: wrote {path} ({} bytes)", contents.len());
    }
    Ok(())
}

/// Makes sure the standard library for the browser is installed, with rustup if needed.
fn ensure_target(project: &Project) -> Result<(), String> {
    let sysroot = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
        .current_dir(&project.root)
        .args(["--print", "sysroot"])
        .output()
        .map_err(|e| format!("cannot run rustc: {e}"))?;
    let sysroot = String::from_utf8_lossy(&sysroot.stdout).trim().to_string();
    if Path::new(&sysroot).join("lib/rustlib").join(TARGET).exists() {
        return Ok(());
    }
    let mut rustup = Command::new("rustup");
    rustup.current_dir(&project.root).args(["target", "add", TARGET]);
    cargo::status(rustup).map_err(|e| {
        format!(
            "{e}\n    the module is built for {TARGET}, whose standard library this Rust does not have: install it (with rustup: `rustup target add {TARGET}`) and run `cargo xtask wasm` again"
        )
    })
}

/// Checks that the module, the script and the record beside the chapter are what the
/// sources build now: an edit to the sources since the last build, or to a built file,
/// is a problem naming `cargo xtask wasm`.
pub fn check(project: &Project) -> Problems {
    // A project without the live chapter's crate (a test's small one) has no module.
    if !project.path(CRATES[0]).exists() {
        return vec![];
    }
    check_record(project).unwrap_or_else(|unreadable| unreadable)
}

fn check_record(project: &Project) -> Result<Problems, Problems> {
    let recorded = String::from_utf8_lossy(&read(project, RECORD)?).into_owned();
    let module = read(project, &format!("{LIVE}/{MODULE}"))?;
    let (script, tangled) = (read(project, SCRIPT.1)?, read(project, SCRIPT.0)?);
    let current = Record { sources: sources_hash(project)?, module: &module, script: &script };
    let mut problems = vec![];
    for (line, (want, have)) in current.text().lines().zip(recorded.lines()).enumerate() {
        if want != have && !want.starts_with('#') {
            let (key, _) = want.split_once(' ').unwrap_or((want, ""));
            let why = match key {
                "sources" => "the module's sources changed since it was built",
                _ => "a built file differs from the one recorded",
            };
            let message =
                format!("{why} (`{key}`): run `cargo xtask wasm` to build it again and record it");
            problems.push(Problem::new(RECORD, line + 1, message));
        }
    }
    if current.text().lines().count() != recorded.lines().count() {
        let message = "this record is not as `cargo xtask wasm` writes it: run it again";
        problems.push(Problem::new(RECORD, 1, message));
    }
    if script != tangled {
        let message = format!("differs from {}: run `cargo xtask wasm` to copy it", SCRIPT.0);
        problems.push(Problem::new(SCRIPT.1, 1, message));
    }
    Ok(problems)
}

/// What the module was built from and what it is, one `key hash` a line.
struct Record<'a> {
    sources: u64,
    module: &'a [u8],
    script: &'a [u8],
}

impl Record<'_> {
    fn text(&self) -> String {
        format!(
            "# What {MODULE} was built from: written by `cargo xtask wasm`, checked by verify.\n\
             sources {:016x}\n{MODULE} {:016x}\nlive.js {:016x}\n",
            self.sources,
            fnv1a(self.module),
            fnv1a(self.script)
        )
    }
}

/// One hash of every source file of the module: each file's path, then its bytes.
fn sources_hash(project: &Project) -> Result<u64, Problems> {
    let mut files = vec![];
    for krate in CRATES {
        files.push(format!("{krate}/Cargo.toml"));
        list(project, &format!("{krate}/src"), &mut files)?;
    }
    files.push(SCRIPT.0.to_string());
    files.retain(|file| !file.contains("/src/bin/"));
    files.sort();
    let mut all = vec![];
    for file in &files {
        all.extend_from_slice(file.as_bytes());
        all.push(0);
        // Line ends as `\n`, so that a checkout with `\r\n` hashes the same.
        let text = String::from_utf8_lossy(&read(project, file)?).replace("\r\n", "\n");
        all.extend_from_slice(text.as_bytes());
        all.push(0);
    }
    Ok(fnv1a(&all))
}

/// Every file under `dir`, recursively, as paths from the project's root.
fn list(project: &Project, dir: &str, files: &mut Vec<String>) -> Result<(), Problems> {
    let entries = fs::read_dir(project.path(dir))
        .map_err(|e| vec![Problem::io(Path::new(dir), "list it", e)])?;
    for entry in entries {
        let entry = entry.map_err(|e| vec![Problem::io(Path::new(dir), "list it", e)])?;
        let path = format!("{dir}/{}", entry.file_name().to_string_lossy());
        if entry.path().is_dir() {
            list(project, &path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

fn read(project: &Project, path: &str) -> Result<Vec<u8>, Problems> {
    fs::read(project.path(path)).map_err(|e| {
        let hint = "run `cargo xtask wasm` to build it";
        vec![Problem::io(Path::new(path), &format!("read it ({hint})"), e)]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A project with the module's sources and built files, recorded as built.
    fn built(name: &str) -> Project {
        let root = std::env::temp_dir().join(format!("xtask-wasm-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let project = Project::new(&root);
        let write = |path: &str, text: &str| {
            write_atomic(&project.path(path), text.as_bytes()).expect("a scratch file")
        };
        for krate in CRATES {
            write(&format!("{krate}/Cargo.toml"), "[package]\n");
            write(&format!("{krate}/src/lib.rs"), "pub fn f() {}\n");
        }
        write(SCRIPT.0, "// the script\n");
        write(SCRIPT.1, "// the script\n");
        write(&format!("{LIVE}/{MODULE}"), "the module");
        let record = Record {
            sources: sources_hash(&project).expect("the sources"),
            module: b"the module",
            script: b"// the script\n",
        };
        write(RECORD, &record.text());
        project
    }

    fn complaints(project: &Project) -> Vec<(String, usize)> {
        let problems = check(project);
        assert!(problems.iter().all(|p| p.message.contains("cargo xtask wasm")), "{problems:?}");
        problems.into_iter().map(|p| (p.file, p.line)).collect()
    }

    #[test]
    fn a_module_built_from_its_sources_passes() {
        assert_eq!(complaints(&built("current")), vec![]);
    }

    #[test]
    fn a_changed_source_a_built_file_or_the_script_s_copy_is_named() {
        let project = built("changed");
        fs::write(project.path("crates/micrograd/src/lib.rs"), "pub fn g() {}\n").unwrap();
        assert_eq!(complaints(&project), vec![(RECORD.to_string(), 2)]);
        // A program in src/bin/ is not part of the module.
        let project = built("program");
        fs::create_dir_all(project.path("crates/ch10-live/src/bin")).unwrap();
        fs::write(project.path("crates/ch10-live/src/bin/ch10-x.rs"), "fn main() {}\n").unwrap();
        assert_eq!(complaints(&project), vec![]);
        let project = built("module");
        fs::write(project.path(format!("{LIVE}/{MODULE}")), "another module").unwrap();
        assert_eq!(complaints(&project), vec![(RECORD.to_string(), 3)]);
        let project = built("script");
        fs::write(project.path(SCRIPT.1), "// edited\n").unwrap();
        let expected = vec![(RECORD.to_string(), 4), (SCRIPT.1.to_string(), 1)];
        assert_eq!(complaints(&project), expected);
    }
}
