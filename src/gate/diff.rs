//! `ready diff`: what changed between two revisions of a checklist, and how many points of the
//! score each change is worth.
//!
//! Items are matched without line numbers (see [`matching`]). The score change is decomposed by
//! applying the edits one at a time to the old checklist's scoring state and taking the score
//! after each: every edit's contribution is the step it caused, so the contributions add up to
//! the whole change exactly. A rise that no improved item explains — items deleted, made
//! optional, re-weighted, or a threshold lowered — is flagged as gaming.

pub(crate) mod matching;

use std::collections::BTreeMap;

use crate::gate::lint::{normalise, number};
use crate::gate::score::{self, credit};
use crate::gate::{Assessment, Verdict};
use crate::model::{Checklist, Item, ItemId, Priority, Tag, Waiver};

/// What kind of edit a change is. The names are part of the JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum EditKind {
    Removed,
    Reweighted,
    Moved,
    MadeOptional,
    MadeRequired,
    Unticked,
    Ticked,
    StatusChanged,
    Added,
    Reworded,
    PriorityRaised,
    PriorityLowered,
    ProbeBindingRemoved,
    ThresholdLowered,
    ThresholdRaised,
    PolicyChanged,
    WaiverAdded,
    WaiverExtended,
    SignoffInvalidated,
}

impl EditKind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            EditKind::Removed => "removed",
            EditKind::MadeOptional => "made-optional",
            EditKind::MadeRequired => "made-required",
            EditKind::Moved => "moved",
            EditKind::Reweighted => "re-weighted",
            EditKind::Unticked => "unticked",
            EditKind::Ticked => "ticked",
            EditKind::StatusChanged => "status-changed",
            EditKind::Added => "added",
            EditKind::Reworded => "reworded",
            EditKind::PriorityRaised => "priority-raised",
            EditKind::PriorityLowered => "priority-lowered",
            EditKind::ProbeBindingRemoved => "probe-binding-removed",
            EditKind::ThresholdLowered => "threshold-lowered",
            EditKind::ThresholdRaised => "threshold-raised",
            EditKind::PolicyChanged => "policy-changed",
            EditKind::WaiverAdded => "waiver-added",
            EditKind::WaiverExtended => "waiver-extended",
            EditKind::SignoffInvalidated => "signoff-invalidated",
        }
    }

    /// Edits that can raise a score or a verdict without any work being done.
    fn can_game(self) -> bool {
        matches!(
            self,
            EditKind::Removed
                | EditKind::MadeOptional
                | EditKind::Moved
                | EditKind::Reweighted
                | EditKind::PriorityLowered
                | EditKind::ProbeBindingRemoved
                | EditKind::ThresholdLowered
                | EditKind::PolicyChanged
                | EditKind::WaiverAdded
                | EditKind::WaiverExtended
        )
    }
}

/// An item or section as one side of an edit shows it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Place {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) section: String,
    pub(crate) line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Edit {
    pub(crate) kind: EditKind,
    pub(crate) old: Option<Place>,
    pub(crate) new: Option<Place>,
    /// What changed, in words: `must → should`, `weight 20 → 10`.
    pub(crate) detail: String,
    /// Points of the score this edit moved (positive raises it).
    pub(crate) contribution: f64,
}

/// One side of a diff: a revision of the checklist, assessed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Side<'a> {
    pub(crate) assessment: &'a Assessment,
    pub(crate) waivers: &'a [Waiver],
}

