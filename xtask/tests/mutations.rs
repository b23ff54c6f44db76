//! The chapter parser under careless and hostile edits: thousands of seeded, random,
//! one- or two-edit copies of a small book are read and planned as `tangle` would. None
//! may panic; every refusal names a chapter file (or SUMMARY.md) and a line in it, and
//! `tangle` itself then refuses too, writing nothing; what is accepted writes only plain
//! paths under crates/.

use std::collections::BTreeMap;
use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Component, Path, PathBuf};

use xtask::chapter::Chapter;
use xtask::project::{Project, text};
use xtask::tangle;

const SUMMARY: &str = "# Summary\n\n[Intro](00-intro.md)\n\n- [Mutant](01-mutant.md)\n";

const INTRO: &str = "# Intro\n\nRun the first program:\n\n```console\n$ cargo run --bin ch01-hello\nhello\n...\n```\n";

const CHAPTER: &str = r#"# Mutant

```toml,file:Cargo.toml
[package]
name = "ch01-mutant"
version = "0.1.0"
edition = "2024"
```

A library, in two pieces:

```rust,file:src/lib.rs
# pub fn hidden() -> u32 {
#     1
# }
pub fn shown() -> u32 {
    hidden() + 1
}
```

```rust,file:src/lib.rs
pub fn more() -> u32 {
    2
}
```

```rust,file:src/bin/ch01-hello.rs
fn main() {
    println!("hello");
    println!("{}", ch01_mutant::shown());
}
```

1. Run it:

   ```console,timeout:30
   $ cargo run --bin ch01-hello -- 3 x
   hello
   ...
   ```

2. And elsewhere:

```console,stderr
$ cargo run --release -p ch01-mutant --bin ch01-hello
hello
2
```

```rust,crate:shared,file:src/lib.rs
pub const SHARED: u32 = 3;
```

```toml,crate:shared,file:Cargo.toml
[package]
name = "shared"
version = "0.1.0"
edition = "2024"
```

```text
not code
```

![a dot](figures/01-dot.svg)

[![a dot](figures/01-dot.svg)](figures/01-dot.svg) and [the intro](00-intro.md#intro).
"#;

/// Pieces a careless or hostile edit inserts.
const TOKENS: &[&str] = &[
    "```",
    "```\n",
    "\n```console\n",
    "\n```rust,file:",
    "$ cargo run --bin ch01-hello\n",
    "...\n",
    "crate:",
    "file:",
    "../",
    "/",
    "./",
    "\0",
    "\r",
    "~~~",
    "> ",
    "- ",
    "1. ",
    "    ",
    "\t",
    "![x](",
    "](",
    "#",
    "# ",
    ",",
    "=",
    "`",
    "\n",
    "src/",
    "ch01-",
    "timeout:",
    "stderr",
    "--release",
    " && ",
    ";",
    "é",
    "<img src=\"/",
    "-p ",
    "--bin ",
    " -- ",
    "Cargo.toml",
    ".rs",
    ".toml",
    "SRC/LIB.RS",
    "crate:shared,",
    "[",
    "]",
    "(",
    ")",
    "\\",
    "$ ",
];

/// A small, seeded generator (xorshift64*): the same mutations on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One random edit of `text`.
fn mutate(text: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = text.to_vec();
    let lines: Vec<(usize, usize)> = line_ranges(text);
    match rng.below(6) {
        0 => {
            let at = rng.below(out.len());
            let end = (at + 1 + rng.below(8)).min(out.len());
            out.drain(at..end);
        }
        1 => {
            let at = rng.below(out.len() + 1);
            let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
            out.splice(at..at, token.iter().copied());
        }
        2 => {
            let (start, end) = lines[rng.below(lines.len())];
            let line = out[start..end].to_vec();
            out.splice(start..start, line);
        }
        3 => {
            let (start, end) = lines[rng.below(lines.len())];
            out.drain(start..end);
        }
        4 => {
            let (a, b) = (lines[rng.below(lines.len())], lines[rng.below(lines.len())]);
            let (first, second) = if a.0 <= b.0 { (a, b) } else { (b, a) };
            if first.1 <= second.0 {
                let mut swapped = out[..first.0].to_vec();
                swapped.extend_from_slice(&out[second.0..second.1]);
                swapped.extend_from_slice(&out[first.1..second.0]);
                swapped.extend_from_slice(&out[first.0..first.1]);
                swapped.extend_from_slice(&out[second.1..]);
                out = swapped;
            }
        }
        _ => {
            let at = rng.below(out.len());
            out[at] = rng.below(256) as u8;
        }
    }
    out
}

/// The byte range of each line of `text`, its newline included.
fn line_ranges(text: &[u8]) -> Vec<(usize, usize)> {
    let mut ranges = vec![];
    let mut start = 0;
    for (i, byte) in text.iter().enumerate() {
        if *byte == b'\n' {
            ranges.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < text.len() {
        ranges.push((start, text.len()));
    }
    ranges
}

/// Every file under `root`, by relative path.
fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).expect("list a folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                let bytes = fs::read(&path).expect("read a file");
                found.insert(path.strip_prefix(root).expect("inside").to_path_buf(), bytes);
            }
        }
    }
    found
}

