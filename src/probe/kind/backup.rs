//! `backup`: the newest file matching a glob is fresh enough and big enough, and there are
//! enough of them — "daily backups, RPO 24 hours" made checkable.

use std::time::Duration;

use serde::Deserialize;

use crate::probe::kind::artifacts::{self, Files};
use crate::probe::prepare::Prepare;
use crate::probe::values::{Dur, Size, Text, show_duration, show_size};
use crate::probe::verify::{Failed, Seen, Verify};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
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

#[derive(Debug, Clone)]
pub(crate) struct Backup {
    files: Files,
    max_age: Duration,
    min_size: Option<u64>,
    min_count: u32,
}

impl Backup {
    pub(crate) fn prepare(spec: Spec, cx: &mut Prepare<'_>) -> Result<Backup, String> {
        Ok(Backup {
            files: Files::prepare(spec.path.as_str(), cx)?,
            max_age: spec.max_age.0,
            min_size: spec.min_size.map(|s| s.0),
            min_count: spec.min_count.unwrap_or(1),
        })
    }

    fn look(&self) -> Seen {
        let files = self.files.matches()?;
        let count = files.len();
        if count < self.min_count as usize {
            return Err(Failed::fail(format!(
                "{count} file{} match{}, expected at least {}",
                if count == 1 { "" } else { "s" },
                if count == 1 { "es" } else { "" },
                self.min_count
            )));
        }
        let Some(newest) = files.last() else {
            return Err(Failed::fail("no file matches"));
        };
        let age = newest.age();
        let seen = format!(
            "newest of {count}: {}, {} old, {}",
            newest.name(),
            show_duration(age),
            show_size(newest.len)
        );
        if age > self.max_age {
            return Err(Failed::fail(format!(
                "{seen}: older than max_age {}",
                show_duration(self.max_age)
            )));
        }
        if let Some(min) = self.min_size
            && newest.len < min
        {
            return Err(Failed::fail(format!(
                "{seen}: smaller than min_size {}",
                show_size(min)
            )));
        }
        Ok(seen)
    }
}

impl Verify for Backup {
    fn target(&self) -> String {
        self.files.pattern().to_owned()
    }

    async fn verify(&self) -> Seen {
        artifacts::off_the_runtime(self, Self::look, "the backup scan").await
    }
}
