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
pub(crate) fn table<const N: usize>(style: Style, header: [&str; N]) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
    if !style.color {
        table.force_no_tty();
    }
    table
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
    fn paint_only_with_colour() {
        let bold = Ansi::new().bold();
        assert_eq!(paint(Style { color: false }, bold, "GO"), "GO");
        assert_ne!(paint(Style { color: true }, bold, "GO"), "GO");
    }
}
