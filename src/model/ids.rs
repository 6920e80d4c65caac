//! The ids of items and sections, the names every report, waiver, probe binding and diff
//! gives them.

use std::borrow::Cow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// The longest id, or end of an id, kept in place.
const TAIL: usize = 7;

/// Most ids are made by the reader: the id of the section an item is under, a `/`, and the
/// item's place in its lists (`2.2/5`, `2.2/5.1`). Written out whole, each was a string of its
/// own: a long checklist has a million items under a hundred thousand sections, and its ids were
/// a sixth of its heap at the peak (more where section ids are slugs of long titles). Here the
/// items of a section share the section's own id as their head, and keep the rest (`/5.1`), the
/// tail, in the id itself; an id of at most seven bytes is all tail and needs no allocation.
/// An id the author wrote, or one whose tail is too long to keep in place, is all head.
///
/// Sixteen bytes, as the boxed string it replaces. Equal, hashed and shown by its text alone,
/// however it is split.
#[derive(Clone, Default)]
pub(crate) struct ItemId {
    head: Option<Arc<Box<str>>>,
    tail: Tail,
}

/// Up to [`TAIL`] bytes of text in place, and their length.
#[derive(Clone, Copy, Default)]
struct Tail {
    bytes: [u8; TAIL],
    len: u8,
}

impl Tail {
    /// `text` in place, or `None` when it is too long.
    fn new(text: &str) -> Option<Tail> {
        let mut tail = Tail::default();
        tail.bytes
            .get_mut(..text.len())?
            .copy_from_slice(text.as_bytes());
        tail.len = text.len() as u8;
        Some(tail)
    }

    fn as_str(&self) -> &str {
        // Only ever filled from a whole `&str` (`Tail::new`).
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

/// A section's id, shared by the ids of its items (their head, see [`ItemId`]) and by the
/// category the section is: one pointer, or none while it is empty.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct SectionId(Option<Arc<Box<str>>>);

impl Deref for SectionId {
    type Target = str;
    fn deref(&self) -> &str {
        self.0.as_deref().map_or("", |id| id)
    }
}

impl SectionId {
    pub(crate) fn as_str(&self) -> &str {
        self
    }
}

impl From<String> for SectionId {
    fn from(id: String) -> SectionId {
        SectionId((!id.is_empty()).then(|| Arc::new(id.into_boxed_str())))
    }
}

impl From<&str> for SectionId {
    fn from(id: &str) -> SectionId {
        SectionId::from(id.to_owned())
    }
}

impl PartialEq<str> for SectionId {
    fn eq(&self, other: &str) -> bool {
        **self == *other
    }
}

impl PartialEq<String> for SectionId {
    fn eq(&self, other: &String) -> bool {
        **self == **other
    }
}

impl fmt::Display for SectionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self)
    }
}

impl fmt::Debug for SectionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl serde::Serialize for SectionId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

impl ItemId {
    /// The id of a section's item: `section`'s id followed by `tail`, sharing the section's when
    /// `tail` fits in place.
    pub(crate) fn under(section: &SectionId, tail: &str) -> ItemId {
        match (&section.0, Tail::new(tail)) {
            (Some(head), Some(tail)) => ItemId {
                head: Some(head.clone()),
                tail,
            },
            _ => ItemId::from([&**section, tail].concat()),
        }
    }

    /// The head and the tail; together they are the id.
    fn parts(&self) -> (&str, &str) {
        (self.head.as_deref().map_or("", |h| h), self.tail.as_str())
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub(crate) fn len(&self) -> usize {
        let (head, tail) = self.parts();
        head.len() + tail.len()
    }

    /// The id as one string: borrowed when it is all head or all tail, as every id the author
    /// wrote and every short one is.
    pub(crate) fn as_str(&self) -> Cow<'_, str> {
        match self.parts() {
            (head, "") => Cow::Borrowed(head),
            ("", tail) => Cow::Borrowed(tail),
            (head, tail) => Cow::Owned([head, tail].concat()),
        }
    }

    /// Calls `f` with the id as one string, put together on the stack when it is in two parts
    /// and short, so that looking an id up allocates nothing.
    pub(crate) fn with_str<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        let (head, tail) = match self.parts() {
            (head, "") => return f(head),
            ("", tail) => return f(tail),
            parts => parts,
        };
        let mut buffer = [0u8; 256];
        match buffer.get_mut(..head.len() + tail.len()) {
            Some(joined) => {
                let (first, second) = joined.split_at_mut(head.len());
                first.copy_from_slice(head.as_bytes());
                second.copy_from_slice(tail.as_bytes());
                f(std::str::from_utf8(joined).unwrap_or_default())
            }
            None => f(&[head, tail].concat()),
        }
    }
}

