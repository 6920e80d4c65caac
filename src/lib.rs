//! `ready_gate`: turn a production-readiness checklist into a gate.
//!
//! The library is layered, and each layer only uses those below it:
//!
//! ```text
//! cli ─► workflow ─► report ─► gate ─► model ─► files
//!            └─► readers: checklist, config, ledger, probe, baseline, history ─► model, files
//! ```
//!
//! `files` turns bytes on disk into text; `model` is the vocabulary every stage shares (the
//! criteria tree, evidence, sign-offs, settings, waivers); the readers fill it from checklists,
//! `ready.yaml`, sign-off ledgers, baseline reports, run histories and live probes; `gate` scores it and decides the verdict;
//! `report` renders the assessment; [`workflow`] is one call per command. The `ready` binary
//! only parses arguments, calls a workflow and shows errors. `docs/ARCHITECTURE.md` says where a
//! new probe kind, report format or command goes.

mod baseline;
mod checklist;
mod config;
mod context;
mod error;
mod files;
mod fleet;
mod gate;
mod hash;
mod history;
mod ledger;
mod model;
mod probe;
mod report;
pub mod workflow;

pub use context::{Context, GitHub};
pub use error::{Error, Location, Result};
