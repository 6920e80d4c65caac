//! RL003: a weight-table row that names no section, so its weight counts for nothing.

use crate::gate::lint::lookup::line_subject;
use crate::gate::lint::{Draft, Input, RuleInfo};
use crate::model::Severity;

pub(crate) struct Rule;

static INFO: RuleInfo = RuleInfo {
    id: "RL003",
    alias: "weight-row-unmatched",
    severity: Severity::Warning,
    summary: "a weight-table row names no section of the checklist",
    in_check: true,
};

impl super::Rule for Rule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Draft>) {
        let Some(table) = &input.checklist.weight_table else {
            return;
        };
        for row in table.rows.iter().filter(|r| r.section.is_none()) {
            out.push(Draft::new(
                &row.span,
                line_subject(input, table.span.line, &row.name),
                format!(
                    "weight row \"{}\" names no section of this checklist; its weight is left out",
                    row.name
                ),
            ));
        }
    }
}
