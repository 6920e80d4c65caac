//! `postgres`: PostgreSQL accepts the credentials and answers `SELECT 1`.

use std::str::FromStr;
use std::time::{Duration, Instant};

use serde::Deserialize;
use sqlx::ConnectOptions;
use sqlx::postgres::PgConnectOptions;
use url::Url;

use crate::probe::prepare::Prepare;
use crate::probe::redact;
use crate::probe::values::{Dur, Text};
use crate::probe::verify::{Failed, Seen, Verify, service_url, within};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Spec {
    /// `postgres://user:password@host:port/database` (`?sslmode=require` and friends work).
    pub(crate) url: Text,
    #[serde(default)]
    pub(crate) max_latency: Option<Dur>,
}

#[derive(Debug)]
pub(crate) struct Postgres {
    url: Url,
    options: PgConnectOptions,
    max_latency: Option<Duration>,
}

impl Postgres {
    pub(crate) fn prepare(spec: Spec, cx: &mut Prepare<'_>) -> Result<Postgres, String> {
        let url = service_url(spec.url.as_str(), &["postgres", "postgresql"], cx.secrets)?;
        let options = PgConnectOptions::from_str(url.as_str())
            .map_err(|e| {
                cx.secrets
                    .scrub(&format!("url is not a PostgreSQL URL: {e}"))
            })?
            .disable_statement_logging();
        Ok(Postgres {
            url,
            options,
            max_latency: spec.max_latency.map(|d| d.0),
        })
    }
}

impl Verify for Postgres {
    fn target(&self) -> String {
        redact::url(&self.url)
    }

    async fn verify(&self) -> Seen {
        let start = Instant::now();
        let mut connection = self.options.connect().await.map_err(refused)?;
        let one: i32 = sqlx::query_scalar("SELECT 1")
            .fetch_one(&mut connection)
            .await
            .map_err(|e| Failed::fail(format!("SELECT 1 failed: {e}")))?;
        let latency = start.elapsed();
        let version = connection.server_version_num();
        // Closing politely is not part of the check; a failure here changes nothing.
        let _ = sqlx::Connection::close(connection).await;
        if one != 1 {
            return Err(Failed::fail(format!("SELECT 1 returned {one}")));
        }
        let version = version.map_or_else(String::new, |v| {
            format!(", server {}.{}", v / 10_000, v % 10_000)
        });
        within(
            latency,
            self.max_latency,
            format!(
                "authenticated and SELECT 1 in {} ms{version}",
                latency.as_millis()
            ),
        )
    }
}

/// Connection errors in a person's words: the server's own message for refused credentials,
/// the socket error otherwise.
pub(crate) fn refused(error: sqlx::Error) -> Failed {
    match &error {
        sqlx::Error::Database(db) => Failed::fail(format!("the server refused: {}", db.message())),
        sqlx::Error::Io(io) => Failed::fail(format!("cannot connect: {io}")),
        sqlx::Error::Tls(tls) => Failed::fail(format!("TLS failed: {tls}")),
        other => Failed::fail(format!("cannot connect: {other}")),
    }
}
