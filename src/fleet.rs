//! Reader: the JSON reports of many services' runs for `ready summarize`, and the summary an
//! earlier `ready summarize --format json` wrote, for deltas. Reports are read in parallel and
//! only the keys a summary shows are kept, so ten thousand reports summarize in about a second.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Location, Result};
use crate::files;
use crate::model::{Labels, Notice, PreviousService, ServiceReport, Span};

/// What the reports said, with notices for files in the directories that were not reports.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub(crate) reports: Vec<ServiceReport>,
    pub(crate) notices: Vec<Notice>,
}

/// The keys of a JSON report a summary needs; the rest is skipped unread.
#[derive(Deserialize)]
struct Report {
    verdict: String,
    score: f64,
    threshold: f64,
    summary: Summary,
    #[serde(default)]
    labels: Labels,
    #[serde(default)]
    generated_at: Option<String>,
    #[serde(default)]
    commit: Option<String>,
    #[serde(default)]
    waivers: Vec<Waiver>,
}

#[derive(Deserialize)]
struct Summary {
    blockers: usize,
    #[serde(default)]
    checklists: Vec<String>,
}

#[derive(Deserialize)]
struct Waiver {
    expires: String,
    state: String,
}

/// Reads the reports: files as named, and every `*.json` under each directory (recursively,
/// in path order). A named file that is not a report is an error; a JSON file in a directory
/// that is not one (a SARIF log, a summary) is skipped with a notice.
pub(crate) fn load(paths: &[PathBuf]) -> Result<Loaded> {
    let mut named = Vec::new();
    let mut found = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| Error::read(path, e))?;
        if meta.is_dir() {
            collect(path, &mut found)?;
        } else {
            named.push(path.clone());
        }
    }
    found.sort();
    if named.is_empty() && found.is_empty() {
        return Err(Error::NoReports {
            path: paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    let mut loaded = Loaded::default();
    for read in files::on_every_core(&named, |p| read(p)) {
        loaded.reports.push(read?);
    }
    for (path, read) in found.iter().zip(files::on_every_core(&found, |p| read(p))) {
        match read {
            Ok(report) => loaded.reports.push(report),
            Err(Error::Invalid { message, .. }) => loaded.notices.push(Notice::new(
                format!("not a ready JSON report ({message}); skipped"),
                Some(Span::new(path.display().to_string(), 1)),
            )),
            Err(e) => return Err(e),
        }
    }
    Ok(loaded)
}

/// Every `*.json` file under `dir`. Only real directories are entered, so a symlink loop is
/// not followed.
fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::read(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::read(dir, e))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| Error::read(&path, e))?;
        if kind.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") && path.is_file() {
            out.push(path);
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<ServiceReport> {
    let shown = path.display().to_string();
    let decoded = files::read_text(path, files::Input::Report)?;
    let invalid = |line: usize, message: String| {
        Error::invalid(
            Location::new(&shown, u32::try_from(line).unwrap_or(1).max(1)),
            message,
        )
    };
    let report: Report = serde_json::from_str(&decoded.text).map_err(|e| {
        invalid(
            e.line(),
            format!("{e}; expected the JSON report of a `ready check --format json` run"),
        )
    })?;
    let generated_at = match report.generated_at {
        None => None,
        Some(text) => Some(text.parse::<jiff::Timestamp>().map_err(|e| {
            invalid(
                1,
                format!("generated_at {text:?} is not an RFC 3339 time: {e}"),
            )
        })?),
    };
    let waiver_expiries = report
        .waivers
        .iter()
        .filter(|w| w.state == "active")
        .filter_map(|w| w.expires.parse().ok())
        .collect();
    Ok(ServiceReport {
        path: shown,
        verdict: report.verdict,
        score: report.score,
        threshold: report.threshold,
        blockers: report.summary.blockers,
        checklists: report.summary.checklists,
        labels: report.labels,
        generated_at,
        commit: report.commit,
        waiver_expiries,
    })
}

/// The services of an earlier summary (`ready summarize --format json`).
pub(crate) fn load_previous(path: &Path) -> Result<Vec<PreviousService>> {
    #[derive(Deserialize)]
    struct Summary {
        services: Vec<Line>,
    }
    #[derive(Deserialize)]
    struct Line {
        service: String,
        verdict: String,
        score: f64,
    }
    let shown = path.display().to_string();
    let decoded = files::read_text(path, files::Input::Report)?;
    let summary: Summary = serde_json::from_str(&decoded.text).map_err(|e| {
        Error::invalid(
            Location::new(&shown, u32::try_from(e.line()).unwrap_or(1).max(1))
                .with_source(&decoded.text),
            format!("{e}; expected the JSON an earlier `ready summarize --format json` wrote"),
        )
    })?;
    Ok(summary
        .services
        .into_iter()
        .map(|s| PreviousService {
            service: s.service,
            verdict: s.verdict,
            score: s.score,
        })
        .collect())
}
