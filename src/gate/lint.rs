//! The linter: rules that hold what a checklist says about itself (its scores, statuses,
//! tallies, conditions, bands, dates and targets) against its own items, its weight table and,
//! when probes ran, the evidence. `ready lint` shows every finding; `ready check` shows those of
//! the rules marked `in_check` as warnings, from this same code, so the two never disagree.
//!
//! Each rule is one module behind [`Rule`]; [`RULES`] lists them once, and docs/LINT.md
//! documents each with an example that fails and its fix (a test lints both).

mod band;
mod condition;
mod date_passed;
mod declared_score;
mod done_mark_unticked;
mod duplicate_item;
mod duplicate_signoff;
mod empty_section;
mod go_live_early;
mod lookup;
mod must_have_unmatched;
mod overview;
mod probe_contradicts;
mod section_status;
mod suppression_reason;
mod tally;
mod target_missed;
mod threshold;
mod ticked_pending;
mod unused_suppression;
mod verdict_claim;
mod weight_arithmetic;
mod weight_row_unmatched;

pub(crate) use lookup::{normalise, number};

use crate::hash::HashMap;

use jiff::civil::Date;

use crate::error::{Error, Location, Result};
use crate::gate::score::Category;
use crate::gate::verdict::Verdict;
use crate::model::{Checklist, LintConfig, Notice, Severity, Span, Suppression, did_you_mean};

/// What a rule is, for every output: the stable id, the readable alias, how serious its
/// findings are unless `ready.yaml` says otherwise, and one line on what it catches.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct RuleInfo {
    pub(crate) id: &'static str,
    pub(crate) alias: &'static str,
    pub(crate) severity: Severity,
    pub(crate) summary: &'static str,
    /// `ready check` shows the rule's findings as warnings. Rules whose fact `check` already
    /// reports another way (a contradicted item is a blocker) are left out.
    pub(crate) in_check: bool,
}

/// One lint rule. A rule reads the input and writes drafts; the runner gives them the rule's
/// configured severity and applies the suppressions.
pub(crate) trait Rule: Sync {
    fn info(&self) -> &'static RuleInfo;
    fn check(&self, input: &Input<'_>, out: &mut Vec<Draft>);
}

/// Every rule, in id order.
pub(crate) const RULES: [&dyn Rule; 22] = [
    &declared_score::Rule,
    &weight_arithmetic::Rule,
    &weight_row_unmatched::Rule,
    &section_status::Rule,
    &tally::Rule,
    &threshold::Rule,
    &band::Rule,
    &condition::Rule,
    &date_passed::Rule,
    &go_live_early::Rule,
    &target_missed::Rule,
    &ticked_pending::Rule,
    &done_mark_unticked::Rule,
    &overview::Rule,
    &verdict_claim::Rule,
    &duplicate_item::Rule,
    &empty_section::Rule,
    &must_have_unmatched::Rule,
    &duplicate_signoff::Rule,
    &probe_contradicts::Rule,
    &suppression_reason::Rule,
    &unused_suppression::Rule,
];

/// Every id ever given to a rule, retired ones included, so that no id is ever reused for a
/// different rule (a test holds the registry to it). Append only.
#[cfg(test)]
pub(crate) const ISSUED_IDS: [&str; 22] = [
    "RL001", "RL002", "RL003", "RL004", "RL005", "RL006", "RL007", "RL008", "RL009", "RL010",
    "RL011", "RL012", "RL013", "RL014", "RL015", "RL016", "RL017", "RL018", "RL019", "RL020",
    "RL021", "RL022",
];

/// Points a declared score may differ from the computed one by default: authors round.
pub(crate) const DEFAULT_SCORE_TOLERANCE: f64 = 1.0;
/// Days an assessment or "last updated" date may age by default: a quarter.
pub(crate) const DEFAULT_MAX_DATE_AGE_DAYS: u32 = 90;

/// What a rule found, before the runner settles its severity.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Draft {
    pub(crate) span: Span,
    pub(crate) column: Option<u32>,
    pub(crate) message: String,
    /// The corrected text, where there is one.
    pub(crate) fix: Option<String>,
    /// What the finding is about, independent of its line (a section path and normalised
    /// title): fingerprints are made from it so that moving an item does not reopen an alert.
    pub(crate) subject: String,
}

