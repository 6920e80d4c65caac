//! Markdown checklists: headings become sections, task boxes become items, exactly as GitHub
//! renders them (pulldown-cmark with GFM task lists and tables).
//!
//! The parser walks the event stream once with explicit stacks (never recursion), so a file
//! with thousands of nesting levels cannot overflow the stack. Each task box becomes exactly one
//! item or one sign-off, which is what keeps our task counts equal to GitHub's.

use crate::hash::HashMap;
use std::ops::Range;
use thin_vec::ThinVec;

use pulldown_cmark::{
    CodeBlockKind, Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag as MdTag, TagEnd,
};

use crate::checklist::signoffs;
use crate::checklist::weights::{WeightRow, WeightRows};
use crate::checklist::{MAX_ITEM_DEPTH, markers, nested_too_deep};
use crate::error::{Error, Location, Result};
use crate::model::{
    Checklist, DeclaredScore, DeclaredStatus, Extra, FileName, Item, Mark, Notice, Phase, Priority,
    Section, SectionId, SignOff, Span, StatedRule, Statement, Tag,
};

/// What the Markdown parser found besides the tree: the rows of a weight table, to be mapped
/// onto sections once the tree is complete.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub(crate) checklist: Checklist,
    /// Every table with a weight column, in document order (at most [`MAX_WEIGHT_TABLES`]).
    pub(crate) weight_tables: Vec<WeightRows>,
}

/// Tables with a weight column kept for choosing the checklist's weight table: a document
/// weighing the items of each phase has one per phase before its summary.
const MAX_WEIGHT_TABLES: usize = 64;

const OPTIONS: Options = Options::ENABLE_TASKLISTS
    .union(Options::ENABLE_TABLES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_GFM)
    .union(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);

/// Whether `text` writes an image badge whose alt text begins `critical` (`![Critical](…)`),
/// which puts the document's badges on a four-level scale (see `markers::badge_priority`).
/// Written on no line's edge, so a text read in blocks of whole lines writes one exactly when
/// one of its blocks does.
pub(crate) fn writes_critical_badges(text: &str) -> bool {
    memchr::memmem::find_iter(text.as_bytes(), "![").any(|at| {
        text.as_bytes()[at + 2..]
            .get(..8)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"critical"))
    })
}

