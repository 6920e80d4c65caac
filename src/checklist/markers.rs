//! The conventions people write into checklist text: trailing tags (`- PENDING`), status emoji,
//! numbered headings, priority labels (`Must Have`), launch phases, sign-off headings and the
//! scores and verdicts a document claims about itself.
//!
//! These rules are shared by every loader so the same words mean the same thing everywhere; the
//! words themselves live in [`vocabulary`](crate::checklist::vocabulary), and both are
//! documented in `docs/READING.md`.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use crate::checklist::vocabulary::{self, Meaning};
use crate::files::{DIGITS, Guarded, Pattern};
use crate::model::{Mark, Phase, Priority, Tag};

pub(crate) use crate::files::regex;

/// An item's text split into what the author meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ItemText {
    pub(crate) title: String,
    pub(crate) tags: Vec<Tag>,
    pub(crate) marks: Vec<Mark>,
    /// A priority marked on the item itself: `(R)` or `[required]`, `[P0]`, `(P1)`.
    pub(crate) priority: Option<Priority>,
}

/// The priority markers written on one item, `(R)` (required), `[P0]`, `(P1)`, `[must]`, in
/// order, each with the word it holds — `(?i)[(\[]\s*(r|required|must|p[0-3])\s*[)\]]` written
/// out (see [`bracketed`]).
fn priority_markers(title: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    bracketed(title, &PRIORITY_MARKS)
}

/// Each of `words` (lower case, matched in any case) written in brackets or parentheses in
/// `text`, in order and without overlap, with the word as written: an opening bracket or
/// parenthesis (either may close either), spaces, the word, spaces, the closing one. Written
/// out rather than compiled, as unit tests hold it to the patterns it replaces: most titles
/// hold no such mark, and their patterns were compiled for most checklists to find none.
fn bracketed<'t>(
    text: &'t str,
    words: &'static [&'static str],
) -> impl Iterator<Item = (Range<usize>, &'t str)> {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(offset) = memchr::memchr2(b'(', b'[', &text.as_bytes()[from..]) {
            let start = from + offset;
            let inner = text[start + 1..].trim_start_matches(char::is_whitespace);
            let word_start = text.len() - inner.len();
            let found = words.iter().find_map(|word| {
                let after = strip_prefix_ignoring_case(inner, word)?;
                let close = after.trim_start_matches(char::is_whitespace);
                close.starts_with([')', ']']).then(|| {
                    let end = text.len() - close.len() + 1;
                    (start..end, &text[word_start..text.len() - after.len()])
                })
            });
            if let Some((range, word)) = found {
                from = range.end;
                return Some((range, word));
            }
            from = start + 1;
        }
        None
    })
}

/// `text` without the ranges of `found` (in order, apart).
fn cut_out(text: &str, found: impl Iterator<Item = Range<usize>>) -> Cow<'_, str> {
    let mut found = found.peekable();
    if found.peek().is_none() {
        return Cow::Borrowed(text);
    }
    let mut kept = String::with_capacity(text.len());
    let mut last = 0;
    for range in found {
        kept.push_str(&text[last..range.start]);
        last = range.end;
    }
    kept.push_str(&text[last..]);
    Cow::Owned(kept)
}

/// The words of a priority marker, in lower case.
const PRIORITY_MARKS: [&str; 7] = ["r", "required", "must", "p0", "p1", "p2", "p3"];

/// A status tag at the end of a title (`Runbook - PENDING`, `Docs: optional`, `Tests (N/A)`), as
/// where it starts (with the spaces before it) and the tag as written: a dash, colon, bar or
/// opening bracket, spaces, one of [`PAREN_TAGS`] in any case, and at most a closing bracket
/// and spaces after it —
/// `(?i)\s*(?:[-–—:|]\s*|\(\s*|\[\s*)(pending|partial|optional|n/a|not applicable|post[- ]launch)\s*[)\]]?\s*$`
/// written out, as a unit test holds it.
fn trailing_tag(title: &str) -> Option<(usize, &str)> {
    let text = title.trim_end_matches(char::is_whitespace);
    let text = text
        .strip_suffix([')', ']'])
        .map_or(text, |t| t.trim_end_matches(char::is_whitespace));
    PAREN_TAGS.iter().find_map(|word| {
        let before = strip_suffix_ignoring_case(text, word)?;
        let start = before
            .trim_end_matches(char::is_whitespace)
            .strip_suffix(['-', '–', '—', ':', '|', '(', '['])?
            .trim_end_matches(char::is_whitespace)
            .len();
        Some((start, &text[before.len()..]))
    })
}

static UPPER_TAG: Guarded = Guarded::new(
    &[&['P', 'O', 'N']],
    r"\b(PENDING|PARTIAL|OPTIONAL|N/A|POST-LAUNCH)\b",
)
.with_words(TAG_WORDS);
/// The status tags written in brackets (`(pending)`, `[N/A]`, `(post-launch)`), in lower case.
const PAREN_TAGS: [&str; 7] = [
    "pending",
    "partial",
    "optional",
    "n/a",
    "not applicable",
    "post-launch",
    "post launch",
];
/// The words of a status tag, one of which each of the tag patterns holds.
const TAG_WORDS: &[&[&str]] = &[&[
    "pending",
    "partial",
    "optional",
    "n/a",
    "applicable",
    "launch",
]];

fn tag_from_word(word: &str) -> Option<Tag> {
    match folded_as(word, &PAREN_TAGS)? {
        "pending" => Some(Tag::Pending),
        "partial" => Some(Tag::Partial),
        "optional" => Some(Tag::Optional),
        "n/a" | "not applicable" => Some(Tag::NotApplicable),
        _ => Some(Tag::PostLaunch),
    }
}

static PROBE_REF: Guarded = Guarded::new(
    &[&['<'], &['>']],
    r"(?i)<!--\s*probes?\s*:\s*([^>]*?)\s*-->",
);

