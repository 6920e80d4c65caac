//! Which item of the new revision is which item of the old, without line numbers: first the
//! same title in the same section, then the same title anywhere (a move), then the same probe
//! binding in the same section (a rewording), then shared words within the section, then, for
//! the last one left on each side of a section, its position. A pure move is never a removal
//! and an addition.

use crate::hash::HashMap;
use std::collections::BTreeSet;

use crate::gate::lint::normalise;
use crate::model::{Checklist, Item};

/// Two sides of one item; `None` on a side where it does not exist. The string is the heading
/// of the section the item is in.
#[derive(Debug, Clone)]
pub(crate) struct Pair<'a> {
    pub(crate) old: Option<(&'a Item, String)>,
    pub(crate) new: Option<(&'a Item, String)>,
}

struct Entry<'a> {
    item: &'a Item,
    heading: String,
    key: Key,
}

/// What an item is matched by: its section (number, else normalised title), its normalised
/// title and the probes bound to it. Built from a checklist's items, or from a baseline report.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Key {
    pub(crate) section: String,
    pub(crate) title: String,
    pub(crate) probes: Vec<String>,
    words: BTreeSet<String>,
}

impl Key {
    pub(crate) fn new(section: &str, title: &str, probes: Vec<String>) -> Key {
        let title = normalise(title);
        Key {
            section: section.to_owned(),
            words: title
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect(),
            title,
            probes,
        }
    }
}

/// The section key of a section: its number, else its normalised title.
pub(crate) fn section_key(number: Option<&str>, title: &str) -> String {
    number.map_or_else(|| normalise(title), str::to_owned)
}

fn entries(checklist: &Checklist) -> Vec<Entry<'_>> {
    let mut out = Vec::new();
    for (section, top) in checklist.top_level_items() {
        let (heading, key) = section.map_or_else(
            || (String::new(), String::new()),
            |s| (s.heading(), section_key(s.number.as_deref(), &s.title)),
        );
        for item in top.walk() {
            out.push(Entry {
                item,
                heading: heading.clone(),
                key: Key::new(&key, &item.title, item.probe_refs().to_vec()),
            });
        }
    }
    out
}

fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// Word comparisons, at most, for one diff: beyond them leftovers are removals and additions.
const MAX_COMPARISONS: usize = 2_000_000;

pub(crate) struct Links {
    pub(crate) old_to: Vec<Option<usize>>,
    pub(crate) new_taken: Vec<bool>,
}

impl Links {
    fn link(&mut self, o: usize, n: usize) {
        self.old_to[o] = Some(n);
        self.new_taken[n] = true;
    }
}

/// Pairs the items of two revisions: the old ones in document order (with their match, if
/// any), then the additions.
pub(crate) fn pair<'a>(old: &'a Checklist, new: &'a Checklist) -> Vec<Pair<'a>> {
    let (old_entries, new_entries) = (entries(old), entries(new));
    let old_keys: Vec<Key> = old_entries.iter().map(|e| e.key.clone()).collect();
    let new_keys: Vec<Key> = new_entries.iter().map(|e| e.key.clone()).collect();
    let links = pair_keys(&old_keys, &new_keys);
    let side = |e: &Entry<'a>| (e.item, e.heading.clone());
    let mut pairs: Vec<Pair<'a>> = old_entries
        .iter()
        .zip(&links.old_to)
        .map(|(e, to)| Pair {
            old: Some(side(e)),
            new: to.map(|n| side(&new_entries[n])),
        })
        .collect();
    pairs.extend(
        new_entries
            .iter()
            .zip(&links.new_taken)
            .filter(|(_, taken)| !**taken)
            .map(|(e, _)| Pair {
                old: None,
                new: Some(side(e)),
            }),
    );
    pairs
}

/// For each old key, the index of the new key it is; and which new keys were taken.
pub(crate) fn pair_keys(olds: &[Key], news: &[Key]) -> Links {
    let mut links = Links {
        old_to: vec![None; olds.len()],
        new_taken: vec![false; news.len()],
    };
    // 1. Same section, same title; 2. same title anywhere: in document order, first come first.
    for same_section in [true, false] {
        let key = |e: &Key| {
            let section = if same_section {
                e.section.clone()
            } else {
                String::new()
            };
            (section, e.title.clone())
        };
        let mut by_key: HashMap<(String, String), Vec<usize>> = HashMap::default();
        for (n, e) in news.iter().enumerate() {
            if !links.new_taken[n] {
                by_key.entry(key(e)).or_default().push(n);
            }
        }
        for list in by_key.values_mut() {
            list.reverse();
        }
        for (o, e) in olds.iter().enumerate() {
            if links.old_to[o].is_none()
                && let Some(n) = by_key.get_mut(&key(e)).and_then(Vec::pop)
            {
                links.link(o, n);
            }
        }
    }
    // 3. Same section and the same probe binding: the item was reworded.
    for (o, e) in olds.iter().enumerate() {
        if links.old_to[o].is_some() || e.probes.is_empty() {
            continue;
        }
        if let Some(n) = (0..news.len()).find(|&n| {
            !links.new_taken[n] && news[n].section == e.section && news[n].probes == e.probes
        }) {
            links.link(o, n);
        }
    }
    // 4. Shared words within the section, best pairs first.
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    let mut budget = MAX_COMPARISONS;
    for (o, e) in olds.iter().enumerate() {
        if links.old_to[o].is_some() {
            continue;
        }
        for (n, f) in news.iter().enumerate() {
            if budget == 0 {
                break;
            }
            if links.new_taken[n] || f.section != e.section {
                continue;
            }
            budget -= 1;
            let similarity = jaccard(&e.words, &f.words);
            if similarity >= 0.5 {
                candidates.push((similarity, o, n));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, o, n) in candidates {
        if links.old_to[o].is_none() && !links.new_taken[n] {
            links.link(o, n);
        }
    }
    // 5. Position: the one item left on each side of a section, if they share a word.
    let mut left_old: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut left_new: HashMap<&str, Vec<usize>> = HashMap::default();
    for (o, e) in olds.iter().enumerate() {
        if links.old_to[o].is_none() {
            left_old.entry(e.section.as_str()).or_default().push(o);
        }
    }
    for (n, e) in news.iter().enumerate() {
        if !links.new_taken[n] {
            left_new.entry(e.section.as_str()).or_default().push(n);
        }
    }
    for (section, olds_left) in &left_old {
        if let (&[o], Some(&[n])) = (
            olds_left.as_slice(),
            left_new.get(section).map(Vec::as_slice),
        ) && jaccard(&olds[o].words, &news[n].words) > 0.0
        {
            links.link(o, n);
        }
    }

    links
}
