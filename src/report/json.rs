//! The JSON report: a public, stable contract documented in the README ("JSON report").
//!
//! Top-level keys: `verdict`, `score`, `threshold`, `declared_score`, `summary`, `categories`,
//! `blockers`, `signoffs`, `items`, `probes`, `approvals`, `waivers`, `warnings`. Keys are only ever added, never renamed or
//! removed; numbers are rounded to two decimals.

use std::collections::HashSet;
use std::io;

use serde::Serialize;

use crate::assessment::{Assessment, ProbeCounts, Summary};
use crate::model::{
    Approval, Checklist, Evidence, Item, Outcome, Phase, Priority, Section, SignOff, Span, Status,
    Tag,
};
use crate::policy::{Blocker, Verdict};
use crate::report::{Report, round2};
use crate::waiver::WaiverUse;

#[derive(Debug, Clone, Copy)]
pub struct JsonReport;

impl Report for JsonReport {
    fn write(&self, assessment: &Assessment, out: &mut dyn io::Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &document(assessment))?;
        writeln!(out)
    }
}

#[derive(Debug, Serialize)]
pub struct Document<'a> {
    pub verdict: Verdict,
    pub score: f64,
    pub threshold: f64,
    pub declared_score: Option<f64>,
    pub summary: JsonSummary,
    pub categories: Vec<JsonCategory<'a>>,
    pub blockers: &'a [Blocker],
    pub signoffs: Vec<JsonSignOff<'a>>,
    pub items: Vec<JsonItem<'a>>,
    /// Every probe result, in the order the probes are defined.
    pub probes: Vec<JsonProbe<'a>>,
    /// Each sign-off role's standing in the ledger: signed, pending or stale.
    pub approvals: Vec<JsonApproval<'a>>,
    /// Every waiver in ready.yaml: active, unused or expired, with the blockers it covers.
    pub waivers: &'a [WaiverUse],
    pub warnings: Vec<JsonWarning<'a>>,
}

#[derive(Debug, Serialize)]
pub struct JsonApproval<'a> {
    /// The checklist the role signs for.
    pub checklist: &'a str,
    #[serde(flatten)]
    pub approval: &'a Approval,
}

/// One probe result. Items carry the same objects for the probes bound to them.
#[derive(Debug, Serialize)]
pub struct JsonProbe<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub outcome: Outcome,
    pub duration_ms: u64,
    pub message: &'a str,
    /// What the probe checked (passwords masked).
    pub target: &'a str,
    pub attempts: u32,
    /// Passed, but only after a retry.
    pub flaky: bool,
    /// Where the probe is defined.
    pub span: &'a Span,
}

impl<'a> From<&'a Evidence> for JsonProbe<'a> {
    fn from(e: &'a Evidence) -> Self {
        JsonProbe {
            id: &e.id,
            kind: &e.kind,
            outcome: e.outcome,
            duration_ms: e.duration_ms,
            message: &e.message,
            target: &e.target,
            attempts: e.attempts,
            flaky: e.is_flaky(),
            span: &e.span,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct JsonSummary {
    /// Every task box, as GitHub renders them.
    pub items: usize,
    pub checked: usize,
    /// Items that count toward the score and their summed credit.
    pub counted: usize,
    pub done: f64,
    pub blockers: usize,
    pub checklists: Vec<String>,
    /// Items whose probes all passed; ticked items a probe contradicts; passes after retries.
    pub verified: usize,
    pub contradicted: usize,
    pub flaky: usize,
    pub probes: ProbeCounts,
}

#[derive(Debug, Serialize)]
pub struct JsonCategory<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub weight: f64,
    pub score: Option<f64>,
    pub declared_score: Option<f64>,
    pub counted: usize,
    pub done: f64,
    pub span: &'a Span,
}

#[derive(Debug, Serialize)]
pub struct JsonSignOff<'a> {
    pub group: Option<&'a str>,
    pub role: &'a str,
    pub name: Option<&'a str>,
    pub date: Option<&'a str>,
    pub signed: bool,
    pub span: &'a Span,
}

