//! `sarif`: a scanner's SARIF 2.1.0 report (any tool: linters, SAST, dependency and container
//! scanners) has no finding at or above a level, or a security severity — "security scan: no
//! critical issues" checked against the scan. The evidence names the worst findings.

use crate::hash::HashMap;
use std::time::Duration;

use serde::Deserialize;

use crate::probe::kind::artifacts::{self, Files, Found, Select};
use crate::probe::prepare::Prepare;
use crate::probe::values::{Dur, Text};
use crate::probe::verify::{Failed, Seen, Verify};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Spec {
    /// A report or a glob of reports, relative to the probe file.
    pub(crate) path: Text,
    /// The level at and above which a result fails: `error` (default), `warning`, `note`, or
    /// `none` to judge by `security_severity` alone.
    #[serde(default)]
    pub(crate) fail_on: Option<Level>,
    /// A result whose rule's `security-severity` (CVSS, 0–10) is at least this fails.
    #[serde(default)]
    pub(crate) security_severity: Option<f64>,
    /// Only the results of this rule id.
    #[serde(default)]
    pub(crate) rule: Option<Text>,
    /// Only the results of this tool (`tool.driver.name`, any case).
    #[serde(default)]
    pub(crate) tool: Option<Text>,
    /// `all` (default) or `newest`.
    #[serde(default)]
    pub(crate) select: Select,
    /// Reports older than this are from an earlier scan, and fail.
    #[serde(default)]
    pub(crate) max_age: Option<Dur>,
}

/// SARIF's result levels, least to most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Level {
    None,
    Note,
    Warning,
    Error,
}

