//! The criteria tree: the one typed model that the readers produce and that scoring, policy and
//! every reporter read, with the words authors use for priorities, tags and status marks.
//!
//! Markdown and YAML checklists both load into [`Checklist`]; nothing downstream knows which
//! format an item came from. Every node keeps its [`Span`] so a blocker, a JUnit case or an HTML
//! row can point back at the line a person wrote.

use crate::hash::{HashMap, HashSet};
use serde::{Deserialize, Serialize};
use thin_vec::ThinVec;

use crate::files::{Notice, Span};
use crate::model::{
    Approval, Claim, Evidence, ItemId, LineWidths, Outcome, PolicyConfig, SectionId, SignOff,
    Suppression, TextLine, WeightTable,
};

/// How much an item matters to the go/no-go decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Priority {
    /// Blocks the release while open ("Must Have", "Critical", "Required").
    Must,
    /// Blocks unless the policy allows a minimum ("Should Have", "Important").
    Should,
    /// Never blocks ("Nice to Have", "Optional", "Could Have").
    Nice,
}

impl Priority {
    /// Whether an item of this priority is at least as important as `other`: must covers
    /// should and nice, should covers nice.
    pub(crate) fn at_least(self, other: Priority) -> bool {
        let rank = |p: Priority| match p {
            Priority::Must => 2,
            Priority::Should => 1,
            Priority::Nice => 0,
        };
        rank(self) >= rank(other)
    }

    /// The name used in reports, the same as in JSON.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Priority::Must => "must",
            Priority::Should => "should",
            Priority::Nice => "nice",
        }
    }
}

/// Words a checklist author writes beside an item to qualify its box.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Tag {
    /// Not done yet, whatever the box says.
    Pending,
    /// Half done: counts half.
    Partial,
    /// Left out of the denominator unless done.
    Optional,
    /// Does not apply: left out of the score entirely.
    #[serde(rename = "n/a")]
    NotApplicable,
    /// Planned for after launch: shown, not scored.
    PostLaunch,
    /// One option of a choice ("How is the feature enabled?" — Feature gate / Other): an
    /// answer, not work, so it is left out of the score like N/A.
    Choice,
    /// A condition that stops the launch when it holds (under `NO-GO Conditions`): a state to
    /// watch for, not work. Left out of the score; ticked, it blocks the release.
    StopCondition,
}

impl Tag {
    /// The name used in reports, the same as in JSON.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Tag::Pending => "pending",
            Tag::Partial => "partial",
            Tag::Optional => "optional",
            Tag::NotApplicable => "n/a",
            Tag::PostLaunch => "post-launch",
            Tag::Choice => "choice",
            Tag::StopCondition => "stop-condition",
        }
    }
}

/// A status emoji written on an item or a section (✅ ⚠️ ⏳ 🔶 ❌).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    Done,
    Warning,
    Pending,
    NeedsWork,
    Failed,
}

/// Every status emoji `ready` reads, and the mark each means. The first glyph of each mark is
/// the one written back by `ready export`. The Markdown reader, the YAML reader and the export
/// all use this one table.
const MARK_GLYPHS: [(char, Mark); 16] = [
    ('✅', Mark::Done),
    ('✔', Mark::Done),
    ('☑', Mark::Done),
    ('🟢', Mark::Done),
    ('⚠', Mark::Warning),
    ('⏳', Mark::Pending),
    ('⌛', Mark::Pending),
    ('🔶', Mark::NeedsWork),
    ('🟡', Mark::NeedsWork),
    ('🟠', Mark::NeedsWork),
    ('❌', Mark::Failed),
    ('✖', Mark::Failed),
    ('✗', Mark::Failed),
    ('🔴', Mark::Failed),
    ('⛔', Mark::Failed),
    ('🚫', Mark::Failed),
];

impl Mark {
    /// A mark that says the work is not finished, whatever the box says.
    pub(crate) fn denies_done(self) -> bool {
        matches!(self, Mark::Pending | Mark::Failed)
    }

    /// The mark a character stands for, if it is a status emoji.
    pub(crate) fn of_glyph(c: char) -> Option<Mark> {
        // Every mark is an emoji; text is mostly ASCII, which needs no look-up.
        if c.is_ascii() {
            return None;
        }
        MARK_GLYPHS.iter().find(|(g, _)| *g == c).map(|(_, m)| *m)
    }