impl<'a> From<&'a SignOff> for JsonSignOff<'a> {
    fn from(s: &'a SignOff) -> Self {
        JsonSignOff {
            group: s.group.as_deref(),
            role: &s.role,
            name: s.name.as_deref(),
            date: s.date.as_deref(),
            signed: s.signed,
            span: &s.span,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct JsonItem<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub checked: bool,
    pub status: Status,
    pub priority: Option<Priority>,
    pub tags: &'a [Tag],
    pub span: &'a Span,
    /// The section the item sits in, by id; null before the first heading.
    pub section: Option<&'a str>,
    pub phase: Phase,
    /// Whether the item counts toward the score.
    pub counted: bool,
    pub restates: &'a [String],
    /// Results of the probes bound to this item; empty when none is.
    pub probes: Vec<JsonProbe<'a>>,
    pub children: Vec<JsonItem<'a>>,
}

#[derive(Debug, Serialize)]
pub struct JsonWarning<'a> {
    pub message: &'a str,
    pub span: Option<&'a Span>,
}

pub fn document(assessment: &Assessment) -> Document<'_> {
    let Summary {
        items,
        checked,
        counted,
        done,
        verified,
        contradicted,
        flaky,
        probes,
    } = assessment.summary;
    Document {
        verdict: assessment.verdict,
        score: round2(assessment.score),
        threshold: assessment.policy.threshold,
        declared_score: assessment.declared_score,
        summary: JsonSummary {
            items,
            checked,
            counted,
            done: round2(done),
            blockers: assessment.blockers.len(),
            checklists: assessment
                .checklists
                .iter()
                .map(|c| c.path.clone())
                .collect(),
            verified,
            contradicted,
            flaky,
            probes,
        },
        categories: assessment
            .categories
            .iter()
            .map(|c| JsonCategory {
                id: &c.id,
                name: &c.name,
                weight: round2(c.weight),
                score: c.score.map(round2),
                declared_score: c.declared_score,
                counted: c.counted,
                done: round2(c.done),
                span: &c.span,
            })
            .collect(),
        blockers: &assessment.blockers,
        signoffs: assessment.signoffs().map(JsonSignOff::from).collect(),
        items: {
            let counted = counted_ids(assessment);
            assessment
                .checklists
                .iter()
                .flat_map(|c| items_of(c, &counted))
                .collect()
        },
        probes: assessment.probes.iter().map(JsonProbe::from).collect(),
        approvals: approvals_of(&assessment.checklists),
        waivers: &assessment.waivers,
        warnings: assessment
            .warnings
            .iter()
            .map(|w| JsonWarning {
                message: &w.message,
                span: w.span.as_ref(),
            })
            .collect(),
    }
}

pub fn approvals_of(checklists: &[Checklist]) -> Vec<JsonApproval<'_>> {
    checklists
        .iter()
        .flat_map(|c| {
            c.approvals.iter().map(|approval| JsonApproval {
                checklist: &c.path,
                approval,
            })
        })
        .collect()
}

/// `(checklist path, item id)` of every item that counts toward the score: in a category with
/// weight, and not left out by the scoring rules.
fn counted_ids(assessment: &Assessment) -> HashSet<(&str, &str)> {
    assessment
        .categories
        .iter()
        .filter(|c| c.weight > 0.0)
        .flat_map(|c| {
            c.item_ids
                .iter()
                .map(move |id| (c.checklist.as_str(), id.as_str()))
        })
        .collect()
}

/// The item trees of a checklist, in document order.
fn items_of<'a>(checklist: &'a Checklist, counted: &HashSet<(&str, &str)>) -> Vec<JsonItem<'a>> {
    let path = checklist.path.as_str();
    checklist
        .top_level_items()
        .map(|(section, top)| item(top, section, path, counted))
        .collect()
}

fn item<'a>(
    i: &'a Item,
    section: Option<&'a Section>,
    path: &str,
    counted: &HashSet<(&str, &str)>,
) -> JsonItem<'a> {
    JsonItem {
        id: &i.id,
        title: &i.title,
        checked: i.checked,
        status: i.status(),
        priority: i.priority,
        tags: &i.tags,
        span: &i.span,
        section: section.map(|s| s.id.as_str()),
        phase: i.phase,
        counted: counted.contains(&(path, i.id.as_str())),
        restates: &i.restates,
        probes: i.evidence.iter().map(JsonProbe::from).collect(),
        children: i
            .children
            .iter()
            .map(|c| item(c, section, path, counted))
            .collect(),
    }
}