impl Draft {
    pub(crate) fn new(span: &Span, subject: impl Into<String>, message: impl Into<String>) -> Self {
        Draft {
            span: span.clone(),
            column: None,
            message: message.into(),
            fix: None,
            subject: subject.into(),
        }
    }

    pub(crate) fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }

    pub(crate) fn column(mut self, column: Option<u32>) -> Self {
        self.column = column;
        self
    }
}

/// One finding, as every output shows it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Finding {
    pub(crate) rule: &'static RuleInfo,
    pub(crate) severity: Severity,
    pub(crate) span: Span,
    pub(crate) column: Option<u32>,
    pub(crate) message: String,
    pub(crate) fix: Option<String>,
    pub(crate) subject: String,
}

impl Finding {
    /// The finding as a `check` warning: the message and the rule that made it.
    pub(crate) fn notice(&self) -> Notice {
        Notice::new(
            format!("{} [{}]", self.message, self.rule.id),
            Some(self.span.clone()),
        )
    }
}

/// The lint settings a run uses: `ready.yaml`'s, checked against the registry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Params {
    pub(crate) score_tolerance: f64,
    pub(crate) max_date_age_days: u32,
    /// Severity set per rule id; `None` is off.
    levels: HashMap<&'static str, Option<Severity>>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            score_tolerance: DEFAULT_SCORE_TOLERANCE,
            max_date_age_days: DEFAULT_MAX_DATE_AGE_DAYS,
            levels: HashMap::default(),
        }
    }
}

impl Params {
    /// Checks every rule `ready.yaml` names; an unknown one is an error at its line.
    pub(crate) fn from_config(config: &LintConfig) -> Result<Params> {
        let mut params = Params {
            score_tolerance: config.score_tolerance.unwrap_or(DEFAULT_SCORE_TOLERANCE),
            max_date_age_days: config
                .max_date_age_days
                .unwrap_or(DEFAULT_MAX_DATE_AGE_DAYS),
            levels: HashMap::default(),
        };
        for setting in &config.rules {
            let Some(rule) = find(&setting.name) else {
                let names = RULES.iter().flat_map(|r| [r.info().id, r.info().alias]);
                let hint = did_you_mean(&setting.name, names)
                    .map(|n| format!(" (did you mean {n}?)"))
                    .unwrap_or_default();
                return Err(Error::invalid(
                    Location::new(&*setting.span.file, setting.span.line),
                    format!(
                        "unknown lint rule \"{}\"{hint}; expected a rule id such as RL001 or an \
                         alias such as declared-score-mismatch (`ready lint --rules` lists them)",
                        setting.name
                    ),
                ));
            };
            params.levels.insert(rule.id, setting.level);
        }
        Ok(params)
    }

    /// The severity a rule's findings get, or `None` when it is off.
    pub(crate) fn level(&self, rule: &RuleInfo) -> Option<Severity> {
        self.levels
            .get(rule.id)
            .copied()
            .unwrap_or(Some(rule.severity))
    }
}

/// A rule by id or alias.
pub(crate) fn find(name: &str) -> Option<&'static RuleInfo> {
    let name = name.trim();
    RULES
        .iter()
        .map(|r| r.info())
        .find(|i| i.id.eq_ignore_ascii_case(name) || i.alias.eq_ignore_ascii_case(name))
}

/// Everything a rule may read about one checklist.
#[derive(Debug)]
pub(crate) struct Input<'a> {
    pub(crate) checklist: &'a Checklist,
    /// This checklist's categories, with the computed scores.
    pub(crate) categories: Vec<&'a Category>,
    /// The computed readiness of this checklist, when anything counts.
    pub(crate) score: Option<f64>,
    /// The verdict of the run, when it got that far.
    pub(crate) verdict: Option<Verdict>,
    pub(crate) today: Date,
    pub(crate) params: &'a Params,
    /// Suppressions that silenced nothing; filled between the two passes of [`run`].
    pub(crate) unused_suppressions: Vec<&'a Suppression>,
    /// The checklist's sections by the line of their heading (see `lookup::section_at_line`).
    pub(crate) sections: Vec<(u32, &'a crate::model::Section)>,
}

