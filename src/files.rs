//! Bytes on disk and the text the readers see: decoding (BOMs, UTF-16, invalid UTF-8, CRLF),
//! mojibake repair, strict YAML, and writes that never leave half a file.
//!
//! Every reader — checklists, `ready.yaml`, ledgers, probe files — reads through
//! [`read_text`], so a file read differently from its bytes is mentioned whatever kind it is.
//! A Markdown checklist is first read in [`Blocks`], which hand out only text that decoding
//! would leave as it is, and is read through [`read_text`] as soon as it is not.

mod append;
mod atomic_write;
mod blocks;
mod every_core;
mod format;
pub(crate) mod git;
mod notice;
mod pattern;
mod repair;
mod span;
mod text;
mod words;
mod yaml;
mod yaml_pieces;

use std::path::Path;

pub(crate) use append::append_line;
pub(crate) use atomic_write::{write as write_atomic, write_new, write_with as write_atomic_with};
pub(crate) use blocks::{Block, Blocks};
pub(crate) use every_core::in_order as on_every_core;
pub(crate) use format::Format;
pub(crate) use notice::Notice;
#[cfg(test)]
pub(crate) use pattern::matches_without;
pub(crate) use pattern::{DIGITS, Found, Guarded, Pattern, regex, words};
pub(crate) use span::{FileName, Span};
pub(crate) use text::{Decoded, decode};
pub(crate) use words::{lowercase_words, normalise};
pub(crate) use yaml::from_str as yaml_from_str;
pub(crate) use yaml_pieces::{Piece as YamlPiece, pieces as yaml_pieces};

use crate::error::{Error, Result};

/// The `sha256:` digest of bytes, as evidence bundles and ledgers write it.
pub(crate) fn digest(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    use std::fmt::Write as _;
    Sha256::digest(bytes)
        .iter()
        .fold(String::from("sha256:"), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

/// The digest of a file's bytes.
pub(crate) fn digest_file(path: &Path) -> Result<String> {
    std::fs::read(path)
        .map(|bytes| digest(&bytes))
        .map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound {
                Error::NotFound {
                    path: path.display().to_string(),
                }
            } else {
                Error::Read {
                    path: path.display().to_string(),
                    source,
                }
            }
        })
}

/// What a file is read as: each kind has its own size limit, far above any real file of that
/// kind, so a device, an endless pipe or a runaway generator ends in an error, not a hang or
/// an exhausted machine. The limits are documented in docs/reliability.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Input {
    /// A Markdown or YAML checklist: 512 MiB (a 100 MB checklist is read in a few seconds).
    Checklist,
    /// `ready.yaml`: 16 MiB.
    Config,
    /// A probe file: 16 MiB (100,000 probes take about 10 MiB).
    ProbeFile,
    /// A sign-off ledger: 64 MiB (hundreds of thousands of signatures).
    Ledger,
    /// What `ready` itself wrote and reads back — a baseline report, an evidence bundle, a run
    /// history: 512 MiB, as large as the checklist they describe can make them.
    Report,
}

impl Input {
    /// The most bytes read from one file of this kind.
    pub(crate) fn limit(self) -> u64 {
        const MIB: u64 = 1024 * 1024;
        match self {
            Input::Checklist | Input::Report => 512 * MIB,
            Input::Config | Input::ProbeFile => 16 * MIB,
            Input::Ledger => 64 * MIB,
        }
    }

    fn what(self) -> &'static str {
        match self {
            Input::Checklist => "a checklist",
            Input::Config => "ready.yaml",
            Input::ProbeFile => "a probe file",
            Input::Ledger => "a sign-off ledger",
            Input::Report => "a report ready wrote",
        }
    }

    fn advice(self) -> &'static str {
        match self {
            Input::Checklist => {
                "split it into several checklists, which `ready check DIR` reads together"
            }
            Input::Config => "is it the file you meant?",
            Input::ProbeFile => "split it into several probe files",
            Input::Ledger => "archive old signatures in another file",
            Input::Report => "is it a file ready wrote? start a new history or record again",
        }
    }
}

/// Reads a file as text, with the notices of what decoding changed. `shown` in spans and
/// messages is the path as the user named it. At most `input`'s limit is read, whatever the
/// file claims to be (a FIFO or `/dev/zero` has no honest size).
pub(crate) fn read_text(path: &Path, input: Input) -> Result<Decoded> {
    use std::io::Read as _;
    let limit = input.limit();
    let file = std::fs::File::open(path).map_err(|e| Error::read(path, e))?;
    let too_large = || Error::TooLarge {
        path: path.display().to_string(),
        limit: show_size(limit),
        what: input.what(),
        advice: input.advice(),
    };
    let known = file.metadata().map_or(0, |m| m.len());
    if known > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(known).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::read(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    decode(&path.display().to_string(), &bytes)
}

/// Like [`read_text`], but a missing file is `None`: for files that may not exist yet, such as a
/// sign-off ledger before the first signature.
pub(crate) fn read_text_if_exists(path: &Path, input: Input) -> Result<Option<Decoded>> {
    match read_text(path, input) {
        Err(Error::NotFound { .. }) => Ok(None),
        other => other.map(Some),
    }
}

/// A size as people read it: `512 MiB`, `1.5 KiB`, `300 B`.
pub(crate) fn show_size(bytes: u64) -> String {
    bytesize::ByteSize::b(bytes).display().iec().to_string()
}
