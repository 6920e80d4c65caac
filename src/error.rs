//! Errors that stop `ready` from evaluating at all.
//!
//! An open item, a failed probe or a NO-GO verdict is a *result*, never an `Err`. An `Err` means
//! the tool could not do its job (missing file, unreadable input, bad config), and always maps
//! to exit code 2. Each variant names the file and, where there is one, the line and what was
//! expected, so the CLI can show it the way a compiler would.

use std::path::Path;

/// A position in an input file, with the text of that line so the error can point at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub column: Option<u32>,
    pub source_line: Option<String>,
}

impl Location {
    /// A line of a file, without the text of the line.
    pub(crate) fn new(file: impl Into<String>, line: u32) -> Self {
        Self {
            file: file.into(),
            line,
            column: None,
            source_line: None,
        }
    }

    /// Attaches the offending line, taken from the input text.
    pub(crate) fn with_source(mut self, text: &str) -> Self {
        let index = self.line.saturating_sub(1) as usize;
        self.source_line = text.lines().nth(index).map(str::to_owned);
        self
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)?;
        if let Some(column) = self.column {
            write!(f, ":{column}")?;
        }
        Ok(())
    }
}

/// Why `ready` could not do its job. Every variant exits 2.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: no such file or directory")]
    NotFound { path: String },

    #[error("{path}: cannot read: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },

    #[error("{path}: cannot write: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },

    #[error("{path}: not a text file ({reason}); expected a Markdown or YAML checklist")]
    NotText { path: String, reason: String },

    #[error(
        "{path}: no checklist in this directory (expected .md, .markdown, .yaml or .yml files)"
    )]
    EmptyDirectory { path: String },

    #[error(
        "no checklist given, and {dir} has neither a ready.yaml nor a checklists/ directory; \
         pass a checklist file or directory"
    )]
    NothingToCheck { dir: String },

    #[error("{path}: unsupported file type; expected .md, .markdown, .yaml or .yml")]
    UnsupportedType { path: String },

    #[error("nothing to gate: {paths} {verb} no task boxes or checklist items")]
    NothingToGate { paths: String, verb: &'static str },

    #[error(
        "nothing to gate: no item in {paths} counts toward the score \
         (every item is optional, N/A, or planned for launch day or later)"
    )]
    NothingCounted { paths: String },

    /// Input that was read but is not what was expected there.
    #[error("{location}: {message}")]
    Invalid { location: Location, message: String },

    #[error("{path}: {name} must be between 0 and 100, got {value}")]
    OutOfRange {
        path: String,
        name: &'static str,
        value: f64,
    },

    #[error("{flag} must not be empty")]
    EmptyArgument { flag: &'static str },

    #[error("{path}: no sign-off role {role:?} in this checklist; its roles are: {roles}.{hint}")]
    UnknownRole {
        path: String,
        role: String,
        roles: String,
        /// ` Did you mean "…"?`, or empty.
        hint: String,
    },

    #[error(
        "a sign-off is for one checklist, and {count} would be read: {names}; name the one to sign"
    )]
    SeveralToSign { count: usize, names: String },

    #[error(
        "{paths} already exist{s}; ready init never overwrites a file. Move {them} aside or choose \
         another --dir",
        s = if *.one { "s" } else { "" },
        them = if *.one { "it" } else { "them" }
    )]
    WouldOverwrite { paths: String, one: bool },

    #[error(
        "no probe files in {dir}: name them (ready probe FILE…), list them under probes: in \
         ready.yaml, or put them in ./probes/"
    )]
    NoProbeFiles { dir: String },

    #[error("{path}: cannot export: {message}")]
    Export { path: String, message: String },

    #[error("{path}: cannot create the directory: {source}")]
    CreateDir {
        path: String,
        #[source]
        source: std::io::Error,
    },

    #[error("cannot start the probe runtime: {0}")]
    Runtime(#[source] std::io::Error),

    #[error("cannot write to standard output: {0}")]
    Output(#[source] std::io::Error),
}

impl Error {
    /// A failed read, with a missing file told apart.
    pub(crate) fn read(path: &Path, source: std::io::Error) -> Self {
        let path = path.display().to_string();
        if source.kind() == std::io::ErrorKind::NotFound {
            Error::NotFound { path }
        } else {
            Error::Read { path, source }
        }
    }

    /// Input that is not what was expected at `location`.
    pub(crate) fn invalid(location: Location, message: impl Into<String>) -> Self {
        Error::Invalid {
            location,
            message: message.into(),
        }
    }

    /// The location to underline, if the error has one.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::Invalid { location, .. } => Some(location),
            _ => None,
        }
    }
}

/// The library's result: an [`Error`] when `ready` could not do its job.
pub type Result<T, E = Error> = std::result::Result<T, E>;
