//! Every section and item gets a stable id: the section number where the author wrote one
//! (`2.2`), otherwise a slug of the title under its parent; items are `section/n`, nested items
//! `section/n.m`. Ids the author wrote (YAML) are kept and must be unique. Ids are what reports,
//! waivers, probe bindings and diffs name an item by, so the same file always gets the same ids.

use std::fmt::Write as _;
use std::hash::BuildHasher as _;

use hashbrown::HashTable;

use crate::error::{Error, Location, Result};
use crate::files;
use crate::hash::HashMap;
use crate::model::{Checklist, Item, ItemId, Section, SectionId};

/// Gives every section and item of `checklist` without one an id. An id written twice is an
/// error at its second line; the caller, which holds the text, adds the line's snippet.
pub(super) fn assign(checklist: &mut Checklist) -> Result<()> {
    assign_looking_up(checklist, false)
}

/// [`assign`], looking every id up when `every` (what the tests compare the short way with).
fn assign_looking_up(checklist: &mut Checklist, every: bool) -> Result<()> {
    let mut ids = Ids {
        taken: Taken::default(),
        next_suffix: HashMap::default(),
        path: checklist.path.clone(),
        sectioned_items_unique: false,
    };
    // Author-written ids first, so generated ones steer around them.
    let (mut count, mut sectioned, mut authored) = (0usize, 0usize, false);
    let mut slash_numbers = false;
    for section in checklist.root.iter().flat_map(Section::walk_sections) {
        count += 1;
        slash_numbers |= section.number.as_deref().is_some_and(|n| n.contains('/'));
        if !section.id.is_empty() {
            authored = true;
            ids.claim(&section.id, section.span.line)?;
        }
        for item in section.items.iter().flat_map(Item::walk) {
            sectioned += 1;
            if !item.id.is_empty() {
                authored = true;
                ids.claim(&item.id.as_str(), item.span.line)?;
            }
        }
    }
    for item in checklist.loose_items.iter().flat_map(Item::walk) {
        count += 1;
        if !item.id.is_empty() {
            authored = true;
            ids.claim(&item.id.as_str(), item.span.line)?;
        }
    }
    // When every id is made here and no section number holds a `/` (a Markdown number is
    // digits and dots), no section's id and no id of an item before the first heading holds a
    // `/` (slugs are words and dashes), while the id of an item under a section is that
    // section's id, which is unique, a `/` and the item's place in its lists: it can meet no
    // other id, so it is not looked up (a long checklist's hundred thousand look-ups were a
    // thirtieth of its run). A fuzz target holds every checklist's ids to being unique.
    ids.sectioned_items_unique = !every && !authored && !slash_numbers;
    if !ids.sectioned_items_unique {
        count += sectioned;
    }
    // Room for every id looked up at once: growing the table would hash each id again.
    ids.taken.reserve(count);
    ids.items(&mut checklist.loose_items, None, "", false);
    // A lone top heading is the document's title: its sections are not namespaced under it.
    let titled = matches!(checklist.root.as_slice(), [only] if only.level == 1);
    for section in &mut checklist.root {
        ids.section(section, None, titled);
    }
    Ok(())
}

struct Ids {
    taken: Taken,
    next_suffix: HashMap<String, usize>,
    path: String,
    /// The ids of items under a section need no look-up (see [`assign_looking_up`]).
    sectioned_items_unique: bool,
}

impl Ids {
    fn claim(&mut self, id: &str, line: u32) -> Result<()> {
        if !self.taken.insert(id) {
            return Err(Error::invalid(
                Location::new(&self.path, line),
                format!("duplicate id \"{id}\"; expected every section and item id to be unique"),
            ));
        }
        Ok(())
    }

    /// `base`, or `base-2`, `base-3` … when taken. The next suffix to try is remembered per
    /// base, so a thousand headings with the same title cost linear time, not quadratic; only
    /// bases that were taken are remembered.
    fn fresh(&mut self, base: String) -> String {
        if self.taken.insert(&base) {
            return base;
        }
        let mut n = self.next_suffix.get(&base).copied().unwrap_or(2);
        let mut id = format!("{base}-{n}");
        while self.taken.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.next_suffix.insert(base, n + 1);
        self.taken.insert(&id);
        id
    }

