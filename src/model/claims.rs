//! What a checklist says about itself besides its boxes: tallies, conditions, thresholds, bands,
//! dates and weight-table arithmetic, kept as written so the linter can hold each one against
//! the items it describes. Nothing here is scored; a claim only ever produces a finding.

use crate::files::Span;
use crate::model::{Mark, Priority};

/// One sentence or line of a checklist that states a fact about the checklist.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Claim {
    pub(crate) kind: ClaimKind,
    /// The line as written, without markup, for messages.
    pub(crate) text: String,
    pub(crate) span: Span,
    /// 1-based column of the claim's number or date on its line, where one was found.
    pub(crate) column: Option<u32>,
}

/// How an author compares a value with a bound: `>90%`, `≥ 99.9`, `< 200ms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Comparison {
    Above,
    AtLeast,
    Below,
    AtMost,
}

impl Comparison {
    /// The comparison an author's symbol means: `>`, `>=` or `≥`, `<`, `<=` or `≤`.
    pub(crate) fn from_symbol(symbol: &str) -> Option<Comparison> {
        Some(match symbol {
            ">" => Comparison::Above,
            ">=" | "≥" => Comparison::AtLeast,
            "<" => Comparison::Below,
            "<=" | "≤" => Comparison::AtMost,
            _ => return None,
        })
    }

    /// Whether `value` meets the bound.
    pub(crate) fn holds(self, value: f64, bound: f64) -> bool {
        match self {
            Comparison::Above => value > bound,
            Comparison::AtLeast => value >= bound,
            Comparison::Below => value < bound,
            Comparison::AtMost => value <= bound,
        }
    }

    pub(crate) fn symbol(self) -> &'static str {
        match self {
            Comparison::Above => ">",
            Comparison::AtLeast => "≥",
            Comparison::Below => "<",
            Comparison::AtMost => "≤",
        }
    }
}

/// What a date line is about: the calendar rules differ for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateKind {
    /// The planned launch (`Target Go-Live`, `Launch Date`).
    GoLive,
    /// The next review (`Next Review`): due on that day.
    Review,
    /// When the document was assessed or last changed: it ages.
    Assessed,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ClaimKind {
    /// `Current: 4/6 (67%)`, `3 of 5 done`: a count of the items of the section it is written in.
    Tally {
        done: u32,
        total: u32,
        percent: Option<f64>,
    },
    /// A condition the document lists (`1. ✅ Complete all "Must Have" items (2 pending)`).
    Condition {
        /// The mark the author gave the condition: ✅ says it is met.
        mark: Option<Mark>,
        /// The priority group it is about, if it names one.
        priority: Option<Priority>,
        /// `all` the group's items, or at least this many of the group (`at least 4/5`).
        at_least: Option<u32>,
        /// `(2 pending)`: how many the author says are still open.
        pending: Option<u32>,
    },
    /// `Achieve >90% overall readiness score (currently 90%)`.
    Threshold {
        comparison: Comparison,
        bound: f64,
        /// The value the document gives beside the bound, if any.
        current: Option<f64>,
        mark: Option<Mark>,
        /// The bound is about the overall readiness score, so the computed score can be held to it.
        overall: bool,
    },
    /// `Nearly Ready (75-90%): Testing, Backup/Recovery`: categories placed in a score band.
    Band {
        label: String,
        low: Option<(f64, bool)>,
        high: Option<(f64, bool)>,
        names: Vec<String>,
    },
    /// A dated line (`**Target Go-Live:** November 19, 2025`).
    Date {
        what: DateKind,
        date: jiff::civil::Date,
        mark: Option<Mark>,
    },
}

/// A weight table as written, with each row's arithmetic, so the linter can redo it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WeightTable {
    pub(crate) rows: Vec<WeightTableRow>,
    /// A `Total` row, if the table has one.
    pub(crate) total: Option<WeightTableRow>,
    pub(crate) span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WeightTableRow {
    pub(crate) name: String,
    pub(crate) weight: Option<f64>,
    /// The score column, 0–100.
    pub(crate) score: Option<f64>,
    /// The weighted column (`12.75%`), as written.
    pub(crate) weighted: Option<f64>,
    /// The id of the section the row was matched to; `None` when it names no section.
    pub(crate) section: Option<String>,
    pub(crate) span: Span,
}

/// `<!-- ready-lint-disable-next-line RL003: reason -->`, or `ready-lint-disable` for the file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Suppression {
    /// Rule ids or aliases as written.
    pub(crate) rules: Vec<String>,
    pub(crate) reason: Option<String>,
    /// The line it silences; `None` for the whole file.
    pub(crate) line: Option<u32>,
    pub(crate) span: Span,
}

/// A non-blank line outside code, with its indentation: what the linter needs to tell two lists
/// of one section apart (`API package:` … `Web package:` each with an `appsettings.json` box).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TextLine {
    pub(crate) line: u32,
    /// Leading spaces (a tab counts four).
    pub(crate) indent: u16,
    /// A task box line (`- [ ] …`).
    pub(crate) task: bool,
}