/// Whether a block that a heading line may not end (code, HTML, metadata, a footnote, a quote) ran to
/// the end of a piece, so the heading after the cut was part of it in the whole file.
fn runs_to_end(events: &[(Event<'_>, Range<usize>)], len: usize) -> bool {
    events.iter().any(|(event, range)| {
        range.end >= len
            && matches!(
                event,
                Event::End(
                    TagEnd::CodeBlock
                        | TagEnd::HtmlBlock
                        | TagEnd::MetadataBlock(_)
                        | TagEnd::FootnoteDefinition
                        | TagEnd::BlockQuote(_)
                ) | Event::Html(_)
            )
    })
}

/// The most list items (bullets and task boxes) read from one Markdown checklist: far above
/// any real one (a 100 MB generated checklist holds about a million), and a bound on the tree
/// a hostile file can make `ready` build.
pub(crate) const MAX_LIST_ITEMS: usize = if cfg!(test) { 1_000 } else { 4_000_000 };

/// Maps byte offsets in the piece being walked to 1-based line numbers in the file.
#[derive(Default)]
struct Lines {
    /// Where each line of the piece starts. Made anew for each piece: a table of every line of
    /// the file was held through the whole parse (13 MB for a 100 MB checklist).
    starts: Vec<usize>,
    /// The file's line the piece begins on.
    first: u32,
}

impl Lines {
    fn read(&mut self, text: &str, first: u32) {
        self.starts.clear();
        self.starts.push(0);
        self.starts
            .extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        self.first = first;
    }

    fn line(&self, offset: usize) -> u32 {
        let index = self.starts.partition_point(|&s| s <= offset);
        let index = u32::try_from(index).unwrap_or(u32::MAX).max(1);
        index.saturating_add(self.first - 1)
    }
}

/// One open list item.
#[derive(Debug, Default)]
struct Frame {
    checked: Option<bool>,
    line: u32,
    text: String,
    /// Text of a bold span that opens the item (`**Unit Test Coverage**`).
    lead: Option<String>,
    in_lead: bool,
    /// False once a nested list starts: later text belongs to children.
    own_text: bool,
    children: Vec<Item>,
    notes: Vec<String>,
    signoffs: Vec<SignOff>,
    task_depth: usize,
    /// Probe ids named in HTML comments inside the item (`<!-- probe: api-health -->`).
    probe_refs: Vec<String>,
    /// The alt text of an image being read inside the item's own text.
    image: Option<String>,
    /// The priority an image badge opening the item gives (`![High][high_img]`).
    badge: Option<Priority>,
}

#[derive(Debug, Default)]
struct TableState {
    header: Vec<String>,
    rows: Vec<(Vec<String>, Span)>,
    row: Vec<String>,
    row_line: u32,
    cell: String,
}

/// Walks the events of a Markdown checklist, a piece at a time, into the criteria tree.
pub(crate) struct Walker {
    /// The file's name, shared by every span the walk makes.
    path: FileName,
    lines: Lines,
    checklist: Checklist,
    /// Headings not yet closed, outermost first.
    open: Vec<Section>,
    frames: Vec<Frame>,
    heading: Option<(u8, u32, String)>,
    paragraph: Option<(u32, String, bool)>,
    table: Option<TableState>,
    metadata: Option<(u32, String)>,
    /// Priority given by the last group label (`**Must Have:**`) in the current section.
    group: Option<Priority>,
    weight_tables: Vec<WeightRows>,
    flattened: bool,
    /// The line of the document's title heading (its first level-1 heading): a title that
    /// names approval ("Release Approval Checklist") does not make every section a sign-off.
    title_line: Option<u32>,
    /// A bold label such as `**Approval Signatures**:` opened a sign-off list outside a
    /// sign-off heading; it holds until the next heading or label.
    signoff_label: bool,
    /// How the kept declared score was claimed.
    score_claim: Option<markers::ScoreClaim>,
    /// The sign-off the last role label (`**CTO:**` on its own) opened, whose signature block
    /// lines (`Signature: ____`, `Date: ____`) fill it in.
    last_role: Option<usize>,
    /// A role label alone on its line (`**CTO / IT Director:**`): a role only once a field of
    /// its signature block follows; `**Antes de deploy:**` over a code block is a label.
    pending_role: Option<SignOff>,
    /// The phase a group label names (`After each deploy:`), for the list it heads.
    label_phase: Option<Phase>,
    /// The level of the open heading that lists stop conditions (`### NO-GO Conditions`).
    stop_level: Option<u8>,
    /// A group label (`**Abort criteria:**`) lists stop conditions, until the next label.
    stop_label: bool,
    /// Under a `**Notes:**` or `Comments:` label, bullets are notes, never roles.
    notes_label: bool,
    /// The code block being read: the line its content starts on, and the content.
    code: Option<(u32, String)>,
    /// Task-list lines inside code blocks (GitHub shows them as text): how many, and the first.
    code_boxes: (usize, Option<u32>),
    /// Lines of headings that carry points (`(30/40)`): weights only when two or more do.
    point_headings: Vec<u32>,
    /// `title:` in the front matter, the checklist's title when no heading gives one.
    front_title: Option<String>,
    /// The last paragraph asked a question, so the list right after it holds its options; `true`
    /// when a heading asked it.
    question: Option<(String, u32, bool)>,
    /// List items met so far (bullets and boxes), against [`MAX_LIST_ITEMS`].
    list_items: usize,
    /// Rows of status tables that claim a row done: the row's name as words, the cell, where.
    status_rows: Vec<(String, String, Span)>,
    /// Whether the document's priority badges include a Critical level (see
    /// [`writes_critical_badges`]).
    critical_badges: bool,
    /// The top-level list being read follows that question, and how many items its container
    /// held before it.
    choice_list: Option<((String, u32, bool), usize)>,
}

impl Walker {
    /// A walk over the checklist at `path`, whose text [`writes_critical_badges`] or not.
    pub(crate) fn new(path: &str, critical_badges: bool) -> Self {
        Self {
            path: FileName::new(path),
            lines: Lines::default(),
            checklist: Checklist {
                path: path.to_owned(),
                ..Checklist::default()
            },
            open: Vec::new(),
            frames: Vec::new(),
            heading: None,
            paragraph: None,
            table: None,
            metadata: None,
            group: None,
            weight_tables: Vec::new(),
            flattened: false,
            title_line: None,
            signoff_label: false,
            score_claim: None,
            last_role: None,
            pending_role: None,
            label_phase: None,
            stop_level: None,
            stop_label: false,
            notes_label: false,
            code: None,
            code_boxes: (0, None),
            point_headings: Vec::new(),
            question: None,
            choice_list: None,
            critical_badges,
            status_rows: Vec::new(),
            list_items: 0,
            front_title: None,
        }
    }

    /// Walks `text`, a piece of the checklist beginning on line `first_line` and cut where
    /// `chunks::Scan` allows. Walks nothing and returns `false` when a block a heading line
    /// cannot end ran to the end of the piece, unless it is the `last`: the heading after the
    /// cut was part of that block, so the piece must be read again with the rest of the file.
    pub(crate) fn piece(&mut self, text: &str, first_line: u32, last: bool) -> Result<bool> {
        self.lines.read(text, first_line);
        let events = Parser::new_ext(text, OPTIONS).into_offset_iter();
        if last {
            for (event, range) in events {
                self.event(text, event, range)?;
            }
            return Ok(true);
        }
        let events: Vec<_> = events.collect();
        if runs_to_end(&events, text.len()) {
            return Ok(false);
        }
        for (event, range) in events {
            self.event(text, event, range)?;
        }
        Ok(true)
    }

    fn span(&self, line: u32) -> Span {
        Span::at(&self.path, line)
    }

    /// Walks one event of the piece `text`; `range` is where in the piece it was written.
    fn event(&mut self, text: &str, event: Event<'_>, range: Range<usize>) -> Result<()> {
        match event {
            Event::Start(MdTag::Item) if self.list_items == MAX_LIST_ITEMS => {
                let line = self.lines.line(range.start);
                return Err(Error::invalid(
                    Location::new(&*self.path, line).with_source_in(text, self.lines.first),
                    format!(
                        "more than {MAX_LIST_ITEMS} list items; ready reads at most that many \
                         from one checklist: split it into several, which `ready check DIR` \
                         reads together"
                    ),
                ));
            }
            Event::Start(tag) => {
                if matches!(tag, MdTag::Item) {
                    self.list_items += 1;
                }
                self.start(tag, range);
            }
            Event::End(tag) => return self.end(text, tag),
            Event::Text(words)
            | Event::Code(words)
            | Event::InlineMath(words)
            | Event::DisplayMath(words) => self.text(&words),
            Event::SoftBreak | Event::HardBreak => self.text("\n"),
            Event::TaskListMarker(checked) => {
                // GitHub renders a box only when white space follows it on the line:
                // `- [ ]` alone stays text (cmark-gfm's task list rule).
                let spaced = matches!(text.as_bytes().get(range.end), Some(b' ' | b'\t'));
                match self.frames.last_mut() {
                    Some(frame) if spaced => {
                        frame.checked = Some(checked);
                        frame.task_depth += 1;
                    }
                    _ => self.text(if checked { "[x]" } else { "[ ]" }),
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                if let Some(frame) = self.frames.last_mut()
                    && frame.own_text
                {
                    frame.probe_refs.extend(markers::probe_refs(&html));
                }
            }
            Event::FootnoteReference(_) | Event::Rule => {}
        }
        Ok(())
    }

    fn start(&mut self, tag: MdTag<'_>, range: Range<usize>) {
        let line = self.lines.line(range.start);
        match tag {
            MdTag::Heading { level, .. } if self.frames.is_empty() => {
                self.heading = Some((heading_level(level), line, String::new()));
            }
            MdTag::Paragraph if self.frames.is_empty() && self.table.is_none() => {
                self.paragraph = Some((line, String::new(), false));
            }
            MdTag::Strong => {
                if let Some(frame) = self.frames.last_mut()
                    && frame.own_text
                    && frame.lead.is_none()
                    && frame.text.trim().is_empty()
                {
                    frame.in_lead = true;
                    frame.lead = Some(String::new());
                }
                if let Some((_, text, starts_bold)) = &mut self.paragraph
                    && text.trim().is_empty()
                {
                    *starts_bold = true;
                }
            }
            MdTag::List(_) => match self.frames.last_mut() {
                Some(frame) => frame.own_text = false,
                None => {
                    let before = self.container_items().len();
                    self.choice_list = self.question.take().map(|q| (q, before));
                }
            },
            MdTag::Item => {
                let task_depth = self.frames.last().map_or(0, |f| f.task_depth);
                self.frames.push(Frame {
                    line,
                    own_text: true,
                    task_depth,
                    ..Frame::default()
                });
            }
            MdTag::Image { .. } => {
                if let Some(frame) = self.frames.last_mut()
                    && frame.own_text
                {
                    frame.image = Some(String::new());
                }
            }
            MdTag::Table(_) if self.frames.is_empty() => {
                self.table = Some(TableState::default());
            }
            MdTag::TableHead | MdTag::TableRow => {
                if let Some(t) = &mut self.table {
                    t.row_line = line;
                }
            }
            MdTag::MetadataBlock(MetadataBlockKind::YamlStyle) => {
                self.metadata = Some((line + 1, String::new()));
            }
            MdTag::CodeBlock(kind) => {
                let first = match kind {
                    CodeBlockKind::Fenced(_) => line + 1,
                    CodeBlockKind::Indented => line,
                };
                self.code = Some((first, String::new()));
            }
            _ => {}
        }
    }

    /// A code block ended: its task-list lines are counted for the warning, and inside an item
    /// its content is a note, never part of the item's title or text.
    fn code_done(&mut self) {
        let Some((first, code)) = self.code.take() else {
            return;
        };
        for (offset, line) in code.lines().enumerate() {
            if markers::is_task_line(line) {
                self.code_boxes.0 += 1;
                self.code_boxes
                    .1
                    .get_or_insert(first + u32::try_from(offset).unwrap_or(0));
            }
        }
        if let Some(frame) = self.frames.last_mut()
            && frame.own_text
        {
            let note = markers::collapse_spaces(&code);
            if !note.is_empty() {
                frame.notes.push(note);
            }
        }
    }

    fn text(&mut self, text: &str) {
        if let Some((_, code)) = &mut self.code {
            code.push_str(text);
        } else if let Some((_, _, heading)) = &mut self.heading {
            heading.push_str(text);
        } else if let Some(table) = &mut self.table {
            table.cell.push_str(text);
        } else if let Some(frame) = self.frames.last_mut() {
            if let Some(alt) = &mut frame.image {
                alt.push_str(text);
            } else if frame.own_text {
                let text = if text == "\n" { " " } else { text };
                frame.text.push_str(text);
                if frame.in_lead
                    && let Some(lead) = &mut frame.lead
                {
                    lead.push_str(text);
                }
            }
        } else if let Some((_, paragraph, _)) = &mut self.paragraph {
            paragraph.push_str(text);
        } else if let Some((_, block)) = &mut self.metadata {
            block.push_str(text);
        }
    }

    fn end(&mut self, text: &str, tag: TagEnd) -> Result<()> {
        match tag {
            TagEnd::Heading(_) => {
                if let Some((level, line, text)) = self.heading.take() {
                    self.open_section(level, line, &text);
                }
            }
            TagEnd::Paragraph => {
                if self.frames.is_empty()
                    && let Some((line, text, bold)) = self.paragraph.take()
                {
                    self.paragraph_done(line, &text, bold);
                }
            }
            TagEnd::CodeBlock => self.code_done(),
            TagEnd::List(_) if self.frames.is_empty() => {
                if let Some(((question, line, heading), before)) = self.choice_list.take() {
                    let items = &mut self.container_items()[before..];
                    let options = if heading {
                        markers::are_heading_options(items)
                    } else {
                        markers::are_options(items)
                    };
                    if options {
                        tag_choices(items);
                        self.choice_notice(&(question, line));
                    }
                }
            }
            TagEnd::Strong => {
                if let Some(frame) = self.frames.last_mut() {
                    frame.in_lead = false;
                }
            }
            TagEnd::Image => self.image_done(),
            TagEnd::Item => self.item_done(),
            TagEnd::TableCell => {
                if let Some(t) = &mut self.table {
                    let cell = markers::collapse_spaces(&std::mem::take(&mut t.cell));
                    t.row.push(cell);
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.header = std::mem::take(&mut t.row);
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    let row = std::mem::take(&mut t.row);
                    let span = Span::at(&self.path, t.row_line);
                    t.rows.push((row, span));
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.table_done(table);
                }
            }
            TagEnd::MetadataBlock(_) => {
                if let Some((line, block)) = self.metadata.take() {
                    self.checklist.policy =
                        crate::checklist::front_matter::policy(&self.path, line, &block)
                            .map_err(|e| e.with_source_in(text, self.lines.first))?;
                    self.front_title = crate::checklist::front_matter::title(&block);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn current_signoff(&self) -> bool {
        self.signoff_label || self.open.last().is_some_and(|s| s.signoff)
    }

    fn signoff_group(&self) -> Option<String> {
        self.open
            .iter()
            .rev()
            .filter(|s| s.signoff)
            .find_map(|s| markers::signoff_group(&s.title))
    }

    fn inherited_priority(&self) -> Option<Priority> {
        self.group
            .or_else(|| self.open.iter().rev().find_map(|s| s.priority))
    }

    fn open_section(&mut self, level: u8, line: u32, raw: &str) {
        while self.open.last().is_some_and(|s| s.level >= level) {
            self.close_section();
        }
        let text = markers::collapse_spaces(raw);
        self.declared_score_in(&text, self.span(line));
        let (number, rest) = markers::numbered_heading(&text);
        // A leading icon is decoration (`## ✅ PRE-GO-LIVE CHECKLIST` among 🔐 and 🚀 siblings);
        // a trailing or sole mark is a claim (`### 1. Testing ✅`).
        let undecorated = markers::strip_leading_icons(&rest);
        let claimed = if undecorated.trim().is_empty() {
            rest.as_str()
        } else {
            undecorated
        };
        let marks = markers::marks(claimed);
        let mut title = markers::strip_marks(claimed);
        // `## Infrastructure (30/40)`: 40 is the weight, 75% the score the document claims.
        let mut points = None;
        if let Some((bare, weight, declared)) = markers::heading_points(&title) {
            title = bare;
            points = Some((weight, declared));
            self.point_headings.push(line);
        }
        let parent = self.open.last();
        let is_title = self.checklist.title.is_none() && level == 1;
        let phase = markers::section_phase(&title, is_title)
            .or(parent.map(|p| p.phase))
            .unwrap_or(Phase::PreLaunch);
        // The document's title passes no sign-off flag down: under "# Release Approval
        // Checklist", the sections hold the work and only an approvals section holds roles.
        let signoff = markers::is_signoff_heading(&title)
            || parent.is_some_and(|p| p.signoff && Some(p.span.line) != self.title_line);
        let declared_status = marks.first().map(|&mark| DeclaredStatus {
            text: claimed.trim_start_matches(title.as_str()).trim().to_owned(),
            mark: Some(mark),
            span: self.span(line),
        });
        if self.checklist.title.is_none() && level == 1 {
            self.checklist.title = Some(title.clone());
            self.title_line = Some(line);
        }
        if self.stop_level.is_some_and(|open| open >= level) {
            self.stop_level = None;
        }
        if markers::names_stop_conditions(&title) {
            self.stop_level = Some(level);
        }
        self.group = None;
        self.label_phase = None;
        self.stop_label = false;
        self.notes_label = false;
        self.signoff_label = false;
        self.last_role = None;
        self.pending_role = None;
        self.question = title.ends_with('?').then(|| (title.clone(), line, true));
        self.open.push(Section {
            id: SectionId::default(),
            number: number.map(String::into_boxed_str),
            priority: markers::priority_label(&title),
            title: title.into_boxed_str(),
            level,
            phase,
            signoff,
            weight: points.map(|(weight, _)| weight),
            declared_score: points.map(|(_, declared)| declared),
            declared_status: declared_status.map(Box::new),
            span: self.span(line),
            items: ThinVec::new(),
            sections: ThinVec::new(),
        });
    }

    fn close_section(&mut self) {
        if let Some(mut open) = self.open.pop() {
            // A section's items grew by doubling and the tree is kept to the end of the run:
            // ten boxes would otherwise hold sixteen slots, a third of the tree's memory.
            open.items.shrink_to_fit();
            open.sections.shrink_to_fit();
            match self.open.last_mut() {
                Some(parent) => parent.sections.push(open),
                None => self.checklist.root.push(open),
            }
        }
    }

    fn paragraph_done(&mut self, line: u32, text: &str, starts_bold: bool) {
        for (offset, raw_line) in text.split('\n').enumerate() {
            let raw_line = raw_line.trim();
            if raw_line.is_empty() {
                continue;
            }
            let line_no = line + u32::try_from(offset).unwrap_or(0);
            let span = self.span(line_no);
            self.declared_score_in(raw_line, span.clone());
            self.stated_rule_in(raw_line, &span);
            if let Some((label, claim)) = markers::statement(raw_line) {
                self.checklist.statements.push(Statement {
                    label,
                    claims_go: markers::claims_go(&claim),
                    text: claim,
                    span: span.clone(),
                });
            } else if let Some(status) = markers::section_status(raw_line)
                && let Some(open) = self.open.last_mut()
            {
                open.declared_status = Some(Box::new(DeclaredStatus {
                    mark: markers::marks(&status).first().copied(),
                    text: status,
                    span: span.clone(),
                }));
            }
        }
        // A short bold paragraph or one ending in a colon labels the list that follows.
        let single = markers::collapse_spaces(text);
        let is_label = !text.trim().contains('\n')
            && (starts_bold || single.ends_with(':'))
            && single.len() < 80;
        self.question = single
            .trim_end()
            .ends_with('?')
            .then(|| (single.clone(), line, false));
        if is_label {
            let label = markers::strip_marks(&single);
            self.group = markers::priority_label(&label);
            self.label_phase = markers::phase(&label);
            self.stop_label = markers::names_stop_conditions(&label);
            self.notes_label = signoffs::is_field_label(&label);
            // `**Approval Signatures**:` heads a sign-off list as a heading would.
            self.signoff_label = markers::is_signoff_heading(&label);
        }
        if self.current_signoff() {
            let group = self.signoff_group();
            for (offset, raw_line) in text.split('\n').enumerate() {
                let span = self.span(line + u32::try_from(offset).unwrap_or(0));
                self.signoff_line(raw_line, None, group.as_deref(), span);
            }
        }
    }

    /// One line of a sign-off section that is not a task box: a fill-in line
    /// (`**QA Lead:** ____ Date: ____`), a role label opening a signature block (`**CTO:**`),
    /// or a field of that block (`Signature: ____`, `Print Name: ____`, `Date: ____`), which
    /// fills in the role above it. Prose and criteria are left alone.
    fn signoff_line(&mut self, raw: &str, checked: Option<bool>, group: Option<&str>, span: Span) {
        let text = markers::collapse_spaces(raw);
        let (label, value) = match text.split_once(':') {
            Some((label, value)) => (
                label.trim_matches(|c: char| c == '*' || c.is_whitespace()),
                value.trim_matches(|c: char| c == '*' || c.is_whitespace()),
            ),
            None => (text.trim_matches('*').trim(), ""),
        };
        let fill_in = text.contains("___");
        // `**Deployed by:** ____ **Date:** ____` on its own is a role slot (the deployer), while
        // under a role label `Approved by: ____` is one of its fields.
        let by_slot = fill_in
            && self.last_role.is_none()
            && self.pending_role.is_none()
            && signoffs::is_by_slot(label);
        if signoffs::is_field_label(label) && !by_slot {
            if let Some(role) = self.pending_role.take() {
                self.checklist.signoffs.push(role);
                self.last_role = Some(self.checklist.signoffs.len() - 1);
            }
            if let Some(index) = self.last_role
                && let Some(role) = self.checklist.signoffs.get_mut(index)
            {
                signoffs::fill_field(role, label, value);
            }
            return;
        }
        // `**CTO / IT Director:**` alone on its line (markup is gone by now) opens a signature
        // block; `Approvers:` is a label of the section, not a role.
        let role_label = (text.ends_with(':') || text.ends_with(":**"))
            && !label.is_empty()
            && value.is_empty()
            && !markers::is_signoff_heading(label);
        if !(fill_in || role_label || checked.is_some())
            || !(by_slot || signoffs::names_a_role(&text))
        {
            return;
        }
        self.last_role = None;
        self.pending_role = None;
        if let Some(signoff) = signoffs::from_line(&text, checked, group, span) {
            if role_label {
                self.pending_role = Some(signoff);
            } else {
                self.checklist.signoffs.push(signoff);
            }
        }
    }

    /// Keeps the first overall score the document claims, a named claim over bare points
    /// (`**Total**: 100/100` under one phase is its subtotal, `Total Weighted Score: 98.2%` the
    /// document's); a later, different claim of the same kind is noted.
    fn declared_score_in(&mut self, line: &str, span: Span) {
        let Some((value, claim)) = markers::declared_score_claim(line) else {
            return;
        };
        match self.score_claim {
            // A weaker claim than the one kept says nothing about the whole document.
            Some(kept) if kept > claim => {}
            Some(kept) if kept == claim => {
                if let Some(first) = &self.checklist.declared_score
                    && (first.value - value).abs() > f64::EPSILON
                {
                    let message = format!(
                        "the checklist claims {value}% here but {}% at {}",
                        first.value, first.span
                    );
                    self.checklist
                        .notices
                        .push(Notice::new(message, Some(span)));
                }
            }
            _ => {
                self.checklist.declared_score = Some(DeclaredScore { value, span });
                self.score_claim = Some(claim);
            }
        }
    }

    /// An image inside an item ended. A priority badge opening the item (after its bold lead,
    /// if any) sets its priority and stays out of the title; any other image's alt text is
    /// part of the item's words, as before.
    fn image_done(&mut self) {
        let Some(frame) = self.frames.last_mut() else {
            return;
        };
        let Some(alt) = frame.image.take() else {
            return;
        };
        let before = frame.text.trim();
        let opens = before.is_empty()
            || frame
                .lead
                .as_deref()
                .is_some_and(|lead| lead.trim() == before);
        if opens && frame.badge.is_none() {
            let critical = self.critical_badges;
            if let Some(frame) = self.frames.last_mut()
                && let Some(priority) = markers::badge_priority(&alt, critical)
            {
                frame.badge = Some(priority);
                return;
            }
        }
        self.text(&alt);
    }

    /// A rule the document states about its own items (`Do not launch if any P0 item is
    /// unchecked`), kept so the gate can honour it.
    fn stated_rule_in(&mut self, line: &str, span: &Span) {
        if let Some(priority) = markers::stated_rule(line) {
            let text = markers::collapse_spaces(line)
                .trim_matches(|c: char| c == '*' || c == '_' || c == '>' || c.is_whitespace())
                .to_owned();
            self.checklist.stated_rules.push(StatedRule {
                priority,
                text,
                span: span.clone(),
            });
        }
    }

    fn item_done(&mut self) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        let span = self.span(frame.line);
        let in_signoff = self.current_signoff();
        let group = if in_signoff {
            self.signoff_group()
        } else {
            None
        };
        let own_text = markers::collapse_spaces(&frame.text);

        let Some(checked) = frame.checked else {
            self.stated_rule_in(&own_text, &span);
            // A plain bullet: a note of the task above it, or (in a sign-off section) a fill-in line.
            let mut signoffs = frame.signoffs;
            let mut children = frame.children;
            // `* **How can someone know that it is working?**` over boxes: their options.
            if own_text.trim_end().ends_with('?') && markers::are_options(&children) {
                tag_choices(&mut children);
                self.choice_notice(&(own_text.clone(), span.line));
            }
            if in_signoff && self.frames.is_empty() && !self.notes_label {
                if signoffs::is_field_label(own_text.split(':').next().unwrap_or_default()) {
                    self.signoff_line(&own_text, None, group.as_deref(), span);
                } else if signoffs::names_a_role(&own_text)
                    && let Some(s) = signoffs::from_line(&own_text, None, group.as_deref(), span)
                {
                    signoffs.insert(0, s);
                }
            }
            match self.frames.last_mut() {
                Some(parent) => {
                    if parent.checked.is_some() && !own_text.is_empty() {
                        parent.notes.push(own_text);
                    }
                    parent.notes.extend(frame.notes);
                    parent.children.extend(children);
                    parent.signoffs.extend(signoffs);
                }
                None => {
                    self.checklist.signoffs.extend(signoffs);
                    self.attach_items(children);
                }
            }
            return;
        };

        // Under a sign-off heading, a box that names a role is a sign-off; a criterion written
        // there ("Test plan is in place") stays a criterion and is scored.
        if in_signoff && (own_text.is_empty() || signoffs::names_a_role(&own_text)) {
            let mut signoffs = frame.signoffs;
            if let Some(s) =
                signoffs::from_line(&own_text, Some(checked), group.as_deref(), span.clone())
            {
                signoffs.insert(0, s);
            } else {
                // A box with no text is still a box: keep the count right.
                signoffs.insert(
                    0,
                    SignOff {
                        group,
                        role: "(unnamed)".into(),
                        name: None,
                        date: None,
                        signed: checked,
                        checkbox: true,
                        span,
                    },
                );
            }
            match self.frames.last_mut() {
                Some(parent) => parent.signoffs.extend(signoffs),
                None => self.checklist.signoffs.extend(signoffs),
            }
            return;
        }

        let parsed = markers::item_text(&own_text);
        let title = item_title(frame.lead.as_deref(), &own_text, parsed.title);
        let section_phase = self
            .label_phase
            .or_else(|| self.open.last().map(|s| s.phase))
            .unwrap_or(Phase::PreLaunch);
        let phase = if parsed.tags.contains(&Tag::PostLaunch) {
            Phase::PostLaunch
        } else {
            section_phase
        };
        let extra = Extra {
            text: Item::text_beside(&title, markers::strip_marks(&own_text)),
            marks: parsed.marks.into(),
            notes: frame.notes.into(),
            restates: ThinVec::new(),
            probe_refs: frame.probe_refs.into(),
        };
        let mut item = Item::new(title.into(), checked, span, extra);
        item.tags = parsed.tags.into();
        item.priority = parsed
            .priority
            .or(frame.badge)
            .or_else(|| self.inherited_priority());
        item.phase = phase;
        // Under `NO-GO Conditions`, a box names a state that stops the launch, not work.
        if (self.stop_level.is_some() || self.stop_label)
            && !item.tags.contains(&Tag::StopCondition)
        {
            item.tags.push(Tag::StopCondition);
            item.tags.sort();
        }
        let mut children = frame.children;
        // Sub-items take their parent's priority, unless some carry their own markers: then
        // an unmarked one was left unmarked on purpose (`(R) Test plan` over `(R) GA e2e tests`
        // and a plain `e2e Tests for all Beta API Operations`).
        if children.iter().all(|c| c.priority.is_none()) {
            for child in &mut children {
                child.priority = item.priority;
            }
        }
        // The boxes under a question ("How can this feature be enabled?"), or a set of answers
        // (Yes / No, Go / No-Go, Other), are the options of a choice, not work.
        if (own_text.trim_end().ends_with('?') && markers::are_options(&children))
            || children.len() >= 2 && children.iter().all(|c| markers::is_answer(&c.title))
        {
            tag_choices(&mut children);
            self.choice_notice(&(item.title.to_string(), item.span.line));
        }

        let flatten = frame.task_depth > MAX_ITEM_DEPTH;
        if flatten && !self.flattened {
            self.flattened = true;
            self.checklist
                .notices
                .push(nested_too_deep(item.span.clone()));
        }
        let mut out = Vec::with_capacity(1);
        if flatten {
            out.push(item);
            out.extend(children);
        } else {
            item.children = children.into();
            out.push(item);
        }
        match self.frames.last_mut() {
            Some(parent) => {
                parent.children.extend(out);
                parent.signoffs.extend(frame.signoffs);
            }
            None => {
                self.checklist.signoffs.extend(frame.signoffs);
                self.attach_items(out);
            }
        }
    }

    /// The items of the section being read (or before the first heading).
    fn container_items(&mut self) -> &mut ThinVec<Item> {
        match self.open.last_mut() {
            Some(open) => &mut open.items,
            None => &mut self.checklist.loose_items,
        }
    }

    fn choice_notice(&mut self, (question, line): &(String, u32)) {
        let span = self.span(*line);
        self.checklist.notices.push(Notice::new(
            format!(
                "the boxes answering \"{question}\" are the options of a choice, not work: \
                 left out of the score"
            ),
            Some(span),
        ));
    }

    fn attach_items(&mut self, items: Vec<Item>) {
        match self.open.last_mut() {
            Some(open) => open.items.extend(items),
            None => self.checklist.loose_items.extend(items),
        }
    }

    fn table_done(&mut self, table: TableState) {
        if self.current_signoff() {
            let group = self.signoff_group();
            let found = signoffs::from_table(&table.header, &table.rows, group.as_deref());
            self.checklist.signoffs.extend(found);
        } else if let Some(rows) = WeightRow::from_table(&table.header, &table.rows)
            && self.weight_tables.len() < MAX_WEIGHT_TABLES
        {
            self.weight_tables.push(rows);
        } else if let Some(column) = markers::status_column(&table.header) {
            // `| Area | Ready? |` with `| Security | ✅ |`: a claim about the Security section,
            // checked against its items like a status line under its heading.
            for (row, span) in table.rows {
                if let (Some(name), Some(cell)) = (row.first(), row.get(column))
                    && markers::claims_done(cell)
                {
                    self.status_rows
                        .push((markers::heading_key(name), cell.clone(), span));
                }
            }
        }
    }

    /// Gives each section a status table claims done that claim, unless the section states its
    /// own status; rows that name no section are left alone.
    fn apply_status_rows(&mut self) {
        if self.status_rows.is_empty() {
            return;
        }
        let mut rows: HashMap<String, (String, Span)> = HashMap::default();
        for (words, cell, span) in std::mem::take(&mut self.status_rows) {
            if !words.is_empty() {
                rows.entry(words).or_insert((cell, span));
            }
        }
        let mut stack: Vec<&mut Section> = self.checklist.root.iter_mut().collect();
        while let Some(section) = stack.pop() {
            if section.declared_status.is_none()
                && let Some((cell, span)) = rows.get(&markers::heading_key(&section.title))
            {
                section.declared_status = Some(Box::new(DeclaredStatus {
                    text: cell.clone(),
                    mark: Some(Mark::Done),
                    span: span.clone(),
                }));
            }
            stack.extend(section.sections.iter_mut());
        }
    }

    pub(crate) fn finish(mut self) -> Parsed {
        // Unclosed list items cannot happen with a well-formed event stream; close them anyway.
        while !self.frames.is_empty() {
            self.item_done();
        }
        while !self.open.is_empty() {
            self.close_section();
        }
        if self.checklist.title.is_none() {
            self.checklist.title = self.front_title.take();
        }
        self.apply_status_rows();
        if self.point_headings.len() == 1 {
            // One heading with points (`Step (1/3)`) weighs nothing against unweighted siblings.
            let line = self.point_headings[0];
            for root in &mut self.checklist.root {
                clear_points(root, line);
            }
        }
        if let (count @ 2.., Some(line)) = self.code_boxes {
            self.checklist.notices.push(Notice::new(
                format!(
                    "{count} task boxes are inside code blocks, where GitHub shows them as text, \
                     so they are not counted; take the checklist out of the code block to gate it"
                ),
                Some(Span::at(&self.path, line)),
            ));
        }
        Parsed {
            checklist: self.checklist,
            weight_tables: self.weight_tables,
        }
    }
}

fn clear_points(section: &mut Section, line: u32) {
    let mut stack = vec![section];
    while let Some(s) = stack.pop() {
        if s.span.line == line {
            s.weight = None;
            s.declared_score = None;
        }
        stack.extend(s.sections.iter_mut());
    }
}

/// The item's title: its own words. A bold lead is the title (`**Unit Test Coverage**: 89%`),
/// unless it is a label — ending in a colon inside the bold (`**CRIT-001:** Fix prompt
/// injection`) or an identifier (`**SEC-12** Rotate keys`, `**PASS/FAIL**: …`) — whose words
/// after it are the title.
fn item_title(lead: Option<&str>, own_text: &str, parsed: String) -> String {
    let Some(lead) = lead.map(markers::collapse_spaces).filter(|l| !l.is_empty()) else {
        return parsed;
    };
    if lead.len() >= own_text.len() {
        return parsed;
    }
    let label = lead.ends_with(':') || markers::is_identifier(&lead);
    if !label {
        return markers::item_text(&lead).title;
    }
    let rest = own_text
        .strip_prefix(lead.as_str())
        .unwrap_or(own_text)
        .trim_start_matches(|c: char| c == ':' || c == '-' || c == '–' || c.is_whitespace());
    let title = markers::item_text(rest).title;
    if title.is_empty() {
        markers::item_text(lead.trim_end_matches(':')).title
    } else {
        title
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Marks the options of one choice, which leave the score.
fn tag_choices(options: &mut [Item]) {
    for option in options {
        option.tags.push(Tag::Choice);
    }
}

#[cfg(test)]
mod tests {
    use crate::checklist::reading::{reads_same_in_pieces, whole as parse};
    use crate::model::{Checklist, Item, Phase, Priority, Tag};

    /// Every checklist these tests read is also read cut at every heading the scanner allows,
    /// and must come out the same.
    fn read(markdown: &str) -> Checklist {
        assert!(reads_same_in_pieces(markdown), "{markdown}");
        parse("t.md", markdown).expect("parses").checklist
    }

    /// The checklists we ship and test with, and the shared corpus when it sits beside the
    /// checkout, read whole and in the smallest pieces, give the same tree, notices and errors.
    #[test]
    fn pieces_read_as_the_whole() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dirs = [
            "checklists/example",
            "checklists/templates",
            "tests/fixtures/markdown",
            "tests/fixtures/fuzz/markdown",
            "tests/fixtures/seeds",
            "../shared/corpus/markdown",
        ];
        let mut read = 0;
        for dir in dirs {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                continue;
            };
            for entry in entries.flatten() {
                let Ok(text) = std::fs::read_to_string(entry.path()) else {
                    continue;
                };
                let path = entry.path();
                assert!(
                    reads_same_in_pieces(&text),
                    "{} reads differently in pieces",
                    path.display()
                );
                read += 1;
            }
        }
        assert!(read >= 8, "only {read} checklists found");
    }

    #[test]
    fn a_cut_inside_a_block_the_scanner_missed_reads_the_rest_whole() {
        for (text, sections) in [
            (
                "<pre>\n\n# not a heading\n\n</pre>\n\n# A\n\n- [ ] a\n",
                &["A"][..],
            ),
            (
                "- [ ] a\n\n  ```\n\n# a heading: the list item ended\n\n- [x] b\n",
                &["a heading: the list item ended"][..],
            ),
            ("<script>\n\n# code\n\n</script>\n- [ ] c\n", &[][..]),
        ] {
            let checklist = read(text);
            let titles: Vec<&str> = checklist.sections().map(|s| &*s.title).collect();
            assert_eq!(titles, sections, "{text}");
        }
    }

    fn titles(checklist: &Checklist) -> Vec<String> {
        checklist.items().map(|i| i.title.to_string()).collect()
    }

    #[test]
    fn headings_nest_into_sections_with_numbers() {
        let c =
            read("# Launch\n## 2. Security\n### 2.1 Secrets\n- [x] Vault\n## 3 Ops\n- [ ] Pager\n");
        let top = &c.root[0];
        assert_eq!(&*top.title, "Launch");
        let security = &top.sections[0];
        assert_eq!(
            (security.number.as_deref(), &*security.title),
            (Some("2"), "Security")
        );
        assert_eq!(security.sections[0].number.as_deref(), Some("2.1"));
        assert_eq!(security.sections[0].items[0].span.line, 4);
        assert_eq!(top.sections[1].heading(), "3 Ops");
    }

    #[test]
    fn items_before_the_first_heading_are_loose() {
        let c = read("- [x] early\n# Later\n- [ ] late\n");
        assert_eq!(c.loose_items.len(), 1);
        assert_eq!(titles(&c), ["early", "late"]);
    }

    #[test]
    fn priority_and_phase_headings_reach_their_items() {
        let c = read(
            "## Go/No-Go\n### Must Have\n- [ ] a\n### Should Have\n- [ ] b\n### Nice to Have\n- [ ] c\n\
             ## Post-Launch\n- [ ] d\n",
        );
        let items: Vec<&Item> = c.items().collect();
        let priorities: Vec<Option<Priority>> = items.iter().map(|i| i.priority).collect();
        assert_eq!(
            priorities,
            [
                Some(Priority::Must),
                Some(Priority::Should),
                Some(Priority::Nice),
                None
            ]
        );
        assert_eq!(items[3].phase, Phase::PostLaunch);
    }

    #[test]
    fn tags_and_notes_are_read_from_the_item() {
        let c = read(
            "## A\n- [x] **Load test** - PARTIAL (see report)\n  - ran at 2x peak\n- [ ] Pen test - OPTIONAL\n",
        );
        let items: Vec<&Item> = c.items().collect();
        assert_eq!(&*items[0].title, "Load test");
        assert_eq!(items[0].tags, [Tag::Partial]);
        assert_eq!(items[0].notes(), ["ran at 2x peak"]);
        assert_eq!(items[1].tags, [Tag::Optional]);
    }

    #[test]
    fn children_nest_and_deep_lists_flatten_once() {
        let c = read("## A\n- [x] parent\n  - [ ] child\n    - [x] grandchild\n");
        let parent = &c.root[0].items[0];
        assert_eq!(&*parent.children[0].children[0].title, "grandchild");
        let mut deep = String::from("## A\n");
        for depth in 0..20 {
            deep.push_str(&format!("{}- [ ] level {depth}\n", "  ".repeat(depth)));
        }
        let c = read(&deep);
        assert_eq!(c.items().count(), 20, "no item is lost");
        let notices: Vec<&str> = c.notices.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(
            notices
                .iter()
                .filter(|n| n.contains("nested deeper"))
                .count(),
            1,
            "{notices:?}"
        );
    }

    #[test]
    fn sign_off_sections_hold_roles_not_criteria() {
        let c = read("## Build\n- [x] a\n## Sign-Off\n- [x] SRE Lead\n- [ ] QA Lead\n");
        assert_eq!(titles(&c), ["a"]);
        let roles: Vec<(&str, bool)> = c
            .signoffs
            .iter()
            .map(|s| (s.role.as_str(), s.signed))
            .collect();
        assert_eq!(roles, [("SRE Lead", true), ("QA Lead", false)]);
        assert_eq!(
            c.task_boxes().items,
            3,
            "sign-off boxes are still task boxes"
        );
    }

    #[test]
    fn probe_comments_bind_the_item_they_follow() {
        let c = read("## A\n- [x] API healthy <!-- probe: api-health, api-tls -->\n");
        assert_eq!(c.root[0].items[0].probe_refs(), ["api-health", "api-tls"]);
    }

    #[test]
    fn front_matter_policy_is_read_and_not_a_section() {
        let c = read("---\nready:\n  threshold: 75\n---\n# T\n- [x] a\n");
        assert_eq!(c.policy.and_then(|p| p.threshold), Some(75.0));
        assert_eq!(c.root.len(), 1);
        let err = parse("t.md", "---\nready:\n  threshhold: 75\n---\n- [x] a\n").expect_err("typo");
        assert!(err.to_string().starts_with("t.md:3"), "{err}");
    }

    fn roles(checklist: &Checklist) -> Vec<(String, bool)> {
        checklist
            .signoffs
            .iter()
            .map(|s| (s.role.clone(), s.signed))
            .collect()
    }

    /// Class 1: a title that names approval does not make every section a sign-off.
    #[test]
    fn a_title_with_approval_in_it_is_not_a_signoff_section() {
        let c = read(
            "# Release Approval Checklist\n## Tests\n- [ ] unit tests pass\n- [x] e2e green\n\
             ## Approvals\n- [ ] QA Lead\n",
        );
        assert_eq!(titles(&c), ["unit tests pass", "e2e green"]);
        assert_eq!(roles(&c), [("QA Lead".to_owned(), false)]);
    }

    /// Class 2: criteria under a sign-off heading stay criteria; roles stay roles.
    #[test]
    fn criteria_under_a_signoff_heading_are_scored() {
        let c = read(
            "## Release Sign-off Checklist\n- [ ] Test plan is in place\n\
             - [x] Production readiness review approved\n- [x] Release Manager\n\
             - [ ] Stakeholder Approval\n- [ ] Legal/Compliance\n",
        );
        assert_eq!(
            titles(&c),
            [
                "Test plan is in place",
                "Production readiness review approved"
            ]
        );
        let names: Vec<String> = roles(&c).into_iter().map(|(r, _)| r).collect();
        assert_eq!(
            names,
            [
                "Release Manager",
                "Stakeholder Approval",
                "Legal/Compliance"
            ]
        );
    }

    /// Class 3: a signature block's field labels fill in the approver above them.
    #[test]
    fn signature_block_fields_belong_to_their_role() {
        let c = read(
            "## Sign-Off\n\n**CTO / IT Director:**\n\nSignature: ________\n\nPrint Name: Ada Lovelace\n\n\
             Date: 2026-11-30\n\n**Sign-off (name + date/time):** ________\n\n- [ ] [REPLACE: Role]\n",
        );
        let found: Vec<(&str, Option<&str>, Option<&str>, bool)> = c
            .signoffs
            .iter()
            .map(|s| {
                (
                    s.role.as_str(),
                    s.name.as_deref(),
                    s.date.as_deref(),
                    s.signed,
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "CTO / IT Director",
                    Some("Ada Lovelace"),
                    Some("2026-11-30"),
                    true
                ),
                ("[REPLACE: Role]", None, None, false),
            ]
        );
        assert!(c.items().next().is_none(), "no criteria here");
    }

    /// Class 4: a bold label heads a sign-off list; sign-off tables with other column names;
    /// sign-off words in other languages.
    #[test]
    fn other_signoff_shapes_and_languages() {
        let c = read(
            "## Deploy\n- [x] migrate\n\n**Approval Signatures**:\n\n- [ ] Tech Lead: ____ Date: ___\n",
        );
        assert_eq!(titles(&c), ["migrate"]);
        assert_eq!(roles(&c), [("Tech Lead".to_owned(), false)]);
        let c = read(
            "## Approvals\n| Role | Owner | Status |\n|---|---|---|\n| SRE | Lin | ✅ |\n| QA | | |\n",
        );
        assert_eq!(
            roles(&c),
            [("SRE".to_owned(), true), ("QA".to_owned(), false)]
        );
        let c = read(
            "## Signatures\n| Signer | Signature | Date |\n|---|---|---|\n| CTO | Ada | 2026-01-02 |\n",
        );
        assert_eq!(roles(&c), [("CTO".to_owned(), true)]);
        for heading in [
            "Freigabe",
            "Aprobación",
            "Approbation",
            "签字审批",
            "承認",
            "승인",
            "Onay",
            "Утверждение",
            "Aprovação",
            "Reviewers",
        ] {
            let c = read(&format!(
                "## Build\n- [x] a\n## {heading}\n- [ ] Produktverantwortlicher\n"
            ));
            assert_eq!(titles(&c), ["a"], "{heading}");
            assert_eq!(c.signoffs.len(), 1, "{heading}");
        }
    }

    /// Reviewer slots with a placeholder name are unsigned roles; a command or a check of the
    /// items above, written under a sign-off heading, is a criterion.
    #[test]
    fn reviewer_slots_are_roles_and_commands_criteria() {
        let c = read(
            "### Reviewers\n#### Mandatory\n- [ ] Reliability: reviewer name\n- [ ] Security: reviewer name\n\
             ## Final Sign-off\n- [x] All items above checked\n  _Validated: 2026-03-01_\n\
             - [x] `pnpm run verify:full` exits 0\n",
        );
        assert_eq!(
            roles(&c),
            [
                ("Reliability".to_owned(), false),
                ("Security".to_owned(), false)
            ]
        );
        assert!(
            c.signoffs.iter().all(|s| s.name.is_none()),
            "a placeholder is no name"
        );
        assert_eq!(titles(&c).len(), 2, "{:?}", titles(&c));
    }

    /// Signatures as a security topic are criteria, and an identifier lead is no role.
    #[test]
    fn digital_signatures_are_a_topic_not_a_signoff() {
        let c = read(
            "## Digital signatures, timestamping, and long-term validation\n\
             - [ ] **USEQ-A173C360:** Signatures are verified before use\n\
             - [ ] **USEQ-1223A7F4:** Timestamps come from a trusted authority\n",
        );
        assert!(c.signoffs.is_empty(), "{:?}", c.signoffs);
        assert_eq!(titles(&c).len(), 2);
    }

    /// Class 11: a phase's `**Total**: 100/100` is its subtotal; the document's own named
    /// claim is its declared score.
    #[test]
    fn a_named_score_outranks_a_subtotal() {
        let c = read(
            "## Phase 0\n- [x] a\n\n**Total**: 100/100\n\n## Phase 1\n- [ ] b\n\n**Total**: 90/100\n\n\
             ## Overall\n\n### **Total Weighted Score: 98.2%** ✅\n",
        );
        let declared = c.declared_score.as_ref().map(|d| (d.value, d.span.line));
        assert_eq!(declared, Some((98.2, 13)));
    }

    /// Class 3: a bold label over a code block is no role; one over its fields is.
    #[test]
    fn a_role_label_needs_its_fields() {
        let c = read(
            "## Sign-off\n\n**Antes de deploy:**\n\n```text\nDeveloper: @alice\n```\n\n\
             **CTO:**\n\nSignature: ____\n\nDate: 2026-01-02\n",
        );
        assert_eq!(roles(&c), [("CTO".to_owned(), false)]);
        assert_eq!(c.signoffs[0].date.as_deref(), Some("2026-01-02"));
    }

    /// Class 6: a group label names the phase of the list it heads, until the next label or
    /// heading.
    #[test]
    fn a_label_gives_its_list_a_phase() {
        let c = read(
            "## Mejora Continua\n\nDespués de cada deploy:\n\n- [ ] Retro rápida\n\n\
             **Rollback inmediato si:**\n\n- [ ] Funcionalidad crítica rota\n\n**Proceso:**\n\n- [ ] Notificar\n",
        );
        let phases: Vec<Phase> = c.items().map(|i| i.phase).collect();
        assert_eq!(
            phases,
            [Phase::PostLaunch, Phase::Contingency, Phase::PreLaunch]
        );
    }

    /// Class 7: a leading icon is decoration; a trailing or sole mark is a status claim.
    #[test]
    fn leading_icons_are_decoration_and_trailing_marks_claims() {
        let c =
            read("# ✅ Production Checklist\n## 🔐 Security\n- [ ] a\n## 1. Testing ✅\n- [ ] b\n");
        let top = &c.root[0];
        assert_eq!(&*top.title, "Production Checklist");
        assert!(top.declared_status.is_none());
        assert_eq!(&*top.sections[0].title, "Security");
        assert!(top.sections[0].declared_status.is_none());
        assert!(
            top.sections[1].declared_status.is_some(),
            "a trailing ✅ is a claim"
        );
        let c = read("## ✅\n- [ ] a\n");
        assert!(
            c.root[0].declared_status.is_some(),
            "a sole mark is a claim"
        );
    }

    /// Class 10: code blocks inside an item are notes; a bold label is not the title.
    #[test]
    fn titles_are_the_items_own_words() {
        let c = read(
            "## A\n- [ ] Local tests pass\n  ```sh\n  npm run dev\n  curl localhost\n  ```\n\
             - [ ] **CRIT-001:** Fix prompt injection in the search box\n\
             - [ ] **PASS/FAIL**: login works with SSO\n- [x] **Unit Test Coverage**: 89%\n",
        );
        let items: Vec<&Item> = c.items().collect();
        assert_eq!(&*items[0].title, "Local tests pass");
        assert_eq!(items[0].text(), "Local tests pass");
        assert_eq!(items[0].notes(), ["npm run dev curl localhost"]);
        assert_eq!(&*items[1].title, "Fix prompt injection in the search box");
        assert_eq!(&*items[2].title, "login works with SSO");
        assert_eq!(&*items[3].title, "Unit Test Coverage");
    }

    /// Class 12: a checklist kept in a code block is not counted, and the reader says so.
    #[test]
    fn boxes_in_code_blocks_are_reported() {
        let c = read(
            "# Release\nCopy this:\n\n```\n- [ ] tests pass\n- [ ] docs updated\n```\n- [x] real\n",
        );
        assert_eq!(c.task_boxes().items, 1);
        let notice = c
            .notices
            .iter()
            .find(|n| n.message.contains("inside code blocks"))
            .expect("notice");
        assert!(notice.message.starts_with("2 task boxes"), "{notice}");
        assert_eq!(notice.span.as_ref().map(|s| s.line), Some(5));
    }

    /// Class 11: points in headings are weights with a declared score; a points total is the
    /// declared overall score.
    #[test]
    fn points_in_headings_and_totals() {
        let c = read(
            "# Audit\n## Infrastructure (40/40)\n- [x] a\n## Security (15/30)\n- [ ] b\n\n**TOTAL: 55/70 - READY**\n",
        );
        let sections = &c.root[0].sections;
        assert_eq!(&*sections[0].title, "Infrastructure");
        assert_eq!(
            (sections[0].weight, sections[0].declared_score),
            (Some(40.0), Some(100.0))
        );
        assert_eq!(
            (sections[1].weight, sections[1].declared_score),
            (Some(30.0), Some(50.0))
        );
        let declared = c.declared_score.expect("declared").value;
        assert!((declared - 55.0 / 70.0 * 100.0).abs() < 1e-9, "{declared}");
        let c = read("## Step (1/3)\n- [x] a\n## Other\n- [ ] b\n");
        assert_eq!(
            c.root[0].weight, None,
            "one heading with points is a step count, not a weight"
        );
    }

    /// Past the list-item limit (lowered for tests) the reader stops with a located error.
    #[test]
    fn list_items_past_the_limit_are_a_located_error() {
        use super::MAX_LIST_ITEMS;
        let text = "- [ ] a\n".repeat(MAX_LIST_ITEMS);
        assert!(parse("t.md", &text).is_ok());
        let text = format!("{text}- b\n");
        let error = parse("t.md", &text)
            .expect_err("one item too many")
            .to_string();
        assert!(
            error.starts_with(&format!(
                "t.md:{}: more than {MAX_LIST_ITEMS} list items",
                MAX_LIST_ITEMS + 1
            )),
            "{error}"
        );
    }

    /// Class 5: a priority badge opening an item (`![High][high_img]`), on the scale the
    /// document uses; other images stay part of the words.
    #[test]
    fn image_badges_set_the_priority_on_the_documents_scale() {
        let c = read(
            "## Head\n- [ ] **Doctype:** ![High][h] The doctype is HTML5.\n\
             - [ ] ![Medium][m] Favicons display.\n- [ ] **Tiles:** ![Low][l] Tiles present.\n\
             - [ ] Screenshot ![the page](p.png) attached\n\n[h]: h.png\n[m]: m.png\n[l]: l.png\n",
        );
        let items: Vec<(&str, Option<Priority>)> =
            c.items().map(|i| (&*i.title, i.priority)).collect();
        assert_eq!(
            items,
            [
                ("The doctype is HTML5.", Some(Priority::Must)),
                ("Favicons display.", Some(Priority::Should)),
                ("Tiles present.", Some(Priority::Nice)),
                ("Screenshot the page attached", None),
            ]
        );
        let c = read(
            "## A\n- [ ] ![Critical](c.png) Patch CVE\n- [ ] ![High](h.png) Rotate keys\n\
             - [ ] ![Medium](m.png) Tidy logs\n",
        );
        let priorities: Vec<Option<Priority>> = c.items().map(|i| i.priority).collect();
        assert_eq!(
            priorities,
            [
                Some(Priority::Must),
                Some(Priority::Should),
                Some(Priority::Nice)
            ],
            "beside a Critical level, High is the second level"
        );
    }

    /// A NO-GO conditions list holds states that stop the launch, not work; `GO Conditions`
    /// are must-haves and `Go/No-Go Criteria` names the decision, neither side.
    #[test]
    fn no_go_conditions_are_stop_conditions() {
        let c = read(
            "## Go/No-Go Decision Criteria\n### GO Conditions\n- [x] Tests green\n\
             ### NO-GO Conditions\n- [ ] Provider unstable\n  - [x] Error rate above 5%\n\
             ## Later\n- [ ] Docs\n\n**Abort criteria:**\n- [ ] Data loss seen\n",
        );
        let found: Vec<(&str, Option<Priority>, bool)> = c
            .items()
            .map(|i| (&*i.title, i.priority, i.tags.contains(&Tag::StopCondition)))
            .collect();
        assert_eq!(
            found,
            [
                ("Tests green", Some(Priority::Must), false),
                ("Provider unstable", None, true),
                ("Error rate above 5%", None, true),
                ("Docs", None, false),
                ("Data loss seen", None, true),
            ]
        );
        let holds: Vec<&str> = c
            .items()
            .filter(|i| i.stop_condition_holds())
            .map(|i| &*i.title)
            .collect();
        assert_eq!(holds, ["Error rate above 5%"]);
        let c = read("## Go/No-Go Criteria\n- [ ] Tests green\n");
        let item = c.items().next().expect("an item");
        assert_eq!((item.priority, item.tags.to_vec()), (None, vec![]));
    }

    /// "Do not launch if any P1 item is unchecked": the rule is kept with the priority it covers.
    #[test]
    fn rules_the_document_states_are_kept() {
        let c = read(
            "# Release\n> Do not launch if any P1 item is unchecked.\n\n\
             - All Critical items must be done before go-live\n\
             - Never release while a Should item is open\n\
             - Do not launch if the weather is bad.\n\
             - No go-live until all P2 items are done.\n\n\
             Do not deploy if any item is unchecked.\n",
        );
        let rules: Vec<(Priority, u32)> = c
            .stated_rules
            .iter()
            .map(|r| (r.priority, r.span.line))
            .collect();
        assert_eq!(
            rules,
            [
                (Priority::Should, 2),
                (Priority::Must, 4),
                (Priority::Should, 5),
                (Priority::Nice, 7),
            ]
        );
        assert_eq!(
            c.stated_rules[0].text,
            "Do not launch if any P1 item is unchecked."
        );
    }

    /// A "READY TO GO LIVE?" table claims each area it marks ✅ is done, like a status line.
    #[test]
    fn status_tables_claim_the_sections_they_name() {
        let c = read(
            "## ✅ READY TO GO LIVE?\n\n| Area | Ready? |\n|---|---|\n| 1. Security | ✅ |\n\
             | Performance | Yes |\n| Docs | ❌ |\n| Unknown | ✅ |\n\n\
             ## Security\n- [ ] Secrets rotated\n## Performance\n**Status:** ⏳ in progress\n\n\
             - [x] Load test\n## Docs\n- [ ] Runbook\n",
        );
        let claims: Vec<(&str, Option<(String, u32)>)> = c
            .sections()
            .map(|s| {
                (
                    &*s.title,
                    s.declared_status
                        .as_ref()
                        .map(|d| (d.text.clone(), d.span.line)),
                )
            })
            .collect();
        // The Performance section's own status line outranks the table.
        assert_eq!(
            claims,
            [
                ("READY TO GO LIVE?", None),
                ("Security", Some(("✅".to_owned(), 5))),
                ("Performance", Some(("⏳ in progress".to_owned(), 13))),
                ("Docs", None),
            ]
        );
    }

    /// Class 5: a priority marked on the item itself.
    #[test]
    fn item_markers_set_the_priority() {
        let c = read(
            "## A\n- [ ] Backups restore (R)\n- [ ] Docs [P1]\n- [ ] Polish\n\
             - [ ] Critical bug (P0) discovered ⏳\n- [ ] [P0] Fix login\n",
        );
        let items: Vec<&Item> = c.items().collect();
        assert_eq!(items[0].priority, Some(Priority::Must));
        assert_eq!(&*items[0].title, "Backups restore");
        assert_eq!(items[1].priority, Some(Priority::Should));
        assert_eq!(items[2].priority, None);
        assert_eq!(
            items[3].priority, None,
            "a marker inside the words qualifies a word"
        );
        assert_eq!(&*items[3].title, "Critical bug (P0) discovered");
        assert_eq!(items[4].priority, Some(Priority::Must));
        let c = read(
            "## A\n- [ ] (R) Test plan is in place\n  - [ ] e2e Tests for all Beta API Operations\n\
             \x20 - [ ] (R) GA e2e tests meet requirements\n- [ ] (R) Docs\n  - [ ] README\n",
        );
        let priorities: Vec<Option<Priority>> = c.items().map(|i| i.priority).collect();
        assert_eq!(
            priorities,
            [
                Some(Priority::Must),
                None,
                Some(Priority::Must),
                Some(Priority::Must),
                Some(Priority::Must)
            ],
            "an unmarked sub-item beside marked ones keeps no priority; otherwise it inherits"
        );
    }
}
