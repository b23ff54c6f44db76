//! The reader's two commands: `cargo xtask exercise CHAPTER` writes a copy to fill in,
//! `--check` runs the chapter's tests on it and says what passes.

use std::collections::{BTreeMap, BTreeSet};

use super::copy::{Place, copy, replace_dir};
use super::holes::{Mode, holes, literal};
use super::libtest::{REACHES, compile_errors, explain, parse_tests};
use super::verify::failing_per_hole;
use super::{EXERCISES, LIMITS, READER_TARGET, cargo_in, plural};
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
    let short = short_name(&chapters, chapter);
    println!(
        "Wrote {dir}/: the code of {}, with {} exercises, each a `todo!()`:",
        title(&chapters, chapter),
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
    let short = short_name(&chapters, chapter);
    let dir = format!("{EXERCISES}/{}", chapter.crate_name);
    if !project.path(&dir).is_dir() {
        return Err(one(format!(
            "there is no copy of chapter {} to check yet: write one with `cargo xtask exercise {short}`",
            number(&chapters, chapter)
        )));
    }
    println!("Running the tests of {} on your code in {dir}/", title(&chapters, chapter));
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
        println!("{}", compile_errors(&printed, &dir));
        return Err(one("the copy does not compile".into()));
    }
    let mut results = results;
    results.sort_by(|a, b| a.name.cmp(&b.name));
    let mut reached: BTreeMap<&str, String> = BTreeMap::new();
    for result in &results {
        let verdict = if result.passed { "passed" } else { "FAILED" };
        println!("  {verdict}  {}", result.name);
        if !result.passed {
            let lines = explain(&result.message, &project.path(&dir), &dir);
            for line in &lines {
                println!("            {line}");
            }
            let hint = lines.iter().find_map(|l| l.strip_prefix(REACHES));
            reached.insert(&result.name, hint.unwrap_or_default().to_string());
        }
    }
    let total = results.len();
    if reached.is_empty() {
        let all =
            if total == 1 { "The test passes".into() } else { format!("All {total} tests pass") };
        println!("{all}: the exercises of chapter {} are done.", number(&chapters, chapter));
        match next_chapter(&chapters, chapter) {
            Some(next) => println!("Next, read {}: {}.", title(&chapters, next), next.path),
            None => println!("That was the last chapter with exercises."),
        }
        return Ok(());
    }
    let done = progress(project, &chapters, chapter, &generated, &dir, &reached)?;
    let holes = holes(chapter, &generated).len();
    println!(
        "{done} of {holes} exercises done; {} of {total} tests pass. `cargo test` in {dir}/ shows everything.",
        total - reached.len(),
    );
    Err(one(format!("{} of {total} tests fail", reached.len())))
}

/// Says, exercise by exercise, whether it is done: its `todo!()` is gone and the tests that
/// check it (those that fail with it alone left open) pass, or they fail only where they
/// reach another exercise. `failed` holds each failing test, with the hint of the `todo!()`
/// it stopped at (empty if it failed otherwise). Returns how many are done.
fn progress(
    project: &Project,
    chapters: &[Chapter],
    chapter: &Chapter,
    generated: &[Generated],
    dir: &str,
    failed: &BTreeMap<&str, String>,
) -> Result<usize, Problems> {
    println!("Exercise by exercise (working out which tests check which exercise):");
    let guarded = format!("{READER_TARGET}/guarded/{}", chapter.crate_name);
    let place = Place { dir: &guarded, target: READER_TARGET, nested: true };
    let checked_by = failing_per_hole(project, chapters, chapter, generated, &place)?;
    let place = Place { dir, target: READER_TARGET, nested: false };
    let copy = copy(project, chapters, chapter, generated, Mode::Holed, &place)?;
    let holes = holes(chapter, generated);
    let hints: Vec<&str> = holes.iter().map(|h| h.hint.as_str()).collect();
    let mut done = 0;
    for (number, file, _) in &copy.places {
        let hole = holes[number - 1];
        let todo = literal(&hole.hint);
        let path = format!("{dir}/{file}");
        let text = std::fs::read_to_string(project.path(&path)).unwrap_or_default();
        let status = if let Some(at) = text.lines().position(|l| l.contains(&todo)) {
            format!("to do, at {path}:{}", at + 1)
        } else {
            let (finished, status) = filled_in(*number, &checked_by[*number], failed, &hints);
            done += usize::from(finished);
            status
        };
        println!("  {number}. {}: {status}", hole.hint);
    }
    Ok(done)
}

