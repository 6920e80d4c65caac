//! The process exit codes: a public interface that CI jobs branch on, so they live in one place
//! and never change meaning. They follow the grep/diff convention every shell user knows.

use crate::gate::Verdict;

/// The release may go: the score meets the threshold and nothing blocks it (or only what
/// active waivers set aside).
pub const GO: i32 = 0;
/// The checklist was evaluated and something blocks the release.
pub const NO_GO: i32 = 1;
/// The checklist could not be evaluated: usage, config or input error.
pub const ERROR: i32 = 2;

/// The exit code of a verdict.
pub(crate) fn of(verdict: Verdict) -> i32 {
    match verdict {
        Verdict::Go | Verdict::GoWithWaivers => GO,
        Verdict::NoGo => NO_GO,
    }
}

/// `ready lint`: no finding fails the run (notes and warnings allowed). The same number as GO.
pub const CLEAN: i32 = 0;
/// `ready lint`: at least one error, or a warning with `--deny warnings`. The same as NO-GO.
pub const FINDINGS: i32 = 1;
