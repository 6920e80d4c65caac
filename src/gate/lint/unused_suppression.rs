//! RL022: a `ready-lint-disable` comment that silences nothing: the finding it was written for
//! is gone (or it names the wrong rule), and it would silence the next one unseen.

use crate::gate::lint::lookup::line_subject;
use crate::gate::lint::{Draft, Input, RuleInfo};
use crate::model::Severity;

pub(crate) struct Rule;

static INFO: RuleInfo = RuleInfo {
    id: "RL022",
    alias: "unused-suppression",
    severity: Severity::Warning,
    summary: "a ready-lint-disable comment that silences nothing",
    in_check: true,
};

impl super::Rule for Rule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Draft>) {
        for suppression in &input.unused_suppressions {
            let unknown: Vec<&str> = suppression
                .rules
                .iter()
                .map(String::as_str)
                .filter(|r| crate::gate::lint::find(r).is_none())
                .collect();
            let why = if unknown.is_empty() {
                "it silences nothing: remove it".to_owned()
            } else {
                format!("it names no rule ready knows: {}", unknown.join(", "))
            };
            out.push(Draft::new(
                &suppression.span,
                line_subject(
                    input,
                    suppression.span.line,
                    &format!("disable {}", suppression.rules.join(" ")),
                ),
                format!("this ready-lint-disable comment is unused; {why}"),
            ));
        }
    }
}
