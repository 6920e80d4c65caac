//! RL018: an entry of a must-have (or should-have) group that restates nothing, in a group
//! whose other entries restate items elsewhere: it is scored on its own box, which may not be
//! what the author meant.

use crate::gate::lint::lookup::item_subject;
use crate::gate::lint::{Draft, Input, RuleInfo};
use crate::model::{Item, Severity};

pub(crate) struct Rule;

static INFO: RuleInfo = RuleInfo {
    id: "RL018",
    alias: "must-have-unmatched",
    severity: Severity::Note,
    summary: "a must-have entry that matches no item of the checklist",
    in_check: false,
};

fn group(list: &[Item], out: &mut Vec<Draft>) {
    if !list.iter().any(|i| !i.restates().is_empty()) {
        return;
    }
    for item in list
        .iter()
        .filter(|i| i.priority.is_some() && i.restates().is_empty())
    {
        out.push(Draft::new(
            &item.span,
            item_subject(item),
            format!(
                "\"{}\" restates no item of the checklist, unlike the rest of its group; it is scored on its own box",
                item.title
            ),
        ));
    }
}

impl super::Rule for Rule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Draft>) {
        group(&input.checklist.loose_items, out);
        for section in input.checklist.sections() {
            group(&section.items, out);
        }
    }
}
