//! Errors shown the way a compiler shows them: what went wrong, where, and the line itself
//! with a caret under the spot.

use anstyle::{AnsiColor, Style};
use ready_gate::{Context, Error};

/// The library's typed errors are shown with their location; anything else (such as a failed
/// write to standard output) with its chain of causes.
pub(super) fn print(error: &anyhow::Error, context: &Context) {
    let color = context.color_stderr();
    if let Some(typed) = error.downcast_ref::<Error>() {
        eprint!("{}", render(typed, color))
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
