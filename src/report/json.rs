//! The JSON report: a public, stable contract documented in docs/reports.md ("JSON report").
//!
//! Top-level keys: `verdict`, `score`, `threshold`, `declared_score`, `summary`, `categories`,
//! `blockers`, `signoffs`, `items`, `probes`, `approvals`, `waivers`, `warnings`. Keys are only
//! ever added, never renamed or removed; numbers are rounded to two decimals.
//!
//! The contract lives here alone: every object written is a DTO of this module, built from the
//! model and the assessment, so renaming a field in the gate cannot change the output.

use std::io;

use serde::Serialize;

use crate::gate::{
    Assessment, Blocker, Category, Counted, CountedIn, ProbeCounts, Summary, Target, WaiverUse,
};
use crate::model::{
    Approval, ApprovalStatus, Checklist, Evidence, Item, ItemId, Priority, Section, SignOff, Span,
};
use crate::report::{Report, round2};

#[derive(Debug, Clone, Copy)]
pub(crate) struct JsonReport;

impl Report for JsonReport {
    fn write(&self, assessment: &Assessment, out: &mut dyn io::Write) -> io::Result<()> {
        crate::report::write_json(&document(assessment), out)
    }
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct Document<'a> {
    pub(crate) verdict: &'static str,
    pub(crate) score: f64,
    pub(crate) threshold: f64,
    pub(crate) declared_score: Option<f64>,
    pub(crate) summary: JsonSummary,
    pub(crate) categories: Categories<'a>,
    pub(crate) blockers: Vec<JsonBlocker<'a>>,
    pub(crate) signoffs: Vec<JsonSignOff<'a>>,
    pub(crate) items: Items<'a>,
    /// Every probe result, in the order the probes are defined.
    pub(crate) probes: Vec<JsonProbe<'a>>,
    /// Each sign-off role's standing in the ledger: signed, pending or stale.
    pub(crate) approvals: Vec<JsonApproval<'a>>,
    /// Every waiver in ready.yaml: active, unused or expired, with the blockers it covers.
    pub(crate) waivers: Vec<JsonWaiver<'a>>,
    pub(crate) warnings: Vec<JsonWarning<'a>>,
    /// Each checklist's own verdict and score beside the run's (one entry per checklist read).
    pub(crate) checklists: Vec<JsonAlone<'a>>,
    /// When the run judged (RFC 3339, UTC, to the second): a fleet summary dates reports by it.
    pub(crate) generated_at: Option<String>,
    /// The commit judged (CI's `GITHUB_SHA`, else the checkout's `HEAD`); null outside git.
    pub(crate) commit: Option<&'a str>,
    /// `ready.yaml`'s `labels:` (`service`, `owner`, `release`, …); empty when it has none.
    pub(crate) labels: &'a crate::model::Labels,
}

/// A checklist judged alone.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct JsonAlone<'a> {
    pub(crate) path: &'a str,
    pub(crate) verdict: &'static str,
    pub(crate) score: f64,
    pub(crate) blockers: usize,
}

/// A location in a checklist, probe file or `ready.yaml`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct JsonSpan<'a> {
    pub(crate) file: &'a str,
    pub(crate) line: u32,
}

impl<'a> From<&'a Span> for JsonSpan<'a> {
    fn from(span: &'a Span) -> Self {
        JsonSpan {
            file: &span.file,
            line: span.line,
        }
    }
}

/// A broken rule.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct JsonBlocker<'a> {
    /// The item (or category section, or sign-off role) it points at, if any.
    pub(crate) item: Option<JsonTarget<'a>>,
    pub(crate) rule: &'static str,
    pub(crate) message: &'a str,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct JsonTarget<'a> {
    pub(crate) id: &'a str,
    pub(crate) title: &'a str,
    pub(crate) section: Option<&'a str>,
    pub(crate) span: JsonSpan<'a>,
}

impl<'a> From<&'a Blocker> for JsonBlocker<'a> {
    fn from(b: &'a Blocker) -> Self {
        JsonBlocker {
            item: b.item.as_ref().map(|t: &'a Target| JsonTarget {
                id: &t.id,
                title: &t.title,
                section: t.section.as_deref(),
                span: (&t.span).into(),
            }),
            rule: b.rule.label(),
            message: &b.message,
        }
    }
}

