//! Loading checklists: finding the files, reading their bytes as text, parsing Markdown or
//! YAML into the shared [`Checklist`] model, then the steps both formats share (ids, links).

mod chunks;
mod claims;
mod front_matter;
mod ids;
mod markdown;
mod markers;
mod signoffs;
mod vocabulary;
mod weights;
pub(crate) mod yaml;

use crate::hash::{HashMap, HashSet};
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::files::{self, Format};
use crate::model::{Checklist, Notice, Section, Span};

/// Items nested deeper than this are attached to their ancestor at this depth, in both formats,
/// so a hostile file cannot make the tree (or any recursion over it) arbitrarily deep.
const MAX_ITEM_DEPTH: usize = 16;

/// The one notice both readers give when they flatten items nested too deep.
fn nested_too_deep(span: Span) -> Notice {
    Notice::new(
        format!(
            "items nested deeper than {MAX_ITEM_DEPTH} levels are counted at level {MAX_ITEM_DEPTH}"
        ),
        Some(span),
    )
}

/// Whether a Markdown checklist reads the same whole and cut into its smallest pieces.
#[cfg(feature = "fuzzing")]
pub(crate) fn reads_same_in_pieces(text: &str) -> bool {
    markdown::reads_same_in_pieces(text)
}

/// Reads and parses one checklist file.
pub(crate) fn load(path: &Path) -> Result<Checklist> {
    let decoded = files::read_text(path, files::Input::Checklist)?;
    let format = Format::of(path).ok_or_else(|| Error::UnsupportedType {
        path: path.display().to_string(),
    })?;
    parse_text(&path.display().to_string(), decoded, format)
}

/// Parses checklist bytes; `shown` is the path as it should appear in messages and spans.
#[cfg(test)]
pub(crate) fn parse(shown: &str, bytes: &[u8], format: Format) -> Result<Checklist> {
    parse_text(shown, files::decode(shown, bytes)?, format)
}

/// Parses decoded text; the decode notices come first among the checklist's notices.
fn parse_text(shown: &str, decoded: files::Decoded, format: Format) -> Result<Checklist> {
    let files::Decoded { text, mut notices } = decoded;
    let mut checklist = match format {
        Format::Markdown => {
            let parsed = markdown::parse(shown, &text)?;
            let mut checklist = parsed.checklist;
            // What needs the text is read first, and the text let go before the steps over
            // the whole tree: a long checklist's text was a sixth of the memory at its peak.
            claims::read(&mut checklist, &text);
            checklist.line_widths = line_widths(&text);
            drop(text);
            let weighted = weights::apply(&mut checklist.root, parsed.weight_tables);
            // A Markdown checklist writes no ids, so none can be taken twice.
            ids::assign(&mut checklist)?;
            if let Some((rows, matched)) = weighted {
                checklist.weight_table = weights::table(&checklist.root, rows, &matched);
            }
            link_overviews(&mut checklist);
            link_restatements(&mut checklist);
            checklist
        }
        Format::Yaml => {
            let mut checklist = yaml::parse(shown, &text)?;
            ids::assign(&mut checklist).map_err(|e| e.with_source(&text))?;
            check_restatements(&checklist, &text)?;
            checklist.line_widths = line_widths(&text);
            checklist
        }
    };
    notices.append(&mut checklist.notices);
    for signoff in &checklist.signoffs {
        if signoff.role.starts_with('[') && signoff.role.ends_with(']') {
            notices.push(Notice::new(
                format!(
                    "sign-off role {} is an unfilled template placeholder; write the role that \
                     must approve",
                    signoff.role
                ),
                Some(signoff.span.clone()),
            ));
        }
    }
    checklist.notices = notices;
    Ok(checklist)
}

/// Each line's width in characters, for the columns reports point at.
fn line_widths(text: &str) -> Vec<u32> {
    // Made at its size (a line more than there are breaks), not grown line by line.
    let mut widths = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    widths.extend(
        text.lines()
            .map(|l| u32::try_from(l.chars().count()).unwrap_or(u32::MAX)),
    );
    widths
}

