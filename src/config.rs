//! The project reader: `ready.yaml`, and the one place that decides which files a run reads.

mod file;
mod inputs;

pub(crate) use file::{CONFIG_FILE, Config, ConfigFile};
pub(crate) use inputs::{check_probe_files, probe_files, resolve};
