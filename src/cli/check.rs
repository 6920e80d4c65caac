//! `ready check`: load, probe, assess, report, and exit with the verdict.

use std::path::PathBuf;

use ready_gate::config::PolicyConfig;
use ready_gate::context::Context;
use ready_gate::probe::{self, engine::RunOptions};
use ready_gate::report::{self, Format, Style};
use ready_gate::{assess, inputs};

use crate::cli::args::{CheckArgs, CheckFormat, RunArgs};
use crate::cli::emit;
use crate::cli::progress::Bar;

pub fn run(args: CheckArgs, context: &Context) -> anyhow::Result<i32> {
    let found = inputs::resolve(&args.paths, args.config.as_deref(), &context.cwd)?;
    let mut checklists = inputs::load_all(&found.files)?;
    let results = if args.no_probes {
        Vec::new()
    } else {
        let mut files: Vec<PathBuf> = found
            .config
            .as_ref()
            .map(|c| c.probe_paths())
            .unwrap_or_default();
        files.extend(args.probe_files.iter().cloned());
        dedup(&mut files);
        let mut bar = Bar::new(context);
        probe::verify_checklists(
            &mut checklists,
            &files,
            &run_options(&args.run),
            &mut |event| bar.update(event),
        )?
    };
    let config_policy = found.config.map(|c| c.file.policy).unwrap_or_default();
    let overrides = PolicyConfig {
        threshold: args.threshold,
        ..PolicyConfig::default()
    };
    let assessment = assess(checklists, results, &config_policy, &overrides)?;
    let format = match args.format {
        CheckFormat::Table => Format::Table,
        CheckFormat::Json => Format::Json,
    };
    let style = Style {
        color: context.color_stdout(),
    };
    let reporter = report::for_format(format, style);
    emit(|out| reporter.write(&assessment, out))?;
    Ok(assessment.verdict.exit_code())
}

pub fn run_options(args: &RunArgs) -> RunOptions {
    RunOptions {
        concurrency: args.concurrency,
        timeout: args.timeout,
        deadline: args.deadline,
        allow_exec: args.allow_exec,
    }
}

/// Drops repeated files (the same probe file from ready.yaml and --probes), keeping the first.
fn dedup(files: &mut Vec<PathBuf>) {
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(std::path::absolute(f).unwrap_or_else(|_| f.clone())));
}
