//! RL011: a ticked item whose own numbers break its target: `<5 ms (achieved 6.1 ms)`,
//! `coverage >85% (currently 80%)`.

use crate::files::{Found, Guarded};
use crate::gate::lint::lookup::{item_subject, number};
use crate::gate::lint::{Draft, Input, RuleInfo};
use crate::model::{Comparison, Mark, Severity};

pub(crate) struct Rule;

static INFO: RuleInfo = RuleInfo {
    id: "RL011",
    alias: "target-missed",
    severity: Severity::Error,
    summary: "a done item whose own numbers miss its target, such as \"<5 ms (achieved 6.1 ms)\"",
    in_check: true,
};

/// `<5 ms … (achieved 6.1 ms)`: a bound, then within the same sentence a measured value.
static TARGET: Guarded = Guarded::new(
    &[&['('], &['<', '>', '≤', '≥']],
    r"(?i)(>=|<=|≥|≤|>|<)\s*\$?([0-9]+(?:\.[0-9]+)?)\s*(%|(?:ms|s|sec|seconds?|min|minutes?|h|hours?|k|m|b|kb|mb|gb|tb)\b)?[^()]{0,80}?\(\s*(?:achieved|currently|current|actual|measured|now|is|was|at)\s*:?\s*[~≈]?\s*\$?([0-9]+(?:\.[0-9]+)?)\s*(%|(?:ms|s|sec|seconds?|min|minutes?|h|hours?|k|m|b|kb|mb|gb|tb)\b)?",
);

/// A value in a common base for its unit family, with the family, so `5 s` meets `<6000 ms`
/// and `$180K` is compared with `$100K`. `None` for the family means a plain number.
fn scaled(value: f64, unit: Option<&str>) -> (f64, Option<&'static str>) {
    let unit = unit.map(str::to_lowercase);
    match unit.as_deref() {
        None => (value, None),
        Some("%") => (value, Some("%")),
        Some("ms") => (value / 1000.0, Some("time")),
        Some("s" | "sec" | "second" | "seconds") => (value, Some("time")),
        Some("min" | "minute" | "minutes") => (value * 60.0, Some("time")),
        Some("h" | "hour" | "hours") => (value * 3600.0, Some("time")),
        Some("k") => (value * 1e3, None),
        Some("m") => (value * 1e6, None),
        Some("b") => (value * 1e9, None),
        Some("kb") => (value * 1e3, Some("bytes")),
        Some("mb") => (value * 1e6, Some("bytes")),
        Some("gb") => (value * 1e9, Some("bytes")),
        Some(_) => (value * 1e12, Some("bytes")),
    }
}

/// The broken target in a text, as `(target, achieved)` written back for the message.
pub(crate) fn missed(text: &str) -> Option<(String, String)> {
    for caps in TARGET.captures_iter(text) {
        let bound: f64 = caps[2].parse().ok()?;
        let actual: f64 = caps[4].parse().ok()?;
        let (bound_value, bound_family) = scaled(bound, caps.get(3).map(|m| m.as_str()));
        let (actual_value, actual_family) = scaled(actual, caps.get(5).map(|m| m.as_str()));
        // Units of different kinds, or a unit on one side only that is not a plain
        // multiplier, say the two numbers measure different things.
        let comparable = bound_family == actual_family
            || (caps.get(3).is_none() && actual_family.is_some())
            || (caps.get(5).is_none() && bound_family.is_some());
        if !comparable {
            continue;
        }
        let (bound_value, actual_value) = if bound_family == actual_family {
            (bound_value, actual_value)
        } else {
            (bound, actual)
        };
        let Some(comparison) = Comparison::from_symbol(&caps[1]) else {
            continue;
        };
        if !comparison.holds(actual_value, bound_value) {
            let unit = |m: Option<Found<'_>>| m.map_or(String::new(), |m| m.as_str().to_owned());
            return Some((
                format!("{}{}{}", &caps[1], number(bound), unit(caps.get(3))),
                format!("{}{}", number(actual), unit(caps.get(5).or(caps.get(3)))),
            ));
        }
    }
    None
}

impl super::Rule for Rule {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, input: &Input<'_>, out: &mut Vec<Draft>) {
        for item in input
            .checklist
            .items()
            .filter(|i| i.checked || i.marks().contains(&Mark::Done))
        {
            let texts = std::iter::once(item.text()).chain(item.notes().iter().map(String::as_str));
            for text in texts {
                if let Some((target, achieved)) = missed(text) {
                    out.push(Draft::new(
                        &item.span,
                        item_subject(item),
                        format!(
                            "\"{}\" is marked done, but its own numbers miss the target: {target}, achieved {achieved}",
                            item.title
                        ),
                    ));
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{TARGET, missed};

    /// The guard is proved against its pattern.
    #[test]
    fn the_guard_holds() {
        assert!(TARGET.needs_hold(), "{TARGET:?}");
    }

    #[test]
    fn targets_and_what_was_achieved() {
        assert_eq!(
            missed("p99 latency <5 ms (achieved 6.1 ms)"),
            Some(("<5ms".into(), "6.1ms".into()))
        );
        assert_eq!(
            missed("Unit test coverage >85% (currently 80%)"),
            Some((">85%".into(), "80%".into()))
        );
        assert_eq!(missed("Unit test coverage >85% (currently 89%)"), None);
        assert_eq!(
            missed("Cost savings >$100K annually (achieved $180K)"),
            None
        );
        assert_eq!(missed("Code quality score >8/10 (currently 8.5)"), None);
        assert_eq!(missed("Response <2 s (achieved 900 ms)"), None);
        assert_eq!(
            missed("Response <500 ms (achieved 2 s)"),
            Some(("<500ms".into(), "2s".into()))
        );
        assert_eq!(missed("Uptime >99.9% (post-launch)"), None);
    }
}
