//! `mysql`: MySQL or MariaDB accepts the credentials and answers `SELECT 1`.

use std::str::FromStr;
use std::time::{Duration, Instant};

use serde::Deserialize;
use sqlx::ConnectOptions;
use sqlx::mysql::{MySqlConnectOptions, MySqlSslMode};
use url::Url;

use crate::probe::kind::database_tls::{self, Mode};
use crate::probe::kind::postgres::refused;
use crate::probe::prepare::Prepare;
use crate::probe::redact;
use crate::probe::values::{Dur, Text};
use crate::probe::verify::{Failed, Seen, Verify, service_url, within};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Spec {
    /// `mysql://user:password@host:port/database` (`mariadb://` works too).
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
pub(crate) struct Mysql {
    url: Url,
    options: MySqlConnectOptions,
    max_latency: Option<Duration>,
    /// What the target says when the certificate is not checked (see `database_tls`).
    note: &'static str,
}

impl Mysql {
    pub(crate) fn prepare(spec: Spec, cx: &mut Prepare<'_>) -> Result<Mysql, String> {
        let mut url = service_url(spec.url.as_str(), &["mysql", "mariadb"], cx.secrets)?;
        if url.scheme() == "mariadb" {
            // The wire protocol is the same; sqlx knows it as mysql://.
            let text = url.as_str().replacen("mariadb://", "mysql://", 1);
            url = Url::parse(&text).map_err(|e| e.to_string())?;
        }
        let mut options = MySqlConnectOptions::from_str(url.as_str())
            .map_err(|e| cx.secrets.scrub(format!("url is not a MySQL URL: {e}")))?
            .disable_statement_logging();
        let mode = database_tls::mode(&url, "ssl-mode", spec.ca_file.is_some(), spec.insecure)?;
        if let Some(ca) = &spec.ca_file {
            options = options.ssl_ca(cx.path(ca.as_str()));
        }
        options = match mode {
            Mode::Verify => options.ssl_mode(MySqlSslMode::VerifyIdentity),
            Mode::Unverified => options.ssl_mode(MySqlSslMode::Required),
            Mode::AsWritten => options,
        };
        let ssl = options.get_ssl_mode();
        let note = database_tls::note(
            mode,
            matches!(ssl, MySqlSslMode::VerifyIdentity | MySqlSslMode::VerifyCa),
            matches!(ssl, MySqlSslMode::Disabled),
            database_tls::is_local(&url),
        );
        Ok(Mysql {
            url,
            options,
            max_latency: spec.max_latency.map(|d| d.0),
            note,
        })
    }
}

impl Verify for Mysql {
    fn target(&self) -> String {
        format!("{}{}", redact::url(&self.url), self.note)
    }

    async fn verify(&self) -> Seen {
        let start = Instant::now();
        let mut connection = self
            .options
            .connect()
            .await
            .map_err(|e| refused(e, "ssl-mode"))?;
        let one: i32 = sqlx::query_scalar("SELECT 1")
            .fetch_one(&mut connection)
            .await
            .map_err(|e| Failed::fail(format!("SELECT 1 failed: {e}")))?;
        let latency = start.elapsed();
        let _ = sqlx::Connection::close(connection).await;
        if one != 1 {
            return Err(Failed::fail(format!("SELECT 1 returned {one}")));
        }
        within(
            latency,
            self.max_latency,
            format!("authenticated and SELECT 1 in {} ms", latency.as_millis()),
        )
    }
}
