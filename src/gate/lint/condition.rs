//! RL008: a condition or must-have marked met (✅, ticked) while what it names is open: `✅
//! Complete all "Must Have" items (2 pending)`, or a ticked "Must Have" entry restating an
//! item that is not done.

use crate::gate::lint::lookup::{item_subject, line_subject};
use crate::gate::lint::{Draft, Input, RuleInfo};
use crate::hash::HashMap;
use crate::model::{ClaimKind, Item, Mark, Priority, Severity};

pub(crate) struct Rule;

static INFO: RuleInfo = RuleInfo {
    id: "RL008",
    alias: "condition-met-but-open",
    severity: Severity::Error,
    summary: "a condition or must-have marked met while what it names is open",
    in_check: true,
};

fn group(priority: Priority) -> &'static str {
    match priority {
        Priority::Must => "Must Have",
        Priority::Should => "Should Have",
        Priority::Nice => "Nice to Have",
    }
}

impl super::Rule for Rule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Draft>) {
        let checklist = input.checklist;
        // Each priority group's items, counted once (done, total): many conditions may name one.
        let mut groups: HashMap<Priority, (usize, usize)> = HashMap::default();
        for item in checklist.items().filter(|i| {
            i.phase.is_pre_launch() && i.status() != crate::model::Status::NotApplicable
        }) {
            if let Some(priority) = item.priority {
                let entry = groups.entry(priority).or_default();
                entry.0 += usize::from(item.status().is_done());
                entry.1 += 1;
            }
        }
        for claim in &checklist.claims {
            let ClaimKind::Condition {
                mark: Some(Mark::Done),
                priority,
                at_least,
                pending,
            } = claim.kind
            else {
                continue;
            };
            let subject = line_subject(input, claim.span.line, &claim.text);
            if let Some(pending) = pending.filter(|p| *p > 0) {
                out.push(
                    Draft::new(
                        &claim.span,
                        subject,
                        format!(
                            "the condition \"{}\" is marked met (✅), yet says {pending} pending",
                            claim.text
                        ),
                    )
                    .column(claim.column),
                );
                continue;
            }
            let Some(priority) = priority else { continue };
            let Some(&(done, total)) = groups.get(&priority) else {
                continue;
            };
            let needed = at_least.map_or(total, |n| n as usize);
            if done < needed {
                out.push(
                    Draft::new(
                        &claim.span,
                        subject,
                        format!(
                            "the condition \"{}\" is marked met (✅), but {done} of the {} \"{}\" items are done and it needs {needed}",
                            claim.text,
                            total,
                            group(priority)
                        ),
                    )
                    .column(claim.column),
                );
            }
        }
        let index = checklist.restated_index();
        for item in checklist
            .items()
            .filter(|i| i.priority.is_some() && i.checked && !i.restates().is_empty())
        {
            let open: Vec<&Item> = item
                .restates()
                .iter()
                .filter_map(|id| index.get(id.as_str()).copied())
                .filter(|i| !i.status().is_done())
                .collect();
            if let Some(first) = open.first() {
                out.push(Draft::new(
                    &item.span,
                    item_subject(item),
                    format!(
                        "\"{}\" is ticked as met, but the item it restates is not done: \"{}\" (line {})",
                        item.title, first.title, first.span.line
                    ),
                ));
            }
        }
    }
}
