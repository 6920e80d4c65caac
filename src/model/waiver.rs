//! Waiver data: an approved, expiring exception for an item that would otherwise block.
//!
//! The config reader builds these from `ready.yaml`; the gate decides what each one does in a
//! run (see `gate::waiver`).

use jiff::civil::Date;

use crate::files::Span;

/// A checked waiver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Waiver {
    pub(crate) item: String,
    pub(crate) reason: String,
    pub(crate) approved_by: String,
    pub(crate) expires: Date,
    /// Where the waiver is written in `ready.yaml`.
    pub(crate) span: Span,
}

impl Waiver {
    /// Holds through the whole of its `expires` day.
    pub(crate) fn is_active(&self, today: Date) -> bool {
        today <= self.expires
    }

    /// A waiver names its item by id or by title (case aside).
    pub(crate) fn matches(&self, id: &str, title: &str) -> bool {
        id == self.item || title.eq_ignore_ascii_case(&self.item)
    }
}
