//! One line of a readiness history (`ready check --history FILE`): what a run decided, when,
//! at which commit. The field names are the JSON Lines format, a public interface.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct HistoryEntry {
    /// When the run happened (RFC 3339, UTC), or the commit's time for a history read from git.
    pub(crate) time: String,
    /// The commit checked, when known (`GITHUB_SHA`, else the repository's `HEAD`).
    pub(crate) commit: Option<String>,
    pub(crate) checklists: Vec<String>,
    pub(crate) score: f64,
    pub(crate) threshold: f64,
    /// `go`, `go-with-waivers` or `no-go`.
    pub(crate) verdict: String,
    pub(crate) blockers: usize,
    pub(crate) items: usize,
    pub(crate) checked: usize,
    pub(crate) verified: usize,
    pub(crate) contradicted: usize,
    pub(crate) warnings: usize,
    pub(crate) categories: Vec<HistoryCategory>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct HistoryCategory {
    pub(crate) name: String,
    pub(crate) score: Option<f64>,
    pub(crate) weight: f64,
}
