//! Look-ups the rules share: the section a line is in, an item's identity, a category by the
//! name an author abbreviated, and number formatting for messages.

pub(crate) use crate::files::normalise;
use crate::gate::lint::Input;
use crate::gate::score::Category;
use crate::model::{Checklist, Item, Section};

/// The innermost section a line is written in: sections come in document order, so it is the
/// last one whose heading is at or above the line (a binary search of the run's index).
pub(crate) fn section_at_line<'a>(input: &Input<'a>, line: u32) -> Option<&'a Section> {
    let at = input.sections.partition_point(|(l, _)| *l <= line);
    at.checked_sub(1).map(|i| input.sections[i].1)
}

/// Every section with the line of its heading, in document order: built once per checklist so
/// that placing many claims stays linear.
pub(crate) fn sections_by_line(checklist: &Checklist) -> Vec<(u32, &Section)> {
    checklist.sections().map(|s| (s.span.line, s)).collect()
}

/// An item's identity for fingerprints: the id of its section and its normalised title, so a
/// move within the section or a change of its box keeps it, and a reworded title does not.
pub(crate) fn item_subject(item: &Item) -> String {
    item.id.with_str(|id| {
        let section = id.rsplit_once('/').map_or("", |(s, _)| s);
        format!("{section}/{}", normalise(&item.title))
    })
}

/// A line's identity for fingerprints: the section it is in and what it is about.
pub(crate) fn line_subject(input: &Input<'_>, line: u32, what: &str) -> String {
    let section = section_at_line(input, line).map_or("", |s| s.id.as_str());
    format!("{section}#{}", normalise(what))
}

/// The category an abbreviated name means (`Features` for `Feature Completeness`,
/// `Testing` for `Testing & QA`): the one sharing the most words, a word matching when one is
/// the other with an `s` or a prefix of four letters or more. Weight-table row names count as
/// names of the section they were matched to.
pub(crate) fn category_named<'a>(input: &Input<'a>, name: &str) -> Option<&'a Category> {
    let wanted = words(name);
    if wanted.is_empty() {
        return None;
    }
    let mut best: Option<(usize, &Category)> = None;
    for category in &input.categories {
        let mut names = vec![category.name.clone()];
        if let Some(table) = &input.checklist.weight_table {
            names.extend(
                table
                    .rows
                    .iter()
                    .filter(|r| r.section.as_deref() == Some(category.id.as_str()))
                    .map(|r| r.name.clone()),
            );
        }
        let score = names
            .iter()
            .map(|n| {
                let theirs = words(n);
                wanted
                    .iter()
                    .filter(|w| theirs.iter().any(|t| same_word(w, t)))
                    .count()
            })
            .max()
            .unwrap_or(0);
        if score > 0 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, category));
        }
    }
    best.map(|(_, c)| c)
}

fn words(text: &str) -> Vec<String> {
    normalise(text)
        .split(' ')
        .filter(|w| w.len() >= 3 && !["and", "the", "for"].contains(w))
        .map(|w| w.trim_end_matches('s').to_owned())
        .collect()
}

fn same_word(a: &str, b: &str) -> bool {
    a == b || (a.len().min(b.len()) >= 4 && (a.starts_with(b) || b.starts_with(a)))
}

/// A percentage as messages write it: `90%`, `61.2%`.
pub(crate) fn percent(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}%")
    } else {
        format!("{rounded:.1}%")
    }
}

/// A number as messages write it: no trailing `.0`, at most two decimals.
pub(crate) fn number(value: f64) -> String {
    let text = format!("{:.2}", (value * 100.0).round() / 100.0);
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}
