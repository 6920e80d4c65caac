//! RL021: a `ready-lint-disable` comment without a reason: silencing a finding is a decision
//! someone should be able to read.

use crate::gate::lint::lookup::line_subject;
use crate::gate::lint::{Draft, Input, RuleInfo};
use crate::model::Severity;

pub(crate) struct Rule;

static INFO: RuleInfo = RuleInfo {
    id: "RL021",
    alias: "suppression-without-reason",
    severity: Severity::Warning,
    summary: "a ready-lint-disable comment that gives no reason",
    in_check: true,
};

impl super::Rule for Rule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Draft>) {
        for suppression in input
            .checklist
            .suppressions
            .iter()
            .filter(|s| s.reason.is_none())
        {
            let rules = if suppression.rules.is_empty() {
                "every rule".to_owned()
            } else {
                suppression.rules.join(", ")
            };
            out.push(
                Draft::new(
                    &suppression.span,
                    line_subject(input, suppression.span.line, &format!("disable {rules}")),
                    format!(
                        "this comment silences {rules} without a reason; write one after a colon"
                    ),
                )
                .fix(format!(
                    "<!-- ready-lint-disable{} {}: why -->",
                    if suppression.line.is_some() {
                        "-next-line"
                    } else {
                        ""
                    },
                    suppression.rules.join(", ")
                )),
            );
        }
    }
}
