//! RL017: a heading with nothing under it.

use crate::gate::lint::lookup::section_at_line;
use crate::gate::lint::{Draft, Input, RuleInfo};
use crate::model::Severity;

pub(crate) struct Rule;

static INFO: RuleInfo = RuleInfo {
    id: "RL017",
    alias: "empty-section",
    severity: Severity::Note,
    summary: "a heading with nothing under it",
    in_check: false,
};

impl super::Rule for Rule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Draft>) {
        for span in &input.checklist.empty_sections {
            let section = section_at_line(input, span.line).filter(|s| s.span.line == span.line);
            let (id, heading) = section.map_or_else(
                || (String::new(), format!("the heading at line {}", span.line)),
                |s| (s.id.to_string(), format!("section {}", s.heading())),
            );
            out.push(Draft::new(
                span,
                format!("{id}#empty"),
                format!("{heading} is empty: write its criteria or remove it"),
            ));
        }
    }
}
