//! SARIF 2.1.0 for GitHub code scanning, from `ready lint` (its findings) and `ready check`
//! (blockers, lint findings, expired waivers, stale sign-offs). Every result sits on the line
//! of the checklist that makes the claim, live probe failures included: a failed health check
//! has no file of its own, so it is placed on the ticked box that claimed it.
//!
//! Fingerprints come from what a result is about (the rule, the checklist, the item's section
//! and normalised title), never from its line, so moving an item or re-ticking it keeps its
//! alert, and rewording it makes a new one. Each checklist is its own run with its own
//! `automationDetails.id`, and the counts stay inside GitHub's limits by construction.

use std::collections::BTreeMap;
use std::io;

use serde_json::{Value, json};

use crate::files;
use crate::gate::lint::{self, Finding, RULES, RuleInfo};
use crate::gate::{Assessment, Blocker, Rule, WaiverState};
use crate::model::{ApprovalStatus, Checklist, Severity, Span};
use crate::report::{Links, Report};

/// The rule documentation, whose sections become each rule's `help`.
const RULE_DOCS: &str = include_str!("../../docs/LINT.md");

/// GitHub accepts at most 20 runs per file and 25,000 results per run; past those, results are
/// dropped with a note in the run's properties rather than the upload being refused.
const MAX_RUNS: usize = 20;
const MAX_RESULTS_PER_RUN: usize = 25_000;
/// Messages longer than this are cut: a 1 MB line quoted whole helps no one.
const MAX_MESSAGE: usize = 2_000;

#[derive(Debug, Clone)]
pub(crate) struct SarifReport {
    pub(crate) links: Links,
}

/// What a result is reported under: a lint rule, or one of `check`'s own.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Descriptor {
    id: String,
    name: String,
    summary: String,
    level: &'static str,
    help: String,
}

