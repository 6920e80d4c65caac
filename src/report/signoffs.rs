//! The sign-off table for the release manager: each role, whether the ledger holds a current
//! signature for it (signed, pending, stale), who signed and when, and what the checklist's own
//! sign-off section says beside it.

use std::io;

use comfy_table::{Cell, Color, ContentArrangement, Table, presets};
use serde::Serialize;

use crate::model::{ApprovalStatus, Checklist};
use crate::report::Style;
use crate::report::json::{JsonApproval, JsonSignOff};

pub fn write_table(
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
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header([
            "Role",
            "Ledger",
            "Signed by",
            "At (UTC)",
            "Note",
            "Checklist says",
            "Line",
        ]);
    if !style.color {
        table.force_no_tty();
    }
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

#[derive(Debug, Serialize)]
struct LedgerCounts {
    signed: usize,
    stale: usize,
    pending: usize,
}

#[derive(Debug, Serialize)]
struct SignoffDocument<'a> {
    /// What the checklists' own sign-off sections say (ticked or named).
    signed: usize,
    pending: usize,
    signoffs: Vec<JsonSignOff<'a>>,
    /// What the ledgers say, role by role: the sign-offs that count.
    ledger: LedgerCounts,
    approvals: Vec<JsonApproval<'a>>,
}

pub fn write_json(checklists: &[Checklist], out: &mut dyn io::Write) -> io::Result<()> {
    let signoffs: Vec<JsonSignOff> = checklists
        .iter()
        .flat_map(|c| &c.signoffs)
        .map(JsonSignOff::from)
        .collect();
    let signed = signoffs.iter().filter(|s| s.signed).count();
    let approvals: Vec<JsonApproval> = crate::report::json::approvals_of(checklists);
    let count = |s: ApprovalStatus| approvals.iter().filter(|a| a.approval.status == s).count();
    let document = SignoffDocument {
        signed,
        pending: signoffs.len() - signed,
        signoffs,
        ledger: LedgerCounts {
            signed: count(ApprovalStatus::Signed),
            stale: count(ApprovalStatus::Stale),
            pending: count(ApprovalStatus::Pending),
        },
        approvals,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
