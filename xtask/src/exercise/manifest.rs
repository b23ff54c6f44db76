//! The workspace manifest of a copy, made from the project's by editing it as TOML.

use std::collections::BTreeSet;

use toml_edit::{Array, DocumentMut, Item, Table, TableLike};

use crate::chapter::Chapter;
use crate::project::CRATES;

/// The copy's workspace manifest: the project's, with the copy's crates as members, paths
/// to the other crates leading back to the project, and the profile settings of packages
/// the copy does not use left out (cargo warns about them). `manifests` are the copy's
/// crates' own manifests, which say what else it uses.
pub fn workspace_manifest(
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

#[cfg(test)]
mod tests {
    use super::*;

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