/// How a filled-in exercise `number` stands, and whether it is done: `tests` check it,
/// `failed` are the failing tests with the hint each stopped at (empty: failed otherwise),
/// and `hints` are the exercises' hints, in order.
fn filled_in(
    number: usize,
    tests: &[String],
    failed: &BTreeMap<&str, String>,
    hints: &[&str],
) -> (bool, String) {
    let checking = plural(tests.len(), "test");
    let failing: Vec<&str> =
        tests.iter().map(String::as_str).filter(|t| failed.contains_key(t)).collect();
    if failing.is_empty() {
        return (true, format!("done: the {checking} checking it pass"));
    }
    // The exercises, other than this one, at whose `todo!()` its failing tests stop.
    let stopped_at = |test: &&str| hints.iter().position(|h| *h == failed[test]).map(|i| i + 1);
    let waiting: Option<BTreeSet<usize>> = failing.iter().map(stopped_at).collect();
    let waiting = waiting.unwrap_or_default().into_iter().filter(|n| *n != number);
    let waiting: Vec<String> = waiting.map(|n| n.to_string()).collect();
    let waiting = match waiting.split_last() {
        None => {
            let failing = failing.len();
            return (false, format!("filled in, but {failing} of the {checking} checking it fail"));
        }
        Some((last, [])) => format!("exercise {last}"),
        Some((last, rest)) => format!("exercises {} and {last}", rest.join(", ")),
    };
    let status = match tests.len() - failing.len() {
        0 => format!("filled in; the tests checking it stop first at {waiting}"),
        passing => format!(
            "filled in; {passing} of the {checking} checking it pass, the others stop first at {waiting}"
        ),
    };
    (false, status)
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
    // Named as the command takes them: a section by its whole name.
    let with: Vec<&str> = chapters
        .iter()
        .filter(|c| !holes(c, generated).is_empty())
        .map(|c| short_name(chapters, c))
        .collect();
    let with = match with.split_last() {
        Some((last, [])) => format!("only {last} has exercises"),
        Some((last, rest)) => format!("{} and {last} have exercises", rest.join(", ")),
        None => "no chapter has exercises".into(),
    };
    let Some(chapter) = find(chapters, name) else {
        return Err(one(format!("there is no chapter {name}; {with}")));
    };
    if holes(chapter, generated).is_empty() {
        let number = number(chapters, chapter);
        return Err(one(format!("chapter {number} has no exercises; {with}")));
    }
    Ok(chapter)
}

fn one(message: String) -> Problems {
    vec![Problem::new("cargo xtask exercise", 0, message)]
}

/// The chapter that `name` names: `ch04`, `04`, `4` or `ch04-autograd`.
pub fn find<'a>(chapters: &'a [Chapter], name: &str) -> Option<&'a Chapter> {
    let (wanted, slug) = number_and_slug(name);
    let wanted = wanted?;
    chapters.iter().find(|chapter| {
        let (number, chapter_slug) = number_and_slug(&chapter.crate_name);
        number == Some(wanted)
            && (slug.is_empty() || slug == chapter_slug)
            && !chapter.path.contains("/appendix-")
    })
}

/// `(Some(4), "autograd")` for `ch04-autograd`, and for a name as a reader gives it:
/// `(Some(4), "")` for `ch04`, `04` or `4`.
fn number_and_slug(name: &str) -> (Option<u32>, &str) {
    let name = name.strip_prefix("ch").unwrap_or(name);
    let (digits, slug) = name.split_once('-').unwrap_or((name, ""));
    (digits.parse().ok(), slug)
}

/// `4` for chapter 4; `6.1` and `6.2` for the sections that follow chapter 6 in
/// SUMMARY.md, which share its number.
fn number(chapters: &[Chapter], chapter: &Chapter) -> String {
    let of = |c: &Chapter| number_and_slug(&c.crate_name).0.unwrap_or(0);
    let before = chapters.iter().take_while(|c| c.path != chapter.path);
    match before.filter(|c| of(c) == of(chapter)).count() {
        0 => of(chapter).to_string(),
        section => format!("{}.{section}", of(chapter)),
    }
}

