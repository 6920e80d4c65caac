//! RL020: a ticked item whose probe fails: the same fact `ready check` blocks on, placed on the
//! line that makes the claim. Only with probes (`ready lint --probes`).

use crate::gate::lint::lookup::item_subject;
use crate::gate::lint::{Draft, Input, RuleInfo};
use crate::model::{Severity, Status};

pub(crate) struct Rule;

static INFO: RuleInfo = RuleInfo {
    id: "RL020",
    alias: "probe-contradicts-tick",
    severity: Severity::Error,
    summary: "a ticked item whose probe fails",
    in_check: false,
};

impl super::Rule for Rule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Draft>) {
        for item in input
            .checklist
            .items()
            .filter(|i| i.status() == Status::Contradicted)
        {
            let failed: Vec<String> = item
                .evidence
                .iter()
                .filter(|e| e.outcome.is_failure())
                .map(|e| format!("probe {} {}: {}", e.id, e.outcome.label(), e.message))
                .collect();
            out.push(Draft::new(
                &item.span,
                format!("{}#probe", item_subject(item)),
                format!("\"{}\" is ticked, but {}", item.title, failed.join("; ")),
            ));
        }
    }
}
