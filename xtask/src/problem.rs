//! A problem found in the project, located at a file and line so it can be fixed.

use std::fmt;
use std::path::Path;

/// One thing wrong, at `file:line` (line 0 means the file as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// Everything wrong that a step found; a step that finds any stops the command.
pub type Problems = Vec<Problem>;

impl Problem {
    pub fn new(file: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Problem { file: file.into(), line, message: message.into() }
    }

    /// A failure of the file system, at `path` relative to the project root.
    pub fn io(path: &Path, action: &str, error: std::io::Error) -> Self {
        Problem::new(path.display().to_string(), 0, format!("cannot {action}: {error}"))
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.file, self.message),
            line => write!(f, "{}:{line}: {}", self.file, self.message),
        }
    }
}
