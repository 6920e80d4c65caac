//! `ready check`: load, probe, assess, report, and exit with the verdict.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use ready_gate::assessment::Settings;
use ready_gate::config::PolicyConfig;
use ready_gate::context::Context;
use ready_gate::model::Checklist;
use ready_gate::probe::{self, engine::RunOptions};
use ready_gate::report::{self, Format, Options, Report as _, Style};
use ready_gate::{assess, atomic_write, inputs, ledger};

use crate::cli::args::{CheckArgs, CheckFormat, RunArgs};
use crate::cli::emit;
use crate::cli::progress::Bar;

pub fn run(args: CheckArgs, context: &Context) -> anyhow::Result<i32> {
    let found = inputs::resolve(&args.paths, args.config.as_deref(), &context.cwd)?;
    let mut checklists = load_with_ledgers(&found.files)?;
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
    let config_policy = found
        .config
        .as_ref()
        .map(|c| c.file.policy.clone())
        .unwrap_or_default();
    let waivers = found
        .config
        .as_ref()
        .map(|c| c.waivers.clone())
        .unwrap_or_default();
    let overrides = PolicyConfig {
        threshold: args.threshold,
        strict: args.strict.then_some(true),
        ..PolicyConfig::default()
    };
    let settings = Settings {
        config: &config_policy,
        overrides: &overrides,
        waivers: &waivers,
        today: context.today(),
    };
    let assessment = assess(checklists, results, &settings)?;

    let links = context.links();
    let file_options = Options {
        style: Style::default(),
        links: links.clone(),
    };
    for (format, path) in &args.reports {
        let mut bytes = Vec::new();
        report::for_format(format_of(*format), &file_options).write(&assessment, &mut bytes)?;
        write_report(path, &bytes)?;
    }
    let stdout_options = Options {
        style: Style {
            color: context.color_stdout(),
        },
        links: links.clone(),
    };
    let reporter = report::for_format(format_of(args.format), &stdout_options);
    emit(|out| reporter.write(&assessment, out))?;

    if let Some(github) = &context.github {
        let mut stderr = std::io::stderr().lock();
        // A closed stderr must not change the verdict.
        let annotations = report::annotations::Annotations { links };
        let _ = annotations.write(&assessment, &mut stderr);
        if let Some(summary) = &github.step_summary {
            let mut bytes = Vec::new();
            report::for_format(Format::Markdown, &file_options).write(&assessment, &mut bytes)?;
            if let Err(e) = append(summary, &bytes) {
                let _ = writeln!(
                    stderr,
                    "warning: cannot append the job summary to {}: {e}",
                    summary.display()
                );
            }
        }
    }
    Ok(assessment.verdict.exit_code())
}

/// Loads each checklist and the sign-off ledger beside it.
pub fn load_with_ledgers(files: &[PathBuf]) -> anyhow::Result<Vec<Checklist>> {
    let mut checklists = inputs::load_all(files)?;
    for (checklist, file) in checklists.iter_mut().zip(files) {
        ledger::attach(checklist, file)?;
    }
    Ok(checklists)
}

fn format_of(format: CheckFormat) -> Format {
    match format {
        CheckFormat::Table => Format::Table,
        CheckFormat::Json => Format::Json,
        CheckFormat::Junit => Format::Junit,
        CheckFormat::Markdown => Format::Markdown,
        CheckFormat::Html => Format::Html,
        CheckFormat::Openmetrics => Format::OpenMetrics,
    }
}

/// Writes a report file atomically, creating its directory (`out/`) when missing.
fn write_report(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create the directory", dir.display()))?;
    }
    atomic_write::write(path, bytes)?;
    Ok(())
}

/// The job summary is the runner's file, shared by every step: append, as GitHub documents.
fn append(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)?;
    file.write_all(bytes)?;
    file.write_all(b"\n")
}

pub fn run_options(args: &RunArgs) -> RunOptions {
    RunOptions {
        concurrency: args.concurrency,
        timeout: args.timeout,
        deadline: args.deadline,
        allow_exec: args.allow_exec,
    }
}

/// Drops repeated files (the same probe file from ready.yaml and --probes, however each path
/// is spelled), keeping the first.
fn dedup(files: &mut Vec<PathBuf>) {
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| {
        let key = std::fs::canonicalize(f)
            .or_else(|_| std::path::absolute(f))
            .unwrap_or_else(|_| f.clone());
        seen.insert(key)
    });
}
