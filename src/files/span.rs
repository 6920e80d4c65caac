//! Where something was written, so every later stage can point back at the line a person wrote.

use std::fmt;

/// Where a node was written: the file as the user named it and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) file: String,
    pub(crate) line: u32,
}

impl Span {
    pub(crate) fn new(file: impl Into<String>, line: u32) -> Self {
        Self {
            file: file.into(),
            line,
        }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}
