//! RL014: a ticked box of an overview list (a digest restating whole sections) over a section
//! whose items are not all done. Must-have groups restating items are RL008's.

use crate::gate::lint::lookup::item_subject;
use crate::gate::lint::{Draft, Input, RuleInfo};
use crate::gate::score::credit;
use crate::model::{Item, Severity};

pub(crate) struct Rule;

static INFO: RuleInfo = RuleInfo {
    id: "RL014",
    alias: "overview-ticked-over-open",
    severity: Severity::Warning,
    summary: "a ticked overview entry over a section whose items are not all done",
    in_check: true,
};

impl super::Rule for Rule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Draft>) {
        let checklist = input.checklist;
        let mut overview = checklist
            .items()
            .filter(|i| i.priority.is_none() && i.checked && !i.restates().is_empty())
            .peekable();
        if overview.peek().is_none() {
            return;
        }
        let index = checklist.restated_index();
        for item in overview {
            let restated: Vec<&Item> = item
                .restates()
                .iter()
                .filter_map(|id| index.get(id.as_str()).copied())
                .filter(|i| credit(i).is_some())
                .collect();
            let open = restated.iter().filter(|i| !i.status().is_done()).count();
            if open > 0 {
                out.push(Draft::new(
                    &item.span,
                    item_subject(item),
                    format!(
                        "\"{}\" is ticked in an overview, but {open} of the {} items it stands for {} not done",
                        item.title,
                        restated.len(),
                        if open == 1 { "is" } else { "are" }
                    ),
                ));
            }
        }
    }
}
