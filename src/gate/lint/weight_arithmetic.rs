//! RL002: a weight table whose own arithmetic is wrong: a weighted cell that is not weight ×
//! score, a total that is not the sum of its column, weights that do not add up to 100, or a
//! declared overall score that is not the sum of the weighted column.

use crate::gate::lint::lookup::{line_subject, number};
use crate::gate::lint::{Draft, Input, RuleInfo};
use crate::model::Severity;

pub(crate) struct Rule;

static INFO: RuleInfo = RuleInfo {
    id: "RL002",
    alias: "weight-table-arithmetic",
    severity: Severity::Error,
    summary: "a weight table's weighted column, totals or weights do not add up",
    in_check: false,
};

/// Cells are written to two decimals at most; anything closer is rounding.
const ROUNDING: f64 = 0.051;

impl super::Rule for Rule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Draft>) {
        let Some(table) = &input.checklist.weight_table else {
            return;
        };
        let subject = |what: &str| line_subject(input, table.span.line, what);
        for row in &table.rows {
            if let (Some(weight), Some(score), Some(weighted)) =
                (row.weight, row.score, row.weighted)
            {
                let expected = weight * score / 100.0;
                if (expected - weighted).abs() > ROUNDING {
                    out.push(
                        Draft::new(
                            &row.span,
                            subject(&format!("weighted {}", row.name)),
                            format!(
                                "the weighted cell of \"{}\" says {}, but weight {} × score {}% is {}",
                                row.name,
                                number(weighted),
                                number(weight),
                                number(score),
                                number(expected)
                            ),
                        )
                        .fix(number(expected)),
                    );
                }
            }
        }
        let weights: f64 = table.rows.iter().filter_map(|r| r.weight).sum();
        let weighted: Option<f64> = table.rows.iter().map(|r| r.weighted).sum::<Option<f64>>();
        if let Some(total) = &table.total {
            if let Some(written) = total.weight
                && (written - weights).abs() > ROUNDING
            {
                out.push(
                    Draft::new(
                        &total.span,
                        subject("total weight"),
                        format!(
                            "the total row says the weights add up to {}, but they add up to {}",
                            number(written),
                            number(weights)
                        ),
                    )
                    .fix(number(weights)),
                );
            }
            if let (Some(written), Some(sum)) = (total.weighted, weighted)
                && (written - sum).abs() > ROUNDING
            {
                out.push(
                    Draft::new(
                        &total.span,
                        subject("total weighted"),
                        format!(
                            "the total row says the weighted column adds up to {}, but it adds up to {}",
                            number(written),
                            number(sum)
                        ),
                    )
                    .fix(number(sum)),
                );
            }
        }
        // Weights that look like percentages (between 50 and 150 in all) must make 100.
        if (50.0..=150.0).contains(&weights) && (weights - 100.0).abs() > ROUNDING {
            out.push(Draft::new(
                &table.span,
                subject("weights"),
                format!(
                    "the weights of the table add up to {}, not 100; each category's share is its weight divided by {}",
                    number(weights),
                    number(weights)
                ),
            ));
        }
        if let (Some(declared), Some(sum)) = (&input.checklist.declared_score, weighted)
            && (declared.value - sum).abs() > 0.5
        {
            out.push(
                Draft::new(
                    &declared.span,
                    subject("declared total"),
                    format!(
                        "the checklist declares {}%, but its own weighted column adds up to {}%",
                        number(declared.value),
                        number(sum)
                    ),
                )
                .fix(format!("{}%", number(sum))),
            );
        }
    }
}
