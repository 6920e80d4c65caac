//! The go/no-go rules. A release goes only when the score meets the threshold, every
//! must-have is done, enough should-haves are done and (if configured) every weighted category
//! meets its minimum. Each broken rule is a [`Blocker`] that names what to fix and where.
//!
//! A must-have that restates an item elsewhere ("DR drill successful" in the Go/No-Go group and
//! "Full DR drill - PENDING" in section 7.4) is done only when every copy is done: ticking the
//! summary box cannot talk past the detailed one.

use crate::gate::score::Category;
use crate::hash::{HashMap, HashSet};
use crate::model::{
    Approval, ApprovalStatus, Checklist, Item, Policy, Priority, RequiredSignoffs, Section, Span,
    Status, format_count, meets, role_key,
};

/// The rule a blocker broke. The names are part of the JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rule {
    ScoreBelowThreshold,
    MustHaveOpen,
    ShouldHaveOpen,
    CategoryBelowMinimum,
    /// A ticked item whose probe failed: the box claims what the evidence denies.
    ProbeContradicts,
    /// A role the policy requires has not signed the ledger, or signed before the last change.
    SignoffMissing,
    /// More waivers are in effect than `max_waivers` allows.
    TooManyWaivers,
    /// A box under the checklist's own NO-GO conditions is ticked: the document says stop.
    StopCondition,
    /// An item the checklist's own rule covers ("Do not launch if any P1 item is unchecked")
    /// is open, and no other rule already blocks on it.
    StatedByChecklist,
    /// Worse than the baseline report (`--baseline`): an item that passed now fails, a
    /// must-have that was done is not, the score fell beyond the tolerance, or (with
    /// `--strict`) the baseline is stale.
    Regression,
}

impl Rule {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Rule::ScoreBelowThreshold => "score-below-threshold",
            Rule::MustHaveOpen => "must-have-open",
            Rule::ShouldHaveOpen => "should-have-open",
            Rule::CategoryBelowMinimum => "category-below-minimum",
            Rule::ProbeContradicts => "probe-contradicts",
            Rule::SignoffMissing => "signoff-missing",
            Rule::TooManyWaivers => "too-many-waivers",
            Rule::StopCondition => "stop-condition",
            Rule::StatedByChecklist => "stated-rule",
            Rule::Regression => "regression",
        }
    }

    /// Item rules can be waived; the overall score, sign-offs and the waiver cap cannot.
    pub(crate) fn is_waivable(self) -> bool {
        matches!(
            self,
            Rule::MustHaveOpen
                | Rule::ShouldHaveOpen
                | Rule::CategoryBelowMinimum
                | Rule::ProbeContradicts
                | Rule::StopCondition
                | Rule::StatedByChecklist
        )
    }
}

/// What a blocker points at: an item, or a section for category rules.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Target {
    pub(crate) id: String,
    pub(crate) title: String,
    /// The heading of the section it sits in (`17.1 Go-Live Decision Criteria`).
    pub(crate) section: Option<String>,
    pub(crate) span: Span,
}

/// A broken rule: what to fix, and where.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Blocker {
    pub(crate) item: Option<Target>,
    pub(crate) rule: Rule,
    pub(crate) message: String,
}

/// An item together with the heading of the section that holds it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Located<'a> {
    pub(crate) item: &'a Item,
    pub(crate) section: Option<&'a Section>,
}

impl Located<'_> {
    pub(crate) fn target(&self) -> Target {
        Target {
            id: self.item.id.to_string(),
            title: self.item.title.to_string(),
            section: self.section.map(Section::heading),
            span: self.item.span.clone(),
        }
    }

    fn described(&self) -> String {
        match self.section {
            Some(section) => format!(
                "{} \"{}\" ({})",
                section.heading(),
                self.item.title,
                self.item.span
            ),
            None => format!("\"{}\" ({})", self.item.title, self.item.span),
        }
    }
}

/// Every item of a checklist with its section, in document order. Walked again by each rule
/// rather than collected once: a list of every item of a long checklist was a fourteenth of
/// its memory at the peak.
pub(crate) fn located_items(checklist: &Checklist) -> impl Iterator<Item = Located<'_>> {
    checklist
        .top_level_items()
        .flat_map(|(section, top)| top.walk().map(move |item| Located { item, section }))
}

