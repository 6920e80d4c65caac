//! RL009: dates that say the document is out of date: a go-live or review date that has
//! passed, or an assessment or "last updated" date older than `max_date_age`.

use crate::gate::lint::lookup::line_subject;
use crate::gate::lint::{Draft, Input, RuleInfo};
use crate::model::{ClaimKind, DateKind, Severity};

pub(crate) struct Rule;

static INFO: RuleInfo = RuleInfo {
    id: "RL009",
    alias: "date-passed",
    severity: Severity::Warning,
    summary: "a go-live or review date in the past, or an assessment date older than the limit",
    in_check: true,
};

impl super::Rule for Rule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Draft>) {
        let today = input.today;
        for claim in &input.checklist.claims {
            let ClaimKind::Date { what, date, .. } = claim.kind else {
                continue;
            };
            let days = (today - date).get_days();
            let message = match what {
                DateKind::GoLive if date < today => format!(
                    "the go-live date {date} has passed ({days} days before {today}); update the date or the checklist"
                ),
                DateKind::Review if date < today => {
                    format!("the review due on {date} is {days} days overdue (today is {today})")
                }
                DateKind::Assessed
                    if days > i32::try_from(input.params.max_date_age_days).unwrap_or(i32::MAX) =>
                {
                    format!(
                        "the document was assessed or updated on {date}, {days} days before {today} (more than {} days): its claims may be stale",
                        input.params.max_date_age_days
                    )
                }
                _ => continue,
            };
            out.push(
                Draft::new(
                    &claim.span,
                    line_subject(input, claim.span.line, &format!("{what:?} date")),
                    message,
                )
                .column(claim.column),
            );
        }
    }
}
