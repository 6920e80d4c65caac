//! `prometheus`: an instant query's every sample meets an expectation (`< 0.7`), for items
//! such as "CPU utilization healthy (<70%)".

use std::collections::BTreeMap;

use reqwest::header::HeaderMap;
use serde::Deserialize;
use url::Url;

use crate::probe::kind::certificates::Trust;
use crate::probe::kind::http::{header_map, request_failed, web_url};
use crate::probe::prepare::Prepare;
use crate::probe::redact;
use crate::probe::values::{Expect, Text};
use crate::probe::verify::{Failed, Seen, Verify, root_cause};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Spec {
    /// The Prometheus server, such as `http://prometheus:9090`.
    pub(crate) url: Text,
    /// A PromQL instant query.
    pub(crate) query: Text,
    /// What every sample must satisfy: `< 0.7`, `>= 1`, `== 0`.
    pub(crate) expect: Text,
    #[serde(default)]
    pub(crate) headers: BTreeMap<String, Text>,
}

#[derive(Debug)]
pub(crate) struct Prometheus {
    client: reqwest::Client,
    endpoint: Url,
    query: String,
    expect: Expect,
    headers: HeaderMap,
}

impl Prometheus {
    pub(crate) fn prepare(spec: Spec, cx: &mut Prepare<'_>) -> Result<Prometheus, String> {
        let base = web_url(spec.url.as_str(), cx.secrets)?;
        let mut endpoint = base.clone();
        if !endpoint.path().ends_with("/api/v1/query") {
            let path = format!("{}/api/v1/query", endpoint.path().trim_end_matches('/'));
            endpoint.set_path(&path);
        }
        let headers = header_map(&spec.headers, cx.secrets)?;
        if spec.query.as_str().trim().is_empty() {
            return Err("query must not be empty".into());
        }
        Ok(Prometheus {
            client: cx.shared.client(Trust::new(None, false))?,
            endpoint,
            query: spec.query.0,
            expect: Expect::parse(spec.expect.as_str()).map_err(|e| format!("expect {e}"))?,
            headers,
        })
    }
}

/// The parts of the Prometheus HTTP API answer (`/api/v1/query`) a probe reads.
#[derive(Debug, Deserialize)]
struct Answer {
    status: String,
    #[serde(default)]
    data: Option<Data>,
    #[serde(default)]
    error: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Data {
    result_type: String,
    result: serde_json::Value,
}

/// One series' labels and value.
fn samples(data: &Data) -> Result<Vec<(String, f64)>, String> {
    let value = |pair: &serde_json::Value| -> Result<f64, String> {
        let text = pair
            .get(1)
            .and_then(serde_json::Value::as_str)
            .ok_or("a sample has no value")?;
        match text {
            "NaN" => Ok(f64::NAN),
            "+Inf" => Ok(f64::INFINITY),
            "-Inf" => Ok(f64::NEG_INFINITY),
            t => t
                .parse()
                .map_err(|_| format!("sample value {t:?} is not a number")),
        }
    };
    match data.result_type.as_str() {
        "scalar" => Ok(vec![("scalar".into(), value(&data.result)?)]),
        "vector" => data
            .result
            .as_array()
            .ok_or("the vector result is not a list")?
            .iter()
            .map(|series| {
                let labels = series
                    .get("metric")
                    .and_then(serde_json::Value::as_object)
                    .map(|m| {
                        m.iter()
                            .map(|(k, v)| format!("{k}={v}"))
                            .collect::<Vec<_>>()
                            .join(",")
                    })
                    .unwrap_or_default();
                let sample = series.get("value").ok_or("a series has no value")?;
                Ok((format!("{{{labels}}}"), value(sample)?))
            })
            .collect(),
        other => Err(format!(
            "the query returned a {other}; use an instant query that returns a vector or scalar"
        )),
    }
}

impl Verify for Prometheus {
    fn target(&self) -> String {
        format!("{} {}", redact::url(&self.endpoint), self.query)
    }

    async fn verify(&self) -> Seen {
        let mut url = self.endpoint.clone();
        url.query_pairs_mut().append_pair("query", &self.query);
        let response = self
            .client
            .get(url)
            .headers(self.headers.clone())
            .send()
            .await
            .map_err(|e| request_failed(&e, &self.endpoint))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| Failed::fail(format!("the answer broke off: {}", root_cause(&e))))?;
        let answer: Answer = serde_json::from_str(&text).map_err(|_| {
            Failed::error(format!(
                "HTTP {status}: the answer is not the Prometheus query API's JSON"
            ))
        })?;
        if answer.status != "success" {
            return Err(Failed::error(format!(
                "Prometheus rejected the query: {}",
                answer.error.unwrap_or_else(|| format!("HTTP {status}"))
            )));
        }
        let data = answer
            .data
            .ok_or_else(|| Failed::error("the answer has no data"))?;
        let samples = samples(&data).map_err(Failed::error)?;
        if samples.is_empty() {
            return Err(Failed::fail(format!(
                "the query returned no samples, so nothing shows it {}",
                self.expect
            )));
        }
        if let Some((labels, value)) = samples.iter().find(|(_, v)| !self.expect.holds(*v)) {
            return Err(Failed::fail(format!(
                "{labels} is {value}, expected {}",
                self.expect
            )));
        }
        let shown: Vec<String> = samples.iter().take(3).map(|(_, v)| v.to_string()).collect();
        let more = if samples.len() > 3 { ", …" } else { "" };
        Ok(format!(
            "{} sample{} ({}{more}), all {}",
            samples.len(),
            if samples.len() == 1 { "" } else { "s" },
            shown.join(", "),
            self.expect
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_expectations() {
        let e = Expect::parse("< 0.7").expect("valid");
        assert!(e.holds(0.5) && !e.holds(0.7));
        assert!(Expect::parse(">=1").expect("valid").holds(1.0));
        assert!(Expect::parse("== 0").expect("valid").holds(0.0));
        assert!(Expect::parse("about 3").is_err());
        assert!(Expect::parse("< lots").is_err());
    }
}
