//! RL013: an item that shows ✅ while its box is not ticked.

use crate::gate::lint::lookup::item_subject;
use crate::gate::lint::{Draft, Input, RuleInfo};
use crate::model::{Mark, Severity};

pub(crate) struct Rule;

static INFO: RuleInfo = RuleInfo {
    id: "RL013",
    alias: "done-mark-unticked",
    severity: Severity::Warning,
    summary: "an item shows ✅ but its box is not ticked",
    in_check: true,
};

impl super::Rule for Rule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Draft>) {
        for item in input.checklist.items().filter(|i| {
            i.phase.is_pre_launch()
                && !i.checked
                && i.marks().contains(&Mark::Done)
                && !i.decided_by_probes()
        }) {
            out.push(
                Draft::new(
                    &item.span,
                    item_subject(item),
                    format!(
                        "\"{}\" shows ✅ but its box is not ticked; counted as open",
                        item.title
                    ),
                )
                .fix("- [x]"),
            );
        }
    }
}
