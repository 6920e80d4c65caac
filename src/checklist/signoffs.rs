//! Reading sign-offs out of the ways people write them: a task box per role
//! (`- [x] QA Lead`), a fill-in line (`- **QA Lead:** ________ Date: ______`) or a table with
//! Role and Name columns. A role counts as signed only when a box is ticked or a real name is
//! filled in; underscores and placeholders are not a name.

use std::sync::LazyLock;

use crate::checklist::markers::{self, collapse_spaces, regex};
use crate::files::{DIGITS, Guarded, Pattern};
use crate::model::{SignOff, Span};

static DATE_FIELD: Guarded = Guarded::new(&[&[':']], r"(?i)\b(?:date|datum|fecha)\s*:");
static DATE_VALUE: Guarded = Guarded::new(
    &[&['-', '.', '/'], DIGITS],
    r"\b([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{2,4}|[0-9]{4}/[0-9]{2}/[0-9]{2})\b",
);
static ROLE_SPLIT: Guarded = Guarded::new(
    &[&[':', '–', '—', '-']],
    r"^([^:–—]+?)\s*(?::|\s[–—-]\s)\s*(.*)$",
);
static PLACEHOLDER: LazyLock<Pattern> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:[_\s.\-–—]*|\[[^\]]*\]|<[^>]*>|\{[^}]*\}|tbd|tba|n/?a|(?:(?:reviewer|approver|your|full)\s+)?name|pending|signature|date|-)$",
    )
});

/// Field labels of a signature block, the lines under an approver that hold their signature,
/// printed name and date, in lower case: the words each is written with, which may stand
/// apart by any spaces. They are fields of the role above them, never roles themselves.
const FIELD_LABELS: &[&[&str]] = &[
    &["signature"],
    &["signed"],
    &["print", "name"],
    &["printed", "name"],
    &["full", "name"],
    &["name"],
    &["date"],
    &["time"],
    &["title"],
    &["position"],
    &["comment"],
    &["comments"],
    &["note"],
    &["notes"],
    &["approved", "by"],
    &["unterschrift"],
    &["name", "in", "druckbuchstaben"],
    &["datum"],
    &["firma"],
    &["fecha"],
    &["nombre"],
    &["nom"],
    &["date", "et", "signature"],
    &["签字"],
    &["签名"],
    &["日期"],
    &["署名"],
    &["日付"],
    &["서명"],
    &["날짜"],
    &["imza"],
    &["tarih"],
];

/// Whether a bare label is a field of a signature block: one of [`FIELD_LABELS`] in any case,
/// `Date / Time` (with `/`, `and` or `&`, spaced or not), or `Sign-off` (`Signed off`,
/// `Signoff (QA)`, with a note in parentheses). Written out from the pattern it once was
/// (a unit test holds the two equal), whose compiling was most of reading a small sign-off
/// section and found a field in few checklists.
fn is_field_text(text: &str) -> bool {
    let text = text.trim_matches(char::is_whitespace);
    FIELD_LABELS.iter().any(|words| is_phrase(text, words))
        || is_date_and_time(text)
        || is_sign_off(text)
}

/// Whether `text` is `words` (lower case) in any case, one or more spaces between each two.
fn is_phrase(text: &str, words: &[&str]) -> bool {
    let Some((first, others)) = words.split_first() else {
        return false;
    };
    markers::strip_prefix_ignoring_case(text, first)
        .and_then(|rest| {
            others
                .iter()
                .try_fold(rest, |rest, word| markers::strip_spaced(rest, word))
        })
        .is_some_and(str::is_empty)
}

/// `Date/Time`, `date and time`, `Date & Time`.
fn is_date_and_time(text: &str) -> bool {
    let Some(rest) = markers::strip_prefix_ignoring_case(text, "date") else {
        return false;
    };
    let rest = rest.trim_start_matches(char::is_whitespace);
    ["/", "and", "&"].iter().any(|joint| {
        markers::strip_prefix_ignoring_case(rest, joint).is_some_and(|after| {
            markers::eq_ignoring_case(after.trim_start_matches(char::is_whitespace), "time")
        })
    })
}