/// Probe ids named in an HTML comment (`<!-- probe: api-health -->`, or several separated by
/// commas). Comments are invisible on GitHub, so the binding does not clutter the checklist.
pub(crate) fn probe_refs(html: &str) -> Vec<String> {
    PROBE_REF
        .captures_iter(html)
        .flat_map(|c| {
            c[1].split([',', ' '])
                .filter(|id| !id.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Reads the status emoji in a text.
pub(crate) fn marks(text: &str) -> Vec<Mark> {
    let mut marks = Vec::new();
    for mark in text.chars().filter_map(Mark::of_glyph) {
        if !marks.contains(&mark) {
            marks.push(mark);
        }
    }
    marks
}

/// Removes status emoji (and their variation selectors) from a text.
pub(crate) fn strip_marks(text: &str) -> String {
    let is_mark = |c: char| c == '\u{fe0f}' || Mark::of_glyph(c).is_some();
    // Most titles carry no status emoji (an ASCII one cannot): collapse them without a filtered
    // copy first.
    if text.is_ascii() || !text.chars().any(is_mark) {
        return collapse_spaces(text);
    }
    let stripped: String = text.chars().filter(|&c| !is_mark(c)).collect();
    collapse_spaces(&stripped)
}

/// Words separated by single spaces, in one pass and one allocation.
pub(crate) fn collapse_spaces(text: &str) -> String {
    if text.is_ascii() {
        return collapse_ascii_spaces(text);
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether an ASCII text is already words between single spaces, as most titles are: then a
/// copy is all [`collapse_ascii_spaces`] makes, without a push for each word.
fn is_collapsed(bytes: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    // Every pair of neighbours, without an early return or a short-circuit (so in bytes, not
    // booleans), which the compiler can vectorise.
    let spaced = bytes.iter().zip(&bytes[1..]).fold(0u8, |spaced, (&a, &b)| {
        spaced | u8::from(matches!(a, b'\t'..=b'\r')) | (u8::from(a == b' ') & u8::from(b == b' '))
    });
    spaced == 0 && first != b' ' && !matches!(last, b'\t'..=b'\r' | b' ')
}

/// [`collapse_spaces`] for an ASCII text, byte by byte: most titles are ASCII, and decoding
/// characters to find the spaces was a tenth of reading a long checklist. The spaces are the
/// ones `char::is_whitespace` knows in ASCII, the vertical tab among them (which
/// `u8::is_ascii_whitespace` leaves out).
fn collapse_ascii_spaces(text: &str) -> String {
    if is_collapsed(text.as_bytes()) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut start = None;
    for (at, byte) in text.bytes().enumerate() {
        let space = matches!(byte, b'\t'..=b'\r' | b' ');
        match (space, start) {
            (true, Some(from)) => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&text[from..at]);
                start = None;
            }
            (false, None) => start = Some(at),
            _ => {}
        }
    }
    if let Some(from) = start {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text[from..]);
    }
    out
}

/// Splits an item's text into its title, tags and status emoji.
pub(crate) fn item_text(text: &str) -> ItemText {
    let marks = marks(text);
    let mut title = strip_marks(text);
    let mut tags = Vec::new();
    let mut push = |tag: Tag| {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    };

    // Peel trailing tags one by one: "Runbook - PENDING (optional)".
    while let Some((start, tag)) = trailing_tag(&title).map(|(at, word)| (at, tag_from_word(word)))
    {
        if start == 0 {
            break;
        }
        if let Some(tag) = tag {
            push(tag);
        }
        title.truncate(start);
    }
    for caps in UPPER_TAG.captures_iter(&title) {
        if let Some(tag) = caps.get(1).and_then(|m| tag_from_word(m.as_str())) {
            push(tag);
        }
    }
    for (_, word) in bracketed(&title, &PAREN_TAGS) {
        if let Some(tag) = tag_from_word(word) {
            push(tag);
        }
    }
    let title = cut_out(
        &title,
        bracketed(&title, &PAREN_TAGS).map(|(range, _)| range),
    );
    let at_an_end = |range: &Range<usize>| {
        title[..range.start].trim().is_empty()
            || title[range.end..].chars().all(|c| !c.is_alphanumeric())
    };
    let priority = priority_markers(&title).next().and_then(|(range, word)| {
        if !at_an_end(&range) {
            return None;
        }
        match folded_as(word, &PRIORITY_MARKS)? {
            "r" | "required" | "must" | "p0" => Some(Priority::Must),
            "p1" => Some(Priority::Should),
            _ => Some(Priority::Nice),
        }
    });
    let title = if priority.is_some() {
        Cow::Owned(cut_out(&title, priority_markers(&title).map(|(range, _)| range)).into_owned())
    } else {
        title
    };
    let title = collapse_spaces(&title)
        .trim_end_matches([':', '-', '–', '—', ' '])
        .to_owned();
    tags.sort();
    ItemText {
        title,
        tags,
        marks,
        priority,
    }
}

/// Splits `2.2 Load Testing` into `("2.2", "Load Testing")`: a number of one to three digits
/// per part, with a dot or parenthesis after it if any, spaces, and the title on the rest of
/// the line — `^((?:[0-9]{1,3}\.)*[0-9]{1,3})\.?\)?\s+(\S.*)$` written out, as a unit test holds
/// it, since every heading is asked.
pub(crate) fn numbered_heading(text: &str) -> (Option<String>, String) {
    match split_number(text) {
        Some((number, title)) => (Some(number.to_owned()), title.to_owned()),
        None => (None, text.to_owned()),
    }
}

fn split_number(text: &str) -> Option<(&str, &str)> {
    let bytes = text.as_bytes();
    let mut end = 0;
    loop {
        let digits = bytes[end..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if !(1..=3).contains(&digits) {
            return None;
        }
        end += digits;
        // Another part follows a dot only when a digit does; a fourth digit fails every split.
        if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
            end += 1;
        } else {
            break;
        }
    }
    let mut rest = &text[end..];
    rest = rest.strip_prefix('.').unwrap_or(rest);
    rest = rest.strip_prefix(')').unwrap_or(rest);
    let title = rest.trim_start_matches(char::is_whitespace);
    (title.len() < rest.len() && !title.is_empty() && !title.contains('\n'))
        .then(|| (&text[..end], title))
}

/// Whether `text` opens with a condition after any marks (`**`, `⚠️`, `(`): `if`, `when`, `in
/// case` and their words in other languages, as a whole word in any case —
/// `(?i)^\W*(?:if|when|in\s+case|wenn|falls|si|se|если|如果|もし|만약)\b` written out (a unit test
/// holds it to that pattern), since most texts open with none of them and the pattern's
/// Unicode classes were a quarter of a short checklist's run to compile.
fn opens_with_condition(text: &str) -> bool {
    let rest = text.trim_start_matches(|c| !regex_syntax::is_word_character(c));
    CONDITION_WORDS
        .iter()
        .any(|word| strip_prefix_ignoring_case(rest, word).is_some_and(ends_word))
        || strip_prefix_ignoring_case(rest, "in")
            .and_then(|after| strip_spaced(after, "case"))
            .is_some_and(ends_word)
}

/// The one-word conditions [`opens_with_condition`] knows, in lower case.
const CONDITION_WORDS: [&str; 10] = [
    "if", "when", "wenn", "falls", "si", "se", "если", "如果", "もし", "만약",
];

static CRITICAL_PATH: Guarded =
    Guarded::new(&[&['p', 'P'], &['h', 'H']], r"(?i)\bcritical\s+path\b")
        .with_words(&[&["critical"], &["path"]]);

/// The priority a group label or heading gives the items under it (`Must Have (Critical):`,
/// `## P0 - Must Be True Before Launch`, `### Mandatory`). When words of several priorities
/// appear, the first one written wins: `Critical (Must Complete Before Go-Live)` is must,
/// `Optional (Can Complete Post-Launch)` nice.
pub(crate) fn priority_label(text: &str) -> Option<Priority> {
    // A condition (`If critical issues arise during launch:`) names a situation, not a priority,
    // and so does a list of stop conditions (`NO-GO Conditions`, not `GO Conditions`).
    if opens_with_condition(text) || names_stop_conditions(text) {
        return None;
    }
    // "Critical path" is a plan, not a priority; "Go/No-Go" names the decision, not a side.
    let text = CRITICAL_PATH.replace_all(text, "");
    let text = without_go_no_go(&text);
    [
        (vocabulary::find(Meaning::Must, &text), Priority::Must),
        (vocabulary::find(Meaning::Should, &text), Priority::Should),
        (vocabulary::find(Meaning::Nice, &text), Priority::Nice),
    ]
    .into_iter()
    .filter_map(|(start, priority)| start.map(|start| (start, priority)))
    .min_by_key(|(start, _)| *start)
    .map(|(_, priority)| priority)
}

/// `Do not launch if any P0 item is unchecked`, `Never release while a Must item is open`,
/// `No go-live until all P1 items are done`: the condition follows the keyword, up to
/// [`CONDITION_CHARS`] of it. The pattern takes the whole clause and the caller cuts it, which
/// is the same as `[^.;]{0,100}` (nothing follows the group, so its greedy bound only cuts)
/// and compiles in two thirds of the time.
static RULE_FORBIDS: Guarded = Guarded::new(
    &[],
    r"(?i)\b(?:do\s+not|don'?t|never|must\s+not|cannot|can'?t|no)\s+(?:launch|release|deploy|ship|go[-\s]?live|proceed|promote)\w*\b(?:[^.;]{0,40}?)\b(if|while|when|with|unless|until)\b([^.;]*)",
)
.with_words(&[
    &["no", "don", "never", "can"],
    &["launch", "release", "deploy", "ship", "go", "proceed", "promote"],
    &["if", "while", "when", "with", "unless", "until"],
]);

/// Whether `line` holds what every rule [`RULE_FORBIDS`] finds opens with: a word of launching
/// (`launch`, `release`, `deploy`, `ship`, `go`, `proceed`, `promote`, or longer) after spaces
/// and a whole word of refusal (`not`, `never`, `cannot`, `can't`, `don't`, `no`, …). Its
/// guard's words (`no`, `go`, `if`) are in nearly every line, and the pattern, whose bounded
/// Unicode gaps were the dearest compile left, is compiled only for a line that passes this;
/// a unit test holds that every line the pattern matches does.
fn may_forbid_launch(line: &str) -> bool {
    const REFUSALS: [&str; 8] = [
        "not", "never", "cannot", "no", "dont", "don't", "cant", "can't",
    ];
    const LAUNCHING: [&str; 7] = [
        "launch", "release", "deploy", "ship", "go", "proceed", "promote",
    ];
    let mut previous: Option<char> = None;
    line.char_indices().any(|(at, c)| {
        // Spaces come before the word, and it opens with a letter one of them opens with.
        let after_space = previous.is_some_and(char::is_whitespace);
        previous = Some(c);
        if !after_space
            || !(matches!(c.to_ascii_lowercase(), 'l' | 'r' | 'd' | 's' | 'g' | 'p') || c == 'ſ')
            || !LAUNCHING
                .iter()
                .any(|verb| strip_prefix_ignoring_case(&line[at..], verb).is_some())
        {
            return false;
        }
        let spaced = line[..at].trim_end_matches(char::is_whitespace);
        REFUSALS.iter().any(|refusal| {
            strip_suffix_ignoring_case(spaced, refusal).is_some_and(|rest| {
                rest.chars()
                    .next_back()
                    .is_none_or(|c| !regex_syntax::is_word_character(c))
            })
        })
    })
}

/// The most of a rule's condition that is read.
const CONDITION_CHARS: usize = 100;

/// The condition read from the clause [`RULE_FORBIDS`] took: its first [`CONDITION_CHARS`].
fn condition_of(clause: &str) -> &str {
    clause
        .char_indices()
        .nth(CONDITION_CHARS)
        .map_or(clause, |(end, _)| &clause[..end])
}

/// `All P0 items must be checked before launch`.
static RULE_REQUIRES: Guarded = Guarded::new(
    &[],
    r"(?i)\b(?:all|every|each)\b([^.;]{0,60}?)\b(?:must|need\s+to|needs\s+to|have\s+to|has\s+to|shall)\s+be\s+(?:checked|ticked|done|completed?|resolved|met|closed|green)\b[^.;]{0,30}?\bbefore\b[^.;]{0,20}?\b(?:launch|release|deploy|go[-\s]?live|production|shipping|rollout)",
)
.with_words(&[
    &["all", "every", "each"],
    &["must", "need", "have", "has", "shall"],
    &["checked", "ticked", "done", "complete", "resolved", "met", "closed", "green"],
    &["before"],
    &["launch", "release", "deploy", "go", "production", "shipping", "rollout"],
]);

/// Words that say an item is not finished, in a rule's condition.
static RULE_OPEN: LazyLock<Pattern> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:unchecked|unticked|open|incomplete|unfinished|pending|outstanding|unresolved|failing|not\s+(?:yet\s+)?(?:done|complete|completed|checked|ticked|met|resolved|green))\b",
    )
});

/// Words that say an item is finished, in a rule's `until …` or `unless …` condition.
static RULE_DONE: LazyLock<Pattern> = LazyLock::new(|| {
    regex(r"(?i)\b(?:checked|ticked|done|complete|completed|resolved|met|closed|green)\b")
});

/// The priority a rule the document states about its own items covers: `Do not launch if any
/// P1 item is unchecked` covers should (and so must); `All Critical items must be done before
/// launch` covers must. A sentence naming no priority, or no open condition, is no rule.
pub(crate) fn stated_rule(line: &str) -> Option<Priority> {
    if may_forbid_launch(line)
        && let Some(caps) = RULE_FORBIDS.captures(line)
    {
        let keyword = caps.get(1)?.as_str().to_ascii_lowercase();
        let condition = condition_of(caps.get(2)?.as_str());
        let states = if keyword == "until" || keyword == "unless" {
            RULE_DONE.is_match(condition)
        } else {
            RULE_OPEN.is_match(condition)
        };
        if states {
            return priority_label(condition);
        }
    }
    let caps = RULE_REQUIRES.captures(line)?;
    priority_label(caps.get(1)?.as_str())
}

static BADGE: LazyLock<Pattern> = LazyLock::new(|| {
    regex(
        r"(?i)^\s*(?:priority\s*[:=-]?\s*)?(critical|high|medium|low|p[0-3]|must|required|should|could|optional)(?:\s+priority)?\s*$",
    )
});

/// The priority an image badge opening an item gives it (`![High][high_img]`, `![P1](…)`).
/// Levels are relative to the scale the document uses: with a Critical level, High is should
/// and Medium nice; without one, High is the top (must), Medium should and Low nice.
pub(crate) fn badge_priority(alt: &str, scale_has_critical: bool) -> Option<Priority> {
    let level = BADGE.captures(alt)?.get(1)?.as_str().to_ascii_lowercase();
    Some(match level.as_str() {
        "critical" | "p0" | "must" | "required" => Priority::Must,
        "high" if !scale_has_critical => Priority::Must,
        "high" | "p1" | "should" => Priority::Should,
        "medium" if !scale_has_critical => Priority::Should,
        _ => Priority::Nice,
    })
}

