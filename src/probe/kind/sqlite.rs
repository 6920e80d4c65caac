//! `sqlite`: a SQLite database file opens read-only and passes `PRAGMA quick_check` (or
//! answers `SELECT 1`). Read-only, so a probe can never change or create the file it checks.

use std::path::PathBuf;
use std::time::Instant;

use serde::Deserialize;
use sqlx::ConnectOptions;
use sqlx::sqlite::SqliteConnectOptions;

use crate::probe::prepare::Prepare;
use crate::probe::values::Text;
use crate::probe::verify::{Failed, Seen, Verify};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum SqliteCheck {
    /// `PRAGMA quick_check`: the file's structure is sound. The default.
    #[default]
    QuickCheck,
    /// `SELECT 1`: the file opens as a database.
    #[serde(rename = "select_1")]
    Select1,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Spec {
    /// The database file, relative to the probe file.
    pub(crate) path: Text,
    #[serde(default)]
    pub(crate) check: SqliteCheck,
}

#[derive(Debug)]
pub(crate) struct Sqlite {
    path: PathBuf,
    check: SqliteCheck,
}

impl Sqlite {
    #[expect(
        clippy::unnecessary_wraps,
        reason = "every kind's prepare has the one signature the kind list calls"
    )]
    pub(crate) fn prepare(spec: Spec, cx: &mut Prepare<'_>) -> Result<Sqlite, String> {
        Ok(Sqlite {
            path: cx.path(spec.path.as_str()),
            check: spec.check,
        })
    }
}

impl Verify for Sqlite {
    fn target(&self) -> String {
        self.path.display().to_string()
    }

    async fn verify(&self) -> Seen {
        if !self.path.is_file() {
            return Err(Failed::fail(format!(
                "{} does not exist",
                self.path.display()
            )));
        }
        let start = Instant::now();
        let mut connection = SqliteConnectOptions::new()
            .filename(&self.path)
            .read_only(true)
            .create_if_missing(false)
            .disable_statement_logging()
            .connect()
            .await
            .map_err(|e| Failed::fail(format!("cannot open: {e}")))?;
        let seen = match self.check {
            SqliteCheck::QuickCheck => {
                let rows: Vec<String> = sqlx::query_scalar("PRAGMA quick_check")
                    .fetch_all(&mut connection)
                    .await
                    .map_err(|e| Failed::fail(format!("PRAGMA quick_check failed: {e}")))?;
                if rows != ["ok"] {
                    return Err(Failed::fail(format!(
                        "PRAGMA quick_check found problems: {}",
                        rows.join("; ")
                    )));
                }
                "quick_check ok"
            }
            SqliteCheck::Select1 => {
                sqlx::query_scalar::<_, i32>("SELECT 1")
                    .fetch_one(&mut connection)
                    .await
                    .map_err(|e| Failed::fail(format!("SELECT 1 failed: {e}")))?;
                "SELECT 1 ok"
            }
        };
        let _ = sqlx::Connection::close(connection).await;
        Ok(format!(
            "{seen} in {} ms (opened read-only)",
            start.elapsed().as_millis()
        ))
    }
}