    /// How the mark is written back into text: the emoji, with the emoji presentation
    /// selector where the character needs one to show as an emoji.
    pub(crate) fn glyph(self) -> &'static str {
        match self {
            Mark::Done => "✅",
            Mark::Warning => "⚠️",
            Mark::Pending => "⏳",
            Mark::NeedsWork => "🔶",
            Mark::Failed => "❌",
        }
    }

    /// The name in the ledger digest: `done`, `warning`, `pending`, `needs-work`, `failed`.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Mark::Done => "done",
            Mark::Warning => "warning",
            Mark::Pending => "pending",
            Mark::NeedsWork => "needs-work",
            Mark::Failed => "failed",
        }
    }
}

/// When in the release a section's work happens. Only pre-launch work gates a release.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Phase {
    #[default]
    PreLaunch,
    Launch,
    PostLaunch,
    /// What to do if something goes wrong (a rollback or hotfix procedure): shown, not scored,
    /// since a pre-launch GO cannot require having rolled back.
    Contingency,
}

impl Phase {
    pub(crate) fn is_pre_launch(self) -> bool {
        self == Phase::PreLaunch
    }

    /// The name used in reports, the same as in YAML checklists.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Phase::PreLaunch => "pre-launch",
            Phase::Launch => "launch",
            Phase::PostLaunch => "post-launch",
            Phase::Contingency => "contingency",
        }
    }
}

/// What an item's box and evidence say about it. Without a probe it follows the box and the
/// author's tags; with one, the probe decides (see [`Item::status`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// Ticked, no probe to confirm it.
    Done,
    Open,
    Partial,
    NotApplicable,
    /// Every probe bound to the item passed on its first attempt.
    Verified,
    /// Ticked (or claimed done), but a probe bound to it did not pass.
    Contradicted,
    /// Every probe passed, but at least one only after a retry.
    Flaky,
}

impl Status {
    /// The status a report names, the inverse of [`Status::label`].
    pub(crate) fn from_label(label: &str) -> Option<Status> {
        Some(match label {
            "done" => Status::Done,
            "open" => Status::Open,
            "partial" => Status::Partial,
            "n/a" => Status::NotApplicable,
            "verified" => Status::Verified,
            "contradicted" => Status::Contradicted,
            "flaky" => Status::Flaky,
            _ => return None,
        })
    }

    /// The name used in reports, the same as in JSON.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::Open => "open",
            Status::Partial => "partial",
            Status::NotApplicable => "n/a",
            Status::Verified => "verified",
            Status::Contradicted => "contradicted",
            Status::Flaky => "flaky",
        }
    }

    /// Whether the item counts as finished for scoring and the must/should rules.
    pub(crate) fn is_done(self) -> bool {
        matches!(
            self,
            Status::Done | Status::NotApplicable | Status::Verified | Status::Flaky
        )
    }
}

/// One task box and what was written with it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item {
    /// Most share their section's part with the section's other items (see [`ItemId`]).
    pub(crate) id: ItemId,
    /// The display title: the bold lead of the item if it has one, without tags or emoji.
    pub(crate) title: Box<str>,
    pub(crate) checked: bool,
    pub(crate) tags: ThinVec<Tag>,
    pub(crate) priority: Option<Priority>,
    pub(crate) phase: Phase,
    /// What few items carry besides their box and title (see [`Extra`]); `None` when there is
    /// nothing, never an empty one.
    extra: Option<Box<Extra>>,
    /// Results of the probes bound to this item, in plan order; empty without probes.
    pub(crate) evidence: ThinVec<Evidence>,
    pub(crate) span: Span,
    pub(crate) children: ThinVec<Item>,
}

/// What an item carries besides its box and title, which most items have none of: kept behind
/// one pointer, where held in place each made every item of a long checklist 40 bytes larger
/// (a third of an item).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Extra {
    /// The whole item text as written (markup removed), for matching by text, when it differs
    /// from the title; `None` when they are the same, as for most items. Read it through
    /// [`Item::text`].
    pub(crate) text: Option<Box<str>>,
    /// The marks written after the title (`✅`, `⏳`), which claim a state.
    pub(crate) marks: ThinVec<Mark>,
    /// Plain bullets written under the item.
    pub(crate) notes: ThinVec<String>,
    /// Ids of items elsewhere that this one restates (a "Must Have" group repeating an item).
    pub(crate) restates: ThinVec<String>,
    /// Probes the author bound to this item in the checklist itself (`<!-- probe: id -->`).
    pub(crate) probe_refs: ThinVec<String>,
}

