//! Reading YAML the same strict way everywhere: checklists, `ready.yaml` and front matter.
//!
//! serde-saphyr parses without `unsafe` and enforces budgets (depth, aliases, events), so an
//! alias bomb or a 3,000-level document ends in an error instead of exhausting memory or the
//! stack. Its errors carry a line and column, which we turn into the crate's [`Error::Invalid`]
//! with the offending line attached.

use serde::de::DeserializeOwned;

use crate::error::{Error, Location, Result};

/// Parses `text` (which starts at line `first_line` of `path`) into `T`.
pub(crate) fn from_str<T: DeserializeOwned>(
    path: &str,
    text: &str,
    first_line: u32,
    whole_file: &str,
) -> Result<T> {
    let options = serde_saphyr::options! {
        with_snippet: false,
        budget: Some(budget()),
    };
    serde_saphyr::from_str_with_options(text, options).map_err(|err| {
        let (line, column) = err.location().map_or((1, None), |l| {
            (
                u32::try_from(l.line()).unwrap_or(1),
                u32::try_from(l.column()).ok(),
            )
        });
        let line = line.max(1) + first_line.saturating_sub(1);
        let mut location = Location::new(path, line).with_source(whole_file);
        location.column = column.filter(|c| *c > 0);
        Error::invalid(location, describe(&err))
    })
}

/// serde-saphyr's budgets, with anchors kept small: a checklist, probe file or ledger anchors
/// a header map or a list of tags, never a hundred thousand events, so an alias bomb is
/// refused after a few thousand copies (in about a millisecond) instead of being replayed up
/// to the node limit (75 MB and 0.13 s before).
fn budget() -> serde_saphyr::budget::Budget {
    let mut budget = serde_saphyr::budget::Budget::default();
    budget.max_recorded_anchor_events = MAX_ANCHOR_EVENTS;
    budget
}

/// The most events all anchors together may hold (an anchored list of 20 items with 5 keys
/// each is about 250).
const MAX_ANCHOR_EVENTS: usize = 20_000;

/// A parser budget, in words: the limit that was reached and what it protects against.
fn describe_budget(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    match breach {
        B::Depth { depth } => format!(
            "the YAML nests deeper than ready reads ({depth} levels reached; the limit keeps a \
             hostile file from exhausting the stack)"
        ),
        B::Aliases { aliases } => format!(
            "the YAML uses too many aliases ({aliases}); an alias bomb is refused rather than \
             expanded"
        ),
        B::AliasAnchorRatio { .. } => {
            "the YAML expands its aliases far beyond its size; an alias bomb is refused rather \
             than expanded"
                .to_owned()
        }
        B::Anchors { anchors } => format!("the YAML defines too many anchors ({anchors})"),
        B::RecordedAnchorEvents { .. } | B::RecordedAnchorBytes { .. } => format!(
            "the YAML's anchors and the aliases that repeat them hold more than ready reads \
             (the limit is {MAX_ANCHOR_EVENTS} events); an alias bomb is refused rather than \
             expanded"
        ),
        B::Events { .. } => format!(
            "the YAML document has more than {} parser events, the most ready reads in one \
             document; split it into several files",
            budget().max_events
        ),
        B::Nodes { .. } => format!(
            "the YAML document has more than {} nodes (keys, values and lists), the most ready \
             reads in one document; split it into several files",
            budget().max_nodes
        ),
        B::Documents { documents } => {
            format!("the file holds {documents} YAML documents; expected one")
        }
        B::ScalarBytes { .. } | B::InputBytes { .. } => {
            "the YAML document or one of its values is too large".to_owned()
        }
        _ => "the YAML document is larger or more complex than ready reads (a parser limit)"
            .to_owned(),
    }
}

/// The error message alone, without the location (we print that ourselves).
fn describe(err: &serde_saphyr::Error) -> String {
    match err {
        serde_saphyr::Error::Budget { breach, .. } => return describe_budget(breach),
        // A limit reached while replaying an alias: the breach is inside.
        serde_saphyr::Error::AliasError { error, .. } => {
            if let serde_saphyr::Error::Budget { breach, .. } = error.as_ref() {
                return describe_budget(breach);
            }
        }
        _ => {}
    }
    let message = err.without_snippet().to_string();
    // serde-saphyr appends " at line N column M"; the location is shown separately.
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message,
    };
    message.trim().trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_over_the_node_budget_is_told_what_to_do() {
        let nodes = budget().max_nodes;
        let text = format!("[{}]", vec!["1"; nodes + 10].join(","));
        let error = from_str::<Vec<u8>>("big.yaml", &text, 1, "").expect_err("over the budget");
        let shown = error.to_string();
        assert!(
            shown.contains(&format!(
                "more than {nodes} nodes (keys, values and lists), the most ready reads"
            )) && shown.contains("split it into several files"),
            "{shown}"
        );
    }
}
