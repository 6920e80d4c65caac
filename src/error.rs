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
    /// The file, as the user named it.
    pub file: String,
    /// 1-based.
    pub line: u32,
    /// 1-based, where the reader knows it.
    pub column: Option<u32>,
    /// The text of the line, to show beneath the message.
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
    pub(crate) fn with_source(self, text: &str) -> Self {
        self.with_source_in(text, 1)
    }

    /// Attaches the offending line, taken from `text`, a part of the input that begins on its
    /// line `first_line` (a piece of a checklist read in pieces).
    pub(crate) fn with_source_in(mut self, text: &str, first_line: u32) -> Self {
        let first = first_line.max(1);
        // Line 0, which no reader gives, is taken for the first, as it always was.
        let index = (first == 1 || self.line >= first).then(|| self.line.saturating_sub(first));
        self.source_line = index
            .and_then(|index| text.lines().nth(index as usize))
            .map(str::to_owned);
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
    /// An input file does not exist.
    #[error("{path}: no such file or directory")]
    NotFound {
        /// The file, as the user named it.
        path: String,
    },

    /// `--replay` against inputs that are not those the evidence was recorded against.
    #[error(
        "{path} changed since the evidence in {bundle} was recorded (recorded {recorded}, now {current}); replay against the inputs it was recorded with, or record again"
    )]
    EvidenceMismatch {
        /// The checklist or probe file, as named.
        path: String,
        /// The bundle directory.
        bundle: String,
        /// The digest in the bundle, or "not recorded".
        recorded: String,
        /// The digest now, or "not given".
        current: String,
    },

    /// A file could not be taken from a git revision (`ready diff main: launch.md`).
    #[error("{what}{fix}")]
    Git {
        /// What went wrong, naming the revision and the path.
        what: String,
        /// How to fix it, when there is a known fix (a shallow clone: fetch more history).
        fix: String,
    },

    /// An input file exists but cannot be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file, as the user named it.
        path: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },

    /// An input file is larger than `ready` reads for its kind: a limit, so a hostile or
    /// mistaken input (a device, an endless pipe, a huge file) ends in an error, not a hang.
    #[error("{path}: larger than the {limit} ready reads for {what}; {advice}")]
    TooLarge {
        /// The file, as the user named it.
        path: String,
        /// The limit, in humane units.
        limit: String,
        /// What kind of file it was read as ("a checklist").
        what: &'static str,
        /// How to get under the limit.
        advice: &'static str,
    },

    /// A file `ready` writes (a report, the ledger, an export) cannot be written.
    #[error("{path}: cannot write: {source}")]
    Write {
        /// The file, as the user named it.
        path: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },

    /// An input is binary, not text.
    #[error("{path}: not a text file ({reason}); expected a Markdown or YAML checklist")]
    NotText {
        /// The file, as the user named it.
        path: String,
        /// Why it is taken for binary.
        reason: String,
    },

    /// A directory given as a checklist holds no checklist.
    #[error(
        "{path}: no checklist in this directory (expected .md, .markdown, .yaml or .yml files)"
    )]
    EmptyDirectory {
        /// The file, as the user named it.
        path: String,
    },

    /// `ready summarize` was given directories that hold no JSON report.
    #[error(
        "{path}: no JSON report here (expected files written by `ready check --format json` or `--report json=PATH`)"
    )]
    NoReports {
        /// The directory or directories, as the user named them.
        path: String,
    },

    /// No path was given and there is no default to read.
    #[error(
        "no checklist given, and {dir} has neither a ready.yaml nor a checklists/ directory; \
         pass a checklist file or directory"
    )]
    NothingToCheck {
        /// The directory looked in.
        dir: String,
    },

    /// A file given as a checklist has an ending `ready` does not read.
    #[error("{path}: unsupported file type; expected .md, .markdown, .yaml or .yml")]
    UnsupportedType {
        /// The file, as the user named it.
        path: String,
    },

    /// The checklists hold no task boxes at all.
    #[error("nothing to gate: {paths} {verb} no task boxes or checklist items")]
    NothingToGate {
        /// The files concerned.
        paths: String,
        /// "has" or "have", to agree with `paths`.
        verb: &'static str,
    },

    /// No item counts toward the score, so no score can be given.
    #[error("nothing to gate: no item in {paths} counts toward the score: {why}")]
    NothingCounted {
        /// The files concerned.
        paths: String,
        /// What the task boxes are instead: sign-offs, optional, N/A, launch day or later.
        why: String,
    },

    /// Input that was read but is not what was expected there.
    #[error("{location}: {message}")]
    Invalid {
        /// Where, with the offending line.
        location: Location,
        /// What was expected there, or what went wrong.
        message: String,
    },

    /// A report format that `--mode each` does not write.
    #[error(
        "--format {format} is not written with --mode each; use table, json or markdown, or --mode combine"
    )]
    NotInEachMode {
        /// The format asked for.
        format: String,
    },

    /// A percentage setting outside 0–100.
    #[error("{path}: {name} must be between 0 and 100, got {value}")]
    OutOfRange {
        /// The file, as the user named it.
        path: String,
        /// The setting.
        name: &'static str,
        /// The value given.
        value: f64,
    },

    /// A flag that needs a value was given an empty one.
    #[error("{flag} must not be empty")]
    EmptyArgument {
        /// The flag.
        flag: &'static str,
    },

    /// `ready signoff sign` names a role the checklist does not have.
    #[error("{path}: no sign-off role {role:?} in this checklist; its roles are: {roles}.{hint}")]
    UnknownRole {
        /// The file, as the user named it.
        path: String,
        /// The role as typed.
        role: String,
        /// The roles the checklist has.
        roles: String,
        /// ` Did you mean "…"?`, or empty.
        hint: String,
    },

    /// `ready signoff sign` would read several checklists.
    #[error(
        "a sign-off is for one checklist, and {count} would be read: {names}; name the one to sign"
    )]
    SeveralToSign {
        /// How many checklists.
        count: usize,
        /// Their paths.
        names: String,
    },

    /// `ready init` would overwrite a file.
    #[error(
        "{paths} already exist{s}; ready init never overwrites a file. Move {them} aside or choose \
         another --dir",
        s = if *.one { "s" } else { "" },
        them = if *.one { "it" } else { "them" }
    )]
    WouldOverwrite {
        /// The files concerned.
        paths: String,
        /// Whether a single file is in the way (for the grammar).
        one: bool,
    },

    /// `ready probe` found no probe files to run.
    #[error(
        "no probe files in {dir}: name them (ready probe FILE…), list them under probes: in \
         ready.yaml, or put them in ./probes/"
    )]
    NoProbeFiles {
        /// The directory looked in.
        dir: String,
    },

    /// The tree cannot be written in the export format.
    #[error("{path}: cannot export: {message}")]
    Export {
        /// The file, as the user named it.
        path: String,
        /// What was expected there, or what went wrong.
        message: String,
    },

    /// A directory for a report file cannot be created.
    #[error("{path}: cannot create the directory: {source}")]
    CreateDir {
        /// The file, as the user named it.
        path: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },

    /// The asynchronous runtime for the probes cannot start.
    #[error("cannot start the probe runtime: {0}")]
    Runtime(#[source] std::io::Error),

    /// Standard output cannot be written (other than a closed pipe).
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

    /// The same error with its line taken from `text`: for a reader whose input must not be
    /// shown as it is (a probe file, whose passwords are masked only once there is an error).
    pub(crate) fn with_source(self, text: &str) -> Self {
        self.with_source_in(text, 1)
    }

    /// The same error with its line taken from `text`, a part of the input that begins on its
    /// line `first_line`.
    pub(crate) fn with_source_in(self, text: &str, first_line: u32) -> Self {
        match self {
            Error::Invalid { location, message } => Error::Invalid {
                location: location.with_source_in(text, first_line),
                message,
            },
            other => other,
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
