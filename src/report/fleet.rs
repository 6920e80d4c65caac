//! `ready summarize`: the fleet at a glance, worst first — a terminal table, the JSON another
//! summary compares with (`--previous`), Markdown for a job summary or an issue, and one
//! self-contained HTML page.

use std::fmt::Write as _;
use std::io;

use serde::Serialize;

use crate::gate::Verdict;
use crate::gate::fleet::{Counts, Fleet, Row};
use crate::model::Labels;
use crate::report::Style;
use crate::report::fmt::{self, percent};

/// "12 services: 9 GO, 1 GO WITH WAIVERS, 2 NO-GO · 1 stale · mean 91.3%".
fn headline(c: &Counts) -> String {
    let mut line = format!(
        "{} service{}: {} GO",
        c.services,
        fmt::plural(c.services),
        c.go
    );
    if c.go_with_waivers > 0 {
        let _ = write!(line, ", {} GO WITH WAIVERS", c.go_with_waivers);
    }
    let _ = write!(line, ", {} NO-GO", c.no_go);
    if c.stale > 0 {
        let _ = write!(line, " · {} stale", c.stale);
    }
    let _ = write!(line, " · mean {:.1}%", c.mean_score);
    line
}

/// What changed since the previous summary: `new`, `was NO-GO`, `+4.2`.
fn change(row: &Row, compared: bool) -> String {
    match row.before {
        None if compared => "new".into(),
        None => String::new(),
        Some((verdict, _)) if verdict != row.verdict => format!("was {}", verdict.label()),
        Some((_, score)) => {
            let delta = row.report.score - score;
            if delta.abs() < 0.05 {
                String::new()
            } else {
                format!("{delta:+.1}")
            }
        }
    }
}

/// When the report was made, and whether that is too long ago.
fn age(row: &Row) -> String {
    let at = row.report.generated_at.map_or_else(
        || "undated".to_owned(),
        |t| t.strftime("%Y-%m-%d %H:%M").to_string(),
    );
    if row.stale {
        format!("{at} (stale)")
    } else {
        at
    }
}

fn compared(fleet: &Fleet, previous_given: bool) -> bool {
    previous_given || !fleet.gone.is_empty()
}

/// A table as every format shows it: the header and the rows, as plain text (each format
/// escapes for itself), so the terminal, Markdown and HTML never disagree on a column.
struct Grid {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// The groups, worst first: one row per value of the grouping label.
fn groups_grid(fleet: &Fleet) -> Option<Grid> {
    let label = fleet
        .group_by
        .as_deref()
        .filter(|_| !fleet.groups.is_empty())?;
    let header = [
        label, "Services", "GO", "Waived", "NO-GO", "Stale", "Mean", "Worst",
    ];
    let rows = fleet
        .groups
        .iter()
        .map(|g| {
            let c = &g.counts;
            vec![
                g.name.clone(),
                c.services.to_string(),
                c.go.to_string(),
                c.go_with_waivers.to_string(),
                c.no_go.to_string(),
                c.stale.to_string(),
                percent(Some(c.mean_score)),
                g.worst.clone(),
            ]
        })
        .collect();
    Some(Grid {
        header: header.map(str::to_owned).to_vec(),
        rows,
    })
}

/// The services, worst first; the group column when grouping, the change when compared.
fn services_grid(fleet: &Fleet, compared: bool) -> Grid {
    let mut header = vec![
        "Service",
        "Verdict",
        "Score",
        "Blockers",
        "Waivers ending",
        "Reported (UTC)",
    ];
    if let Some(label) = fleet.group_by.as_deref() {
        header.insert(1, label);
    }
    if compared {
        header.push("Change");
    }
    let rows = fleet
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![
                row.service.clone(),
                row.verdict.label().to_owned(),
                percent(Some(row.report.score)),
                row.report.blockers.to_string(),
                waivers_ending(row, fleet.expiring_days),
                age(row),
            ];
            if let Some(group) = &row.group {
                cells.insert(1, group.clone());
            }
            if compared {
                cells.push(change(row, true));
            }
            cells
        })
        .collect();
    Grid {
        header: header.into_iter().map(str::to_owned).collect(),
        rows,
    }
}

