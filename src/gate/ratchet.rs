//! The ratchet (`ready check --baseline REPORT.json`): a run may not be worse than an earlier
//! one, even above the threshold. Items are matched to the baseline's as `ready diff` matches
//! revisions (section, then title, then probe binding, then shared words).
//!
//! Flaky evidence does not flap the gate: an item that was `flaky` in the baseline, or is
//! flaky now (it passed only on a retry), never trips the ratchet by itself. A real failure
//! fails every attempt, so it trips every time.

use crate::gate::diff::matching::{Key, pair_keys};
use crate::gate::policy::{Blocker, Located, Rule, located_items};
use crate::hash::HashSet;
use crate::model::{Baseline, Checklist, Notice, Priority, Status};

/// A baseline and how far the score may fall below it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ratchet<'a> {
    pub(crate) baseline: &'a Baseline,
    /// Points the score may fall before the run is NO-GO (`--tolerance`, default 0).
    pub(crate) tolerance: f64,
    /// `--strict`: a stale baseline (items improved since) is NO-GO too.
    pub(crate) strict: bool,
}

fn passed(status: Status) -> bool {
    matches!(status, Status::Done | Status::Verified)
}

fn failed(status: Status) -> bool {
    matches!(status, Status::Contradicted | Status::Open)
}

/// Each current item with the priority the gate gives it (its own, or a must-have entry
/// restating it).
fn current(checklists: &[Checklist]) -> Vec<(Located<'_>, Option<Priority>)> {
    let mut out = Vec::new();
    for checklist in checklists {
        // A set: a list searched for each item grew with must-haves × items.
        let must_restated: HashSet<&str> = checklist
            .items()
            .filter(|i| i.priority == Some(Priority::Must))
            .flat_map(|i| i.restates().iter().map(String::as_str))
            .collect();
        for l in located_items(checklist) {
            let priority = if l.item.id.with_str(|id| must_restated.contains(id)) {
                Some(Priority::Must)
            } else {
                l.item.priority
            };
            out.push((l, priority));
        }
    }
    out
}

/// The blockers the baseline adds, and the notices (a stale baseline).
pub(crate) fn check(
    checklists: &[Checklist],
    score: f64,
    ratchet: &Ratchet<'_>,
) -> (Vec<Blocker>, Vec<Notice>) {
    let baseline = ratchet.baseline;
    let items = current(checklists);
    let old_keys: Vec<Key> = baseline
        .items
        .iter()
        .map(|i| Key::new(&i.section, &i.title, i.probes.clone()))
        .collect();
    let new_keys: Vec<Key> = items
        .iter()
        .map(|(l, _)| {
            let section = l.section.map_or("", |s| s.id.as_str());
            let probes = l.item.evidence.iter().map(|e| e.id.clone()).collect();
            Key::new(section, &l.item.title, probes)
        })
        .collect();
    let links = pair_keys(&old_keys, &new_keys);

    let (mut blockers, mut notices) = (Vec::new(), Vec::new());
    let mut improved = 0usize;
    for (before, to) in baseline.items.iter().zip(&links.old_to) {
        let Some(n) = *to else { continue };
        let (located, priority) = &items[n];
        let now = located.item.status();
        if before.status == Status::Flaky || now == Status::Flaky {
            continue;
        }
        let was_done = before.status.is_done();
        if !was_done && now.is_done() {
            improved += 1;
            continue;
        }
        let must = before.priority == Some(Priority::Must) || *priority == Some(Priority::Must);
        let why = if passed(before.status) && failed(now) && !located.item.evidence.is_empty() {
            Some(format!(
                "was {} in the baseline and is {} now",
                before.status.label(),
                now.label()
            ))
        } else if must && was_done && !now.is_done() {
            Some(format!(
                "a must-have that was {} in the baseline is {} now",
                before.status.label(),
                now.label()
            ))
        } else {
            None
        };
        if let Some(why) = why {
            blockers.push(Blocker {
                item: Some(located.target()),
                rule: Rule::Regression,
                message: format!(
                    "\"{}\" ({}) {why} (baseline {})",
                    located.item.title, located.item.span, baseline.path
                ),
            });
        }
    }
    let fall = baseline.score - score;
    if fall > ratchet.tolerance + 1e-9 {
        blockers.push(Blocker {
            item: None,
            rule: Rule::Regression,
            message: format!(
                "the score fell from {:.2}% in the baseline ({}) to {score:.2}%, {fall:.2} points, more than the tolerance of {}",
                baseline.score,
                baseline.path,
                crate::gate::lint::number(ratchet.tolerance)
            ),
        });
    }
    if improved > 0 || score > baseline.score + 1e-9 {
        let message = format!(
            "the baseline {} is stale: {improved} item{} improved and the score is {score:.2}% against {:.2}%; record a new baseline",
            baseline.path,
            if improved == 1 { "" } else { "s" },
            baseline.score
        );
        if ratchet.strict {
            blockers.push(Blocker {
                item: None,
                rule: Rule::Regression,
                message: format!("{message} (--strict fails on a stale baseline)"),
            });
        } else {
            notices.push(Notice::new(message, None));
        }
    }
    (blockers, notices)
}
