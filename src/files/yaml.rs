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
        B::Events { events } => format!("the YAML document is too large ({events} parser events)"),
        B::Nodes { .. } => "the YAML document has too many nodes".to_owned(),
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
    if let serde_saphyr::Error::Budget { breach, .. } = err {
        return describe_budget(breach);
    }
    let message = err.without_snippet().to_string();
    // serde-saphyr appends " at line N column M"; the location is shown separately.
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message,
    };
    message.trim().trim_end_matches('.').to_owned()
}
