//! RL005: a tally (`Current: 4/6 (67%)`, `3 of 5 done`) that the items of its section
//! contradict.

use crate::gate::lint::lookup::{percent, section_at_line};
use crate::gate::lint::{Draft, Input, RuleInfo};
use crate::hash::HashMap;
use crate::model::{ClaimKind, Severity, Status};

pub(crate) struct Rule;

static INFO: RuleInfo = RuleInfo {
    id: "RL005",
    alias: "tally-mismatch",
    severity: Severity::Error,
    summary: "a tally such as \"Current: 4/6 (67%)\" that its section's items contradict",
    in_check: true,
};

impl super::Rule for Rule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Draft>) {
        // Each section's count, once: a document may hold many tallies over one long list.
        let mut counted: HashMap<&str, (u32, u32)> = HashMap::default();
        for claim in &input.checklist.claims {
            let ClaimKind::Tally {
                done,
                total,
                percent: written,
            } = claim.kind
            else {
                continue;
            };
            let Some(section) = section_at_line(input, claim.span.line) else {
                continue;
            };
            // A tally counts the boxes as written: N/A ones are not among them.
            let (actual_done, actual_total) =
                *counted.entry(section.id.as_str()).or_insert_with(|| {
                    let statuses: Vec<Status> = section
                        .all_items()
                        .map(crate::model::Item::status)
                        .filter(|s| *s != Status::NotApplicable)
                        .collect();
                    let done = statuses.iter().filter(|s| s.is_done()).count();
                    (
                        u32::try_from(done).unwrap_or(u32::MAX),
                        u32::try_from(statuses.len()).unwrap_or(u32::MAX),
                    )
                });
            if actual_total == 0 {
                continue;
            }
            let share = f64::from(actual_done) / f64::from(actual_total) * 100.0;
            let count_wrong = (done, total) != (actual_done, actual_total);
            let own_share = f64::from(done) / f64::from(total) * 100.0;
            let percent_wrong = written.is_some_and(|p| (p - own_share).abs() > 1.0);
            if !count_wrong && !percent_wrong {
                continue;
            }
            let says = match written {
                Some(p) => format!("{done}/{total} ({})", percent(p)),
                None => format!("{done}/{total}"),
            };
            let message = if count_wrong {
                format!(
                    "says {says}, but the items of {} show {actual_done} of {actual_total} done ({})",
                    section.heading(),
                    percent(share)
                )
            } else {
                format!(
                    "says {says}, but {done} of {total} is {}",
                    percent(own_share)
                )
            };
            out.push(
                Draft::new(&claim.span, format!("{}#tally", section.id), message)
                    .column(claim.column)
                    .fix(format!(
                        "{actual_done}/{actual_total} ({})",
                        percent(share.round())
                    )),
            );
        }
    }
}
