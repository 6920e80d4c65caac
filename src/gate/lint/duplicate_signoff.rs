//! RL019: a sign-off role listed twice.

use crate::hash::HashMap;

use crate::gate::lint::{Draft, Input, RuleInfo};
use crate::model::{Severity, SignOff, role_key};

pub(crate) struct Rule;

static INFO: RuleInfo = RuleInfo {
    id: "RL019",
    alias: "duplicate-signoff-role",
    severity: Severity::Warning,
    summary: "a sign-off role listed twice",
    in_check: true,
};

impl super::Rule for Rule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Draft>) {
        let mut seen: HashMap<String, &SignOff> = HashMap::default();
        for signoff in &input.checklist.signoffs {
            let key = role_key(&signoff.role);
            match seen.get(&key) {
                Some(first) => out.push(Draft::new(
                    &signoff.span,
                    format!("signoff#{key}"),
                    format!(
                        "sign-off role \"{}\" is listed twice (first at line {}); one approval will answer both",
                        signoff.role, first.span.line
                    ),
                )),
                None => {
                    seen.insert(key, signoff);
                }
            }
        }
    }
}
