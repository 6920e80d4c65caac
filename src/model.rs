//! The shared vocabulary: the criteria tree every reader produces and every later stage reads,
//! the evidence probes attach to it, sign-offs, policy settings and waiver data.
//!
//! The model knows no file format beyond the words a checklist author writes (priorities, tags,
//! status emoji), and nothing of evaluation or reports: the gate and the reporters read it, the
//! readers fill it, and nothing here reaches back up to them.

mod baseline;
mod claims;
mod criteria;
mod evidence;
mod fleet;
mod history;
mod ids;
mod line_widths;
mod lint;
mod number;
mod provenance;
mod recording;
mod settings;
mod signoff;
mod suggest;
mod waiver;

pub(crate) use crate::files::{FileName, Notice, Span};
pub(crate) use baseline::{Baseline, BaselineItem};
pub(crate) use claims::{
    Claim, ClaimKind, Comparison, DateKind, Suppression, TextLine, WeightTable, WeightTableRow,
};
pub(crate) use criteria::{
    Checklist, DeclaredScore, DeclaredStatus, Extra, Item, Mark, Phase, Priority, Section,
    StatedRule, Statement, Status, Tag, TaskCount,
};
pub(crate) use evidence::{Evidence, Outcome};
pub(crate) use fleet::{PreviousService, ServiceReport};
pub(crate) use history::{HistoryCategory, HistoryEntry};
pub(crate) use ids::{ItemId, SectionId};
pub(crate) use line_widths::LineWidths;
pub(crate) use lint::{LintConfig, RuleSetting, Severity};
pub(crate) use number::format_count;
pub(crate) use provenance::{InputDigests, Labels, Provenance, label_name_problem, utc_seconds};
pub(crate) use recording::Recording;
#[cfg(test)]
pub(crate) use settings::Minimum;
pub use settings::Mode;
pub(crate) use settings::{Policy, PolicyConfig, RequiredSignoffs, meets};
pub(crate) use signoff::{
    Approval, ApprovalStatus, LEDGER_SUFFIX, SignOff, ledger_path, role_key, same_role,
};
pub(crate) use suggest::did_you_mean;
pub(crate) use waiver::Waiver;
