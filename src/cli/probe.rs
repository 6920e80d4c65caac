//! `ready probe`: run probe files alone, show what each probe saw, and exit 1 if any failed.

use std::path::{Path, PathBuf};

use ready_gate::config::Config;
use ready_gate::context::Context;
use ready_gate::error::Error;
use ready_gate::exit_code;
use ready_gate::probe;
use ready_gate::report::{Style, probes};

use crate::cli::args::{ListFormat, ProbeArgs};
use crate::cli::check::run_options;
use crate::cli::emit;
use crate::cli::progress::Bar;

pub fn run(args: ProbeArgs, context: &Context) -> anyhow::Result<i32> {
    let files = probe_files(&args, context)?;
    let mut bar = Bar::new(context);
    let results = probe::run_files(&files, &run_options(&args.run), &mut |event| {
        bar.update(event)
    })?;
    let style = Style {
        color: context.color_stdout(),
    };
    emit(|out| match args.format {
        ListFormat::Table => probes::write_table(&results, style, out),
        ListFormat::Json => probes::write_json(&results, out),
    })?;
    let failed = results.iter().any(|r| r.outcome.is_failure());
    Ok(if failed {
        exit_code::NO_GO
    } else {
        exit_code::GO
    })
}

/// The files given, else those ready.yaml lists, else every YAML file in ./probes/.
fn probe_files(args: &ProbeArgs, context: &Context) -> anyhow::Result<Vec<PathBuf>> {
    if !args.files.is_empty() {
        return Ok(args.files.clone());
    }
    let config = match &args.config {
        Some(path) => Some(Config::load(path)?),
        None => Config::find_in(Path::new(""))?,
    };
    if let Some(config) = config.filter(|c| !c.file.probes.is_empty()) {
        return Ok(config.probe_paths());
    }
    let dir = context.cwd.join("probes");
    if dir.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| Error::read(&dir, e))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .map(|p| Path::new("probes").join(p.file_name().unwrap_or_default()))
            .collect();
        files.sort();
        if !files.is_empty() {
            return Ok(files);
        }
    }
    Err(Error::Usage(format!(
        "no probe files in {}: name them (ready probe FILE…), list them under probes: in ready.yaml, or put them in ./probes/",
        context.cwd.display()
    ))
    .into())
}
