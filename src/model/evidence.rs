//! What a probe saw, in the vocabulary every stage shares: the probe reader produces it, the
//! criteria tree carries it on items, the gate and every report read it.

use crate::files::Span;

/// How one probe run ended. The names are part of the JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Pass,
    /// The probe ran and what it saw does not hold (status 500, connection refused, stale backup).
    Fail,
    /// The probe could not be carried out (unreadable certificate file, bad response format).
    Error,
    /// The probe, or the whole run, ran out of time.
    Timeout,
    /// Not run: a command probe without `--allow-exec`.
    Skipped,
}

impl Outcome {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::Error => "error",
            Outcome::Timeout => "timeout",
            Outcome::Skipped => "skipped",
        }
    }

    /// How a sentence says it: "probe api-health failed: …".
    pub(crate) fn verb(self) -> &'static str {
        match self {
            Outcome::Pass => "passed",
            Outcome::Fail => "failed",
            Outcome::Error => "could not check",
            Outcome::Timeout => "timed out",
            Outcome::Skipped => "was skipped",
        }
    }

    /// Fail, error and timeout all mean the claim could not be confirmed.
    pub(crate) fn is_failure(self) -> bool {
        matches!(self, Outcome::Fail | Outcome::Error | Outcome::Timeout)
    }
}

/// What one probe saw: the evidence attached to the items it is bound to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Evidence {
    /// The probe's id from its probe file.
    pub(crate) id: String,
    /// The probe kind (`http`, `postgres`, `backup`, …).
    pub(crate) kind: String,
    /// What it checked, with any password replaced by `***`.
    pub(crate) target: String,
    pub(crate) outcome: Outcome,
    /// Attempts made: more than one means retries were needed.
    pub(crate) attempts: u32,
    /// Wall time of all attempts together, in milliseconds.
    pub(crate) duration_ms: u64,
    /// What was seen (status code, latency, days left, age of the newest backup …).
    pub(crate) message: String,
    /// Where the probe is defined.
    pub(crate) span: Span,
}

impl Evidence {
    /// Passed, but only after a retry.
    pub(crate) fn is_flaky(&self) -> bool {
        self.outcome == Outcome::Pass && self.attempts > 1
    }
}