/// `text` without the decision it names, `Go/No-Go` (`go / no go`, `GO/NOGO`), a whole word in
/// any case — `(?i)\bgo\s*/\s*no[-\s]?go\b` written out, as a unit test holds it.
fn without_go_no_go(text: &str) -> Cow<'_, str> {
    if memchr::memchr(b'/', text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    cut_words(text, go_no_go_at)
}

/// `text` without what `at` finds at the start of a word (its length in bytes), looked for at
/// each word's start after the last thing found, as a pattern beginning with `\b` replaces.
fn cut_words(text: &str, at: impl Fn(&str) -> Option<usize>) -> Cow<'_, str> {
    let mut found = Vec::new();
    let mut from = 0;
    for (start, _) in word_starts(text) {
        if start < from {
            continue;
        }
        if let Some(length) = at(&text[start..]) {
            found.push(start..start + length);
            from = start + length;
        }
    }
    cut_out(text, found.into_iter())
}

/// Where each word of `text` starts, as `\b` before a word character sees it, with the
/// character before it (none at the start).
pub(crate) fn word_starts(text: &str) -> impl Iterator<Item = (usize, Option<char>)> + '_ {
    let mut previous: Option<char> = None;
    text.char_indices().filter_map(move |(at, c)| {
        let before = previous.replace(c);
        (regex_syntax::is_word_character(c)
            && before.is_none_or(|p| !regex_syntax::is_word_character(p)))
        .then_some((at, before))
    })
}

/// The length of the `go/no-go` `text` opens with, if it does.
fn go_no_go_at(text: &str) -> Option<usize> {
    let rest = strip_prefix_ignoring_case(text, "go")?;
    let rest = rest
        .trim_start_matches(char::is_whitespace)
        .strip_prefix('/')?
        .trim_start_matches(char::is_whitespace);
    let rest = strip_joined(strip_prefix_ignoring_case(rest, "no")?, "go")?;
    ends_word(rest).then(|| text.len() - rest.len())
}

/// A heading or label over conditions that stop the launch when they hold (`NO-GO Conditions`,
/// `Abort criteria`, `Abbruchkriterien`); `Go/No-Go Criteria` names the decision, not a side.
pub(crate) fn names_stop_conditions(text: &str) -> bool {
    vocabulary::names(Meaning::StopCondition, &without_go_no_go(text))
}

/// A section called just "Launch" or "Go-Live" (not the document's title, which names the
/// whole checklist) holds launch-day work. A day label may lead it (`Dia 22: Launch!`,
/// `Day 5 - Go-Live`) and one `!` end it —
/// `(?i)^\s*(?:(?:day|dia|día|jour|tag)\s*[0-9]+\s*[:\-–—]\s*)?(launch|go[-\s]?live|cut[-\s]?over)\s*!?\s*$`
/// written out, as a unit test holds it.
fn is_launch_heading(title: &str) -> bool {
    let text = title.trim_matches(char::is_whitespace);
    let text = text
        .strip_suffix('!')
        .map_or(text, |t| t.trim_end_matches(char::is_whitespace));
    is_launch_word(text) || after_day_label(text).is_some_and(is_launch_word)
}

/// `launch`, `go-live` or `cut over` (a hyphen, a space or nothing between the parts).
fn is_launch_word(text: &str) -> bool {
    eq_ignoring_case(text, "launch")
        || [("go", "live"), ("cut", "over")]
            .iter()
            .any(|(first, second)| {
                strip_prefix_ignoring_case(text, first)
                    .and_then(|rest| strip_joined(rest, second))
                    .is_some_and(str::is_empty)
            })
}

/// The text after a day label (`Day 5 -`, `Dia 22:`, `Jour 3 —`).
fn after_day_label(text: &str) -> Option<&str> {
    let rest = ["day", "dia", "día", "jour", "tag"]
        .iter()
        .find_map(|word| strip_prefix_ignoring_case(text, word))?
        .trim_start_matches(char::is_whitespace);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let rest = rest[digits..].trim_start_matches(char::is_whitespace);
    let rest = rest.strip_prefix([':', '-', '–', '—'])?;
    Some(rest.trim_start_matches(char::is_whitespace))
}

/// The phase of a section heading: as [`phase`], and a section titled just "Launch" is
/// launch-day work unless it is the document's title.
pub(crate) fn section_phase(title: &str, is_title: bool) -> Option<Phase> {
    phase(title).or_else(|| (!is_title && is_launch_heading(title)).then_some(Phase::Launch))
}

/// The release phase a title names. Launch-day, post-launch and contingency work does not gate
/// a pre-launch verdict.
pub(crate) fn phase(title: &str) -> Option<Phase> {
    if vocabulary::names(Meaning::Contingency, title) {
        Some(Phase::Contingency)
    } else if vocabulary::names(Meaning::PostLaunch, title) {
        Some(Phase::PostLaunch)
    } else if vocabulary::names(Meaning::Launch, title) {
        Some(Phase::Launch)
    } else {
        None
    }
}

/// The words that name a sign-off section rather than its group, in lower case, each a whole
/// word.
const SIGNOFF_WORDS: [&str; 14] = [
    "sign-offs",
    "sign-off",
    "sign offs",
    "sign off",
    "signoffs",
    "signoff",
    "approvals",
    "approval",
    "approvers",
    "approver",
    "reviewers",
    "requirements",
    "required",
    "section",
];

/// `title` without [`SIGNOFF_WORDS`], each a whole word in any case —
/// `(?i)\b(sign[- ]?offs?|approvals?|approvers?|reviewers|requirements|required|section)\b`
/// written out, as a unit test holds it.
fn without_signoff_words(title: &str) -> Cow<'_, str> {
    cut_words(title, |rest| {
        SIGNOFF_WORDS.iter().find_map(|word| {
            let after = strip_prefix_ignoring_case(rest, word).filter(|after| ends_word(after))?;
            Some(rest.len() - after.len())
        })
    })
}

/// Signatures as a security topic (`Digital signatures, timestamping`, `Code signing`), not
/// people signing the release.
static SIGNATURE_TOPIC: Guarded = Guarded::new(
    &[&['g', 'G'], &['u', 'U']],
    r"(?i)\b(?:digital|code|commit|cryptographic|artifact|image|package|gpg|pgp|webhook|request)\s+signatures?\b|\bsignatures?\s+(?:verification|validation|schemes?|algorithms?)\b",
)
.with_words(&[&["signature"]]);

pub(crate) fn is_signoff_heading(title: &str) -> bool {
    vocabulary::names(Meaning::SignOff, &SIGNATURE_TOPIC.replace_all(title, ""))
}

/// `Technical Sign-Off` → `Technical`; `Sign-Off Requirements` → none.
pub(crate) fn signoff_group(title: &str) -> Option<String> {
    let rest = without_signoff_words(title);
    let rest = collapse_spaces(rest.trim_matches(|c: char| !c.is_alphanumeric()));
    (!rest.is_empty()).then_some(rest)
}

/// The headers of a status column, in lower case.
const STATUS_HEADERS: [&str; 16] = [
    "status",
    "state",
    "ready",
    "done",
    "complete",
    "go",
    "статус",
    "готовность",
    "estado",
    "statut",
    "état",
    "zustand",
    "状态",
    "状態",
    "상태",
    "durum",
];

/// The column of a table that states each row's status (`| Area | Ready? |`, `| Status |`),
/// by its header: one of [`STATUS_HEADERS`] in any case, with nothing but marks around it.
pub(crate) fn status_column(header: &[String]) -> Option<usize> {
    header
        .iter()
        .skip(1)
        .position(|cell| {
            let word = cell.trim_matches(|c| !regex_syntax::is_word_character(c));
            STATUS_HEADERS.iter().any(|w| eq_ignoring_case(word, w)) || marks(cell) == [Mark::Done]
        })
        .map(|i| i + 1)
}

/// The words a status cell opens with to say its row is finished, in lower case.
const DONE_WORDS: [&str; 24] = [
    "yes",
    "ready",
    "done",
    "complete",
    "completed",
    "go",
    "pass",
    "passed",
    "ok",
    "green",
    "да",
    "готово",
    "sí",
    "si",
    "oui",
    "ja",
    "sim",
    "evet",
    "是",
    "完成",
    "已完成",
    "完了",
    "済",
    "완료",
];

/// A status cell that claims the row is finished: ✅ first, or a word such as Yes, Ready, Done
/// (one of [`DONE_WORDS`] as a whole word in any case, after any marks).
pub(crate) fn claims_done(cell: &str) -> bool {
    match marks(cell).first() {
        Some(mark) => *mark == Mark::Done,
        None => {
            let rest = cell.trim_start_matches(|c| !regex_syntax::is_word_character(c));
            DONE_WORDS
                .iter()
                .any(|word| strip_prefix_ignoring_case(rest, word).is_some_and(ends_word))
        }
    }
}

/// A heading, table cell or box as the words it names, for matching one against the other:
/// without numbering, icons, status marks, case or punctuation (one string, not a word list:
/// a long checklist computes one for every section).
pub(crate) fn heading_key(text: &str) -> String {
    let (_, rest) = numbered_heading(text.trim());
    crate::files::normalise(&strip_marks(strip_leading_icons(&rest)))
}

static DECLARED_SCORE: Guarded = Guarded::new(
    &[&[':', '='], &['%', '/'], DIGITS],
    r"(?i)\b(?:readiness(?:\s+score)?|(?:overall|total|current)(?:\s+(?:weighted|readiness))?\s+(?:score|status))\s*[:=]\s*([0-9]{1,3}(?:\.[0-9]+)?)\s*(%|/\s*100\b)",
)
.with_words(&[&["readiness", "score", "status"]]);

/// Points as a total: `**TOTAL: 100/100 - READY**`, `Total score = 87/120`.
static TOTAL_POINTS: Guarded = Guarded::new(
    &[&[':', '='], &['/'], DIGITS],
    r"(?i)\btotal(?:\s+(?:score|points|readiness))?\s*[:=]\s*([0-9]{1,5}(?:\.[0-9]+)?)\s*/\s*([0-9]{1,5}(?:\.[0-9]+)?)\b",
)
.with_words(&[&["total"]]);

/// How a line claims the overall score. A claim that names it (`Total Weighted Score: 98.2%`)
/// outranks bare points (`**Total**: 100/100`), which are as often one section's subtotal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum ScoreClaim {
    Points,
    Named,
}

