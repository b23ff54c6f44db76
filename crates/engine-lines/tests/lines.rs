// Generated from chapters/appendix-engine.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 331e2a4f37f54641
//! Counts the lines of micrograd's engine, and of its `nn`, file by file.

/// A file's lines and, of those, its lines of code, leaving out the generated
/// first line and the unit tests, `#[cfg(test)] mod tests { … }`, but not what
/// follows them. A line of code is not blank and not a comment (`//`, `///` or
/// `//!`).
fn count(source: &str) -> (usize, usize) {
    let mut lines: Vec<&str> = source.lines().skip(1).collect();
    if let Some(start) = lines.iter().position(|l| *l == "#[cfg(test)]") {
        // The module's closing brace is the first `}` at the start of a line.
        let end = start
            + lines[start..]
                .iter()
                .position(|l| *l == "}")
                .expect("the tests module is closed");
        lines.drain(start..=end);
    }
    let code = lines
        .iter()
        .map(|line| line.trim())
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .count();
    (lines.len(), code)
}

#[test]
fn engine() {
    let engine = [
        ("lib.rs", include_str!("../../micrograd/src/lib.rs")),
        ("ops.rs", include_str!("../../micrograd/src/ops.rs")),
        ("walk.rs", include_str!("../../micrograd/src/walk.rs")),
        ("operands.rs", include_str!("../../micrograd/src/operands.rs")),
    ];
    let nn = include_str!("../../micrograd/src/nn.rs");
    let mut table = format!("{:<16}{:>6}{:>6}\n", "file", "lines", "code");
    let (mut lines, mut code) = (0, 0);
    for (name, source) in engine {
        let (l, c) = count(source);
        table += &format!("{name:<16}{l:>6}{c:>6}\n");
        (lines, code) = (lines + l, code + c);
    }
    table += &format!("{:<16}{lines:>6}{code:>6}\n", "the engine");
    let (l, c) = count(nn);
    table += &format!("{:<16}{l:>6}{c:>6}\n", "nn.rs");
    insta::assert_snapshot!(table);
}
