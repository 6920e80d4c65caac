//! RL016: the same item written twice in one list.

use crate::hash::HashMap;

use crate::gate::lint::lookup::{item_subject, normalise};
use crate::gate::lint::{Draft, Input, RuleInfo};
use crate::model::{Item, Severity, Status, TextLine};

pub(crate) struct Rule;

static INFO: RuleInfo = RuleInfo {
    id: "RL016",
    alias: "duplicate-item",
    severity: Severity::Warning,
    summary: "the same item written twice in one list",
    in_check: true,
};

/// Whether two boxes of one section are in the same list: no line of text between them sits at
/// or left of the later box (a label such as `Web package:` or a bullet asking another
/// question starts a new list; notes indented under an item do not).
fn same_list(lines: &[TextLine], first: u32, second: u32) -> bool {
    let Ok(at) = lines.binary_search_by_key(&second, |l| l.line) else {
        return true;
    };
    let indent = lines[at].indent;
    let from = lines.partition_point(|l| l.line <= first);
    !lines[from..at]
        .iter()
        .any(|l| !l.task && l.indent <= indent)
}

fn siblings(list: &[Item], lines: &[TextLine], out: &mut Vec<Draft>) {
    let mut seen: HashMap<String, &Item> = HashMap::default();
    // Options of a choice and N/A boxes are not work: a repeated "Other" counts nothing twice.
    for item in list.iter().filter(|i| i.status() != Status::NotApplicable) {
        let key = normalise(item.text());
        if key.is_empty() {
            continue;
        }
        match seen.get(&key) {
            Some(first) if !same_list(lines, first.span.line, item.span.line) => {
                seen.insert(key, item);
            }
            Some(first) => {
                out.push(Draft::new(
                    &item.span,
                    format!("{}#duplicate", item_subject(item)),
                    format!(
                        "\"{}\" is written twice in this list (also at line {}); it is counted twice",
                        item.title, first.span.line
                    ),
                ));
                // The next copy is compared with this one, so a long list stays linear.
                seen.insert(key, item);
            }
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
        let lines = &checklist.text_lines;
        siblings(&checklist.loose_items, lines, out);
        for section in checklist.sections() {
            siblings(&section.items, lines, out);
        }
        for item in checklist.items().filter(|i| !i.children.is_empty()) {
            siblings(&item.children, lines, out);
        }
    }
}
