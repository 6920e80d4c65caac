//! Places where a checklist contradicts itself: a ticked box that says PENDING, a section that
//! declares ✅ over open items, a "CONDITIONAL GO" over a NO-GO. None of these changes the
//! score (the rules in `score` already count such items as open); they tell the reader why the
//! verdict differs from what the document claims.

use crate::gate::score::credit;
use crate::gate::verdict::Verdict;
use crate::model::{Checklist, Item, Mark, Notice, Outcome, Status, Tag};

pub(crate) fn review(checklist: &Checklist, verdict: Verdict) -> Vec<Notice> {
    let mut out = Vec::new();

    for item in checklist.items().filter(|i| i.phase.is_pre_launch()) {
        if evidence_notices(item, &mut out) {
            continue;
        }
        if item.checked && item.claims_unfinished() {
            let says = if item.tags.contains(&Tag::Pending) {
                "PENDING"
            } else if item.marks.contains(&Mark::Failed) {
                "❌"
            } else {
                "⏳"
            };
            out.push(Notice::new(
                format!(
                    "\"{}\" is ticked but says {says}; counted as open",
                    item.title
                ),
                Some(item.span.clone()),
            ));
        } else if !item.checked && item.marks.contains(&Mark::Done) {
            out.push(Notice::new(
                format!(
                    "\"{}\" shows ✅ but its box is not ticked; counted as open",
                    item.title
                ),
                Some(item.span.clone()),
            ));
        }
    }

    overview_notices(checklist, &mut out);

    for section in checklist
        .sections()
        .filter(|s| s.phase.is_pre_launch() && !s.signoff)
    {
        let Some(status) = &section.declared_status else {
            continue;
        };
        if status.mark != Some(Mark::Done) {
            continue;
        }
        let counted: Vec<f64> = section.all_items().filter_map(credit).collect();
        let open = counted.iter().filter(|c| **c < 1.0).count();
        if open > 0 {
            out.push(Notice::new(
                format!(
                    "section {} declares \"{}\" but {open} of its {} counted items are not done",
                    section.heading(),
                    status.text,
                    counted.len()
                ),
                Some(status.span.clone()),
            ));
        }
    }

    if verdict == Verdict::NoGo {
        for statement in checklist.statements.iter().filter(|s| s.claims_go) {
            out.push(Notice::new(
                format!(
                    "the checklist says \"{}: {}\", but the computed verdict is NO-GO",
                    statement.label, statement.text
                ),
                Some(statement.span.clone()),
            ));
        }
    }
    out
}

/// A ticked box of an overview list (a digest restating whole sections) over a section whose
/// items are not all done. Must-have groups restating items are the policy's (they block).
fn overview_notices(checklist: &Checklist, out: &mut Vec<Notice>) {
    let mut overview = checklist
        .items()
        .filter(|i| i.priority.is_none() && i.checked && !i.restates.is_empty())
        .peekable();
    if overview.peek().is_none() {
        return;
    }
    let index = checklist.item_index();
    for item in overview {
        let restated: Vec<&Item> = item
            .restates
            .iter()
            .filter_map(|id| index.get(id.as_str()).copied())
            .filter(|i| credit(i).is_some())
            .collect();
        let open = restated.iter().filter(|i| !i.status().is_done()).count();
        if open > 0 {
            out.push(Notice::new(
                format!(
                    "\"{}\" is ticked in an overview, but {open} of the {} items it stands for {} not done",
                    item.title,
                    restated.len(),
                    if open == 1 { "is" } else { "are" }
                ),
                Some(item.span.clone()),
            ));
        }
    }
}

/// Where box and probe disagree without blocking (a blocked contradiction is a blocker, not a
/// warning), and probes that did not settle anything. Returns true when probes decided the
/// item, so the box-based notices do not apply.
fn evidence_notices(item: &Item, out: &mut Vec<Notice>) -> bool {
    let span = Some(item.span.clone());
    for skipped in item
        .evidence
        .iter()
        .filter(|e| e.outcome == Outcome::Skipped)
    {
        out.push(Notice::new(
            format!(
                "probe {} for \"{}\" was not run: {}; the item is judged by its box",
                skipped.id, item.title, skipped.message
            ),
            span.clone(),
        ));
    }
    match item.status() {
        Status::Verified | Status::Flaky if !item.box_status().is_done() => {
            out.push(Notice::new(
                format!(
                    "\"{}\" is not marked done, but its probe passes; counted as done (tick the box?)",
                    item.title
                ),
                span.clone(),
            ));
        }
        _ => {}
    }
    if item.status() == Status::Flaky {
        for flaky in item.evidence.iter().filter(|e| e.is_flaky()) {
            out.push(Notice::new(
                format!(
                    "probe {} for \"{}\" is flaky: it passed only on attempt {}",
                    flaky.id, item.title, flaky.attempts
                ),
                span.clone(),
            ));
        }
    }
    item.evidence.iter().any(|e| e.outcome != Outcome::Skipped)
}
