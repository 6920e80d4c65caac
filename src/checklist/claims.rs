//! The lines of a Markdown checklist that state facts about the checklist itself, read into
//! [`Claim`]s for the linter: tallies (`Current: 4/6 (67%)`), conditions (`✅ Complete all "Must
//! Have" items (2 pending)`), thresholds (`>90% overall readiness (currently 90%)`), score bands
//! (`Nearly Ready (75-90%): Testing`), dates (`Target Go-Live: November 19, 2025`), the
//! `ready-lint-disable` comments and headings with nothing under them.
//!
//! This reads lines rather than the Markdown event stream: every claim is one line, and a line
//! keeps the column a finding points at. Code blocks and front matter are skipped, and task
//! lines are the Markdown reader's: claims never come from a box's own text.

use std::sync::LazyLock;

use jiff::civil::Date;

use crate::checklist::markers::{self, regex};
use crate::files::{DIGITS, Guarded, Pattern};
use crate::model::{
    Checklist, Claim, ClaimKind, Comparison, DateKind, FileName, Mark, Priority, Span, Suppression,
    TextLine,
};

/// Reads every claim, suppression and empty heading of the lines it is given, in order, into
/// a checklist. Given lines, not a text, so that a checklist too long to hold whole is read a
/// block at a time (see `reading`).
pub(crate) struct Reader {
    path: FileName,
    content: ContentLines,
    pending_suppressions: Vec<Suppression>,
    headings: Vec<(u32, usize, bool)>,
    suppressions: Vec<Suppression>,
    claims: Vec<Claim>,
    text_lines: Vec<TextLine>,
}

impl Reader {
    pub(crate) fn new(path: &str) -> Self {
        Self {
            path: FileName::new(path),
            content: ContentLines::default(),
            pending_suppressions: Vec::new(),
            headings: Vec::new(),
            suppressions: Vec::new(),
            claims: Vec::new(),
            text_lines: Vec::new(),
        }
    }

    /// Reads line `number` (1-based, without its line feed); lines come in order.
    pub(crate) fn line(&mut self, number: u32, line: &str) {
        if !self.content.holds(number, line) {
            return;
        }
        // Made only for a line that holds something.
        let path = &self.path;
        let span = || Span::at(path, number);
        if let Some(found) = suppression(line, span) {
            if found.line.is_some() {
                self.pending_suppressions.push(found);
            } else {
                self.suppressions.push(found);
            }
            return;
        }
        let blank = line.trim().is_empty();
        if !blank && !line.trim_start().starts_with("<!--") {
            for mut waiting in self.pending_suppressions.drain(..) {
                waiting.line = Some(number);
                self.suppressions.push(waiting);
            }
        }
        if let Some(level) = heading_level(line) {
            // A title (`#`), a heading that holds its own value (`### Deploy window: ____`) and
            // one the author marks optional are not sections waiting for content.
            let exempt = level == 1 || fills_itself(line);
            self.headings.push((number, level, exempt));
        } else if !blank
            && !is_decoration(line)
            && let Some(last) = self.headings.last_mut()
        {
            last.2 = true;
        }
        let task = markers::is_task_line(line);
        if !blank {
            self.text_lines.push(TextLine {
                line: number,
                indent: indent(line),
                task,
            });
        }
        if task || line.trim_start().starts_with('|') {
            return;
        }
        if let Some(claim) = claim(line, span) {
            self.claims.push(claim);
        }
    }

    /// Puts what the lines held into `checklist`, after what it already holds.
    pub(crate) fn finish(mut self, checklist: &mut Checklist) {
        checklist.claims.append(&mut self.claims);
        checklist.suppressions.append(&mut self.suppressions);
        // Comments at the end of the file silence nothing; keep them so they are reported
        // unused.
        for mut waiting in self.pending_suppressions {
            waiting.line = Some(u32::MAX);
            checklist.suppressions.push(waiting);
        }
        // Grown a line at a time, it may hold room for as many lines again.
        self.text_lines.shrink_to_fit();
        if checklist.text_lines.is_empty() {
            checklist.text_lines = self.text_lines;
        } else {
            checklist.text_lines.append(&mut self.text_lines);
        }
        checklist.empty_sections = empty_headings(&self.headings)
            .into_iter()
            .map(|line| Span::at(&self.path, line))
            .collect();
    }
}

