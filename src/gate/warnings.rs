//! What the evidence says beside the verdict: probes that were skipped, a probe that passes
//! under an unticked box, a flaky pass. None of these changes the score; what the document
//! says about itself (a ticked box that says PENDING, a ✅ status over open items, a CONDITIONAL
//! GO over a NO-GO) is the linter's, whose rules `check` shows as warnings too.

use crate::model::{Checklist, Item, Notice, Outcome, Status};

pub(crate) fn review(checklist: &Checklist) -> Vec<Notice> {
    let mut out = Vec::new();
    for item in checklist.items().filter(|i| i.phase.is_pre_launch()) {
        evidence_notices(item, &mut out);
    }
    out
}

/// Where box and probe disagree without blocking (a blocked contradiction is a blocker, not a
/// warning), and probes that did not settle anything.
fn evidence_notices(item: &Item, out: &mut Vec<Notice>) {
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
}