/// Links each item of a priority group ("Must Have: - [ ] DR drill successful") to the items
/// elsewhere that it restates, by text: the same words, or the group's words opening the
/// other item's title (`On-call rotation` → `On-call rotation established`).
fn link_restatements(checklist: &mut Checklist) {
    // What the group items ask for: their words. Only those keys are indexed, so a checklist
    // without priority groups pays nothing and a large one keeps no index of every item.
    let queries: HashSet<Vec<String>> = checklist
        .items()
        .filter(|i| i.priority.is_some() && i.restates.is_empty())
        .map(|i| files::lowercase_words(&i.title))
        .filter(|w| !w.is_empty())
        .collect();
    if queries.is_empty() {
        return;
    }
    // Targets by their words, and by each of their opening word runs (two words or more, up
    // to eight), so a group item finds its copies by look-up: linear, not items × items. Each
    // list keeps document order, so the first copies found are the first written.
    let mut exact: HashMap<&[String], Vec<(usize, String)>> = HashMap::default();
    let mut opening: HashMap<&[String], Vec<(usize, String)>> = HashMap::default();
    for (place, item) in checklist
        .items()
        .enumerate()
        .filter(|(_, i)| i.priority.is_none())
    {
        let words = files::lowercase_words(&item.title);
        for k in 2..words.len().min(9) {
            if let Some(key) = queries.get(&words[..k]) {
                let list = opening.entry(key.as_slice()).or_default();
                if list.len() < MAX_RESTATED {
                    list.push((place, item.id.clone()));
                }
            }
        }
        if let Some(key) = queries.get(words.as_slice()) {
            let list = exact.entry(key.as_slice()).or_default();
            if list.len() < MAX_RESTATED {
                list.push((place, item.id.clone()));
            }
        }
    }
    let links: Vec<(Vec<String>, Vec<String>)> = queries
        .iter()
        .map(|words| {
            let mut found: Vec<(usize, String)> =
                exact.get(words.as_slice()).cloned().unwrap_or_default();
            if words.len() >= 2
                && let Some(longer) = opening.get(words.as_slice())
            {
                found.extend(longer.iter().cloned());
            }
            found.sort_unstable();
            found.truncate(MAX_RESTATED);
            (words.clone(), found.into_iter().map(|(_, id)| id).collect())
        })
        .collect();
    let links: HashMap<Vec<String>, Vec<String>> = links.into_iter().collect();
    checklist.for_each_item_mut(|item| {
        if item.priority.is_none() || !item.restates.is_empty() {
            return;
        }
        if let Some(ids) = links.get(&files::lowercase_words(&item.title)) {
            item.restates = ids.as_slice().into();
        }
    });
}

/// An overview list whose every box names another section of the document (`## Overview` with
/// `- [ ] Security`, `- [ ] Performance` over the `## Security` and `## Performance` sections)
/// is a digest of the work, not work of its own: each box is linked to the items of the
/// section it names, so the overview is no category and a ticked box over open items is seen.
fn link_overviews(checklist: &mut Checklist) {
    // Sections with items, by the words of their heading (a repeated heading is ambiguous),
    // each known by its place in document order: the ids of a section's items are copied only
    // once an overview names it, not for every section of a long checklist.
    let sections: Vec<&Section> = checklist.sections().collect();
    let mut targets: HashMap<String, Option<usize>> = HashMap::default();
    for (place, section) in sections.iter().enumerate() {
        if section.all_items().next().is_some() {
            targets
                .entry(markers::heading_key(&section.title))
                .and_modify(|found| *found = None)
                .or_insert(Some(place));
        }
    }
    // The overviews, in the order the sections are visited below: for each section visited,
    // what its boxes restate, if it is an overview.
    let mut plans: Vec<Option<Vec<Vec<String>>>> = Vec::new();
    let mut linked: HashMap<usize, usize> = HashMap::default();
    let mut stack: Vec<&Section> = checklist.root.iter().collect();
    while let Some(section) = stack.pop() {
        let names: Option<Vec<usize>> = (section.items.len() >= 2)
            .then(|| {
                section
                    .items
                    .iter()
                    .map(|item| {
                        targets
                            .get(&markers::heading_key(&item.title))
                            .copied()
                            .flatten()
                            .filter(|&place| {
                                let id = &sections[place].id;
                                *id != section.id && !id.starts_with(&section.id)
                            })
                    })
                    .collect()
            })
            .flatten();
        plans.push(names.map(|names| {
            names
                .into_iter()
                .map(|place| {
                    let count = linked.entry(place).or_default();
                    *count += 1;
                    if *count <= MAX_RESTATED {
                        sections[place].all_items().map(|i| i.id.clone()).collect()
                    } else {
                        Vec::new()
                    }
                })
                .collect()
        }));
        stack.extend(section.sections.iter());
    }
    drop(targets);
    drop(sections);
    // The same walk again, mutably, to write what each overview's boxes restate.
    let mut plans = plans.into_iter();
    let mut stack: Vec<&mut Section> = checklist.root.iter_mut().collect();
    while let Some(section) = stack.pop() {
        if let Some(Some(restated)) = plans.next() {
            for (item, restates) in section.items.iter_mut().zip(restated) {
                item.restates = restates.into();
            }
        }
        stack.extend(section.sections.iter_mut());
    }
}

/// The most copies a group item is linked to. A checklist that lists the same words more
/// often is repeating itself; linking every copy to every group item would grow with the
/// square of the repetitions (and did: 2,000 copies took minutes).
const MAX_RESTATED: usize = 8;

/// In YAML the author writes `restates:` by id; each must name an item.
fn check_restatements(checklist: &Checklist, text: &str) -> Result<()> {
    let ids: HashSet<&str> = checklist.items().map(|i| i.id.as_str()).collect();
    for item in checklist.items() {
        if let Some(missing) = item.restates.iter().find(|r| !ids.contains(r.as_str())) {
            return Err(Error::invalid(
                Location::new(&checklist.path, item.span.line).with_source(text),
                format!(
                    "restates \"{missing}\", which is not the id of any item in this checklist"
                ),
            ));
        }
    }
    Ok(())
}
