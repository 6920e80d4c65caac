//! Which probe speaks for which checklist item, and attaching the evidence once probes ran.
//!
//! A probe binds by `match:` (item text, case-insensitive substring), by `item:` (an item id,
//! or a section number or id meaning every item in that section), or from the checklist side
//! with `<!-- probe: id -->` on the item. A binding that finds nothing is an error: a probe that
//! silently checks nothing would let the box it was meant for go unverified.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use crate::error::{Error, Location, Result};
use crate::model::{Checklist, Evidence, Item};
use crate::probe::{Binding, Probe};

/// For each checklist (by position) and item id, the probes bound to it, in plan order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Bindings {
    by_item: BTreeMap<(usize, String), Vec<usize>>,
}

impl Bindings {
    fn add(&mut self, checklist: usize, item: &str, probe: usize) {
        let probes = self
            .by_item
            .entry((checklist, item.to_owned()))
            .or_default();
        if !probes.contains(&probe) {
            probes.push(probe);
            probes.sort_unstable();
        }
    }
}

/// Binds every probe to items. Errors name the probe (or the item) that binds to nothing.
pub(crate) fn bind(probes: &[Arc<Probe>], checklists: &[Checklist]) -> Result<Bindings> {
    let mut bindings = Bindings::default();
    let mut named_inline: HashSet<&str> = HashSet::new();
    let ids: Vec<&str> = probes.iter().map(|p| p.id.as_str()).collect();

    for (c, checklist) in checklists.iter().enumerate() {
        for item in checklist.items() {
            for reference in &item.probe_refs {
                match ids.iter().position(|id| id == reference) {
                    Some(p) => {
                        bindings.add(c, &item.id, p);
                        named_inline.insert(probes[p].id.as_str());
                    }
                    None => return Err(unknown_reference(item, reference, &ids)),
                }
            }
        }
    }

    for (p, probe) in probes.iter().enumerate() {
        let mut found = 0;
        for (c, checklist) in checklists.iter().enumerate() {
            for id in matching(probe, checklist) {
                bindings.add(c, &id, p);
                found += 1;
            }
        }
        if found == 0 && !named_inline.contains(probe.id.as_str()) {
            let why = match &probe.binding {
                Binding::Text(text) => format!("no item's text contains \"{text}\""),
                Binding::Item(item) => {
                    format!("no item id, section number or section id is \"{item}\"")
                }
                Binding::Inline => format!(
                    "it has no match: or item:, and no item names it with <!-- probe: {} -->",
                    probe.id
                ),
            };
            let checked: Vec<&str> = checklists.iter().map(|c| c.path.as_str()).collect();
            return Err(Error::invalid(
                Location::new(&probe.span.file, probe.span.line),
                format!(
                    "probe {} is bound to no item in {}: {why}",
                    probe.id,
                    checked.join(", ")
                ),
            ));
        }
    }
    Ok(bindings)
}

/// Ids of the items a probe's own binding selects in one checklist.
fn matching(probe: &Probe, checklist: &Checklist) -> Vec<String> {
    match &probe.binding {
        Binding::Text(text) => {
            let needle = text.to_lowercase();
            checklist
                .items()
                .filter(|i| {
                    i.text.to_lowercase().contains(&needle)
                        || i.title.to_lowercase().contains(&needle)
                })
                .map(|i| i.id.clone())
                .collect()
        }
        Binding::Item(wanted) => {
            if let Some(item) = checklist.find_item(wanted) {
                return vec![item.id.clone()];
            }
            checklist
                .sections()
                .filter(|s| !s.signoff && (s.id == *wanted || s.number.as_deref() == Some(wanted)))
                .flat_map(|s| s.all_items().map(|i| i.id.clone()))
                .collect()
        }
        Binding::Inline => Vec::new(),
    }
}

fn unknown_reference(item: &Item, reference: &str, ids: &[&str]) -> Error {
    let hint = crate::model::did_you_mean(reference, ids.iter().copied())
        .map(|id| format!(" (did you mean {id}?)"))
        .unwrap_or_default();
    let message = if ids.is_empty() {
        format!(
            "the item names probe \"{reference}\", but no probe file is given: pass --probes FILE, \
             list probe files under probes: in ready.yaml, or run with --no-probes"
        )
    } else {
        format!("the item names probe \"{reference}\", which no probe file defines{hint}")
    };
    Error::invalid(Location::new(&item.span.file, item.span.line), message)
}

/// Attaches each probe's evidence to the items it is bound to.
pub(crate) fn apply(checklists: &mut [Checklist], bindings: &Bindings, results: &[Evidence]) {
    for (c, checklist) in checklists.iter_mut().enumerate() {
        checklist.for_each_item_mut(|item| {
            if let Some(probes) = bindings.by_item.get(&(c, item.id.clone())) {
                item.evidence = probes
                    .iter()
                    .filter_map(|&p| results.get(p).cloned())
                    .collect();
            }
        });
    }
}
