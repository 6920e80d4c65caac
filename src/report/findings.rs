//! `ready lint`'s own outputs: the terminal listing, compiler style, and the JSON list. SARIF,
//! which `ready check` writes too, is in `sarif`.

use std::io;

use serde::Serialize;

use crate::gate::lint::{Finding, RULES};
use crate::model::Severity;

/// `file:line:col: error[RL005 tally-mismatch]: message`, a fix line where there is one, and a
/// count at the end.
pub(crate) fn table(findings: &[Finding], files: usize, out: &mut dyn io::Write) -> io::Result<()> {
    for f in findings {
        let column = f.column.map(|c| format!(":{c}")).unwrap_or_default();
        writeln!(
            out,
            "{}:{}{column}: {}[{} {}]: {}",
            f.span.file,
            f.span.line,
            f.severity.label(),
            f.rule.id,
            f.rule.alias,
            f.message
        )?;
        if let Some(fix) = &f.fix {
            writeln!(out, "    fix: {fix}")?;
        }
    }
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    writeln!(
        out,
        "{}, {}, {} in {}",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(count(Severity::Note), "note"),
        plural(files, "file")
    )
}

/// One finding in `ready lint --format json`: the keys are a public interface (see docs/LINT.md).
#[derive(Serialize)]
struct JsonFinding<'a> {
    file: &'a str,
    line: u32,
    column: Option<u32>,
    rule: &'static str,
    alias: &'static str,
    severity: Severity,
    message: &'a str,
    fix: Option<&'a str>,
}

/// A JSON list of findings, in the order the listing shows them.
pub(crate) fn json(findings: &[Finding], out: &mut dyn io::Write) -> io::Result<()> {
    let list: Vec<JsonFinding<'_>> = findings
        .iter()
        .map(|f| JsonFinding {
            file: &f.span.file,
            line: f.span.line,
            column: f.column,
            rule: f.rule.id,
            alias: f.rule.alias,
            severity: f.severity,
            message: &f.message,
            fix: f.fix.as_deref(),
        })
        .collect();
    crate::report::write_json(&list, out)
}

/// `ready lint --rules`: every rule with its alias, default severity and what it catches.
pub(crate) fn rules(out: &mut dyn io::Write) -> io::Result<()> {
    for rule in RULES {
        let info = rule.info();
        writeln!(
            out,
            "{}  {:<28} {:<8} {}",
            info.id,
            info.alias,
            info.severity.label(),
            info.summary
        )?;
    }
    Ok(())
}