/// Which lines are content: those outside front matter and fenced code blocks, with each
/// block's opening fence. Told each line in turn rather than handed a list: a list of every
/// line of a long checklist was an eighth of its memory at the peak.
#[derive(Default)]
struct ContentLines {
    fence: Option<(char, usize)>,
    in_front_matter: bool,
}

impl ContentLines {
    fn holds(&mut self, number: u32, line: &str) -> bool {
        let trimmed = line.trim_start();
        if number == 1 {
            self.in_front_matter = line.starts_with("---");
        }
        if self.in_front_matter {
            if number > 1 && (trimmed.starts_with("---") || trimmed.starts_with("...")) {
                self.in_front_matter = false;
            }
            return false;
        }
        let run = |c: char| trimmed.chars().take_while(|&x| x == c).count();
        match self.fence {
            Some((c, n)) => {
                if run(c) >= n && trimmed.trim_start_matches(c).trim().is_empty() {
                    self.fence = None;
                }
                false
            }
            // The opening fence stands for the block: content under a heading, and text
            // between two lists.
            None => {
                for c in ['`', '~'] {
                    if run(c) >= 3 {
                        self.fence = Some((c, run(c)));
                    }
                }
                true
            }
        }
    }
}

fn indent(line: &str) -> u16 {
    let mut width = 0u16;
    for c in line.chars() {
        match c {
            ' ' => width = width.saturating_add(1),
            '\t' => width = width.saturating_add(4),
            _ => break,
        }
    }
    width
}

fn heading_level(line: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    let level = trimmed.chars().take_while(|&c| c == '#').count();
    ((1..=6).contains(&level)
        && trimmed[level..].starts_with([' ', '\t'])
        && line.len() - trimmed.len() < 4)
        .then_some(level)
}

/// `### Deploy authorised: YES / NO`, `## Story 1 (Optional)`.
fn fills_itself(heading: &str) -> bool {
    let text = heading.trim_start_matches('#').trim();
    let lower = text.to_lowercase();
    text.split_once(':')
        .is_some_and(|(_, value)| !value.trim().is_empty())
        || lower.contains("(optional)")
        || lower.contains("[optional]")
}

/// Thematic breaks and comments: nothing a reader would call content.
fn is_decoration(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("<!--") || (t.len() >= 3 && t.chars().all(|c| matches!(c, '-' | '*' | '_' | ' ')))
}

/// Lines of headings that hold nothing: no text before the next heading of the same or a higher
/// level (or the end), and no subheadings.
fn empty_headings(headings: &[(u32, usize, bool)]) -> Vec<u32> {
    let mut out = Vec::new();
    for (i, &(line, level, has_body)) in headings.iter().enumerate() {
        if has_body {
            continue;
        }
        let has_child = headings
            .get(i + 1)
            .is_some_and(|&(_, next, _)| next > level);
        if !has_child {
            out.push(line);
        }
    }
    out
}

static SUPPRESSION: LazyLock<Pattern> = LazyLock::new(|| {
    regex(r"^\s*<!--\s*ready-lint-disable(-next-line)?\b([^:>]*?)(?::\s*(.*?))?\s*-->\s*$")
});

fn suppression(line: &str, span: impl FnOnce() -> Span) -> Option<Suppression> {
    if !line.contains("ready-lint-disable") {
        return None;
    }
    let caps = SUPPRESSION.captures(line)?;
    let rules = caps[2]
        .split([',', ' '])
        .filter(|r| !r.is_empty())
        .map(str::to_owned)
        .collect();
    let reason = caps
        .get(3)
        .map(|r| r.as_str().trim().to_owned())
        .filter(|r| !r.is_empty());
    Some(Suppression {
        rules,
        reason,
        line: caps.get(1).map(|_| 0),
        span: span(),
    })
}