impl Extra {
    /// Boxed, or `None` when it holds nothing.
    pub(crate) fn boxed(self) -> Option<Box<Extra>> {
        (self != Extra::default()).then(|| Box::new(self))
    }
}

impl Item {
    /// An item without children, evidence or an id yet, with what else it carries.
    pub(crate) fn new(title: Box<str>, checked: bool, span: Span, extra: Extra) -> Item {
        Item {
            id: ItemId::default(),
            title,
            checked,
            tags: ThinVec::new(),
            priority: None,
            phase: Phase::default(),
            extra: extra.boxed(),
            evidence: ThinVec::new(),
            span,
            children: ThinVec::new(),
        }
    }

    /// The whole item text as written (markup removed), for matching by text.
    pub(crate) fn text(&self) -> &str {
        self.extra
            .as_ref()
            .and_then(|e| e.text.as_deref())
            .unwrap_or(&self.title)
    }

    /// The item's own text when it differs from its title.
    pub(crate) fn own_text(&self) -> Option<&str> {
        self.extra.as_ref().and_then(|e| e.text.as_deref())
    }

    /// The marks written after the title.
    pub(crate) fn marks(&self) -> &[Mark] {
        self.extra.as_ref().map_or(&[], |e| &e.marks)
    }

    /// Plain bullets written under the item.
    pub(crate) fn notes(&self) -> &[String] {
        self.extra.as_ref().map_or(&[], |e| &e.notes)
    }

    /// Ids of the items this one restates.
    pub(crate) fn restates(&self) -> &[String] {
        self.extra.as_ref().map_or(&[], |e| &e.restates)
    }

    /// Probes bound to the item in the checklist itself.
    pub(crate) fn probe_refs(&self) -> &[String] {
        self.extra.as_ref().map_or(&[], |e| &e.probe_refs)
    }

    /// Changes what the item carries besides its box and title, which stays behind no pointer
    /// when it ends up empty.
    pub(crate) fn change_extra(&mut self, change: impl FnOnce(&mut Extra)) {
        let mut extra = self.extra.take().map(|e| *e).unwrap_or_default();
        change(&mut extra);
        self.extra = extra.boxed();
    }

    /// What [`Extra::text`] holds for an item of `title` whose text is `text`: nothing when they
    /// are the same.
    pub(crate) fn text_beside(title: &str, text: String) -> Option<Box<str>> {
        (text != title).then(|| text.into_boxed_str())
    }

    /// The box, corrected by what the author wrote beside it, then overruled by evidence: a
    /// probe that ran decides. A failing probe makes a ticked item contradicted and an unticked
    /// one open; passing probes make it verified (or flaky) whatever the box says. Skipped probes
    /// leave the box to speak for itself.
    pub(crate) fn status(&self) -> Status {
        if self.is_not_applicable() {
            return Status::NotApplicable;
        }
        let mut ran = self
            .evidence
            .iter()
            .filter(|e| e.outcome != Outcome::Skipped)
            .peekable();
        if ran.peek().is_some() {
            let (mut failed, mut flaky) = (false, false);
            for evidence in ran {
                failed |= evidence.outcome.is_failure();
                flaky |= evidence.is_flaky();
            }
            return match (failed, flaky) {
                (true, _) if self.checked => Status::Contradicted,
                (true, _) => Status::Open,
                (false, true) => Status::Flaky,
                (false, false) => Status::Verified,
            };
        }
        self.box_status()
    }

    /// Whether probes that ran decide the item, so its box and words no longer do.
    pub(crate) fn decided_by_probes(&self) -> bool {
        self.evidence.iter().any(|e| e.outcome != Outcome::Skipped)
    }

    /// The status the author's box and tags give, before any evidence.
    pub(crate) fn box_status(&self) -> Status {
        if self.is_not_applicable() {
            Status::NotApplicable
        } else if self.tags.contains(&Tag::Partial) {
            Status::Partial
        } else if self.checked && !self.claims_unfinished() {
            Status::Done
        } else {
            Status::Open
        }
    }

    /// A ticked box whose own text says the work is not finished (PENDING, ⏳, ❌).
    pub(crate) fn claims_unfinished(&self) -> bool {
        self.tags.contains(&Tag::Pending) || self.marks().iter().any(|m| m.denies_done())
    }

