//! RL015: a verdict the document states (`RECOMMENDATION: CONDITIONAL GO`) that the computed
//! verdict contradicts.

use crate::gate::lint::lookup::line_subject;
use crate::gate::lint::{Draft, Input, RuleInfo};
use crate::gate::verdict::Verdict;
use crate::model::Severity;

pub(crate) struct Rule;

static INFO: RuleInfo = RuleInfo {
    id: "RL015",
    alias: "verdict-claim-contradicted",
    severity: Severity::Error,
    summary: "the document says GO (or CONDITIONAL GO) but the computed verdict is NO-GO",
    in_check: true,
};

impl super::Rule for Rule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Draft>) {
        if input.verdict != Some(Verdict::NoGo) {
            return;
        }
        for statement in input.checklist.statements.iter().filter(|s| s.claims_go) {
            out.push(Draft::new(
                &statement.span,
                line_subject(input, statement.span.line, &statement.label),
                format!(
                    "the checklist says \"{}: {}\", but the computed verdict is NO-GO",
                    statement.label, statement.text
                ),
            ));
        }
    }
}
