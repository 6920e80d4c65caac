//! Live probes: machine checks that confirm or contradict what a checklist's boxes claim.
//!
//! A probe file ([`file`]) defines probes; each has one *kind* (one module per kind, all behind
//! the [`Verify`] trait), a binding to checklist items ([`bind`]), a timeout and a retry count.
//! The [`engine`] runs them concurrently and returns one [`Evidence`] per probe, in the order the
//! probes were defined, so the same inputs always give the same report.

pub mod backup;
pub mod bind;
pub mod command;
pub mod disk;
pub mod engine;
pub mod file;
pub mod http;
pub mod mysql;
pub mod postgres;
pub mod prometheus;
pub mod redact;
pub mod redis;
pub mod sqlite;
pub mod tcp;
pub mod tls;
pub mod values;

use std::future::Future;
use std::time::Duration;

use crate::model::Span;
pub use crate::model::{Evidence, Outcome};

/// How long one attempt of a probe may take unless the probe or the command line says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// One probe, loaded, validated and ready to run.
#[derive(Debug)]
pub struct Probe {
    pub id: String,
    pub binding: Binding,
    pub kind: Kind,
    /// Per-attempt timeout; `None` takes the run's default.
    pub timeout: Option<Duration>,
    /// Extra attempts after a failure. A pass after a retry is reported as flaky.
    pub retries: u32,
    /// Where the probe is defined (the line of its `id`).
    pub span: Span,
}

/// Which checklist items a probe speaks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    /// Items whose text contains this, case-insensitively (`match:`).
    Text(String),
    /// The item with this id, or every item of the section with this number or id (`item:`).
    Item(String),
    /// Only the items that name the probe themselves (`<!-- probe: id -->`).
    Inline,
}

/// What a probe saw when its check held.
pub type Seen = Result<String, Failed>;

/// What a probe saw when its check did not hold, or could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed {
    /// [`Outcome::Fail`] or [`Outcome::Error`].
    pub outcome: Outcome,
    pub message: String,
}

impl Failed {
    /// The check ran and what it saw does not hold.
    pub fn fail(message: impl Into<String>) -> Failed {
        Failed {
            outcome: Outcome::Fail,
            message: message.into(),
        }
    }

    /// The check could not be made at all.
    pub fn error(message: impl Into<String>) -> Failed {
        Failed {
            outcome: Outcome::Error,
            message: message.into(),
        }
    }
}

/// One probe kind. Implementations only observe: they never write to what they check.
pub trait Verify {
    /// What the probe looks at, safe to print (passwords masked).
    fn target(&self) -> String;
    /// One attempt. Timeouts and retries are the engine's job.
    fn verify(&self) -> impl Future<Output = Seen> + Send;
}

/// Every probe kind. The key names in probe files are the lowercase variant names.
#[derive(Debug)]
pub enum Kind {
    Http(http::Http),
    Tcp(tcp::Tcp),
    Tls(tls::Tls),
    Postgres(postgres::Postgres),
    Mysql(mysql::Mysql),
    Redis(redis::Redis),
    Sqlite(sqlite::Sqlite),
    Backup(backup::Backup),
    Disk(disk::Disk),
    Prometheus(prometheus::Prometheus),
    Command(command::Command),
}

impl Kind {
    pub const NAMES: [&'static str; 11] = [
        "http",
        "tcp",
        "tls",
        "postgres",
        "mysql",
        "redis",
        "sqlite",
        "backup",
        "disk",
        "prometheus",
        "command",
    ];

