//! The sign-off ledger: who approved the release, when, and against which content.
//!
//! A ticked "QA Lead" box says nothing about what QA looked at. `ready signoff sign` records
//! each approval in `<checklist stem>.signoffs.yaml` beside the checklist, with a digest of the
//! checklist's scored content (its sections, weights and items, boxes included). When anyone
//! changes that content afterwards, the signature no longer matches and the role shows as
//! **stale**: it does not count until it is signed again. Prose edits, sign-off boxes and
//! probe results do not change the digest.
//!
//! The file is YAML, meant to be committed and reviewed:
//!
//! ```yaml
//! version: 1
//! checklist: payments-api.md
//! signoffs:
//!   - role: SRE Lead
//!     name: Ada Lovelace
//!     note: load test reviewed
//!     signed_at: 2026-11-23T10:04:05Z
//!     digest: sha256:5b0c…
//! ```
//!
//! Entries are only appended; the latest one for a role counts. Writers take an exclusive lock
//! on the ledger and replace it atomically, so concurrent `sign` commands lose nothing and a
//! crash leaves the previous ledger whole.

use crate::hash::{HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};
use crate::files;
use crate::model::{
    Approval, ApprovalStatus, Checklist, Item, ItemId, Mark, Notice, Priority, Section, Span, Tag,
    did_you_mean, ledger_path, role_key, same_role,
};

/// The ledger format version this build reads and writes.
pub(crate) const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Ledger {
    pub(crate) version: u32,
    /// The checklist's file name, for a reader who finds the ledger on its own.
    pub(crate) checklist: String,
    #[serde(default)]
    pub(crate) signoffs: Vec<Entry>,
}

/// One signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Entry {
    pub(crate) role: String,
    pub(crate) name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) note: Option<String>,
    /// RFC 3339, UTC, whole seconds.
    pub(crate) signed_at: String,
    /// `sha256:` and the hex digest of the scored content at the time of signing.
    pub(crate) digest: String,
}

/// Reads a ledger; a missing or empty file is an empty ledger.
/// The notices say what decoding the file changed.
fn load(path: &Path, checklist_name: &str) -> Result<(Ledger, Vec<Notice>)> {
    let empty = || Ledger {
        version: VERSION,
        checklist: checklist_name.to_owned(),
        signoffs: Vec::new(),
    };
    let Some(files::Decoded { text, notices }) =
        files::read_text_if_exists(path, files::Input::Ledger)?
    else {
        return Ok((empty(), Vec::new()));
    };
    let shown = path.display().to_string();
    if text.trim().is_empty() {
        return Ok((empty(), notices));
    }
    let ledger: Ledger = files::yaml_from_str(&shown, &text, 1, &text)?;
    if ledger.version != VERSION {
        return Err(Error::invalid(
            Location::new(&shown, 1).with_source(&text),
            format!(
                "ledger version {} is not supported; this ready reads version {VERSION}",
                ledger.version
            ),
        ));
    }
    Ok((ledger, notices))
}

/// The digest of what a sign-off vouches for: every section's heading, weight and priority, and
/// every item's text, box, tags, priority and probe bindings, in order.
pub(crate) fn digest(checklist: &Checklist) -> String {
    #[derive(Serialize)]
    struct ScoredItem<'a> {
        id: &'a ItemId,
        text: &'a str,
        checked: bool,
        tags: Vec<&'static str>,
        marks: Vec<&'static str>,
        priority: Option<&'static str>,
        phase: &'static str,
        probes: &'a [String],
        children: Vec<ScoredItem<'a>>,
    }
    #[derive(Serialize)]
    struct ScoredSection<'a> {
        id: &'a str,
        heading: String,
        weight: Option<f64>,
        priority: Option<&'static str>,
        phase: &'static str,
        items: Vec<ScoredItem<'a>>,
        sections: Vec<ScoredSection<'a>>,
    }
    fn item(i: &Item) -> ScoredItem<'_> {
        ScoredItem {
            id: &i.id,
            text: i.text(),
            checked: i.checked,
            tags: i.tags.iter().map(|t| Tag::label(*t)).collect(),
            marks: i.marks().iter().map(|m| Mark::label(*m)).collect(),
            priority: i.priority.map(Priority::label),
            phase: i.phase.label(),
            probes: i.probe_refs(),
            children: i.children.iter().map(item).collect(),
        }
    }
    fn section(s: &Section) -> ScoredSection<'_> {
        ScoredSection {
            id: &s.id,
            heading: s.heading(),
            weight: s.weight,
            priority: s.priority.map(Priority::label),
            phase: s.phase.label(),
            items: s.items.iter().map(item).collect(),
            sections: s
                .sections
                .iter()
                .filter(|c| !c.signoff)
                .map(section)
                .collect(),
        }
    }
    let scored = (
        checklist.loose_items.iter().map(item).collect::<Vec<_>>(),
        checklist
            .root
            .iter()
            .filter(|s| !s.signoff)
            .map(section)
            .collect::<Vec<_>>(),
    );
    let bytes = serde_json::to_vec(&scored).unwrap_or_default();
    files::digest(&bytes)
}

