//! The conventions people write into checklist text: trailing tags (`- PENDING`), status emoji,
//! numbered headings, priority labels (`Must Have`), launch phases, sign-off headings and the
//! scores and verdicts a document claims about itself.
//!
//! These rules are shared by every loader so the same words mean the same thing everywhere, and
//! they are documented in the README under "How checklists are read".

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Mark, Phase, Priority, Tag};

pub(crate) use crate::files::regex;

/// An item's text split into what the author meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ItemText {
    pub(crate) title: String,
    pub(crate) tags: Vec<Tag>,
    pub(crate) marks: Vec<Mark>,
}

static TRAILING_TAG: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\s*(?:[-–—:|]\s*|\(\s*|\[\s*)(pending|partial|optional|n/a|not applicable|post[- ]launch)\s*[)\]]?\s*$",
    )
});
static UPPER_TAG: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\b(PENDING|PARTIAL|OPTIONAL|N/A|POST-LAUNCH)\b"));
static PAREN_TAG: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)[(\[]\s*(pending|partial|optional|n/a|not applicable|post[- ]launch)\s*[)\]]")
});

fn tag_from_word(word: &str) -> Option<Tag> {
    match word.to_ascii_lowercase().replace(' ', "-").as_str() {
        "pending" => Some(Tag::Pending),
        "partial" => Some(Tag::Partial),
        "optional" => Some(Tag::Optional),
        "n/a" | "not-applicable" => Some(Tag::NotApplicable),
        "post-launch" => Some(Tag::PostLaunch),
        _ => None,
    }
}

static PROBE_REF: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)<!--\s*probes?\s*:\s*([^>]*?)\s*-->"));

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
    let stripped: String = text
        .chars()
        .filter(|&c| c != '\u{fe0f}' && Mark::of_glyph(c).is_none())
        .collect();
    collapse_spaces(&stripped)
}

pub(crate) fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
    while let Some(caps) = TRAILING_TAG.captures(&title) {
        let Some(whole) = caps.get(0) else { break };
        if whole.start() == 0 {
            break;
        }
        if let Some(tag) = caps.get(1).and_then(|m| tag_from_word(m.as_str())) {
            push(tag);
        }
        title.truncate(whole.start());
    }
    for caps in UPPER_TAG.captures_iter(&title) {
        if let Some(tag) = caps.get(1).and_then(|m| tag_from_word(m.as_str())) {
            push(tag);
        }
    }
    for caps in PAREN_TAG.captures_iter(&title) {
        if let Some(tag) = caps.get(1).and_then(|m| tag_from_word(m.as_str())) {
            push(tag);
        }
    }
    let title = PAREN_TAG.replace_all(&title, "");
    let title = collapse_spaces(&title)
        .trim_end_matches([':', '-', '–', '—', ' '])
        .to_owned();
    tags.sort();
    ItemText { title, tags, marks }
}

static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^((?:\d{1,3}\.)*\d{1,3})\.?\)?\s+(\S.*)$"));

/// Splits `2.2 Load Testing` into `("2.2", "Load Testing")`.
pub(crate) fn numbered_heading(text: &str) -> (Option<String>, String) {
    match NUMBERED.captures(text) {
        Some(caps) => (
            caps.get(1).map(|m| m.as_str().to_owned()),
            caps.get(2).map_or("", |m| m.as_str()).to_owned(),
        ),
        None => (None, text.to_owned()),
    }
}

static PRIORITY_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?ix)^\s*(?:p[0-3]\s*[-:]?\s*)?
        (must[\s-]*haves?|must|critical|required|blockers?|should[\s-]*haves?|should|important|recommended|
         nice[\s-]*to[\s-]*haves?|could[\s-]*haves?|optional)
        \s*(?:items|requirements|criteria|tasks)?\s*(?:\([^)]*\))?\s*:?\s*$",
    )
});

/// The priority a group label or heading gives the items under it (`Must Have (Critical):`).
pub(crate) fn priority_label(text: &str) -> Option<Priority> {
    let caps = PRIORITY_LABEL.captures(text)?;
    let word = caps.get(1)?.as_str().to_ascii_lowercase();
    let priority = if word.starts_with("must")
        || word.starts_with("critical")
        || word.starts_with("required")
        || word.starts_with("blocker")
    {
        Priority::Must
    } else if word.starts_with("should")
        || word.starts_with("important")
        || word.starts_with("recommended")
    {
        Priority::Should
    } else {
        Priority::Nice
    };
    Some(priority)
}

