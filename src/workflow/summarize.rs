//! `ready summarize`: many services' JSON reports, from their own CI runs, as one fleet table —
//! worst first, grouped by a label, with deltas against the previous summary. No coordinator:
//! the reports arrive however the organisation already moves artifacts.

use std::io;
use std::path::PathBuf;
use std::time::Duration;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::gate::fleet::{self, Params};
use crate::report::{self, Style};
use crate::workflow::{Streams, exit_code, write_report};

/// The formats of a fleet summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryFormat {
    /// The table for the terminal.
    Table,
    /// The stable JSON that `--previous` reads back.
    Json,
    /// Markdown for a job summary or an issue.
    Markdown,
    /// One self-contained page.
    Html,
}

/// What `ready summarize` was asked to do.
#[derive(Debug, Clone)]
pub struct SummarizeRequest {
    /// Report files, or directories searched for `*.json` reports.
    pub paths: Vec<PathBuf>,
    /// The format on standard output.
    pub format: SummaryFormat,
    /// `--report FORMAT=PATH`, in order.
    pub reports: Vec<(SummaryFormat, PathBuf)>,
    /// `--group-by LABEL`.
    pub group_by: Option<String>,
    /// `--previous`: an earlier `--format json` summary to show changes against.
    pub previous: Option<PathBuf>,
    /// `--max-age`: a report older than this is stale.
    pub max_age: Duration,
    /// `--expiring`: how far ahead a waiver's end is called out.
    pub expiring: Duration,
    /// `--today`.
    pub today: Option<jiff::civil::Date>,
    /// `-q`: the headline only (for the table); the exit code is unchanged.
    pub quiet: bool,
}

/// Prints the summary; the exit code is the worst service's verdict (0 GO, 1 NO-GO), 2 when a
/// report cannot be read.
pub fn summarize(
    request: &SummarizeRequest,
    context: &Context,
    streams: &mut Streams<'_>,
) -> Result<i32> {
    let loaded = crate::fleet::load(&request.paths)?;
    streams.warn(&loaded.notices);
    let previous = request
        .previous
        .as_deref()
        .map(crate::fleet::load_previous)
        .transpose()?;
    let params = Params {
        group_by: request.group_by.as_deref(),
        now: context.now,
        today: request.today.unwrap_or_else(|| context.today()),
        max_age: request.max_age,
        expiring_days: i32::try_from(request.expiring.as_secs() / 86_400).unwrap_or(i32::MAX),
        previous: previous.as_deref(),
    };
    let summary = fleet::summarize(loaded.reports, &params)?;
    streams.warn(&summary.notices);
    let compared = previous.is_some();
    let render = |format: SummaryFormat, style: Style, out: &mut dyn io::Write| match format {
        SummaryFormat::Table => report::fleet::table(&summary, compared, style, out),
        SummaryFormat::Json => report::fleet::json(&summary, out),
        SummaryFormat::Markdown => report::fleet::markdown(&summary, compared, out),
        SummaryFormat::Html => report::fleet::html(&summary, compared, out),
    };
    for (format, path) in &request.reports {
        write_report(path, |out| render(*format, Style::default(), out))?;
    }
    let mut bytes = Vec::new();
    let style = Style {
        color: context.color_stdout(),
        width: Some(context.table_width()),
    };
    render(request.format, style, &mut bytes).map_err(Error::Output)?;
    if request.quiet && request.format == SummaryFormat::Table {
        let end = bytes
            .iter()
            .position(|b| *b == b'\n')
            .map_or(bytes.len(), |n| n + 1);
        bytes.truncate(end);
    }
    streams.write(&bytes)?;
    Ok(exit_code::of(summary.worst()))
}