pub(crate) fn table(
    fleet: &Fleet,
    previous_given: bool,
    style: Style,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    writeln!(
        out,
        "{}  {}",
        fleet.worst().label(),
        headline(&fleet.totals)
    )?;
    if let Some(grid) = groups_grid(fleet) {
        let mut groups = fmt::table(style, grid.header);
        for row in grid.rows {
            groups.add_row(row);
        }
        writeln!(out, "\n{groups}")?;
    }
    let grid = services_grid(fleet, compared(fleet, previous_given));
    let mut table = fmt::table(style, grid.header);
    fmt::keep_whole(&mut table, 0);
    for row in grid.rows {
        table.add_row(row);
    }
    writeln!(out, "\n{table}")?;
    for gone in &fleet.gone {
        writeln!(
            out,
            "  gone: {} (was {} at {:.1}%) has no report now",
            gone.service,
            Verdict::from_name(&gone.verdict)
                .map_or(gone.verdict.clone(), |v| v.label().to_owned()),
            gone.score
        )?;
    }
    Ok(())
}

/// A verdict name from an earlier summary as people read it (`NO-GO`), or as written.
fn label(name: &str) -> String {
    Verdict::from_name(name).map_or_else(|| name.to_owned(), |v| v.label().to_owned())
}

fn waivers_ending(row: &Row, days: i32) -> String {
    if row.expiring_waivers == 0 {
        String::new()
    } else {
        format!("{} within {days} d", row.expiring_waivers)
    }
}

/// The JSON summary; `--previous` reads `services[].service`, `verdict` and `score` back.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct Summary<'a> {
    /// The worst verdict of the fleet.
    verdict: &'static str,
    /// The label the groups are by, if any.
    group_by: Option<&'a str>,
    /// How old a report may be before its service counts as stale, in seconds.
    max_age_seconds: u64,
    totals: JsonCounts,
    /// Worst first.
    groups: Vec<JsonGroup<'a>>,
    /// Worst first: NO-GO, then GO WITH WAIVERS, then GO; stale before fresh; lowest score first.
    services: Vec<JsonService<'a>>,
    /// Services the previous summary had that no report speaks for now.
    gone: Vec<JsonGone<'a>>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
struct JsonCounts {
    services: usize,
    go: usize,
    go_with_waivers: usize,
    no_go: usize,
    stale: usize,
    mean_score: f64,
}

impl From<&Counts> for JsonCounts {
    fn from(c: &Counts) -> Self {
        JsonCounts {
            services: c.services,
            go: c.go,
            go_with_waivers: c.go_with_waivers,
            no_go: c.no_go,
            stale: c.stale,
            mean_score: (c.mean_score * 100.0).round() / 100.0,
        }
    }
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
struct JsonGroup<'a> {
    name: &'a str,
    #[serde(flatten)]
    counts: JsonCounts,
    /// Its worst service.
    worst: &'a str,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
struct JsonService<'a> {
    /// The `service` label, else the checklists the run read, else the report file.
    service: &'a str,
    /// `go`, `go-with-waivers` or `no-go`, as the service's own run decided.
    verdict: &'static str,
    score: f64,
    threshold: f64,
    blockers: usize,
    /// The report file read.
    report: &'a str,
    generated_at: Option<String>,
    commit: Option<&'a str>,
    labels: &'a Labels,
    /// Older than the maximum age, or undated.
    stale: bool,
    /// Active waivers whose last day falls within the expiry window.
    expiring_waivers: usize,
    /// The group it is counted in, when grouping.
    group: Option<&'a str>,
    /// Its line in the previous summary (`null` when none was given, or it is new there).
    previous: Option<JsonPrevious>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
struct JsonPrevious {
    verdict: &'static str,
    score: f64,
    /// This score minus the previous one.
    score_delta: f64,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
struct JsonGone<'a> {
    service: &'a str,
    verdict: &'a str,
    score: f64,
}

fn summary(fleet: &Fleet) -> Summary<'_> {
    Summary {
        verdict: fleet.worst().name(),
        group_by: fleet.group_by.as_deref(),
        max_age_seconds: fleet.max_age.as_secs(),
        totals: (&fleet.totals).into(),
        groups: fleet
            .groups
            .iter()
            .map(|g| JsonGroup {
                name: &g.name,
                counts: (&g.counts).into(),
                worst: &g.worst,
            })
            .collect(),
        services: fleet
            .rows
            .iter()
            .map(|r| JsonService {
                service: &r.service,
                verdict: r.verdict.name(),
                score: r.report.score,
                threshold: r.report.threshold,
                blockers: r.report.blockers,
                report: &r.report.path,
                generated_at: r.report.generated_at.map(crate::model::utc_seconds),
                commit: r.report.commit.as_deref(),
                labels: &r.report.labels,
                stale: r.stale,
                expiring_waivers: r.expiring_waivers,
                group: r.group.as_deref(),
                previous: r.before.map(|(verdict, score)| JsonPrevious {
                    verdict: verdict.name(),
                    score,
                    score_delta: ((r.report.score - score) * 100.0).round() / 100.0,
                }),
            })
            .collect(),
        gone: fleet
            .gone
            .iter()
            .map(|g| JsonGone {
                service: &g.service,
                verdict: &g.verdict,
                score: g.score,
            })
            .collect(),
    }
}