static LAUNCH_PHASE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(launch|go[- ]?live|release|deployment|cut[- ]?over)[- ]day\b|\bday of (launch|go[- ]?live|release)\b|\bd-day\b",
    )
});
static POST_LAUNCH_PHASE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\bpost[- ]?(launch|go[- ]?live|release|deploy(ment)?|production|cut[- ]?over)\b|\bafter (the )?(launch|go[- ]?live|release|deploy(ment)?)\b|\bfirst (24|48|72) hours\b|\bfirst (day|week|month|quarter)\b|\bhypercare\b",
    )
});

/// The release phase a section title names. Launch-day and post-launch work does not gate a
/// pre-launch verdict.
pub(crate) fn phase(title: &str) -> Option<Phase> {
    if POST_LAUNCH_PHASE.is_match(title) {
        Some(Phase::PostLaunch)
    } else if LAUNCH_PHASE.is_match(title) {
        Some(Phase::Launch)
    } else {
        None
    }
}

static SIGNOFF_HEADING: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\bsign[- ]?offs?\b|\bapprovals?\b|\bapprovers?\b"));
static SIGNOFF_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)\b(sign[- ]?offs?|approvals?|approvers?|requirements|required|section)\b")
});

pub(crate) fn is_signoff_heading(title: &str) -> bool {
    SIGNOFF_HEADING.is_match(title)
}

/// `Technical Sign-Off` → `Technical`; `Sign-Off Requirements` → none.
pub(crate) fn signoff_group(title: &str) -> Option<String> {
    let rest = SIGNOFF_WORDS.replace_all(title, "");
    let rest = collapse_spaces(rest.trim_matches(|c: char| !c.is_alphanumeric()));
    (!rest.is_empty()).then_some(rest)
}

static DECLARED_SCORE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:readiness(?:\s+score)?|(?:overall|total|current)(?:\s+(?:weighted|readiness))?\s+(?:score|status))\s*[:=]\s*(\d{1,3}(?:\.\d+)?)\s*(%|/\s*100\b)",
    )
});

/// The overall readiness a line claims (`TOTAL READINESS SCORE: 90%`), 0–100.
pub(crate) fn declared_score(line: &str) -> Option<f64> {
    let caps = DECLARED_SCORE.captures(line)?;
    let value: f64 = caps.get(1)?.as_str().parse().ok()?;
    (0.0..=100.0).contains(&value).then_some(value)
}

static STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^\s*(recommendation|overall status|current status|decision|final decision|go/no-go decision|go-live decision|verdict)\s*:\s*(\S.*)$",
    )
});

/// A verdict-like claim (`RECOMMENDATION: CONDITIONAL GO`) as `(label, text)`.
pub(crate) fn statement(line: &str) -> Option<(String, String)> {
    let caps = STATEMENT.captures(line)?;
    Some((
        caps.get(1)?.as_str().to_owned(),
        caps.get(2)?.as_str().trim().to_owned(),
    ))
}

static NEGATIVE_CLAIM: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\bno[- ]?go\b|\bnot\s+(ready|approved)\b|\bblocked\b|\breject"));
static POSITIVE_CLAIM: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\bgo\b|\bapproved?\b|\bready\b|\bproceed\b|\bcomplete\b"));

/// Whether a stated verdict says the release may go.
pub(crate) fn claims_go(text: &str) -> bool {
    !NEGATIVE_CLAIM.is_match(text) && POSITIVE_CLAIM.is_match(text)
}

static SECTION_STATUS: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)^\s*status\s*:\s*(\S.*)$"));

/// A section's own status line (`Status: ✅ 100% Complete`).
pub(crate) fn section_status(line: &str) -> Option<String> {
    SECTION_STATUS
        .captures(line)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().trim().to_owned())
}

/// Lower-case words for comparing titles: markup, emoji and punctuation removed.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn reads_declared_scores_and_statements() {
        assert_eq!(declared_score("Current Readiness: 90%"), Some(90.0));
        assert_eq!(declared_score("TOTAL READINESS SCORE: 90%"), Some(90.0));
        assert_eq!(declared_score("Readiness score: 72/100"), Some(72.0));
        assert_eq!(declared_score("Security Score: 100%"), None);
        assert_eq!(declared_score("Total Weighted Score: 98.2% ✅"), Some(98.2));
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
}