/// The words of a line without emphasis, code marks and its list marker.
fn plain(line: &str) -> String {
    let text = &line[markers::list_marker_len(line).unwrap_or(0)..];
    if memchr::memchr3(b'*', b'`', b'_', text.as_bytes()).is_none() {
        return markers::collapse_spaces(text);
    }
    let text: String = text
        .chars()
        .filter(|c| !matches!(c, '*' | '`' | '_'))
        .collect();
    markers::collapse_spaces(&text)
}

fn claim(line: &str, span: impl FnOnce() -> Span) -> Option<Claim> {
    let text = plain(line);
    if text.is_empty() || text.len() > 500 {
        return None;
    }
    let mark = markers::marks(&text).into_iter().next();
    let bare = markers::strip_marks(&text);
    let column = |needle: &str| {
        line.find(needle)
            .map(|at| u32::try_from(line[..at].chars().count() + 1).unwrap_or(1))
    };
    // Each reader's patterns are guarded: most lines hold no claim, and a pattern is compiled
    // only when a line might match it.
    let found = date(&bare, mark)
        .or_else(|| condition(&bare, mark))
        .or_else(|| threshold(&bare, mark))
        .or_else(|| band(&bare))
        .or_else(|| tally(&bare))?;
    let (kind, needle) = found;
    Some(Claim {
        kind,
        column: column(&needle),
        text: bare,
        span: span(),
    })
}

static TALLY: Guarded = Guarded::new(
    &[&['/'], DIGITS],
    r"(?i)^(?:current(?:ly)?|progress|completed?|done|status|total|score|result)\b[^0-9:]{0,20}:?\s*([0-9]{1,6})\s*/\s*([0-9]{1,6})\b(?:[^(]{0,20}\(\s*([0-9]{1,3}(?:\.[0-9]+)?)\s*%\s*\))?",
)
.with_words(&[&[
    "current", "progress", "complete", "done", "status", "total", "score", "result",
]]);

static TALLY_OF: Guarded = Guarded::new(
    &[DIGITS],
    r"(?i)^(?:current(?:ly)?:?\s*)?([0-9]{1,6})\s+(?:of|out\s+of)\s+([0-9]{1,6})\s+(?:items?\s+|tasks?\s+|criteria\s+)?(?:are\s+)?(?:done|complete|completed|checked|ticked|met)\b",
)
.with_words(&[
    &["of"],
    &["done", "complete", "checked", "ticked", "met"],
]);

fn tally(text: &str) -> Option<(ClaimKind, String)> {
    let caps = TALLY.captures(text).or_else(|| TALLY_OF.captures(text))?;
    let done: u32 = caps[1].parse().ok()?;
    let total: u32 = caps[2].parse().ok()?;
    if total == 0 || done > total {
        return None;
    }
    let percent = caps.get(3).and_then(|p| p.as_str().parse().ok());
    Some((
        ClaimKind::Tally {
            done,
            total,
            percent,
        },
        caps[1].to_owned(),
    ))
}

static PENDING: Guarded = Guarded::new(
    &[&['('], &[')'], DIGITS],
    r"(?i)\(\s*([0-9]{1,6})\s+(?:pending|open|remaining|left|outstanding)\s*\)",
)
.with_words(&[&["pending", "open", "remaining", "left", "outstanding"]]);
static AT_LEAST: Guarded = Guarded::new(
    &[DIGITS],
    r"(?i)\bat\s+least\s+([0-9]{1,6})(?:\s*/\s*[0-9]{1,6}|\s+of\s+[0-9]{1,6})?",
)
.with_words(&[&["least"]]);
static ALL: LazyLock<Pattern> = LazyLock::new(|| regex(r"(?i)\b(?:all|every)\b"));
/// A priority group named in a sentence (`"Must Have"`, `should-to-have`, `Nice to have`), as
/// the whole mention (with its quotes) and the priority word as written: a word of its own,
/// hyphens or spaces, an optional `to`, and `have` —
/// `(?i)["“]?\b(must|should|nice)[-\s]+(?:to[-\s]+)?have\b["”]?` written out, as a unit test
/// holds it, since most lines name none.
fn priority_group(text: &str) -> Option<(&str, &str)> {
    let spaced = |rest: &str| -> Option<usize> {
        let after = rest.trim_start_matches(|c: char| c == '-' || c.is_whitespace());
        (after.len() < rest.len()).then_some(rest.len() - after.len())
    };
    for (at, before) in markers::word_starts(text) {
        let rest = &text[at..];
        for word in ["must", "should", "nice"] {
            let Some(after_word) = markers::strip_prefix_ignoring_case(rest, word) else {
                continue;
            };
            let Some(gap) = spaced(after_word) else {
                continue;
            };
            let after = &after_word[gap..];
            let have = markers::strip_prefix_ignoring_case(after, "have").or_else(|| {
                let to = markers::strip_prefix_ignoring_case(after, "to")?;
                markers::strip_prefix_ignoring_case(&to[spaced(to)?..], "have")
            });
            let Some(tail) = have.filter(|tail| markers::ends_word(tail)) else {
                continue;
            };
            let start = match before {
                Some(quote @ ('"' | '“')) => at - quote.len_utf8(),
                _ => at,
            };
            let closing = tail
                .chars()
                .next()
                .filter(|c| matches!(c, '"' | '”'))
                .map_or(0, char::len_utf8);
            let end = text.len() - tail.len() + closing;
            return Some((&text[start..end], &text[at..text.len() - after_word.len()]));
        }
    }
    None
}

