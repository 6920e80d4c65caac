//! The command-line interface. Flags are a public interface: documented in docs/usage.md and kept
//! stable.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use ready_gate::workflow::{self, DEFAULT_CONCURRENCY};

/// A production-readiness gate: turns a Markdown or YAML readiness checklist into a scored,
/// explained GO / NO-GO verdict.
///
/// Exit codes: 0 GO, 1 NO-GO, 2 could not evaluate (usage, config or input error).
#[derive(Debug, Parser)]
#[command(name = "ready", version, about, long_about, term_width = 100)]
pub(super) struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// When to colour the output: auto (a terminal without `NO_COLOR`), always (CI logs render
    /// ANSI) or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, env = "READY_COLOR")]
    pub color: ColorChoice,
    /// Print only the verdict (check, summarize) or the count of findings (lint); the exit code is unchanged.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also say on standard error what was read, which probe spoke for which item, and how long
    /// it took.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub(super) enum Command {
    /// Score checklists and decide GO or NO-GO.
    Check(CheckArgs),
    /// Check what checklists say about themselves: scores, statuses, tallies, dates, targets.
    ///
    /// Exit codes: 0 no errors, 1 errors (or warnings with `--deny warnings`), 2 a file could not
    /// be read. `--rules` lists the rules; docs/LINT.md documents each.
    Lint(LintArgs),
    /// Compare two revisions of a checklist: every edit and the points of the score it moved.
    ///
    /// OLD and NEW are files, or git revisions of one: `ready diff HEAD~1 checklists/launch.md`,
    /// `ready diff main: checklists/launch.md`, `ready diff v1.2:launch.md v1.3:launch.md`.
    /// Exit codes: 0, or 1 with `--fail-on gaming` when the score or verdict rose while no item
    /// got better; 2 when a side cannot be read.
    Diff(DiffArgs),
    /// Show the readiness trend: from a history file, or from a JSON report committed to git.
    History(HistoryArgs),
    /// Summarize many services' JSON reports: one fleet table, worst first.
    ///
    /// REPORTS are files written by `ready check --format json` (or `--report json=PATH`) in
    /// each service's CI, or directories searched for them. Exit codes: 0 when no service is
    /// NO-GO, 1 when one is, 2 when a report cannot be read.
    Summarize(SummarizeArgs),
    /// Show the sign-off table: who must approve, and who has.
    Signoff(SignoffArgs),
    /// Run probe files on their own and show what each probe saw.
    Probe(ProbeArgs),
    /// Write the criteria tree of a checklist as YAML or JSON.
    Export(ExportArgs),
    /// Start a project: write ready.yaml, a checklist and a probe file from a template.
    Init(InitArgs),
    /// Print the JSON Schema of ready.yaml, YAML checklists, probe files, the JSON report or a summary.
    Schema(SchemaArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell).
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write one per command into a directory.
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub(super) struct CheckArgs {
    /// Checklist files or directories. Default: the checklists listed in ./ready.yaml, else ./checklists/.
    pub paths: Vec<PathBuf>,
    /// Output format on standard output.
    #[arg(long, value_enum, default_value_t = CheckFormat::Table)]
    pub format: CheckFormat,
    /// Also write a report to a file, as FORMAT=PATH (repeatable): junit=out/ready.xml,
    /// html=out/ready.html. Written atomically; missing directories are created.
    #[arg(long = "report", value_name = "FORMAT=PATH", value_parser = parse_report)]
    pub reports: Vec<(CheckFormat, PathBuf)>,
    /// Count waived blockers as blockers: no go-with-waivers.
    #[arg(long, env = "READY_STRICT", value_parser = clap::builder::BoolishValueParser::new())]
    pub strict: bool,
    /// Minimum readiness score (0–100) for GO; overrides ready.yaml and front matter. Default 90.
    #[arg(long, value_parser = parse_percent, env = "READY_THRESHOLD")]
    pub threshold: Option<f64>,
    /// Probe file to run against the checklist's items (repeatable); added to those ready.yaml lists.
    #[arg(long = "probes", value_name = "FILE")]
    pub probe_files: Vec<PathBuf>,
    /// Do not run live probes; judge the checklist by its boxes alone.
    #[arg(long, conflicts_with = "probe_files")]
    pub no_probes: bool,
    /// The day waivers, sign-off dates and the checklist's own dates are judged by, as
    /// YYYY-MM-DD. Default: today (local time zone).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<jiff::civil::Date>,
    /// The JSON report of an earlier run (the main branch's, say): NO-GO when this run is worse.
    /// An item that passed now failing, a must-have undone, or the score falling beyond
    /// --tolerance; flaky items never trip it by themselves. With --strict, a stale baseline
    /// (items improved since) fails too.
    #[arg(long, value_name = "REPORT.json")]
    pub baseline: Option<PathBuf>,
    /// Judge several checklists as one release (combine) or each alone, one verdict per
    /// checklist with the run as bad as its worst (each). Default: ready.yaml's `mode`, else
    /// combine.
    #[arg(long, value_enum)]
    pub mode: Option<ModeChoice>,
    /// Append this run to a JSON Lines history (created if missing); the HTML report then draws
    /// the trend. `ready history FILE` prints it.
    #[arg(long, value_name = "FILE")]
    pub history: Option<PathBuf>,
    /// Write the run's evidence bundle to this directory (DIR/evidence.json): every probe result
    /// and what it spoke for, bound to the digests of the checklists, probe files and policy.
    #[arg(long, value_name = "DIR", conflicts_with = "replay")]
    pub record: Option<PathBuf>,
    /// Take the evidence from a recorded bundle instead of running probes: offline, under this
    /// run's policy and flags. Refused when a checklist or probe file changed since.
    #[arg(long, value_name = "DIR", conflicts_with = "no_probes")]
    pub replay: Option<PathBuf>,
    /// With --replay: evidence recorded longer ago than this counts as missing (1h, 7d).
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, requires = "replay")]
    pub max_evidence_age: Option<Duration>,
    /// Points the score may fall below the baseline's.
    #[arg(long, value_name = "POINTS", default_value = "0", requires = "baseline", value_parser = parse_percent)]
    pub tolerance: f64,
    #[command(flatten)]
    pub run: RunArgs,
    /// Configuration file. Default: ready.yaml beside the first checklist.
    #[arg(long, value_name = "FILE", env = "READY_CONFIG")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(super) struct LintArgs {
    /// Checklist files or directories. Default: as for `ready check`.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LintFormat::Table)]
    pub format: LintFormat,
    /// Fail on warnings too: `--deny warnings`.
    #[arg(long, value_name = "LEVEL", value_parser = ["warnings"])]
    pub deny: Option<String>,
    /// The day dates are judged by, as YYYY-MM-DD. Default: today (local time zone).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<jiff::civil::Date>,
    /// Probe file to run (repeatable): a ticked item whose probe fails becomes a finding.
    #[arg(long = "probes", value_name = "FILE")]
    pub probe_files: Vec<PathBuf>,
    /// Also run the probe files ready.yaml lists.
    #[arg(long)]
    pub live: bool,
    /// List the rules with their ids, aliases and default severities, and exit.
    #[arg(long)]
    pub rules: bool,
    #[command(flatten)]
    pub run: RunArgs,
    /// Configuration file. Default: ready.yaml beside the first checklist.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(super) struct DiffArgs {
    /// The old revision: a file, REV:PATH, REV: (the new side's path) or REV.
    pub old: String,
    /// The new revision, in the same forms (usually the checklist in the working tree).
    pub new: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,
    /// Exit 1 when the diff is flagged: `--fail-on gaming`.
    #[arg(long, value_name = "WHAT", value_parser = ["gaming"])]
    pub fail_on: Option<String>,
    /// The day waivers are judged by, as YYYY-MM-DD. Default: today (local time zone).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<jiff::civil::Date>,
    #[command(flatten)]
    pub run_git: GitArgs,
}

