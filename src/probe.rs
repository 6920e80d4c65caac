//! Live probes: machine checks that confirm or contradict what a checklist's boxes claim. This is
//! the only asynchronous part of `ready`; everything it hands back is plain [`Evidence`].
//!
//! A probe file ([`file`]) defines probes; each has one *kind* (one module per kind under
//! [`kind`], all behind the [`verify::Verify`] trait), a binding to checklist items ([`bind`]), a
//! timeout and a retry count. The [`engine`] runs them concurrently and returns one
//! [`Evidence`] per probe, in the order the probes were defined, so the same inputs always give
//! the same report.

mod bind;
mod engine;
mod file;
mod kind;
mod lanes;
mod prepare;
mod readings;
pub(crate) mod recording;
mod redact;
pub(crate) mod values;
mod verify;

use crate::hash::HashMap;
use std::path::PathBuf;
use std::time::Duration;

pub use engine::{DEFAULT_CONCURRENCY, RunOptions};
pub(crate) use file::FileSpec;

use crate::error::Result;
use crate::model::{Checklist, Evidence, Notice, Span};
use kind::Kind;

/// How long one attempt of a probe may take unless the probe or the command line says otherwise.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// One probe, loaded, validated and ready to run.
#[derive(Debug)]
struct Probe {
    id: String,
    binding: Binding,
    kind: Kind,
    /// Per-attempt timeout; `None` takes the run's default.
    timeout: Option<Duration>,
    /// Extra attempts after a failure. A pass after a retry is reported as flaky.
    retries: u32,
    /// Where the probe is defined (the line of its `id`).
    span: Span,
}

/// Which checklist items a probe speaks for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Binding {
    /// Items whose text contains this, case-insensitively (`match:`).
    Text(String),
    /// The item with this id, or every item of the section with this number or id (`item:`).
    Item(String),
    /// Only the items that name the probe themselves (`<!-- probe: id -->`).
    Inline,
}

/// What a probe run produced: every result in plan order, and what decoding the probe files
/// changed.
#[derive(Debug, Default)]
pub(crate) struct Run {
    pub(crate) results: Vec<Evidence>,
    pub(crate) notices: Vec<Notice>,
    /// When the evidence was taken, if not just now: a replayed bundle's recording time.
    pub(crate) taken_at: Option<jiff::Timestamp>,
}

/// Loads probe files, binds them to the checklists' items, runs them, and attaches the
/// evidence to the items. With no probe files, nothing runs, but an item that names a probe is
/// still an error: its claim cannot be checked.
pub(crate) fn verify_checklists(
    checklists: &mut [Checklist],
    files: &[PathBuf],
    environment: &HashMap<String, String>,
    options: &RunOptions,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Run> {
    let set = file::load(files, environment)?;
    let bindings = bind::bind(&set.probes, checklists)?;
    if set.is_empty() {
        return Ok(Run {
            taken_at: None,
            results: Vec::new(),
            notices: set.notices,
        });
    }
    progress(Progress::Start(set.probes.len()));
    let results = engine::run(&set.probes, &set.secrets, options, |e| {
        progress(Progress::Done(e.into()));
    })?;
    progress(Progress::Finish);
    bind::apply(checklists, &bindings, &results);
    Ok(Run {
        taken_at: None,
        results,
        notices: set.notices,
    })
}

/// Runs probe files on their own, without a checklist (`ready probe`).
pub(crate) fn run_files(
    files: &[PathBuf],
    environment: &HashMap<String, String>,
    options: &RunOptions,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Run> {
    let set = file::load(files, environment)?;
    progress(Progress::Start(set.probes.len()));
    let results = engine::run(&set.probes, &set.secrets, options, |e| {
        progress(Progress::Done(e.into()));
    })?;
    progress(Progress::Finish);
    Ok(Run {
        taken_at: None,
        results,
        notices: set.notices,
    })
}

/// What a progress display hears about a run.
#[derive(Debug, Clone, Copy)]
pub enum Progress<'a> {
    /// This many probes are about to run.
    Start(usize),
    /// One probe finished.
    Done(Finished<'a>),
    /// Every probe finished.
    Finish,
}

/// A probe that finished, as a progress display shows it.
#[derive(Debug, Clone, Copy)]
pub struct Finished<'a> {
    /// The probe's id.
    pub id: &'a str,
    /// How it ended: `pass`, `fail`, `error`, `timeout` or `skipped`.
    pub outcome: &'static str,
}

impl<'a> From<&'a Evidence> for Finished<'a> {
    fn from(evidence: &'a Evidence) -> Self {
        Finished {
            id: &evidence.id,
            outcome: evidence.outcome.label(),
        }
    }
}

/// Reads a probe file's text in pieces of a few hundred bytes and whole, and panics if the
/// pieces read differently (for the fuzz target: the reader promises they never do).
#[cfg(feature = "fuzzing")]
pub(crate) fn assert_pieces_agree(text: &str, environment: &HashMap<String, String>) {
    file::assert_pieces_agree(text, environment);
}

/// Reads probe files without running them: how many probes they define (for the fuzz targets).
#[cfg(feature = "fuzzing")]
pub(crate) fn load_files(
    paths: &[std::path::PathBuf],
    environment: &HashMap<String, String>,
) -> Result<usize> {
    file::load(paths, environment).map(|set| set.probes.len())
}
