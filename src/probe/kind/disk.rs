//! `disk`: the file system holding a path has enough free space.

use std::path::PathBuf;

use serde::Deserialize;

use crate::probe::prepare::Prepare;
use crate::probe::values::{Text, show_size};
use crate::probe::verify::{Failed, Seen, Verify};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Spec {
    /// Any path on the file system to check, relative to the probe file.
    pub(crate) path: Text,
    /// Free space (available to unprivileged users), as a percentage of the file system.
    pub(crate) min_free_percent: f64,
}

#[derive(Debug)]
pub(crate) struct Disk {
    path: PathBuf,
    min_free_percent: f64,
}

impl Disk {
    pub(crate) fn prepare(spec: Spec, cx: &mut Prepare<'_>) -> Result<Disk, String> {
        if !(0.0..=100.0).contains(&spec.min_free_percent) {
            return Err(format!(
                "min_free_percent must be between 0 and 100, got {}",
                spec.min_free_percent
            ));
        }
        Ok(Disk {
            path: cx.path(spec.path.as_str()),
            min_free_percent: spec.min_free_percent,
        })
    }

    fn look(&self) -> Seen {
        let stats = rustix::fs::statvfs(&self.path)
            .map_err(|e| Failed::fail(format!("cannot read {}: {e}", self.path.display())))?;
        let block = stats.f_frsize.max(1);
        let total = stats.f_blocks.saturating_mul(block);
        let available = stats.f_bavail.saturating_mul(block);
        if total == 0 {
            return Err(Failed::error(format!(
                "{} is on a file system that reports no size",
                self.path.display()
            )));
        }
        let percent = available as f64 / total as f64 * 100.0;
        let seen = format!(
            "{percent:.1}% free ({} of {})",
            show_size(available),
            show_size(total)
        );
        if percent < self.min_free_percent {
            return Err(Failed::fail(format!(
                "{seen}, below min_free_percent {}%",
                self.min_free_percent
            )));
        }
        Ok(seen)
    }
}

impl Verify for Disk {
    fn target(&self) -> String {
        self.path.display().to_string()
    }

    async fn verify(&self) -> Seen {
        let probe = Disk {
            path: self.path.clone(),
            min_free_percent: self.min_free_percent,
        };
        tokio::task::spawn_blocking(move || probe.look())
            .await
            .map_err(|e| Failed::error(format!("the disk check stopped: {e}")))?
    }
}
