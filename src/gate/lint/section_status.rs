//! RL004: a section whose status line or status-table row claims it done (✅, "Complete",
//! "100%", "Ready") over items that are open and not optional.

use crate::gate::lint::{Draft, Input, RuleInfo};
use crate::gate::score::credit;
use crate::model::{Mark, Severity};

pub(crate) struct Rule;

static INFO: RuleInfo = RuleInfo {
    id: "RL004",
    alias: "section-status-contradicted",
    severity: Severity::Error,
    summary: "a section's status says done over items that are open",
    in_check: true,
};

/// Whether a status line says the whole section is done: a ✅ or the words, and nothing in it
/// that says a part is not (`Mobile ✅ | Backend Pending ⏳` claims only a part).
fn claims_done(text: &str, mark: Option<Mark>) -> bool {
    let lower = text.to_lowercase();
    let denied = [
        "not ",
        "incomplete",
        "needs",
        "pending",
        "partial",
        "in progress",
    ]
    .iter()
    .any(|w| lower.contains(w))
        || text
            .chars()
            .filter_map(Mark::of_glyph)
            .any(|m| m != Mark::Done);
    if denied {
        return false;
    }
    match mark {
        Some(Mark::Done) => true,
        Some(_) => false,
        None => {
            lower.contains("100%")
                || lower
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| matches!(w, "complete" | "completed" | "done" | "ready"))
        }
    }
}

impl super::Rule for Rule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Draft>) {
        for section in input
            .checklist
            .sections()
            .filter(|s| s.phase.is_pre_launch() && !s.signoff)
        {
            let Some(status) = &section.declared_status else {
                continue;
            };
            if !claims_done(&status.text, status.mark) {
                continue;
            }
            let counted: Vec<f64> = section.all_items().filter_map(credit).collect();
            let open = counted.iter().filter(|c| **c < 1.0).count();
            // A bare ✅ on a heading over a section of which nothing is done reads as an icon
            // (templates decorate their headings), not as a claim.
            let bare = status
                .text
                .chars()
                .all(|c| c.is_whitespace() || c == '\u{fe0f}' || Mark::of_glyph(c).is_some());
            if bare && open == counted.len() {
                continue;
            }
            if open > 0 {
                out.push(Draft::new(
                    &status.span,
                    format!("{}#status", section.id),
                    format!(
                        "section {} declares \"{}\" but {open} of its {} counted items {} not done",
                        section.heading(),
                        status.text,
                        counted.len(),
                        if open == 1 { "is" } else { "are" }
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::claims_done;
    use crate::model::Mark;

    #[test]
    fn status_words() {
        assert!(claims_done("✅ 100% Complete", Some(Mark::Done)));
        assert!(claims_done("Complete", None));
        assert!(claims_done("Ready for launch", None));
        assert!(!claims_done(
            "Needs production-scale validation",
            Some(Mark::Warning)
        ));
        assert!(!claims_done("Not ready", None));
        assert!(!claims_done("In progress", None));
        assert!(!claims_done(
            "Mobile App Production Ready ✅ | Backend Staging Pending ⏳",
            Some(Mark::Done)
        ));
    }
}