/// The overall readiness a line claims (`TOTAL READINESS SCORE: 90%`, `TOTAL: 87/120`), 0–100,
/// with how the line makes the claim.
pub(crate) fn declared_score_claim(line: &str) -> Option<(f64, ScoreClaim)> {
    if let Some(caps) = DECLARED_SCORE.captures(line) {
        let value: f64 = caps.get(1)?.as_str().parse().ok()?;
        return (0.0..=100.0)
            .contains(&value)
            .then_some((value, ScoreClaim::Named));
    }
    let caps = TOTAL_POINTS.captures(line)?;
    let (got, out_of) = points(caps.get(1)?.as_str(), caps.get(2)?.as_str())?;
    Some((got / out_of * 100.0, ScoreClaim::Points))
}

fn points(got: &str, out_of: &str) -> Option<(f64, f64)> {
    let got: f64 = got.parse().ok()?;
    let out_of: f64 = out_of.parse().ok()?;
    (out_of > 0.0 && (0.0..=out_of).contains(&got)).then_some((got, out_of))
}

static HEADING_POINTS: Guarded = Guarded::new(
    &[&['('], &['/'], DIGITS],
    r"^(.*?)\s*\(([0-9]{1,5}(?:\.[0-9]+)?)\s*/\s*([0-9]{1,5}(?:\.[0-9]+)?)\)\s*$",
);

/// Points at the end of a heading, `## Infrastructure (30/40)`: the title without them, the
/// weight (40) and the declared score (75%).
pub(crate) fn heading_points(title: &str) -> Option<(String, f64, f64)> {
    let caps = HEADING_POINTS.captures(title)?;
    let (got, out_of) = points(caps.get(2)?.as_str(), caps.get(3)?.as_str())?;
    let rest = caps.get(1)?.as_str().trim();
    (!rest.is_empty()).then(|| (rest.to_owned(), out_of, got / out_of * 100.0))
}

/// The labels a stated verdict opens with (`RECOMMENDATION: CONDITIONAL GO`), in the order they
/// are tried.
const STATEMENT_LABELS: [&str; 8] = [
    "recommendation",
    "overall status",
    "current status",
    "decision",
    "final decision",
    "go/no-go decision",
    "go-live decision",
    "verdict",
];

/// A verdict-like claim (`RECOMMENDATION: CONDITIONAL GO`) as `(label, text)`.
pub(crate) fn statement(line: &str) -> Option<(String, String)> {
    let (label, value) = labelled(line, &STATEMENT_LABELS)?;
    Some((label.to_owned(), value.trim().to_owned()))
}

/// `Label: value` on one line, for one of `labels` (ASCII, lower case), as the label as written
/// and the value: the line may open with spaces, the label is matched in any case, spaces may
/// stand around the colon, and the value is the rest of the line from its first character that
/// is not a space, which must exist. Written out rather than as a pattern, whose Unicode
/// classes for "not a space" and "any character" cost more to compile (0.2–0.3 ms each) than
/// every status line of a checklist costs to read; a unit test holds it to that pattern,
/// `(?i)^\s*(LABEL|…)\s*:\s*(\S.*)$`.
fn labelled<'t>(line: &'t str, labels: &[&str]) -> Option<(&'t str, &'t str)> {
    let rest = line.trim_start_matches(char::is_whitespace);
    labels.iter().find_map(|label| {
        let after = strip_prefix_ignoring_case(rest, label)?;
        let value = after
            .trim_start_matches(char::is_whitespace)
            .strip_prefix(':')?
            .trim_start_matches(char::is_whitespace);
        // `.` stops at a line break and `$` is the end of the text, so the value is one line.
        (!value.is_empty() && !value.contains('\n'))
            .then(|| (&rest[..rest.len() - after.len()], value))
    })
}

/// `text` after `word` (lower case), matched as `(?i)` matches: by simple case folding, so
/// `ſ` stands for `s`, the Kelvin sign for `k` and `Á` for `á`, while `İ` (which folds to two
/// characters) stands for nothing.
pub(crate) fn strip_prefix_ignoring_case<'t>(text: &'t str, word: &str) -> Option<&'t str> {
    let mut chars = text.chars();
    for expected in word.chars() {
        if !folds_to(chars.next()?, expected) {
            return None;
        }
    }
    Some(chars.as_str())
}

/// `text` before `word` (lower case), matched at its end as [`strip_prefix_ignoring_case`]
/// matches at the start.
fn strip_suffix_ignoring_case<'t>(text: &'t str, word: &str) -> Option<&'t str> {
    let mut chars = text.chars();
    for expected in word.chars().rev() {
        if !folds_to(chars.next_back()?, expected) {
            return None;
        }
    }
    Some(chars.as_str())
}

/// `text` after `word` (lower case, in any case) written after one or more spaces: the
/// `\s+word` of a two-word name (`in case`, `release date`), or `None`.
pub(crate) fn strip_spaced<'t>(text: &'t str, word: &str) -> Option<&'t str> {
    let spaced = text.trim_start_matches(char::is_whitespace);
    (spaced.len() < text.len())
        .then(|| strip_prefix_ignoring_case(spaced, word))
        .flatten()
}

/// `text` after `word` (lower case, in any case) joined by a hyphen, one space or nothing: the
/// `[-\s]?word` of `no-go`, `go live`, `cutover`, or `None`.
pub(crate) fn strip_joined<'t>(text: &'t str, word: &str) -> Option<&'t str> {
    let mut chars = text.chars();
    let joined = match chars.next() {
        Some(c) if c == '-' || c.is_whitespace() => {
            strip_prefix_ignoring_case(chars.as_str(), word)
        }
        _ => None,
    };
    joined.or_else(|| strip_prefix_ignoring_case(text, word))
}

/// Whether a word that stops where `after` begins ends there, as `\b` sees it: `after` is empty
/// or opens with a character that is not a word character.
pub(crate) fn ends_word(after: &str) -> bool {
    after
        .chars()
        .next()
        .is_none_or(|c| !regex_syntax::is_word_character(c))
}

/// Which of `words` (lower case) `text` is under `(?i)`: the word as the readers spell it, so
/// `MUST`, `Must` and `MUſT` all read as `must`.
pub(crate) fn folded_as<'w>(text: &str, words: &[&'w str]) -> Option<&'w str> {
    words
        .iter()
        .copied()
        .find(|word| eq_ignoring_case(text, word))
}

/// Whether `text` is `word` (lower case) under `(?i)`, character for character.
pub(crate) fn eq_ignoring_case(text: &str, word: &str) -> bool {
    strip_prefix_ignoring_case(text, word).is_some_and(str::is_empty)
}

/// Whether `c` is `lower` (a lower-case letter, or any character without case) under `(?i)`.
pub(crate) fn folds_to(c: char, lower: char) -> bool {
    if c == lower {
        return true;
    }
    if c.is_ascii() {
        return c.to_ascii_lowercase() == lower;
    }
    if c == 'ſ' {
        return lower == 's';
    }
    let mut folded = c.to_lowercase();
    folded.next() == Some(lower) && folded.next().is_none()
}

static NEGATIVE_CLAIM: Guarded = Guarded::new(
    &[],
    r"(?i)\bno[- ]?go\b|\bnot\s+(ready|approved)\b|\bblocked\b|\breject",
)
.with_words(&[
    &["no", "blocked", "reject"],
    &["go", "ready", "approved", "blocked", "reject"],
]);
static POSITIVE_CLAIM: LazyLock<Pattern> =
    LazyLock::new(|| regex(r"(?i)\bgo\b|\bapproved?\b|\bready\b|\bproceed\b|\bcomplete\b"));

/// Whether a stated verdict says the release may go. A text ending in a colon introduces a
/// list (`Recommendation: Complete at minimum:`) and states no verdict.
pub(crate) fn claims_go(text: &str) -> bool {
    !text.trim_end().ends_with(':')
        && !NEGATIVE_CLAIM.is_match(text)
        && POSITIVE_CLAIM.is_match(text)
}

/// A section's own status line (`Status: ✅ 100% Complete`).
pub(crate) fn section_status(line: &str) -> Option<String> {
    labelled(line, &["status"]).map(|(_, value)| value.trim().to_owned())
}

/// The text after any icons it opens with (emoji, symbols and the joiners between them).
pub(crate) fn strip_leading_icons(text: &str) -> &str {
    text.trim_start_matches(|c: char| {
        c.is_whitespace()
            || (!c.is_ascii() && !c.is_alphanumeric())
            || c == '\u{fe0f}'
            || c == '\u{200d}'
    })
}

static IDENTIFIER: LazyLock<Pattern> = LazyLock::new(|| {
    regex(
        r"^(?:[A-Z][A-Z0-9]*[-_][A-Z0-9]*[0-9][A-Z0-9]*|[A-Z]{2,}(?:/[A-Z]{2,})+|#?[0-9]+(?:\.[0-9]+)*)$",
    )
});

/// A bold lead that labels an item rather than naming it: `CRIT-001`, `PASS/FAIL`, `#12`.
pub(crate) fn is_identifier(text: &str) -> bool {
    IDENTIFIER.is_match(text.trim())
}

/// A line that would be a task box outside code: a list marker, a box (`[ ]`, `[x]`, `[X]`)
/// and a word after it — `^\s*(?:[-*+]|[0-9]{1,9}[.)])\s+\[[ xX]\]\s+\S` written out, as a
/// unit test holds it.
pub(crate) fn is_task_line(line: &str) -> bool {
    let Some(marker) = list_marker_len(line) else {
        return false;
    };
    let Some(after) = ["[ ]", "[x]", "[X]"]
        .iter()
        .find_map(|tick| line[marker..].strip_prefix(tick))
    else {
        return false;
    };
    let word = after.trim_start_matches(char::is_whitespace);
    word.len() < after.len() && !word.is_empty()
}

