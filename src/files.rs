//! Bytes on disk and the text the readers see: decoding (BOMs, UTF-16, invalid UTF-8, CRLF),
//! mojibake repair, strict YAML, and writes that never leave half a file.
//!
//! Every reader — checklists, `ready.yaml`, ledgers, probe files — reads through
//! [`read_text`], so a file read differently from its bytes is mentioned whatever kind it is.

mod atomic_write;
mod format;
mod notice;
mod repair;
mod span;
mod text;
mod yaml;

use std::path::Path;

pub(crate) use atomic_write::{write as write_atomic, write_new};
pub(crate) use format::Format;
pub(crate) use notice::Notice;
pub(crate) use span::Span;
pub(crate) use text::{Decoded, decode};
pub(crate) use yaml::from_str as yaml_from_str;

use crate::error::{Error, Result};

/// Reads a file as text, with the notices of what decoding changed. `shown` in spans and
/// messages is the path as the user named it.
pub(crate) fn read_text(path: &Path) -> Result<Decoded> {
    let bytes = std::fs::read(path).map_err(|e| Error::read(path, e))?;
    decode(&path.display().to_string(), &bytes)
}

/// Like [`read_text`], but a missing file is `None`: for files that may not exist yet, such as a
/// sign-off ledger before the first signature.
pub(crate) fn read_text_if_exists(path: &Path) -> Result<Option<Decoded>> {
    match read_text(path) {
        Err(Error::NotFound { .. }) => Ok(None),
        other => other.map(Some),
    }
}

/// Compiles a built-in pattern; the unit tests exercise every one, so none fails at run time.
pub(crate) fn regex(pattern: &str) -> regex::Regex {
    regex::Regex::new(pattern).unwrap_or_else(|e| unreachable!("built-in pattern {pattern}: {e}"))
}
