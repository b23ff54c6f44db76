//! Snapshot files that no test writes any more. insta names a snapshot of the test `NAME`
//! in `tests/FILE.rs` `tests/snapshots/FILE__NAME.snap`; when the test is renamed or
//! removed, its old file would otherwise linger, reviewed by nobody.

use std::fs;
use std::path::Path;

use crate::problem::{Problem, Problems};
use crate::project::{CRATES, Project};

/// Problems for every snapshot file whose test no longer exists.
pub fn check(project: &Project) -> Problems {
    orphans(project)
        .into_iter()
        .map(|path| {
            Problem::new(
                path,
                0,
                "no test writes this snapshot: run `cargo xtask bless` to delete it",
            )
        })
        .collect()
}

/// Deletes every snapshot file whose test no longer exists; returns their paths.
pub fn delete_orphans(project: &Project) -> Result<Vec<String>, Problems> {
    let orphans = orphans(project);
    for path in &orphans {
        fs::remove_file(project.path(path))
            .map_err(|e| vec![Problem::io(Path::new(path), "delete it", e)])?;
    }
    Ok(orphans)
}

fn orphans(project: &Project) -> Vec<String> {
    let mut found = vec![];
    for krate in names_in(&project.path(CRATES)) {
        let dir = format!("{CRATES}/{krate}/tests/snapshots");
        for file in names_in(&project.path(&dir)) {
            let Some((test_file, test)) =
                file.strip_suffix(".snap").and_then(|s| s.split_once("__"))
            else {
                continue;
            };
            let source =
                fs::read_to_string(project.path(format!("{CRATES}/{krate}/tests/{test_file}.rs")));
            if !source.is_ok_and(|source| source.contains(&format!("fn {test}("))) {
                found.push(format!("{dir}/{file}"));
            }
        }
    }
    found
}

/// The names of the entries of `dir`, sorted; none if it cannot be read.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshots_whose_test_is_gone_are_found_and_deleted() {
        let root = std::env::temp_dir().join(format!("snapshots-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let tests = root.join("crates/ch01-x/tests");
        fs::create_dir_all(tests.join("snapshots")).unwrap();
        fs::write(tests.join("outputs.rs"), "#[test]\nfn greets() {}\nfn greets_twice() {}\n")
            .unwrap();
        for name in [
            "outputs__greets.snap",
            "outputs__greets_twice.snap",
            "outputs__renamed.snap",
            "outputs__twice.snap",
            "removed__greets.snap",
            "outputs__greets.snap.new",
            "notes.md",
        ] {
            fs::write(tests.join("snapshots").join(name), "").unwrap();
        }
        fs::create_dir_all(root.join("crates/ch02-y")).unwrap();
        let project = Project::new(&root);
        // `twice` is in the test file, but no test is named so.
        let orphans = [
            "crates/ch01-x/tests/snapshots/outputs__renamed.snap",
            "crates/ch01-x/tests/snapshots/outputs__twice.snap",
            "crates/ch01-x/tests/snapshots/removed__greets.snap",
        ];
        let problems = check(&project);
        let found: Vec<(&str, usize)> =
            problems.iter().map(|p| (p.file.as_str(), p.line)).collect();
        assert_eq!(found, orphans.map(|o| (o, 0)));
        assert!(problems[0].message.contains("cargo xtask bless"));
        assert_eq!(delete_orphans(&project).unwrap(), orphans);
        let left = names_in(&tests.join("snapshots"));
        assert!(check(&project).is_empty());
        fs::remove_dir_all(&root).unwrap();
        assert_eq!(
            left,
            [
                "notes.md",
                "outputs__greets.snap",
                "outputs__greets.snap.new",
                "outputs__greets_twice.snap"
            ]
        );
    }
}