    /// N/A, an option of a choice, or a stop condition: none is work to be done.
    fn is_not_applicable(&self) -> bool {
        self.tags
            .iter()
            .any(|t| matches!(t, Tag::NotApplicable | Tag::Choice | Tag::StopCondition))
    }

    /// A stop condition its author ticked: the checklist itself says the launch must stop.
    pub(crate) fn stop_condition_holds(&self) -> bool {
        self.checked && self.tags.contains(&Tag::StopCondition)
    }

    pub(crate) fn is_optional(&self) -> bool {
        self.tags.contains(&Tag::Optional)
    }

    /// Depth-first walk over this item and its descendants.
    pub(crate) fn walk(&self) -> ItemWalk<'_> {
        ItemWalk {
            next: Some(self),
            later: Vec::new(),
        }
    }
}

/// Depth-first iterator over an item tree, without recursion so that deep trees cannot
/// overflow the stack. The item to visit next is held apart from the stack of later siblings:
/// most items have no children or one, and every pass over a checklist walks each top-level
/// item, so a walk that allocated its stack up front cost an allocation per item per pass (a
/// fifth of all allocations in a 10,000-probe run).
#[derive(Debug)]
pub(crate) struct ItemWalk<'a> {
    next: Option<&'a Item>,
    later: Vec<&'a Item>,
}

impl<'a> Iterator for ItemWalk<'a> {
    type Item = &'a Item;
    fn next(&mut self) -> Option<&'a Item> {
        let item = self.next.take().or_else(|| self.later.pop())?;
        if let Some((first, rest)) = item.children.split_first() {
            self.later.extend(rest.iter().rev());
            self.next = Some(first);
        }
        Some(item)
    }
}

/// A status line the author wrote for a section (`**Status:** ✅ 100% Complete`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DeclaredStatus {
    pub(crate) text: String,
    pub(crate) mark: Option<Mark>,
    pub(crate) span: Span,
}

/// A heading and what it holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Section {
    /// Shared by the ids of the section's items and by the category it is.
    pub(crate) id: SectionId,
    /// The number the author gave the heading, such as `2.2`.
    pub(crate) number: Option<Box<str>>,
    pub(crate) title: Box<str>,
    /// Heading depth (1 for `#`). YAML sections take their nesting depth.
    pub(crate) level: u8,
    pub(crate) phase: Phase,
    /// Priority given to every item below this section ("### Must Have").
    pub(crate) priority: Option<Priority>,
    /// True for sign-off and approval sections: their boxes are sign-offs, not criteria.
    pub(crate) signoff: bool,
    /// Weight from a weight table (or YAML), relative to the other weighted sections.
    pub(crate) weight: Option<f64>,
    /// Score the author claims for this section, 0–100.
    pub(crate) declared_score: Option<f64>,
    /// Boxed: few sections state one, and every section of a long checklist paid its room.
    pub(crate) declared_status: Option<Box<DeclaredStatus>>,
    pub(crate) span: Span,
    pub(crate) items: ThinVec<Item>,
    pub(crate) sections: ThinVec<Section>,
}

impl Section {
    /// The heading as a reader sees it: `2.2 Load Testing`.
    pub(crate) fn heading(&self) -> String {
        match &self.number {
            Some(n) => format!("{n} {}", self.title),
            None => self.title.to_string(),
        }
    }

    /// Every item in this section and its subsections, nested items included.
    pub(crate) fn all_items(&self) -> impl Iterator<Item = &Item> {
        self.walk_sections()
            .flat_map(|s| s.items.iter())
            .flat_map(Item::walk)
    }

    /// This section and all its descendants, depth first.
    pub(crate) fn walk_sections(&self) -> SectionWalk<'_> {
        SectionWalk { stack: vec![self] }
    }
}

#[derive(Debug)]
pub(crate) struct SectionWalk<'a> {
    stack: Vec<&'a Section>,
}

impl<'a> Iterator for SectionWalk<'a> {
    type Item = &'a Section;
    fn next(&mut self) -> Option<&'a Section> {
        let section = self.stack.pop()?;
        self.stack.extend(section.sections.iter().rev());
        Some(section)
    }
}

/// A number the document claims about itself (`**Current Readiness:** 90%`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DeclaredScore {
    pub(crate) value: f64,
    pub(crate) span: Span,
}

/// A verdict-like sentence the document states (`RECOMMENDATION: CONDITIONAL GO`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Statement {
    pub(crate) label: String,
    pub(crate) text: String,
    /// The reader's judgement of the words: the statement says the release may go
    /// ("CONDITIONAL GO", "APPROVED FOR PRODUCTION"), so a NO-GO contradicts it.
    pub(crate) claims_go: bool,
    pub(crate) span: Span,
}