/// `Sign-off`, `Signed off`, `signoff (Engineering)`: `sign` or `signed`, spaces or hyphens,
/// `off`, and a note in parentheses that holds no closing one.
fn is_sign_off(text: &str) -> bool {
    ["signed", "sign"].iter().any(|sign| {
        markers::strip_prefix_ignoring_case(text, sign).is_some_and(|rest| {
            let rest = rest.trim_start_matches(|c: char| c == '-' || c.is_whitespace());
            markers::strip_prefix_ignoring_case(rest, "off").is_some_and(|rest| {
                let rest = rest.trim_start_matches(char::is_whitespace);
                rest.is_empty()
                    || rest
                        .strip_prefix('(')
                        .and_then(|note| note.strip_suffix(')'))
                        .is_some_and(|note| !note.contains(')'))
            })
        })
    })
}

/// Words that make a line a task to do rather than a person to sign: verbs and states, each a
/// whole word in any case (`(?i)` folding, as [`markers::folds_to`] does).
const CRITERION_WORDS: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "pass",
    "passes",
    "passed",
    "complete",
    "completed",
    "completes",
    "done",
    "reviewed",
    "tested",
    "documented",
    "configured",
    "verified",
    "implemented",
    "defined",
    "created",
    "updated",
    "ready",
    "exist",
    "exists",
    "available",
    "enabled",
    "disabled",
    "deployed",
    "merged",
    "written",
    "scheduled",
    "agreed",
    "confirmed",
    "received",
    "obtained",
    "approved",
    "published",
    "established",
    "finished",
    "checked",
    "ticked",
    "exit",
    "exits",
    "show",
    "shows",
    "run",
    "runs",
    "annotated",
    "tagged",
    "item",
    "items",
    "all",
    "above",
    "ist",
    "sind",
    "wurde",
    "abgeschlossen",
    "est",
    "sont",
    "está",
    "están",
    "completado",
];

/// Two-word criteria (`in place`, `set up`): the words with only spaces between them.
const CRITERION_PHRASES: &[[&str; 2]] = &[["in", "place"], ["set", "up"]];

/// Whether `text` holds a word of work done ([`CRITERION_WORDS`], [`CRITERION_PHRASES`]). Words
/// are runs of word characters as `\b` sees them. Once a pattern whose compiling was a
/// thirtieth of reading a checklist with sign-offs; a unit test holds this to it.
fn has_criterion_word(text: &str) -> bool {
    let mut previous: Option<(&str, usize)> = None;
    for (start, end) in word_runs(text) {
        let word = &text[start..end];
        if CRITERION_WORDS
            .iter()
            .any(|w| markers::eq_ignoring_case(word, w))
        {
            return true;
        }
        if let Some((before, before_end)) = previous
            && text[before_end..start].chars().all(char::is_whitespace)
            && CRITERION_PHRASES.iter().any(|[first, second]| {
                markers::eq_ignoring_case(before, first) && markers::eq_ignoring_case(word, second)
            })
        {
            return true;
        }
        previous = Some((word, end));
    }
    false
}

/// The byte ranges of the runs of word characters in `text`.
fn word_runs(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.find(|&(_, c)| regex_syntax::is_word_character(c))?;
        let mut end = text.len();
        while let Some(&(at, c)) = chars.peek() {
            if !regex_syntax::is_word_character(c) {
                end = at;
                break;
            }
            chars.next();
        }
        Some((start, end))
    })
}

/// Whether a sign-off line names a person or role (`QA Lead`, `Stakeholder Approval`,
/// `CTO / IT Director`) rather than a criterion written under a sign-off heading (`Test plan is
/// in place`, `Production readiness review approved`): short, and no verb of work done.
pub(crate) fn names_a_role(text: &str) -> bool {
    let role = match ROLE_SPLIT.captures(text) {
        Some(caps) => caps.get(1).map_or("", |m| m.as_str()).to_owned(),
        None => text.to_owned(),
    };
    let role = collapse_spaces(role.trim_matches(|c: char| c == '*' || c.is_whitespace()));
    let words = role.split_whitespace().count();
    // Code (`pnpm run verify`) is a command to run, never a person.
    if words == 0 || role.contains('`') || is_field_label(&role) || markers::is_identifier(&role) {
        return false;
    }
    let verb = has_criterion_word(&role);
    words <= 3 && !verb || words <= 6 && !verb && !role.contains(['.', ',', ';'])
}

static BY_SLOT: LazyLock<Pattern> = LazyLock::new(|| {
    regex(
        r"(?i)^\s*(?:deployed|verified|approved|reviewed|tested|signed|released|accepted)\s+by\s*$",
    )
});

