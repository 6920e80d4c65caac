//! `backup`: the newest file matching a glob is fresh enough and big enough, and there are
//! enough of them — "daily backups, RPO 24 hours" made checkable.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::Deserialize;

use crate::probe::prepare::Prepare;
use crate::probe::values::{Dur, Size, Text, show_duration, show_size};
use crate::probe::verify::{Failed, Seen, Verify};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Spec {
    /// A glob such as `/var/backups/db/*.sql.gz`, relative to the probe file.
    pub(crate) path: Text,
    /// The newest match must be younger than this (`26h` for a daily backup with slack).
    pub(crate) max_age: Dur,
    /// The newest match must be at least this big: an empty dump is not a backup.
    #[serde(default)]
    pub(crate) min_size: Option<Size>,
    /// At least this many files must match (retention). Default 1.
    #[serde(default)]
    pub(crate) min_count: Option<u32>,
}

#[derive(Debug)]
pub(crate) struct Backup {
    pattern: String,
    max_age: Duration,
    min_size: Option<u64>,
    min_count: u32,
}

impl Backup {
    pub(crate) fn prepare(spec: Spec, cx: &mut Prepare<'_>) -> Result<Backup, String> {
        let written = spec.path.as_str();
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
        Ok(Backup {
            pattern,
            max_age: spec.max_age.0,
            min_size: spec.min_size.map(|s| s.0),
            min_count: spec.min_count.unwrap_or(1),
        })
    }

    fn look(&self) -> Seen {
        let paths = glob::glob(&self.pattern).map_err(|e| Failed::error(e.to_string()))?;
        let mut files: Vec<(PathBuf, SystemTime, u64)> = Vec::new();
        // One file reached through several paths (a symlink loop, a link to a directory) is one
        // backup: `min_count: 3` must not be met by the same file three times.
        let mut seen_files = std::collections::HashSet::new();
        let mut scanned = 0usize;
        for path in paths.flatten() {
            scanned += 1;
            if scanned > MAX_SCANNED {
                return Err(Failed::error(format!(
                    "more than {MAX_SCANNED} paths match {}; narrow the pattern",
                    self.pattern
                )));
            }
            let Ok(meta) = std::fs::metadata(&path) else {
                continue;
            };
            if !meta.is_file() || !seen_files.insert(file_identity(&path, &meta)) {
                continue;
            }
            let modified = meta.modified().map_err(|e| {
                Failed::error(format!("cannot read the time of {}: {e}", path.display()))
            })?;
            files.push((path, modified, meta.len()));
        }
        let count = files.len();
        if count < self.min_count as usize {
            return Err(Failed::fail(format!(
                "{count} file{} match{}, expected at least {}",
                if count == 1 { "" } else { "s" },
                if count == 1 { "es" } else { "" },
                self.min_count
            )));
        }
        let Some((path, modified, size)) = files.into_iter().max_by_key(|(_, m, _)| *m) else {
            return Err(Failed::fail("no file matches"));
        };
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        // A file from the future (clock skew) counts as brand new.
        let age = SystemTime::now()
            .duration_since(modified)
            .unwrap_or_default();
        let seen = format!(
            "newest of {count}: {name}, {} old, {}",
            show_duration(age),
            show_size(size)
        );
        if age > self.max_age {
            return Err(Failed::fail(format!(
                "{seen}: older than max_age {}",
                show_duration(self.max_age)
            )));
        }
        if let Some(min) = self.min_size
            && size < min
        {
            return Err(Failed::fail(format!(
                "{seen}: smaller than min_size {}",
                show_size(min)
            )));
        }
        Ok(seen)
    }
}

/// Paths a backup pattern may match before the probe gives up rather than scan on.
const MAX_SCANNED: usize = 1_000_000;

/// What makes two paths the same file: device and inode on Unix, the canonical path elsewhere.
#[cfg(unix)]
fn file_identity(_path: &std::path::Path, meta: &std::fs::Metadata) -> (u64, u64, PathBuf) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino(), PathBuf::new())
}

#[cfg(not(unix))]
fn file_identity(path: &std::path::Path, _meta: &std::fs::Metadata) -> (u64, u64, PathBuf) {
    (
        0,
        0,
        std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()),
    )
}

impl Verify for Backup {
    fn target(&self) -> String {
        self.pattern.clone()
    }

    async fn verify(&self) -> Seen {
        let probe = Backup {
            pattern: self.pattern.clone(),
            ..*self
        };
        tokio::task::spawn_blocking(move || probe.look())
            .await
            .map_err(|e| Failed::error(format!("the backup scan stopped: {e}")))?
    }
}
