//! An evidence bundle (`ready check --record DIR`): every probe result of a run, which items
//! each spoke for, and the digests of the inputs it was measured against, so the verdict can be
//! re-evaluated offline (`--replay DIR`) and is refused against changed inputs.

use crate::model::Evidence;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Recording {
    /// When the probes ran (RFC 3339, UTC).
    pub(crate) recorded_at: String,
    /// The `ready` version that recorded it.
    pub(crate) version: String,
    /// `sha256:` digests of each checklist and probe file, by path as named.
    pub(crate) checklists: Vec<(String, String)>,
    pub(crate) probe_files: Vec<(String, String)>,
    /// The digest of `ready.yaml`'s policy and the command-line policy flags.
    pub(crate) policy: String,
    /// Every probe result, in plan order, with only the fields every report shows: outcome,
    /// attempts, duration, the redacted message and the masked target.
    pub(crate) probes: Vec<Evidence>,
    /// Which probes spoke for which item: (checklist path, item id, probe ids in plan order).
    pub(crate) bindings: Vec<(String, String, Vec<String>)>,
}