impl Side<'_> {
    fn checklist(&self) -> &Checklist {
        &self.assessment.checklists[0]
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Diff {
    pub(crate) old_score: f64,
    pub(crate) new_score: f64,
    pub(crate) old_verdict: Verdict,
    pub(crate) new_verdict: Verdict,
    pub(crate) edits: Vec<Edit>,
    /// Indexes of the edits that raised the score or the verdict with no item improved, when
    /// the score or the verdict rose that way.
    pub(crate) gaming: Option<Vec<usize>>,
}

/// The scoring state of a checklist: each category's raw weight, and each item's category and
/// credit. The score is a function of this alone, so edits can be applied to it one by one.
#[derive(Debug, Clone, Default, PartialEq)]
struct State {
    weights: BTreeMap<String, f64>,
    items: BTreeMap<String, Scoring>,
}

impl State {
    fn score(&self) -> f64 {
        let mut sums: BTreeMap<&str, (f64, usize)> = BTreeMap::new();
        for (category, credit) in self.items.values() {
            if let Some(credit) = credit {
                let entry = sums.entry(category.as_str()).or_default();
                entry.0 += credit;
                entry.1 += 1;
            }
        }
        let (mut total, mut weight) = (0.0, 0.0);
        for (category, (sum, count)) in sums {
            let w = self.weights.get(category).copied().unwrap_or(0.0);
            if w > 0.0 && count > 0 {
                total += w * sum / count as f64 * 100.0;
                weight += w;
            }
        }
        if weight > 0.0 { total / weight } else { 0.0 }
    }
}

/// What scoring a checklist gives each item: its category key and credit, by item id.
struct Scored {
    weights: BTreeMap<String, f64>,
    item_category: BTreeMap<String, String>,
}

fn scored(checklist: &Checklist) -> Scored {
    let result = score::score(checklist);
    let sections: BTreeMap<&str, &crate::model::Section> =
        checklist.sections().map(|s| (s.id.as_str(), s)).collect();
    let mut weights = BTreeMap::new();
    let mut item_category = BTreeMap::new();
    for category in &result.categories {
        let section = sections.get(category.id.as_str());
        let key = section.map_or_else(|| "(whole checklist)".to_owned(), |s| normalise(&s.title));
        // Raw weights, so a category that disappears does not re-weight the others.
        let raw = match (checklist.weight_table.is_some(), section) {
            (true, Some(s)) => s.weight.unwrap_or(0.0),
            _ if category.weight > 0.0 => 1.0,
            _ => 0.0,
        };
        weights.insert(key.clone(), raw);
        let members: Vec<&Item> = match section {
            Some(s) => s.all_items().collect(),
            None => checklist.items().collect(),
        };
        for item in members {
            item_category
                .entry(item.id.to_string())
                .or_insert(key.clone());
        }
    }
    Scored {
        weights,
        item_category,
    }
}

fn place(item: &Item, section: &str) -> Place {
    Place {
        id: item.id.to_string(),
        title: item.title.to_string(),
        section: section.to_owned(),
        line: item.span.line,
    }
}

/// Each item's priority as the gate sees it: its own, or that of a must-have (or should-have)
/// entry restating it, whichever is higher.
fn effective_priorities(checklist: &Checklist) -> BTreeMap<&ItemId, Option<Priority>> {
    let mut out: BTreeMap<&ItemId, Option<Priority>> =
        checklist.items().map(|i| (&i.id, i.priority)).collect();
    for item in checklist.items().filter(|i| i.priority.is_some()) {
        for id in item.restates() {
            if let Some(p) = out.get_mut(&ItemId::from(id.as_str()))
                && rank(item.priority) > rank(*p)
            {
                *p = item.priority;
            }
        }
    }
    out
}

fn rank(priority: Option<Priority>) -> u8 {
    match priority {
        Some(Priority::Must) => 3,
        Some(Priority::Should) => 2,
        Some(Priority::Nice) => 1,
        None => 0,
    }
}

fn label(priority: Option<Priority>) -> &'static str {
    priority.map_or("none", Priority::label)
}

fn optional(item: &Item) -> bool {
    item.tags
        .iter()
        .any(|t| matches!(t, Tag::Optional | Tag::NotApplicable))
}

/// An item's category and credit in the scoring state.
type Scoring = (String, Option<f64>);

/// A planned edit: its kind, places, detail, and the change it makes to the scoring state
/// (an item set to a category and credit, or removed; a category's weight).
struct Planned {
    edit: Edit,
    item: Option<(String, Option<Scoring>)>,
    weight: Option<(String, f64)>,
}

