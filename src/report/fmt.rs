//! Formatting the human-facing reports share: percentages, plurals, terminal tables and colour.

use anstyle::Style as Ansi;
use comfy_table::{ContentArrangement, Table, presets};

use crate::report::Style;

/// `87.5%`, or `—` for a category that counts nothing.
pub(crate) fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.1}%"))
}

/// The `s` of a plural: `1 blocker`, `2 blockers`.
pub(crate) fn plural<N: PartialEq + From<u8>>(n: N) -> &'static str {
    if n == N::from(1) { "" } else { "s" }
}

/// `text` in `ansi` when colour is on, else as it is.
pub(crate) fn paint(style: Style, ansi: Ansi, text: &str) -> String {
    if style.color {
        format!("{ansi}{text}{ansi:#}")
    } else {
        text.to_owned()
    }
}

/// A terminal table in the one look every report uses, fitted to the terminal's width, without
/// escape codes when colour is off.
pub(crate) fn table(style: Style, header: impl Into<comfy_table::Row>) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
    // The terminal's width when there is one, else the caller's: without one the table is as
    // wide as its longest cell, and a folder of combined checklists made it 470 columns.
    if let Some(width) = table.width().or(style.width) {
        table.set_width(width);
    }
    if !style.color {
        table.force_no_tty();
    }
    table
}

/// Keeps a column (a `file:line` location, an id) whole: wrapped, it no longer opens in an
/// editor or matches a search.
pub(crate) fn keep_whole(table: &mut Table, column: usize) {
    if let Some(column) = table.column_mut(column) {
        column.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_and_plural() {
        assert_eq!(percent(Some(87.54)), "87.5%");
        assert_eq!(percent(None), "—");
        assert_eq!(plural(1_usize), "");
        assert_eq!(plural(0_u32), "s");
    }

    #[test]
    fn tables_wrap_long_cells_instead_of_growing_past_the_width() {
        let mut t = table(
            Style {
                color: false,
                width: Some(80),
            },
            ["Category", "Score"],
        );
        t.add_row(["word ".repeat(60).as_str(), "1%"]);
        let widest = t.to_string().lines().map(|l| l.chars().count()).max();
        let limit = usize::from(t.width().expect("a width is always set"));
        assert!(widest.is_some_and(|w| w <= limit), "{widest:?} > {limit}");
    }

    #[test]
    fn paint_only_with_colour() {
        let bold = Ansi::new().bold();
        let style = |color| Style { color, width: None };
        assert_eq!(paint(style(false), bold, "GO"), "GO");
        assert_ne!(paint(style(true), bold, "GO"), "GO");
    }
}
