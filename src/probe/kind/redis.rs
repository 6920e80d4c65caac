//! `redis`: Redis (or Valkey) accepts the credentials and answers `PING`, over TLS with
//! `rediss://` (managed Redis services), the certificate checked against the platform's roots
//! or `ca_file` unless the probe says `insecure: true`.

use std::time::{Duration, Instant};

use serde::Deserialize;
use url::Url;

use crate::probe::kind::certificates;
use crate::probe::prepare::Prepare;
use crate::probe::redact;
use crate::probe::values::{Dur, Text};
use crate::probe::verify::{Failed, Seen, Verify, service_url, within};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Spec {
    /// `redis://[user]:password@host:port/db`, or `rediss://` for TLS.
    pub(crate) url: Text,
    #[serde(default)]
    pub(crate) max_latency: Option<Dur>,
    /// A CA to trust for the server's certificate (PEM), relative to the probe file
    /// (`rediss://` only).
    #[serde(default)]
    pub(crate) ca_file: Option<Text>,
    /// TLS without checking the server's certificate (`rediss://` only); shown in every report.
    #[serde(default)]
    pub(crate) insecure: bool,
}

#[derive(Debug)]
pub(crate) struct Redis {
    url: Url,
    client: redis::Client,
    max_latency: Option<Duration>,
    insecure: bool,
}

impl Redis {
    pub(crate) fn prepare(spec: Spec, cx: &mut Prepare<'_>) -> Result<Redis, String> {
        let url = service_url(spec.url.as_str(), &["redis", "rediss"], cx.secrets)?;
        let tls = url.scheme() == "rediss";
        if !tls && (spec.ca_file.is_some() || spec.insecure) {
            return Err("ca_file and insecure need a rediss:// URL (Redis over TLS)".into());
        }
        if url.fragment().is_some() {
            return Err("write insecure: true instead of a #fragment in the URL".into());
        }
        let scrub = |e: redis::RedisError| cx.secrets.scrub(format!("url is not a Redis URL: {e}"));
        let client = if tls {
            // The redis client builds its TLS set-up from the process's crypto provider: ring,
            // as everywhere else in ready.
            let _ = certificates::provider().as_ref().clone().install_default();
            let mut connection = url.clone();
            if spec.insecure {
                connection.set_fragment(Some("insecure"));
            }
            let root_cert = spec
                .ca_file
                .map(|f| {
                    let path = cx.path(f.as_str());
                    std::fs::read(&path)
                        .map_err(|e| format!("ca_file {}: cannot read it: {e}", path.display()))
                })
                .transpose()?;
            redis::Client::build_with_tls(
                connection.as_str(),
                redis::TlsCertificates {
                    client_tls: None,
                    root_cert,
                },
            )
            .map_err(scrub)?
        } else {
            redis::Client::open(url.as_str()).map_err(scrub)?
        };
        Ok(Redis {
            url,
            client,
            max_latency: spec.max_latency.map(|d| d.0),
            insecure: spec.insecure,
        })
    }
}

impl Verify for Redis {
    fn target(&self) -> String {
        let insecure = if self.insecure {
            certificates::INSECURE_NOTE
        } else {
            ""
        };
        format!("{}{insecure}", redact::url(&self.url))
    }

    async fn verify(&self) -> Seen {
        let start = Instant::now();
        // The client's own limits (1 s to connect, 0.5 s for a reply) would cut the probe's
        // `timeout` short and race it: the engine's timeout is the one limit, as for every kind.
        let unbounded = redis::AsyncConnectionConfig::new()
            .set_connection_timeout(None)
            .set_response_timeout(None);
        let mut connection = self
            .client
            .get_multiplexed_async_connection_with_config(&unbounded)
            .await
            .map_err(|e| {
                // The redis client keeps rustls's refusal only as text.
                let text = e.to_string();
                let why = certificates::tls_cause(&e).or_else(|| {
                    text.split_once("invalid peer certificate: ")
                        .map(|(_, why)| why.to_owned())
                });
                match why {
                    Some(why) => Failed::fail(format!(
                        "TLS failed: {why}; give the server's CA as ca_file, or set insecure: true"
                    )),
                    None => Failed::fail(format!("cannot connect or authenticate: {text}")),
                }
            })?;
        let reply: String = redis::cmd("PING")
            .query_async(&mut connection)
            .await
            .map_err(|e| Failed::fail(format!("PING failed: {e}")))?;
        let latency = start.elapsed();
        if reply != "PONG" {
            return Err(Failed::fail(format!(
                "PING answered {reply:?}, expected PONG"
            )));
        }
        within(
            latency,
            self.max_latency,
            format!("authenticated and PONG in {} ms", latency.as_millis()),
        )
    }
}
