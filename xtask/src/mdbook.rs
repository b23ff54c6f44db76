//! mdBook, pinned: installed with cargo into target/tools on first use, then run from there.

use std::path::PathBuf;
use std::process::Command;

use crate::cargo;
use crate::project::{BOOK, Project};

pub const VERSION: &str = "0.5.4";
const TOOLS: &str = "target/tools";
/// Where `mdbook build` puts the HTML (book/book.toml says the same).
pub const HTML: &str = "target/book";

/// What mdBook is wanted for: building the book (what `verify` needs) or serving it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Use {
    Build,
    Serve,
}

/// The pinned mdBook, installed first if it is missing, another version, or cannot do what
/// `wanted` asks. For building, it is compiled with the search index only (book.toml turns
/// search on): without the web server and file watcher, a cold install compiles less.
/// Serving installs the full mdBook over it, which also builds.
pub fn ensure(project: &Project, wanted: Use) -> Result<PathBuf, String> {
    let binary =
        project.path(TOOLS).join("bin").join(if cfg!(windows) { "mdbook.exe" } else { "mdbook" });
    let installed = Command::new(&binary).arg("--version").output().ok();
    let version = format!("mdbook v{VERSION}");
    let current =
        installed.is_some_and(|out| String::from_utf8_lossy(&out.stdout).trim() == version);
    let serves = || {
        let help = Command::new(&binary).args(["serve", "--help"]).output();
        help.is_ok_and(|out| out.status.success())
    };
    if current && (wanted == Use::Build || serves()) {
        return Ok(binary);
    }
    eprintln!(
        "xtask: installing mdBook {VERSION} into {TOOLS} (first use only; takes a few minutes)"
    );
    let root = project.path(TOOLS);
    let version = format!("={VERSION}");
    let mut install =
        cargo::command(project, "install", &["--quiet", "mdbook", "--version", &version]);
    if wanted == Use::Build {
        install.args(["--no-default-features", "--features", "search"]);
    }
    install.arg("--root").arg(root);
    cargo::status(install)?;
    Ok(binary)
}

/// Builds the HTML book into target/book.
pub fn build(project: &Project) -> Result<PathBuf, String> {
    let mdbook = ensure(project, Use::Build)?;
    let mut command = Command::new(mdbook);
    command.current_dir(project.path(BOOK)).arg("build");
    cargo::output(command)?;
    Ok(project.path(HTML))
}

/// Serves the book on http://localhost:3000, rebuilding and reloading as chapters change.
pub fn serve(project: &Project) -> Result<(), String> {
    let mdbook = ensure(project, Use::Serve)?;
    let mut command = Command::new(mdbook);
    command.current_dir(project.path(BOOK)).args(["serve", "--port", "3000"]);
    cargo::status(command)
}
