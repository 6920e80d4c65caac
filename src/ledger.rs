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

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::error::{Error, Location, Result};
use crate::model::{Approval, ApprovalStatus, Checklist, Item, Section};

/// The ledger format version this build reads and writes.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ledger {
    pub version: u32,
    /// The checklist's file name, for a reader who finds the ledger on its own.
    pub checklist: String,
    #[serde(default)]
    pub signoffs: Vec<Entry>,
}

/// One signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub role: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// RFC 3339, UTC, whole seconds.
    pub signed_at: String,
    /// `sha256:` and the hex digest of the scored content at the time of signing.
    pub digest: String,
}

/// The ledger file that belongs to a checklist: `launch.md` → `launch.signoffs.yaml`.
pub fn path_for(checklist: &Path) -> PathBuf {
    let stem = checklist
        .file_stem()
        .map_or_else(|| "checklist".into(), |s| s.to_string_lossy().into_owned());
    checklist.with_file_name(format!("{stem}.signoffs.yaml"))
}

/// Reads a ledger; a missing or empty file is an empty ledger.
pub fn load(path: &Path, checklist_name: &str) -> Result<Ledger> {
    let empty = || Ledger {
        version: VERSION,
        checklist: checklist_name.to_owned(),
        signoffs: Vec::new(),
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(empty()),
        Err(e) => return Err(Error::read(path, e)),
    };
    let shown = path.display().to_string();
    let text = crate::checklist::text::decode(&shown, &bytes)?.text;
    if text.trim().is_empty() {
        return Ok(empty());
    }
    let ledger: Ledger = crate::yaml::from_str(&shown, &text, 1, &text)?;
    if ledger.version != VERSION {
        return Err(Error::invalid(
            Location::new(&shown, 1).with_source(&text),
            format!(
                "ledger version {} is not supported; this ready reads version {VERSION}",
                ledger.version
            ),
        ));
    }
    Ok(ledger)
}

/// The digest of what a sign-off vouches for: every section's heading, weight and priority, and
/// every item's text, box, tags, priority and probe bindings, in order.
pub fn digest(checklist: &Checklist) -> String {
    #[derive(Serialize)]
    struct ScoredItem<'a> {
        id: &'a str,
        text: &'a str,
        checked: bool,
        tags: &'a [crate::model::Tag],
        marks: &'a [crate::model::Mark],
        priority: Option<crate::model::Priority>,
        phase: crate::model::Phase,
        probes: &'a [String],
        children: Vec<ScoredItem<'a>>,
    }
    #[derive(Serialize)]
    struct ScoredSection<'a> {
        id: &'a str,
        heading: String,
        weight: Option<f64>,
        priority: Option<crate::model::Priority>,
        phase: crate::model::Phase,
        items: Vec<ScoredItem<'a>>,
        sections: Vec<ScoredSection<'a>>,
    }
    fn item(i: &Item) -> ScoredItem<'_> {
        ScoredItem {
            id: &i.id,
            text: &i.text,
            checked: i.checked,
            tags: &i.tags,
            marks: &i.marks,
            priority: i.priority,
            phase: i.phase,
            probes: &i.probe_refs,
            children: i.children.iter().map(item).collect(),
        }
    }
    fn section(s: &Section) -> ScoredSection<'_> {
        ScoredSection {
            id: &s.id,
            heading: s.heading(),
            weight: s.weight,
            priority: s.priority,
            phase: s.phase,
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
    let hash = Sha256::digest(&bytes);
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// Roles are the same when they differ only in case and spacing.
pub fn same_role(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

/// Each role's standing: the roles the checklist's sign-off section names, in its order, then
/// any other role the ledger holds.
pub fn approvals(checklist: &Checklist, ledger: &Ledger) -> Vec<Approval> {
    let current = digest(checklist);
    let mut roles: Vec<(String, Option<bool>, Option<crate::model::Span>)> = Vec::new();
    for s in &checklist.signoffs {
        if !roles.iter().any(|(r, _, _)| same_role(r, &s.role)) {
            roles.push((s.role.clone(), Some(s.signed), Some(s.span.clone())));
        }
    }
    for e in &ledger.signoffs {
        if !roles.iter().any(|(r, _, _)| same_role(r, &e.role)) {
            roles.push((e.role.clone(), None, None));
        }
    }
    roles
        .into_iter()
        .map(|(role, declared, span)| {
            let latest = ledger
                .signoffs
                .iter()
                .rev()
                .find(|e| same_role(&e.role, &role));
            let status = match latest {
                None => ApprovalStatus::Pending,
                Some(e) if e.digest == current => ApprovalStatus::Signed,
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

/// Loads the ledger beside `file` and records each role's standing on the checklist.
pub fn attach(checklist: &mut Checklist, file: &Path) -> Result<()> {
    let ledger = load(&path_for(file), &file_name(file))?;
    checklist.approvals = approvals(checklist, &ledger);
    Ok(())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// A signature to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub role: String,
    pub name: String,
    pub note: Option<String>,
}

/// Records a signature for the checklist at `file` and returns the entry written.
///
/// When the checklist names its sign-off roles, the role must be one of them (matched without
/// regard to case, and written as the checklist spells it), so a typo cannot create a role
/// nobody requires.
pub fn sign(
    file: &Path,
    checklist: &Checklist,
    signature: Signature,
    now: jiff::Timestamp,
) -> Result<Entry> {
    for (what, value) in [("--role", &signature.role), ("--name", &signature.name)] {
        if value.trim().is_empty() {
            return Err(Error::Usage(format!("{what} must not be empty")));
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
    let path = path_for(file);
    let _lock = lock(&path)?;
    let mut ledger = load(&path, &file_name(file))?;
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
    crate::atomic_write::write(&path, format!("{header}{text}").as_bytes())?;
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
    let hint = crate::suggest::did_you_mean(role, roles.iter().copied())
        .map(|r| format!(" Did you mean {r:?}?"))
        .unwrap_or_default();
    Err(Error::Usage(format!(
        "{}: no sign-off role {role:?} in this checklist; its roles are: {}.{hint}",
        file.display(),
        roles.join(", ")
    )))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ledger_sits_beside_the_checklist() {
        assert_eq!(
            path_for(Path::new("docs/launch.md")),
            PathBuf::from("docs/launch.signoffs.yaml")
        );
    }

    #[test]
    fn roles_match_loosely() {
        assert!(same_role("QA  Lead", "qa lead"));
        assert!(!same_role("QA Lead", "QA"));
    }
}