/// `Complete all "Must Have" items (2 pending)`: a condition about a priority group.
fn condition(text: &str, mark: Option<Mark>) -> Option<(ClaimKind, String)> {
    let (mention, word) = priority_group(text)?;
    let priority = match markers::folded_as(word, &["must", "should", "nice"])? {
        "must" => Priority::Must,
        "should" => Priority::Should,
        _ => Priority::Nice,
    };
    let pending = PENDING.captures(text).and_then(|c| c[1].parse().ok());
    let at_least = AT_LEAST.captures(text).and_then(|c| c[1].parse().ok());
    if pending.is_none() && at_least.is_none() && !ALL.is_match(text) {
        return None;
    }
    Some((
        ClaimKind::Condition {
            mark,
            priority: Some(priority),
            at_least,
            pending,
        },
        mention.to_owned(),
    ))
}

static BOUND: Guarded = Guarded::new(
    &[&['%'], &['<', '>', '≥', '≤'], DIGITS],
    r"(>=|<=|≥|≤|>|<)\s*([0-9]{1,3}(?:\.[0-9]+)?)\s*%",
);
static CURRENT: Guarded = Guarded::new(
    &[&['%'], DIGITS],
    r"(?i)\b(?:currently|current|now|achieved|actual|measured|at)\s*:?\s*([0-9]{1,3}(?:\.[0-9]+)?)\s*%",
);
static OVERALL: Guarded = Guarded::new(
    &[],
    r"(?i)\b(?:overall|total)\b[^.]{0,30}\b(?:readiness|score)\b|\breadiness\s+score\b",
)
.with_words(&[&["readiness", "score"]]);

/// `Achieve >90% overall readiness score (currently 90%)`.
fn threshold(text: &str, mark: Option<Mark>) -> Option<(ClaimKind, String)> {
    let bound = BOUND.captures(text)?;
    let current = CURRENT.captures(text).and_then(|c| c[1].parse().ok());
    let overall = OVERALL.is_match(text);
    if current.is_none() && !(overall && mark.is_some()) {
        return None;
    }
    Some((
        ClaimKind::Threshold {
            comparison: Comparison::from_symbol(&bound[1])?,
            bound: bound[2].parse().ok()?,
            current,
            mark,
            overall,
        },
        bound[0].to_owned(),
    ))
}

static BAND: Guarded = Guarded::new(
    &[&['('], &['%'], &[':']],
    r"^([^():]{2,40}?)\s*\(\s*(?:(>=|<=|≥|≤|>|<)\s*([0-9]{1,3}(?:\.[0-9]+)?)|([0-9]{1,3}(?:\.[0-9]+)?)\s*%?\s*(?:-|–|—|to)\s*([0-9]{1,3}(?:\.[0-9]+)?))\s*%\s*\)\s*:\s*(.+)$",
);