/// `Deployed by`, `Verified by`, `Approved by`: the person who did it, as a slot to fill in.
pub(crate) fn is_by_slot(label: &str) -> bool {
    BY_SLOT.is_match(bare_label(label))
}

/// A label without its bold markup and colon: `**Date:**` → `Date`.
fn bare_label(label: &str) -> &str {
    label.trim_matches(|c: char| c == '*' || c == ':' || c.is_whitespace())
}

/// A field of a signature block (`Signature`, `Print Name`, `Date`), not a role.
pub(crate) fn is_field_label(label: &str) -> bool {
    is_field_text(bare_label(label))
}

/// Fills one field of a signature block into the role it belongs to: a date field gives the
/// date, any other field (signature, printed name) a filled-in value signs it.
pub(crate) fn fill_field(role: &mut SignOff, label: &str, value: &str) {
    let Some(value) = filled(value) else {
        return;
    };
    if DATE_FIELD.is_match(&format!("{label}:")) || label.eq_ignore_ascii_case("time") {
        role.date = Some(value);
    } else {
        role.name.get_or_insert(value);
        if !role.checkbox {
            role.signed = true;
        }
    }
}

/// A real value, or `None` for blanks, underscores and placeholders like `[Name]`.
fn filled(value: &str) -> Option<String> {
    let value = collapse_spaces(value.trim_matches(|c: char| c == '_' || c.is_whitespace()));
    if value.is_empty() || PLACEHOLDER.is_match(&value) || value.chars().all(|c| c == '_') {
        None
    } else {
        Some(value)
    }
}

/// Reads one sign-off line. `checked` is the task box, if the line had one.
pub(crate) fn from_line(
    text: &str,
    checked: Option<bool>,
    group: Option<&str>,
    span: Span,
) -> Option<SignOff> {
    let text = collapse_spaces(text);
    if text.is_empty() {
        return None;
    }
    // A template placeholder such as `[REPLACE: Role]` is one role-to-be, not `[REPLACE`.
    if let Some(rest) = text.strip_prefix('[')
        && let Some(end) = rest.find(']')
        && rest[..end].contains(':')
    {
        return Some(SignOff {
            group: group.map(str::to_owned),
            role: format!("[{}]", &rest[..end]),
            name: None,
            date: None,
            signed: checked.unwrap_or(false),
            checkbox: checked.is_some(),
            span,
        });
    }
    let (role, rest) = match ROLE_SPLIT.captures(&text) {
        Some(caps) => (
            caps.get(1).map_or("", |m| m.as_str()).to_owned(),
            caps.get(2).map_or("", |m| m.as_str()).to_owned(),
        ),
        None => (text.clone(), String::new()),
    };
    let role = role
        .trim_matches(|c: char| c == '*' || c.is_whitespace())
        .to_owned();
    if role.is_empty() {
        return None;
    }
    let (name_part, date_part) = match DATE_FIELD.find(&rest) {
        Some(m) => (&rest[..m.start()], Some(&rest[m.end()..])),
        None => (rest.as_str(), None),
    };
    let mut date = date_part.and_then(filled);
    let mut name_part = name_part.to_owned();
    if date.is_none()
        && let Some(m) = DATE_VALUE.find(&name_part)
    {
        date = Some(m.as_str().to_owned());
        name_part = name_part.replace(m.as_str(), "");
    }
    let name = filled(name_part.trim_matches(|c: char| "()[],;".contains(c) || c.is_whitespace()));
    let signed = checked.unwrap_or(name.is_some());
    Some(SignOff {
        group: group.map(str::to_owned),
        role,
        name,
        date,
        signed,
        checkbox: checked.is_some(),
        span,
    })
}