struct Entry {
    rule: Descriptor,
    level: &'static str,
    message: String,
    span: Span,
    column: Option<u32>,
    /// What the result is about, for its fingerprint.
    subject: String,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// `declared-score-mismatch` → `DeclaredScoreMismatch`, as SARIF rule names are written.
fn pascal(alias: &str) -> String {
    alias
        .split(['-', '/'])
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// The section of docs/LINT.md for a rule: from its `## RLnnn` heading to the next rule's.
pub(crate) fn rule_help(id: &str) -> Option<String> {
    let start = RULE_DOCS.find(&format!("\n## {id} "))? + 1;
    let rest = &RULE_DOCS[start..];
    // The next rule's heading ends it: the examples hold `##` headings of their own.
    let end = rest[3..].find("\n## RL").map_or(rest.len(), |e| e + 3);
    Some(rest[..end].trim().to_owned())
}

fn lint_descriptor(info: &RuleInfo) -> Descriptor {
    Descriptor {
        id: info.id.to_owned(),
        name: pascal(info.alias),
        summary: info.summary.to_owned(),
        level: level(info.severity),
        help: rule_help(info.id).unwrap_or_else(|| info.summary.to_owned()),
    }
}

fn finding_entry(f: &Finding) -> Entry {
    Entry {
        rule: lint_descriptor(f.rule),
        level: level(f.severity),
        message: f.message.clone(),
        span: f.span.clone(),
        column: f.column,
        subject: f.subject.clone(),
    }
}

fn check_descriptor(id: &str, summary: &str, level: &'static str) -> Descriptor {
    Descriptor {
        id: id.to_owned(),
        name: pascal(id),
        summary: summary.to_owned(),
        level,
        help: format!(
            "{summary}. `ready check` reports this as part of its verdict; docs/policy.md explains each rule."
        ),
    }
}

fn blocker_entry(b: &Blocker, fallback: &Span) -> Entry {
    let summary = match b.rule {
        Rule::ScoreBelowThreshold => "the readiness score is below the threshold",
        Rule::MustHaveOpen => "a must-have item is open",
        Rule::ShouldHaveOpen => "should-have items are open beyond what the policy allows",
        Rule::CategoryBelowMinimum => "a category scores below the policy's minimum",
        Rule::ProbeContradicts => "a ticked item's probe fails",
        Rule::SignoffMissing => "a required sign-off is missing or stale",
        Rule::TooManyWaivers => "more waivers are in effect than the policy allows",
        Rule::StopCondition => "a NO-GO condition holds",
        Rule::StatedByChecklist => "an item the checklist's own rule covers is open",
        Rule::Regression => "the run is worse than its baseline report",
    };
    let (span, subject) = match &b.item {
        Some(target) => {
            let section = target.id.rsplit_once('/').map_or("", |(s, _)| s);
            (
                target.span.clone(),
                format!("{section}/{}", lint::normalise(&target.title)),
            )
        }
        None => (fallback.clone(), String::new()),
    };
    Entry {
        rule: check_descriptor(&format!("blocker/{}", b.rule.label()), summary, "error"),
        level: "error",
        message: b.message.clone(),
        span,
        column: None,
        subject,
    }
}

impl Report for SarifReport {
    fn write(&self, a: &Assessment, out: &mut dyn io::Write) -> io::Result<()> {
        let first = a.checklists.first().map_or_else(
            || Span::new("ready.yaml", 1),
            |c| {
                c.declared_score
                    .as_ref()
                    .map_or_else(|| Span::new(&c.path, 1), |d| d.span.clone())
            },
        );
        let mut entries: Vec<Entry> = a
            .blockers
            .iter()
            .map(|b| blocker_entry(b, &first))
            .collect();
        entries.extend(a.findings.iter().map(finding_entry));
        for used in a.waivers.iter().filter(|w| w.state == WaiverState::Expired) {
            entries.push(Entry {
                rule: check_descriptor("waiver/expired", "a waiver has expired", "warning"),
                level: "warning",
                message: format!(
                    "the waiver for \"{}\" expired on {}; what it set aside blocks again",
                    used.waiver.item, used.waiver.expires
                ),
                span: used.waiver.span.clone(),
                column: None,
                subject: format!("waiver/{}", lint::normalise(&used.waiver.item)),
            });
        }
        for checklist in &a.checklists {
            for approval in checklist
                .approvals
                .iter()
                .filter(|p| p.status == ApprovalStatus::Stale)
            {
                entries.push(Entry {
                    rule: check_descriptor(
                        "signoff/stale",
                        "a sign-off was given before the checklist last changed",
                        "warning",
                    ),
                    level: "warning",
                    message: format!(
                        "the sign-off of {} was given before the checklist's scored content changed; it must be signed again",
                        approval.role
                    ),
                    span: approval
                        .span
                        .clone()
                        .unwrap_or_else(|| Span::new(&checklist.path, 1)),
                    column: None,
                    subject: format!("signoff/{}", lint::normalise(&approval.role)),
                });
            }
        }
        let paths: Vec<String> = a.checklists.iter().map(|c| c.path.clone()).collect();
        let widths = Widths(a.checklists.iter().collect());
        render(entries, &paths, &widths, &self.links, out)
    }
}

/// `ready lint --format sarif`.
pub(crate) fn lint_sarif(
    findings: &[Finding],
    checklists: &[Checklist],
    links: &Links,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let paths: Vec<String> = checklists.iter().map(|c| c.path.clone()).collect();
    render(
        findings.iter().map(finding_entry).collect(),
        &paths,
        &Widths(checklists.iter().collect()),
        links,
        out,
    )
}

/// Line widths of the checklists, so each region can span its whole line.
struct Widths<'a>(Vec<&'a Checklist>);

impl Widths<'_> {
    fn of(&self, span: &Span) -> Option<u32> {
        self.0
            .iter()
            .find(|c| *c.path == *span.file)
            .and_then(|c| c.line_width(span.line))
    }
}

