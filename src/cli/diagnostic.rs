//! Errors shown the way a compiler shows them: what went wrong, where, and the line itself
//! with a caret under the spot.

use anstyle::{AnsiColor, Style};
use ready_gate::{Context, Error};

/// The library's typed errors are shown with their location; anything else (such as a failed
/// write to standard output) with its chain of causes.
pub(super) fn print(error: &anyhow::Error, context: &Context) {
    let color = context.color_stderr();
    if let Some(typed) = error.downcast_ref::<Error>() {
        eprint!("{}", render(typed, color));
    } else {
        let red = Style::new().bold().fg_color(Some(AnsiColor::Red.into()));
        let label = if color {
            format!("{red}error:{red:#}")
        } else {
            "error:".to_owned()
        };
        eprintln!("{label} {error:#}");
    }
}

fn render(error: &Error, color: bool) -> String {
    let paint = |style: Style, text: &str| {
        if color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    };
    let red = Style::new().bold().fg_color(Some(AnsiColor::Red.into()));
    let blue = Style::new().bold().fg_color(Some(AnsiColor::Blue.into()));
    let mut out = String::new();
    match (error, error.location()) {
        (Error::Invalid { message, .. }, Some(location)) => {
            out.push_str(&format!("{} {message}\n", paint(red, "error:")));
            out.push_str(&format!("  {} {location}\n", paint(blue, "-->")));
            if let Some(line) = &location.source_line {
                let (source, column) = window(line, location.column);
                let number = location.line.to_string();
                let pad = " ".repeat(number.len());
                out.push_str(&format!("{pad} {}\n", paint(blue, "|")));
                out.push_str(&format!(
                    "{} {} {source}\n",
                    paint(blue, &number),
                    paint(blue, "|")
                ));
                if let Some(column) = column {
                    let indent: String = source
                        .chars()
                        .take(column.saturating_sub(1) as usize)
                        .map(|c| if c == '\t' { '\t' } else { ' ' })
                        .collect();
                    out.push_str(&format!(
                        "{pad} {} {indent}{}\n",
                        paint(blue, "|"),
                        paint(red, "^")
                    ));
                }
            }
        }
        _ => {
            // Every message already includes its cause, so the source chain is not repeated.
            out.push_str(&format!("{} {error}\n", paint(red, "error:")));
        }
    }
    out
}

/// Characters of a source line shown under an error: a 1 MB line is shown as the part around
/// the column, with `…` where it was cut.
const SNIPPET: usize = 160;

/// The part of `line` to show, and the column within it.
fn window(line: &str, column: Option<u32>) -> (String, Option<u32>) {
    let length = line.chars().count();
    if length <= SNIPPET {
        return (line.to_owned(), column);
    }
    let at = column
        .map_or(0, |c| c.saturating_sub(1) as usize)
        .min(length);
    let start = at.saturating_sub(SNIPPET / 3);
    let mut shown: String = line.chars().skip(start).take(SNIPPET).collect();
    let mut shift = start;
    if start > 0 {
        shown.insert(0, '…');
        shift = shift.saturating_sub(1);
    }
    if start + SNIPPET < length {
        shown.push('…');
    }
    let column = column.map(|c| c.saturating_sub(u32::try_from(shift).unwrap_or(u32::MAX)));
    (shown, column)
}

#[cfg(test)]
mod tests {
    use ready_gate::{Error, Location};

    use super::render;

    fn invalid(column: Option<u32>, source: Option<&str>) -> Error {
        Error::Invalid {
            location: Location {
                file: "ready.yaml".into(),
                line: 12,
                column,
                source_line: source.map(str::to_owned),
            },
            message: "unknown field `threshhold`".into(),
        }
    }

    #[test]
    fn points_at_the_column_under_the_line() {
        let shown = render(&invalid(Some(3), Some("  threshhold: 85")), false);
        assert_eq!(
            shown,
            "error: unknown field `threshhold`\n  --> ready.yaml:12:3\n   |\n12 |   threshhold: 85\n   |   ^\n"
        );
    }

    #[test]
    fn keeps_tabs_so_the_caret_lines_up() {
        let shown = render(&invalid(Some(2), Some("\tx: 1")), false);
        assert!(shown.ends_with("   | \t^\n"), "{shown:?}");
    }

    #[test]
    fn without_a_line_or_column_shows_what_it_has() {
        let shown = render(&invalid(None, Some("  threshhold: 85")), false);
        assert!(shown.contains("12 |   threshhold: 85\n"), "{shown}");
        assert!(!shown.contains('^'), "{shown}");
        let shown = render(&invalid(None, None), false);
        assert_eq!(
            shown,
            "error: unknown field `threshhold`\n  --> ready.yaml:12\n"
        );
    }

    #[test]
    fn errors_without_a_location_are_one_line() {
        let shown = render(&Error::NoProbeFiles { dir: "/w".into() }, false);
        assert!(shown.starts_with("error: no probe files in /w"), "{shown}");
        assert_eq!(shown.lines().count(), 1);
    }

    #[test]
    fn a_long_line_is_shown_around_the_column() {
        let line = format!("{}BAD{}", "x".repeat(5_000), "y".repeat(1_000_000));
        let error = Error::Invalid {
            location: Location {
                file: "a.yaml".into(),
                line: 1,
                column: Some(5_001),
                source_line: Some(line),
            },
            message: "unexpected".into(),
        };
        let shown = render(&error, false);
        assert!(shown.len() < 1_000, "{} bytes", shown.len());
        let lines: Vec<&str> = shown.lines().collect();
        let source = lines[3].split_once("| ").expect("source").1;
        let caret = lines[4].split_once("| ").expect("caret").1;
        assert!(source.starts_with('…') && source.ends_with('…'), "{source}");
        let at = caret.chars().count() - 1;
        assert_eq!(source.chars().skip(at).take(3).collect::<String>(), "BAD");
    }

    #[test]
    fn colour_only_when_asked() {
        let shown = render(&invalid(Some(3), Some("  threshhold: 85")), true);
        assert!(shown.contains("\u{1b}["), "{shown:?}");
    }
}
