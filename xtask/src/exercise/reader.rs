//! The reader's two commands: `cargo xtask exercise CHAPTER` writes a copy to fill in,
//! `--check` runs the chapter's tests on it and says what passes.

use super::copy::{Place, copy, replace_dir};
use super::holes::{Mode, holes};
use super::libtest::{TestResult, compile_errors, explain, parse_tests};
use super::{EXERCISES, LIMITS, READER_TARGET, cargo_in};
use crate::chapter::Chapter;
use crate::problem::{Problem, Problems};
use crate::process::{self, Ended};
use crate::project::Project;
use crate::tangle::Generated;

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

/// The chapter `name` names, if it has exercises; else a message that names those that do.
fn with_exercises<'a>(
    chapters: &'a [Chapter],
    generated: &[Generated],
    name: &str,
) -> Result<&'a Chapter, Problems> {
    let with: Vec<String> = chapters
        .iter()
        .filter(|c| !holes(c, generated).is_empty())
        .map(|c| number(c).to_string())
        .collect();
    let with = match with.split_last() {
        Some((last, [])) => format!("only chapter {last} has exercises"),
        Some((last, rest)) => format!("chapters {} and {last} have exercises", rest.join(", ")),
        None => "no chapter has exercises".into(),
    };
    let Some(chapter) = find(chapters, name) else {
        return Err(one(format!("there is no chapter {name}; {with}")));
    };
    if holes(chapter, generated).is_empty() {
        return Err(one(format!("chapter {} has no exercises; {with}", number(chapter))));
    }
    Ok(chapter)
}

fn one(message: String) -> Problems {
    vec![Problem::new("cargo xtask exercise", 0, message)]
}

/// The chapter that `name` names: `ch04`, `04`, `4` or `ch04-autograd`.
pub fn find<'a>(chapters: &'a [Chapter], name: &str) -> Option<&'a Chapter> {
    let number = name.strip_prefix("ch").unwrap_or(name);
    let (digits, slug) = number.split_once('-').unwrap_or((number, ""));
    digits.parse::<u32>().ok().and_then(|wanted| {
        chapters.iter().find(|chapter| {
            let (chapter_digits, chapter_slug) =
                chapter.crate_name["ch".len()..].split_once('-').unwrap_or_default();
            chapter_digits.parse::<u32>().ok() == Some(wanted)
                && (slug.is_empty() || slug == chapter_slug)
                && !chapter.path.contains("/appendix-")
        })
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chapter_without_exercises_names_those_with_them() {
        let holed = "# X\n\n```rust,file:src/lib.rs\nfn f() {\n    # // exercise: one\n    g();\n    # // end of exercise\n}\n```\n";
        let plain = "# X\n\n```rust,file:src/lib.rs\nfn f() {}\n```\n";
        let chapters = [
            Chapter::parse("chapters/03-a.md", holed.into()).unwrap(),
            Chapter::parse("chapters/04-b.md", plain.into()).unwrap(),
            Chapter::parse("chapters/05-c.md", holed.into()).unwrap(),
            Chapter::parse("chapters/06-d.md", holed.into()).unwrap(),
        ];
        let generated = crate::tangle::generate(&chapters).unwrap();
        let message =
            |name| with_exercises(&chapters, &generated, name).unwrap_err()[0].message.clone();
        assert_eq!(message("ch99"), "there is no chapter ch99; chapters 3, 5 and 6 have exercises");
        assert_eq!(message("4"), "chapter 4 has no exercises; chapters 3, 5 and 6 have exercises");
        assert_eq!(with_exercises(&chapters, &generated, "ch05").unwrap().path, "chapters/05-c.md");
    }

    #[test]
    fn chapters_are_found_by_number_or_name() {
        let source = "# X\n\n```rust,file:src/lib.rs\nfn f() {}\n```\n";
        let chapters = [Chapter::parse("chapters/04-autograd.md", source.into()).unwrap()];
        for name in ["ch04", "04", "4", "ch04-autograd", "ch4"] {
            assert!(find(&chapters, name).is_some(), "{name}");
        }
        for name in ["ch05", "ch04-other", "x", "", "appendix-checks"] {
            assert!(find(&chapters, name).is_none(), "{name}");
        }
    }
}
