//! GitHub Actions workflow commands: one `::error` per blocker and one `::warning` per warning,
//! pointing at the checklist line, so the pull request's diff view shows each reason where the
//! item is written. Written to standard error when `GITHUB_ACTIONS=true` (the runner reads
//! workflow commands from both streams), leaving standard output to the chosen format. Paths
//! are given relative to the repository (`GITHUB_WORKSPACE`), as GitHub matches them, even when
//! `ready` runs in a subdirectory.

use std::io;

use crate::gate::Assessment;
use crate::model::Span;
use crate::report::{Links, Report};

#[derive(Debug, Clone)]
pub(crate) struct Annotations {
    pub(crate) links: Links,
}

/// Escapes a command's message the way the Actions toolkit does.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`), where `:` and `,` are separators too.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(
    out: &mut dyn io::Write,
    links: &Links,
    level: &str,
    span: Option<&Span>,
    title: &str,
    message: &str,
) -> io::Result<()> {
    let mut properties = Vec::new();
    if let Some(span) = span {
        properties.push(format!(
            "file={}",
            property(&links.repository_path(&span.file))
        ));
        properties.push(format!("line={}", span.line));
    }
    properties.push(format!("title={}", property(title)));
    writeln!(out, "::{level} {}::{}", properties.join(","), data(message))
}

impl Report for Annotations {
    fn write(&self, a: &Assessment, out: &mut dyn io::Write) -> io::Result<()> {
        for b in &a.blockers {
            command(
                out,
                &self.links,
                "error",
                b.item.as_ref().map(|t| &t.span),
                &format!("ready {}: {}", a.verdict.label(), b.rule.label()),
                &b.message,
            )?;
        }
        for w in &a.warnings {
            command(
                out,
                &self.links,
                "warning",
                w.span.as_ref(),
                "ready",
                &w.message,
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_like_the_actions_toolkit() {
        assert_eq!(super::data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(super::property("a:b,c"), "a%3Ab%2Cc");
    }
}
