//! `json`: a JSON file a CI job left behind (a load-test summary, a benchmark, a scanner's own
//! report) says what the checklist claims: "p95 under 200 ms in the load test" as
//! `/metrics/http_req_duration/p(95): "< 200"`.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Deserialize;

use crate::probe::kind::artifacts::{self, Files, Found, Select};
use crate::probe::kind::json_checks::Checks;
use crate::probe::prepare::Prepare;
use crate::probe::values::{Dur, Text};
use crate::probe::verify::{Failed, Seen, Verify};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Spec {
    /// A file or glob, relative to the probe file.
    pub(crate) path: Text,
    /// JSON pointer → a value to equal, or a comparison (`"< 200"`).
    pub(crate) checks: BTreeMap<String, serde_json::Value>,
    /// `all` (default: every match must pass) or `newest`.
    #[serde(default)]
    pub(crate) select: Select,
    /// Files older than this are evidence from an earlier run, and fail.
    #[serde(default)]
    pub(crate) max_age: Option<Dur>,
}

#[derive(Debug, Clone)]
pub(crate) struct Json {
    files: Files,
    checks: Checks,
    select: Select,
    max_age: Option<Duration>,
}

impl Json {
    pub(crate) fn prepare(spec: Spec, cx: &mut Prepare<'_>) -> Result<Json, String> {
        let checks = Checks::prepare(spec.checks, "checks")?;
        if checks.is_empty() {
            return Err("checks is empty: name at least one JSON pointer to check".into());
        }
        Ok(Json {
            files: Files::prepare(spec.path.as_str(), cx)?,
            checks,
            select: spec.select,
            max_age: spec.max_age.map(|d| d.0),
        })
    }

    fn look(&self) -> Seen {
        let found = artifacts::select(&self.files, self.select, self.max_age)?;
        let mut seen = Vec::new();
        for file in &found {
            let document = self.files.read(file, read_document)?;
            let facts = self
                .checks
                .judge(&document)
                .map_err(|why| Failed::fail(format!("in {}, {why}", file.name())))?;
            seen.push(format!("{}: {}", file.name(), facts.join(", ")));
        }
        Ok(seen.join("; "))
    }
}

/// One JSON document.
fn read_document(file: &Found) -> Result<serde_json::Value, Failed> {
    let bytes = file.read()?;
    serde_json::from_slice(&bytes)
        .map_err(|e| Failed::fail(format!("{} is not JSON: {e}", file.name())))
}

impl Verify for Json {
    fn target(&self) -> String {
        self.files.pattern().to_owned()
    }

    async fn verify(&self) -> Seen {
        artifacts::off_the_runtime(self, Self::look, "reading the JSON").await
    }
}
