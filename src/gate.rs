//! Evaluation: plain synchronous code over model values. It scores the categories, applies the
//! go/no-go rules and the waivers, decides the verdict and collects the warnings, all into one
//! [`Assessment`] that every report reads without recomputing anything.

mod assessment;
pub(crate) mod diff;
pub(crate) mod fleet;
pub(crate) mod lint;
mod policy;
pub(crate) mod ratchet;
mod score;
mod verdict;
mod waiver;
mod warnings;

pub(crate) use assessment::{
    Alone, Assessment, Counted, CountedIn, ProbeCounts, Settings, Summary, assess, assess_or_return,
};
pub(crate) use lint::Params as LintParams;
pub(crate) use policy::{Blocker, Rule, Target};
pub(crate) use score::{Category, Places};
pub(crate) use verdict::Verdict;
pub(crate) use waiver::{WaiverState, WaiverUse, names as waiver_names};
