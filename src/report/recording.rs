//! The evidence bundle's file, `evidence.json`: a stable, documented format (see docs/ci.md,
//! "Record and replay"). Only the fields every report already shows are written — outcome,
//! attempts, duration, the redacted message, the masked target — never a response body, a
//! request header, a URL credential or a secret query value.

use std::io;

use serde::Serialize;

use crate::model::Recording;

#[derive(Serialize)]
struct File<'a> {
    format: u32,
    recorded_at: &'a str,
    ready_version: &'a str,
    digests: Digests<'a>,
    probes: Vec<Probe<'a>>,
    bindings: Vec<Binding<'a>>,
}

#[derive(Serialize)]
struct Digests<'a> {
    checklists: Vec<Named<'a>>,
    probe_files: Vec<Named<'a>>,
    policy: &'a str,
}

#[derive(Serialize)]
struct Named<'a> {
    path: &'a str,
    digest: &'a str,
}

#[derive(Serialize)]
struct Probe<'a> {
    id: &'a str,
    kind: &'a str,
    target: &'a str,
    outcome: &'static str,
    attempts: u32,
    duration_ms: u64,
    message: &'a str,
    file: &'a str,
    line: u32,
}

#[derive(Serialize)]
struct Binding<'a> {
    checklist: &'a str,
    item: &'a str,
    probes: &'a [String],
}

/// The version of the bundle format; a reader refuses others.
pub(crate) const FORMAT: u32 = 1;

pub(crate) fn write(recording: &Recording, out: &mut dyn io::Write) -> io::Result<()> {
    let file = File {
        format: FORMAT,
        recorded_at: &recording.recorded_at,
        ready_version: &recording.version,
        digests: Digests {
            checklists: recording
                .checklists
                .iter()
                .map(|(path, digest)| Named { path, digest })
                .collect(),
            probe_files: recording
                .probe_files
                .iter()
                .map(|(path, digest)| Named { path, digest })
                .collect(),
            policy: &recording.policy,
        },
        probes: recording
            .probes
            .iter()
            .map(|e| Probe {
                id: &e.id,
                kind: &e.kind,
                target: &e.target,
                outcome: e.outcome.label(),
                attempts: e.attempts,
                duration_ms: e.duration_ms,
                message: &e.message,
                file: &e.span.file,
                line: e.span.line,
            })
            .collect(),
        bindings: recording
            .bindings
            .iter()
            .map(|(checklist, item, probes)| Binding {
                checklist,
                item,
                probes,
            })
            .collect(),
    };
    crate::report::write_json(&file, out)
}
