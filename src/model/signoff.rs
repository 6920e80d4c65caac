//! Sign-offs: the roles a checklist says must approve a release, and where each stands in the
//! ledger. The checklist reader fills [`SignOff`]; the ledger reader fills [`Approval`]; the gate
//! and the reports only read them, so "signed" means the same everywhere: a current signature in
//! the ledger, never a ticked box alone.

use std::path::{Path, PathBuf};

use crate::files::Span;

/// The ending of a sign-off ledger's file name: `launch.md` → `launch.signoffs.yaml`.
pub(crate) const LEDGER_SUFFIX: &str = ".signoffs.yaml";

/// The ledger file that belongs to a checklist, beside it.
pub(crate) fn ledger_path(checklist: &Path) -> PathBuf {
    let stem = checklist
        .file_stem()
        .map_or_else(|| "checklist".into(), |s| s.to_string_lossy().into_owned());
    checklist.with_file_name(format!("{stem}{LEDGER_SUFFIX}"))
}

/// Roles are the same when they differ only in case and spacing.
pub(crate) fn same_role(a: &str, b: &str) -> bool {
    role_key(a) == role_key(b)
}

/// What two spellings of one role have in common, for indexing roles by it.
pub(crate) fn role_key(role: &str) -> String {
    role.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// One role that must approve the release.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SignOff {
    /// The group heading the role sits under (Technical, Business, Operational).
    pub(crate) group: Option<String>,
    pub(crate) role: String,
    pub(crate) name: Option<String>,
    pub(crate) date: Option<String>,
    pub(crate) signed: bool,
    /// Written as a task box (and so counted among the task boxes).
    pub(crate) checkbox: bool,
    pub(crate) span: Span,
}

/// Where a role stands in the sign-off ledger. The names are part of the JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ApprovalStatus {
    /// Signed in the ledger against the checklist as it is now.
    Signed,
    /// Not signed in the ledger.
    Pending,
    /// Signed, but the checklist's scored content changed afterwards: it does not count.
    Stale,
}

impl ApprovalStatus {
    pub(crate) fn label(self) -> &'static str {
        match self {
            ApprovalStatus::Signed => "signed",
            ApprovalStatus::Pending => "pending",
            ApprovalStatus::Stale => "stale",
        }
    }
}

/// One role's approval: the ledger's latest signature for it, judged against the checklist.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Approval {
    pub(crate) role: String,
    pub(crate) status: ApprovalStatus,
    /// Who signed, when (RFC 3339, UTC) and with what note, from the latest ledger entry.
    pub(crate) name: Option<String>,
    pub(crate) signed_at: Option<String>,
    pub(crate) note: Option<String>,
    /// What the checklist's own sign-off section says for the role (ticked or named), if it
    /// lists the role. Shown beside the ledger, never counted instead of it.
    pub(crate) declared: Option<bool>,
    /// The role's line in the checklist's sign-off section.
    pub(crate) span: Option<Span>,
}

impl Approval {
    /// What the checklist itself says for the role: `signed`, `open`, or `—` when it does not
    /// list the role.
    pub(crate) fn declared_label(&self) -> &'static str {
        match self.declared {
            Some(true) => "signed",
            Some(false) => "open",
            None => "—",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ledger_sits_beside_the_checklist() {
        assert_eq!(
            ledger_path(Path::new("docs/launch.md")),
            PathBuf::from("docs/launch.signoffs.yaml")
        );
    }

    #[test]
    fn roles_match_loosely() {
        assert!(same_role("QA  Lead", "qa lead"));
        assert!(!same_role("QA Lead", "QA"));
    }
}