    fn section(&mut self, section: &mut Section, parent: Option<&str>, is_title: bool) {
        if section.id.is_empty() {
            let base = match (&section.number, parent) {
                (Some(number), _) => number.to_string(),
                (None, Some(parent)) => format!("{parent}.{}", slug(&section.title)),
                (None, None) => slug(&section.title),
            };
            section.id = self.fresh(base).into();
        }
        self.items(&mut section.items, Some(&section.id), "/", true);
        let namespace = (!is_title).then_some(section.id.as_str());
        for child in &mut section.sections {
            self.section(child, namespace, false);
        }
    }

    /// Ids for `items` and their children: the id of the `section` they are under, `place` and
    /// each one's number. `sectioned` when they are under a section, not before the first
    /// heading. Items whose ids need no look-up share their section's id (see [`ItemId`]).
    fn items(
        &mut self,
        items: &mut [Item],
        section: Option<&SectionId>,
        place: &str,
        sectioned: bool,
    ) {
        let unique = self.sectioned_items_unique && sectioned;
        let mut tail = String::with_capacity(place.len() + 4);
        for (n, item) in items.iter_mut().enumerate() {
            tail.clear();
            tail.push_str(place);
            let _ = write!(tail, "{}", n + 1);
            let made = item.id.is_empty();
            if made {
                item.id = match section {
                    Some(section) if unique => ItemId::under(section, &tail),
                    _ => {
                        let id = [section.map_or("", SectionId::as_str), &tail].concat();
                        ItemId::from(if unique { id } else { self.fresh(id) })
                    }
                };
            }
            if !item.children.is_empty() {
                if made && unique {
                    tail.push('.');
                    self.items(&mut item.children, section, &tail, sectioned);
                } else {
                    let place = joined(&item.id.as_str(), '.');
                    self.items(&mut item.children, None, &place, sectioned);
                }
            }
        }
    }
}

/// `id` and then `separator`, allocated once at its final size.
fn joined(id: &str, separator: char) -> String {
    let mut prefix = String::with_capacity(id.len() + 1);
    prefix.push_str(id);
    prefix.push(separator);
    prefix
}

fn slug(title: &str) -> String {
    let words = files::lowercase_words(title);
    let slug = words.join("-");
    if slug.is_empty() {
        "section".to_owned()
    } else {
        slug
    }
}

/// The ids given so far, their text kept end to end in one string: a set of owned copies made
/// a second allocation for each of a long checklist's hundred thousand ids, and freeing them
/// all was a fiftieth of its run.
#[derive(Default)]
struct Taken {
    text: String,
    /// Where each id lies in `text`: start and end.
    table: HashTable<(usize, usize)>,
    hasher: foldhash::fast::RandomState,
}

impl Taken {
    fn reserve(&mut self, count: usize) {
        let (text, hasher) = (&self.text, &self.hasher);
        self.table
            .reserve(count.saturating_sub(self.table.len()), |&(start, end)| {
                hasher.hash_one(&text[start..end])
            });
    }

    fn contains(&self, id: &str) -> bool {
        self.holds(self.hasher.hash_one(id), id)
    }

    /// Whether `id`, whose hash is `hash`, is taken.
    fn holds(&self, hash: u64, id: &str) -> bool {
        self.table
            .find(hash, |&(start, end)| &self.text[start..end] == id)
            .is_some()
    }

    /// Takes `id`; false when it was taken already.
    fn insert(&mut self, id: &str) -> bool {
        let hash = self.hasher.hash_one(id);
        if self.holds(hash, id) {
            return false;
        }
        let start = self.text.len();
        self.text.push_str(id);
        let (text, hasher) = (&self.text, &self.hasher);
        self.table
            .insert_unique(hash, (start, text.len()), |&(start, end)| {
                hasher.hash_one(&text[start..end])
            });
        true
    }
}

#[cfg(test)]
mod tests {
    use super::{Taken, assign_looking_up};
    use crate::files::Format;
    use crate::hash::HashSet;
    use crate::model::{Checklist, Item, ItemId, Section, SectionId};

    fn ids(checklist: &Checklist) -> Vec<String> {
        let sections = checklist.sections().map(|s| s.id.to_string());
        sections
            .chain(checklist.items().map(|i| i.id.to_string()))
            .collect()
    }

    fn clear(items: &mut [Item]) {
        for item in items {
            item.id = ItemId::default();
            clear(&mut item.children);
        }
    }

    fn clear_sections(sections: &mut [Section]) {
        for section in sections {
            section.id = SectionId::default();
            clear(&mut section.items);
            clear_sections(&mut section.sections);
        }
    }