pub(crate) fn json(fleet: &Fleet, out: &mut dyn io::Write) -> io::Result<()> {
    crate::report::write_json(&summary(fleet), out)
}

pub(crate) fn markdown(
    fleet: &Fleet,
    previous_given: bool,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    use crate::report::markdown::escape;
    let grid_out = |grid: &Grid, out: &mut dyn io::Write| -> io::Result<()> {
        let cells = |row: &[String]| {
            row.iter()
                .map(|c| escape(c))
                .collect::<Vec<_>>()
                .join(" | ")
        };
        writeln!(out, "| {} |", cells(&grid.header))?;
        writeln!(out, "|{}", "---|".repeat(grid.header.len()))?;
        for row in &grid.rows {
            writeln!(out, "| {} |", cells(row))?;
        }
        writeln!(out)
    };
    writeln!(
        out,
        "## Fleet readiness: {} — {}\n",
        fleet.worst().label(),
        headline(&fleet.totals)
    )?;
    if let Some(grid) = groups_grid(fleet) {
        grid_out(&grid, out)?;
    }
    grid_out(&services_grid(fleet, compared(fleet, previous_given)), out)?;
    for gone in &fleet.gone {
        writeln!(
            out,
            "\nGone: {} (was {} at {:.1}%) has no report now.",
            escape(&gone.service),
            escape(&label(&gone.verdict)),
            gone.score
        )?;
    }
    Ok(())
}

pub(crate) fn html(fleet: &Fleet, previous_given: bool, out: &mut dyn io::Write) -> io::Result<()> {
    use crate::report::html::{STYLE, escape};
    let worst = fleet.worst();
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <title>Fleet readiness: {} · ready</title><style>{STYLE}</style></head><body>\
         <header class=\"verdict {}\"><div><h1>{}</h1><p>{}</p></div></header><main>",
        worst.label(),
        worst.name(),
        worst.label(),
        escape(&headline(&fleet.totals))
    );
    // A verdict cell is a coloured chip; every other cell is escaped text.
    let cell = |text: &str| -> String {
        let chip = [Verdict::NoGo, Verdict::GoWithWaivers, Verdict::Go]
            .into_iter()
            .find(|v| v.label() == text)
            .map(|v| match v {
                Verdict::Go => "done",
                Verdict::GoWithWaivers => "partial",
                Verdict::NoGo => "contradicted",
            });
        match chip {
            Some(class) => format!(
                "<td><span class=\"chip {class}\">{}</span></td>",
                escape(text)
            ),
            None => format!("<td>{}</td>", escape(text)),
        }
    };
    let mut grid_out = |title: &str, grid: &Grid| {
        let _ = write!(
            page,
            "<section><h2>{}</h2><table><thead><tr>",
            escape(title)
        );
        for h in &grid.header {
            let _ = write!(page, "<th>{}</th>", escape(h));
        }
        page.push_str("</tr></thead><tbody>");
        for row in &grid.rows {
            page.push_str("<tr>");
            for c in row {
                page.push_str(&cell(c));
            }
            page.push_str("</tr>");
        }
        page.push_str("</tbody></table></section>");
    };
    if let Some(grid) = groups_grid(fleet) {
        grid_out(
            &format!("By {}", fleet.group_by.as_deref().unwrap_or_default()),
            &grid,
        );
    }
    grid_out(
        "Services, worst first",
        &services_grid(fleet, compared(fleet, previous_given)),
    );
    if !fleet.gone.is_empty() {
        page.push_str("<section><h2>Gone since the previous summary</h2><ul>");
        for gone in &fleet.gone {
            let _ = write!(
                page,
                "<li>{} (was {} at {:.1}%)</li>",
                escape(&gone.service),
                escape(&label(&gone.verdict)),
                gone.score
            );
        }
        page.push_str("</ul></section>");
    }
    page.push_str("</main></body></html>\n");
    out.write_all(page.as_bytes())
}