/// Lints one checklist: every enabled rule, then the suppressions, then the rule that reports
/// suppressions that silenced nothing. Findings come in line order.
pub(crate) fn run(mut input: Input<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let (last, first): (Vec<&dyn Rule>, Vec<&dyn Rule>) = RULES
        .iter()
        .partition(|r| r.info().id == unused_suppression::Rule.info().id);
    for rule in first {
        collect(rule, &input, &mut findings);
    }
    let suppressions = &input.checklist.suppressions;
    let mut used = vec![false; suppressions.len()];
    findings.retain(|finding| {
        let silencing = suppressions
            .iter()
            .enumerate()
            .find(|(_, s)| silences(s, finding));
        match silencing {
            Some((index, _)) => {
                used[index] = true;
                false
            }
            None => true,
        }
    });
    input.unused_suppressions = suppressions
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|(s, _)| s)
        .collect();
    for rule in last {
        collect(rule, &input, &mut findings);
    }
    findings.sort_by(|a, b| {
        (a.span.line, a.column, a.rule.id).cmp(&(b.span.line, b.column, b.rule.id))
    });
    findings
}

fn collect(rule: &dyn Rule, input: &Input<'_>, findings: &mut Vec<Finding>) {
    let info = rule.info();
    let Some(severity) = input.params.level(info) else {
        return;
    };
    let mut drafts = Vec::new();
    rule.check(input, &mut drafts);
    findings.extend(drafts.into_iter().map(|d| Finding {
        rule: info,
        severity,
        span: d.span,
        column: d.column,
        message: d.message,
        fix: d.fix,
        subject: d.subject,
    }));
}

/// Whether a suppression covers a finding: its rules (none listed means every rule) and its
/// line (none means the whole file). A suppression never silences the rules about suppressions.
fn silences(suppression: &Suppression, finding: &Finding) -> bool {
    if finding.rule.id == suppression_reason::Rule.info().id {
        return false;
    }
    let rule_matches = suppression.rules.is_empty()
        || suppression.rules.iter().any(|r| {
            r.eq_ignore_ascii_case(finding.rule.id) || r.eq_ignore_ascii_case(finding.rule.alias)
        });
    rule_matches
        && suppression
            .line
            .is_none_or(|line| line == finding.span.line)
}

/// Lints one checklist of a run: `categories` are the run's (this checklist's are picked out),
/// `verdict` the run's, when it got that far.
pub(crate) fn lint_checklist(
    checklist: &Checklist,
    categories: &[Category],
    verdict: Option<Verdict>,
    today: Date,
    params: &Params,
) -> Vec<Finding> {
    let own: Vec<&Category> = categories
        .iter()
        .filter(|c| *c.checklist == *checklist.path)
        .collect();
    let score = crate::gate::score::weighted_mean_of(&own);
    run(Input {
        checklist,
        categories: own,
        score,
        verdict,
        today,
        params,
        unused_suppressions: Vec::new(),
        sections: lookup::sections_by_line(checklist),
    })
}

/// Lints a checklist that could not be scored (it has no boxes, or none counts): the rules
/// about its text still apply.
pub(crate) fn lint_unscored(checklist: &Checklist, today: Date, params: &Params) -> Vec<Finding> {
    let scored = crate::gate::score::score(checklist);
    lint_checklist(checklist, &scored.categories, None, today, params)
}

/// Whether `ready check` shows a finding as a warning.
pub(crate) fn shown_by_check(finding: &Finding) -> bool {
    finding.rule.in_check && finding.severity >= Severity::Warning
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::HashSet;

    #[test]
    fn ids_and_aliases_are_unique_and_never_reused() {
        let mut seen = HashSet::default();
        for (rule, issued) in RULES.iter().zip(ISSUED_IDS) {
            let info = rule.info();
            assert_eq!(info.id, issued, "rules are listed in id order");
            assert!(seen.insert(info.id), "{} twice", info.id);
            assert!(seen.insert(info.alias), "{} twice", info.alias);
            assert!(
                info.alias
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-'),
                "{} is kebab-case",
                info.alias
            );
        }
        // A retired rule keeps its id in ISSUED_IDS and leaves RULES: every registered id must
        // have been issued, and ids are issued in order.
        let mut sorted = ISSUED_IDS;
        sorted.sort_unstable();
        assert_eq!(sorted, ISSUED_IDS);
    }

    #[test]
    fn rules_are_found_by_id_or_alias() {
        assert_eq!(find("rl005").map(|r| r.alias), Some("tally-mismatch"));
        assert_eq!(find("tally-mismatch").map(|r| r.id), Some("RL005"));
        assert_eq!(find("RL999"), None);
    }
}