/// A rule the document states about its own items (`Do not launch if any P1 item is
/// unchecked`): every open item of that priority, or a more important one, blocks.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StatedRule {
    /// The least important priority the rule covers.
    pub(crate) priority: Priority,
    /// The sentence as written, for messages.
    pub(crate) text: String,
    pub(crate) span: Span,
}

/// One loaded checklist file.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Checklist {
    /// The path as the user named it; used in every span.
    pub(crate) path: String,
    pub(crate) title: Option<String>,
    /// Level-0 root: holds items written before the first heading and the top-level sections.
    pub(crate) root: Vec<Section>,
    pub(crate) loose_items: ThinVec<Item>,
    pub(crate) signoffs: Vec<SignOff>,
    /// Sign-offs recorded in the ledger beside the checklist (see `ledger::attach`).
    pub(crate) approvals: Vec<Approval>,
    pub(crate) declared_score: Option<DeclaredScore>,
    pub(crate) statements: Vec<Statement>,
    pub(crate) stated_rules: Vec<StatedRule>,
    /// Policy written inside the checklist (front matter `ready:` or YAML `policy:`).
    pub(crate) policy: Option<PolicyConfig>,
    pub(crate) notices: Vec<Notice>,
    /// The weight table as written, for the linter to redo its arithmetic.
    pub(crate) weight_table: Option<WeightTable>,
    /// Tallies, conditions, thresholds, bands and dates the document states about itself.
    pub(crate) claims: Vec<Claim>,
    /// Lint findings the author silenced, with their reasons.
    pub(crate) suppressions: Vec<Suppression>,
    /// Headings with nothing under them before the next heading of the same or a higher level.
    pub(crate) empty_sections: Vec<Span>,
    /// The width of each line in characters, so a report can mark a whole line (SARIF regions)
    /// without reading the file again.
    pub(crate) line_widths: LineWidths,
    /// The non-blank lines outside code, in order, for rules about the shape of lists.
    pub(crate) text_lines: Vec<TextLine>,
}

impl Checklist {
    /// The width in characters of a 1-based line, if the checklist has it.
    pub(crate) fn line_width(&self, line: u32) -> Option<u32> {
        self.line_widths
            .get(usize::try_from(line).ok()?.checked_sub(1)?)
    }
}

impl Checklist {
    /// Every section in document order.
    pub(crate) fn sections(&self) -> impl Iterator<Item = &Section> {
        self.root.iter().flat_map(Section::walk_sections)
    }

    /// Each top-level item with the section that holds it (`None` before the first heading),
    /// in document order. Children are reached through the items.
    pub(crate) fn top_level_items(&self) -> impl Iterator<Item = (Option<&Section>, &Item)> {
        self.loose_items.iter().map(|item| (None, item)).chain(
            self.sections()
                .flat_map(|s| s.items.iter().map(move |item| (Some(s), item))),
        )
    }

    /// Every item in document order, nested ones included.
    pub(crate) fn items(&self) -> impl Iterator<Item = &Item> {
        self.loose_items
            .iter()
            .flat_map(Item::walk)
            .chain(self.root.iter().flat_map(Section::all_items))
    }

    /// Whether the checklist has anything to gate: a task box or an item. One without is left
    /// out of an assessment.
    pub(crate) fn has_task_boxes(&self) -> bool {
        self.items().next().is_some() || self.signoffs.iter().any(|s| s.checkbox)
    }

    /// Task boxes as GitHub renders them: every item plus every sign-off written as a box.
    pub(crate) fn task_boxes(&self) -> TaskCount {
        let mut count = TaskCount::default();
        for item in self.items() {
            count.add(item.checked);
        }
        for signoff in self.signoffs.iter().filter(|s| s.checkbox) {
            count.add(signoff.signed);
        }
        count
    }

    /// Visits every item mutably, in document order. Recursion is bounded: headings nest at most
    /// six deep in Markdown, and both loaders cap item nesting.
    pub(crate) fn for_each_item_mut(&mut self, mut f: impl FnMut(&mut Item)) {
        fn items(list: &mut [Item], f: &mut dyn FnMut(&mut Item)) {
            for item in list {
                f(item);
                items(&mut item.children, f);
            }
        }
        fn section(s: &mut Section, f: &mut dyn FnMut(&mut Item)) {
            items(&mut s.items, f);
            for child in &mut s.sections {
                section(child, f);
            }
        }
        items(&mut self.loose_items, &mut f);
        for s in &mut self.root {
            section(s, &mut f);
        }
    }