/// Compares two assessed revisions of one checklist.
pub(crate) fn diff(old: Side<'_>, new: Side<'_>) -> Diff {
    let (old_list, new_list) = (old.checklist(), new.checklist());
    let (old_scored, new_scored) = (scored(old_list), scored(new_list));
    let pairs = matching::pair(old_list, new_list);
    let (old_priority, new_priority) = (
        effective_priorities(old_list),
        effective_priorities(new_list),
    );

    let mut start = State {
        weights: old_scored.weights.clone(),
        ..State::default()
    };
    let mut target = State {
        weights: new_scored.weights.clone(),
        ..State::default()
    };
    let mut planned: Vec<Planned> = Vec::new();
    let category = |s: &Scored, item: &Item| {
        item.id
            .with_str(|id| s.item_category.get(id).cloned())
            .unwrap_or_default()
    };
    for (n, pair) in pairs.iter().enumerate() {
        let key = format!("{n}");
        match (&pair.old, &pair.new) {
            (Some((o, os)), None) => {
                let os = os.as_str();
                start
                    .items
                    .insert(key.clone(), (category(&old_scored, o), credit(o)));
                planned.push(Planned {
                    edit: edit(EditKind::Removed, Some(place(o, os)), None, String::new()),
                    item: Some((key, None)),
                    weight: None,
                });
            }
            (None, Some((n_item, ns))) => {
                let ns = ns.as_str();
                let entry = (category(&new_scored, n_item), credit(n_item));
                target.items.insert(key.clone(), entry.clone());
                planned.push(Planned {
                    edit: edit(
                        EditKind::Added,
                        None,
                        Some(place(n_item, ns)),
                        String::new(),
                    ),
                    item: Some((key, Some(entry))),
                    weight: None,
                });
            }
            (Some((o, os)), Some((n_item, ns))) => {
                let (old_cat, new_cat) = (category(&old_scored, o), category(&new_scored, n_item));
                let (old_credit, new_credit) = (credit(o), credit(n_item));
                start
                    .items
                    .insert(key.clone(), (old_cat.clone(), old_credit));
                target
                    .items
                    .insert(key.clone(), (new_cat.clone(), new_credit));
                let places = (Some(place(o, os)), Some(place(n_item, ns)));
                let mut push = |kind, detail: String, item| {
                    planned.push(Planned {
                        edit: edit(kind, places.0.clone(), places.1.clone(), detail),
                        item,
                        weight: None,
                    });
                };
                if normalise(&o.title) != normalise(&n_item.title) {
                    push(
                        EditKind::Reworded,
                        format!("\"{}\" → \"{}\"", o.title, n_item.title),
                        None,
                    );
                }
                if os != ns || old_cat != new_cat {
                    push(
                        EditKind::Moved,
                        format!("{os} → {ns}"),
                        Some((key.clone(), Some((new_cat.clone(), old_credit)))),
                    );
                }
                let before = old_priority.get(&o.id).copied().flatten();
                let after = new_priority.get(&n_item.id).copied().flatten();
                if rank(before) != rank(after) {
                    let kind = if rank(after) > rank(before) {
                        EditKind::PriorityRaised
                    } else {
                        EditKind::PriorityLowered
                    };
                    push(kind, format!("{} → {}", label(before), label(after)), None);
                }
                if !o.probe_refs().is_empty() && n_item.probe_refs().is_empty() {
                    push(
                        EditKind::ProbeBindingRemoved,
                        format!("probe {} no longer bound", o.probe_refs().join(", ")),
                        None,
                    );
                }
                if old_credit != new_credit {
                    let kind = if optional(o) != optional(n_item) {
                        if optional(n_item) {
                            EditKind::MadeOptional
                        } else {
                            EditKind::MadeRequired
                        }
                    } else if o.checked != n_item.checked {
                        if n_item.checked {
                            EditKind::Ticked
                        } else {
                            EditKind::Unticked
                        }
                    } else {
                        EditKind::StatusChanged
                    };
                    let detail = match kind {
                        EditKind::MadeOptional => {
                            "now optional or N/A: left out of the score while open".to_owned()
                        }
                        EditKind::MadeRequired => {
                            "no longer optional: counted while open".to_owned()
                        }
                        _ => format!("{} → {}", o.status().label(), n_item.status().label()),
                    };
                    push(
                        kind,
                        detail,
                        Some((key.clone(), Some((new_cat, new_credit)))),
                    );
                }
            }
            (None, None) => {}
        }
    }
    let all_categories: std::collections::BTreeSet<&String> = old_scored
        .weights
        .keys()
        .chain(new_scored.weights.keys())
        .collect();
    for category in all_categories {
        let (before, after) = (
            old_scored.weights.get(category).copied().unwrap_or(0.0),
            new_scored.weights.get(category).copied().unwrap_or(0.0),
        );
        if (before - after).abs() > f64::EPSILON {
            planned.push(Planned {
                edit: edit(
                    EditKind::Reweighted,
                    None,
                    None,
                    format!("{category}: weight {} → {}", number(before), number(after)),
                ),
                item: None,
                weight: Some((category.clone(), after)),
            });
        }
    }
    policy_edits(old, new, &mut planned);

    // Apply in an order that reads well: what was taken away first, then what was done.
    planned.sort_by_key(|p| p.edit.kind);
    let mut state = start;
    let mut before = state.score();
    let mut edits = Vec::with_capacity(planned.len());
    for Planned {
        mut edit,
        item,
        weight,
    } in planned
    {
        if let Some((key, entry)) = item {
            match entry {
                Some(entry) => state.items.insert(key, entry),
                None => state.items.remove(&key),
            };
        }
        if let Some((category, w)) = weight {
            state.weights.insert(category, w);
        }
        let after = state.score();
        edit.contribution = after - before;
        before = after;
        edits.push(edit);
    }
    // The plan reaches the new revision's state; anything left (none is expected) is named.
    debug_assert_eq!(state.items, target.items);
    let (old_score, new_score) = (old.assessment.score, new.assessment.score);
    let gaming = gaming(
        &edits,
        old_score,
        new_score,
        old.assessment.verdict,
        new.assessment.verdict,
    );
    Diff {
        old_score,
        new_score,
        old_verdict: old.assessment.verdict,
        new_verdict: new.assessment.verdict,
        edits,
        gaming,
    }
}