    /// Ids made the short way (items under a section not looked up) are the ids made by
    /// looking every one up, and unique, on documents whose numbers, slugs and items before the
    /// first heading come close to one another.
    #[test]
    fn items_under_sections_need_no_look_up() {
        let documents = [
            "- [ ] a\n  - [ ] b\n    - [ ] c\n- [ ] d\n# 1\n- [ ] e\n## 1.1\n- [ ] f\n  - [ ] g\n# 1.1\n- [ ] h\n",
            "- [ ] a\n## 1. One\n- [ ] b\n## 1.1 One\n- [ ] c\n## 1 1\n- [ ] d\n### 1\n- [ ] e\n",
            "# Notes\n- [ ] a\n# Notes\n- [ ] b\n# notes\n- [ ] c\n# Notes-2\n- [ ] d\n# Notes 2\n- [ ] e\n",
            "# Title\n## A/B\n- [ ] a\n## A B\n- [ ] b\n## 1/2 x\n- [ ] c\n### A/B\n- [ ] d\n  - [ ] e\n",
            "- [ ] x\n# Release\n## Build\n- [ ] a\n## Build\n### Build\n- [ ] b\n## Build.build\n- [ ] c\n",
        ];
        for document in documents {
            let short = crate::checklist::parse("t.md", document.as_bytes(), Format::Markdown)
                .expect("parsed");
            let mut long = short.clone();
            clear(&mut long.loose_items);
            clear_sections(&mut long.root);
            assign_looking_up(&mut long, true).expect("assigned");
            assert_eq!(ids(&short), ids(&long), "{document}");
            let all = ids(&short);
            let unique: HashSet<&String> = all.iter().collect();
            assert_eq!(unique.len(), all.len(), "{all:?}");
        }
        // The YAML reader keeps a section's number as written: `s` holds item `s/1`, and a
        // section numbered `s/1` must then step around it.
        let mut yaml =
            crate::checklist::parse("t.md", b"# A\n- [ ] a\n# B\n- [ ] b\n", Format::Markdown)
                .expect("parsed");
        clear(&mut yaml.loose_items);
        clear_sections(&mut yaml.root);
        yaml.root[0].number = Some("s".into());
        yaml.root[1].number = Some("s/1".into());
        assign_looking_up(&mut yaml, false).expect("assigned");
        assert_eq!(ids(&yaml), ["s", "s/1-2", "s/1", "s/1-2/1"]);
    }

    /// An item deep enough that the rest of its id no longer fits beside its section's shared
    /// id is given its id whole, with the same text.
    #[test]
    fn deep_items_have_the_ids_of_their_places() {
        let mut document = String::from("# Launch\n## Area\n");
        for n in 1..=12 {
            document.push_str(&format!("- [ ] item {n}\n"));
        }
        for depth in 1..=4 {
            document.push_str(&format!("{}- [ ] deeper {depth}\n", "  ".repeat(depth)));
        }
        let checklist =
            crate::checklist::parse("t.md", document.as_bytes(), Format::Markdown).expect("parsed");
        let all = ids(&checklist);
        assert_eq!(
            all[all.len() - 5..],
            [
                "area/12",
                "area/12.1",
                "area/12.1.1",
                "area/12.1.1.1",
                "area/12.1.1.1.1"
            ]
        );
        let deepest = checklist.items().last().expect("items");
        assert_eq!(deepest.id, ItemId::from("area/12.1.1.1.1"));
    }

    #[test]
    fn taken_ids_are_found_by_their_text_alone() {
        let mut taken = Taken::default();
        taken.reserve(4);
        // Enough ids to grow the table past what was reserved, with shared prefixes and
        // lengths, so a look-up that compared hashes or positions only would be caught.
        for n in 0..5_000 {
            assert!(taken.insert(&format!("2.1/{n}")), "2.1/{n} was new");
            assert!(taken.insert(&format!("2.1/{n}.1")), "2.1/{n}.1 was new");
        }
        for n in 0..5_000 {
            assert!(!taken.insert(&format!("2.1/{n}")), "2.1/{n} was taken");
            assert!(taken.contains(&format!("2.1/{n}.1")));
            assert!(!taken.contains(&format!("2.1/{n}.2")));
        }
        assert!(!taken.contains("2.1/"));
        assert!(!taken.contains(""));
        assert!(taken.insert(""));
        assert!(!taken.insert(""));
        assert_eq!(taken.table.len(), 10_001);
    }
}
