//! The command-line interface. Flags are a public interface: documented in the README and kept
//! stable.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A production-readiness gate: turns a Markdown or YAML readiness checklist into a scored,
/// explained GO / NO-GO verdict.
///
/// Exit codes: 0 GO, 1 NO-GO, 2 could not evaluate (usage, config or input error).
#[derive(Debug, Parser)]
#[command(name = "ready", version, about, long_about, term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score checklists and decide GO or NO-GO.
    Check(CheckArgs),
    /// Show the sign-off table: who must approve, and who has.
    Signoff(SignoffArgs),
    /// Write the criteria tree of a checklist as YAML or JSON.
    Export(ExportArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Checklist files or directories. Default: the checklists listed in ./ready.yaml, else ./checklists/.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Table)]
    pub format: CheckFormat,
    /// Minimum readiness score (0–100) for GO; overrides ready.yaml and front matter. Default 90.
    #[arg(long, value_parser = parse_percent)]
    pub threshold: Option<f64>,
    /// Do not run live probes; judge the checklist by its boxes alone.
    #[arg(long)]
    pub no_probes: bool,
    /// Configuration file. Default: ready.yaml beside the first checklist.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SignoffArgs {
    /// Checklist files or directories (same defaults as `ready check`).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Table)]
    pub format: CheckFormat,
    /// Configuration file. Default: ready.yaml beside the first checklist.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
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
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Yaml,
    Json,
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
