//! The process exit codes: a public interface that CI jobs branch on, so they live in one place
//! and never change meaning. They follow the grep/diff convention every shell user knows.

/// The release may go: the score meets the threshold and nothing blocks it.
pub const GO: i32 = 0;
/// The checklist was evaluated and something blocks the release.
pub const NO_GO: i32 = 1;
/// The checklist could not be evaluated: usage, config or input error.
pub const ERROR: i32 = 2;