/// The length in bytes of the list marker a line opens with (`- `, `* `, `12) `), with the
/// spaces around it: `^\s*(?:[-*+]|[0-9]{1,9}[.)])\s+` written out, since every line of a
/// checklist is asked and the pattern's Unicode spaces cost more to compile than the whole
/// question costs in code. A unit test holds it to the pattern.
pub(crate) fn list_marker_len(line: &str) -> Option<usize> {
    let rest = line.trim_start_matches(char::is_whitespace);
    let bytes = rest.as_bytes();
    let marker = match bytes.first()? {
        b'-' | b'*' | b'+' => 1,
        _ => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if !(1..=9).contains(&digits) || !matches!(bytes.get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
    };
    let after = &rest[marker..];
    let text = after.trim_start_matches(char::is_whitespace);
    (text.len() < after.len()).then(|| line.len() - text.len())
}

/// The answers a box may hold instead of a task, in lower case; `no go` is also written with a
/// hyphen, a space or nothing between its words.
const ANSWERS: [&str; 20] = [
    "yes",
    "no",
    "n/a",
    "go",
    "other",
    "none",
    "true",
    "false",
    "ja",
    "nein",
    "oui",
    "non",
    "sí",
    "si",
    "是",
    "否",
    "はい",
    "いいえ",
    "예",
    "아니오",
];

/// A box's title that is an answer rather than a task: Yes, No, Go, No-Go, Other, N/A. Read in
/// code rather than by a case-insensitive pattern (a unit test holds the two equal), which was
/// compiled for nearly every checklist to find no answer in most.
pub(crate) fn is_answer(title: &str) -> bool {
    let title = PARENTHESIS.replace_all(title, "");
    let answer = title.trim_matches(char::is_whitespace);
    ANSWERS.iter().any(|word| eq_ignoring_case(answer, word))
        || strip_prefix_ignoring_case(answer, "no")
            .and_then(|rest| strip_joined(rest, "go"))
            .is_some_and(str::is_empty)
}

/// Whether boxes under a question are its options rather than tasks: two to eight short ones
/// (five words at most), with no nested work, and at most one ticked, as the answers to one
/// question are.
/// A remark in parentheses (`Other (treat as last resort)`) is not part of an option's words.
static PARENTHESIS: Guarded = Guarded::new(&[&['('], &[')']], r"\([^)]*\)");

pub(crate) fn are_options(items: &[crate::model::Item]) -> bool {
    // Several ticked answers are a task list ("Which checks did you run?"), unless one of them
    // is an answer such as `Other`, which only a multiple choice offers.
    (2..=8).contains(&items.len())
        && (items.iter().filter(|i| i.checked).count() <= 1
            || items.iter().any(|i| is_answer(&i.title)))
        && items.iter().all(|i| {
            i.children.is_empty()
                && PARENTHESIS
                    .replace_all(&i.title, "")
                    .split_whitespace()
                    .count()
                    <= 5
        })
}

/// The options under a question heading (`###### How can this feature be enabled?`): as
/// [`are_options`], and one of them is an answer such as `Other` or `None`, since a heading
/// asking "Are backups tested?" is as often followed by the work that answers it.
pub(crate) fn are_heading_options(items: &[crate::model::Item]) -> bool {
    are_options(items) && items.iter().any(|i| is_answer(&i.title))
}

/// Texts made of the lines the written-out readers look for, bent at random, between fragments
/// strung together at random (a fixed seed, so a failure repeats): the tests that hold each reader to the pattern it replaced run
/// them beside their hand-picked cases, to reach the orders and neighbours nobody thought of.
/// Of 4,000 such texts, every pattern matched between 8 and 191 when this was written.
#[cfg(test)]
pub(crate) fn random_texts(count: usize) -> Vec<String> {
    const FRAGMENTS: &[&str] = &[
        "status",
        "Status",
        "STATE",
        "ſ",
        "\u{212A}",
        "recommendation",
        "Decision",
        "verdict",
        "go",
        "GO",
        "/",
        "no",
        "No",
        "-",
        "–",
        "—",
        " ",
        "  ",
        "\t",
        "\n",
        "\u{a0}",
        ":",
        "(",
        ")",
        "[",
        "]",
        "r",
        "R",
        "p1",
        "P0",
        "must",
        "Must",
        "should",
        "nice",
        "have",
        "to",
        "1",
        "12",
        "123",
        "1234",
        ".",
        "launch",
        "Launch",
        "day",
        "Dia",
        "pending",
        "PENDING",
        "post",
        "optional",
        "n/a",
        "N/A",
        "not applicable",
        "sign",
        "off",
        "Signed",
        "date",
        "Date",
        "last",
        "updated",
        "review",
        "due",
        "target",
        "release",
        "assessed",
        "live",
        "cut",
        "over",
        "!",
        "&",
        "and",
        "time",
        "name",
        "print",
        "full",
        "approved",
        "by",
        "x",
        "é",
        "É",
        "á",
        "是",
        "完了",
        "İ",
        "ı",
        "if",
        "in",
        "case",
        "when",
        "yes",
        "done",
        "ready",
        "ok",
        "completed",
        "is",
        "place",
        "set",
        "up",
        "*",
        "_",
        "\"",
        "“",
        "”",
        "approval",
        "section",
        "required",
        "never",
        "not",
        "don't",
        "deploy",
        "ship",
        "ſhip",
        "\u{301}",
    ];
    /// Lines shaped like what each reader looks for, bent at random below.
    const SHAPES: &[&str] = &[
        "Status: done",
        "RECOMMENDATION: CONDITIONAL GO",
        "- [x] Task",
        "12) [ ] item",
        "Item (P1)",
        "[must] Deploy",
        "2.3. Load testing",
        "Go/No-Go criteria",
        "Day 3: Launch!",
        "Runbook - pending",
        "Docs (not applicable)",
        "Target Go-Live: 2025-01-01",
        "Last updated: May 2, 2025",
        "Complete all \"Must Have\" items",
        "Nice to have",
        "Technical Sign-Off Requirements",
        "Sign-off (QA)",
        "Date / Time",
        "Print Name",
        "Test plan is in place",
        "QA Lead",
        "If critical issues arise:",
        "in case of fire",
        "Ready?",
        "✅ Done",
        "Yes",
        "No-Go",
        "Do not launch if P0 open",
    ];
    let mut random = fastrand::Rng::with_seed(0x2545_F491_4F6C_DD1D);
    let mut pick = move |n: usize| random.usize(..n);
    (0..count)
        .map(|_| {
            let mut text = String::new();
            for _ in 0..pick(3) {
                text.push_str(FRAGMENTS[pick(FRAGMENTS.len())]);
            }
            if pick(4) > 0 {
                for c in SHAPES[pick(SHAPES.len())].chars() {
                    match pick(40) {
                        0 => {}
                        1 => text.push_str(&c.to_uppercase().to_string()),
                        2 => text.push_str(&c.to_lowercase().to_string()),
                        3 if c == 's' => text.push('ſ'),
                        4 if c == ' ' => text.push_str("  "),
                        5 if c == ' ' => text.push('\t'),
                        6 => text.push_str(FRAGMENTS[pick(FRAGMENTS.len())]),
                        _ => text.push(c),
                    }
                }
            }
            for _ in 0..pick(3) {
                text.push_str(FRAGMENTS[pick(FRAGMENTS.len())]);
            }
            text
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // The patterns the written-out readers replaced: the oracles their tests hold them to.
    const CONDITION_SOURCE: &str =
        r"(?i)^\W*(?:if|when|in\s+case|wenn|falls|si|se|если|如果|もし|만약)\b";
    const STATEMENT_SOURCE: &str = r"(?i)^\s*(recommendation|overall status|current status|decision|final decision|go/no-go decision|go-live decision|verdict)\s*:\s*(\S.*)$";
    const SECTION_STATUS_SOURCE: &str = r"(?i)^\s*status\s*:\s*(\S.*)$";
    const LIST_MARKER_SOURCE: &str = r"^\s*(?:[-*+]|[0-9]{1,9}[.)])\s+";
    const TASK_LINE_SOURCE: &str = r"^\s*(?:[-*+]|[0-9]{1,9}[.)])\s+\[[ xX]\]\s+\S";
    const ANSWER_SOURCE: &str = r"(?i)^\s*(yes|no|n/a|go|no[-\s]?go|other|none|true|false|ja|nein|oui|non|sí|si|是|否|はい|いいえ|예|아니오)\s*$";
    const STATUS_HEADER_SOURCE: &str = r"(?i)^\W*(?:status|state|ready|done|complete|go|статус|готовность|estado|statut|état|zustand|状态|状態|상태|durum)\W*$";
    const DONE_WORD_SOURCE: &str = r"(?i)^\W*(?:yes|ready|done|complete|completed|go|pass|passed|ok|green|да|готово|sí|si|oui|ja|sim|evet|是|完成|已完成|完了|済|완료)\b";
    const PRIORITY_MARK_SOURCE: &str = r"(?i)[(\[]\s*(r|required|must|p[0-3])\s*[)\]]";
    const NUMBERED_SOURCE: &str = r"^((?:[0-9]{1,3}\.)*[0-9]{1,3})\.?\)?\s+(\S.*)$";
    const PAREN_TAG_SOURCE: &str =
        r"(?i)[(\[]\s*(pending|partial|optional|n/a|not applicable|post[- ]launch)\s*[)\]]";
    const GO_NO_GO_SOURCE: &str = r"(?i)\bgo\s*/\s*no[-\s]?go\b";
    const LAUNCH_HEADING_SOURCE: &str = r"(?i)^\s*(?:(?:day|dia|día|jour|tag)\s*[0-9]+\s*[:\-–—]\s*)?(launch|go[-\s]?live|cut[-\s]?over)\s*!?\s*$";
    const TRAILING_TAG_SOURCE: &str = r"(?i)\s*(?:[-–—:|]\s*|\(\s*|\[\s*)(pending|partial|optional|n/a|not applicable|post[- ]launch)\s*[)\]]?\s*$";
    const SIGNOFF_WORDS_SOURCE: &str =
        r"(?i)\b(sign[- ]?offs?|approvals?|approvers?|reviewers|requirements|required|section)\b";

    /// The ASCII path collapses exactly the spaces the general one does.
    #[test]
    fn ascii_spaces_collapse_as_any_others_do() {
        for text in [
            "",
            " ",
            "a",
            "  a  b\t\tc \n",
            "a\u{b}b\u{c}c\rd",
            "\t x",
            "x \u{1f} y",
            "a  ",
            "a b",
            " a b",
            "a b ",
            "ab  c",
            "a\tb",
        ] {
            let general = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_ascii_spaces(text), general, "{text:?}");
            assert_eq!(collapse_spaces(text), general, "{text:?}");
        }
    }

    #[test]
    fn conditions_are_found_after_their_marks() {
        assert!(opens_with_condition("**If** critical issues arise"));
        assert!(opens_with_condition("ſi tout va bien"));
        assert!(opens_with_condition("(in  case of fire)"));
        assert!(!opens_with_condition("Critical path"));
        assert!(!opens_with_condition("Incase"));
    }

    #[test]
    fn every_guard_holds() {
        for guarded in [
            &UPPER_TAG,
            &PROBE_REF,
            &CRITICAL_PATH,
            &SIGNATURE_TOPIC,
            &DECLARED_SCORE,
            &TOTAL_POINTS,
            &HEADING_POINTS,
            &PARENTHESIS,
            &RULE_FORBIDS,
            &RULE_REQUIRES,
            &NEGATIVE_CLAIM,
        ] {
            assert!(guarded.needs_hold(), "{guarded:?}");
        }
    }

    fn declared_score_value(line: &str) -> Option<f64> {
        declared_score_claim(line).map(|(value, _)| value)
    }

    #[test]
    fn reads_probe_comments() {
        assert_eq!(probe_refs("<!-- probe: api-health -->"), ["api-health"]);
        assert_eq!(
            probe_refs("<!--probes: db-ping, backups-->"),
            ["db-ping", "backups"]
        );
        assert!(probe_refs("<!-- a note about probes -->").is_empty());
    }

    #[test]
    fn reads_trailing_tags() {
        let t = item_text("Sustained load test (1 week) - PENDING");
        assert_eq!(t.title, "Sustained load test (1 week)");
        assert_eq!(t.tags, vec![Tag::Pending]);
        let t = item_text("Escalation procedures defined - PARTIAL");
        assert_eq!(t.tags, vec![Tag::Partial]);
        let t = item_text("Ticketing system integrated - OPTIONAL");
        assert_eq!(
            (t.title.as_str(), t.tags),
            ("Ticketing system integrated", vec![Tag::Optional])
        );
        let t = item_text("User satisfaction >95% ⏳ (post-launch)");
        assert_eq!(t.title, "User satisfaction >95%");
        assert_eq!(t.tags, vec![Tag::PostLaunch]);
        assert_eq!(t.marks, vec![Mark::Pending]);
        let t = item_text("Caching layer (optional)");
        assert_eq!(t.tags, vec![Tag::Optional]);
        let t = item_text("Optional dependencies are pinned");
        assert!(t.tags.is_empty(), "a leading word is not a tag");
    }

    #[test]
    fn reads_marks() {
        assert_eq!(
            item_text("All tests passing ✅").marks,
            vec![Mark::Done],
            "emoji read"
        );
        assert_eq!(item_text("All tests passing ✅").title, "All tests passing");
        assert_eq!(marks("⚠️ Needs work"), vec![Mark::Warning]);
    }

    #[test]
    fn reads_numbered_headings() {
        assert_eq!(
            numbered_heading("2.2 Load Testing"),
            (Some("2.2".into()), "Load Testing".into())
        );
        assert_eq!(
            numbered_heading("1. Feature Completeness"),
            (Some("1".into()), "Feature Completeness".into())
        );
        assert_eq!(
            numbered_heading("2025 Roadmap"),
            (None, "2025 Roadmap".into())
        );
    }

    #[test]
    fn reads_priority_labels() {
        assert_eq!(
            priority_label("Must Have (Critical):"),
            Some(Priority::Must)
        );
        assert_eq!(
            priority_label("Should Have (Important):"),
            Some(Priority::Should)
        );
        assert_eq!(
            priority_label("Nice to Have (Optional):"),
            Some(Priority::Nice)
        );
        assert_eq!(
            priority_label("Critical (Must Complete Before Go-Live)"),
            Some(Priority::Must)
        );
        assert_eq!(priority_label("Critical path analysis"), None);
        assert_eq!(priority_label("Alert Rules:"), None);
    }

    #[test]
    fn reads_phases() {
        assert_eq!(phase("Launch Day (Week 2)"), Some(Phase::Launch));
        assert_eq!(phase("Post-Launch (Week 3+)"), Some(Phase::PostLaunch));
        assert_eq!(phase("First 24 Hours"), Some(Phase::PostLaunch));
        assert_eq!(phase("Pre-Launch (Week 1)"), None);
        assert_eq!(phase("T-1 Day"), None);
        assert_eq!(phase("Go-Live Checklist"), None);
    }

    /// Class 6 of the reading issue: launch-day, post-launch and contingency sections in the
    /// shapes and languages people write them.
    #[test]
    fn reads_phases_in_more_shapes_and_languages() {
        for launch in [
            "During Deployment",
            "Deployment Execution",
            "Go-Live Day",
            "Live-Tag",
            "배포 중",
            "リリース当日",
            "部署执行步骤",
            "Deployment Steps",
        ] {
            assert_eq!(phase(launch), Some(Phase::Launch), "{launch}");
        }
        assert_eq!(section_phase("Launch", false), Some(Phase::Launch));
        assert_eq!(section_phase("Dia 22: Launch!", false), Some(Phase::Launch));
        assert_eq!(section_phase("Launch Checklist", false), None);
        assert_eq!(
            section_phase("Launch", true),
            None,
            "the title names the whole checklist"
        );
        for post in [
            "Nach dem Go-Live",
            "Post-lancement",
            "Después del despliegue",
            "部署后检查",
            "배포 후",
            "リリース後",
            "Sécurité Post-déploiement",
            "日常運用タスク",
            "Ongoing Operations",
            "После релиза",
            "Pós-lançamento",
            "Métricas de Sucesso (Primeira Semana)",
        ] {
            assert_eq!(phase(post), Some(Phase::PostLaunch), "{post}");
        }
        for contingency in [
            "Rollback Procedure",
            "Rollback Execution",
            "Hotfix",
            "回滚步骤（如需要）",
            "9. 롤백 절차 (Rollback Procedure)",
        ] {
            assert_eq!(
                phase(contingency),
                Some(Phase::Contingency),
                "{contingency}"
            );
        }
        for preparation in [
            "Rollback plan tested",
            "Rollback Plan",
            "6. 监控和回滚准备 🔍",
        ] {
            assert_eq!(
                phase(preparation),
                None,
                "preparing a rollback is pre-launch work: {preparation}"
            );
        }
    }

    /// Class 5: priorities from words anywhere in a group's heading, in several languages.
    #[test]
    fn reads_priorities_anywhere_in_the_heading() {
        let cases = [
            ("P0 - Must Be True Before Launch", Some(Priority::Must)),
            (
                "Critical Security Fixes (P0) - BLOCKERS",
                Some(Priority::Must),
            ),
            ("v1.1 Must gates", Some(Priority::Must)),
            ("Mandatory", Some(Priority::Must)),
            ("Required Before Release Candidate", Some(Priority::Must)),
            ("Bloquant", Some(Priority::Must)),
            ("Pflichtpunkte", Some(Priority::Must)),
            ("Obligatorio", Some(Priority::Must)),
            ("上线必须项", Some(Priority::Must)),
            ("필수 항목", Some(Priority::Must)),
            ("必須", Some(Priority::Must)),
            ("部署前必查项目", Some(Priority::Must)),
            ("Обязательно до релиза", Some(Priority::Must)),
            ("Itens obrigatórios", Some(Priority::Must)),
            ("Zorunlu", Some(Priority::Must)),
            ("P1 items", Some(Priority::Should)),
            ("Рекомендуется", Some(Priority::Should)),
            ("Желательно", Some(Priority::Nice)),
            ("High Priority", Some(Priority::Should)),
            ("Empfohlen", Some(Priority::Should)),
            ("P2 / nice to have", Some(Priority::Nice)),
            ("Could Have", Some(Priority::Nice)),
            ("Low priority", Some(Priority::Nice)),
            ("Optional (Can Complete Post-Launch)", Some(Priority::Nice)),
            ("Performance Requirements", None),
            ("Critical path analysis", None),
            ("If critical issues arise during launch:", None),
            ("API Package should contain:", None),
        ];
        for (heading, want) in cases {
            assert_eq!(priority_label(heading), want, "{heading}");
        }
    }

    #[test]
    fn reads_declared_scores_and_statements() {
        assert_eq!(declared_score_value("Current Readiness: 90%"), Some(90.0));
        assert_eq!(
            declared_score_value("TOTAL READINESS SCORE: 90%"),
            Some(90.0)
        );
        assert_eq!(declared_score_value("Readiness score: 72/100"), Some(72.0));
        assert_eq!(declared_score_value("Security Score: 100%"), None);
        assert_eq!(
            declared_score_value("Total Weighted Score: 98.2% ✅"),
            Some(98.2)
        );
        assert_eq!(
            declared_score_claim("Total: 100/100"),
            Some((100.0, ScoreClaim::Points))
        );
        assert_eq!(
            statement("RECOMMENDATION: CONDITIONAL GO"),
            Some(("RECOMMENDATION".into(), "CONDITIONAL GO".into()))
        );
        assert!(claims_go("CONDITIONAL GO"));
        assert!(claims_go(
            "APPROVED FOR PRODUCTION with continued monitoring"
        ));
        assert!(!claims_go("NO-GO until DR drill"));
    }

    #[test]
    fn reads_signoff_headings() {
        assert!(is_signoff_heading("Sign-Off Requirements"));
        assert!(is_signoff_heading("19.1 Technical Sign-Off"));
        assert_eq!(
            signoff_group("Technical Sign-Off"),
            Some("Technical".into())
        );
        assert_eq!(signoff_group("Sign-Off Requirements"), None);
        assert!(!is_signoff_heading("Security Compliance"));
    }

    /// The forbidding rule's clause, taken whole and cut by `condition_of`, is what the
    /// bounded pattern `[^.;]{0,100}` would give, whatever the clause's length or script.
    #[test]
    fn rule_condition_is_cut_as_the_bounded_pattern_would() {
        let bounded = regex::Regex::new(
            r"(?i)\b(?:do\s+not|don'?t|never|must\s+not|cannot|can'?t|no)\s+(?:launch|release|deploy|ship|go[-\s]?live|proceed|promote)\w*\b(?:[^.;]{0,40}?)\b(if|while|when|with|unless|until)\b([^.;]{0,100})",
        )
        .expect("valid");
        let mut seen = 0;
        for lead in [
            "Do not launch",
            "Never released",
            "No go-live yet, we",
            "can't ship",
        ] {
            for gap in [0, 10, 39, 45] {
                for keyword in ["if", "until", "Unless"] {
                    for (fill, len) in [("x", 99), ("é", 100), ("漢 ", 101), ("a", 150), ("", 0)]
                    {
                        for end in ["", ".", "; then", ". Do not launch if any P0 is open"] {
                            let text = format!(
                                "{lead} {} {keyword} {}{end}",
                                "y".repeat(gap),
                                fill.repeat(len)
                            );
                            let theirs = bounded
                                .captures(&text)
                                .map(|c| (c[1].to_owned(), c[2].to_owned()));
                            let ours = RULE_FORBIDS
                                .captures(&text)
                                .map(|c| (c[1].to_owned(), condition_of(&c[2]).to_owned()));
                            seen += usize::from(theirs.is_some());
                            assert_eq!(ours, theirs, "{text}");
                        }
                    }
                }
            }
        }
        assert!(seen > 100, "the cases reach the rule: {seen}");
    }

    #[test]
    fn a_condition_is_found_after_marks_as_the_leading_class_found_it() {
        let original = regex::Regex::new(CONDITION_SOURCE).expect("valid");
        let mut seen = 0;
        for lead in [
            "", "**", "⚠️ ", "( ", "- ", "\u{a0}", "1. ", "_", "é ", "—", "🚀🚀",
        ] {
            for word in [
                "If", "when", "In  case", "wenn", "Falls", "si", "SE", "Если", "如果", "もし",
                "만약", "iff", "whence", "in", "sie", "case",
            ] {
                for tail in ["", " critical issues arise:", "x", "_y", ":", "\u{301}"] {
                    let text = format!("{lead}{word}{tail}");
                    let theirs = original.is_match(&text);
                    seen += usize::from(theirs);
                    assert_eq!(opens_with_condition(&text), theirs, "{text:?}");
                }
            }
        }
        assert!(seen > 100, "the cases reach the pattern: {seen}");
    }

    #[test]
    fn labelled_lines_are_read_as_their_pattern_read_them() {
        let original = regex::Regex::new(STATEMENT_SOURCE).expect("valid");
        let status = regex::Regex::new(SECTION_STATUS_SOURCE).expect("valid");
        let mut seen = 0;
        for lead in ["", "  ", "\t", "\n", "\u{a0}", "\u{2028}", "x ", "*"] {
            for label in [
                "Recommendation",
                "RECOMMENDATION",
                "recommendatioN",
                "Overall Status",
                "overall  status",
                "current status",
                "Decision",
                "final decision",
                "FINAL DECISION",
                "go/no-go decision",
                "Go-Live Decision",
                "verdict",
                "Verdicts",
                "Status",
                "STATUS",
                "ſtatuſ",
                "statu",
                "statuses",
                "Stätus",
                "decisİon",
                "DECİSION",
                "decısion",
                "recommendation:",
                "",
            ] {
                for gap in ["", " ", "\t ", "\n", " :", ": "] {
                    for value in [
                        ": GO",
                        ":GO ",
                        ":  conditional go  ",
                        ":",
                        ": ",
                        ":\n GO",
                        ": GO\nx",
                        ": GO\r",
                        ":\u{a0}✅ done",
                        "= GO",
                        " GO",
                        "::",
                        ": \n",
                        ": é",
                    ] {
                        let text = format!("{lead}{label}{gap}{value}");
                        let theirs = original
                            .captures(&text)
                            .map(|c| (c[1].to_owned(), c[2].trim().to_owned()));
                        seen += usize::from(theirs.is_some());
                        assert_eq!(statement(&text), theirs, "{text:?}");
                        let theirs = status.captures(&text).map(|c| c[1].trim().to_owned());
                        seen += usize::from(theirs.is_some());
                        assert_eq!(section_status(&text), theirs, "{text:?}");
                    }
                }
            }
        }
        assert!(seen > 1000, "the cases reach the patterns: {seen}");
    }

    #[test]
    fn letters_fold_as_case_insensitive_patterns_fold_them() {
        for (c, lower, folds) in [
            ('S', 's', true),
            ('ſ', 's', true),
            ('\u{212A}', 'k', true),
            ('Á', 'á', true),
            ('İ', 'i', false),
            ('ı', 'i', false),
            ('ß', 's', false),
            ('-', '-', true),
            (' ', ' ', true),
            ('\u{a0}', ' ', false),
        ] {
            let pattern =
                regex::Regex::new(&format!("(?i)^{}$", regex::escape(&lower.to_string())))
                    .expect("valid");
            assert_eq!(pattern.is_match(&c.to_string()), folds, "{c:?} {lower:?}");
            assert_eq!(folds_to(c, lower), folds, "{c:?} {lower:?}");
        }
    }

    #[test]
    fn list_markers_task_lines_and_answers_are_read_as_their_patterns_read_them() {
        let list = regex::Regex::new(LIST_MARKER_SOURCE).expect("valid");
        let task = regex::Regex::new(TASK_LINE_SOURCE).expect("valid");
        let answer = regex::Regex::new(ANSWER_SOURCE).expect("valid");
        let mut seen = [0; 3];
        for lead in ["", " ", "   ", "\t", "\u{a0}", "\n", "x"] {
            for marker in [
                "-",
                "*",
                "+",
                "1.",
                "12)",
                "123456789.",
                "1234567890.",
                "0)",
                ".",
                "a.",
                "--",
                "",
                "1",
                "-x",
            ] {
                for gap in ["", " ", "  ", "\t", "\u{2003}", "\n"] {
                    for rest in [
                        "[ ] Task",
                        "[x]  done",
                        "[X]\tdone",
                        "[x]",
                        "[x] ",
                        "[y] no",
                        "[ ]x",
                        "Yes",
                        " no-go ",
                        "No Go",
                        "NOGO",
                        "no  go",
                        "n/A",
                        "Sí",
                        "SI",
                        "아니오",
                        "예",
                        "Other (explain)",
                        "yes please",
                        "ſi",
                        "nO\u{a0}gO",
                        "",
                    ] {
                        let text = format!("{lead}{marker}{gap}{rest}");
                        let theirs = list.find(&text).map(|m| m.end());
                        seen[0] += usize::from(theirs.is_some());
                        assert_eq!(list_marker_len(&text), theirs, "{text:?}");
                        let theirs = task.is_match(&text);
                        seen[1] += usize::from(theirs);
                        assert_eq!(is_task_line(&text), theirs, "{text:?}");
                        let theirs = answer.is_match(&PARENTHESIS.replace_all(&text, ""));
                        seen[2] += usize::from(theirs);
                        assert_eq!(is_answer(&text), theirs, "{text:?}");
                    }
                }
            }
        }
        assert!(
            seen.iter().all(|&n| n > 100),
            "the cases reach the patterns: {seen:?}"
        );
    }

    #[test]
    fn conditions_status_headers_and_done_words_are_read_as_their_patterns_read_them() {
        let condition = regex::Regex::new(CONDITION_SOURCE).expect("valid");
        let header = regex::Regex::new(STATUS_HEADER_SOURCE).expect("valid");
        let done = regex::Regex::new(DONE_WORD_SOURCE).expect("valid");
        let mut seen = [0; 3];
        for lead in [
            "", "**", "⚠️ ", "( ", "- ", "\u{a0}", "1. ", "_", "é ", "—", "🚀🚀", "\n",
        ] {
            for word in [
                "If",
                "when",
                "In  case",
                "in\ncase",
                "in-case",
                "wenn",
                "Falls",
                "si",
                "SE",
                "Если",
                "如果",
                "もし",
                "만약",
                "iff",
                "whence",
                "in",
                "sie",
                "case",
                "Status",
                "STATE",
                "ſtate",
                "État",
                "ÉTAT",
                "Готовность",
                "状態",
                "상태",
                "Durum",
                "Ready?",
                "Complete",
                "completed",
                "COMPLETEd",
                "Passed",
                "ok",
                "OK!",
                "Sí",
                "是",
                "是的",
                "完了",
                "済",
                "완료",
                "yes",
                "Yeſ",
                "green",
                "go",
                "gone",
                "",
            ] {
                for tail in [
                    "",
                    " critical issues arise:",
                    "x",
                    "_y",
                    ":",
                    "\u{301}",
                    "?",
                    " ✅",
                    " (done)",
                ] {
                    let text = format!("{lead}{word}{tail}");
                    let theirs = condition.is_match(&text);
                    seen[0] += usize::from(theirs);
                    assert_eq!(opens_with_condition(&text), theirs, "{text:?}");
                    let theirs = header.is_match(&text) || marks(&text) == [Mark::Done];
                    seen[1] += usize::from(theirs);
                    assert_eq!(
                        status_column(&["Area".into(), text.clone()]).is_some(),
                        theirs,
                        "{text:?}"
                    );
                    let theirs = match marks(&text).first() {
                        Some(mark) => *mark == Mark::Done,
                        None => done.is_match(&text),
                    };
                    seen[2] += usize::from(theirs);
                    assert_eq!(claims_done(&text), theirs, "{text:?}");
                }
            }
        }
        assert!(
            seen.iter().all(|&n| n > 100),
            "the cases reach the patterns: {seen:?}"
        );
    }

    #[test]
    fn priority_markers_and_numbers_are_read_as_their_patterns_read_them() {
        let marker = regex::Regex::new(PRIORITY_MARK_SOURCE).expect("valid");
        let number = regex::Regex::new(NUMBERED_SOURCE).expect("valid");
        let mut seen = [0; 2];
        for lead in [
            "", "Task ", "1", "12.", "1.2.3", "1234", "1.2345", "(", "[x",
        ] {
            for middle in [
                "(R)",
                "[P0]",
                "( p1 )",
                "[MUST]",
                "(Required]",
                "(muſt)",
                "(p4)",
                "(r",
                "[ R\n]",
                "(rr)",
                "((R))",
                "(R)(P2)",
                "",
                ".",
                ". ",
                ") ",
                ".) ",
                " ",
                "..",
                "\t",
                "\n",
            ] {
                for tail in [
                    "", " Title", " x (P3)", "\nmore", " a\nb", " ", "x", "[p2] end",
                ] {
                    let text = format!("{lead}{middle}{tail}");
                    let theirs: Vec<_> = marker
                        .captures_iter(&text)
                        .map(|c| (c.get(0).map(|m| m.range()), c[1].to_owned()))
                        .collect();
                    seen[0] += usize::from(!theirs.is_empty());
                    let ours: Vec<_> = priority_markers(&text)
                        .map(|(range, word)| (Some(range), word.to_owned()))
                        .collect();
                    assert_eq!(ours, theirs, "{text:?}");
                    let theirs = number
                        .captures(&text)
                        .map(|c| (c[1].to_owned(), c[2].to_owned()));
                    seen[1] += usize::from(theirs.is_some());
                    assert_eq!(
                        split_number(&text).map(|(n, t)| (n.to_owned(), t.to_owned())),
                        theirs,
                        "{text:?}"
                    );
                }
            }
        }
        assert!(
            seen.iter().all(|&n| n > 50),
            "the cases reach the patterns: {seen:?}"
        );
    }

    #[test]
    fn tags_decisions_and_launch_headings_are_read_as_their_patterns_read_them() {
        let paren = regex::Regex::new(PAREN_TAG_SOURCE).expect("valid");
        let go_no_go = regex::Regex::new(GO_NO_GO_SOURCE).expect("valid");
        let launch = regex::Regex::new(LAUNCH_HEADING_SOURCE).expect("valid");
        let mut seen = [0; 3];
        for lead in [
            "",
            " ",
            "Day 5 - ",
            "dÍa 22:",
            "Jour 3 — ",
            "Tag7-",
            "day : ",
            "x ",
            "\n",
            "ago/",
        ] {
            for middle in [
                "(pending)",
                "[ N/A ]",
                "(not applicable)",
                "(not  applicable)",
                "(Post-Launch]",
                "(post launch)",
                "(postlaunch)",
                "((optional))",
                "Go/No-Go",
                "go / no go",
                "GO/NOGO",
                "go/no--go",
                "go/no-goes",
                "Launch",
                "LAUNCH!",
                "launch !!",
                "Go-Live",
                "go live",
                "golive",
                "Cut Over",
                "cut-over",
                "Launch Plan",
                "",
            ] {
                for tail in ["", " ", "!", " ! ", " criteria", "(partial)", "\n", "_"] {
                    let text = format!("{lead}{middle}{tail}");
                    let theirs: Vec<_> = paren
                        .captures_iter(&text)
                        .map(|c| (c.get(0).map(|m| m.range()), c[1].to_owned()))
                        .collect();
                    seen[0] += usize::from(!theirs.is_empty());
                    let ours: Vec<_> = bracketed(&text, &PAREN_TAGS)
                        .map(|(range, word)| (Some(range), word.to_owned()))
                        .collect();
                    assert_eq!(ours, theirs, "{text:?}");
                    let theirs = go_no_go.replace_all(&text, "");
                    seen[1] += usize::from(theirs != text);
                    assert_eq!(without_go_no_go(&text), theirs, "{text:?}");
                    let theirs = launch.is_match(&text);
                    seen[2] += usize::from(theirs);
                    assert_eq!(is_launch_heading(&text), theirs, "{text:?}");
                }
            }
        }
        assert!(
            seen.iter().all(|&n| n > 50),
            "the cases reach the patterns: {seen:?}"
        );
    }

    #[test]
    fn trailing_tags_and_signoff_words_are_read_as_their_patterns_read_them() {
        let trailing = regex::Regex::new(TRAILING_TAG_SOURCE).expect("valid");
        let signoff = regex::Regex::new(SIGNOFF_WORDS_SOURCE).expect("valid");
        let mut seen = [0; 2];
        for lead in ["", "Runbook", "Runbook ", "x -", "Technical ", "_", "é"] {
            for sep in ["", " - ", " – ", ":", " | ", "(", " [ ", "-", " ", "—"] {
                for word in [
                    "PENDING",
                    "optional",
                    "N/A",
                    "n/a",
                    "Not Applicable",
                    "not  applicable",
                    "post-launch",
                    "Post Launch",
                    "postlaunch",
                    "unpending",
                    "Sign-Off",
                    "sign offs",
                    "SignOffs",
                    "Approvals",
                    "approver",
                    "reviewer",
                    "Requirements",
                    "required",
                    "Section",
                    "sign-offx",
                    "ſign-off",
                    "",
                ] {
                    for tail in ["", " ", ")", " ] ", "))", " x", "\n", " (optional)"] {
                        let text = format!("{lead}{sep}{word}{tail}");
                        let theirs = trailing
                            .captures(&text)
                            .map(|c| (c.get(0).map_or(0, |m| m.start()), c[1].to_owned()));
                        seen[0] += usize::from(theirs.is_some());
                        assert_eq!(
                            trailing_tag(&text).map(|(at, word)| (at, word.to_owned())),
                            theirs,
                            "{text:?}"
                        );
                        let theirs = signoff.replace_all(&text, "");
                        seen[1] += usize::from(theirs != text);
                        let ours = without_signoff_words(&text);
                        assert_eq!(ours, theirs, "{text:?}");
                    }
                }
            }
        }
        assert!(
            seen.iter().all(|&n| n > 200),
            "the cases reach the patterns: {seen:?}"
        );
    }

    #[test]
    fn marks_and_tags_read_in_any_case_mean_what_they_say() {
        assert_eq!(
            item_text("(MUſT) Deploy the service").priority,
            Some(Priority::Must)
        );
        assert_eq!(
            item_text("Deploy the service [p1]").priority,
            Some(Priority::Should)
        );
        assert_eq!(
            item_text("Runbook - poſt-launch").tags,
            vec![Tag::PostLaunch]
        );
        assert_eq!(
            item_text("Runbook (Not Applicable)").tags,
            vec![Tag::NotApplicable]
        );
    }

    #[test]
    fn every_rule_the_pattern_finds_passes_the_cheap_check_first() {
        let mut seen = [0; 2];
        for lead in ["", "⚠️ ", "We ", "x", "_"] {
            for refusal in [
                "Do not",
                "don't",
                "DONT",
                "never",
                "must  not",
                "cannot",
                "can't",
                "cant",
                "no",
                "No",
                "NOT",
                "know",
                "snot",
                "",
            ] {
                for gap in [" ", "  ", "\t", "\n", "", "-"] {
                    for verb in [
                        "launch",
                        "Released",
                        "deploying",
                        "ſhip",
                        "go-live",
                        "go live",
                        "golive",
                        "proceed",
                        "promote",
                        "ship",
                        "goes",
                        "start",
                    ] {
                        for tail in [" if any P0 item is open", " when tests fail", " yet.", ""] {
                            let text = format!("{lead}{refusal}{gap}{verb}{tail}");
                            let theirs = RULE_FORBIDS.is_match(&text);
                            let ours = may_forbid_launch(&text);
                            seen[0] += usize::from(theirs);
                            seen[1] += usize::from(!ours);
                            assert!(!theirs || ours, "{text:?}");
                        }
                    }
                }
            }
        }
        assert!(
            seen.iter().all(|&n| n > 200),
            "the cases reach both sides: {seen:?}"
        );
        assert!(!may_forbid_launch(
            "No issues found; deploy with care if needed"
        ));
    }

    #[test]
    fn written_out_readers_agree_with_their_patterns_on_random_texts() {
        let pattern = |source: &str| regex::Regex::new(source).expect("valid");
        let statement_pattern = pattern(STATEMENT_SOURCE);
        let status = pattern(SECTION_STATUS_SOURCE);
        let list = pattern(LIST_MARKER_SOURCE);
        let task = pattern(TASK_LINE_SOURCE);
        let answer = pattern(ANSWER_SOURCE);
        let condition = pattern(CONDITION_SOURCE);
        let header = pattern(STATUS_HEADER_SOURCE);
        let done = pattern(DONE_WORD_SOURCE);
        let marker = pattern(PRIORITY_MARK_SOURCE);
        let number = pattern(NUMBERED_SOURCE);
        let paren = pattern(PAREN_TAG_SOURCE);
        let go_no_go = pattern(GO_NO_GO_SOURCE);
        let launch = pattern(LAUNCH_HEADING_SOURCE);
        let trailing = pattern(TRAILING_TAG_SOURCE);
        let signoff = pattern(SIGNOFF_WORDS_SOURCE);
        let all = |re: &regex::Regex, text: &str, groups: usize| -> Vec<Vec<Option<String>>> {
            re.captures_iter(text)
                .map(|c| {
                    (0..=groups)
                        .map(|g| c.get(g).map(|m| m.as_str().to_owned()))
                        .collect()
                })
                .collect()
        };
        for text in random_texts(20_000) {
            let text = text.as_str();
            assert_eq!(
                statement(text),
                statement_pattern
                    .captures(text)
                    .map(|c| (c[1].to_owned(), c[2].trim().to_owned())),
                "{text:?}"
            );
            assert_eq!(
                section_status(text),
                status.captures(text).map(|c| c[1].trim().to_owned()),
                "{text:?}"
            );
            assert_eq!(
                list_marker_len(text),
                list.find(text).map(|m| m.end()),
                "{text:?}"
            );
            assert_eq!(is_task_line(text), task.is_match(text), "{text:?}");
            assert_eq!(
                is_answer(text),
                answer.is_match(&PARENTHESIS.replace_all(text, "")),
                "{text:?}"
            );
            assert_eq!(
                opens_with_condition(text),
                condition.is_match(text),
                "{text:?}"
            );
            assert_eq!(
                status_column(&["Area".into(), text.to_owned()]).is_some(),
                header.is_match(text) || marks(text) == [Mark::Done],
                "{text:?}"
            );
            let claimed = match marks(text).first() {
                Some(mark) => *mark == Mark::Done,
                None => done.is_match(text),
            };
            assert_eq!(claims_done(text), claimed, "{text:?}");
            let ours: Vec<Vec<Option<String>>> = priority_markers(text)
                .map(|(range, word)| vec![Some(text[range].to_owned()), Some(word.to_owned())])
                .collect();
            assert_eq!(ours, all(&marker, text, 1), "{text:?}");
            assert_eq!(
                split_number(text).map(|(n, t)| (n.to_owned(), t.to_owned())),
                number
                    .captures(text)
                    .map(|c| (c[1].to_owned(), c[2].to_owned())),
                "{text:?}"
            );
            let ours: Vec<Vec<Option<String>>> = bracketed(text, &PAREN_TAGS)
                .map(|(range, word)| vec![Some(text[range].to_owned()), Some(word.to_owned())])
                .collect();
            assert_eq!(ours, all(&paren, text, 1), "{text:?}");
            assert_eq!(
                without_go_no_go(text),
                go_no_go.replace_all(text, ""),
                "{text:?}"
            );
            assert_eq!(is_launch_heading(text), launch.is_match(text), "{text:?}");
            assert_eq!(
                trailing_tag(text).map(|(at, word)| (at, word.to_owned())),
                trailing
                    .captures(text)
                    .map(|c| (c.get(0).map_or(0, |m| m.start()), c[1].to_owned())),
                "{text:?}"
            );
            assert_eq!(
                without_signoff_words(text),
                signoff.replace_all(text, ""),
                "{text:?}"
            );
        }
    }
}
