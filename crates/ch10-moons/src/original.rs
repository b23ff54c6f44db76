// Generated from chapters/10-moons.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 628d318b63e4c62a
//! The original demo's data set, starting weights and losses, read from the
//! text file `data/moons.txt`, which the script beside it wrote.

use std::fmt;

use crate::{Sample, Step};

/// What the file holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Original {
    /// The points and their labels.
    pub points: Vec<Sample>,
    /// The network's starting parameters, in micrograd's order.
    pub parameters: Vec<f64>,
    /// The original's loss and accuracy at each training step, run with each
    /// value's children in operand order.
    pub steps: Vec<Step>,
    /// The same, by the original unmodified: children in a set.
    pub unmodified: Vec<Step>,
}

/// A line of the file that could not be read: which, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

/// The file's text, built into the program, so that it runs from any folder.
const MOONS: &str = include_str!("../data/moons.txt");

/// The original's data, weights and losses.
///
/// # Panics
///
/// If the file built into the program does not parse.
pub fn load() -> Original {
    parse("data/moons.txt", MOONS).unwrap_or_else(|e| panic!("{e}"))
}

/// The sections of the file, and how many numbers a line of each holds.
const SECTIONS: [(&str, usize); 4] =
    [("points", 3), ("parameters", 1), ("steps", 2), ("unmodified", 2)];

/// Reads the text of a data file; `file` is its name, for error messages.
pub fn parse(file: &str, text: &str) -> Result<Original, ParseError> {
    let mut original = Original {
        points: vec![],
        parameters: vec![],
        steps: vec![],
        unmodified: vec![],
    };
    let mut seen: Vec<&str> = vec![];
    let mut lines = 0;
    for (index, line) in text.lines().enumerate() {
        lines = index + 1;
        let error = |message: String| ParseError {
            file: file.to_string(),
            line: index + 1,
            message,
        };
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[') {
            let name = name.strip_suffix(']').unwrap_or(name);
            if !SECTIONS.iter().any(|(known, _)| *known == name) {
                return Err(error(format!("unknown section [{name}]")));
            }
            if seen.contains(&name) {
                return Err(error(format!("a second [{name}] section")));
            }
            seen.push(name);
            continue;
        }
        let Some(&section) = seen.last() else {
            return Err(error("a line before any [section]".to_string()));
        };
        let mut numbers = vec![];
        for word in line.split_whitespace() {
            match word.parse::<f64>() {
                Ok(number) if number.is_finite() => numbers.push(number),
                _ => return Err(error(format!("`{word}` is not a number"))),
            }
        }
        // ... in the loop over the lines: a line's numbers, by section
        match (section, &numbers[..]) {
            ("points", &[x1, x2, y]) if y == -1.0 || y == 1.0 => {
                original.points.push(Sample { x: [x1, x2], y });
            }
            ("points", &[_, _, y]) => {
                return Err(error(format!("the label {y} is not -1 or 1")));
            }
            ("parameters", &[p]) => original.parameters.push(p),
            ("steps", &[loss, accuracy]) => {
                original.steps.push(Step { loss, accuracy });
            }
            ("unmodified", &[loss, accuracy]) => {
                original.unmodified.push(Step { loss, accuracy });
            }
            _ => {
                // ... an error: how many numbers a line of the section holds
                let (_, count) = SECTIONS
                    .iter()
                    .find(|(known, _)| *known == section)
                    .expect("only known sections are seen");
                let found = numbers.len();
                return Err(error(format!(
                    "a line of [{section}] holds {count} numbers, not {found}"
                )));
            }
        }
    }
    if let Some((missing, _)) =
        SECTIONS.iter().find(|(name, _)| !seen.contains(name))
    {
        return Err(ParseError {
            file: file.to_string(),
            line: lines,
            message: format!("the file ends with no [{missing}] section"),
        });
    }
    Ok(original)
}
