//! Reading sign-offs out of the ways people write them: a task box per role
//! (`- [x] QA Lead`), a fill-in line (`- **QA Lead:** ________ Date: ______`) or a table with
//! Role and Name columns. A role counts as signed only when a box is ticked or a real name is
//! filled in; underscores and placeholders are not a name.

use std::sync::LazyLock;

use regex::Regex;

use crate::checklist::markers::{self, collapse_spaces, regex};
use crate::model::{SignOff, Span};

static DATE_FIELD: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\b(?:date|datum|fecha)\s*:"));
static DATE_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"\b(\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}/\d{2}/\d{2})\b")
});
static ROLE_SPLIT: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^([^:–—]+?)\s*(?::|\s[–—-]\s)\s*(.*)$"));
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(?:[_\s.\-–—]*|\[[^\]]*\]|<[^>]*>|\{[^}]*\}|tbd|tba|n/?a|name|pending|signature|date|-)$",
    )
});

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
        "function",
        "funktion",
        "responsibility",
        "team",
    ]) else {
        return Vec::new();
    };
    let Some(name_col) = find(&["name", "approver", "signed by", "signature", "unterschrift"])
    else {
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
}
