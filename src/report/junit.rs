//! JUnit XML for CI test-report viewers (GitLab's test tab, Jenkins, GitHub test-report
//! actions): one suite per category, one case per counted item, and a `policy` suite for the
//! rules that are not about one item (the score, sign-offs, the waiver cap).
//!
//! A blocking item is a `<failure>` whose type is the rule and whose message is the blocker's
//! reason; an open item that does not block, or one a waiver sets aside, is `<skipped>` with
//! the reason; a done item passes. Each case carries `file` and `line` pointing at the
//! checklist, and probe evidence in `<system-out>`.

use std::io;
use std::time::Duration;

use quick_junit::{NonSuccessKind, Report as Junit, TestCase, TestCaseStatus, TestSuite};

use crate::gate::Assessment;
use crate::gate::WaiverState;
use crate::gate::{Blocker, Rule};
use crate::model::format_count;
use crate::model::{Checklist, Item};
use crate::report::Report;
use crate::report::fmt;

#[derive(Debug, Clone, Copy)]
pub(crate) struct JunitReport;

impl Report for JunitReport {
    fn write(&self, a: &Assessment, out: &mut dyn io::Write) -> io::Result<()> {
        let mut report = Junit::new("ready");
        for category in a.categories.iter().filter(|c| c.weight > 0.0) {
            let mut suite = TestSuite::new(category.name.as_str());
            let Some(checklist) = a.checklists.iter().find(|c| c.path == category.checklist) else {
                continue;
            };
            for id in &category.item_ids {
                if let Some(item) = checklist.find_item(id) {
                    suite.add_test_case(case(a, checklist, item, &category.name));
                }
            }
            report.add_test_suite(suite);
        }
        report.add_test_suite(policy_suite(a));
        report
            .serialize(&mut *out)
            .map_err(|e| io::Error::other(e.to_string()))?;
        writeln!(out)
    }
}

/// Whether a blocker is about this item of this checklist.
fn is_about(blocker: &Blocker, checklist: &Checklist, item: &Item) -> bool {
    blocker
        .item
        .as_ref()
        .is_some_and(|t| t.id == item.id && t.span.file == checklist.path)
}

fn case(a: &Assessment, checklist: &Checklist, item: &Item, category: &str) -> TestCase {
    let status = item.status();
    let blockers: Vec<&Blocker> = a
        .blockers
        .iter()
        .filter(|b| is_about(b, checklist, item))
        .collect();
    let waiver = a.waivers.iter().find(|w| {
        w.state == WaiverState::Active && w.blockers.iter().any(|b| is_about(b, checklist, item))
    });
    let case_status = if let Some(first) = blockers.first() {
        let mut failure = TestCaseStatus::non_success(NonSuccessKind::Failure);
        let messages: Vec<&str> = blockers.iter().map(|b| b.message.as_str()).collect();
        failure
            .set_type(first.rule.label())
            .set_message(messages.join("; "));
        if !item.evidence.is_empty() {
            failure.set_description(evidence(item));
        }
        failure
    } else if let Some(w) = waiver.filter(|_| !a.policy.strict) {
        let mut skipped = TestCaseStatus::skipped();
        skipped.set_message(format!(
            "waived until {} by {}: {}",
            w.waiver.expires, w.waiver.approved_by, w.waiver.reason
        ));
        skipped
    } else if status.is_done() {
        TestCaseStatus::success()
    } else {
        let mut skipped = TestCaseStatus::skipped();
        skipped.set_message(format!("{}; does not block the release", status.label()));
        skipped
    };
    let mut case = TestCase::new(item.title.as_str(), case_status);
    case.set_classname(category);
    case.extra
        .insert("file".into(), checklist.path.as_str().into());
    case.extra
        .insert("line".into(), item.span.line.to_string().into());
    if !item.evidence.is_empty() {
        let millis: u64 = item.evidence.iter().map(|e| e.duration_ms).sum();
        case.set_time(Duration::from_millis(millis));
        case.set_system_out(evidence(item));
    }
    case
}

/// One line per probe: `probe api-health (http) pass in 12 ms: HTTP 200 in 11 ms`.
fn evidence(item: &Item) -> String {
    item.evidence
        .iter()
        .map(|e| {
            format!(
                "probe {} ({}) {} in {} ms, {} attempt{}: {}",
                e.id,
                e.kind,
                e.outcome.label(),
                e.duration_ms,
                e.attempts,
                fmt::plural(e.attempts),
                e.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The rules that are not about one item: the threshold, and any blocker without an item in a
/// category (sign-offs, the waiver cap).
fn policy_suite(a: &Assessment) -> TestSuite {
    let mut suite = TestSuite::new("policy");
    let name = format!(
        "readiness {:.1}% meets the threshold of {}%",
        a.score,
        format_count(a.policy.threshold)
    );
    let below = a
        .blockers
        .iter()
        .find(|b| b.rule == Rule::ScoreBelowThreshold);
    let status = match below {
        Some(b) => {
            let mut failure = TestCaseStatus::non_success(NonSuccessKind::Failure);
            failure.set_type(b.rule.label()).set_message(&b.message);
            failure
        }
        None => TestCaseStatus::success(),
    };
    let mut case = TestCase::new(name, status);
    case.set_classname("policy");
    suite.add_test_case(case);
    let in_categories = |b: &Blocker| {
        b.item.as_ref().is_some_and(|t| {
            a.categories
                .iter()
                .any(|c| c.weight > 0.0 && c.checklist == t.span.file && c.item_ids.contains(&t.id))
        })
    };
    for blocker in a
        .blockers
        .iter()
        .filter(|b| b.rule != Rule::ScoreBelowThreshold && !in_categories(b))
    {
        let mut failure = TestCaseStatus::non_success(NonSuccessKind::Failure);
        failure
            .set_type(blocker.rule.label())
            .set_message(&blocker.message);
        let title = blocker
            .item
            .as_ref()
            .map_or_else(|| blocker.rule.label().to_owned(), |t| t.title.clone());
        let mut case = TestCase::new(title, failure);
        case.set_classname("policy");
        if let Some(target) = &blocker.item {
            case.extra
                .insert("file".into(), target.span.file.as_str().into());
            case.extra
                .insert("line".into(), target.span.line.to_string().into());
        }
        suite.add_test_case(case);
    }
    suite
}
