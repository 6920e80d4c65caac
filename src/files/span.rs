//! Where something was written, so every later stage can point back at the line a person wrote.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// Where a node was written: the file as the user named it and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) file: FileName,
    pub(crate) line: u32,
}

impl Span {
    pub(crate) fn new(file: impl AsRef<str>, line: u32) -> Self {
        Self {
            file: FileName::new(file.as_ref()),
            line,
        }
    }

    /// A span in a file whose name the reader already holds shared.
    pub(crate) fn at(file: &FileName, line: u32) -> Self {
        Self {
            file: file.clone(),
            line,
        }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A file's name as the user gave it, shared by the spans of that file: a long checklist has a
/// span for every item and a fleet's probe file one for every probe, each of which held its
/// own copy of the name. One pointer wide (`Arc<str>` is two), which makes every span, and so
/// every item of a long checklist, eight bytes smaller.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct FileName(Arc<Box<str>>);

impl FileName {
    pub(crate) fn new(name: &str) -> Self {
        Self(Arc::new(Box::from(name)))
    }
}

impl Deref for FileName {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl fmt::Debug for FileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}
