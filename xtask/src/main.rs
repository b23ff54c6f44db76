use std::path::PathBuf;
use std::process::ExitCode;

use xtask::problem::Problem;
use xtask::project::Project;
use xtask::tangle::Edits;

/// Every command, for `did you mean`.
const COMMANDS: &[&str] = &[
    "serve", "verify", "bless", "check", "tangle", "figures", "book", "bench", "wasm", "exercise",
    "help",
];

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    if let Some(i) = args.iter().position(|a| a == "--root") {
        let Some(dir) = args.get(i + 1).cloned() else {
            return usage("`--root` needs a folder after it");
        };
        root = PathBuf::from(dir);
        args.drain(i..=i + 1);
    }
    let project = Project::new(root.canonicalize().unwrap_or(root));
    let Some((command, options)) = args.split_first() else {
        eprint!("{}", xtask::HELP);
        return ExitCode::from(2);
    };
    let result = match command.as_str() {
        "bench" => match xtask::bench::Options::parse(options) {
            Ok(options) => xtask::bench::bench(&project, &options),
            Err(problem) => return usage(&problem),
        },
        "exercise" => return exercise(&project, options),
        "tangle" | "bless" | "serve" => {
            let allowed: &[&str] =
                if command == "serve" { &["--regenerate", "--force"] } else { &["--force"] };
            if let Some(other) = options.iter().find(|o| !allowed.contains(&o.as_str())) {
                return usage(&format!(
                    "`{command}` takes {}, not `{other}`",
                    allowed.join(" or ")
                ));
            }
            let has = |flag: &str| options.iter().any(|o| o == flag);
            let edits = if has("--force") { Edits::Discard } else { Edits::Keep };
            match command.as_str() {
                "tangle" => xtask::tangle(&project, edits),
                "bless" => xtask::bless::bless(&project, edits),
                _ if has("--regenerate") => {
                    xtask::bless::regenerate(&project, edits).and_then(|()| serve(&project))
                }
                _ if has("--force") => return usage("`serve --force` needs `--regenerate`"),
                _ => serve(&project),
            }
        }
        _ if !options.is_empty() => {
            return usage(&format!("`{command}` takes nothing after it, not `{}`", options[0]));
        }
        "verify" => xtask::verify(&project),
        "check" => xtask::check(&project),
        "figures" => xtask::figures(&project),
        "wasm" => xtask::wasm::build(&project),
        "book" => xtask::mdbook::build(&project)
            .map(|html| println!("{}", html.join("index.html").display()))
            .map_err(failed("mdbook build")),
        "help" | "--help" | "-h" => {
            print!("{}", xtask::HELP);
            Ok(())
        }
        other => {
            let guess = COMMANDS.iter().min_by_key(|c| distance(other, c)).expect("commands");
            return match distance(other, guess) <= 2 {
                true => usage(&format!("unknown command `{other}`; did you mean `{guess}`?")),
                false => usage(&format!("unknown command `{other}`")),
            };
        }
    };
    finish(result)
}

fn exercise(project: &Project, rest: &[String]) -> ExitCode {
    let (flags, names): (Vec<&String>, Vec<&String>) =
        rest.iter().partition(|a| a.starts_with('-'));
    let [name] = names.as_slice() else {
        return usage("`exercise` takes one chapter, as in `cargo xtask exercise ch04`");
    };
    let result = match flags.iter().map(|f| f.as_str()).collect::<Vec<_>>().as_slice() {
        [] => xtask::exercise::write(project, name, false),
        ["--force"] => xtask::exercise::write(project, name, true),
        ["--check"] => xtask::exercise::check(project, name),
        _ => return usage("`exercise` takes `--force` or `--check`, not both or others"),
    };
    finish(result)
}

/// Reports the problems a command found, if any, and exits accordingly.
fn finish(result: Result<(), Vec<Problem>>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            for problem in &problems {
                eprintln!("error: {problem}");
            }
            eprintln!("xtask: {} problem(s)", problems.len());
            ExitCode::FAILURE
        }
    }
}

/// Serves the book as it is on disk: nothing is built but the book itself.
fn serve(project: &Project) -> Result<(), Vec<Problem>> {
    xtask::mdbook::serve(project).map_err(failed("mdbook serve"))
}

fn failed(what: &'static str) -> impl Fn(String) -> Vec<Problem> {
    move |message| vec![Problem::new(what, 0, message)]
}

/// A usage error: one line, and where to find the commands.
fn usage(problem: &str) -> ExitCode {
    eprintln!("error: {problem}\n(`cargo xtask help` lists the commands)");
    ExitCode::from(2)
}

/// The Levenshtein distance: how many letters to insert, delete or replace to turn `a` into `b`.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, x) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let replaced = diagonal + usize::from(x != *y);
            diagonal = row[j + 1];
            row[j + 1] = replaced.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::distance;

    #[test]
    fn distance_counts_insertions_deletions_and_replacements() {
        assert_eq!(distance("verfy", "verify"), 1);
        assert_eq!(distance("serve", "serve"), 0);
        assert_eq!(distance("blesss", "bless"), 1);
        assert_eq!(distance("tnagle", "tangle"), 2);
        assert_eq!(distance("", "book"), 4);
    }
}