/// `Nearly Ready (75-90%): Testing, Backup/Recovery`.
fn band(text: &str) -> Option<(ClaimKind, String)> {
    let caps = BAND.captures(text)?;
    let (low, high) = if let Some(symbol) = caps.get(2) {
        let value: f64 = caps[3].parse().ok()?;
        match Comparison::from_symbol(symbol.as_str())? {
            Comparison::Above => (Some((value, false)), None),
            Comparison::AtLeast => (Some((value, true)), None),
            Comparison::Below => (None, Some((value, false))),
            Comparison::AtMost => (None, Some((value, true))),
        }
    } else {
        (
            Some((caps[4].parse().ok()?, true)),
            Some((caps[5].parse().ok()?, true)),
        )
    };
    let names: Vec<String> = caps[6]
        .split([',', ';'])
        .flat_map(|n| n.split(" and "))
        .map(|n| n.trim().trim_end_matches('.').to_owned())
        .filter(|n| !n.is_empty() && n.len() <= 80)
        .take(100)
        .collect();
    if names.is_empty() {
        return None;
    }
    Some((
        ClaimKind::Band {
            label: caps[1].trim().to_owned(),
            low,
            high,
            names,
        },
        caps[1].trim().to_owned(),
    ))
}

/// How the two words of a date label's name stand apart.
#[derive(Clone, Copy)]
enum Join {
    /// One or more spaces: `release date`.
    Spaces,
    /// A hyphen, one space or nothing: `go-live`, `go live`, `golive`.
    Loose,
}

/// The names a date label holds (`Target Go-Live`, `Last Updated`, `Date`), in lower case.
const DATE_NAMES: [(&str, Option<(Join, &str)>); 14] = [
    ("go", Some((Join::Loose, "live"))),
    ("launch", Some((Join::Spaces, "date"))),
    ("launch", None),
    ("release", Some((Join::Spaces, "date"))),
    ("target", Some((Join::Spaces, "date"))),
    ("next", Some((Join::Spaces, "review"))),
    ("review", Some((Join::Spaces, "date"))),
    ("review", Some((Join::Spaces, "due"))),
    ("last", Some((Join::Spaces, "updated"))),
    ("updated", None),
    ("last", Some((Join::Spaces, "reviewed"))),
    ("assessment", Some((Join::Spaces, "date"))),
    ("assessed", None),
    ("date", None),
];

/// A dated label and its value (`**Target Go-Live:** November 19, 2025`): the text before the
/// first colon holds one of [`DATE_NAMES`] as whole words in any case, at most 40 characters in
/// and with at most 20 after it; the value is the rest of the line after the colon and its
/// spaces. Written out from
/// `(?i)^([^:]{0,40}?\b(?:go[-\s]?live|launch(?:\s+date)?|…|date)\b[^:]{0,20}?):\s*(.+)$`, as a
/// unit test holds it: that pattern's Unicode gaps were the dearest compile left in most
/// checklists.
fn date_label(text: &str) -> Option<(&str, &str)> {
    let colon = memchr::memchr(b':', text.as_bytes())?;
    let label = &text[..colon];
    // A name starts within the first 41 characters: at most 40 before it.
    let head = label
        .char_indices()
        .nth(41)
        .map_or(label, |(end, _)| &label[..end]);
    let named = markers::word_starts(head).any(|(at, _)| {
        // Every name opens with one of these letters, which fold to nothing outside ASCII.
        matches!(
            label.as_bytes()[at].to_ascii_lowercase(),
            b'g' | b'l' | b'r' | b't' | b'n' | b'u' | b'a' | b'd'
        ) && DATE_NAMES.iter().any(|name| {
            date_name_at(&label[at..], *name)
                .is_some_and(|rest| markers::ends_word(rest) && rest.chars().count() <= 20)
        })
    });
    if !named {
        return None;
    }
    let after = &text[colon + 1..];
    let value = after.trim_start_matches(char::is_whitespace);
    let value = if value.is_empty() {
        // The spaces give back their last one for the value to hold a character.
        let last = after.chars().next_back()?;
        &after[after.len() - last.len_utf8()..]
    } else {
        value
    };
    (!value.contains('\n')).then_some((label, value))
}

