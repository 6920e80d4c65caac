//! The hash maps and sets every module uses: foldhash instead of the standard library's SipHash.
//!
//! Maps keyed by checklist text (ids, titles, word lists) are where a large checklist's time
//! went: SipHash was an eighth of a 10 MB `ready check`. Those keys come from pull requests,
//! so a hasher must still resist inputs built to collide. foldhash seeds every map from a
//! per-process random seed; what it does not resist, an attacker studying a long-running
//! process to recover that seed, cannot happen to a process that reads its inputs once and
//! exits within seconds, and whose hash order no output shows (outputs never depend on
//! iteration order: it already differed from run to run under SipHash).
//!
//! `clippy.toml` refuses the standard library's maps, so this choice is made here only. It sits
//! under every layer, beneath even `context`, since the environment `context` captures is one
//! of these maps.

pub(crate) use foldhash::{HashMap, HashSet};
