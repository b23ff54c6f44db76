//! What a chapter may ask the xtask to do, and nothing more. The chapters are the project's
//! source and the xtask is their compiler, so everything a chapter can make it write or run
//! goes through the narrow forms below; anything else is refused at its chapter line.
//!
//! - A code fence that names a file: ```` ```LANG,file:PATH ```` or
//!   ```` ```LANG,crate:NAME,file:PATH ````. NAME is a package name (a lowercase ASCII
//!   letter, then lowercase letters, digits, `-` or `_`); the fence goes to `crates/NAME/`,
//!   by default the chapter's own crate `chNN-slug`. PATH is a path inside that crate,
//!   spelled one way only: segments of ASCII letters, digits, `_`, `-` and `.`, joined by
//!   single `/`, none empty or starting with `.` (so no `..`, no `./`, no hidden files), not
//!   absolute, ending in `.rs`, `.toml` or `.js` (the page script of chapter 10, live). Two paths that differ only in case are refused too.
//!   The chapter's own binaries are `src/bin/chNN-NAME.rs`. Words with `:` other than
//!   `crate:` and `file:` are refused, and so are words with `=`.
//! - A shown command: a ```` ```console ```` block whose first line is
//!   `$ cargo run [--release] [-p NAME] --bin chNN-NAME [-- ARG…]`, its options in any order,
//!   each at most once. Program arguments are words of ASCII letters, digits and `_ . , : =
//!   + - /`; no shell operators, quotes or expansions. Nothing else: no other cargo
//!   subcommand, no flag that changes where or how cargo builds. The block may say
//!   `console,timeout:SECONDS` to give its program more than the default time, and
//!   `console,stderr` to show what the program prints on stderr, interleaved with stdout.
//! - An image: `![alt](figures/NAME)`, NAME a file name the chapter's figures program draws.
//!   A link is external (`https:`, `http:`, `mailto:`) or relative, with no `..` and not
//!   absolute.

use std::time::Duration;

/// The time a shown program may run before it is stopped, unless its block asks for more:
/// a training loop of the later chapters runs for tens of seconds in a debug build on a busy
/// machine; a program that runs two minutes is stuck, not slow.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);

/// The most a block may ask for with `timeout:SECONDS`.
pub const MAX_TIMEOUT: Duration = Duration::from_secs(3600);

/// A shown command, as the xtask runs it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Shown {
    pub package: Option<String>,
    pub bin: String,
    pub release: bool,
    pub args: Vec<String>,
}

/// Checks a crate name given with `crate:`.
pub fn crate_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && name.len() <= 64;
    if valid {
        Ok(())
    } else {
        Err(format!(
            "`crate:{name}` is not a crate of this workspace: name a package such as `crate:micrograd` (lowercase letters, digits, `-`), which lives in `crates/NAME/`"
        ))
    }
}

/// Checks a file path given with `file:`, inside `crate_name`.
pub fn file_path(file: &str, crate_name: &str) -> Result<(), String> {
    let outside = || {
        format!(
            "fence target `{file}` is outside the crate `{crate_name}` or not spelled plainly: name a path inside it, such as `src/main.rs` (no `..`, `.`, empty or hidden parts, no leading `/`)"
        )
    };
    if file.is_empty() || file.len() > 200 {
        return Err(outside());
    }
    for segment in file.split('/') {
        let plain =
            segment.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.');
        if segment.is_empty() || segment.starts_with('.') || !plain {
            return Err(outside());
        }
    }
    if ![".rs", ".toml", ".js"].iter().any(|end| file.ends_with(end)) {
        return Err(format!(
            "cannot tangle into `{file}`: only .rs, .toml and .js files get a generated header"
        ));
    }
    Ok(())
}