/// Every blocker the rules find, before waivers: the score, each checklist's contradicted,
/// must-have and should-have items, category minimums and required sign-offs.
pub(crate) fn blockers(
    checklists: &[Checklist],
    score: f64,
    categories: &[Category],
    policy: &Policy,
) -> Vec<Blocker> {
    let mut blockers = Vec::new();

    if !policy.meets_threshold(score) {
        let mut weakest: Vec<&Category> = categories
            .iter()
            .filter(|c| c.weight > 0.0 && c.score.is_some_and(|s| s < 100.0))
            .collect();
        weakest.sort_by(|a, b| a.score.unwrap_or(0.0).total_cmp(&b.score.unwrap_or(0.0)));
        let detail: Vec<String> = weakest
            .iter()
            .take(3)
            .map(|c| {
                let open = c.counted as f64 - c.done;
                format!(
                    "{} {:.0}% ({} open)",
                    c.name,
                    c.score.unwrap_or(0.0),
                    format_count(open)
                )
            })
            .collect();
        let mut message = format!(
            "readiness {score:.1}% is below the threshold of {}%",
            format_count(policy.threshold)
        );
        if !detail.is_empty() {
            message.push_str(&format!("; lowest: {}", detail.join(", ")));
        }
        blockers.push(Blocker {
            item: None,
            rule: Rule::ScoreBelowThreshold,
            message,
        });
    }

    for checklist in checklists {
        contradictions(located_items(checklist), &mut blockers);
        let index = checklist.restated_index();
        must_haves(&index, located_items(checklist), &mut blockers);
        should_haves(&index, located_items(checklist), policy, &mut blockers);
        stop_conditions(located_items(checklist), &mut blockers);
        stated_rules(checklist, &index, &mut blockers);
    }

    if let Some(minimum) = policy.min_category_score {
        for category in categories.iter().filter(|c| c.weight > 0.0) {
            if let Some(score) = category.score.filter(|s| !meets(*s, minimum)) {
                blockers.push(Blocker {
                    item: Some(Target {
                        id: category.id.to_string(),
                        title: category.name.clone(),
                        section: None,
                        span: category.span.clone(),
                    }),
                    rule: Rule::CategoryBelowMinimum,
                    message: format!(
                        "category {} scores {score:.1}%, below the minimum of {}% every category must reach",
                        category.name,
                        format_count(minimum)
                    ),
                });
            }
        }
    }

    if let Some(required) = &policy.require_signoffs {
        for checklist in checklists {
            signoffs(checklist, required, &mut blockers);
        }
    }

    blockers
}

/// Each required role must have signed the ledger against the checklist as it is now.
fn signoffs(checklist: &Checklist, required: &RequiredSignoffs, blockers: &mut Vec<Blocker>) {
    let roles: Vec<String> = match required {
        RequiredSignoffs::All => checklist.approvals.iter().map(|a| a.role.clone()).collect(),
        RequiredSignoffs::Roles(roles) => roles.clone(),
    };
    if roles.is_empty() {
        blockers.push(Blocker {
            item: None,
            rule: Rule::SignoffMissing,
            message: format!(
                "the policy requires all sign-offs, but {} names no sign-off role and its ledger is empty",
                checklist.path
            ),
        });
        return;
    }
    let by_role: HashMap<String, &Approval> = checklist
        .approvals
        .iter()
        .rev()
        .map(|a| (role_key(&a.role), a))
        .collect();
    for role in roles {
        let approval = by_role.get(&role_key(&role)).copied();
        if approval.is_some_and(|a| a.status == ApprovalStatus::Signed) {
            continue;
        }
        let how = format!(
            "record it with `ready signoff sign --role {:?} --name NAME {}`",
            approval.map_or(role.as_str(), |a| a.role.as_str()),
            checklist.path
        );
        let message = match approval {
            Some(a) if a.status == ApprovalStatus::Stale => format!(
                "sign-off by {} is stale: {} signed at {}, and the checklist {} changed since; {how}",
                a.role,
                a.name.as_deref().unwrap_or("?"),
                a.signed_at.as_deref().unwrap_or("?"),
                checklist.path
            ),
            Some(a) => format!("sign-off by {} is missing from the ledger; {how}", a.role),
            None => format!(
                "sign-off by {role} is missing: {} has no such role and its ledger no signature; {how}",
                checklist.path
            ),
        };
        let item = approval.and_then(|a| {
            a.span.as_ref().map(|span| Target {
                id: format!("signoff:{}", a.role),
                title: a.role.clone(),
                section: None,
                span: span.clone(),
            })
        });
        blockers.push(Blocker {
            item,
            rule: Rule::SignoffMissing,
            message,
        });
    }
}