    pub fn name(&self) -> &'static str {
        match self {
            Kind::Http(_) => "http",
            Kind::Tcp(_) => "tcp",
            Kind::Tls(_) => "tls",
            Kind::Postgres(_) => "postgres",
            Kind::Mysql(_) => "mysql",
            Kind::Redis(_) => "redis",
            Kind::Sqlite(_) => "sqlite",
            Kind::Backup(_) => "backup",
            Kind::Disk(_) => "disk",
            Kind::Prometheus(_) => "prometheus",
            Kind::Command(_) => "command",
        }
    }

    /// Command probes run programs, which a checklist arriving in a pull request must not be
    /// able to do in CI; they run only when the user allows it.
    pub fn runs_code(&self) -> bool {
        matches!(self, Kind::Command(_))
    }

    /// A timeout the kind's own options set (`command: { timeout: … }`).
    pub fn own_timeout(&self) -> Option<Duration> {
        match self {
            Kind::Command(c) => c.timeout,
            _ => None,
        }
    }

    pub fn target(&self) -> String {
        match self {
            Kind::Http(k) => k.target(),
            Kind::Tcp(k) => k.target(),
            Kind::Tls(k) => k.target(),
            Kind::Postgres(k) => k.target(),
            Kind::Mysql(k) => k.target(),
            Kind::Redis(k) => k.target(),
            Kind::Sqlite(k) => k.target(),
            Kind::Backup(k) => k.target(),
            Kind::Disk(k) => k.target(),
            Kind::Prometheus(k) => k.target(),
            Kind::Command(k) => k.target(),
        }
    }

    pub async fn verify(&self) -> Seen {
        match self {
            Kind::Http(k) => k.verify().await,
            Kind::Tcp(k) => k.verify().await,
            Kind::Tls(k) => k.verify().await,
            Kind::Postgres(k) => k.verify().await,
            Kind::Mysql(k) => k.verify().await,
            Kind::Redis(k) => k.verify().await,
            Kind::Sqlite(k) => k.verify().await,
            Kind::Backup(k) => k.verify().await,
            Kind::Disk(k) => k.verify().await,
            Kind::Prometheus(k) => k.verify().await,
            Kind::Command(k) => k.verify().await,
        }
    }
}

/// The innermost cause of an error chain, which is usually the one a person needs
/// ("Connection refused (os error 111)") rather than the wrapper ("error sending request").
pub(crate) fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut current = error;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

/// Parses a service URL with one of `schemes`, remembering its password as a secret.
pub(crate) fn service_url(
    text: &str,
    schemes: &[&str],
    secrets: &mut redact::Secrets,
) -> Result<url::Url, String> {
    let url = url::Url::parse(text).map_err(|e| {
        format!(
            "url {:?} is not a valid URL ({e})",
            redact::scrub_url_text(text)
        )
    })?;
    secrets.add_url(&url);
    if !schemes.contains(&url.scheme()) {
        return Err(format!(
            "url {} should start with {}",
            redact::url(&url),
            schemes
                .iter()
                .map(|s| format!("{s}://"))
                .collect::<Vec<_>>()
                .join(" or ")
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("url {} names no host", redact::url(&url)));
    }
    Ok(url)
}

/// Checks a measured latency against an optional limit.
pub(crate) fn within(latency: Duration, max: Option<Duration>, seen: String) -> Seen {
    match max {
        Some(max) if latency > max => Err(Failed::fail(format!(
            "{seen}, slower than max_latency {}",
            values::show_duration(max)
        ))),
        _ => Ok(seen),
    }
}

/// Loads probe files, binds them to the checklists' items, runs them, and attaches the
/// evidence to the items. Returns every result in plan order. With no probe files, nothing
/// runs, but an item that names a probe is still an error: its claim cannot be checked.
pub fn verify_checklists(
    checklists: &mut [crate::model::Checklist],
    files: &[std::path::PathBuf],
    options: &engine::RunOptions,
    progress: &mut dyn FnMut(Progress<'_>),
) -> crate::Result<Vec<Evidence>> {
    let set = file::load(files)?;
    let bindings = bind::bind(&set.probes, checklists)?;
    if set.is_empty() {
        return Ok(Vec::new());
    }
    progress(Progress::Start(set.probes.len()));
    let results = engine::run(&set.probes, &set.secrets, options, |e| {
        progress(Progress::Done(e));
    })?;
    progress(Progress::Finish);
    bind::apply(checklists, &bindings, &results);
    Ok(results)
}

/// Runs probe files on their own, without a checklist (`ready probe`).
pub fn run_files(
    files: &[std::path::PathBuf],
    options: &engine::RunOptions,
    progress: &mut dyn FnMut(Progress<'_>),
) -> crate::Result<Vec<Evidence>> {
    let set = file::load(files)?;
    progress(Progress::Start(set.probes.len()));
    let results = engine::run(&set.probes, &set.secrets, options, |e| {
        progress(Progress::Done(e));
    })?;
    progress(Progress::Finish);
    Ok(results)
}

/// What a progress display hears about a run.
#[derive(Debug, Clone, Copy)]
pub enum Progress<'a> {
    /// This many probes are about to run.
    Start(usize),
    Done(&'a Evidence),
    Finish,
}
