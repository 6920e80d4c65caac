//! RL012: a ticked item whose own text says it is not done: PENDING, TODO, ⏳, ❌ or "not yet".

use crate::files::Guarded;
use crate::gate::lint::lookup::item_subject;
use crate::gate::lint::{Draft, Input, RuleInfo};
use crate::model::{Item, Mark, Severity, Tag};

pub(crate) struct Rule;

static INFO: RuleInfo = RuleInfo {
    id: "RL012",
    alias: "ticked-but-pending",
    severity: Severity::Error,
    summary: "a ticked item whose own text says PENDING, TODO, ⏳ or \"not yet\"",
    in_check: true,
};

/// Words that say the work is unfinished but that the reader does not turn into a tag: TODO and
/// TBD in capitals, and "not yet" as a status of its own (after a dash, colon or parenthesis, or
/// as the whole text), not inside a sentence about something else ("commands not yet
/// implemented say so").
static UNFINISHED: Guarded = Guarded::new(
    &[&['D', 'y', 'Y']],
    r"\bTODO\b|\bTBD\b|(?i:(?:^|[-–—:(]\s*)not\s+yet\b)",
)
.with_words(&[&["todo", "tbd", "yet"]]);

/// What the item's text says against its box, if anything.
fn says(item: &Item) -> Option<&'static str> {
    if item.tags.contains(&Tag::Pending) {
        Some("PENDING")
    } else if item.marks().contains(&Mark::Failed) {
        Some("❌")
    } else if item.marks().contains(&Mark::Pending) {
        Some("⏳")
    } else if let Some(found) = UNFINISHED.find(item.text()) {
        Some(
            match found
                .as_str()
                .trim_start_matches(['-', '–', '—', ':', '(', ' '])
            {
                "TODO" => "TODO",
                "TBD" => "TBD",
                _ => "\"not yet\"",
            },
        )
    } else {
        None
    }
}

impl super::Rule for Rule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Draft>) {
        for item in input
            .checklist
            .items()
            .filter(|i| i.phase.is_pre_launch() && i.checked && !i.decided_by_probes())
        {
            let Some(word) = says(item) else { continue };
            let counted = if item.claims_unfinished() {
                "counted as open"
            } else {
                "counted as done by its box: untick it or finish the work"
            };
            out.push(Draft::new(
                &item.span,
                item_subject(item),
                format!("\"{}\" is ticked but says {word}; {counted}", item.title),
            ));
        }
    }
}

#[cfg(test)]
mod tests {

    /// Each guard is proved against its pattern, whether or not a test's text reaches it.
    #[test]
    fn every_guard_holds() {
        assert!(UNFINISHED.needs_hold(), "{UNFINISHED:?}");
    }
    use super::UNFINISHED;

    #[test]
    fn not_yet_is_a_status_only_on_its_own() {
        assert!(UNFINISHED.is_match("Runbook - not yet"));
        assert!(UNFINISHED.is_match("Runbook (not yet reviewed)"));
        assert!(UNFINISHED.is_match("Not yet"));
        assert!(UNFINISHED.is_match("Alerts TODO"));
        assert!(!UNFINISHED.is_match("commands not yet implemented say \"not yet available\""));
        assert!(!UNFINISHED.is_match("todo list app deployed"));
    }
}