    /// Every item by id, for stages that look many items up: one walk instead of one per
    /// look-up, which would make them quadratic in the number of items.
    pub(crate) fn item_index(&self) -> HashMap<&ItemId, &Item> {
        self.items().map(|i| (&i.id, i)).collect()
    }

    /// The items some item restates, by id: all that the stages following `restates` links
    /// look up. A checklist without restatements, like most large ones, hashes nothing.
    pub(crate) fn restated_index(&self) -> HashMap<&str, &Item> {
        let wanted: HashSet<&str> = self
            .items()
            .flat_map(|i| i.restates().iter().map(String::as_str))
            .collect();
        if wanted.is_empty() {
            return HashMap::default();
        }
        // Keyed by the restating item's words for the id, which are the id's text.
        self.items()
            .filter_map(|i| {
                i.id.with_str(|id| wanted.get(id).copied())
                    .map(|id| (id, i))
            })
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct TaskCount {
    pub(crate) items: usize,
    pub(crate) checked: usize,
}

impl TaskCount {
    pub(crate) fn add(&mut self, checked: bool) {
        self.items += 1;
        if checked {
            self.checked += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mark_is_outside_ascii_so_plain_text_skips_the_look_up() {
        assert!(MARK_GLYPHS.iter().all(|(glyph, _)| !glyph.is_ascii()));
        assert_eq!(Mark::of_glyph('x'), None);
        assert_eq!(Mark::of_glyph('✅'), Some(Mark::Done));
    }

    /// A long checklist holds a million items and a hundred thousand sections: what one carries
    /// in place, every one pays (an item was 144 bytes before spans, ids and what few items
    /// carry were made smaller; a section 224 before its id was shared, its text boxed, its
    /// lists made thin and its rare stated status put behind a pointer).
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn an_item_carries_little_in_place() {
        assert_eq!(std::mem::size_of::<Item>(), 88);
        assert_eq!(std::mem::size_of::<Span>(), 16);
        assert_eq!(std::mem::size_of::<Section>(), 120);
    }

    #[test]
    fn an_item_with_nothing_extra_holds_no_box() {
        let mut item = item("a".into(), ThinVec::new());
        item.change_extra(|e| e.restates = ThinVec::new());
        assert_eq!(item.extra, None);
        item.change_extra(|e| e.notes.push("n".into()));
        assert_eq!(item.notes(), ["n"]);
        item.change_extra(|e| e.notes.clear());
        assert_eq!(item.extra, None);
    }

    fn item(id: String, children: ThinVec<Item>) -> Item {
        Item {
            id: id.into(),
            children,
            ..Item::new(
                Box::default(),
                false,
                Span::new("a.md", 1),
                Extra::default(),
            )
        }
    }

    /// A tree whose shape follows the bits of `shape`: leaves, only children, wide levels and
    /// deep chains all occur among the shapes the test tries.
    fn tree(id: String, shape: u32, depth: u32) -> Item {
        let count = if depth == 0 { 0 } else { shape % 4 };
        let children = (0..count)
            .map(|n| tree(format!("{id}.{n}"), shape / 4 + n * 7, depth - 1))
            .collect();
        item(id, children)
    }

    fn pre_order<'a>(item: &'a Item, out: &mut Vec<&'a ItemId>) {
        out.push(&item.id);
        for child in &item.children {
            pre_order(child, out);
        }
    }

    #[test]
    fn a_walk_visits_every_item_once_in_pre_order() {
        for shape in 0..400 {
            let root = tree("r".into(), shape, 5);
            let mut expected = Vec::new();
            pre_order(&root, &mut expected);
            let walked: Vec<&ItemId> = root.walk().map(|i| &i.id).collect();
            assert_eq!(walked, expected, "shape {shape}");
        }
        // A chain deeper than any stack of calls would allow.
        let mut deep = item("leaf".into(), ThinVec::new());
        for n in 0..100_000 {
            deep = item(n.to_string(), thin_vec::thin_vec![deep]);
        }
        assert_eq!(deep.walk().count(), 100_001);
        // Dropping a chain this deep recurses; take it apart from the top instead.
        while let Some(child) = deep.children.pop() {
            deep = child;
        }
    }
}
