//! `ready lint`: read the checklists (and, when asked, run their probes), lint what each says
//! about itself, and write the findings as a listing, JSON or SARIF.

use std::path::PathBuf;

use jiff::civil::Date;

use crate::config;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::gate::lint::{self, Finding};
use crate::gate::{LintParams, Settings, assess_or_return};
use crate::model::{Notice, PolicyConfig, Severity};
use crate::probe::{Progress, RunOptions};
use crate::report::{findings, sarif};
use crate::workflow::check::{config_policy, lint_params, load_with_ledgers, run_probes};
use crate::workflow::links::links;
use crate::workflow::{Streams, exit_code, release};

/// `ready lint --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LintFormat {
    /// `file:line:col: severity[RL001 alias]: message`, one per line.
    Table,
    /// A JSON list of findings (see docs/LINT.md).
    Json,
    /// SARIF 2.1.0 for GitHub code scanning.
    Sarif,
}

/// What `ready lint` was asked to do.
#[derive(Debug, Clone)]
pub struct LintRequest {
    /// Checklist files or directories; empty means the defaults, as for `ready check`.
    pub paths: Vec<PathBuf>,
    /// `--config`.
    pub config: Option<PathBuf>,
    /// `--format`.
    pub format: LintFormat,
    /// `--deny warnings`: warnings fail the run too.
    pub deny_warnings: bool,
    /// `--today`: the day dates are judged by; default today (local time zone).
    pub today: Option<Date>,
    /// `--probes`: probe files to run, so a ticked claim whose probe fails is a finding.
    pub probe_files: Vec<PathBuf>,
    /// `--live`: also run the probe files `ready.yaml` lists.
    pub live: bool,
    /// `-q`: only the count of findings, for the table.
    pub quiet: bool,
    /// How probes run, when they do.
    pub run: RunOptions,
}

/// Runs `ready lint` and returns its exit code: 0 clean, 1 when there are errors (or warnings
/// with `--deny warnings`). Notes never fail a run.
pub fn lint(
    request: &LintRequest,
    context: &Context,
    progress: &mut dyn FnMut(Progress<'_>),
    streams: &mut Streams<'_>,
) -> Result<i32> {
    let found = config::resolve(&request.paths, request.config.as_deref(), &context.cwd)?;
    let params = lint_params(found.config.as_ref())?;
    let today = request.today.unwrap_or_else(|| context.today());
    let mut checklists = load_with_ledgers(&found.files)?;
    let mut notices: Vec<Notice> = found
        .config
        .as_ref()
        .map(|c| c.notices.clone())
        .unwrap_or_default();
    let probe_files = if request.live {
        config::check_probe_files(found.config.as_ref(), &request.probe_files)
    } else {
        request.probe_files.clone()
    };
    // Without probe files nothing runs: `lint` reads the documents unless asked for evidence.
    let probes = if probe_files.is_empty() {
        Vec::new()
    } else {
        run_probes(
            &mut checklists,
            &probe_files,
            context,
            &request.run,
            progress,
            &mut notices,
        )?
    };
    let (checklists, findings) =
        lint_all(checklists, probes, found.config.as_ref(), &params, today)?;

    let mut bytes = Vec::new();
    match request.format {
        LintFormat::Table => findings::table(&findings, checklists.len(), &mut bytes),
        LintFormat::Json => findings::json(&findings, &mut bytes),
        LintFormat::Sarif => sarif::lint_sarif(&findings, &checklists, &links(context), &mut bytes),
    }
    .map_err(Error::Output)?;
    if request.quiet && request.format == LintFormat::Table {
        // The last line: the count of findings.
        let text = String::from_utf8_lossy(&bytes);
        let last = text.lines().last().unwrap_or_default().to_owned();
        bytes = format!("{last}\n").into_bytes();
    }
    streams.write(&bytes)?;
    streams.warn(&notices);
    let failing = |f: &Finding| {
        f.severity == Severity::Error || (request.deny_warnings && f.severity == Severity::Warning)
    };
    let code = if findings.iter().any(failing) {
        exit_code::FINDINGS
    } else {
        exit_code::CLEAN
    };
    release((checklists, findings), context);
    Ok(code)
}

/// Lints every checklist in one assessment, as `ready check` judges them (the verdict claims
/// are held to the same verdict); checklists that cannot be scored are linted on their text.
/// The checklists are handed back in the order they came, with the findings.
fn lint_all(
    all: Vec<crate::model::Checklist>,
    probes: Vec<crate::model::Evidence>,
    config: Option<&config::Config>,
    params: &LintParams,
    today: Date,
) -> Result<(Vec<crate::model::Checklist>, Vec<Finding>)> {
    let policy = config_policy(config);
    let waivers = config.map(|c| c.waivers.clone()).unwrap_or_default();
    let settings = Settings {
        config: &policy,
        overrides: &PolicyConfig::default(),
        waivers: &waivers,
        today,
        notices: &[],
        lint: params,
        ratchet: None,
    };
    let order: Vec<String> = all.iter().map(|c| c.path.clone()).collect();
    // Those without task boxes, which an assessment leaves out, are kept here; the others are
    // assessed and come back, whether or not they could be.
    let (gated, mut unscored): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(crate::model::Checklist::has_task_boxes);
    let (mut findings, mut checklists) = match assess_or_return(gated, probes, &settings) {
        Ok(assessment) => (assessment.findings, assessment.checklists),
        Err(not) => {
            unscored.extend(not.unscored()?);
            (Vec::new(), Vec::new())
        }
    };
    for checklist in &unscored {
        findings.extend(lint::lint_unscored(checklist, today, params));
    }
    checklists.append(&mut unscored);
    // In the order the files were named, then by line.
    let place = |path: &str| order.iter().position(|p| p == path);
    checklists.sort_by_cached_key(|c| place(&c.path));
    findings.sort_by_key(|f| (place(&f.span.file), f.span.line, f.column));
    Ok((checklists, findings))
}

/// `ready lint --rules`.
pub fn lint_rules(streams: &mut Streams<'_>) -> Result<i32> {
    let mut bytes = Vec::new();
    findings::rules(&mut bytes).map_err(Error::Output)?;
    streams.write(&bytes)?;
    Ok(0)
}