/// How git is run; shared by `ready diff` and `ready history`.
#[derive(Debug, Args)]
pub(super) struct GitArgs {
    /// How long one git command may take before ready gives up on it with an error (a disk or
    /// network mount that hangs). Default: 1m.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, env = "READY_GIT_TIMEOUT")]
    pub git_timeout: Option<Duration>,
}

#[derive(Debug, Args)]
pub(super) struct HistoryArgs {
    /// The history file `ready check --history` appends to. Default: .ready/history.jsonl.
    #[arg(conflicts_with = "git")]
    pub file: Option<PathBuf>,
    /// Read the history from git instead: every commit that changed this JSON report.
    #[arg(long, value_name = "REPORT.json")]
    pub git: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    #[command(flatten)]
    pub run_git: GitArgs,
}

#[derive(Debug, Args)]
pub(super) struct SummarizeArgs {
    /// JSON report files, or directories holding them (searched recursively).
    #[arg(required = true, value_name = "REPORTS")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Table)]
    pub format: SummaryFormat,
    /// Also write the summary to a file, as FORMAT=PATH (repeatable): json=fleet.json,
    /// html=fleet.html. Written atomically; missing directories are created.
    #[arg(long = "report", value_name = "FORMAT=PATH", value_parser = parse_summary_report)]
    pub reports: Vec<(SummaryFormat, PathBuf)>,
    /// Group the services by this label from their ready.yaml `labels:` (owner, team, …).
    #[arg(long, value_name = "LABEL")]
    pub group_by: Option<String>,
    /// An earlier `--format json` summary: show what changed since (verdicts, scores, services
    /// new or gone).
    #[arg(long, value_name = "SUMMARY.json")]
    pub previous: Option<PathBuf>,
    /// A report older than this counts as stale: its service stopped reporting.
    #[arg(long, value_name = "DURATION", default_value = "1d", value_parser = parse_duration)]
    pub max_age: Duration,
    /// Call out active waivers whose last day falls within this window.
    #[arg(long, value_name = "DURATION", default_value = "7d", value_parser = parse_duration)]
    pub expiring: Duration,
    /// The day waiver ends are counted from, as YYYY-MM-DD. Default: today (local time zone).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<jiff::civil::Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// Groups and services for the terminal.
    Table,
    /// The stable JSON shape that `--previous` reads back.
    Json,
    /// Markdown for a job summary or an issue.
    Markdown,
    /// One self-contained page.
    Html,
}

