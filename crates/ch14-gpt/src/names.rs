// Generated from chapters/14-gpt.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 4d929f35fd6ef9d8
//! The data: first names, and the tokens the model reads and writes.

/// The names, one per line: see data/README.md.
const NAMES: &str = include_str!("../data/names.txt");

/// The letters a–z are tokens 0–25; this one marks where a name starts and
/// where it ends.
pub const MARKER: usize = 26;

/// How many tokens there are.
pub const VOCAB: usize = 27;

/// Every name, in the file's order.
pub fn names() -> Vec<&'static str> {
    NAMES.lines().collect()
}

/// The tokens of `name`: the marker, its letters, the marker again.
///
/// # Panics
///
/// If `name` holds anything but the letters a–z.
pub fn encode(name: &str) -> Vec<usize> {
    let letter = |c: char| {
        assert!(c.is_ascii_lowercase(), "names are a–z only, not {c:?}");
        c as usize - 'a' as usize
    };
    let letters = name.chars().map(letter);
    [MARKER].into_iter().chain(letters).chain([MARKER]).collect()
}

/// The letter a token stands for; `.` for the marker.
pub fn letter(token: usize) -> char {
    match token {
        MARKER => '.',
        _ => (b'a' + token as u8) as char,
    }
}
