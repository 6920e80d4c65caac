//! A fleet summary: the latest report of each service, worst first, grouped by a label, with
//! what changed since the previous summary. Plain computation over the reports; `ready` judges
//! nothing again here — each service's verdict is the one its own CI run reached.

use crate::hash::{HashMap, HashSet};
use std::collections::BTreeMap;

use crate::error::{Error, Location, Result};
use crate::gate::Verdict;
use crate::model::{Notice, PreviousService, ServiceReport, Span};

/// What a summary is judged against besides the reports.
#[derive(Debug, Clone)]
pub(crate) struct Params<'a> {
    /// The label to group by (`owner`, `team`, …), if any.
    pub(crate) group_by: Option<&'a str>,
    pub(crate) now: jiff::Timestamp,
    pub(crate) today: jiff::civil::Date,
    /// A report older than this is stale: its service stopped reporting.
    pub(crate) max_age: std::time::Duration,
    /// A waiver ending within this many days is called out.
    pub(crate) expiring_days: i32,
    pub(crate) previous: Option<&'a [PreviousService]>,
}

/// One service's line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    pub(crate) service: String,
    pub(crate) verdict: Verdict,
    pub(crate) report: ServiceReport,
    /// Older than `max_age`, or undated.
    pub(crate) stale: bool,
    /// Active waivers whose last day is within `expiring_days`.
    pub(crate) expiring_waivers: usize,
    /// Its line in the previous summary; `None` there means it is new.
    pub(crate) before: Option<(Verdict, f64)>,
    /// The group it is counted in (the label's value, or `(none)`).
    pub(crate) group: Option<String>,
}

/// The services sharing one value of the group label.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Group {
    pub(crate) name: String,
    pub(crate) counts: Counts,
    /// Its worst service, named.
    pub(crate) worst: String,
}

/// Services by verdict, with the stale ones and the mean score.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Counts {
    pub(crate) services: usize,
    pub(crate) go: usize,
    pub(crate) go_with_waivers: usize,
    pub(crate) no_go: usize,
    pub(crate) stale: usize,
    pub(crate) mean_score: f64,
}

impl Counts {
    fn of<'a>(rows: impl Iterator<Item = &'a Row>) -> Counts {
        let mut counts = Counts::default();
        let mut total = 0.0;
        for row in rows {
            counts.services += 1;
            total += row.report.score;
            counts.stale += usize::from(row.stale);
            match row.verdict {
                Verdict::Go => counts.go += 1,
                Verdict::GoWithWaivers => counts.go_with_waivers += 1,
                Verdict::NoGo => counts.no_go += 1,
            }
        }
        if counts.services > 0 {
            counts.mean_score = total / counts.services as f64;
        }
        counts
    }
}

/// The summary every fleet report draws.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fleet {
    pub(crate) rows: Vec<Row>,
    pub(crate) groups: Vec<Group>,
    pub(crate) group_by: Option<String>,
    pub(crate) totals: Counts,
    /// Services the previous summary had and no report now speaks for.
    pub(crate) gone: Vec<PreviousService>,
    /// Reports set aside (an older report of a service that has a newer one).
    pub(crate) notices: Vec<Notice>,
    pub(crate) max_age: std::time::Duration,
    pub(crate) expiring_days: i32,
}

impl Fleet {
    /// The worst verdict of the fleet, for the exit code.
    pub(crate) fn worst(&self) -> Verdict {
        self.rows
            .iter()
            .map(|r| r.verdict)
            .max_by_key(|v| v.severity())
            .unwrap_or(Verdict::Go)
    }
}

/// Summarizes the reports.
pub(crate) fn summarize(reports: Vec<ServiceReport>, params: &Params<'_>) -> Result<Fleet> {
    let mut notices = Vec::new();
    // The newest report of each service; an older one is set aside with a notice.
    let mut latest: HashMap<String, ServiceReport> = HashMap::default();
    latest.reserve(reports.len());
    for report in reports {
        let service = report.service();
        match latest.get(&service) {
            Some(kept) if kept.generated_at > report.generated_at => {
                notices.push(older(&report, &service, kept));
            }
            Some(kept) => {
                notices.push(older(kept, &service, &report));
                latest.insert(service, report);
            }
            None => {
                latest.insert(service, report);
            }
        }
    }
    let before: HashMap<&str, &PreviousService> = params
        .previous
        .unwrap_or_default()
        .iter()
        .map(|p| (p.service.as_str(), p))
        .collect();
    let horizon = params
        .today
        .checked_add(jiff::Span::new().days(params.expiring_days))
        .unwrap_or(params.today);
    let mut rows = Vec::with_capacity(latest.len());
    for (service, report) in latest {
        let verdict = Verdict::from_name(&report.verdict).ok_or_else(|| {
            Error::invalid(
                Location::new(&report.path, 1),
                format!(
                    "verdict {:?} is not one ready writes; expected go, go-with-waivers or no-go",
                    report.verdict
                ),
            )
        })?;
        let stale = report.generated_at.is_none_or(|at| {
            params.now.duration_since(at).as_secs_f64() > params.max_age.as_secs_f64()
        });
        let expiring_waivers = report
            .waiver_expiries
            .iter()
            .filter(|d| **d >= params.today && **d <= horizon)
            .count();
        let previous = before
            .get(service.as_str())
            .and_then(|p| Some((Verdict::from_name(&p.verdict)?, p.score)));
        let group = params.group_by.map(|label| {
            report
                .labels
                .get(label)
                .cloned()
                .unwrap_or_else(|| "(none)".into())
        });
        rows.push(Row {
            service,
            verdict,
            report,
            stale,
            expiring_waivers,
            before: previous,
            group,
        });
    }
    // Worst first: NO-GO, then GO WITH WAIVERS, then GO; stale before fresh; lowest score first.
    rows.sort_by(|a, b| {
        b.verdict
            .severity()
            .cmp(&a.verdict.severity())
            .then(b.stale.cmp(&a.stale))
            .then(a.report.score.total_cmp(&b.report.score))
            .then(a.service.cmp(&b.service))
    });
    let now: HashSet<&str> = rows.iter().map(|r| r.service.as_str()).collect();
    let gone = params
        .previous
        .unwrap_or_default()
        .iter()
        .filter(|p| !now.contains(p.service.as_str()))
        .cloned()
        .collect();
    let groups = match params.group_by {
        None => Vec::new(),
        Some(_) => groups(&rows),
    };
    Ok(Fleet {
        totals: Counts::of(rows.iter()),
        rows,
        groups,
        group_by: params.group_by.map(str::to_owned),
        gone,
        notices,
        max_age: params.max_age,
        expiring_days: params.expiring_days,
    })
}