/// One run per checklist (a result in another file, such as `ready.yaml`, goes with the first
/// checklist), at most [`MAX_RUNS`]: past that, every result shares one run.
fn render(
    entries: Vec<Entry>,
    checklists: &[String],
    widths: &Widths<'_>,
    links: &Links,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let own_runs = checklists.len() <= MAX_RUNS && !checklists.is_empty();
    let mut runs: BTreeMap<usize, Vec<Entry>> = BTreeMap::new();
    for entry in entries {
        let run = if own_runs {
            checklists
                .iter()
                .position(|c| **c == *entry.span.file)
                .unwrap_or(0)
        } else {
            0
        };
        runs.entry(run).or_default().push(entry);
    }
    if own_runs {
        for index in 0..checklists.len() {
            runs.entry(index).or_default();
        }
    }
    let runs: Vec<Value> = runs
        .into_iter()
        .map(|(index, entries)| {
            let id = if own_runs {
                format!("ready/{}/", links.repository_path(&checklists[index]))
            } else {
                "ready/".to_owned()
            };
            run(entries, &id, widths, links)
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": runs,
    });
    crate::report::write_json(&log, out)
}

fn run(mut entries: Vec<Entry>, automation_id: &str, widths: &Widths<'_>, links: &Links) -> Value {
    let dropped = entries.len().saturating_sub(MAX_RESULTS_PER_RUN);
    entries.truncate(MAX_RESULTS_PER_RUN);
    // Every lint rule is described, so a rule turned on later keeps the same index; `check`'s
    // own rules are described when they occur.
    let mut descriptors: Vec<Descriptor> =
        RULES.iter().map(|r| lint_descriptor(r.info())).collect();
    for entry in &entries {
        if !descriptors.iter().any(|d| d.id == entry.rule.id) {
            descriptors.push(entry.rule.clone());
        }
    }
    let results: Vec<Value> = entries
        .iter()
        .map(|e| {
            let index = descriptors
                .iter()
                .position(|d| d.id == e.rule.id)
                .unwrap_or(0);
            // The whole line, or from the column the claim starts at to the end of its line.
            let line = e.span.line.max(1);
            let mut region = json!({ "startLine": line, "endLine": line });
            if let Some(width) = widths.of(&e.span) {
                let start = e.column.unwrap_or(1).clamp(1, width.max(1));
                region["startColumn"] = json!(start);
                region["endColumn"] = json!(width.max(start) + 1);
            } else if let Some(column) = e.column {
                region["startColumn"] = json!(column.max(1));
            }
            let uri = artifact_uri(&links.repository_path(&e.span.file));
            let fingerprint =
                files::digest(format!("{}\u{0}{}\u{0}{}", e.rule.id, uri, e.subject).as_bytes());
            json!({
                "ruleId": e.rule.id,
                "ruleIndex": index,
                "level": e.level,
                "message": { "text": cut(&e.message) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": region,
                    }
                }],
                "partialFingerprints": {
                    "readySubject/v1": fingerprint.trim_start_matches("sha256:"),
                },
            })
        })
        .collect();
    let rules: Vec<Value> = descriptors
        .iter()
        .map(|d| {
            json!({
                "id": d.id,
                "name": d.name,
                "shortDescription": { "text": d.summary },
                "fullDescription": { "text": d.summary },
                "help": { "text": d.help, "markdown": d.help },
                "defaultConfiguration": { "level": d.level },
                "properties": { "tags": ["readiness"] },
            })
        })
        .collect();
    let mut value = json!({
        "tool": {
            "driver": {
                "name": "ready",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }
        },
        "automationDetails": { "id": automation_id },
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if dropped > 0 {
        value["properties"] = json!({ "droppedResults": dropped });
    }
    value
}

/// A path as a SARIF artifact URI: a relative reference with `/` separators and its reserved
/// characters escaped, or a `file://` URI for an absolute path (a relative reference may not
/// begin with a slash).
fn artifact_uri(path: &str) -> String {
    const RESERVED: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'[')
        .add(b']')
        .add(b'\\')
        .add(b'^')
        .add(b'`')
        .add(b'{')
        .add(b'|')
        .add(b'}');
    let path = path.replace('\\', "/");
    if path.starts_with('/')
        && let Ok(url) = url::Url::from_file_path(&path)
    {
        return url.to_string();
    }
    percent_encoding::utf8_percent_encode(&path, RESERVED).to_string()
}

fn cut(message: &str) -> String {
    if message.len() <= MAX_MESSAGE {
        return message.to_owned();
    }
    let mut end = MAX_MESSAGE;
    while !message.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &message[..end])
}
