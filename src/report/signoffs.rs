//! The sign-off table for the release manager: each role, whether the ledger holds a current
//! signature for it (signed, pending, stale), who signed and when, and what the checklist's own
//! sign-off section says beside it.

use std::io;

use comfy_table::{Cell, Color};

use crate::model::{ApprovalStatus, Checklist};
use crate::report::Style;
use crate::report::fmt;
use crate::report::json;

pub(crate) fn write_table(
    checklists: &[Checklist],
    style: Style,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let rows: Vec<(&Checklist, &crate::model::Approval)> = checklists
        .iter()
        .flat_map(|c| c.approvals.iter().map(move |a| (c, a)))
        .collect();
    if rows.is_empty() {
        let paths: Vec<&str> = checklists.iter().map(|c| c.path.as_str()).collect();
        return writeln!(
            out,
            "No sign-off roles in {} (a heading with Sign-Off or Approval in it) and no ledger \
             signatures; record one with `ready signoff sign --role ROLE --name NAME`.",
            paths.join(", ")
        );
    }
    let mut table = fmt::table(
        style,
        [
            "Role",
            "Ledger",
            "Signed by",
            "At (UTC)",
            "Note",
            "Checklist says",
            "Line",
        ],
    );
    fmt::keep_whole(&mut table, 6);
    let several = checklists.len() > 1;
    for (checklist, a) in &rows {
        let mut status = Cell::new(a.status.label());
        if style.color {
            status = status.fg(match a.status {
                ApprovalStatus::Signed => Color::Green,
                ApprovalStatus::Stale => Color::Red,
                ApprovalStatus::Pending => Color::Yellow,
            });
        }
        let role = if several {
            format!("{}\n({})", a.role, checklist.path)
        } else {
            a.role.clone()
        };
        table.add_row([
            Cell::new(role),
            status,
            Cell::new(a.name.as_deref().unwrap_or("")),
            Cell::new(a.signed_at.as_deref().unwrap_or("")),
            Cell::new(a.note.as_deref().unwrap_or("")),
            Cell::new(a.declared_label()),
            Cell::new(a.span.as_ref().map(ToString::to_string).unwrap_or_default()),
        ]);
    }
    writeln!(out, "{table}")?;
    let count = |s: ApprovalStatus| rows.iter().filter(|(_, a)| a.status == s).count();
    writeln!(
        out,
        "{} of {} signed in the ledger, {} stale, {} pending. Stale signatures were made before the \
         checklist last changed and do not count.",
        count(ApprovalStatus::Signed),
        rows.len(),
        count(ApprovalStatus::Stale),
        count(ApprovalStatus::Pending),
    )
}

pub(crate) fn write_json(checklists: &[Checklist], out: &mut dyn io::Write) -> io::Result<()> {
    crate::report::write_json(&json::signoff_document(checklists), out)
}