/// Parses the command of a console block: `cargo run [--release] [-p NAME] --bin chNN-NAME
/// [-- ARG…]`.
pub fn shown_command(command: &str) -> Result<Shown, String> {
    let refuse = |why: String| {
        format!(
            "`{command}`: {why}; a shown command is `cargo run --bin chNN-name`, optionally with `--release`, `-p NAME` and program arguments after `--`"
        )
    };
    let words: Vec<&str> = command.split_ascii_whitespace().collect();
    let (options, args) = match words.iter().position(|w| *w == "--") {
        Some(i) => (&words[..i], &words[i + 1..]),
        None => (&words[..], &[][..]),
    };
    let ["cargo", "run", options @ ..] = options else {
        return Err(refuse("the book shows only `cargo run`".into()));
    };
    let (mut package, mut bin, mut release) = (None, None, false);
    let mut options = options.iter();
    while let Some(&option) = options.next() {
        match option {
            "--release" if !release => release = true,
            "-p" | "--bin" => {
                let Some(&value) = options.next() else {
                    return Err(refuse(format!("`{option}` needs a name after it")));
                };
                let slot = if option == "-p" { &mut package } else { &mut bin };
                if slot.replace(value.to_string()).is_some() {
                    return Err(refuse(format!("`{option}` is given twice")));
                }
            }
            other => return Err(refuse(format!("`{other}` is not allowed here"))),
        }
    }
    let Some(bin) = bin else {
        return Err(refuse("it names no `--bin`".into()));
    };
    if !is_binary_name(&bin) {
        return Err(refuse(format!("`{bin}` is not a binary name of the form `chNN-name`")));
    }
    if let Some(package) = &package {
        crate_name(package).map_err(|_| refuse(format!("`{package}` is not a package name")))?;
    }
    if let Some(arg) = args.iter().find(|a| !a.chars().all(is_argument_char)) {
        return Err(refuse(format!(
            "the argument `{arg}` holds a character a shell would treat specially"
        )));
    }
    let args = args.iter().map(|a| a.to_string()).collect();
    Ok(Shown { package, bin, release, args })
}

/// `chNN-name`: `ch`, two digits, `-`, then lowercase letters, digits and single `-`.
pub fn is_binary_name(bin: &str) -> bool {
    let Some(rest) = bin.strip_prefix("ch") else {
        return false;
    };
    let bytes = rest.as_bytes();
    bytes.len() > 3
        && bytes[..2].iter().all(u8::is_ascii_digit)
        && bytes[2] == b'-'
        && rest[3..].split('-').all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn is_argument_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_.,:=+-/".contains(c)
}

/// Parses `timeout:SECONDS` of a console block.
pub fn timeout(seconds: &str) -> Result<Duration, String> {
    match seconds.parse::<u64>() {
        Ok(s) if s > 0 && Duration::from_secs(s) <= MAX_TIMEOUT => Ok(Duration::from_secs(s)),
        _ => Err(format!(
            "`timeout:{seconds}`: give whole seconds, from 1 to {}",
            MAX_TIMEOUT.as_secs()
        )),
    }
}

/// Checks the target of an image: a figure, `figures/NAME`.
pub fn image(target: &str) -> Result<(), String> {
    let name = target.strip_prefix("figures/").unwrap_or("");
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
    if plain {
        Ok(())
    } else {
        Err(format!(
            "the image `{target}` is not a figure: show `figures/NAME`, drawn by the chapter's figures program"
        ))
    }
}

/// Checks the target of a link: external, or relative inside the book.
pub fn link(target: &str) -> Result<(), String> {
    if ["https:", "http:", "mailto:"].iter().any(|scheme| target.starts_with(scheme)) {
        return Ok(());
    }
    let path = target.split(['#', '?']).next().unwrap_or("");
    let escapes = path.starts_with('/')
        || path.contains('\\')
        || path.contains(':')
        || path.split('/').any(|segment| segment == "..");
    if escapes {
        Err(format!(
            "the link `{target}` leaves the book: link to a page or figure of the book by a relative path without `..`, or to an https: address"
        ))
    } else {
        Ok(())
    }
}