impl Level {
    fn label(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Sarif {
    files: Files,
    fail_on: Level,
    security_severity: Option<f64>,
    rule: Option<String>,
    tool: Option<String>,
    select: Select,
    max_age: Option<Duration>,
}

/// The parts of a SARIF log the probe reads.
#[derive(Debug, Deserialize)]
struct Log {
    #[serde(default)]
    runs: Vec<Run>,
}

#[derive(Debug, Deserialize)]
struct Run {
    tool: Tool,
    #[serde(default)]
    results: Vec<SarifResult>,
}

#[derive(Debug, Deserialize)]
struct Tool {
    driver: Driver,
}

#[derive(Debug, Deserialize)]
struct Driver {
    name: String,
    #[serde(default)]
    rules: Vec<Rule>,
}

#[derive(Debug, Deserialize)]
struct Rule {
    id: String,
    #[serde(default, rename = "defaultConfiguration")]
    default_configuration: Option<Configuration>,
    #[serde(default)]
    properties: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
struct Configuration {
    #[serde(default)]
    level: Option<Level>,
}

#[derive(Debug, Deserialize)]
struct SarifResult {
    #[serde(default, rename = "ruleId")]
    rule_id: Option<String>,
    #[serde(default, rename = "ruleIndex")]
    rule_index: Option<usize>,
    #[serde(default)]
    level: Option<Level>,
    #[serde(default)]
    message: Message,
    #[serde(default)]
    locations: Vec<serde_json::Value>,
}

#[derive(Debug, Default, Deserialize)]
struct Message {
    #[serde(default)]
    text: String,
}

/// One result as the probe judges it.
struct Finding {
    tool: String,
    rule: String,
    level: Level,
    severity: Option<f64>,
    message: String,
    at: String,
}

impl Sarif {
    pub(crate) fn prepare(spec: Spec, cx: &mut Prepare<'_>) -> Result<Sarif, String> {
        if let Some(s) = spec.security_severity
            && !(0.0..=10.0).contains(&s)
        {
            return Err(format!(
                "security_severity must be between 0 and 10, got {s}"
            ));
        }
        Ok(Sarif {
            files: Files::prepare(spec.path.as_str(), cx)?,
            fail_on: spec.fail_on.unwrap_or(Level::Error),
            security_severity: spec.security_severity,
            rule: spec.rule.map(|r| r.0),
            tool: spec.tool.map(|t| t.0),
            select: spec.select,
            max_age: spec.max_age.map(|d| d.0),
        })
    }

    fn look(&self) -> Seen {
        let found = artifacts::select(&self.files, self.select, self.max_age)?;
        let reports = found
            .iter()
            .map(|file| self.files.read(file, read_findings))
            .collect::<Result<Vec<_>, Failed>>()?;
        let mut findings: Vec<&Finding> = reports.iter().flat_map(|r| r.iter()).collect();
        findings.retain(|f| {
            self.rule.as_ref().is_none_or(|r| &f.rule == r)
                && self
                    .tool
                    .as_ref()
                    .is_none_or(|t| f.tool.eq_ignore_ascii_case(t))
        });
        let blocking = |f: &Finding| {
            (self.fail_on != Level::None && f.level >= self.fail_on)
                || self
                    .security_severity
                    .is_some_and(|min| f.severity.is_some_and(|s| s >= min))
        };
        let mut bad: Vec<&Finding> = findings.iter().copied().filter(|f| blocking(f)).collect();
        let count = |level: Level| findings.iter().filter(|f| f.level == level).count();
        let reports = if found.len() == 1 {
            found[0].name()
        } else {
            format!("{} reports", found.len())
        };
        let threshold = match (self.fail_on, self.security_severity) {
            (Level::None, Some(s)) => format!("security severity {s}"),
            (level, Some(s)) => format!("{} or security severity {s}", level.label()),
            (level, None) => level.label().to_owned(),
        };
        if bad.is_empty() {
            return Ok(format!(
                "{reports}: {} ({}, {}, {}), none at or above {threshold}",
                plural(findings.len(), "result"),
                plural(count(Level::Error), "error"),
                plural(count(Level::Warning), "warning"),
                plural(count(Level::Note), "note")
            ));
        }
        // The worst first: by security severity, then level.
        bad.sort_by(|a, b| {
            b.severity
                .unwrap_or(-1.0)
                .total_cmp(&a.severity.unwrap_or(-1.0))
                .then(b.level.cmp(&a.level))
        });
        let worst: Vec<String> = bad.iter().take(3).map(|f| f.described()).collect();
        Err(Failed::fail(format!(
            "{reports}: {} of {} at or above {threshold}: {}",
            bad.len(),
            plural(findings.len(), "result"),
            worst.join("; ")
        )))
    }
}

/// Each result of a run with its level and security severity resolved from its rule: a
/// result's own level, else its rule's default, else `warning` (SARIF's default).
fn run_findings(run: Run) -> Vec<Finding> {
    let rules: HashMap<&str, &Rule> = run
        .tool
        .driver
        .rules
        .iter()
        .map(|r| (r.id.as_str(), r))
        .collect();
    let tool = run.tool.driver.name.clone();
    run.results
        .iter()
        .map(|result| {
            let rule = result
                .rule_id
                .as_deref()
                .and_then(|id| rules.get(id).copied())
                .or_else(|| result.rule_index.and_then(|i| run.tool.driver.rules.get(i)));
            let level = result
                .level
                .or_else(|| rule.and_then(|r| r.default_configuration.as_ref()?.level))
                .unwrap_or(Level::Warning);
            let severity = rule
                .and_then(|r| r.properties.as_ref()?.get("security-severity"))
                .and_then(|s| s.as_f64().or_else(|| s.as_str()?.trim().parse().ok()));
            Finding {
                tool: tool.clone(),
                rule: result
                    .rule_id
                    .clone()
                    .or_else(|| rule.map(|r| r.id.clone()))
                    .unwrap_or_else(|| "(no rule)".into()),
                level,
                severity,
                message: result
                    .message
                    .text
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .chars()
                    .take(160)
                    .collect(),
                at: location(result.locations.first()),
            }
        })
        .collect()
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `path:line` of a result's first physical location, when it has one.
fn location(first: Option<&serde_json::Value>) -> String {
    let Some(physical) = first.and_then(|l| l.get("physicalLocation")) else {
        return String::new();
    };
    let uri = physical
        .pointer("/artifactLocation/uri")
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default();
    match physical
        .pointer("/region/startLine")
        .and_then(serde_json::Value::as_u64)
    {
        Some(line) => format!(" at {uri}:{line}"),
        None if uri.is_empty() => String::new(),
        None => format!(" at {uri}"),
    }
}

impl Finding {
    fn described(&self) -> String {
        let severity = self
            .severity
            .map_or_else(String::new, |s| format!(", severity {s}"));
        format!(
            "{} {} ({}{severity}){}: {}",
            self.tool,
            self.rule,
            self.level.label(),
            self.at,
            self.message
        )
    }
}

/// The results of every run of every tool in one SARIF report.
fn read_findings(file: &Found) -> Result<Vec<Finding>, Failed> {
    let bytes = file.read()?;
    let log: Log = serde_json::from_slice(&bytes)
        .map_err(|e| Failed::fail(format!("{} is not a SARIF report: {e}", file.name())))?;
    if log.runs.is_empty() {
        return Err(Failed::fail(format!(
            "{} holds no run of any tool",
            file.name()
        )));
    }
    Ok(log.runs.into_iter().flat_map(run_findings).collect())
}

impl Verify for Sarif {
    fn target(&self) -> String {
        self.files.pattern().to_owned()
    }

    async fn verify(&self) -> Seen {
        artifacts::off_the_runtime(self, Self::look, "reading the SARIF report").await
    }
}