/// Each role's standing: the roles the checklist's sign-off section names, in its order, then
/// any other role the ledger holds.
pub(crate) fn approvals(checklist: &Checklist, ledger: &Ledger) -> Vec<Approval> {
    // The digest serializes the whole scored content: only a ledger with signatures needs it.
    let current = (!ledger.signoffs.is_empty()).then(|| digest(checklist));
    // Roles by their key, in order of first mention: linear in roles and entries.
    let mut order: Vec<(String, Option<bool>, Option<Span>)> = Vec::new();
    let mut seen: HashSet<String> = HashSet::default();
    for s in &checklist.signoffs {
        if seen.insert(role_key(&s.role)) {
            order.push((s.role.clone(), Some(s.signed), Some(s.span.clone())));
        }
    }
    for e in &ledger.signoffs {
        if seen.insert(role_key(&e.role)) {
            order.push((e.role.clone(), None, None));
        }
    }
    let mut latest: HashMap<String, &Entry> = HashMap::default();
    for e in &ledger.signoffs {
        latest.insert(role_key(&e.role), e);
    }
    order
        .into_iter()
        .map(|(role, declared, span)| {
            let latest = latest.get(&role_key(&role)).copied();
            let status = match latest {
                None => ApprovalStatus::Pending,
                Some(e) if current.as_ref() == Some(&e.digest) => ApprovalStatus::Signed,
                Some(_) => ApprovalStatus::Stale,
            };
            Approval {
                role,
                status,
                name: latest.map(|e| e.name.clone()),
                signed_at: latest.map(|e| e.signed_at.clone()),
                note: latest.and_then(|e| e.note.clone()),
                declared,
                span,
            }
        })
        .collect()
}

/// Loads the ledger beside `file` and records each role's standing on the checklist. Returns
/// what decoding the ledger changed, for the caller to show.
pub(crate) fn attach(checklist: &mut Checklist, file: &Path) -> Result<Vec<Notice>> {
    let (ledger, notices) = load(&ledger_path(file), &file_name(file))?;
    checklist.approvals = approvals(checklist, &ledger);
    Ok(notices)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// A signature to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Signature {
    pub(crate) role: String,
    pub(crate) name: String,
    pub(crate) note: Option<String>,
}

/// Records a signature for the checklist at `file` and returns the entry written.
///
/// When the checklist names its sign-off roles, the role must be one of them (matched without
/// regard to case, and written as the checklist spells it), so a typo cannot create a role
/// nobody requires.
pub(crate) fn sign(
    file: &Path,
    checklist: &Checklist,
    signature: Signature,
    now: jiff::Timestamp,
) -> Result<Entry> {
    for (flag, value) in [("--role", &signature.role), ("--name", &signature.name)] {
        if value.trim().is_empty() {
            return Err(Error::EmptyArgument { flag });
        }
    }
    let role = canonical_role(file, checklist, &signature.role)?;
    let entry = Entry {
        role,
        name: signature.name.trim().to_owned(),
        note: signature
            .note
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty()),
        signed_at: now
            .round(jiff::Unit::Second)
            .unwrap_or(now)
            .strftime("%Y-%m-%dT%H:%M:%SZ")
            .to_string(),
        digest: digest(checklist),
    };
    let path = ledger_path(file);
    let _lock = lock(&path)?;
    let (mut ledger, _) = load(&path, &file_name(file))?;
    ledger.signoffs.push(entry.clone());
    let text = serde_saphyr::to_string(&ledger).map_err(|e| Error::Write {
        path: path.display().to_string(),
        source: std::io::Error::other(e.to_string()),
    })?;
    let header = format!(
        "# Sign-off ledger for {}, written by `ready signoff sign`. Entries are appended;\n\
         # the latest per role counts, and only while the digest matches the checklist.\n",
        ledger.checklist
    );
    files::write_atomic(&path, format!("{header}{text}").as_bytes())?;
    Ok(entry)
}

fn canonical_role(file: &Path, checklist: &Checklist, role: &str) -> Result<String> {
    let role = role.trim();
    if checklist.signoffs.is_empty() {
        return Ok(role.to_owned());
    }
    if let Some(s) = checklist.signoffs.iter().find(|s| same_role(&s.role, role)) {
        return Ok(s.role.clone());
    }
    let roles: Vec<&str> = checklist.signoffs.iter().map(|s| s.role.as_str()).collect();
    let hint = did_you_mean(role, roles.iter().copied())
        .map(|r| format!(" Did you mean {r:?}?"))
        .unwrap_or_default();
    Err(Error::UnknownRole {
        path: file.display().to_string(),
        role: role.to_owned(),
        roles: roles.join(", "),
        hint,
    })
}

/// An exclusive lock on the ledger, held until the returned file is dropped.
///
/// The lock is on the ledger file itself, so no lock file is left beside it. Because a writer
/// replaces the file by renaming a new one over it, a waiter may wake holding the lock on the
/// old, unlinked file; it then checks that its handle is still the file at `path` and, if not,
/// tries again on the new one.
fn lock(path: &Path) -> Result<File> {
    let fail = |source: std::io::Error| Error::Write {
        path: path.display().to_string(),
        source,
    };
    for _ in 0..1000 {
        let file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(path)
            .map_err(fail)?;
        file.lock().map_err(fail)?;
        if still_at(&file, path).map_err(fail)? {
            return Ok(file);
        }
    }
    Err(fail(std::io::Error::other(
        "the ledger kept changing while waiting for its lock",
    )))
}

#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> std::io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let held = file.metadata()?;
    match std::fs::metadata(path) {
        Ok(now) => Ok(held.ino() == now.ino() && held.dev() == now.dev()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(not(unix))]
fn still_at(_file: &File, _path: &Path) -> std::io::Result<bool> {
    // Windows cannot rename over a file another process holds open, so the handle is current.
    Ok(true)
}
