//! Histories: the line `ready check --history` appends for a run, the trend `ready history`
//! prints (a table, or JSON), and the inline SVG the HTML report draws.

use std::fmt::Write as _;
use std::io;

use crate::gate::Assessment;
use crate::model::{HistoryCategory, HistoryEntry};
use crate::report::round2;

/// The history entry of a run.
pub(crate) fn entry(a: &Assessment, time: String, commit: Option<String>) -> HistoryEntry {
    HistoryEntry {
        time,
        commit,
        checklists: a.checklists.iter().map(|c| c.path.clone()).collect(),
        score: round2(a.score),
        threshold: a.policy.threshold,
        verdict: a.verdict.name().to_owned(),
        blockers: a.blockers.len(),
        items: a.summary.items,
        checked: a.summary.checked,
        verified: a.summary.verified,
        contradicted: a.summary.contradicted,
        warnings: a.warnings.len(),
        categories: a
            .categories
            .iter()
            .map(|c| HistoryCategory {
                name: c.name.clone(),
                score: c.score.map(round2),
                weight: round2(c.weight),
            })
            .collect(),
    }
}

/// One JSON line.
pub(crate) fn line(entry: &HistoryEntry) -> String {
    serde_json::to_string(entry).unwrap_or_default()
}

pub(crate) fn table(entries: &[HistoryEntry], out: &mut dyn io::Write) -> io::Result<()> {
    writeln!(
        out,
        "{:<25} {:<10} {:>7} {:>7}  {:<15} {:>8}",
        "time", "commit", "score", "change", "verdict", "blockers"
    )?;
    let mut previous: Option<f64> = None;
    for e in entries {
        let change = previous.map_or_else(String::new, |p| format!("{:+.2}", e.score - p));
        let commit: String = e.commit.as_deref().unwrap_or("").chars().take(10).collect();
        writeln!(
            out,
            "{:<25} {:<10} {:>6.2}% {:>7}  {:<15} {:>8}",
            e.time, commit, e.score, change, e.verdict, e.blockers
        )?;
        previous = Some(e.score);
    }
    writeln!(
        out,
        "{} run{}",
        entries.len(),
        if entries.len() == 1 { "" } else { "s" }
    )
}

pub(crate) fn json(entries: &[HistoryEntry], out: &mut dyn io::Write) -> io::Result<()> {
    crate::report::write_json(entries, out)
}

/// The score over the runs as an inline SVG line chart, with the threshold as a dashed line
/// and each point titled with its time, score and verdict.
pub(crate) fn svg(entries: &[HistoryEntry], escape: impl Fn(&str) -> String) -> String {
    const WIDTH: f64 = 640.0;
    const HEIGHT: f64 = 160.0;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"trend\" role=\"img\" aria-label=\"Readiness over {} runs\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" xmlns=\"http://www.w3.org/2000/svg\">",
        entries.len()
    );
    let x = |i: usize| {
        if entries.len() < 2 {
            WIDTH / 2.0
        } else {
            10.0 + (WIDTH - 20.0) * i as f64 / (entries.len() - 1) as f64
        }
    };
    let y = |score: f64| HEIGHT - 10.0 - (HEIGHT - 20.0) * score.clamp(0.0, 100.0) / 100.0;
    if let Some(last) = entries.last() {
        let _ = write!(
            out,
            "<line class=\"threshold\" x1=\"0\" x2=\"{WIDTH}\" y1=\"{0:.1}\" y2=\"{0:.1}\" stroke=\"#888\" stroke-dasharray=\"4 4\"/>",
            y(last.threshold)
        );
    }
    let points: Vec<String> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| format!("{:.1},{:.1}", x(i), y(e.score)))
        .collect();
    let _ = write!(
        out,
        "<polyline fill=\"none\" stroke=\"#2563eb\" stroke-width=\"2\" points=\"{}\"/>",
        points.join(" ")
    );
    for (i, e) in entries.iter().enumerate() {
        let colour = if e.verdict == "no-go" {
            "#dc2626"
        } else {
            "#16a34a"
        };
        let _ = write!(
            out,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"{colour}\"><title>{}: {:.2}% {}</title></circle>",
            x(i),
            y(e.score),
            escape(&e.time),
            e.score,
            escape(&e.verdict)
        );
    }
    out.push_str("</svg>");
    out
}
