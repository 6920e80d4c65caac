//! RL006: a threshold claim the numbers do not meet: `>90% (currently 90%)`, or an overall
//! target marked met while the computed readiness is below it.

use crate::gate::lint::lookup::{line_subject, number, percent};
use crate::gate::lint::{Draft, Input, RuleInfo};
use crate::model::{ClaimKind, Mark, Severity};

pub(crate) struct Rule;

static INFO: RuleInfo = RuleInfo {
    id: "RL006",
    alias: "threshold-not-met",
    severity: Severity::Error,
    summary: "a threshold claim such as \">90% (currently 90%)\" that its own numbers do not meet",
    in_check: true,
};

impl super::Rule for Rule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Draft>) {
        for claim in &input.checklist.claims {
            let ClaimKind::Threshold {
                comparison,
                bound,
                current,
                mark,
                overall,
            } = claim.kind
            else {
                continue;
            };
            let target = format!("{}{}%", comparison.symbol(), number(bound));
            let subject = line_subject(input, claim.span.line, &format!("threshold {target}"));
            if let Some(current) = current
                && !comparison.holds(current, bound)
            {
                out.push(
                    Draft::new(
                        &claim.span,
                        subject,
                        format!(
                            "\"{}\" claims {target} but gives {}, which does not meet it{}",
                            claim.text,
                            percent(current),
                            if mark == Some(Mark::Done) {
                                ", yet it is marked met"
                            } else {
                                ""
                            }
                        ),
                    )
                    .column(claim.column),
                );
                continue;
            }
            if overall
                && mark == Some(Mark::Done)
                && let Some(score) = input.score
                && !comparison.holds(score, bound)
            {
                out.push(
                    Draft::new(
                        &claim.span,
                        subject,
                        format!(
                            "\"{}\" marks {target} overall readiness met, but the items give {}",
                            claim.text,
                            percent(score)
                        ),
                    )
                    .column(claim.column),
                );
            }
        }
    }
}