fn older(set_aside: &ServiceReport, service: &str, kept: &ServiceReport) -> Notice {
    Notice::new(
        format!(
            "{} is an older report of {service} than {}; only the newer one is summarized",
            set_aside.path, kept.path
        ),
        Some(Span::new(&set_aside.path, 1)),
    )
}

/// The groups, worst first: most NO-GO, then the lowest mean score. Rows come worst first, so
/// each group's first row is its worst.
fn groups(rows: &[Row]) -> Vec<Group> {
    let mut members: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for row in rows {
        members
            .entry(row.group.as_deref().unwrap_or("(none)"))
            .or_default()
            .push(row);
    }
    let mut groups: Vec<Group> = members
        .into_iter()
        .map(|(name, rows)| Group {
            name: name.to_owned(),
            counts: Counts::of(rows.iter().copied()),
            worst: rows[0].service.clone(),
        })
        .collect();
    groups.sort_by(|a, b| {
        b.counts
            .no_go
            .cmp(&a.counts.no_go)
            .then(a.counts.mean_score.total_cmp(&b.counts.mean_score))
            .then(a.name.cmp(&b.name))
    });
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(service: &str, verdict: &str, score: f64, at: &str) -> ServiceReport {
        ServiceReport {
            path: format!("{service}-{at}.json"),
            verdict: verdict.into(),
            score,
            threshold: 90.0,
            blockers: usize::from(verdict == "no-go"),
            checklists: vec!["launch.md".into()],
            labels: [
                ("service", service),
                ("owner", if score > 50.0 { "a" } else { "b" }),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
            generated_at: Some(at.parse().expect("time")),
            commit: None,
            waiver_expiries: vec!["2026-12-05".parse().expect("date")],
        }
    }

    fn params(previous: Option<&[PreviousService]>) -> Params<'_> {
        Params {
            group_by: Some("owner"),
            now: "2026-12-03T12:00:00Z".parse().expect("now"),
            today: "2026-12-03".parse().expect("today"),
            max_age: std::time::Duration::from_secs(86_400),
            expiring_days: 7,
            previous,
        }
    }

    #[test]
    fn worst_first_newest_report_per_service_and_stale_ones_named() {
        let reports = vec![
            report("api", "go", 95.0, "2026-12-03T10:00:00Z"),
            report("api", "no-go", 40.0, "2026-12-01T10:00:00Z"),
            report("web", "no-go", 70.0, "2026-12-03T11:00:00Z"),
            report("db", "go", 99.0, "2026-11-20T00:00:00Z"),
            report("jobs", "go-with-waivers", 91.0, "2026-12-03T11:00:00Z"),
        ];
        let fleet = summarize(reports, &params(None)).expect("summary");
        let order: Vec<&str> = fleet.rows.iter().map(|r| r.service.as_str()).collect();
        assert_eq!(order, ["web", "jobs", "db", "api"]);
        assert!(fleet.rows[2].stale, "db reported 13 days ago");
        assert_eq!(fleet.notices.len(), 1, "the older api report is set aside");
        assert_eq!(fleet.totals.no_go, 1);
        assert_eq!(fleet.rows[0].expiring_waivers, 1);
        assert_eq!(fleet.worst(), Verdict::NoGo);
        assert_eq!(fleet.groups[0].name, "a");
        assert_eq!(fleet.groups[0].worst, "web");
    }

    #[test]
    fn deltas_against_the_previous_summary_name_new_and_gone_services() {
        let previous = vec![
            PreviousService {
                service: "api".into(),
                verdict: "no-go".into(),
                score: 80.0,
            },
            PreviousService {
                service: "old".into(),
                verdict: "go".into(),
                score: 100.0,
            },
        ];
        let reports = vec![
            report("api", "go", 95.0, "2026-12-03T10:00:00Z"),
            report("new", "go", 92.0, "2026-12-03T10:00:00Z"),
        ];
        let fleet = summarize(reports, &params(Some(&previous))).expect("summary");
        let api = fleet.rows.iter().find(|r| r.service == "api").expect("api");
        assert_eq!(api.before, Some((Verdict::NoGo, 80.0)));
        let new = fleet.rows.iter().find(|r| r.service == "new").expect("new");
        assert_eq!(new.before, None);
        assert_eq!(fleet.gone.len(), 1);
        assert_eq!(fleet.gone[0].service, "old");
    }

    #[test]
    fn an_unknown_verdict_is_an_error_naming_the_report() {
        let reports = vec![report("api", "maybe", 95.0, "2026-12-03T10:00:00Z")];
        let error = summarize(reports, &params(None)).expect_err("refused");
        assert!(error.to_string().contains("maybe"), "{error}");
    }
}
