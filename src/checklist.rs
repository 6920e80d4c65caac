//! Loading checklists: finding the files, reading their bytes as text, parsing Markdown or
//! YAML into the shared [`Checklist`] model, then the steps both formats share (ids, links).

mod chunks;
mod claims;
mod front_matter;
mod ids;
mod markdown;
mod markers;
mod reading;
mod signoffs;
mod vocabulary;
mod weights;
pub(crate) mod yaml;

use crate::hash::{HashMap, HashSet};
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::files::{self, Format};
use crate::model::{Checklist, ItemId, LineWidths, Notice, Section, Span};

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
    reading::reads_same_in_pieces(text)
}

/// How much of a Markdown checklist is read at a time.
const BLOCK: usize = 1024 * 1024;

/// Reads and parses one checklist file.
pub(crate) fn load(path: &Path) -> Result<Checklist> {
    if Format::of(path) == Some(Format::Markdown)
        && let Some(parsed) = read_markdown_in_blocks(path, BLOCK, reading::PIECE)?
    {
        return finish_markdown(parsed, Vec::new());
    }
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

/// Reads a Markdown checklist a block of lines at a time, never holding all of its text, or
/// `None` when it must be read whole: it is not plain text (see [`files::Blocks`]), or a block
/// holds what [`reading::needs_whole`] names. The reading is the same either way.
fn read_markdown_in_blocks(
    path: &Path,
    block: usize,
    piece: usize,
) -> Result<Option<markdown::Parsed>> {
    let mut blocks = files::Blocks::open(path, files::Input::Checklist, block)?;
    let mut reading = reading::Reading::in_blocks(&path.display().to_string(), piece);
    // An error in the text is only the checklist's once all of it is known to be plain: read
    // whole, a file that is not could say something else at another line.
    let mut failed = None;
    loop {
        match blocks.next()? {
            files::Block::Text(block) if reading::needs_whole(&block) => return Ok(None),
            files::Block::Text(block) => {
                if failed.is_none()
                    && let Err(error) = reading.block(&block)
                {
                    failed = Some(error);
                }
            }
            files::Block::NotPlain => return Ok(None),
            files::Block::End => break,
        }
    }
    match failed {
        Some(error) => Err(error),
        None => reading.last("").map(Some),
    }
}

/// Parses decoded text; the decode notices come first among the checklist's notices.
fn parse_text(shown: &str, decoded: files::Decoded, format: Format) -> Result<Checklist> {
    let files::Decoded { text, notices } = decoded;
    match format {
        Format::Markdown => {
            let parsed = reading::whole(shown, &text)?;
            // The text is let go before the steps over the whole tree: a long checklist's text
            // was a sixth of the memory at its peak.
            drop(text);
            finish_markdown(parsed, notices)
        }
        Format::Yaml => {
            let mut checklist = yaml::parse(shown, &text)?;
            ids::assign(&mut checklist).map_err(|e| e.with_source(&text))?;
            check_restatements(&checklist, &text)?;
            checklist.line_widths = line_widths(&text);
            Ok(finish(checklist, notices))
        }
    }
}

/// The steps after a Markdown checklist's text is read: weights, ids, links.
fn finish_markdown(parsed: markdown::Parsed, notices: Vec<Notice>) -> Result<Checklist> {
    let mut checklist = parsed.checklist;
    let weighted = weights::apply(&mut checklist.root, parsed.weight_tables);
    // A Markdown checklist writes no ids, so none can be taken twice.
    ids::assign(&mut checklist)?;
    if let Some((rows, matched)) = weighted {
        checklist.weight_table = weights::table(&checklist.root, rows, &matched);
    }
    link_overviews(&mut checklist);
    link_restatements(&mut checklist);
    Ok(finish(checklist, notices))
}

/// The decode notices first among the checklist's notices, then those of its sign-offs.
fn finish(mut checklist: Checklist, mut notices: Vec<Notice>) -> Checklist {
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
    checklist
}

/// Each line's width in characters, for the columns reports point at.
fn line_widths(text: &str) -> LineWidths {
    // Made at its size (a line more than there are breaks), not grown line by line.
    let mut widths = LineWidths::default();
    widths.reserve(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    for line in text.lines() {
        widths.push(line_width(line));
    }
    widths
}

/// A line's width in characters, for the columns reports point at.
fn line_width(line: &str) -> u32 {
    u32::try_from(line.chars().count()).unwrap_or(u32::MAX)
}

/// Links each item of a priority group ("Must Have: - [ ] DR drill successful") to the items
/// elsewhere that it restates, by text: the same words, or the group's words opening the
/// other item's title (`On-call rotation` → `On-call rotation established`).
fn link_restatements(checklist: &mut Checklist) {
    // What the group items ask for: their words. Only those keys are indexed, so a checklist
    // without priority groups pays nothing and a large one keeps no index of every item.
    let queries: HashSet<Vec<String>> = checklist
        .items()
        .filter(|i| i.priority.is_some() && i.restates().is_empty())
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
                    list.push((place, item.id.to_string()));
                }
            }
        }
        if let Some(key) = queries.get(words.as_slice()) {
            let list = exact.entry(key.as_slice()).or_default();
            if list.len() < MAX_RESTATED {
                list.push((place, item.id.to_string()));
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
        if item.priority.is_none() || !item.restates().is_empty() {
            return;
        }
        if let Some(ids) = links.get(&files::lowercase_words(&item.title)) {
            item.change_extra(|e| e.restates = ids.as_slice().into());
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
                                *id != section.id && !id.starts_with(section.id.as_str())
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
                        sections[place]
                            .all_items()
                            .map(|i| i.id.to_string())
                            .collect()
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
                item.change_extra(|e| e.restates = restates.into());
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
    let ids: HashSet<&ItemId> = checklist.items().map(|i| &i.id).collect();
    for item in checklist.items() {
        if let Some(missing) = item
            .restates()
            .iter()
            .find(|r| !ids.contains(&ItemId::from(r.as_str())))
        {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What reading `text` from a file gives, in blocks of `block` bytes (`None` when it is read
    /// whole), and what reading it whole gives, each as the checklist or the error's whole text
    /// (its source line included).
    fn both(text: &[u8], block: usize, piece: usize) -> (Option<String>, String) {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("c.md");
        std::fs::write(&path, text).expect("write");
        let shown = path.display().to_string();
        let show = |read: Result<Checklist>| match read {
            Ok(checklist) => format!("{checklist:?}"),
            Err(error) => format!("{error} {:?}", error.location()),
        };
        let in_blocks = read_markdown_in_blocks(&path, block, piece)
            .transpose()
            .map(|read| show(read.and_then(|parsed| finish_markdown(parsed, Vec::new()))));
        (in_blocks, show(parse(&shown, text, Format::Markdown)))
    }

    /// Checklists whose pieces, front matter, claims, errors and last lines a reading in
    /// blocks could get wrong.
    const TEXTS: [&str; 6] = [
        "---\nready:\n  threshold: 80\n---\n# Launch\n\n**Overall: 90%**\n\n## 1. Area\n\n\
         - [x] one\n  - [ ] sub\n\n<!-- ready-lint-disable-next-line claims -->\n\n\
         ## 2. Empty\n\n## 3. Code\n\n```\n\n# not a heading\n- [x] not an item\n```\n\n\
         ## 4. Weights\n\n| Area | Weight |\n|---|---|\n| Area | 60% |\n| Code | 40% |\n\n\
         # Sign-off\n\n- [ ] CTO\n- [x] QA",
        "# A\n\n- [ ] one\n\n# B\n\n- [x] two ✅ — done\n",
        "- [x] loose\n\n## H\n\n> - [ ] quoted\n>\n> # quoted heading\n\n# After\n- [ ] x\n",
        // A block pulldown-cmark reads to the end of a piece that the scanner thinks ended.
        "# A\n\n<div>\n\n# inside html\n\n</div>\n\n# B\n\n- [ ] y\n",
        // An error on a late line, which names that line and shows it.
        "# A\n\n- [ ] a\n\n# Later\n\n---\nready:\n  treshold: 1\n---\n",
        "",
    ];

    #[test]
    fn a_checklist_read_in_blocks_is_the_checklist_read_whole() {
        let many = format!(
            "# A\n\n{}\n# B\n- b\n",
            "- [ ] a\n".repeat(markdown::MAX_LIST_ITEMS)
        );
        for text in TEXTS.iter().copied().chain([many.as_str()]) {
            for (block, piece) in [1, 2, 7, 64, 1 << 20]
                .into_iter()
                .flat_map(|b| [(b, 1), (b, 40), (b, reading::PIECE)])
            {
                let (in_blocks, whole) = both(text.as_bytes(), block, piece);
                assert_eq!(
                    in_blocks.as_deref(),
                    Some(whole.as_str()),
                    "{block} {piece}: {text}"
                );
            }
        }
        let (_, error) = both(TEXTS[4].as_bytes(), 3, 1);
        assert!(
            error.contains("c.md:9:3:") && error.contains("treshold: 1"),
            "{error}"
        );
    }

    #[test]
    fn what_the_whole_text_decides_is_read_whole() {
        for text in [
            // Decoding changes the text.
            &b"# A\r\n\r\n- [x] one\r\n"[..],
            "# A\n\n- [x] ‚úÖ one\n".as_bytes(),
            b"# A\n\n- [x] bad \xE2\x9C\n",
            // A definition other pieces refer to, and a badge that sets every badge's scale.
            b"# A\n\n- [x] [docs][d]\n\n# B\n\n[d]: https://example.com\n",
            b"# A\n\n- [ ] ![High](h.svg) one\n\n# B\n\n- [ ] ![CRITICAL](c.svg) two\n",
        ] {
            for block in [1, 8, 1 << 20] {
                let (in_blocks, whole) = both(text, block, 1);
                assert_eq!(in_blocks, None, "{block}: {whole}");
            }
        }
    }
}
