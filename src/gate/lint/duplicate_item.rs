//! RL016: the same item written twice in one list.

use std::collections::HashMap;

use crate::gate::lint::lookup::{item_subject, normalise};
use crate::gate::lint::{Draft, Input, RuleInfo};
use crate::model::{Item, Severity};

pub(crate) struct Rule;

static INFO: RuleInfo = RuleInfo {
    id: "RL016",
    alias: "duplicate-item",
    severity: Severity::Warning,
    summary: "the same item written twice in one list",
    in_check: true,
};

fn siblings(list: &[Item], out: &mut Vec<Draft>) {
    let mut seen: HashMap<String, &Item> = HashMap::new();
    for item in list {
        let key = normalise(&item.text);
        if key.is_empty() {
            continue;
        }
        match seen.get(&key) {
            Some(first) => out.push(Draft::new(
                &item.span,
                format!("{}#duplicate", item_subject(item)),
                format!(
                    "\"{}\" is written twice in this list (first at line {}); it is counted twice",
                    item.title, first.span.line
                ),
            )),
            None => {
                seen.insert(key, item);
            }
        }
    }
}

impl super::Rule for Rule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Draft>) {
        let checklist = input.checklist;
        siblings(&checklist.loose_items, out);
        for section in checklist.sections() {
            siblings(&section.items, out);
        }
        for item in checklist.items().filter(|i| !i.children.is_empty()) {
            siblings(&item.children, out);
        }
    }
}