/// The text after a date name that `text` opens with.
fn date_name_at<'t>(
    text: &'t str,
    (first, second): (&str, Option<(Join, &str)>),
) -> Option<&'t str> {
    let rest = markers::strip_prefix_ignoring_case(text, first)?;
    let Some((join, second)) = second else {
        return Some(rest);
    };
    match join {
        Join::Spaces => markers::strip_spaced(rest, second),
        Join::Loose => markers::strip_joined(rest, second),
    }
}

static ISO_DATE: Guarded = Guarded::new(&[&['-'], DIGITS], r"\b([0-9]{4})-([0-9]{2})-([0-9]{2})\b");
static MONTH_FIRST: Guarded = Guarded::new(
    &[DIGITS],
    r"(?i)\b([a-z]{3,9})\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?,?\s+([0-9]{4})\b",
);
static DAY_FIRST: Guarded = Guarded::new(
    &[DIGITS],
    r"(?i)\b([0-9]{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+([0-9]{4})\b",
);

/// `**Target Go-Live:** November 19, 2025`, `*Last Updated: 2024-01-16*`.
fn date(text: &str, mark: Option<Mark>) -> Option<(ClaimKind, String)> {
    let (label, value) = date_label(text)?;
    let label = label.to_lowercase();
    let what = if label.contains("review") {
        DateKind::Review
    } else if label.contains("updated") || label.contains("assess") || label.trim() == "date" {
        DateKind::Assessed
    } else if label.contains("live")
        || label.contains("launch")
        || label.contains("release")
        || label.contains("target")
    {
        DateKind::GoLive
    } else {
        return None;
    };
    let (date, written) = parse_date(value)?;
    Some((ClaimKind::Date { what, date, mark }, written))
}

/// The first date in a text, and how it was written.
pub(crate) fn parse_date(text: &str) -> Option<(Date, String)> {
    if let Some(c) = ISO_DATE.captures(text) {
        let date = Date::new(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?).ok()?;
        return Some((date, c[0].to_owned()));
    }
    let (month, day, year, written) = if let Some(c) = MONTH_FIRST.captures(text) {
        (
            month(&c[1])?,
            c[2].parse().ok()?,
            c[3].parse().ok()?,
            c[0].to_owned(),
        )
    } else {
        let c = DAY_FIRST.captures(text)?;
        (
            month(&c[2])?,
            c[1].parse().ok()?,
            c[3].parse().ok()?,
            c[0].to_owned(),
        )
    };
    Some((Date::new(year, month, day).ok()?, written))
}

fn month(name: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let name = name.to_lowercase();
    if name.len() < 3 {
        return None;
    }
    let index = MONTHS
        .iter()
        .position(|m| m.starts_with(&name) || name == *m)?;
    // "Sept" is the one common abbreviation longer than three letters.
    i8::try_from(index + 1).ok().filter(|_| name.len() <= 9)
}

#[cfg(test)]
mod tests {
    use super::*;

    // The patterns the written-out readers replaced: the oracles their tests hold them to.
    const PRIORITY_GROUP_SOURCE: &str =
        r#"(?i)["“]?\b(must|should|nice)[-\s]+(?:to[-\s]+)?have\b["”]?"#;
    const DATE_LABEL_SOURCE: &str = r"(?i)^([^:]{0,40}?\b(?:go[-\s]?live|launch(?:\s+date)?|release\s+date|target\s+date|next\s+review|review\s+date|review\s+due|last\s+updated|updated|last\s+reviewed|assessment\s+date|assessed|date)\b[^:]{0,20}?):\s*(.+)$";

    /// Each guard is proved against its pattern, whether or not a test's text reaches it.
    #[test]
    fn every_guard_holds() {
        for guarded in [
            &TALLY,
            &TALLY_OF,
            &PENDING,
            &BOUND,
            &CURRENT,
            &ISO_DATE,
            &MONTH_FIRST,
            &DAY_FIRST,
            &BAND,
            &AT_LEAST,
            &OVERALL,
        ] {
            assert!(guarded.needs_hold(), "{guarded:?}");
        }
    }

