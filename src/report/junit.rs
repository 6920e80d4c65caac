//! JUnit XML for CI test-report viewers (GitLab's test tab, Jenkins, GitHub test-report
//! actions): one suite per category, one case per counted item, and a `policy` suite for the
//! rules that are not about one item (the score, sign-offs, the waiver cap).
//!
//! A blocking item is a `<failure>` whose type is the rule and whose message is the blocker's
//! reason; an open item that does not block, or one a waiver sets aside, is `<skipped>` with
//! the reason; a done item passes. Each case carries `file` and `line` pointing at the
//! checklist, and probe evidence in `<system-out>`.

use crate::hash::{HashMap, HashSet};
use std::io;
use std::time::Duration;

use quick_junit::{NonSuccessKind, Report as Junit, TestCase, TestCaseStatus, TestSuite};

use crate::gate::Assessment;
use crate::gate::{Blocker, Rule};
use crate::gate::{WaiverState, WaiverUse};
use crate::model::format_count;
use crate::model::{Checklist, Item};
use crate::report::Report;
use crate::report::fmt;

#[derive(Debug, Clone, Copy)]
pub(crate) struct JunitReport;

impl Report for JunitReport {
    fn write(&self, a: &Assessment, out: &mut dyn io::Write) -> io::Result<()> {
        let mut report = Junit::new("ready");
        let items: Vec<Vec<&Item>> = a.checklists.iter().map(|c| c.items().collect()).collect();
        let about = About::new(a);
        // The items written as cases of the categories' suites, by checklist and id.
        let mut cases: HashSet<(&str, &str)> = HashSet::default();
        for category in a.categories.iter().filter(|c| c.weight > 0.0) {
            let mut suite = TestSuite::new(category.name.as_str());
            let Some(n) = a
                .checklists
                .iter()
                .position(|c| c.path == category.checklist)
            else {
                continue;
            };
            let checklist = &a.checklists[n];
            for item in category.places.iter().filter_map(|&p| items[n].get(p)) {
                suite.add_test_case(case(&about, checklist, item, &category.name));
                cases.insert((&checklist.path, &item.id));
            }
            report.add_test_suite(suite);
        }
        report.add_test_suite(policy_suite(a, &cases));
        report
            .serialize(&mut *out)
            .map_err(|e| io::Error::other(e.to_string()))?;
        writeln!(out)
    }
}

/// The blockers and active waivers of a run by the item they are about, looked up once per
/// case instead of scanned, which made the report quadratic in the items.
struct About<'a> {
    blockers: HashMap<(&'a str, &'a str), Vec<&'a Blocker>>,
    waivers: HashMap<(&'a str, &'a str), &'a WaiverUse>,
    strict: bool,
}

impl<'a> About<'a> {
    fn new(a: &'a Assessment) -> About<'a> {
        let key = |b: &'a Blocker| b.item.as_ref().map(|t| (&*t.span.file, t.id.as_str()));
        let mut blockers: HashMap<_, Vec<&Blocker>> = HashMap::default();
        for blocker in &a.blockers {
            if let Some(k) = key(blocker) {
                blockers.entry(k).or_default().push(blocker);
            }
        }
        let mut waivers = HashMap::default();
        for w in a.waivers.iter().filter(|w| w.state == WaiverState::Active) {
            for blocker in &w.blockers {
                if let Some(k) = key(blocker) {
                    waivers.entry(k).or_insert(w);
                }
            }
        }
        About {
            blockers,
            waivers,
            strict: a.policy.strict,
        }
    }
}

fn case(about: &About<'_>, checklist: &Checklist, item: &Item, category: &str) -> TestCase {
    let status = item.status();
    let key = (checklist.path.as_str(), item.id.as_str());
    let blockers: Vec<&Blocker> = about.blockers.get(&key).cloned().unwrap_or_default();
    let waiver = about.waivers.get(&key).copied();
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
    } else if let Some(w) = waiver.filter(|_| !about.strict) {
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

/// The rules that are not about one item: the threshold, and every blocker not already written
/// as a case of a category's suite (`cases`, by checklist and item id) — sign-offs, the waiver
/// cap, items the score does not count.
fn policy_suite(a: &Assessment, cases: &HashSet<(&str, &str)>) -> TestSuite {
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
    // Blockers about counted items are already cases of their categories' suites. Looked up,
    // not scanned: a scan of every category's ids per blocker took 7 s for 80,000 open Must
    // items.
    let in_categories = |b: &Blocker| {
        b.item
            .as_ref()
            .is_some_and(|t| cases.contains(&(&*t.span.file, t.id.as_str())))
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
                .insert("file".into(), (&*target.span.file).into());
            case.extra
                .insert("line".into(), target.span.line.to_string().into());
        }
        suite.add_test_case(case);
    }
    suite
}
