//! `ready_gate`: turn a production-readiness checklist into a gate.
//!
//! The pipeline is plain and synchronous: [`inputs`] finds the files, [`checklist`] reads
//! Markdown or YAML into the shared [`model`], [`score`] weighs the categories, [`policy`]
//! decides GO or NO-GO with its blockers, and a [`report`] renders the resulting
//! [`assessment::Assessment`]. The `ready` binary is a thin shell over these modules.

pub mod assessment;
pub mod atomic_write;
pub mod checklist;
pub mod config;
pub mod context;
pub mod error;
pub mod exit_code;
pub mod init;
pub mod inputs;
pub mod ledger;
pub mod model;
pub mod policy;
pub mod probe;
pub mod report;
pub mod score;
pub mod suggest;
pub mod waiver;
pub mod warnings;
mod yaml;

pub use assessment::{Assessment, assess};
pub use error::{Error, Result};
