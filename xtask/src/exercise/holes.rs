//! The holes of a chapter: its marked lines, numbered, and a generated file with them
//! made `todo!()`s (the reader's copy) or guarded (the copy `verify` opens one at a time).

use std::collections::BTreeSet;

use crate::chapter::Chapter;
use crate::tangle::{Generated, GeneratedHole};

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
    if mode == Mode::Holed {
        allow_unused_where_holed(&mut out, &mut places);
    }
    let mut text = out.join("\n");
    text.push('\n');
    (text, places)
}

/// What a function holding a `todo!()` of the reader's copy is marked with: until the
/// exercise is done, the names it was to use go unused and the code after it is never
/// reached, and `cargo test` would start with a warning for each. Only those functions are
/// marked, and the comment says when to let the warnings back in, so that a mistake of the
/// reader's own is not hidden for long. (A warning elsewhere, such as an import or a method
/// only the exercise uses, is left to be seen: it is a hint.)
const ALLOW_UNUSED: &str =
    "#[allow(unused)] // for the todo!() below: delete this line once it is done";

/// Marks each function of `lines` that holds a `todo!()` at `places` (number, line from 1)
/// with [`ALLOW_UNUSED`], and moves the places down past the lines added.
fn allow_unused_where_holed(lines: &mut Vec<String>, places: &mut [(usize, usize)]) {
    let indent = |line: &str| line.len() - line.trim_start().len();
    let mut functions = BTreeSet::new();
    for &(_, line) in places.iter() {
        let todo = indent(&lines[line - 1]);
        let function =
            lines[..line - 1].iter().rposition(|l| indent(l) < todo && is_function(l.trim_start()));
        functions.extend(function);
    }
    for &at in functions.iter().rev() {
        let spaces = " ".repeat(indent(&lines[at]));
        lines.insert(at, format!("{spaces}{ALLOW_UNUSED}"));
        for (_, line) in places.iter_mut().filter(|(_, line)| *line > at) {
            *line += 1;
        }
    }
}

/// Whether a line (without its indent) starts a function: `fn`, `pub fn`, `pub(crate) fn`…
fn is_function(line: &str) -> bool {
    let mut words = line.split_whitespace().skip_while(|w| {
        w.starts_with("pub") || ["const", "async", "unsafe", "extern", "\"C\""].contains(w)
    });
    words.next() == Some("fn")
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
pub fn literal(hint: &str) -> String {
    format!("{:?}", hint.replace('{', "{{").replace('}', "}}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Problems;

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
        assert_eq!(places, vec![(1, 5), (2, 13)]);
        let lines: Vec<&str> = holed.lines().collect();
        assert_eq!(lines[4], "    todo!(\"multiply by {{two}}\");");
        assert_eq!(lines[12], "        todo!(\"add them \\\"up\\\"\");");
        // Each function with a hole, and only it, lets the names it leaves unused be.
        assert_eq!((lines[1], lines[2]), (ALLOW_UNUSED, "pub fn double(x: f64) -> f64 {"));
        assert_eq!((lines[8], lines[9]), (ALLOW_UNUSED, "pub fn add(a: f64, b: f64) -> f64 {"));
        assert_eq!(holed.matches(ALLOW_UNUSED).count(), 2);
        assert!(is_function("pub(crate) const unsafe fn f()") && !is_function("let fnord = 1;"));
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
}
