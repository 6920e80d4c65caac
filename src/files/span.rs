//! Where something was written, so every later stage can point back at the line a person wrote.

use std::fmt;
use std::sync::Arc;

/// Where a node was written: the file as the user named it and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    /// Shared by the spans of one file: a long checklist has a span for every item and a fleet's
    /// probe file one for every probe, each of which held its own copy of the name.
    pub(crate) file: Arc<str>,
    pub(crate) line: u32,
}

impl Span {
    pub(crate) fn new(file: impl AsRef<str>, line: u32) -> Self {
        Self {
            file: Arc::from(file.as_ref()),
            line,
        }
    }

    /// A span in a file whose name the reader already holds shared.
    pub(crate) fn at(file: &Arc<str>, line: u32) -> Self {
        Self {
            file: Arc::clone(file),
            line,
        }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}