/// Reads a sign-off table: a header with a role column, and a name or signature column.
/// Returns nothing when the table is not one.
pub(crate) fn from_table(
    header: &[String],
    rows: &[(Vec<String>, Span)],
    group: Option<&str>,
) -> Vec<SignOff> {
    let find = |words: &[&str]| {
        header.iter().position(|h| {
            let h = h.to_lowercase();
            words.iter().any(|w| h.contains(w))
        })
    };
    let Some(role_col) = find(&[
        "role",
        "rolle",
        "rôle",
        "rol",
        "function",
        "funktion",
        "responsibility",
        "team",
        "approver",
        "signer",
        "担当",
        "角色",
        "역할",
    ]) else {
        return Vec::new();
    };
    let name_words = [
        "name",
        "nom",
        "nombre",
        "owner",
        "approver",
        "signed by",
        "signer",
        "signature",
        "unterschrift",
        "firma",
        "签字",
        "署名",
        "서명",
    ];
    let name_col = header.iter().enumerate().position(|(i, h)| {
        let h = h.to_lowercase();
        i != role_col && name_words.iter().any(|w| h.contains(w))
    });
    let Some(name_col) = name_col else {
        return Vec::new();
    };
    let date_col = find(&["date", "datum", "fecha"]);
    let status_col = find(&["status", "approved", "decision", "signed"]).filter(|&c| c != name_col);

    rows.iter()
        .filter_map(|(cells, span)| {
            let role = filled(cells.get(role_col)?)?;
            let name = cells.get(name_col).and_then(|c| filled(c));
            let date = date_col.and_then(|c| cells.get(c)).and_then(|c| filled(c));
            let status_ok = status_col
                .and_then(|c| cells.get(c))
                .and_then(|c| filled(c))
                .is_none_or(|s| {
                    markers::claims_go(&s) || s.contains('✅') || s.eq_ignore_ascii_case("yes")
                });
            Some(SignOff {
                group: group.map(str::to_owned),
                role,
                signed: name.is_some() && status_ok,
                name,
                date,
                checkbox: false,
                span: span.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // The patterns the written-out readers replaced: the oracles their tests hold them to.
    const CRITERION_WORD_SOURCE: &str = r"(?ix)\b(?:is|are|was|were|be|been|has|have|had|in\s+place|pass(?:es|ed)?|complete[ds]?|
            done|reviewed|tested|documented|configured|verified|implemented|defined|created|updated|
            ready|exists?|available|enabled|disabled|deployed|merged|written|scheduled|agreed|
            confirmed|received|obtained|approved|published|set\s+up|established|finished|
            checked|ticked|exits?|shows?|runs?|annotated|tagged|items?|all|above|
            ist|sind|wurde|abgeschlossen|est|sont|está|están|completado)\b";
    const FIELD_LABEL_SOURCE: &str = r"(?ix)^\s*(?:
            signature|signed|sign(?:ed)?[\s-]*off\s*(?:\([^)]*\))?|print(?:ed)?\s+name|full\s+name|name|
            date|time|date\s*(?:/|and|&)\s*time|title|position|comments?|notes?|approved\s+by|
            unterschrift|name\s+in\s+druckbuchstaben|datum|firma|fecha|nombre|nom|date\s+et\s+signature|
            签字|签名|日期|署名|日付|서명|날짜|imza|tarih
        )\s*$";

    /// Each guard is proved against its pattern, whether or not a test's text reaches it.
    #[test]
    fn every_guard_holds() {
        for guarded in [&DATE_FIELD, &DATE_VALUE, &ROLE_SPLIT] {
            assert!(guarded.needs_hold(), "{guarded:?}");
        }
    }

    fn span() -> Span {
        Span::new("a.md", 1)
    }

    #[test]
    fn blank_fill_in_line_is_pending() {
        let s = from_line(
            "QA Lead: _________________ Date: _______",
            None,
            Some("Technical"),
            span(),
        )
        .expect("signoff");
        assert_eq!(s.role, "QA Lead");
        assert_eq!((s.name, s.date, s.signed), (None, None, false));
        assert_eq!(s.group.as_deref(), Some("Technical"));
    }

    #[test]
    fn filled_line_is_signed() {
        let s =
            from_line("CTO: Ada Lovelace Date: 2025-11-02", None, None, span()).expect("signoff");
        assert_eq!(s.name.as_deref(), Some("Ada Lovelace"));
        assert_eq!(s.date.as_deref(), Some("2025-11-02"));
        assert!(s.signed);
    }

    #[test]
    fn task_box_decides() {
        let s = from_line("QA Lead", Some(false), None, span()).expect("signoff");
        assert!(!s.signed && s.checkbox);
        let s = from_line(
            "QA Lead — Grace Hopper (2025-11-01)",
            Some(true),
            None,
            span(),
        )
        .expect("signoff");
        assert_eq!(s.role, "QA Lead");
        assert_eq!(s.name.as_deref(), Some("Grace Hopper"));
        assert_eq!(s.date.as_deref(), Some("2025-11-01"));
        assert!(s.signed);
    }

    #[test]
    fn reads_tables() {
        let header = vec![
            "Role".to_owned(),
            "Name".to_owned(),
            "Date".to_owned(),
            "Signature".to_owned(),
        ];
        let rows = vec![
            (
                vec!["SRE".into(), "Lin".into(), "2025-01-02".into(), "✅".into()],
                span(),
            ),
            (
                vec![
                    "Security".into(),
                    String::new(),
                    String::new(),
                    String::new(),
                ],
                span(),
            ),
        ];
        let s = from_table(&header, &rows, None);
        assert_eq!(s.len(), 2);
        assert!(s[0].signed);
        assert!(!s[1].signed);
    }

    #[test]
    fn criterion_words_are_found_as_their_pattern_found_them() {
        let original = regex::Regex::new(CRITERION_WORD_SOURCE).expect("valid");
        let mut seen = 0;
        for lead in ["", "QA ", "x", "_", "é", "-", "🚀 ", "1"] {
            for word in [
                "is",
                "IS",
                "iſ",
                "Items",
                "item",
                "itemś",
                "ESTÁ",
                "están",
                "esta",
                "in place",
                "In\u{a0}Place",
                "in\n place",
                "in-place",
                "inplace",
                "set up",
                "set  UP",
                "setup",
                "completes",
                "completeds",
                "passes",
                "passé",
                "runs",
                "rundown",
                "checKed",
                "check\u{212A}ed",
                "İs",
                "ıs",
                "lead",
                "CTO / IT Director",
                "",
            ] {
                for tail in ["", " lead", "s", "_", "\u{301}", ".", " place", "-up", "é"] {
                    let text = format!("{lead}{word}{tail}");
                    let theirs = original.is_match(&text);
                    seen += usize::from(theirs);
                    assert_eq!(has_criterion_word(&text), theirs, "{text:?}");
                }
            }
        }
        assert!(seen > 300, "the cases reach the pattern: {seen}");
    }

    #[test]
    fn field_labels_are_read_as_their_pattern_read_them() {
        let original = regex::Regex::new(FIELD_LABEL_SOURCE).expect("valid");
        let mut seen = 0;
        for lead in ["", " ", "\t", "\n ", "x"] {
            for label in [
                "Signature",
                "SIGNED",
                "Sign-off",
                "sign off",
                "Signoff",
                "Signed - Off",
                "sign--off",
                "Sign-off (QA)",
                "sign off ( a(b )",
                "sign off (a) (b)",
                "sign off (",
                "signoff()",
                "Print Name",
                "printed  name",
                "printname",
                "Full\tName",
                "Name",
                "Date",
                "Date/Time",
                "date and time",
                "DateAndTime",
                "date & time",
                "date  /time",
                "Time",
                "Title",
                "Position",
                "Comment",
                "comments",
                "Notes",
                "Approved by",
                "approved  BY",
                "Unterschrift",
                "Name in Druckbuchstaben",
                "name in druckbuchſtaben",
                "Datum",
                "Firma",
                "Fecha",
                "Nombre",
                "Nom",
                "Date et signature",
                "签字",
                "签名",
                "日期",
                "署名",
                "日付",
                "서명",
                "날짜",
                "İmza",
                "imza",
                "Tarih",
                "QA Lead",
                "Names",
                "dates",
                "",
            ] {
                for tail in ["", " ", "\n", ":", "s", " x"] {
                    let text = format!("{lead}{label}{tail}");
                    let theirs = original.is_match(&text);
                    seen += usize::from(theirs);
                    assert_eq!(is_field_text(&text), theirs, "{text:?}");
                }
            }
        }
        assert!(seen > 200, "the cases reach the pattern: {seen}");
    }

    #[test]
    fn criterion_words_and_field_labels_agree_with_their_patterns_on_random_texts() {
        let criterion = regex::Regex::new(CRITERION_WORD_SOURCE).expect("valid");
        let field = regex::Regex::new(FIELD_LABEL_SOURCE).expect("valid");
        for text in markers::random_texts(20_000) {
            let text = text.as_str();
            assert_eq!(
                has_criterion_word(text),
                criterion.is_match(text),
                "{text:?}"
            );
            assert_eq!(is_field_text(text), field.is_match(text), "{text:?}");
        }
    }
}
