//! RL001: a declared overall or category score that the items do not support.

use crate::gate::lint::lookup::{line_subject, percent};
use crate::gate::lint::{Draft, Input, RuleInfo};
use crate::model::Severity;

pub(crate) struct Rule;

static INFO: RuleInfo = RuleInfo {
    id: "RL001",
    alias: "declared-score-mismatch",
    severity: Severity::Error,
    summary: "a declared overall or category score differs from the one its items give",
    in_check: false,
};

impl super::Rule for Rule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Draft>) {
        let tolerance = input.params.score_tolerance;
        if let (Some(declared), Some(computed)) = (&input.checklist.declared_score, input.score)
            && (declared.value - computed).abs() > tolerance
        {
            out.push(
                Draft::new(
                    &declared.span,
                    line_subject(input, declared.span.line, "overall score"),
                    format!(
                        "the checklist declares {} readiness, but its items give {} ({} points {})",
                        percent(declared.value),
                        percent(computed),
                        percent(declared.value - computed)
                            .trim_end_matches('%')
                            .trim_start_matches('-'),
                        if declared.value > computed {
                            "lower"
                        } else {
                            "higher"
                        },
                    ),
                )
                .fix(percent(computed.round())),
            );
        }
        for category in &input.categories {
            let (Some(declared), Some(computed)) = (category.declared_score, category.score) else {
                continue;
            };
            if (declared - computed).abs() <= tolerance {
                continue;
            }
            // Point at the weight-table row that declares the score, where there is one.
            let span = input
                .checklist
                .weight_table
                .iter()
                .flat_map(|t| &t.rows)
                .find(|r| r.section.as_deref() == Some(category.id.as_str()))
                .map_or(&category.span, |r| &r.span);
            out.push(
                Draft::new(
                    span,
                    format!("{}#declared score", category.id),
                    format!(
                        "{} is declared at {}, but its items give {} ({} of {} counted items done)",
                        category.name,
                        percent(declared),
                        percent(computed),
                        crate::gate::lint::lookup::number(category.done),
                        category.counted,
                    ),
                )
                .fix(percent(computed.round())),
            );
        }
    }
}
