//! The sign-off table for the release manager: who must approve, who has, and who has not.

use std::io;

use comfy_table::{Cell, Color, ContentArrangement, Table, presets};
use serde::Serialize;

use crate::model::{Checklist, SignOff};
use crate::report::Style;
use crate::report::json::JsonSignOff;

fn all(checklists: &[Checklist]) -> impl Iterator<Item = &SignOff> {
    checklists.iter().flat_map(|c| c.signoffs.iter())
}

pub fn write_table(
    checklists: &[Checklist],
    style: Style,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let signoffs: Vec<&SignOff> = all(checklists).collect();
    if signoffs.is_empty() {
        let paths: Vec<&str> = checklists.iter().map(|c| c.path.as_str()).collect();
        return writeln!(
            out,
            "No sign-off section in {} (a heading with Sign-Off or Approval in it).",
            paths.join(", ")
        );
    }
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(["Group", "Role", "Name", "Date", "Status", "Line"]);
    if !style.color {
        table.force_no_tty();
    }
    for s in &signoffs {
        let mut status = Cell::new(if s.signed { "signed" } else { "pending" });
        if style.color {
            status = status.fg(if s.signed {
                Color::Green
            } else {
                Color::Yellow
            });
        }
        table.add_row([
            Cell::new(s.group.as_deref().unwrap_or("")),
            Cell::new(&s.role),
            Cell::new(s.name.as_deref().unwrap_or("")),
            Cell::new(s.date.as_deref().unwrap_or("")),
            status,
            Cell::new(s.span.to_string()),
        ]);
    }
    writeln!(out, "{table}")?;
    let signed = signoffs.iter().filter(|s| s.signed).count();
    writeln!(
        out,
        "{signed} of {} signed, {} pending",
        signoffs.len(),
        signoffs.len() - signed
    )
}

#[derive(Debug, Serialize)]
struct SignoffDocument<'a> {
    signed: usize,
    pending: usize,
    signoffs: Vec<JsonSignOff<'a>>,
}

pub fn write_json(checklists: &[Checklist], out: &mut dyn io::Write) -> io::Result<()> {
    let signoffs: Vec<JsonSignOff> = all(checklists).map(JsonSignOff::from).collect();
    let signed = signoffs.iter().filter(|s| s.signed).count();
    let document = SignoffDocument {
        signed,
        pending: signoffs.len() - signed,
        signoffs,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