/// `ch04` for chapter 4; the whole name, as `ch06-training-ops`, for a section, which
/// shares its number with its chapter.
fn short_name<'a>(chapters: &[Chapter], chapter: &'a Chapter) -> &'a str {
    let prefix = crate::chapter::binary_prefix(&chapter.crate_name);
    match find(chapters, prefix) {
        Some(first) if first.path == chapter.path => prefix,
        _ => &chapter.crate_name,
    }
}

/// `chapter 4, "Backpropagation, automatic"`: its number and first heading.
fn title(chapters: &[Chapter], chapter: &Chapter) -> String {
    let heading = chapter.source.lines().find_map(|l| l.strip_prefix("# ")).unwrap_or("");
    format!("chapter {}, \"{}\"", number(chapters, chapter), heading.trim())
}

fn next_chapter<'a>(chapters: &'a [Chapter], chapter: &Chapter) -> Option<&'a Chapter> {
    let at = chapters.iter().position(|c| c.path == chapter.path)?;
    chapters[at + 1..].iter().find(|c| !c.path.contains("/appendix-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filled_in_exercise_is_done_when_the_tests_checking_it_pass() {
        let tests: Vec<String> = ["t::a", "t::b", "t::c"].map(String::from).to_vec();
        let hints = ["one", "two", "three"];
        let failed = |pairs: &[(&'static str, &str)]| -> BTreeMap<&'static str, String> {
            pairs.iter().map(|(t, h)| (*t, h.to_string())).collect()
        };
        let status = |f: &BTreeMap<&str, String>| filled_in(1, &tests, f, &hints);
        let other = failed(&[("t::x", "")]);
        assert_eq!(status(&other), (true, "done: the 3 tests checking it pass".into()));
        let waiting = failed(&[("t::a", "three"), ("t::b", "two")]);
        assert_eq!(
            status(&waiting).1,
            "filled in; 1 of the 3 tests checking it pass, the others stop first at exercises 2 and 3"
        );
        let all_waiting = failed(&[("t::a", "two"), ("t::b", "two"), ("t::c", "two")]);
        assert_eq!(
            status(&all_waiting).1,
            "filled in; the tests checking it stop first at exercise 2"
        );
        let wrong = failed(&[("t::a", ""), ("t::b", "two")]);
        assert_eq!(
            status(&wrong),
            (false, "filled in, but 2 of the 3 tests checking it fail".into())
        );
        let all_wrong = failed(&[("t::a", ""), ("t::b", ""), ("t::c", "")]);
        assert_eq!(status(&all_wrong).1, "filled in, but 3 of the 3 tests checking it fail");
    }

    #[test]
    fn a_chapter_without_exercises_names_those_with_them() {
        let holed = "# X\n\n```rust,file:src/lib.rs\nfn f() {\n    # // exercise: one\n    g();\n    # // end of exercise\n}\n```\n";
        let plain = "# X\n\n```rust,file:src/lib.rs\nfn f() {}\n```\n";
        let chapters = [
            Chapter::parse("chapters/03-a.md", holed.into()).unwrap(),
            Chapter::parse("chapters/04-b.md", plain.into()).unwrap(),
            Chapter::parse("chapters/05-c.md", holed.into()).unwrap(),
            Chapter::parse("chapters/06-d.md", holed.into()).unwrap(),
            Chapter::parse("chapters/06-e.md", plain.into()).unwrap(),
        ];
        let generated = crate::tangle::generate(&chapters).unwrap();
        let message =
            |name| with_exercises(&chapters, &generated, name).unwrap_err()[0].message.clone();
        let with = "ch03, ch05 and ch06 have exercises";
        assert_eq!(message("ch99"), format!("there is no chapter ch99; {with}"));
        assert_eq!(message("4"), format!("chapter 4 has no exercises; {with}"));
        assert_eq!(message("ch06-e"), format!("chapter 6.1 has no exercises; {with}"));
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
