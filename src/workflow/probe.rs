//! `ready probe`: run probe files alone and show what each probe saw.

use std::path::PathBuf;

use crate::config;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::probe::{self, Progress, RunOptions};
use crate::report::{Style, probes};
use crate::workflow::signoff::ListFormat;
use crate::workflow::{Streams, exit_code};

/// What `ready probe` was asked to do.
#[derive(Debug, Clone)]
pub struct ProbeRequest {
    /// Probe files; empty means those `ready.yaml` lists, else `./probes/`.
    pub files: Vec<PathBuf>,
    /// `--config`.
    pub config: Option<PathBuf>,
    /// The format on standard output.
    pub format: ListFormat,
    /// How the probes run.
    pub run: RunOptions,
}

/// Runs the probes; exit 1 when any failed, errored or timed out.
pub fn probe(
    request: &ProbeRequest,
    context: &Context,
    progress: &mut dyn FnMut(Progress<'_>),
    streams: &mut Streams<'_>,
) -> Result<i32> {
    let (files, config) =
        config::probe_files(&request.files, request.config.as_deref(), &context.cwd)?;
    if let Some(config) = &config {
        streams.warn(&config.notices);
    }
    let run = probe::run_files(&files, &context.vars, &request.run, progress)?;
    streams.warn(&run.notices);
    let style = Style {
        color: context.color_stdout(),
        width: Some(context.table_width()),
    };
    match request.format {
        ListFormat::Table => probes::write_table(&run.results, style, streams.out),
        ListFormat::Json => probes::write_json(&run.results, streams.out),
    }
    .and_then(|()| streams.out.flush())
    .map_err(Error::Output)?;
    let failed = run.results.iter().any(|r| r.outcome.is_failure());
    Ok(if failed {
        exit_code::NO_GO
    } else {
        exit_code::GO
    })
}
