//! RL007: a category placed in a score band (`Nearly Ready (75-90%): Testing`) that its own
//! declared or computed score lies outside of.

use crate::gate::lint::lookup::{category_named, line_subject, number, percent};
use crate::gate::lint::{Draft, Input, RuleInfo};
use crate::model::{ClaimKind, Severity};

pub(crate) struct Rule;

static INFO: RuleInfo = RuleInfo {
    id: "RL007",
    alias: "band-mismatch",
    severity: Severity::Warning,
    summary: "a category placed in a score band its declared or computed score is outside of",
    in_check: true,
};

fn within(value: f64, low: Option<(f64, bool)>, high: Option<(f64, bool)>) -> bool {
    let above = low.is_none_or(|(l, inclusive)| if inclusive { value >= l } else { value > l });
    let below = high.is_none_or(|(h, inclusive)| if inclusive { value <= h } else { value < h });
    above && below
}

fn range(low: Option<(f64, bool)>, high: Option<(f64, bool)>) -> String {
    match (low, high) {
        (Some((l, _)), Some((h, _))) => format!("{}–{}%", number(l), number(h)),
        (Some((l, true)), None) => format!("≥{}%", number(l)),
        (Some((l, false)), None) => format!(">{}%", number(l)),
        (None, Some((h, true))) => format!("≤{}%", number(h)),
        (None, Some((h, false))) => format!("<{}%", number(h)),
        (None, None) => "any score".into(),
    }
}

impl super::Rule for Rule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Draft>) {
        for claim in &input.checklist.claims {
            let ClaimKind::Band {
                label,
                low,
                high,
                names,
            } = &claim.kind
            else {
                continue;
            };
            for name in names {
                let Some(category) = category_named(input, name) else {
                    continue;
                };
                let declared = category.declared_score.filter(|v| !within(*v, *low, *high));
                let computed = category.score.filter(|v| !within(*v, *low, *high));
                let why = match (category.declared_score, declared, computed) {
                    (_, Some(d), _) => format!("its declared score is {}", percent(d)),
                    (Some(d), None, Some(c)) => format!(
                        "its items give {} (its declared {} fits)",
                        percent(c),
                        percent(d)
                    ),
                    (None, None, Some(c)) => format!("its items give {}", percent(c)),
                    _ => continue,
                };
                out.push(
                    Draft::new(
                        &claim.span,
                        line_subject(input, claim.span.line, &format!("band {label} {name}")),
                        format!(
                            "places {name} in \"{label}\" ({}), but {why}",
                            range(*low, *high)
                        ),
                    )
                    .column(claim.column),
                );
            }
        }
    }
}
