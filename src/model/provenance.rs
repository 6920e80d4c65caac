//! What a report says about its own run: when it was made, from which commit, and the labels
//! the project gave itself in `ready.yaml` (`service`, `owner`, `release`, …). A fleet of
//! reports from hundreds of CI jobs is told apart, grouped and dated by these alone.

use std::collections::BTreeMap;

/// Label name → value, sorted so every report writes them in one order.
pub(crate) type Labels = BTreeMap<String, String>;

/// Labels `ready` itself puts on its metrics; a project label of the same name would make two
/// series indistinguishable, so it is refused where it is written.
pub(crate) const RESERVED_LABELS: &[&str] = &[
    "checklist",
    "category",
    "verdict",
    "state",
    "probe",
    "kind",
    "item",
    "job",
    "instance",
];

/// Why `name` cannot be a label, if it cannot: labels become Prometheus label names, whose
/// grammar is `[a-zA-Z_][a-zA-Z0-9_]*` with `__` kept for Prometheus' own.
pub(crate) fn label_name_problem(name: &str) -> Option<String> {
    let mut chars = name.chars();
    let well_formed = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !well_formed {
        Some("a label name is letters, digits and underscores, not starting with a digit".into())
    } else if name.starts_with("__") {
        Some("names starting with __ are kept for Prometheus".into())
    } else if RESERVED_LABELS.contains(&name) {
        Some(format!(
            "ready's own metrics use {name:?}; reserved: {}",
            RESERVED_LABELS.join(", ")
        ))
    } else {
        None
    }
}

/// A moment as every report writes it: RFC 3339 in UTC to the second, which sorts as text.
pub(crate) fn utc_seconds(t: jiff::Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The run behind an assessment.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Provenance {
    /// When the run judged; absent only in assessments made inside other commands.
    pub(crate) generated_at: Option<jiff::Timestamp>,
    /// The commit checked out (CI's `GITHUB_SHA`, else `git rev-parse HEAD`), when known.
    pub(crate) commit: Option<String>,
    pub(crate) labels: Labels,
    /// What the run read, by digest: for attestations (only computed when one is written).
    pub(crate) digests: Option<InputDigests>,
}

/// The digests (`sha256:…` of the bytes) of what a run reads, for evidence bundles and
/// attestations: path as named, digest.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct InputDigests {
    pub(crate) checklists: Vec<(String, String)>,
    pub(crate) probe_files: Vec<(String, String)>,
    /// `ready.yaml`, when the run read one.
    pub(crate) config: Option<(String, String)>,
    /// The policy in force (`ready.yaml`'s and the flags'), as JSON.
    pub(crate) policy: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_names_follow_prometheus_and_keep_ours_free() {
        for good in ["service", "owner", "team_2", "_tier"] {
            assert_eq!(label_name_problem(good), None, "{good}");
        }
        for bad in ["", "2fa", "owner-team", "__name", "checklist", "sérvice"] {
            assert!(label_name_problem(bad).is_some(), "{bad:?}");
        }
    }
}
