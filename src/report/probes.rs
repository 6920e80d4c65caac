//! The report of `ready probe`: every probe's outcome and what it saw, without a checklist.

use std::io;

use comfy_table::{Cell, CellAlignment, Color};

use crate::gate::ProbeCounts;
use crate::model::{Evidence, Outcome};
use crate::report::Style;
use crate::report::fmt;
use crate::report::json;

/// A table cell for an outcome, coloured when colour is on.
pub(crate) fn outcome_cell(evidence: &Evidence, style: Style) -> Cell {
    let label = if evidence.is_flaky() {
        "pass (flaky)"
    } else {
        evidence.outcome.label()
    };
    let cell = Cell::new(label);
    if !style.color {
        return cell;
    }
    cell.fg(match evidence.outcome {
        Outcome::Pass if evidence.is_flaky() => Color::Yellow,
        Outcome::Pass => Color::Green,
        Outcome::Skipped => Color::Reset,
        Outcome::Fail | Outcome::Error | Outcome::Timeout => Color::Red,
    })
}

/// One line that counts outcomes: `5 probes: 3 pass (1 flaky), 1 fail, 1 skipped`.
pub(crate) fn counts_line(counts: &ProbeCounts) -> String {
    let mut parts = vec![format!("{} pass", counts.pass)];
    if counts.flaky > 0 {
        parts[0].push_str(&format!(" ({} flaky)", counts.flaky));
    }
    for (n, label) in [
        (counts.fail, "fail"),
        (counts.error, "error"),
        (counts.timeout, "timeout"),
        (counts.skipped, "skipped"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {label}"));
        }
    }
    format!(
        "{} probe{}: {}",
        counts.total,
        fmt::plural(counts.total),
        parts.join(", ")
    )
}

pub(crate) fn write_table(
    results: &[Evidence],
    style: Style,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let mut table = fmt::table(
        style,
        ["Probe", "Kind", "Target", "Outcome", "Time", "Evidence"],
    );
    fmt::keep_whole(&mut table, 0);
    for e in results {
        table.add_row([
            Cell::new(&e.id),
            Cell::new(&e.kind),
            Cell::new(&e.target),
            outcome_cell(e, style),
            Cell::new(format!("{} ms", e.duration_ms)).set_alignment(CellAlignment::Right),
            Cell::new(&e.message),
        ]);
    }
    writeln!(out, "{table}")?;
    writeln!(out, "{}", counts_line(&ProbeCounts::of(results)))
}

pub(crate) fn write_json(results: &[Evidence], out: &mut dyn io::Write) -> io::Result<()> {
    crate::report::write_json(&json::probe_document(results), out)
}
