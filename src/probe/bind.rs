//! Which probe speaks for which checklist item, and attaching the evidence once probes ran.
//!
//! A probe binds by `match:` (item text, case-insensitive substring), by `item:` (an item id,
//! or a section number or id meaning every item in that section), or from the checklist side
//! with `<!-- probe: id -->` on the item. A binding that finds nothing is an error: a probe that
//! silently checks nothing would let the box it was meant for go unverified.

use crate::hash::{HashMap, HashSet};
use std::sync::Arc;

use aho_corasick::AhoCorasick;

use crate::error::{Error, Location, Result};
use crate::model::{Checklist, Evidence, Item, ItemId, Section};
use crate::probe::{Binding, Probe};

/// For each checklist (by position) and item id, the probes bound to it, in plan order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Bindings {
    /// Hashed by id alone, so attaching evidence looks each item up by its own id.
    by_item: Vec<HashMap<ItemId, Vec<usize>>>,
}

impl Bindings {
    fn add(&mut self, checklist: usize, item: &ItemId, probe: usize) {
        let probes = self.by_item[checklist].entry(item.clone()).or_default();
        if !probes.contains(&probe) {
            probes.push(probe);
            probes.sort_unstable();
        }
    }
}

/// Binds every probe to items. Errors name the probe (or the item) that binds to nothing.
///
/// Linear in probes plus items: `match:` texts are found in one pass over each item with an
/// Aho-Corasick automaton of every text, `item:` and inline references are looked up in maps,
/// so a fleet's ten thousand probes do not scan ten thousand items each.
pub(crate) fn bind(probes: &[Arc<Probe>], checklists: &[Checklist]) -> Result<Bindings> {
    let mut bindings = Bindings {
        by_item: checklists.iter().map(|_| HashMap::default()).collect(),
    };
    let mut named_inline: HashSet<&str> = HashSet::default();
    let ids: Vec<&str> = probes.iter().map(|p| p.id.as_str()).collect();
    let by_id: HashMap<&str, usize> = ids.iter().enumerate().map(|(p, id)| (*id, p)).collect();

    for (c, checklist) in checklists.iter().enumerate() {
        for item in checklist.items() {
            for reference in item.probe_refs() {
                match by_id.get(reference.as_str()) {
                    Some(&p) => {
                        bindings.add(c, &item.id, p);
                        named_inline.insert(probes[p].id.as_str());
                    }
                    None => return Err(unknown_reference(item, reference, &ids)),
                }
            }
        }
    }

    let texts = TextIndex::new(probes);
    let mut found = vec![0usize; probes.len()];
    for (c, checklist) in checklists.iter().enumerate() {
        if let Some(texts) = &texts {
            for item in checklist.items() {
                for p in texts.probes_in(item) {
                    bindings.add(c, &item.id, p);
                    found[p] += 1;
                }
            }
        }
        let mut places: Option<ItemPlaces<'_>> = None;
        for (p, probe) in probes.iter().enumerate() {
            if let Binding::Item(wanted) = &probe.binding {
                let places = places.get_or_insert_with(|| ItemPlaces::new(checklist));
                for id in places.items(wanted) {
                    bindings.add(c, id, p);
                    found[p] += 1;
                }
            }
        }
    }

    for (p, probe) in probes.iter().enumerate() {
        if found[p] == 0 && !named_inline.contains(probe.id.as_str()) {
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
                Location::new(&*probe.span.file, probe.span.line),
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

/// Every `match:` text, lowercased, in one automaton; each text knows the probes that wrote it.
struct TextIndex {
    automaton: AhoCorasick,
    probes_of: Vec<Vec<usize>>,
}

impl TextIndex {
    fn new(probes: &[Arc<Probe>]) -> Option<TextIndex> {
        let mut texts: Vec<String> = Vec::new();
        let mut probes_of: Vec<Vec<usize>> = Vec::new();
        let mut position: HashMap<String, usize> = HashMap::default();
        for (p, probe) in probes.iter().enumerate() {
            if let Binding::Text(text) = &probe.binding {
                let needle = text.to_lowercase();
                let at = *position.entry(needle.clone()).or_insert_with(|| {
                    texts.push(needle);
                    probes_of.push(Vec::new());
                    texts.len() - 1
                });
                probes_of[at].push(p);
            }
        }
        if texts.is_empty() {
            return None;
        }
        let automaton = AhoCorasick::new(&texts)
            .unwrap_or_else(|e| unreachable!("match: texts are short strings: {e}"));
        Some(TextIndex {
            automaton,
            probes_of,
        })
    }

    /// The probes whose text the item's text or title contains, each once. The text is searched
    /// only where it differs from the title, as it rarely does.
    fn probes_in(&self, item: &Item) -> Vec<usize> {
        let mut hits: Vec<usize> = Vec::new();
        for haystack in std::iter::once(&*item.title).chain(item.own_text()) {
            let haystack = haystack.to_lowercase();
            for found in self.automaton.find_overlapping_iter(&haystack) {
                hits.extend(&self.probes_of[found.pattern().as_usize()]);
            }
        }
        hits.sort_unstable();
        hits.dedup();
        hits
    }
}

/// Where `item:` may point in one checklist: item ids, and section ids and numbers (meaning every
/// item of the section).
struct ItemPlaces<'a> {
    items: HashMap<&'a ItemId, &'a Item>,
    sections: HashMap<&'a str, Vec<&'a Section>>,
}

impl<'a> ItemPlaces<'a> {
    fn new(checklist: &'a Checklist) -> ItemPlaces<'a> {
        let mut sections: HashMap<&str, Vec<&Section>> = HashMap::default();
        for section in checklist.sections().filter(|s| !s.signoff) {
            sections
                .entry(section.id.as_str())
                .or_default()
                .push(section);
            if let Some(number) = &section.number
                && **number != *section.id
            {
                sections.entry(number).or_default().push(section);
            }
        }
        ItemPlaces {
            items: checklist.item_index(),
            sections,
        }
    }

    fn items(&self, wanted: &str) -> Vec<&'a ItemId> {
        if let Some(item) = self.items.get(&ItemId::from(wanted)) {
            return vec![&item.id];
        }
        self.sections
            .get(wanted)
            .into_iter()
            .flatten()
            .flat_map(|s| s.all_items().map(|i| &i.id))
            .collect()
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
    Error::invalid(Location::new(&*item.span.file, item.span.line), message)
}

/// Attaches each probe's evidence to the items it is bound to.
pub(crate) fn apply(checklists: &mut [Checklist], bindings: &Bindings, results: &[Evidence]) {
    for (checklist, items) in checklists.iter_mut().zip(&bindings.by_item) {
        checklist.for_each_item_mut(|item| {
            if let Some(probes) = items.get(&item.id) {
                item.evidence = probes
                    .iter()
                    .filter_map(|&p| results.get(p).cloned())
                    .collect();
            }
        });
    }
}
