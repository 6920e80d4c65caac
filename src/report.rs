//! Reporters: one module per output format behind one trait, picked by [`for_format`].
//!
//! Reporters only read an [`Assessment`]; they never score, decide or touch the file system,
//! so every format tells the same story.

mod annotations;
pub(crate) mod diff;
pub(crate) mod each;
pub(crate) mod findings;
pub(crate) mod fleet;
mod fmt;
pub(crate) mod history;
pub(crate) mod html;
pub(crate) mod intoto;
mod json;
mod junit;
pub(crate) mod markdown;
mod openmetrics;
pub(crate) mod pretty;
pub(crate) mod probes;
pub(crate) mod recording;
pub(crate) mod sarif;
pub(crate) mod signoffs;
mod table;

pub(crate) use annotations::Annotations;
pub(crate) use json::Document;

use std::io;
use std::path::{Component, Path, PathBuf};

use crate::gate::Assessment;
use crate::model::Span;

/// Writes `value` as indented JSON and a newline. `serde_json` writes token by token; through
/// `dyn Write` each token would be a call that cannot be inlined, so it writes into a buffer
/// of its own, which hands the writer large pieces.
pub(crate) fn write_json<T: serde::Serialize + ?Sized>(
    value: &T,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let mut buffered = io::BufWriter::with_capacity(64 * 1024, out);
    // `serde_json` hands back the writer's own error (a closed pipe stays a closed pipe).
    pretty::to_writer(&mut buffered, value).map_err(io::Error::from)?;
    io::Write::write_all(&mut buffered, b"\n")?;
    io::Write::flush(&mut buffered)
}

/// Renders an assessment to a writer.
pub(crate) trait Report {
    fn write(&self, assessment: &Assessment, out: &mut dyn io::Write) -> io::Result<()>;
}

/// Output formats for `ready check`. The names are a public interface (`--format`,
/// `--report FORMAT=PATH`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For the engineer at a terminal.
    Table,
    /// The stable machine contract.
    Json,
    /// For CI test-report viewers.
    Junit,
    /// For pull-request comments and job summaries.
    Markdown,
    /// One self-contained page for the release manager.
    Html,
    /// For a Prometheus textfile collector or Pushgateway.
    OpenMetrics,
    /// SARIF 2.1.0 for GitHub code scanning.
    Sarif,
    /// An unsigned in-toto Statement (test-result predicate) for a release process to sign.
    Intoto,
}

/// How human-facing formats may decorate their output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Style {
    pub(crate) color: bool,
    /// How wide a table may grow where no terminal says (a CI log, a pager); `None` lets it be
    /// as wide as its cells, for files other tools read.
    pub(crate) width: Option<u16>,
}

/// How reports link to the checklist line a blocker points at.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Links {
    /// A URL prefix for repository paths (`https://github.com/o/r/blob/SHA/`); without one,
    /// links are the span's own relative path.
    pub(crate) base: Option<String>,
    /// Where relative span paths start from.
    pub(crate) cwd: PathBuf,
    /// The repository root that `base` paths are relative to.
    pub(crate) root: Option<PathBuf>,
}

impl Links {
    /// `file#Lline`, as GitHub's file view anchors a line.
    pub(crate) fn href(&self, span: &Span) -> String {
        let path = match (&self.base, self.in_repository(&span.file)) {
            (Some(base), Some(relative)) => format!("{base}{relative}"),
            _ => span.file.to_string(),
        };
        format!("{path}#L{}", span.line)
    }

    /// The path as the repository knows it (what annotations and links need), or as the user
    /// named it when there is no repository root or the file lies outside it.
    pub(crate) fn repository_path(&self, file: &str) -> String {
        self.in_repository(file).unwrap_or_else(|| file.to_owned())
    }

    fn in_repository(&self, file: &str) -> Option<String> {
        let root = normalize(self.root.as_ref()?);
        let full = normalize(&self.cwd.join(file));
        full.strip_prefix(root).ok().map(slashes)
    }
}

/// Removes `.` and folds `..` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn slashes(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Everything a reporter may be told about where it runs.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Options {
    pub(crate) style: Style,
    pub(crate) links: Links,
    /// Earlier runs and this one (`--history`), for the HTML report's trend.
    pub(crate) history: Vec<crate::model::HistoryEntry>,
}

pub(crate) fn for_format(format: Format, options: &Options) -> Box<dyn Report> {
    match format {
        Format::Table => Box::new(table::TableReport {
            style: options.style,
        }),
        Format::Json => Box::new(json::JsonReport),
        Format::Junit => Box::new(junit::JunitReport),
        Format::Markdown => Box::new(markdown::MarkdownReport {
            links: options.links.clone(),
        }),
        Format::Html => Box::new(html::HtmlReport {
            history: options.history.clone(),
        }),
        Format::OpenMetrics => Box::new(openmetrics::OpenMetricsReport),
        Format::Sarif => Box::new(sarif::SarifReport {
            links: options.links.clone(),
        }),
        Format::Intoto => Box::new(intoto::IntotoReport),
    }
}

/// Rounds to two decimals, so reports do not print float noise such as 94.87179487179488.
pub(crate) fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_point_into_the_commit_when_the_runner_says_which() {
        let links = Links {
            base: Some("https://github.com/o/r/blob/abc/".into()),
            cwd: PathBuf::from("/w/repo/services"),
            root: Some(PathBuf::from("/w/repo")),
        };
        assert_eq!(
            links.href(&Span::new("../docs/launch.md", 12)),
            "https://github.com/o/r/blob/abc/docs/launch.md#L12"
        );
        assert_eq!(links.repository_path("../docs/launch.md"), "docs/launch.md");
        assert_eq!(links.repository_path("/elsewhere/x.md"), "/elsewhere/x.md");
        let plain = Links::default();
        assert_eq!(plain.href(&Span::new("launch.md", 3)), "launch.md#L3");
    }
}