/// A waiver from `ready.yaml` and what it did in this run.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct JsonWaiver<'a> {
    pub(crate) item: &'a str,
    pub(crate) reason: &'a str,
    pub(crate) approved_by: &'a str,
    /// `YYYY-MM-DD`, the last day it holds.
    pub(crate) expires: String,
    pub(crate) span: JsonSpan<'a>,
    /// `active`, `unused` or `expired`.
    pub(crate) state: &'static str,
    pub(crate) blockers: Vec<JsonBlocker<'a>>,
}

impl<'a> From<&'a WaiverUse> for JsonWaiver<'a> {
    fn from(u: &'a WaiverUse) -> Self {
        JsonWaiver {
            item: &u.waiver.item,
            reason: &u.waiver.reason,
            approved_by: &u.waiver.approved_by,
            expires: u.waiver.expires.to_string(),
            span: (&u.waiver.span).into(),
            state: u.state.label(),
            blockers: u.blockers.iter().map(JsonBlocker::from).collect(),
        }
    }
}

/// Probe results by outcome; `flaky` passes are also counted in `pass`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct JsonProbeCounts {
    pub(crate) total: usize,
    pub(crate) pass: usize,
    pub(crate) fail: usize,
    pub(crate) error: usize,
    pub(crate) timeout: usize,
    pub(crate) skipped: usize,
    pub(crate) flaky: usize,
}

impl From<ProbeCounts> for JsonProbeCounts {
    fn from(c: ProbeCounts) -> Self {
        JsonProbeCounts {
            total: c.total,
            pass: c.pass,
            fail: c.fail,
            error: c.error,
            timeout: c.timeout,
            skipped: c.skipped,
            flaky: c.flaky,
        }
    }
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct JsonApproval<'a> {
    /// The checklist the role signs for.
    pub(crate) checklist: &'a str,
    pub(crate) role: &'a str,
    /// `signed`, `pending` or `stale`.
    pub(crate) status: &'static str,
    pub(crate) name: Option<&'a str>,
    pub(crate) signed_at: Option<&'a str>,
    pub(crate) note: Option<&'a str>,
    /// What the checklist's own sign-off section says: ticked or named (true), open (false),
    /// or null when it does not list the role.
    pub(crate) declared: Option<bool>,
    pub(crate) span: Option<JsonSpan<'a>>,
}

impl<'a> JsonApproval<'a> {
    fn new(checklist: &'a str, a: &'a Approval) -> Self {
        JsonApproval {
            checklist,
            role: &a.role,
            status: a.status.label(),
            name: a.name.as_deref(),
            signed_at: a.signed_at.as_deref(),
            note: a.note.as_deref(),
            declared: a.declared,
            span: a.span.as_ref().map(JsonSpan::from),
        }
    }
}

/// One probe result. Items carry the same objects for the probes bound to them.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct JsonProbe<'a> {
    pub(crate) id: &'a str,
    pub(crate) kind: &'a str,
    pub(crate) outcome: &'static str,
    pub(crate) duration_ms: u64,
    pub(crate) message: &'a str,
    /// What the probe checked (passwords masked).
    pub(crate) target: &'a str,
    pub(crate) attempts: u32,
    /// Passed, but only after a retry.
    pub(crate) flaky: bool,
    /// Where the probe is defined.
    pub(crate) span: JsonSpan<'a>,
}

