//! Reader: a baseline, the JSON report of an earlier `ready check` (the main branch's artifact,
//! say), into [`Baseline`]. Only the keys the ratchet compares are read, so a report from a
//! later version with more keys is still a baseline; a file that is not a report is a located
//! error.

use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Location, Result};
use crate::files;
use crate::model::{Baseline, BaselineItem, Priority, Status};

#[derive(Deserialize)]
struct Report {
    score: f64,
    items: Vec<Item>,
}

#[derive(Deserialize)]
struct Item {
    id: String,
    title: String,
    section: Option<String>,
    status: String,
    priority: Option<String>,
    #[serde(default)]
    restates: Vec<String>,
    #[serde(default)]
    probes: Vec<Probe>,
    #[serde(default)]
    children: Vec<Item>,
}

#[derive(Deserialize)]
struct Probe {
    id: String,
}

fn priority(label: Option<&str>) -> Option<Priority> {
    match label? {
        "must" => Some(Priority::Must),
        "should" => Some(Priority::Should),
        "nice" => Some(Priority::Nice),
        _ => None,
    }
}

/// Reads a JSON report as a baseline.
pub(crate) fn load(path: &Path) -> Result<Baseline> {
    let shown = path.display().to_string();
    let decoded = files::read_text(path, files::Input::Report)?;
    let report: Report = serde_json::from_str(&decoded.text).map_err(|e| {
        Error::invalid(
            Location::new(&shown, u32::try_from(e.line()).unwrap_or(1).max(1))
                .with_source(&decoded.text),
            format!("{e}; expected the JSON report of an earlier `ready check --format json` run"),
        )
    })?;
    let mut items = Vec::new();
    let mut stack: Vec<&Item> = report.items.iter().rev().collect();
    let mut raised: Vec<String> = Vec::new();
    while let Some(item) = stack.pop() {
        stack.extend(item.children.iter().rev());
        let own = priority(item.priority.as_deref());
        if own == Some(Priority::Must) {
            raised.extend(item.restates.iter().cloned());
        }
        items.push(BaselineItem {
            id: item.id.clone(),
            title: item.title.clone(),
            section: item.section.clone().unwrap_or_default(),
            status: Status::from_label(&item.status).ok_or_else(|| {
                Error::invalid(
                    Location::new(&shown, 1),
                    format!(
                        "item {} has status {:?}; expected done, open, partial, n/a, verified, contradicted or flaky",
                        item.id, item.status
                    ),
                )
            })?,
            priority: own,
            probes: item.probes.iter().map(|p| p.id.clone()).collect(),
        });
    }
    for item in &mut items {
        if raised.contains(&item.id) {
            item.priority = Some(Priority::Must);
        }
    }
    Ok(Baseline {
        path: shown,
        score: report.score,
        items,
    })
}
