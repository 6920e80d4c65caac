//! One library call per command: what `ready check`, `ready lint`, `ready probe`,
//! `ready signoff`, `ready export` and `ready init` do, from the files a run reads to the bytes
//! it writes. The binary only parses arguments, calls one of these and shows errors.
//!
//! Every call writes its report to `out` and warnings to `err`, and returns the exit code (see
//! [`exit_code`]); an `Err` means the command could not do its job and always exits 2.

mod check;
mod diff;
pub mod exit_code;
mod export;
#[cfg(feature = "fuzzing")]
pub mod fuzz;
mod history;
mod init;
mod links;
mod lint;
mod probe;
mod schema;
mod signoff;
mod summarize;

use std::io;
use std::path::Path;

pub use check::{CheckRequest, check};
pub use diff::{DiffFormat, DiffRequest, diff};
pub use export::{ExportFormat, export};
pub use history::{DEFAULT_HISTORY, history};
pub use init::{Template, init};
pub use lint::{LintFormat, LintRequest, lint, lint_rules};
pub use probe::{ProbeRequest, probe};
pub use schema::{SchemaName, schema, schema_text};
pub use signoff::{ListFormat, SignRequest, sign, signoffs};
pub use summarize::{SummarizeRequest, SummaryFormat, summarize};

pub use crate::model::Mode;
pub use crate::probe::values::parse_duration;
pub use crate::probe::{DEFAULT_CONCURRENCY, Finished, Progress, RunOptions};
pub use crate::report::Format;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::Notice;

/// Lets go of what a command built once its output is written: freed now, or, when the
/// process exits next, left for the operating system, which takes it back at once where
/// freeing it would visit every item. Only plain data may be passed: nothing whose drop
/// writes, flushes or cleans up.
fn release<T>(built: T, context: &Context) {
    if context.exits_after_command {
        std::mem::forget(built);
    }
}

/// `-q` and `-v`: how much a command says beyond its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Verbosity {
    /// Only the verdict line (or the count of findings); the exit code is unchanged.
    pub quiet: bool,
    /// Also what was read, which probe spoke for which item, and how long it took, on
    /// standard error.
    pub verbose: bool,
}

/// Where a command writes: its report, and the warnings beside it.
#[expect(
    missing_debug_implementations,
    reason = "writers have no Debug; nothing would be shown"
)]
pub struct Streams<'a> {
    /// The report: standard output.
    pub out: &'a mut dyn io::Write,
    /// Warnings and annotations: standard error.
    pub err: &'a mut dyn io::Write,
}

impl Streams<'_> {
    /// Writes to `out`, naming standard output when it fails.
    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.out
            .write_all(bytes)
            .and_then(|()| self.out.flush())
            .map_err(Error::Output)
    }

    /// What reading the inputs noticed, as warnings on standard error. A closed stderr must not
    /// change the outcome, so its errors are ignored.
    fn warn(&mut self, notices: &[Notice]) {
        for notice in notices {
            let _ = writeln!(self.err, "warning: {notice}");
        }
    }
}

/// Writes a report file atomically, creating its directory: a reader (a textfile collector, a
/// CI upload) never sees half a file. The report is rendered straight into the file, so a large
/// one is not held in memory first.
pub(crate) fn write_report(
    path: &Path,
    render: impl FnOnce(&mut dyn io::Write) -> io::Result<()>,
) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| Error::CreateDir {
            path: dir.display().to_string(),
            source,
        })?;
    }
    crate::files::write_atomic_with(path, render)
}