impl<'a> From<&'a Evidence> for JsonProbe<'a> {
    fn from(e: &'a Evidence) -> Self {
        JsonProbe {
            id: &e.id,
            kind: &e.kind,
            outcome: e.outcome.label(),
            duration_ms: e.duration_ms,
            message: &e.message,
            target: &e.target,
            attempts: e.attempts,
            flaky: e.is_flaky(),
            span: (&e.span).into(),
        }
    }
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct JsonSummary {
    /// Every task box, as GitHub renders them.
    pub(crate) items: usize,
    pub(crate) checked: usize,
    /// Items that count toward the score and their summed credit.
    pub(crate) counted: usize,
    pub(crate) done: f64,
    pub(crate) blockers: usize,
    pub(crate) checklists: Vec<String>,
    /// Items whose probes all passed; ticked items a probe contradicts; passes after retries.
    pub(crate) verified: usize,
    pub(crate) contradicted: usize,
    pub(crate) flaky: usize,
    pub(crate) probes: JsonProbeCounts,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct JsonCategory<'a> {
    pub(crate) id: &'a str,
    pub(crate) name: &'a str,
    pub(crate) weight: f64,
    pub(crate) score: Option<f64>,
    pub(crate) declared_score: Option<f64>,
    pub(crate) counted: usize,
    pub(crate) done: f64,
    pub(crate) span: JsonSpan<'a>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct JsonSignOff<'a> {
    pub(crate) group: Option<&'a str>,
    pub(crate) role: &'a str,
    pub(crate) name: Option<&'a str>,
    pub(crate) date: Option<&'a str>,
    pub(crate) signed: bool,
    pub(crate) span: JsonSpan<'a>,
}

impl<'a> From<&'a SignOff> for JsonSignOff<'a> {
    fn from(s: &'a SignOff) -> Self {
        JsonSignOff {
            group: s.group.as_deref(),
            role: &s.role,
            name: s.name.as_deref(),
            date: s.date.as_deref(),
            signed: s.signed,
            span: (&s.span).into(),
        }
    }
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct JsonItem<'a> {
    #[schemars(with = "String")]
    pub(crate) id: &'a ItemId,
    pub(crate) title: &'a str,
    pub(crate) checked: bool,
    pub(crate) status: &'static str,
    pub(crate) priority: Option<&'static str>,
    pub(crate) tags: Vec<&'static str>,
    pub(crate) span: JsonSpan<'a>,
    /// The section the item sits in, by id; null before the first heading.
    pub(crate) section: Option<&'a str>,
    pub(crate) phase: &'static str,
    /// Whether the item counts toward the score.
    pub(crate) counted: bool,
    pub(crate) restates: &'a [String],
    /// Results of the probes bound to this item; empty when none is.
    pub(crate) probes: Vec<JsonProbe<'a>>,
    pub(crate) children: Vec<JsonItem<'a>>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct JsonWarning<'a> {
    pub(crate) message: &'a str,
    pub(crate) span: Option<JsonSpan<'a>>,
}

pub(crate) fn document(assessment: &Assessment) -> Document<'_> {
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
    let provenance = &assessment.provenance;
    Document {
        generated_at: provenance.generated_at.map(crate::model::utc_seconds),
        commit: provenance.commit.as_deref(),
        labels: &provenance.labels,
        verdict: assessment.verdict.name(),
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
            probes: probes.into(),
        },
        categories: Categories(&assessment.categories),
        blockers: assessment.blockers.iter().map(JsonBlocker::from).collect(),
        signoffs: assessment.signoffs().map(JsonSignOff::from).collect(),
        items: Items {
            checklists: &assessment.checklists,
            counted: assessment.counted_items(),
        },
        probes: assessment.probes.iter().map(JsonProbe::from).collect(),
        approvals: approvals_of(&assessment.checklists),
        waivers: assessment.waivers.iter().map(JsonWaiver::from).collect(),
        warnings: assessment
            .warnings
            .iter()
            .map(|w| JsonWarning {
                message: &w.message,
                span: w.span.as_ref().map(JsonSpan::from),
            })
            .collect(),
        checklists: match (
            assessment.alone.as_slice(),
            assessment.checklists.as_slice(),
        ) {
            ([], [only]) => vec![JsonAlone {
                path: &only.path,
                verdict: assessment.verdict.name(),
                score: round2(assessment.score),
                blockers: assessment.blockers.len(),
            }],
            (alone, _) => alone
                .iter()
                .map(|a| JsonAlone {
                    path: &a.path,
                    verdict: a.verdict.name(),
                    score: round2(a.score),
                    blockers: a.blockers,
                })
                .collect(),
        },
    }
}

pub(crate) fn approvals_of(checklists: &[Checklist]) -> Vec<JsonApproval<'_>> {
    checklists
        .iter()
        .flat_map(|c| {
            c.approvals
                .iter()
                .map(|approval| JsonApproval::new(&c.path, approval))
        })
        .collect()
}

/// The categories, each built as it is written: a long checklist's hundred thousand were built
/// whole before the first was written (11 MB of a 100 MB checklist's peak).
pub(crate) struct Categories<'a>(&'a [Category]);

impl Serialize for Categories<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|c| JsonCategory {
            id: &c.id,
            name: &c.name,
            weight: round2(c.weight),
            score: c.score.map(round2),
            declared_score: c.declared_score,
            counted: c.counted,
            done: round2(c.done),
            span: (&c.span).into(),
        }))
    }
}

