//! Files a probe reads from disk: a path or glob relative to the probe file, the files it
//! matches (each counted once however many paths reach it), which of them count (the newest,
//! or all), and whether they are fresh enough. Shared by `backup` and the kinds that read what a
//! CI job left behind (`junit`, `coverage`, `sarif`, `json`), so a stale or missing artifact
//! reads the same everywhere.

use crate::hash::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use serde::Deserialize;

use crate::probe::prepare::Prepare;
use crate::probe::readings::Readings;
use crate::probe::values::{show_duration, show_size};
use crate::probe::verify::{Failed, Seen};

/// Paths a pattern may match before the probe gives up rather than scan on.
const MAX_SCANNED: usize = 1_000_000;

/// The most bytes an artifact probe reads from one file: a test report or scan of a large
/// monorepo is tens of megabytes, never hundreds.
pub(crate) const MAX_ARTIFACT: u64 = 256 * 1024 * 1024;

/// A path or glob, resolved against the probe file's directory.
#[derive(Debug, Clone)]
pub(crate) struct Files {
    pattern: String,
    readings: Arc<Readings>,
}

/// One matching file.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub(crate) path: PathBuf,
    pub(crate) modified: SystemTime,
    pub(crate) len: u64,
}

impl Found {
    /// The file's name, for evidence.
    pub(crate) fn name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// How long ago it was written (a file from the future, clock skew, is brand new).
    pub(crate) fn age(&self) -> Duration {
        SystemTime::now()
            .duration_since(self.modified)
            .unwrap_or_default()
    }

    /// Its bytes, at most [`MAX_ARTIFACT`].
    pub(crate) fn read(&self) -> Result<Vec<u8>, Failed> {
        use std::io::Read as _;
        if self.len > MAX_ARTIFACT {
            return Err(Failed::error(format!(
                "{} is {}, larger than the {} an artifact probe reads",
                self.name(),
                show_size(self.len),
                show_size(MAX_ARTIFACT)
            )));
        }
        let mut bytes = Vec::new();
        std::fs::File::open(&self.path)
            .and_then(|f| f.take(MAX_ARTIFACT).read_to_end(&mut bytes))
            .map_err(|e| Failed::error(format!("cannot read {}: {e}", self.name())))?;
        Ok(bytes)
    }
}

impl Files {
    pub(crate) fn prepare(written: &str, cx: &Prepare<'_>) -> Result<Files, String> {
        let pattern = if Path::new(written).is_absolute() {
            written.to_owned()
        } else {
            let base = glob::Pattern::escape(&cx.base.to_string_lossy());
            if base.is_empty() {
                written.to_owned()
            } else {
                format!("{base}/{written}")
            }
        };
        glob::Pattern::new(&pattern)
            .map_err(|e| format!("path {written:?} is not a valid glob: {e}"))?;
        Ok(Files {
            pattern,
            readings: cx.shared.readings(),
        })
    }

    /// What `read` makes of `file` (one this pattern matched), read once for every probe of
    /// the run that reads the same file the same way at the same time.
    pub(crate) fn read<T: Send + Sync + 'static>(
        &self,
        file: &Found,
        read: fn(&Found) -> Result<T, Failed>,
    ) -> Result<Arc<T>, Failed> {
        let version = (file.path.clone(), file.modified, file.len);
        self.readings.get(version, || read(file))
    }

    /// What the probe reads, for its target.
    pub(crate) fn pattern(&self) -> &str {
        &self.pattern
    }

    /// Every regular file the pattern matches, each once, oldest first.
    pub(crate) fn matches(&self) -> Result<Vec<Found>, Failed> {
        let paths = glob::glob(&self.pattern).map_err(|e| Failed::error(e.to_string()))?;
        let mut files = Vec::new();
        // One file reached through several paths (a symlink loop, a link to a directory) is
        // one file: `min_count: 3` must not be met by the same file three times.
        let mut identities = HashSet::default();
        for (scanned, path) in paths.flatten().enumerate() {
            if scanned >= MAX_SCANNED {
                return Err(Failed::error(format!(
                    "more than {MAX_SCANNED} paths match {}; narrow the pattern",
                    self.pattern
                )));
            }
            let Ok(meta) = std::fs::metadata(&path) else {
                continue;
            };
            if !meta.is_file() || !identities.insert(file_identity(&path, &meta)) {
                continue;
            }
            let modified = meta.modified().map_err(|e| {
                Failed::error(format!("cannot read the time of {}: {e}", path.display()))
            })?;
            files.push(Found {
                path,
                modified,
                len: meta.len(),
            });
        }
        files.sort_by_key(|f| f.modified);
        Ok(files)
    }
}

/// Which matching files an artifact probe reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Select {
    /// Every match: test reports split across files (one per suite or shard).
    #[default]
    All,
    /// Only the most recently written one.
    Newest,
}

/// The files an artifact probe reads: the matches it selects, none older than `max_age`.
/// No match is a failure, and so is a stale one: evidence from an old run proves nothing
/// about this one.
pub(crate) fn select(
    files: &Files,
    select: Select,
    max_age: Option<Duration>,
) -> Result<Vec<Found>, Failed> {
    let mut found = files.matches()?;
    if found.is_empty() {
        return Err(Failed::fail(format!(
            "no file matches {}: did the step that writes it run?",
            files.pattern
        )));
    }
    if select == Select::Newest {
        found.drain(..found.len() - 1);
    }
    if let Some(max) = max_age
        && let Some(stale) = found.iter().find(|f| f.age() > max)
    {
        return Err(Failed::fail(format!(
            "{} is {} old, older than max_age {}: evidence from an earlier run",
            stale.name(),
            show_duration(stale.age()),
            show_duration(max)
        )));
    }
    Ok(found)
}

/// What makes two paths the same file: device and inode on Unix, the canonical path elsewhere.
#[cfg(unix)]
fn file_identity(_path: &Path, meta: &std::fs::Metadata) -> (u64, u64, PathBuf) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino(), PathBuf::new())
}

#[cfg(not(unix))]
fn file_identity(path: &Path, _meta: &std::fs::Metadata) -> (u64, u64, PathBuf) {
    (
        0,
        0,
        std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()),
    )
}

/// Runs a file-reading probe's look on a blocking thread, so a large report never stalls the
/// probes that wait on the network; `reading` names the work in the rare message that it
/// stopped.
pub(crate) async fn off_the_runtime<P: Clone + Send + 'static>(
    probe: &P,
    look: fn(&P) -> Seen,
    reading: &'static str,
) -> Seen {
    let probe = probe.clone();
    tokio::task::spawn_blocking(move || look(&probe))
        .await
        .map_err(|e| Failed::error(format!("{reading} stopped: {e}")))?
}

/// An XML element's attribute as text (empty when absent or malformed): JUnit and coverage
/// reports are read leniently, attribute by attribute.
pub(crate) fn xml_attribute(element: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> String {
    element
        .try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(std::borrow::Cow::into_owned)
        })
        .unwrap_or_default()
}
