//! A baseline: what an earlier run's JSON report said about each item, for the ratchet
//! (`ready check --baseline REPORT.json`). Only what the ratchet compares is kept.

use crate::model::{Priority, Status};

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Baseline {
    /// The report file, as named.
    pub(crate) path: String,
    pub(crate) score: f64,
    pub(crate) items: Vec<BaselineItem>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BaselineItem {
    pub(crate) id: String,
    pub(crate) title: String,
    /// The id of the section it sat in; empty before the first heading.
    pub(crate) section: String,
    pub(crate) status: Status,
    /// Must (its own, or a must-have entry restating it), should, nice, or none.
    pub(crate) priority: Option<Priority>,
    /// Ids of the probes bound to it.
    pub(crate) probes: Vec<String>,
}
