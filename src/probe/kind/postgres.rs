//! `postgres`: PostgreSQL accepts the credentials and answers `SELECT 1`.

use std::str::FromStr;
use std::time::{Duration, Instant};

use serde::Deserialize;
use sqlx::ConnectOptions;
use sqlx::postgres::{PgConnectOptions, PgSslMode};
use url::Url;

use crate::probe::kind::certificates;
use crate::probe::kind::database_tls::{self, Mode};
use crate::probe::prepare::Prepare;
use crate::probe::redact;
use crate::probe::values::{Dur, Text};
use crate::probe::verify::{Failed, Seen, Verify, service_url, within};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Spec {
    /// `postgres://user:password@host:port/database` (`?sslmode=require` and friends work).
    pub(crate) url: Text,
    #[serde(default)]
    pub(crate) max_latency: Option<Dur>,
    /// A CA to trust for the server's certificate (PEM), relative to the probe file.
    #[serde(default)]
    pub(crate) ca_file: Option<Text>,
    /// Encrypt without checking the server's certificate; shown in every report.
    #[serde(default)]
    pub(crate) insecure: bool,
}

#[derive(Debug)]
pub(crate) struct Postgres {
    url: Url,
    options: PgConnectOptions,
    max_latency: Option<Duration>,
    /// What the target says when the certificate is not checked (see `database_tls`).
    note: &'static str,
}

impl Postgres {
    pub(crate) fn prepare(spec: Spec, cx: &mut Prepare<'_>) -> Result<Postgres, String> {
        let url = service_url(spec.url.as_str(), &["postgres", "postgresql"], cx.secrets)?;
        let mut options = PgConnectOptions::from_str(url.as_str())
            .map_err(|e| {
                cx.secrets
                    .scrub(format!("url is not a PostgreSQL URL: {e}"))
            })?
            .disable_statement_logging();
        let mode = database_tls::mode(&url, "sslmode", spec.ca_file.is_some(), spec.insecure)?;
        if let Some(ca) = &spec.ca_file {
            options = options.ssl_root_cert(cx.path(ca.as_str()));
        }
        options = match mode {
            Mode::Verify => options.ssl_mode(PgSslMode::VerifyFull),
            Mode::Unverified => options.ssl_mode(PgSslMode::Require),
            Mode::AsWritten => options,
        };
        let ssl = options.get_ssl_mode();
        let note = database_tls::note(
            mode,
            matches!(ssl, PgSslMode::VerifyFull | PgSslMode::VerifyCa),
            matches!(ssl, PgSslMode::Disable),
            database_tls::is_local(&url),
        );
        Ok(Postgres {
            url,
            options,
            max_latency: spec.max_latency.map(|d| d.0),
            note,
        })
    }
}

impl Verify for Postgres {
    fn target(&self) -> String {
        format!("{}{}", redact::url(&self.url), self.note)
    }

    async fn verify(&self) -> Seen {
        let start = Instant::now();
        let mut connection = self
            .options
            .connect()
            .await
            .map_err(|e| refused(e, "sslmode"))?;
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
/// the certificate's fault and what to do about it for TLS, the socket error otherwise.
/// `mode_key` is the URL parameter that sets the driver's TLS mode.
pub(crate) fn refused(error: sqlx::Error, mode_key: &str) -> Failed {
    match &error {
        sqlx::Error::Database(db) => Failed::fail(format!("the server refused: {}", db.message())),
        sqlx::Error::Io(io) => match certificates::tls_cause(io) {
            Some(why) => Failed::fail(format!(
                "TLS failed: {why}{}",
                database_tls::advice(&why, mode_key)
            )),
            None => Failed::fail(format!("cannot connect: {io}")),
        },
        sqlx::Error::Tls(tls) => {
            let why = certificates::tls_cause(tls.as_ref()).unwrap_or_else(|| tls.to_string());
            Failed::fail(format!(
                "TLS failed: {why}{}",
                database_tls::advice(&why, mode_key)
            ))
        }
        other => Failed::fail(format!("cannot connect: {other}")),
    }
}
