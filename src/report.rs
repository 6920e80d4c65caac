//! Reporters: one module per output format behind one trait, picked by [`for_format`].
//!
//! Reporters only read an [`Assessment`]; they never score, decide or touch the file system,
//! so every format tells the same story.

pub mod json;
pub mod probes;
pub mod signoffs;
pub mod table;

use std::io;

use crate::assessment::Assessment;

/// Renders an assessment to a writer.
pub trait Report {
    fn write(&self, assessment: &Assessment, out: &mut dyn io::Write) -> io::Result<()>;
}

/// Output formats for `ready check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

/// How human-facing formats may decorate their output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub color: bool,
}

pub fn for_format(format: Format, style: Style) -> Box<dyn Report> {
    match format {
        Format::Table => Box::new(table::TableReport { style }),
        Format::Json => Box::new(json::JsonReport),
    }
}

/// Rounds to two decimals, so reports do not print float noise such as 94.87179487179488.
pub fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}