#[test]
fn thousands_of_mutated_chapters_never_panic_and_are_refused_at_a_line() {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mutations");
    let _ = fs::remove_dir_all(&base);
    // The book sits one level down, so that a write outside it would be seen in `base`.
    let root = base.join("book");
    let write = |relative: &str, bytes: &[u8]| {
        let path = root.join(relative);
        fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        fs::write(path, bytes).expect("write");
    };
    write("chapters/SUMMARY.md", SUMMARY.as_bytes());
    write("chapters/00-intro.md", INTRO.as_bytes());
    write("chapters/01-mutant.md", CHAPTER.as_bytes());
    let project = Project::new(&root);
    xtask::tangle(&project, tangle::Edits::Keep).expect("the unmutated book tangles");
    let tangled = files(&base);

    let mut rng = Rng(0x5eed_0fc0_ffee);
    let (mut refused, mut accepted) = (0, 0);
    // Most rounds in memory: reading, parsing and planning the files, as tangle does.
    for round in 0..6000 {
        let mutant = mutate(CHAPTER.as_bytes(), &mut rng);
        let mutant = if rng.below(4) == 0 { mutate(&mutant, &mut rng) } else { mutant };
        let path = "chapters/01-mutant.md";
        let shown = String::from_utf8_lossy(&mutant);
        let result = catch_unwind(AssertUnwindSafe(|| {
            let source = text(path, mutant.clone()).map_err(|p| vec![p])?;
            tangle::generate(&[Chapter::parse(path, source)?])
        }));
        let Ok(result) = result else {
            panic!("round {round}: parsing panicked on this chapter:\n{shown}");
        };
        match result {
            Ok(generated) => {
                accepted += 1;
                assert_plain(&generated, &shown);
            }
            Err(problems) => {
                refused += 1;
                let lines = line_ranges(&mutant).len();
                for problem in problems {
                    assert!(
                        problem.file == path && (1..=lines + 1).contains(&problem.line),
                        "round {round}: `{problem}` is not at a line of the chapter:\n{shown}"
                    );
                }
            }
        }
    }
    // Some rounds on disk, SUMMARY.md and the crates included, through `tangle` itself.
    for round in 0..150 {
        let (file, original) = match rng.below(10) {
            0 => ("chapters/SUMMARY.md", SUMMARY),
            1 => ("chapters/00-intro.md", INTRO),
            _ => ("chapters/01-mutant.md", CHAPTER),
        };
        let mut mutant = mutate(original.as_bytes(), &mut rng);
        if rng.below(4) == 0 {
            mutant = mutate(&mutant, &mut rng);
        }
        write(file, &mutant);
        let before = files(&base);
        let shown = String::from_utf8_lossy(&mutant);
        // What tangle would write, without writing it (writes are synced, hence slow).
        let planned = catch_unwind(AssertUnwindSafe(|| {
            project.chapters().and_then(|chapters| tangle::plan(&project, &chapters))
        }));
        let Ok(planned) = planned else {
            panic!("round {round}: reading the book panicked on this {file}:\n{shown}");
        };
        match planned {
            Ok(generated) => {
                accepted += 1;
                assert_plain(&generated, &shown);
            }
            Err(problems) => {
                refused += 1;
                let tangled =
                    catch_unwind(AssertUnwindSafe(|| xtask::tangle(&project, tangle::Edits::Keep)));
                let Ok(Err(also)) = tangled else {
                    panic!("round {round}: tangle did not refuse this {file}:\n{shown}");
                };
                assert_eq!(also, problems, "round {round}");
                assert!(files(&base) == before, "round {round}: a refused tangle wrote:\n{shown}");
                for problem in &problems {
                    let lines = fs::read(root.join(&problem.file))
                        .map(|bytes| line_ranges(&bytes).len())
                        .unwrap_or(0);
                    assert!(
                        problem.file.starts_with("chapters/")
                            && problem.line >= 1
                            && problem.line <= lines + 1,
                        "round {round}: `{problem}` is not at a line of a chapter, for this {file}:\n{shown}"
                    );
                }
            }
        }
        write(file, original.as_bytes());
    }
    assert!(files(&base) == tangled, "the book changed");
    eprintln!("mutations: {refused} refused, {accepted} accepted");
    // Both kinds must be common, or the test tests little.
    assert!(refused > 1000 && accepted > 1000, "refused {refused}, accepted {accepted}");
}

/// Asserts that every file tangle would write is at a plain path under crates/.
fn assert_plain(generated: &[tangle::Generated], chapter: &str) {
    for path in generated.iter().map(|g| Path::new(&g.path)) {
        let plain = path.components().all(|c| matches!(c, Component::Normal(_)));
        assert!(
            path.starts_with("crates") && plain,
            "tangle would write {path:?} for this chapter:\n{chapter}"
        );
    }
}
