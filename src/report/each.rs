//! `ready check --mode each`: one verdict per checklist (one service each), the run as bad as its
//! worst. A terminal table with a row per checklist and the blockers of those that are NO-GO,
//! JSON with each checklist's whole report, and a Markdown table for a job summary.

use std::io;

use serde::Serialize;

use crate::gate::{Assessment, Verdict};
use crate::report::Style;
use crate::report::fmt::{self, percent};
use crate::report::json::{Document, document};
use crate::report::markdown::escape;

/// The worst verdict of the checklists: one NO-GO makes the run NO-GO.
pub(crate) fn worst(alone: &[Assessment]) -> Verdict {
    alone
        .iter()
        .map(|a| a.verdict)
        .max_by_key(|v| v.severity())
        .unwrap_or(Verdict::Go)
}

fn counts(alone: &[Assessment]) -> String {
    let count = |v: Verdict| alone.iter().filter(|a| a.verdict == v).count();
    let mut parts = vec![format!("{} GO", count(Verdict::Go))];
    if count(Verdict::GoWithWaivers) > 0 {
        parts.push(format!("{} GO WITH WAIVERS", count(Verdict::GoWithWaivers)));
    }
    parts.push(format!("{} NO-GO", count(Verdict::NoGo)));
    parts.join(", ")
}

pub(crate) fn table(alone: &[Assessment], style: Style, out: &mut dyn io::Write) -> io::Result<()> {
    writeln!(
        out,
        "{}  {} checklists judged each alone: {}",
        worst(alone).label(),
        alone.len(),
        counts(alone)
    )?;
    let mut table = fmt::table(
        style,
        ["Checklist", "Verdict", "Score", "Threshold", "Blockers"],
    );
    fmt::keep_whole(&mut table, 0);
    // Worst first, then by score, so what needs attention is at the top.
    let mut order: Vec<&Assessment> = alone.iter().collect();
    order.sort_by(|a, b| {
        (b.verdict == Verdict::NoGo)
            .cmp(&(a.verdict == Verdict::NoGo))
            .then(a.score.total_cmp(&b.score))
    });
    for a in &order {
        table.add_row([
            a.checklists[0].path.clone(),
            a.verdict.label().to_owned(),
            percent(Some(a.score)),
            percent(Some(a.policy.threshold)),
            a.blockers.len().to_string(),
        ]);
    }
    writeln!(out, "\n{table}")?;
    for a in order.iter().filter(|a| a.verdict == Verdict::NoGo) {
        writeln!(out, "\n{}: {}", a.checklists[0].path, a.verdict.label())?;
        for b in &a.blockers {
            writeln!(out, "  ✗ [{}] {}", b.rule.label(), b.message)?;
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct Each<'a> {
    mode: &'static str,
    verdict: &'static str,
    checklists: Vec<Document<'a>>,
}

pub(crate) fn json(alone: &[Assessment], out: &mut dyn io::Write) -> io::Result<()> {
    let each = Each {
        mode: "each",
        verdict: worst(alone).name(),
        checklists: alone.iter().map(document).collect(),
    };
    crate::report::write_json(&each, out)
}

pub(crate) fn markdown(alone: &[Assessment], out: &mut dyn io::Write) -> io::Result<()> {
    writeln!(
        out,
        "## {} — {} checklists judged each alone: {}\n",
        worst(alone).label(),
        alone.len(),
        counts(alone)
    )?;
    writeln!(
        out,
        "| Checklist | Verdict | Score | Threshold | Blockers |\n|---|---|---:|---:|---:|"
    )?;
    for a in alone {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            escape(&a.checklists[0].path),
            a.verdict.label(),
            percent(Some(a.score)),
            percent(Some(a.policy.threshold)),
            a.blockers.len()
        )?;
    }
    Ok(())
}
