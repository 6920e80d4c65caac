//! Probe files: YAML with a `probes:` list. The format is a public interface, documented in the
//! README ("Probe files"):
//!
//! ```yaml
//! probes:
//!   - id: api-health                    # unique across all probe files of a run
//!     match: "API responses"            # bind by item text (case-insensitive substring) …
//!     # item: "3.1"                     # … or by item id or section number
//!     timeout: 5s                       # per attempt (default 10s)
//!     retries: 2                        # extra attempts; a late pass is reported as flaky
//!     http: { url: "http://127.0.0.1:8080/health", status: 200, max_latency: 500ms }
//! ```
//!
//! Every key is checked, so a typo is an error at its line; every string may use `${VAR}`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::error::{Error, Location, Result};
use crate::model::Span;
use crate::probe::redact::Secrets;
use crate::probe::values::{Dur, Text};
use crate::probe::{
    Binding, Kind, Probe, backup, command, disk, http, mysql, postgres, prometheus, redis, sqlite,
    tcp, tls,
};

/// Every probe of a run, from one or more files, in the order they were written.
#[derive(Debug, Default)]
pub struct ProbeSet {
    pub probes: Vec<std::sync::Arc<Probe>>,
    /// Every password and token the files hold, to scrub from any output.
    pub secrets: Secrets,
}

impl ProbeSet {
    pub fn is_empty(&self) -> bool {
        self.probes.is_empty()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    probes: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    id: Spanned<String>,
    #[serde(default, rename = "match")]
    text: Option<Text>,
    #[serde(default)]
    item: Option<Text>,
    #[serde(default)]
    timeout: Option<Dur>,
    #[serde(default)]
    retries: Option<u32>,
    #[serde(default)]
    http: Option<http::Spec>,
    #[serde(default)]
    tcp: Option<tcp::Spec>,
    #[serde(default)]
    tls: Option<tls::Spec>,
    #[serde(default)]
    postgres: Option<postgres::Spec>,
    #[serde(default)]
    mysql: Option<mysql::Spec>,
    #[serde(default)]
    redis: Option<redis::Spec>,
    #[serde(default)]
    sqlite: Option<sqlite::Spec>,
    #[serde(default)]
    backup: Option<backup::Spec>,
    #[serde(default)]
    disk: Option<disk::Spec>,
    #[serde(default)]
    prometheus: Option<prometheus::Spec>,
    #[serde(default)]
    command: Option<command::Spec>,
}

/// What a kind needs while it validates its options.
#[derive(Debug)]
pub struct Prepare<'a> {
    /// The probe file's directory: relative paths in a probe file are read against it, so a
    /// probe file means the same thing whichever directory `ready` runs from.
    pub base: &'a Path,
    pub secrets: &'a mut Secrets,
    pub clients: &'a mut http::Clients,
}

impl Prepare<'_> {
    pub fn path(&self, written: &str) -> PathBuf {
        self.base.join(written)
    }
}

/// Loads probe files in order. Ids must be unique across all of them.
pub fn load(paths: &[PathBuf]) -> Result<ProbeSet> {
    let mut set = ProbeSet::default();
    let mut clients = http::Clients::default();
    let mut seen: HashMap<String, Span> = HashMap::new();
    for path in paths {
        load_file(path, &mut set, &mut clients, &mut seen)?;
    }
    Ok(set)
}

