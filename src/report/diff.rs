//! `ready diff`'s outputs: a terminal listing, JSON (a public interface, see docs/ci.md) and
//! Markdown for a pull-request comment. Contributions are rounded so that they still add up to
//! the rounded change: the largest remainders take the leftover hundredths.

use std::io;

use serde::Serialize;

use crate::gate::diff::{Diff, Edit, Place};
use crate::report::markdown::escape as escape_markdown;

/// The two revisions as the user named them.
#[derive(Debug, Clone)]
pub(crate) struct Labels {
    pub(crate) old: String,
    pub(crate) new: String,
}

/// Hundredths of a point, rounded so that they sum to the rounded total.
fn rounded(diff: &Diff) -> (i64, Vec<i64>) {
    let to_cents = |v: f64| (v * 100.0).round() as i64;
    let total = to_cents(diff.new_score) - to_cents(diff.old_score);
    let exact: Vec<f64> = diff.edits.iter().map(|e| e.contribution * 100.0).collect();
    let mut cents: Vec<i64> = exact.iter().map(|v| v.floor() as i64).collect();
    let mut short = total - cents.iter().sum::<i64>();
    let mut order: Vec<usize> = (0..exact.len()).collect();
    if short >= 0 {
        order.sort_by(|&a, &b| {
            (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor()))
        });
        for &i in order
            .iter()
            .cycle()
            .take(usize::try_from(short).unwrap_or(0))
        {
            cents[i] += 1;
        }
    } else {
        order.sort_by(|&a, &b| {
            (exact[a] - exact[a].floor()).total_cmp(&(exact[b] - exact[b].floor()))
        });
        for &i in order.iter().cycle() {
            if short == 0 {
                break;
            }
            cents[i] -= 1;
            short += 1;
        }
    }
    (total, cents)
}

fn points(cents: i64) -> f64 {
    cents as f64 / 100.0
}

fn signed(cents: i64) -> String {
    format!("{:+.2}", points(cents))
}

fn subject(edit: &Edit) -> String {
    let show = |p: &Place| {
        if p.section.is_empty() {
            format!("\"{}\" (line {})", p.title, p.line)
        } else {
            format!("\"{}\" ({}, line {})", p.title, p.section, p.line)
        }
    };
    match (&edit.old, &edit.new) {
        (_, Some(new)) => show(new),
        (Some(old), None) => show(old),
        (None, None) => String::new(),
    }
}

fn describe(edit: &Edit) -> String {
    match (subject(edit).as_str(), edit.detail.as_str()) {
        ("", detail) => detail.to_owned(),
        (subject, "") => subject.to_owned(),
        (subject, detail) => format!("{subject}: {detail}"),
    }
}

fn gaming_line(diff: &Diff, cents: i64) -> Option<String> {
    let culprits = diff.gaming.as_ref()?;
    let names: Vec<String> = culprits
        .iter()
        .map(|&i| format!("{} {}", diff.edits[i].kind.name(), describe(&diff.edits[i])))
        .collect();
    Some(format!(
        "gaming: the score moved {} points and the verdict {} → {}, yet no item got better; it comes from: {}",
        signed(cents),
        diff.old_verdict.label(),
        diff.new_verdict.label(),
        names.join("; ")
    ))
}

pub(crate) fn table(diff: &Diff, labels: &Labels, out: &mut dyn io::Write) -> io::Result<()> {
    let (total, cents) = rounded(diff);
    writeln!(out, "{} → {}", labels.old, labels.new)?;
    writeln!(
        out,
        "score {:.2}% → {:.2}% ({}), verdict {} → {}",
        diff.old_score,
        diff.new_score,
        signed(total),
        diff.old_verdict.label(),
        diff.new_verdict.label()
    )?;
    if diff.edits.is_empty() {
        writeln!(out, "no changes to items, weights or policy")?;
    }
    for (edit, c) in diff.edits.iter().zip(&cents) {
        writeln!(
            out,
            "  {:>7}  {:<21} {}",
            signed(*c),
            edit.kind.name(),
            describe(edit)
        )?;
    }
    if let Some(line) = gaming_line(diff, total) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonSide<'a> {
    revision: &'a str,
    score: f64,
    verdict: &'static str,
}

#[derive(Serialize)]
struct JsonPlace<'a> {
    id: &'a str,
    title: &'a str,
    section: &'a str,
    line: u32,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    kind: &'static str,
    old: Option<JsonPlace<'a>>,
    new: Option<JsonPlace<'a>>,
    detail: &'a str,
    contribution: f64,
}

#[derive(Serialize)]
struct JsonGaming {
    flagged: bool,
    /// Indexes into `edits`.
    edits: Vec<usize>,
}

#[derive(Serialize)]
struct JsonDiff<'a> {
    old: JsonSide<'a>,
    new: JsonSide<'a>,
    change: f64,
    edits: Vec<JsonEdit<'a>>,
    gaming: JsonGaming,
}

fn place(p: Option<&Place>) -> Option<JsonPlace<'_>> {
    p.map(|p| JsonPlace {
        id: &p.id,
        title: &p.title,
        section: &p.section,
        line: p.line,
    })
}

pub(crate) fn json(diff: &Diff, labels: &Labels, out: &mut dyn io::Write) -> io::Result<()> {
    let (total, cents) = rounded(diff);
    let report = JsonDiff {
        old: JsonSide {
            revision: &labels.old,
            score: crate::report::round2(diff.old_score),
            verdict: diff.old_verdict.name(),
        },
        new: JsonSide {
            revision: &labels.new,
            score: crate::report::round2(diff.new_score),
            verdict: diff.new_verdict.name(),
        },
        change: points(total),
        edits: diff
            .edits
            .iter()
            .zip(&cents)
            .map(|(e, c)| JsonEdit {
                kind: e.kind.name(),
                old: place(e.old.as_ref()),
                new: place(e.new.as_ref()),
                detail: &e.detail,
                contribution: points(*c),
            })
            .collect(),
        gaming: JsonGaming {
            flagged: diff.gaming.is_some(),
            edits: diff.gaming.clone().unwrap_or_default(),
        },
    };
    crate::report::write_json(&report, out)
}

pub(crate) fn markdown(diff: &Diff, labels: &Labels, out: &mut dyn io::Write) -> io::Result<()> {
    let (total, cents) = rounded(diff);
    writeln!(
        out,
        "### Readiness: {:.2}% → {:.2}% ({}), {} → {}\n",
        diff.old_score,
        diff.new_score,
        signed(total),
        diff.old_verdict.label(),
        diff.new_verdict.label()
    )?;
    writeln!(
        out,
        "`{}` → `{}`\n",
        labels.old.replace('`', "'"),
        labels.new.replace('`', "'")
    )?;
    if let Some(line) = gaming_line(diff, total) {
        writeln!(out, "> [!WARNING]\n> {}\n", escape_markdown(&line))?;
    }
    if diff.edits.is_empty() {
        return writeln!(out, "No changes to items, weights or policy.");
    }
    writeln!(out, "| points | edit | what |\n|---:|---|---|")?;
    for (edit, c) in diff.edits.iter().zip(&cents) {
        writeln!(
            out,
            "| {} | {} | {} |",
            signed(*c),
            edit.kind.name(),
            escape_markdown(&describe(edit))
        )?;
    }
    Ok(())
}
