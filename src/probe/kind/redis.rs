//! `redis`: Redis (or Valkey) accepts the credentials and answers `PING`.

use std::time::{Duration, Instant};

use serde::Deserialize;
use url::Url;

use crate::probe::prepare::Prepare;
use crate::probe::redact;
use crate::probe::values::{Dur, Text};
use crate::probe::verify::{Failed, Seen, Verify, service_url, within};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Spec {
    /// `redis://[user]:password@host:port/db`.
    pub(crate) url: Text,
    #[serde(default)]
    pub(crate) max_latency: Option<Dur>,
}

#[derive(Debug)]
pub(crate) struct Redis {
    url: Url,
    client: redis::Client,
    max_latency: Option<Duration>,
}

impl Redis {
    pub(crate) fn prepare(spec: Spec, cx: &mut Prepare<'_>) -> Result<Redis, String> {
        let url = service_url(spec.url.as_str(), &["redis"], cx.secrets)?;
        let client = redis::Client::open(url.as_str())
            .map_err(|e| cx.secrets.scrub(&format!("url is not a Redis URL: {e}")))?;
        Ok(Redis {
            url,
            client,
            max_latency: spec.max_latency.map(|d| d.0),
        })
    }
}

impl Verify for Redis {
    fn target(&self) -> String {
        redact::url(&self.url)
    }

    async fn verify(&self) -> Seen {
        let start = Instant::now();
        let mut connection = self
            .client
            .get_multiplexed_async_connection()
            .await
            .map_err(|e| Failed::fail(format!("cannot connect or authenticate: {e}")))?;
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
