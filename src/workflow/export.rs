//! `ready export`: the criteria tree of any checklist, as YAML or JSON.
//!
//! The policy that governs the checklist (its own, over the `ready.yaml` beside it) travels
//! with the tree, so checking the exported file anywhere gives the same verdict.

use std::path::{Path, PathBuf};

use crate::checklist::{self, yaml};
use crate::config;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::files;
use crate::model::PolicyConfig;
use crate::report::pretty;
use crate::workflow::check::config_policy;
use crate::workflow::{Streams, exit_code};

/// The formats `ready export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// The YAML checklist format, which `ready check` reads back.
    Yaml,
    /// The same tree as JSON.
    Json,
}

/// Writes the tree to `output` (atomically) or standard output.
pub fn export(
    file: &Path,
    format: ExportFormat,
    output: Option<&PathBuf>,
    context: &Context,
    streams: &mut Streams<'_>,
) -> Result<i32> {
    let loaded = checklist::load(file)?;
    let found = config::resolve(&[file.to_owned()], None, &context.cwd)?;
    if let Some(config) = &found.config {
        streams.warn(&config.notices);
    }
    let beside = config_policy(found.config.as_ref());
    let mut tree = yaml::export(&loaded);
    let policy = loaded.policy.clone().unwrap_or_default().or(&beside);
    tree.policy = (policy != PolicyConfig::default()).then_some(policy);
    let text = match format {
        ExportFormat::Yaml => yaml::to_yaml(&tree),
        ExportFormat::Json => pretty::to_text(&tree).map_err(|e| e.to_string()),
    }
    .map_err(|message| Error::Export {
        path: file.display().to_string(),
        message,
    })?;
    match output {
        Some(path) => files::write_atomic(path, text.as_bytes())?,
        None => streams.write(text.as_bytes())?,
    }
    Ok(exit_code::GO)
}