/// Checks a chapter's name as SUMMARY.md links to it: `NN-slug.md`, in chapters/, or
/// `appendix-slug.md` for an appendix, which holds no code (see [`appendix_code`]).
pub fn chapter_file(name: &str) -> Result<(), String> {
    let slug = name.strip_suffix(".md").unwrap_or("");
    let appendix =
        slug.strip_prefix("appendix-").is_some_and(|rest| is_binary_name(&format!("ch00-{rest}")));
    if is_binary_name(&format!("ch{slug}")) || appendix {
        Ok(())
    } else {
        Err(format!(
            "links to `{name}`, which is not a chapter file: chapters are `NN-slug.md` files in chapters/, appendices `appendix-slug.md`"
        ))
    }
}

/// An appendix explains; it has no crate of its own, so it may not tangle into one or run
/// code (a fence may still name another crate with `crate:`).
pub fn appendix_code(name: &str, fences: usize, runs: usize) -> Result<(), String> {
    if name.starts_with("appendix-") && fences + runs > 0 {
        Err("an appendix holds no code: a fence needs `crate:`, and shown commands belong in a chapter"
            .into())
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_book_s_forms_are_accepted() {
        for file in ["src/lib.rs", "Cargo.toml", "tests/nn.rs", "src/bin/ch10-a.rs", "web/live.js"]
        {
            assert_eq!(file_path(file, "micrograd"), Ok(()), "{file}");
        }
        let shown = shown_command("cargo run --bin ch01-slope").unwrap();
        assert_eq!(shown.bin, "ch01-slope");
        let shown =
            shown_command("cargo run --release -p ch10-moons --bin ch10-train -- 100 0.5").unwrap();
        assert_eq!(shown.package.as_deref(), Some("ch10-moons"));
        assert!(shown.release);
        assert_eq!(shown.args, ["100", "0.5"]);
        assert_eq!(image("figures/10-moons.svg"), Ok(()));
        assert_eq!(link("figures/10-moons.svg"), Ok(()));
        assert_eq!(link("05-node-reuse.md#the-bug"), Ok(()));
        assert_eq!(crate_name("micrograd"), Ok(()));
        assert_eq!(chapter_file("00-introduction.md"), Ok(()));
        assert_eq!(chapter_file("appendix-checks.md"), Ok(()));
        assert!(chapter_file("appendix-.md").is_err());
        assert!(appendix_code("appendix-checks.md", 1, 0).is_err());
        assert_eq!(appendix_code("appendix-checks.md", 0, 0), Ok(()));
    }

    #[test]
    fn escapes_and_other_spellings_are_refused() {
        for file in ["../x.rs", "/x.rs", "src/./lib.rs", "src//lib.rs", "src/", ".cargo/c.toml"] {
            assert!(file_path(file, "c").is_err(), "{file}");
        }
        for name in ["..", "../..", "a/b", "", "A", "-x"] {
            assert!(crate_name(name).is_err(), "{name}");
        }
        for command in [
            "cargo run --config=x --bin ch01-a",
            "cargo run --manifest-path=/x --bin ch01-a",
            "cargo new /path",
            "cargo install --root /p x",
            "cargo fmt",
            "cargo run --bin ch01-a -- && rm -rf x",
            "cargo run --bin ch01-a -- $(id)",
            "cargo run --bin ch01-a --bin ch01-b",
            "cargo run -p ../x --bin ch01-a",
            "cargo run --bin ../x",
            "cargo +nightly run --bin ch01-a",
            "cargo run",
        ] {
            assert!(shown_command(command).is_err(), "{command}");
        }
        for target in ["/etc/passwd", "../../x.svg", "figures/../x.svg", "https://x/y.svg"] {
            assert!(image(target).is_err(), "{target}");
        }
        for target in ["/etc/passwd", "../../x", "file:///etc/passwd"] {
            assert!(link(target).is_err(), "{target}");
        }
        assert!(chapter_file("../x.md").is_err());
        assert!(timeout("0").is_err() && timeout("x").is_err() && timeout("100000").is_err());
    }
}
