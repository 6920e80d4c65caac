//! RL010: a go-live marked done (✅) before its date.

use crate::gate::lint::lookup::line_subject;
use crate::gate::lint::{Draft, Input, RuleInfo};
use crate::model::{ClaimKind, DateKind, Mark, Severity};

pub(crate) struct Rule;

static INFO: RuleInfo = RuleInfo {
    id: "RL010",
    alias: "go-live-marked-early",
    severity: Severity::Error,
    summary: "a go-live marked done (✅) before its date",
    in_check: true,
};

impl super::Rule for Rule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Draft>) {
        for claim in &input.checklist.claims {
            let ClaimKind::Date {
                what: DateKind::GoLive,
                date,
                mark: Some(Mark::Done),
            } = claim.kind
            else {
                continue;
            };
            if date > input.today {
                out.push(
                    Draft::new(
                        &claim.span,
                        line_subject(input, claim.span.line, "go-live done"),
                        format!(
                            "the go-live on {date} is marked done (✅), but that day has not come (today is {})",
                            input.today
                        ),
                    )
                    .column(claim.column),
                );
            }
        }
    }
}
