//! A fleet: the latest JSON report of each of many services, as `ready summarize` reads them,
//! and the previous summary they are compared with. Only what the summary shows is kept, so
//! ten thousand reports fit in memory as a few megabytes.

use crate::model::Labels;

/// One service's report.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ServiceReport {
    /// The report file, as found.
    pub(crate) path: String,
    /// The `verdict` as the report names it (`go`, `go-with-waivers`, `no-go`).
    pub(crate) verdict: String,
    pub(crate) score: f64,
    pub(crate) threshold: f64,
    pub(crate) blockers: usize,
    /// The checklists the run read, which name the service when no label does.
    pub(crate) checklists: Vec<String>,
    pub(crate) labels: Labels,
    /// When the run judged; reports older than `ready` 0.1's carry none.
    pub(crate) generated_at: Option<jiff::Timestamp>,
    pub(crate) commit: Option<String>,
    /// Waivers active in the run, with the last day each holds.
    pub(crate) waiver_expiries: Vec<jiff::civil::Date>,
}

impl ServiceReport {
    /// The service this report speaks for: its `service` label, else the checklists it read,
    /// else the report file.
    pub(crate) fn service(&self) -> String {
        if let Some(service) = self.labels.get("service") {
            service.clone()
        } else if self.checklists.is_empty() {
            self.path.clone()
        } else {
            self.checklists.join(",")
        }
    }
}

/// A service as an earlier summary showed it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PreviousService {
    pub(crate) service: String,
    pub(crate) verdict: String,
    pub(crate) score: f64,
}