fn edit(kind: EditKind, old: Option<Place>, new: Option<Place>, detail: String) -> Edit {
    Edit {
        kind,
        old,
        new,
        detail,
        contribution: 0.0,
    }
}

/// Threshold, policy and waiver changes between the two sides.
fn policy_edits(old: Side<'_>, new: Side<'_>, planned: &mut Vec<Planned>) {
    let (a, b) = (&old.assessment.policy, &new.assessment.policy);
    let mut push = |kind, detail: String| {
        planned.push(Planned {
            edit: edit(kind, None, None, detail),
            item: None,
            weight: None,
        });
    };
    if (a.threshold - b.threshold).abs() > f64::EPSILON {
        push(
            if b.threshold < a.threshold {
                EditKind::ThresholdLowered
            } else {
                EditKind::ThresholdRaised
            },
            format!(
                "threshold {} → {}",
                number(a.threshold),
                number(b.threshold)
            ),
        );
    }
    let mut policy = Vec::new();
    if a.should_have_min != b.should_have_min {
        policy.push(format!(
            "should_have_min {:?} → {:?}",
            a.should_have_min, b.should_have_min
        ));
    }
    if a.min_category_score != b.min_category_score {
        policy.push(format!(
            "min_category_score {:?} → {:?}",
            a.min_category_score, b.min_category_score
        ));
    }
    if a.require_signoffs != b.require_signoffs {
        policy.push("require_signoffs changed".to_owned());
    }
    if a.max_waivers != b.max_waivers {
        policy.push(format!(
            "max_waivers {:?} → {:?}",
            a.max_waivers, b.max_waivers
        ));
    }
    if a.strict != b.strict {
        policy.push(format!("strict {} → {}", a.strict, b.strict));
    }
    if !policy.is_empty() {
        push(EditKind::PolicyChanged, policy.join("; "));
    }
    for waiver in new.waivers {
        match old.waivers.iter().find(|w| w.item == waiver.item) {
            None => push(
                EditKind::WaiverAdded,
                format!(
                    "\"{}\" until {} ({})",
                    waiver.item, waiver.expires, waiver.approved_by
                ),
            ),
            Some(before) if waiver.expires > before.expires => push(
                EditKind::WaiverExtended,
                format!(
                    "\"{}\": {} → {}",
                    waiver.item, before.expires, waiver.expires
                ),
            ),
            Some(_) => {}
        }
    }
    for approval in &new.checklist().approvals {
        let was = old
            .checklist()
            .approvals
            .iter()
            .find(|a| a.role == approval.role);
        if was.is_some_and(|w| w.status == crate::model::ApprovalStatus::Signed)
            && approval.status == crate::model::ApprovalStatus::Stale
        {
            push(
                EditKind::SignoffInvalidated,
                format!(
                    "{}'s sign-off no longer matches the checklist",
                    approval.role
                ),
            );
        }
    }
}

/// The score (or the verdict) rose, and no item got better: the edits that did it.
fn gaming(
    edits: &[Edit],
    old_score: f64,
    new_score: f64,
    old_verdict: Verdict,
    new_verdict: Verdict,
) -> Option<Vec<usize>> {
    let improved = edits.iter().any(|e| {
        matches!(
            e.kind,
            EditKind::Ticked | EditKind::StatusChanged | EditKind::MadeRequired
        ) && e.contribution > 0.0
    });
    let verdict_rose = old_verdict == Verdict::NoGo && new_verdict != Verdict::NoGo;
    if improved || !(new_score - old_score > 0.05 || verdict_rose) {
        return None;
    }
    let culprits: Vec<usize> = edits
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.kind.can_game()
                && (e.contribution > 0.0
                    || matches!(
                        e.kind,
                        EditKind::PriorityLowered
                            | EditKind::ThresholdLowered
                            | EditKind::PolicyChanged
                            | EditKind::WaiverAdded
                            | EditKind::WaiverExtended
                            | EditKind::ProbeBindingRemoved
                    ))
        })
        .map(|(i, _)| i)
        .collect();
    (!culprits.is_empty()).then_some(culprits)
}