impl From<String> for ItemId {
    fn from(id: String) -> ItemId {
        match Tail::new(&id) {
            Some(tail) => ItemId { head: None, tail },
            None => ItemId {
                head: Some(Arc::new(id.into_boxed_str())),
                tail: Tail::default(),
            },
        }
    }
}

impl From<&str> for ItemId {
    fn from(id: &str) -> ItemId {
        match Tail::new(id) {
            Some(tail) => ItemId { head: None, tail },
            None => ItemId::from(id.to_owned()),
        }
    }
}

impl PartialEq for ItemId {
    fn eq(&self, other: &ItemId) -> bool {
        self.len() == other.len() && other.with_str(|other| self == other)
    }
}

impl Eq for ItemId {}

impl PartialEq<str> for ItemId {
    fn eq(&self, other: &str) -> bool {
        let (head, tail) = self.parts();
        other.len() == head.len() + tail.len() && other.starts_with(head) && other.ends_with(tail)
    }
}

impl PartialEq<ItemId> for str {
    fn eq(&self, other: &ItemId) -> bool {
        other == self
    }
}

/// Hashed as its text is, so that an id hashes alike however it is split.
impl Hash for ItemId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.with_str(|id| id.hash(state));
    }
}

impl PartialOrd for ItemId {
    fn partial_cmp(&self, other: &ItemId) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ItemId {
    fn cmp(&self, other: &ItemId) -> std::cmp::Ordering {
        self.with_str(|id| other.with_str(|other| id.cmp(other)))
    }
}

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (head, tail) = self.parts();
        if f.width().is_some() || f.precision().is_some() {
            return self.with_str(|id| f.pad(id));
        }
        f.write_str(head)?;
        f.write_str(tail)
    }
}

impl fmt::Debug for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.with_str(|id| fmt::Debug::fmt(id, f))
    }
}

impl serde::Serialize for ItemId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.with_str(|id| serializer.serialize_str(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher as _;

    fn splits(text: &str) -> Vec<ItemId> {
        let mut ids = vec![ItemId::from(text), ItemId::from(text.to_owned())];
        for cut in (0..=text.len()).filter(|&cut| text.is_char_boundary(cut)) {
            let (head, tail) = text.split_at(cut);
            ids.push(ItemId::under(&SectionId::from(head), tail));
        }
        ids
    }

    #[test]
    fn an_id_is_its_text_however_it_is_split() {
        let hasher = foldhash::fast::RandomState::default();
        let long = "x".repeat(300);
        for text in [
            "",
            "1",
            "2.2/5",
            "1234567",
            "12345678",
            "sécurité/12.3",
            &long,
        ] {
            for id in splits(text) {
                assert_eq!(id.to_string(), text);
                assert_eq!(id.as_str(), text);
                assert_eq!(format!("{id:?}"), format!("{text:?}"));
                assert_eq!(format!("{id:>5}"), format!("{text:>5}"));
                assert_eq!(id.len(), text.len());
                assert_eq!(id.is_empty(), text.is_empty());
                assert!(id == *text);
                assert!(*text == id);
                assert_eq!(hasher.hash_one(&id), hasher.hash_one(text));
                id.with_str(|s| assert_eq!(s, text));
                for other in splits(text) {
                    assert_eq!(id, other);
                    assert_eq!(id.cmp(&other), std::cmp::Ordering::Equal);
                }
                let longer = format!("{text}1");
                let after = ItemId::from(longer.as_str());
                assert!(id != *longer && id < after);
            }
        }
        assert_ne!(
            ItemId::from("ab/1"),
            ItemId::under(&SectionId::from("ab"), "/2")
        );
        assert_ne!(ItemId::from("ab/1"), *"ac/1");
    }

    #[test]
    fn a_short_id_and_a_shared_head_hold_nothing_apart() {
        assert_eq!(std::mem::size_of::<ItemId>(), 16);
        assert!(ItemId::from("12.3/45").head.is_none());
        let section = SectionId::from("a-long-section-title");
        let ids: Vec<ItemId> = (1..=10)
            .map(|n| ItemId::under(&section, &format!("/{n}")))
            .collect();
        let count = |s: &SectionId| s.0.as_ref().map_or(0, Arc::strong_count);
        assert_eq!(count(&section), 11);
        assert_eq!(ids[9], *"a-long-section-title/10");
        // A tail too long to keep in place makes an id of its own.
        let own = ItemId::under(&section, "/12.34.5");
        assert_eq!(count(&section), 11);
        assert_eq!(own, *"a-long-section-title/12.34.5");
        assert!(SectionId::default().0.is_none() && SectionId::from("").0.is_none());
    }
}
