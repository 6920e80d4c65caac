//! Which kind of text a checklist file holds, by its name.

use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// The two checklist formats.
pub(crate) enum Format {
    Markdown,
    Yaml,
}

impl Format {
    /// The format a file name says, or `None` for a file that is not a checklist.
    pub(crate) fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" | "mdown" | "txt" => Some(Format::Markdown),
            "yaml" | "yml" => Some(Format::Yaml),
            _ => None,
        }
    }
}
