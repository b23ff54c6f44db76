//! Checks the built HTML: every link and image in it points at a file that exists, and
//! every `#fragment` at an element with that id.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::chapter::Chapter;
use crate::problem::{Problem, Problems};
use crate::project::CHAPTERS;

/// Problems for every broken link or image in the HTML under `html`, placed at the chapter
/// line that holds it where that can be found.
pub fn check(html: &Path, chapters: &[Chapter]) -> Problems {
    let pages = html_files(html);
    let mut ids: HashMap<PathBuf, BTreeSet<String>> = HashMap::new();
    let mut problems = BTreeSet::new();
    for page in &pages {
        let Ok(text) = fs::read_to_string(page) else {
            continue;
        };
        for link in attribute_values(&text, &["href", "src"]) {
            if is_external(link) {
                continue;
            }
            let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
            let target = if path.is_empty() {
                page.clone()
            } else {
                normalize(&page.parent().unwrap_or(html).join(path))
            };
            let broken = if !target.exists() {
                format!("links to `{link}`, which is not in the built book")
            } else if !fragment.is_empty() && target.extension().is_some_and(|e| e == "html") {
                let known = ids.entry(target.clone()).or_insert_with(|| element_ids(&target));
                if known.contains(fragment) {
                    continue;
                }
                format!("links to `{link}`, but that page has no `#{fragment}`")
            } else {
                continue;
            };
            let relative = page.strip_prefix(html).unwrap_or(page);
            problems.insert(locate(relative, path, chapters, broken));
        }
    }
    problems.into_iter().map(|(file, line, message)| Problem::new(file, line, message)).collect()
}

/// The chapter file and line a link on `page` comes from, or the page itself.
fn locate(
    page: &Path,
    path: &str,
    chapters: &[Chapter],
    message: String,
) -> (String, usize, String) {
    let markdown = format!("{CHAPTERS}/{}", page.with_extension("md").display());
    let Some(chapter) = chapters.iter().find(|c| c.path == markdown) else {
        return (format!("{} (built page)", page.display()), 0, message);
    };
    let source_form = path
        .strip_suffix(".html")
        .map(|stem| format!("{stem}.md"))
        .unwrap_or_else(|| path.to_string());
    let line = chapter
        .source
        .lines()
        .position(|l| l.contains(&source_form) || l.contains(path))
        .map_or(0, |i| i + 1);
    (chapter.path.clone(), line, message)
}

fn is_external(link: &str) -> bool {
    link.is_empty()
        || link.starts_with("//")
        || ["http:", "https:", "mailto:", "data:", "javascript:"]
            .iter()
            .any(|scheme| link.starts_with(scheme))
}

/// The values of the given attributes, in order of appearance, as written in the HTML.
fn attribute_values<'a>(html: &'a str, names: &[&str]) -> Vec<&'a str> {
    let mut values = vec![];
    for name in names {
        let opening = format!(" {name}=\"");
        let mut rest = html;
        while let Some(start) = rest.find(&opening) {
            rest = &rest[start + opening.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            values.push(&rest[..end]);
        }
    }
    values
}

fn element_ids(page: &Path) -> BTreeSet<String> {
    let text = fs::read_to_string(page).unwrap_or_default();
    attribute_values(&text, &["id"]).into_iter().map(str::to_string).collect()
}

/// Resolves `.` and `..` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = vec![];
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A built book of `pages` (path, HTML) in a fresh temporary folder, and its chapters.
    fn book(test: &str, pages: &[(&str, &str)]) -> PathBuf {
        let html = std::env::temp_dir().join(format!("links-{test}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&html);
        for (path, text) in pages {
            let path = html.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        html
    }

    fn chapter(path: &str, source: &str) -> Chapter {
        Chapter::parse(path, source.to_string()).unwrap()
    }

    #[test]
    fn links_that_resolve_are_no_problem() {
        let html = book(
            "good",
            &[
                (
                    "01-x.html",
                    r##"<h1 id="top">X</h1><a href="#top">up</a> <a href="02-y.html#why">y</a>
<img src="figures/f.svg"> <a href="sub/../02-y.html">again</a> <a href="https://example.org/">out</a>
<a href="mailto:a@b">mail</a> <img src="data:image/png;base64,AA">"##,
                ),
                ("02-y.html", r#"<h2 id="why">Why</h2>"#),
                ("figures/f.svg", "<svg/>"),
            ],
        );
        let problems = check(&html, &[chapter("chapters/01-x.md", "# X\n")]);
        fs::remove_dir_all(&html).unwrap();
        assert_eq!(problems, []);
    }

    #[test]
    fn broken_links_are_placed_at_their_chapter_line() {
        let html = book(
            "bad",
            &[
                (
                    "01-x.html",
                    r#"<a href="03-z.html">z</a> <img src="figures/gone.svg"> <a href="02-y.html#nowhere">y</a>"#,
                ),
                ("02-y.html", r#"<h2 id="why">Why</h2>"#),
                ("print.html", r#"<a href="missing.html">m</a>"#),
            ],
        );
        let source =
            "# X\n\nSee [z](03-z.md).\n\n![gone](figures/gone.svg)\n\n[y](02-y.md#nowhere)\n";
        let problems = check(&html, &[chapter("chapters/01-x.md", source)]);
        fs::remove_dir_all(&html).unwrap();
        let found: Vec<(&str, usize, &str)> =
            problems.iter().map(|p| (p.file.as_str(), p.line, p.message.as_str())).collect();
        assert_eq!(
            found,
            [
                ("chapters/01-x.md", 3, "links to `03-z.html`, which is not in the built book"),
                (
                    "chapters/01-x.md",
                    5,
                    "links to `figures/gone.svg`, which is not in the built book"
                ),
                (
                    "chapters/01-x.md",
                    7,
                    "links to `02-y.html#nowhere`, but that page has no `#nowhere`"
                ),
                (
                    "print.html (built page)",
                    0,
                    "links to `missing.html`, which is not in the built book"
                ),
            ]
        );
    }

    #[test]
    fn paths_are_normalized_without_the_file_system() {
        assert_eq!(normalize(Path::new("/b/ch/../figures/./f.svg")), Path::new("/b/figures/f.svg"));
        assert_eq!(
            attribute_values(r#"<a href="x" id="i"><img src="y">"#, &["src", "href"]),
            ["y", "x"]
        );
    }
}
