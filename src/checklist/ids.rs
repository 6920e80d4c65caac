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
use crate::model::{Checklist, Item, Section};

/// Gives every section and item of `checklist` without one an id. An id written twice is an
/// error at its second line; the caller, which holds the text, adds the line's snippet.
pub(super) fn assign(checklist: &mut Checklist) -> Result<()> {
    let mut ids = Ids {
        taken: Taken::default(),
        next_suffix: HashMap::default(),
        path: checklist.path.clone(),
    };
    // Author-written ids first, so generated ones steer around them.
    let mut count: usize = 0;
    for section in checklist.root.iter().flat_map(Section::walk_sections) {
        count += 1;
        if !section.id.is_empty() {
            ids.claim(&section.id, section.span.line)?;
        }
        for item in section.items.iter().flat_map(Item::walk) {
            count += 1;
            if !item.id.is_empty() {
                ids.claim(&item.id, item.span.line)?;
            }
        }
    }
    for item in checklist.loose_items.iter().flat_map(Item::walk) {
        count += 1;
        if !item.id.is_empty() {
            ids.claim(&item.id, item.span.line)?;
        }
    }
    // Room for every id at once: growing the table would hash each id again.
    ids.taken.reserve(count);
    ids.items(&mut checklist.loose_items, "");
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
                (Some(number), _) => number.clone(),
                (None, Some(parent)) => format!("{parent}.{}", slug(&section.title)),
                (None, None) => slug(&section.title),
            };
            section.id = self.fresh(base);
        }
        self.items(&mut section.items, &joined(&section.id, '/'));
        let namespace = (!is_title).then_some(section.id.as_str());
        for child in &mut section.sections {
            self.section(child, namespace, false);
        }
    }

    fn items(&mut self, items: &mut [Item], prefix: &str) {
        for (n, item) in items.iter_mut().enumerate() {
            if item.id.is_empty() {
                let mut id = String::with_capacity(prefix.len() + 4);
                id.push_str(prefix);
                let _ = write!(id, "{}", n + 1);
                item.id = self.fresh(id);
            }
            if !item.children.is_empty() {
                self.items(&mut item.children, &joined(&item.id, '.'));
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
        let hash = self.hasher.hash_one(id);
        self.table
            .find(hash, |&(start, end)| &self.text[start..end] == id)
            .is_some()
    }

    /// Takes `id`; false when it was taken already.
    fn insert(&mut self, id: &str) -> bool {
        let hash = self.hasher.hash_one(id);
        if self
            .table
            .find(hash, |&(start, end)| &self.text[start..end] == id)
            .is_some()
        {
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
    use super::Taken;

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