impl From<SummaryFormat> for workflow::SummaryFormat {
    fn from(format: SummaryFormat) -> Self {
        match format {
            SummaryFormat::Table => workflow::SummaryFormat::Table,
            SummaryFormat::Json => workflow::SummaryFormat::Json,
            SummaryFormat::Markdown => workflow::SummaryFormat::Markdown,
            SummaryFormat::Html => workflow::SummaryFormat::Html,
        }
    }
}

fn parse_summary_report(value: &str) -> Result<(SummaryFormat, PathBuf), String> {
    let (format, path) = value
        .split_once('=')
        .ok_or_else(|| format!("expected FORMAT=PATH such as json=fleet.json, got {value:?}"))?;
    let format = SummaryFormat::from_str(format.trim(), true).map_err(|_| {
        format!("unknown summary format {format:?}; expected table, json, markdown or html")
    })?;
    if path.is_empty() {
        return Err(format!(
            "expected a path after {value:?}, as in json=fleet.json"
        ));
    }
    Ok((format, PathBuf::from(path)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Every edit with its points, for the terminal.
    Table,
    /// The stable JSON shape.
    Json,
    /// Markdown for a pull-request comment.
    Markdown,
}

impl From<DiffFormat> for workflow::DiffFormat {
    fn from(format: DiffFormat) -> Self {
        match format {
            DiffFormat::Table => workflow::DiffFormat::Table,
            DiffFormat::Json => workflow::DiffFormat::Json,
            DiffFormat::Markdown => workflow::DiffFormat::Markdown,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    /// One finding per line, compiler style.
    Table,
    /// A JSON list of findings.
    Json,
    /// SARIF 2.1.0 for GitHub code scanning.
    Sarif,
}

impl From<LintFormat> for workflow::LintFormat {
    fn from(format: LintFormat) -> Self {
        match format {
            LintFormat::Table => workflow::LintFormat::Table,
            LintFormat::Json => workflow::LintFormat::Json,
            LintFormat::Sarif => workflow::LintFormat::Sarif,
        }
    }
}

fn parse_date(value: &str) -> Result<jiff::civil::Date, String> {
    value
        .trim()
        .parse()
        .map_err(|_| format!("expected a date such as 2026-06-15, got {value:?}"))
}

/// How probes run; shared by `ready check`, `ready lint` and `ready probe`.
#[derive(Debug, Args)]
pub(super) struct RunArgs {
    /// Let `command` probes run programs (off by default: a checklist in a pull request must not run code in CI).
    #[arg(long)]
    pub allow_exec: bool,
    /// Probes in flight at once.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_CONCURRENCY, value_parser = parse_concurrency)]
    pub concurrency: usize,
    /// Timeout of one probe attempt, for probes that set none (500ms, 10s, 1m).
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "10s", env = "READY_TIMEOUT")]
    pub timeout: Duration,
    /// Deadline for the whole probe run; probes still running then are reported as timed out.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, env = "READY_DEADLINE")]
    pub deadline: Option<Duration>,
}

#[derive(Debug, Args)]
pub(super) struct ProbeArgs {
    /// Probe files. Default: the probe files listed in ./ready.yaml, else ./probes/.
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    #[command(flatten)]
    pub run: RunArgs,
    /// Configuration file that lists probe files. Default: ./ready.yaml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub(super) struct SignoffArgs {
    #[command(subcommand)]
    pub action: Option<SignoffAction>,
    /// Checklist files or directories (same defaults as `ready check`).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Configuration file. Default: ready.yaml beside the first checklist.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub(super) enum SignoffAction {
    /// Record a sign-off in the ledger beside the checklist, bound to its current content.
    Sign(SignArgs),
}

#[derive(Debug, Args)]
pub(super) struct SignArgs {
    /// The role signing, as the checklist's sign-off section names it (case does not matter).
    #[arg(long)]
    pub role: String,
    /// Who signs.
    #[arg(long)]
    pub name: String,
    /// Why, or what was reviewed.
    #[arg(long)]
    pub note: Option<String>,
    /// The checklist to sign. Default: the one checklist `ready check` would read.
    pub path: Option<PathBuf>,
    /// Configuration file. Default: ready.yaml beside the checklist.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Also write an unsigned in-toto statement of this signature (SCAI predicate) into
    /// NAME.attestations/ beside the ledger, for `cosign attest-blob` or `actions/attest` to sign.
    #[arg(long)]
    pub attest: bool,
}

#[derive(Debug, Args)]
pub(super) struct InitArgs {
    /// Template to start from.
    #[arg(long, value_enum, default_value_t = Template::ServiceLaunch)]
    pub template: Template,
    /// Directory to write into (created if missing). Default: the working directory.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Template {
    /// A Markdown service-launch checklist with must/should groups, weights and sign-offs.
    ServiceLaunch,
    /// The same checklist in YAML.
    ServiceLaunchYaml,
}

#[derive(Debug, Args)]
pub(super) struct SchemaArgs {
    /// Which schema (the files under schemas/ are these).
    #[arg(value_enum)]
    pub name: SchemaChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModeChoice {
    /// One release made of several files: one score and verdict.
    Combine,
    /// One checklist per service: a verdict each.
    Each,
}

impl From<ModeChoice> for workflow::Mode {
    fn from(mode: ModeChoice) -> Self {
        match mode {
            ModeChoice::Combine => workflow::Mode::Combine,
            ModeChoice::Each => workflow::Mode::Each,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaChoice {
    /// ready.yaml.
    ReadyYaml,
    /// A YAML checklist.
    Checklist,
    /// A probe file.
    Probes,
    /// The JSON report of `ready check --format json`.
    Report,
    /// The fleet summary of `ready summarize --format json`.
    Summary,
}

impl From<SchemaChoice> for workflow::SchemaName {
    fn from(name: SchemaChoice) -> Self {
        match name {
            SchemaChoice::ReadyYaml => workflow::SchemaName::ReadyYaml,
            SchemaChoice::Checklist => workflow::SchemaName::Checklist,
            SchemaChoice::Probes => workflow::SchemaName::Probes,
            SchemaChoice::Report => workflow::SchemaName::Report,
            SchemaChoice::Summary => workflow::SchemaName::Summary,
        }
    }
}

#[derive(Debug, Args)]
pub(super) struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub(super) struct ManArgs {
    /// Write ready.1 and one page per command (ready-check.1, …) into this directory instead.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(super) struct ExportArgs {
    /// The checklist to export (Markdown or YAML).
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Yaml)]
    pub format: ExportFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// A terminal report.
    Table,
    /// The stable machine contract (see docs/reports.md).
    Json,
    /// JUnit XML for CI test reports.
    Junit,
    /// Markdown for pull-request comments and job summaries.
    Markdown,
    /// One self-contained HTML page.
    Html,
    /// OpenMetrics text for Prometheus.
    Openmetrics,
    /// SARIF 2.1.0 for GitHub code scanning: blockers and lint findings on their lines.
    Sarif,
    /// An unsigned in-toto Statement (test-result predicate) to sign and attach to a release.
    Intoto,
}

/// Formats of the listing commands (`ready probe`, `ready signoff`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Yaml,
    Json,
}

fn parse_report(value: &str) -> Result<(CheckFormat, PathBuf), String> {
    let (format, path) = value.split_once('=').ok_or_else(|| {
        format!("expected FORMAT=PATH such as junit=out/ready.xml, got {value:?}")
    })?;
    let format = CheckFormat::from_str(format.trim(), true).map_err(|_| {
        format!("unknown report format {format:?}; expected table, json, junit, markdown, html, openmetrics, sarif or intoto")
    })?;
    if path.is_empty() {
        return Err(format!(
            "expected a path after {value:?}, as in junit=out/ready.xml"
        ));
    }
    Ok((format, PathBuf::from(path)))
}

fn parse_concurrency(value: &str) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(n @ 1..=4096) => Ok(n),
        _ => Err(format!("expected a number from 1 to 4096, got {value:?}")),
    }
}

fn parse_duration(value: &str) -> Result<Duration, String> {
    let duration = workflow::parse_duration(value)?;
    if duration.is_zero() {
        return Err("expected a duration above zero".into());
    }
    Ok(duration)
}

fn parse_percent(value: &str) -> Result<f64, String> {
    let number: f64 = value
        .trim_end_matches('%')
        .parse()
        .map_err(|_| format!("expected a number from 0 to 100, got {value:?}"))?;
    if (0.0..=100.0).contains(&number) {
        Ok(number)
    } else {
        Err(format!("expected a number from 0 to 100, got {number}"))
    }
}

impl From<CheckFormat> for workflow::Format {
    fn from(format: CheckFormat) -> Self {
        match format {
            CheckFormat::Table => workflow::Format::Table,
            CheckFormat::Json => workflow::Format::Json,
            CheckFormat::Junit => workflow::Format::Junit,
            CheckFormat::Markdown => workflow::Format::Markdown,
            CheckFormat::Html => workflow::Format::Html,
            CheckFormat::Openmetrics => workflow::Format::OpenMetrics,
            CheckFormat::Sarif => workflow::Format::Sarif,
            CheckFormat::Intoto => workflow::Format::Intoto,
        }
    }
}

impl From<ListFormat> for workflow::ListFormat {
    fn from(format: ListFormat) -> Self {
        match format {
            ListFormat::Table => workflow::ListFormat::Table,
            ListFormat::Json => workflow::ListFormat::Json,
        }
    }
}

impl From<ExportFormat> for workflow::ExportFormat {
    fn from(format: ExportFormat) -> Self {
        match format {
            ExportFormat::Yaml => workflow::ExportFormat::Yaml,
            ExportFormat::Json => workflow::ExportFormat::Json,
        }
    }
}

impl From<Template> for workflow::Template {
    fn from(template: Template) -> Self {
        match template {
            Template::ServiceLaunch => workflow::Template::ServiceLaunch,
            Template::ServiceLaunchYaml => workflow::Template::ServiceLaunchYaml,
        }
    }
}
