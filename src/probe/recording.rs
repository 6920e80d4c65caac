//! Reader: an evidence bundle (`ready check --replay DIR`), attached to the checklists in place
//! of a live run. No probe runs and nothing touches the network; a bundle recorded against other
//! checklists or probe files is refused, naming both digests.

use crate::hash::HashMap;
use std::path::Path;
use std::time::Duration;

use serde::Deserialize;

use crate::error::{Error, Location, Result};
use crate::files;
use crate::model::{Checklist, Evidence, Notice, Outcome, Recording, Span};
use crate::probe::Run;

/// The file in a bundle directory.
pub(crate) const BUNDLE_FILE: &str = "evidence.json";
const FORMAT: u32 = 1;

#[derive(Deserialize)]
struct File {
    format: u32,
    recorded_at: String,
    ready_version: String,
    digests: Digests,
    probes: Vec<Probe>,
    bindings: Vec<Binding>,
}

#[derive(Deserialize)]
struct Digests {
    checklists: Vec<Named>,
    probe_files: Vec<Named>,
    policy: String,
}

#[derive(Deserialize)]
struct Named {
    path: String,
    digest: String,
}

#[derive(Deserialize)]
struct Probe {
    id: String,
    kind: String,
    target: String,
    outcome: String,
    attempts: u32,
    duration_ms: u64,
    message: String,
    file: String,
    line: u32,
}

#[derive(Deserialize)]
struct Binding {
    checklist: String,
    item: String,
    probes: Vec<String>,
}

fn outcome(label: &str) -> Option<Outcome> {
    Some(match label {
        "pass" => Outcome::Pass,
        "fail" => Outcome::Fail,
        "error" => Outcome::Error,
        "timeout" => Outcome::Timeout,
        "skipped" => Outcome::Skipped,
        _ => return None,
    })
}

/// Reads a bundle directory.
pub(crate) fn load(dir: &Path) -> Result<Recording> {
    let path = dir.join(BUNDLE_FILE);
    let shown = path.display().to_string();
    let decoded = files::read_text(&path, files::Input::Report)?;
    let at = |line: usize, message: String| {
        Error::invalid(
            Location::new(&shown, u32::try_from(line).unwrap_or(1).max(1))
                .with_source(&decoded.text),
            message,
        )
    };
    let file: File = serde_json::from_str(&decoded.text).map_err(|e| {
        at(
            e.line(),
            format!("{e}; expected an evidence bundle written by `ready check --record`"),
        )
    })?;
    if file.format != FORMAT {
        return Err(at(
            1,
            format!(
                "bundle format {} is not one this ready reads (expected {FORMAT}); record again",
                file.format
            ),
        ));
    }
    let mut probes = Vec::with_capacity(file.probes.len());
    for p in file.probes {
        let Some(result) = outcome(&p.outcome) else {
            return Err(at(
                1,
                format!(
                    "probe {} has outcome {:?}; expected pass, fail, error, timeout or skipped",
                    p.id, p.outcome
                ),
            ));
        };
        probes.push(Evidence {
            id: p.id,
            kind: p.kind,
            target: p.target,
            outcome: result,
            attempts: p.attempts,
            duration_ms: p.duration_ms,
            message: p.message,
            span: Span::new(p.file, p.line),
        });
    }
    let named = |list: Vec<Named>| list.into_iter().map(|n| (n.path, n.digest)).collect();
    Ok(Recording {
        recorded_at: file.recorded_at,
        version: file.ready_version,
        checklists: named(file.digests.checklists),
        probe_files: named(file.digests.probe_files),
        policy: file.digests.policy,
        probes,
        bindings: file
            .bindings
            .into_iter()
            .map(|b| (b.checklist, b.item, b.probes))
            .collect(),
    })
}

/// Refuses a bundle recorded against other inputs: each `(path, digest)` now must be the one
/// recorded, and nothing recorded may be missing.
fn check_digests(
    bundle: &str,
    recorded: &[(String, String)],
    now: &[(String, String)],
) -> Result<()> {
    for (path, digest) in now {
        let was = recorded.iter().find(|(p, _)| p == path).map(|(_, d)| d);
        if was != Some(digest) {
            return Err(Error::EvidenceMismatch {
                path: path.clone(),
                bundle: bundle.to_owned(),
                recorded: was.cloned().unwrap_or_else(|| "not recorded".into()),
                current: digest.clone(),
            });
        }
    }
    for (path, digest) in recorded {
        if !now.iter().any(|(p, _)| p == path) {
            return Err(Error::EvidenceMismatch {
                path: path.clone(),
                bundle: bundle.to_owned(),
                recorded: digest.clone(),
                current: "not given".into(),
            });
        }
    }
    Ok(())
}

/// What the run is replayed against: the digests of its inputs now, and how old evidence may be.
#[derive(Debug)]
pub(crate) struct Replay<'a> {
    pub(crate) dir: &'a Path,
    pub(crate) checklists: Vec<(String, String)>,
    pub(crate) probe_files: Vec<(String, String)>,
    pub(crate) policy: String,
    /// Evidence older than this counts as missing (`--max-evidence-age`).
    pub(crate) max_age: Option<Duration>,
    pub(crate) now: jiff::Timestamp,
}

/// Attaches the recorded evidence to the checklists' items, as the recorded run did.
pub(crate) fn replay(checklists: &mut [Checklist], replay: &Replay<'_>) -> Result<Run> {
    let recording = load(replay.dir)?;
    let bundle = replay.dir.display().to_string();
    check_digests(&bundle, &recording.checklists, &replay.checklists)?;
    check_digests(&bundle, &recording.probe_files, &replay.probe_files)?;
    let mut notices = Vec::new();
    if recording.policy != replay.policy {
        notices.push(Notice::new(
            format!(
                "replayed under a different policy than the one recorded in {bundle} (recorded {}, now {})",
                recording.policy, replay.policy
            ),
            None,
        ));
    }
    let mut results = recording.probes;
    if let Some(max_age) = replay.max_age {
        let recorded: Option<jiff::Timestamp> = recording.recorded_at.parse().ok();
        let age = recorded.map(|t| replay.now.duration_since(t));
        let too_old = age.is_none_or(|a| a.as_secs_f64() > max_age.as_secs_f64());
        if too_old {
            for evidence in &mut results {
                evidence.outcome = Outcome::Skipped;
                evidence.message = format!(
                    "recorded at {}, older than --max-evidence-age {}: counts as missing",
                    recording.recorded_at,
                    humantime::format_duration(max_age)
                );
            }
        }
    }
    let by_id: HashMap<&str, &Evidence> = results.iter().map(|e| (e.id.as_str(), e)).collect();
    let bound: HashMap<(&str, &str), &Vec<String>> = recording
        .bindings
        .iter()
        .map(|(c, i, ids)| ((c.as_str(), i.as_str()), ids))
        .collect();
    for checklist in checklists.iter_mut() {
        let path = checklist.path.clone();
        checklist.for_each_item_mut(|item| {
            if let Some(ids) = item.id.with_str(|id| bound.get(&(&*path, id)).copied()) {
                item.evidence = ids
                    .iter()
                    .filter_map(|id| by_id.get(id.as_str()).map(|e| (*e).clone()))
                    .collect();
            }
        });
    }
    Ok(Run {
        results,
        notices,
        taken_at: recording.recorded_at.parse().ok(),
    })
}