/// The items other items restate, by id, built once per checklist: a must-have's copies are
/// looked up, not searched.
type ItemIndex<'a> = HashMap<&'a str, &'a Item>;

/// Whether a prioritised item and every copy of it elsewhere is done, and if not, why.
fn open_reason(index: &ItemIndex<'_>, located: &Located<'_>) -> Option<String> {
    let item = located.item;
    let status = item.status();
    let copies: Vec<&Item> = item
        .restates()
        .iter()
        .filter_map(|id| index.get(id.as_str()).copied())
        .collect();
    if !status.is_done() {
        let why = match status {
            Status::Partial => "is only partly done".to_owned(),
            _ if item.checked => "is ticked but its text says it is not finished".to_owned(),
            _ => "is not done".to_owned(),
        };
        let open_copies: Vec<String> = copies
            .iter()
            .filter(|c| !c.status().is_done())
            .map(|c| format!("\"{}\" at {}", c.title, c.span))
            .collect();
        return Some(if open_copies.is_empty() {
            why
        } else {
            format!("{why} (also open as {})", open_copies.join(", "))
        });
    }
    let open_copy = copies.iter().find(|c| !c.status().is_done())?;
    Some(format!(
        "is ticked, but the item it restates is open: \"{}\" at {}",
        open_copy.title, open_copy.span
    ))
}

fn prioritised<'a>(
    items: impl Iterator<Item = Located<'a>>,
    priority: Priority,
) -> impl Iterator<Item = Located<'a>> {
    items
        .filter(move |l| l.item.priority == Some(priority) && l.item.phase.is_pre_launch())
        .filter(|l| l.item.status() != Status::NotApplicable)
}

/// Every ticked item a probe contradicts blocks, whatever its priority: a box that claims what
/// the evidence denies is exactly what the gate is for.
fn contradictions<'a>(items: impl Iterator<Item = Located<'a>>, blockers: &mut Vec<Blocker>) {
    for located in items.filter(|l| l.item.phase.is_pre_launch()) {
        if located.item.status() != Status::Contradicted {
            continue;
        }
        let seen: Vec<String> = located
            .item
            .evidence
            .iter()
            .filter(|e| e.outcome.is_failure())
            .map(|e| format!("probe {} {}: {}", e.id, e.outcome.verb(), e.message))
            .collect();
        blockers.push(Blocker {
            item: Some(located.target()),
            rule: Rule::ProbeContradicts,
            message: format!("{} is ticked, but {}", located.described(), seen.join("; ")),
        });
    }
}

/// A ticked box under the checklist's own NO-GO conditions: the author says the launch stops.
fn stop_conditions<'a>(items: impl Iterator<Item = Located<'a>>, blockers: &mut Vec<Blocker>) {
    for located in items.filter(|l| l.item.stop_condition_holds()) {
        blockers.push(Blocker {
            item: Some(located.target()),
            rule: Rule::StopCondition,
            message: format!(
                "no-go condition {} is ticked: the checklist says the launch stops while it holds",
                located.described()
            ),
        });
    }
}

/// The rules a checklist states about its own items, honoured: each open pre-launch item the
/// rule covers blocks, unless another rule already blocks on it (one reason per item).
fn stated_rules(checklist: &Checklist, index: &ItemIndex<'_>, blockers: &mut Vec<Blocker>) {
    let Some(rule) = checklist.stated_rules.iter().reduce(|a, b| {
        if b.priority.at_least(a.priority) {
            a
        } else {
            b
        }
    }) else {
        return;
    };
    // Looked up by borrowed keys, and the new blockers added once the look-ups are done: a key
    // made for every item was a copy of its id and path each.
    let blocked: HashSet<(&str, &str)> = blockers
        .iter()
        .filter_map(|b| b.item.as_ref())
        .map(|t| (&*t.span.file, t.id.as_str()))
        .collect();
    let mut stated = Vec::new();
    for located in located_items(checklist).filter(|l| {
        l.item.phase.is_pre_launch()
            && l.item.status() != Status::NotApplicable
            && l.item.priority.is_some_and(|p| p.at_least(rule.priority))
    }) {
        let file = &*located.item.span.file;
        if located.item.id.with_str(|id| blocked.contains(&(file, id))) {
            continue;
        }
        if let Some(reason) = open_reason(index, &located) {
            stated.push(Blocker {
                item: Some(located.target()),
                rule: Rule::StatedByChecklist,
                message: format!(
                    "{} {reason}, and the checklist says \"{}\" ({})",
                    located.described(),
                    rule.text,
                    rule.span
                ),
            });
        }
    }
    drop(blocked);
    blockers.append(&mut stated);
}