impl std::fmt::Debug for Categories<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Categories").field(&self.0.len()).finish()
    }
}

/// Written as the list of categories it is.
impl schemars::JsonSchema for Categories<'_> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        <Vec<JsonCategory<'static>>>::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Vec<JsonCategory<'static>>>::json_schema(generator)
    }
}

/// Every checklist's item trees, in document order, each built as it is written: the items are
/// most of a large checklist's report, and a copy of all of them beside the tree they describe
/// was a sixth of the peak memory of `check --format json` on a 1 MB checklist.
pub(crate) struct Items<'a> {
    checklists: &'a [Checklist],
    /// The items the score counts.
    counted: Counted<'a>,
}

impl Serialize for Items<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.checklists.iter().flat_map(|checklist| {
            let counted = self.counted.of(&checklist.path);
            // The trees are built one after the other, each in pre-order: document order, so
            // the running count is each item's place.
            checklist
                .top_level_items()
                .scan(0, move |place, (section, top)| {
                    Some(item(top, section, counted, place))
                })
        }))
    }
}

impl std::fmt::Debug for Items<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items")
            .field("checklists", &self.checklists.len())
            .field("counted", &self.counted.len())
            .finish()
    }
}

/// Written as the list of items it is.
impl schemars::JsonSchema for Items<'_> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        <Vec<JsonItem<'static>>>::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Vec<JsonItem<'static>>>::json_schema(generator)
    }
}

/// One item's tree; `place` is the item's place in document order, and is left after its last
/// descendant's.
fn item<'a>(
    i: &'a Item,
    section: Option<&'a Section>,
    counted: CountedIn<'_>,
    place: &mut usize,
) -> JsonItem<'a> {
    let is_counted = counted.contains(*place);
    *place += 1;
    JsonItem {
        id: &i.id,
        title: &i.title,
        checked: i.checked,
        status: i.status().label(),
        priority: i.priority.map(Priority::label),
        tags: i.tags.iter().map(|t| t.label()).collect(),
        span: (&i.span).into(),
        section: section.map(|s| s.id.as_str()),
        phase: i.phase.label(),
        counted: is_counted,
        restates: i.restates(),
        probes: i.evidence.iter().map(JsonProbe::from).collect(),
        children: i
            .children
            .iter()
            .map(|c| item(c, section, counted, place))
            .collect(),
    }
}

/// `ready probe --format json`: the counts by outcome, then every result.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct ProbeDocument<'a> {
    pub(crate) summary: JsonProbeCounts,
    pub(crate) probes: Vec<JsonProbe<'a>>,
}

pub(crate) fn probe_document(results: &[Evidence]) -> ProbeDocument<'_> {
    ProbeDocument {
        summary: ProbeCounts::of(results).into(),
        probes: results.iter().map(JsonProbe::from).collect(),
    }
}

/// Where the roles stand in the ledgers: the sign-offs that count.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct LedgerCounts {
    pub(crate) signed: usize,
    pub(crate) stale: usize,
    pub(crate) pending: usize,
}

/// `ready signoff --format json`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct SignoffDocument<'a> {
    /// What the checklists' own sign-off sections say (ticked or named).
    pub(crate) signed: usize,
    pub(crate) pending: usize,
    pub(crate) signoffs: Vec<JsonSignOff<'a>>,
    /// What the ledgers say, role by role: the sign-offs that count.
    pub(crate) ledger: LedgerCounts,
    pub(crate) approvals: Vec<JsonApproval<'a>>,
}

pub(crate) fn signoff_document(checklists: &[Checklist]) -> SignoffDocument<'_> {
    let signoffs: Vec<JsonSignOff> = checklists
        .iter()
        .flat_map(|c| &c.signoffs)
        .map(JsonSignOff::from)
        .collect();
    let signed = signoffs.iter().filter(|s| s.signed).count();
    let approvals = approvals_of(checklists);
    let count = |status: &str| approvals.iter().filter(|a| a.status == status).count();
    SignoffDocument {
        signed,
        pending: signoffs.len() - signed,
        signoffs,
        ledger: LedgerCounts {
            signed: count(ApprovalStatus::Signed.label()),
            stale: count(ApprovalStatus::Stale.label()),
            pending: count(ApprovalStatus::Pending.label()),
        },
        approvals,
    }
}