    fn claims(text: &str) -> Checklist {
        let mut checklist = Checklist {
            path: "c.md".into(),
            ..Checklist::default()
        };
        let mut reader = Reader::new("c.md");
        for (index, line) in text.lines().enumerate() {
            reader.line(u32::try_from(index + 1).expect("line"), line);
        }
        reader.finish(&mut checklist);
        checklist
    }

    fn kinds(text: &str) -> Vec<ClaimKind> {
        claims(text).claims.into_iter().map(|c| c.kind).collect()
    }

    #[test]
    fn tallies_and_conditions() {
        assert_eq!(
            kinds("**Current:** 4/6 (67%)\n\n3 of 5 items done\n"),
            vec![
                ClaimKind::Tally {
                    done: 4,
                    total: 6,
                    percent: Some(67.0)
                },
                ClaimKind::Tally {
                    done: 3,
                    total: 5,
                    percent: None
                },
            ]
        );
        assert_eq!(
            kinds(
                "1. ✅ Complete all \"Must Have\" items (2 pending)\n2. ✅ Complete at least 4/5 \"Should Have\" items\n"
            ),
            vec![
                ClaimKind::Condition {
                    mark: Some(Mark::Done),
                    priority: Some(Priority::Must),
                    at_least: None,
                    pending: Some(2)
                },
                ClaimKind::Condition {
                    mark: Some(Mark::Done),
                    priority: Some(Priority::Should),
                    at_least: Some(4),
                    pending: None
                },
            ]
        );
    }

    #[test]
    fn thresholds_bands_and_dates() {
        assert_eq!(
            kinds("3. ✅ Achieve >90% overall readiness score (currently 90%)\n"),
            vec![ClaimKind::Threshold {
                comparison: Comparison::Above,
                bound: 90.0,
                current: Some(90.0),
                mark: Some(Mark::Done),
                overall: true
            }]
        );
        assert_eq!(
            kinds("- ⚠️ **Nearly Ready (75-90%)**: Testing, Backup/Recovery and Docs\n"),
            vec![ClaimKind::Band {
                label: "Nearly Ready".into(),
                low: Some((75.0, true)),
                high: Some((90.0, true)),
                names: vec!["Testing".into(), "Backup/Recovery".into(), "Docs".into()]
            }]
        );
        let dated = claims(
            "**Target Go-Live:** November 19, 2025\n*Last Updated: 2024-01-16*\n- Go-Live: 19 Nov 2025 ✅\n",
        );
        let found: Vec<(DateKind, String, Option<u32>)> = dated
            .claims
            .iter()
            .map(|c| match &c.kind {
                ClaimKind::Date { what, date, .. } => (*what, date.to_string(), c.column),
                other => panic!("not a date: {other:?}"),
            })
            .collect();
        assert_eq!(
            found,
            vec![
                (DateKind::GoLive, "2025-11-19".into(), Some(21)),
                (DateKind::Assessed, "2024-01-16".into(), Some(16)),
                (DateKind::GoLive, "2025-11-19".into(), Some(12)),
            ]
        );
    }

    #[test]
    fn code_blocks_tasks_and_front_matter_say_nothing() {
        assert!(
            kinds("---\ndate: 2024-01-01\n---\n```\nCurrent: 1/2\n```\n- [x] Current: 1/2\n")
                .is_empty()
        );
    }

    #[test]
    fn suppressions_and_empty_headings() {
        let c = claims(
            "<!-- ready-lint-disable RL017 -->\n# T\n## Empty\n## Window: ____\n## Code\n```\nx\n```\n## Full\n<!-- ready-lint-disable-next-line RL001, RL005: the tally is from last week -->\n\nCurrent: 1/2\n### Empty too\n",
        );
        assert_eq!(c.suppressions.len(), 2);
        assert_eq!(c.suppressions[0].line, None);
        assert_eq!(c.suppressions[0].reason, None);
        assert_eq!(c.suppressions[1].rules, ["RL001", "RL005"]);
        assert_eq!(c.suppressions[1].line, Some(12));
        assert_eq!(
            c.suppressions[1].reason.as_deref(),
            Some("the tally is from last week")
        );
        let empty: Vec<u32> = c.empty_sections.iter().map(|s| s.line).collect();
        assert_eq!(empty, [3, 13]);
    }

