//! Lint settings: how serious each finding is, and what `ready.yaml`'s `lint:` section may
//! change. The rules themselves live in `gate::lint`; the config reader fills these values and
//! the gate checks the rule names against its registry.

use serde::Serialize;

use crate::files::Span;

/// How serious a lint finding is. The order is the order of seriousness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    /// The name used in every output, the same as in `ready.yaml`.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// `off` is `None`; anything else that is not a severity is `Err`.
    pub(crate) fn parse_level(text: &str) -> Result<Option<Severity>, ()> {
        match text.trim() {
            "off" => Ok(None),
            "note" => Ok(Some(Severity::Note)),
            "warning" => Ok(Some(Severity::Warning)),
            "error" => Ok(Some(Severity::Error)),
            _ => Err(()),
        }
    }
}

/// `ready.yaml`'s `lint:` section.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct LintConfig {
    /// Severities set per rule, by id or alias, in the order written.
    pub(crate) rules: Vec<RuleSetting>,
    /// How far, in points, a declared score may be from the computed one.
    pub(crate) score_tolerance: Option<f64>,
    /// How old an assessment or "last updated" date may be, in days.
    pub(crate) max_date_age_days: Option<u32>,
}

/// `RL009: off` or `date-passed: error`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RuleSetting {
    pub(crate) name: String,
    /// `None` turns the rule off.
    pub(crate) level: Option<Severity>,
    pub(crate) span: Span,
}