fn load_file(
    path: &Path,
    set: &mut ProbeSet,
    clients: &mut http::Clients,
    seen: &mut HashMap<String, Span>,
) -> Result<()> {
    let shown = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NotFound { path: shown });
        }
        Err(e) => return Err(Error::read(path, e)),
    };
    let text = crate::checklist::text::decode(&shown, &bytes)?.text;
    // Error snippets show the masked text: the offending line may hold a password.
    let masked = crate::probe::redact::mask_source(&text);
    let spec: FileSpec = crate::yaml::from_str(&shown, &text, 1, &masked)?;
    let base = path.parent().unwrap_or(Path::new("")).to_owned();
    let located = |line: usize, message: String| {
        let line = u32::try_from(line).unwrap_or(1).max(1);
        Error::invalid(Location::new(&shown, line).with_source(&masked), message)
    };
    for entry in spec.probes {
        let line = entry.id.referenced.line() as usize;
        let id = entry.id.value.trim().to_owned();
        if id.is_empty() {
            return Err(located(line, "a probe id must not be empty".into()));
        }
        let span = Span::new(&shown, u32::try_from(line).unwrap_or(1));
        if let Some(first) = seen.get(&id) {
            return Err(located(
                line,
                format!("probe id \"{id}\" is already used at {first}; ids must be unique"),
            ));
        }
        seen.insert(id.clone(), span.clone());
        let binding = match (entry.text, entry.item) {
            (Some(_), Some(_)) => {
                return Err(located(
                    line,
                    format!("probe {id} has both match: and item:; bind it one way"),
                ));
            }
            (Some(text), None) if text.as_str().trim().is_empty() => {
                return Err(located(
                    line,
                    format!("probe {id}: match: must not be empty"),
                ));
            }
            (Some(text), None) => Binding::Text(text.0.trim().to_owned()),
            (None, Some(item)) => Binding::Item(item.0.trim().to_owned()),
            (None, None) => Binding::Inline,
        };
        let mut prepare = Prepare {
            base: &base,
            secrets: &mut set.secrets,
            clients,
        };
        let kinds: Vec<std::result::Result<Kind, String>> = [
            entry
                .http
                .map(|s| http::Http::prepare(s, &mut prepare).map(Kind::Http)),
            entry.tcp.map(|s| tcp::Tcp::prepare(s).map(Kind::Tcp)),
            entry
                .tls
                .map(|s| tls::Tls::prepare(s, &mut prepare).map(Kind::Tls)),
            entry
                .postgres
                .map(|s| postgres::Postgres::prepare(s, &mut prepare).map(Kind::Postgres)),
            entry
                .mysql
                .map(|s| mysql::Mysql::prepare(s, &mut prepare).map(Kind::Mysql)),
            entry
                .redis
                .map(|s| redis::Redis::prepare(s, &mut prepare).map(Kind::Redis)),
            entry
                .sqlite
                .map(|s| sqlite::Sqlite::prepare(s, &prepare).map(Kind::Sqlite)),
            entry
                .backup
                .map(|s| backup::Backup::prepare(s, &prepare).map(Kind::Backup)),
            entry
                .disk
                .map(|s| disk::Disk::prepare(s, &prepare).map(Kind::Disk)),
            entry
                .prometheus
                .map(|s| prometheus::Prometheus::prepare(s, &mut prepare).map(Kind::Prometheus)),
            entry
                .command
                .map(|s| command::Command::prepare(s, &prepare).map(Kind::Command)),
        ]
        .into_iter()
        .flatten()
        .collect();
        let kind = match <[_; 1]>::try_from(kinds) {
            Ok([Ok(kind)]) => kind,
            Ok([Err(message)]) => return Err(located(line, format!("probe {id}: {message}"))),
            Err(kinds) if kinds.is_empty() => {
                return Err(located(
                    line,
                    format!(
                        "probe {id} has no kind: expected exactly one of {}",
                        Kind::NAMES.join(", ")
                    ),
                ));
            }
            Err(kinds) => {
                let names: Vec<&str> = kinds
                    .iter()
                    .filter_map(|k| k.as_ref().ok().map(Kind::name))
                    .collect();
                let listed = if names.len() == kinds.len() {
                    format!(" ({})", names.join(", "))
                } else {
                    String::new()
                };
                return Err(located(
                    line,
                    format!(
                        "probe {id} has {} kinds{listed}: a probe checks one thing; split it into one probe per kind",
                        kinds.len()
                    ),
                ));
            }
        };
        set.probes.push(std::sync::Arc::new(Probe {
            id,
            binding,
            kind,
            timeout: entry.timeout.map(|d| d.0),
            retries: entry.retries.unwrap_or(0),
            span,
        }));
    }
    Ok(())
}