    #[test]
    fn priority_groups_are_found_as_their_pattern_found_them() {
        let original = regex::Regex::new(PRIORITY_GROUP_SOURCE).expect("valid");
        let mut seen = 0;
        for lead in [
            "",
            "Complete all ",
            "\"",
            "“",
            "x",
            "_",
            "é",
            "a\"",
            "mustn't ",
        ] {
            for group in [
                "Must Have",
                "must-have",
                "SHOULD  to - have",
                "nice to have",
                "Nice-to-Have",
                "muſt have",
                "musthave",
                "must have",
                "must to have",
                "must tohave",
                "should have",
                "nice  TO\thave",
                "must haves",
                "must",
                "have",
                "must\nhave",
            ] {
                for tail in ["", "\"", "”", " items (2 pending)", "s", "_", "é", "\"\""] {
                    let text = format!("{lead}{group}{tail}");
                    let theirs = original.captures(&text).map(|c| {
                        (
                            c.get(0).map_or("", |m| m.as_str()),
                            c.get(1).map_or("", |m| m.as_str()),
                        )
                    });
                    seen += usize::from(theirs.is_some());
                    assert_eq!(priority_group(&text), theirs, "{text:?}");
                }
            }
        }
        assert!(seen > 300, "the cases reach the pattern: {seen}");
    }

    #[test]
    fn date_labels_are_read_as_their_pattern_read_them() {
        let original = regex::Regex::new(DATE_LABEL_SOURCE).expect("valid");
        let mut seen = 0;
        let forty = "x".repeat(39);
        for lead in [
            "",
            "**",
            "Target ",
            "_",
            "é",
            "a",
            forty.as_str(),
            &format!("{forty} "),
            &format!("{forty}  "),
        ] {
            for name in [
                "Go-Live",
                "go live",
                "GoLive",
                "go--live",
                "Launch Date",
                "launch",
                "launch\n date",
                "Release  Date",
                "release",
                "Target Date",
                "Next Review",
                "review date",
                "Review Due",
                "Last Updated",
                "updated",
                "Last Reviewed",
                "Assessment Date",
                "aſſeſſed",
                "Date",
                "dates",
                "Datum",
                "",
            ] {
                for gap in [
                    "",
                    "*",
                    " (planned)",
                    " is planned for next month",
                    &" ".repeat(20),
                    &" ".repeat(21),
                    "\n",
                ] {
                    for value in [
                        ": 2025-01-01",
                        ":2025-01-01 ",
                        ":",
                        ": ",
                        ":  ",
                        ": \n",
                        ":\n x",
                        ": x\ny",
                        ":\t",
                        ": a: b",
                        "",
                        " - 2025",
                    ] {
                        let text = format!("{lead}{name}{gap}{value}");
                        let theirs = original.captures(&text).map(|c| {
                            (
                                c.get(1).map_or("", |m| m.as_str()),
                                c.get(2).map_or("", |m| m.as_str()),
                            )
                        });
                        seen += usize::from(theirs.is_some());
                        assert_eq!(date_label(&text), theirs, "{text:?}");
                    }
                }
            }
        }
        assert!(seen > 500, "the cases reach the pattern: {seen}");
    }

    #[test]
    fn priority_groups_and_date_labels_agree_with_their_patterns_on_random_texts() {
        let group = regex::Regex::new(PRIORITY_GROUP_SOURCE).expect("valid");
        let dated = regex::Regex::new(DATE_LABEL_SOURCE).expect("valid");
        for text in markers::random_texts(20_000) {
            let text = text.as_str();
            let theirs = group.captures(text).map(|c| {
                (
                    c.get(0).map_or("", |m| m.as_str()),
                    c.get(1).map_or("", |m| m.as_str()),
                )
            });
            assert_eq!(priority_group(text), theirs, "{text:?}");
            let theirs = dated.captures(text).map(|c| {
                (
                    c.get(1).map_or("", |m| m.as_str()),
                    c.get(2).map_or("", |m| m.as_str()),
                )
            });
            assert_eq!(date_label(text), theirs, "{text:?}");
        }
    }
}
