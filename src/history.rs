//! Reader: a readiness history, from a JSON Lines file that `ready check --history` appends to,
//! or from the JSON reports committed to git (each commit that changed the report is a point),
//! so a trend needs no server.

use std::path::Path;

use serde::Deserialize;

use crate::error::Result;
use crate::files;
use crate::model::{HistoryCategory, HistoryEntry, Notice, Span};

/// Reads a history file; a line that is not an entry (a line torn by a crash, say) is skipped
/// with a notice naming it.
pub(crate) fn load(path: &Path) -> Result<(Vec<HistoryEntry>, Vec<Notice>)> {
    let shown = path.display().to_string();
    let decoded = files::read_text(path, files::Input::Report)?;
    let mut notices = decoded.notices;
    let mut entries = Vec::new();
    for (n, line) in decoded.text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<HistoryEntry>(line) {
            Ok(entry) => entries.push(entry),
            Err(e) => notices.push(Notice::new(
                format!("not a history entry ({e}); skipped"),
                Some(Span::new(&shown, u32::try_from(n + 1).unwrap_or(u32::MAX))),
            )),
        }
    }
    Ok((entries, notices))
}

/// The parts of a JSON report a history point needs.
#[derive(Deserialize)]
struct Report {
    score: f64,
    threshold: f64,
    verdict: String,
    #[serde(default)]
    blockers: Vec<serde_json::Value>,
    #[serde(default)]
    warnings: Vec<serde_json::Value>,
    summary: Summary,
    #[serde(default)]
    categories: Vec<Category>,
}

#[derive(Deserialize)]
struct Summary {
    items: usize,
    checked: usize,
    #[serde(default)]
    verified: usize,
    #[serde(default)]
    contradicted: usize,
}

#[derive(Deserialize)]
struct Category {
    name: String,
    score: Option<f64>,
    weight: f64,
}

/// A history from the commits of a JSON report kept in git; commits whose report is not one
/// are skipped with a notice.
pub(crate) fn from_git(
    report: &Path,
    within: files::git::Within,
) -> Result<(Vec<HistoryEntry>, Vec<Notice>)> {
    let shown = report.display().to_string();
    let mut entries = Vec::new();
    let mut notices = Vec::new();
    for (sha, time, bytes) in files::git::revisions(report, within)? {
        match serde_json::from_slice::<Report>(&bytes) {
            Ok(r) => entries.push(HistoryEntry {
                time,
                commit: Some(sha),
                checklists: Vec::new(),
                score: r.score,
                threshold: r.threshold,
                verdict: r.verdict,
                blockers: r.blockers.len(),
                items: r.summary.items,
                checked: r.summary.checked,
                verified: r.summary.verified,
                contradicted: r.summary.contradicted,
                warnings: r.warnings.len(),
                categories: r
                    .categories
                    .into_iter()
                    .map(|c| HistoryCategory {
                        name: c.name,
                        score: c.score,
                        weight: c.weight,
                    })
                    .collect(),
            }),
            Err(e) => notices.push(Notice::new(
                format!("{shown} at {sha} is not a ready JSON report ({e}); skipped"),
                None,
            )),
        }
    }
    Ok((entries, notices))
}
