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
            if let Some(source) = &location.source_line {
                let number = location.line.to_string();
                let pad = " ".repeat(number.len());
                out.push_str(&format!("{pad} {}\n", paint(blue, "|")));
                out.push_str(&format!(
                    "{} {} {source}\n",
                    paint(blue, &number),
                    paint(blue, "|")
                ));
                if let Some(column) = location.column {
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
    fn colour_only_when_asked() {
        let shown = render(&invalid(Some(3), Some("  threshhold: 85")), true);
        assert!(shown.contains("\u{1b}["), "{shown:?}");
    }
}