fn must_haves<'a>(
    index: &ItemIndex<'_>,
    items: impl Iterator<Item = Located<'a>>,
    blockers: &mut Vec<Blocker>,
) {
    for located in prioritised(items, Priority::Must) {
        if located.item.status() == Status::Contradicted {
            // Already a probe-contradicts blocker; one reason per item is enough.
            continue;
        }
        if let Some(reason) = open_reason(index, &located) {
            blockers.push(Blocker {
                item: Some(located.target()),
                rule: Rule::MustHaveOpen,
                message: format!("must-have {} {reason}", located.described()),
            });
        }
    }
}

fn should_haves<'a>(
    index: &ItemIndex<'_>,
    items: impl Iterator<Item = Located<'a>>,
    policy: &Policy,
    blockers: &mut Vec<Blocker>,
) {
    let shoulds: Vec<(Located, Option<String>)> = prioritised(items, Priority::Should)
        .map(|l| {
            let reason = open_reason(index, &l);
            (l, reason)
        })
        .collect();
    let total = shoulds.len();
    let done = shoulds.iter().filter(|(_, open)| open.is_none()).count();
    let required = policy.should_have_min.map_or(total, |m| m.required(total));
    if done >= required {
        return;
    }
    let rule_text = match policy.should_have_min {
        Some(minimum) => format!("{done} of {total} done, the policy needs {minimum}"),
        None => format!("{done} of {total} done, the policy needs all"),
    };
    for (located, reason) in shoulds {
        if located.item.status() == Status::Contradicted {
            continue;
        }
        if let Some(reason) = reason {
            blockers.push(Blocker {
                item: Some(located.target()),
                rule: Rule::ShouldHaveOpen,
                message: format!("should-have {} {reason}; {rule_text}", located.described()),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::parse;
    use crate::files::Format;
    use crate::model::{Approval, Evidence, Minimum, Outcome, PolicyConfig};

    fn checklist(markdown: &str) -> Checklist {
        parse("t.md", markdown.as_bytes(), Format::Markdown).expect("parses")
    }

    fn policy(edit: impl FnOnce(&mut PolicyConfig)) -> Policy {
        let mut config = PolicyConfig::default();
        edit(&mut config);
        Policy::from_config(&config)
    }

    /// The rules of each blocker, for a checklist scored at `score` under `policy`.
    fn rules(checklists: &[Checklist], score: f64, policy: &Policy) -> Vec<&'static str> {
        blockers(checklists, score, &[], policy)
            .iter()
            .map(|b| b.rule.label())
            .collect()
    }

    fn failing_probe() -> Evidence {
        Evidence {
            id: "health".into(),
            kind: "http".into(),
            target: "http://127.0.0.1:1/".into(),
            outcome: Outcome::Fail,
            attempts: 1,
            duration_ms: 3,
            message: "connection refused".into(),
            span: Span::new("p.yaml", 2),
        }
    }

    #[test]
    fn each_rule_blocks_what_it_should() {
        let must_open = "## Must Have\n- [x] Backups\n- [ ] Load test\n";
        let must_done = "## Must Have\n- [x] Backups\n- [x] Load test\n";
        let should = "## Should Have\n- [x] Runbook\n- [ ] Dashboards\n- [ ] Alerts\n";
        let pending = "## Must Have\n- [x] DR drill - PENDING\n";
        let na = "## Must Have\n- [ ] Multi-region (N/A)\n";
        let post = "## Post-Launch\n### Must Have\n- [ ] Retrospective\n";
        let restated = "## 5 Ops\n- [ ] On-call rotation established\n## Go/No-Go\n### Must Have\n- [x] On-call rotation\n";
        let stop = "## Work\n- [x] Backups\n## NO-GO Conditions\n- [ ] Data loss seen\n- [x] Provider unstable\n";
        let stop_clear = "## Work\n- [x] Backups\n## NO-GO Conditions\n- [ ] Data loss seen\n";
        let rule_p1 = "Do not launch if any P1 item is unchecked.\n\n## P0\n- [x] Backups\n## P1\n- [x] Runbook\n- [ ] Dashboards\n## P2\n- [ ] Polish\n";
        let rule_p2 = "Do not launch if any P2 item is unchecked.\n\n## P0\n- [ ] Backups\n## P1\n- [x] Runbook\n## P2\n- [ ] Polish\n";
        let cases: Vec<(&str, &str, Policy, f64, Vec<&str>)> = vec![
            (
                "an open must-have",
                must_open,
                policy(|_| {}),
                95.0,
                vec!["must-have-open"],
            ),
            (
                "all must-haves done",
                must_done,
                policy(|_| {}),
                95.0,
                vec![],
            ),
            (
                "score under threshold",
                must_done,
                policy(|_| {}),
                89.9,
                vec!["score-below-threshold"],
            ),
            (
                "score a hair under is at it",
                must_done,
                policy(|_| {}),
                90.0 - 1e-12,
                vec![],
            ),
            (
                "threshold from policy",
                must_done,
                policy(|p| p.threshold = Some(80.0)),
                85.0,
                vec![],
            ),
            (
                "open should-haves, all needed",
                should,
                policy(|_| {}),
                95.0,
                vec!["should-have-open", "should-have-open"],
            ),
            (
                "should-have minimum met",
                should,
                policy(|p| p.should_have_min = Some(Minimum::Count(1))),
                95.0,
                vec![],
            ),
            (
                "should-have share not met",
                should,
                policy(|p| p.should_have_min = Some(Minimum::Percent(50.0))),
                95.0,
                vec!["should-have-open", "should-have-open"],
            ),
            (
                "ticked but PENDING",
                pending,
                policy(|_| {}),
                95.0,
                vec!["must-have-open"],
            ),
            ("N/A must-have", na, policy(|_| {}), 95.0, vec![]),
            ("post-launch must-have", post, policy(|_| {}), 95.0, vec![]),
            (
                "ticked summary of an open item",
                restated,
                policy(|_| {}),
                95.0,
                vec!["must-have-open"],
            ),
            (
                "a ticked NO-GO condition",
                stop,
                policy(|_| {}),
                95.0,
                vec!["stop-condition"],
            ),
            (
                "NO-GO conditions that do not hold",
                stop_clear,
                policy(|_| {}),
                95.0,
                vec![],
            ),
            (
                "the checklist's rule outranks a should-have minimum",
                rule_p1,
                policy(|p| p.should_have_min = Some(Minimum::Count(1))),
                95.0,
                vec!["stated-rule"],
            ),
            (
                "the checklist's rule makes a nice-to-have block, once per item",
                rule_p2,
                policy(|_| {}),
                95.0,
                vec!["must-have-open", "stated-rule"],
            ),
        ];
        for (what, markdown, policy, score, want) in cases {
            assert_eq!(
                rules(&[checklist(markdown)], score, &policy),
                want,
                "{what}"
            );
        }
    }

    #[test]
    fn a_contradicted_item_blocks_once_whatever_its_priority() {
        let mut list =
            checklist("## Must Have\n- [x] Health endpoint\n## Nice to Have\n- [x] Status page\n");
        list.for_each_item_mut(|item| item.evidence = thin_vec::thin_vec![failing_probe()]);
        let found = blockers(&[list], 95.0, &[], &policy(|_| {}));
        let rules: Vec<&str> = found.iter().map(|b| b.rule.label()).collect();
        assert_eq!(rules, ["probe-contradicts", "probe-contradicts"]);
        assert!(
            found[0]
                .message
                .contains("probe health failed: connection refused"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn required_signoffs_come_from_the_ledger() {
        let mut list = checklist("## A\n- [x] a\n## Sign-Off\n- [x] SRE Lead\n- [ ] QA Lead\n");
        let approval = |role: &str, status| Approval {
            role: role.into(),
            status,
            name: Some("Ada".into()),
            signed_at: Some("2026-11-30T10:00:00Z".into()),
            note: None,
            declared: Some(true),
            span: None,
        };
        list.approvals = vec![
            approval("SRE Lead", ApprovalStatus::Stale),
            approval("QA Lead", ApprovalStatus::Signed),
        ];
        let all = policy(|p| p.require_signoffs = Some(RequiredSignoffs::All));
        let found = blockers(std::slice::from_ref(&list), 95.0, &[], &all);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, Rule::SignoffMissing);
        assert!(found[0].message.contains("stale"), "{}", found[0].message);
        let named =
            policy(|p| p.require_signoffs = Some(RequiredSignoffs::Roles(vec!["qa  lead".into()])));
        assert!(blockers(std::slice::from_ref(&list), 95.0, &[], &named).is_empty());
        let missing =
            policy(|p| p.require_signoffs = Some(RequiredSignoffs::Roles(vec!["CISO".into()])));
        let found = blockers(&[list], 95.0, &[], &missing);
        assert!(
            found[0].message.contains("has no such role"),
            "{}",
            found[0].message
        );
    }
}
