//! `coverage`: the coverage report a test run left behind meets the share the checklist claims
//! ("unit test coverage > 85%"), overall or under a path prefix. Reads Cobertura XML
//! (coverage.py, gcovr, many CI tools), LCOV (`lcov`, c8, coverage.py `coverage lcov`,
//! `cargo llvm-cov`) and `JaCoCo` XML, told apart by their content. Totals are summed from the
//! per-file records, so a prefix and several shards add up the same way.

use std::time::Duration;

use quick_xml::events::Event;
use serde::Deserialize;

use crate::probe::kind::artifacts::{self, Files, Found, Select};
use crate::probe::prepare::Prepare;
use crate::probe::values::{Dur, Percent, Text};
use crate::probe::verify::{Failed, Seen, Verify};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Spec {
    /// A report or a glob of reports, relative to the probe file.
    pub(crate) path: Text,
    /// The least line coverage.
    pub(crate) min: Percent,
    /// The least branch coverage, where the report has branches.
    #[serde(default)]
    pub(crate) min_branch: Option<Percent>,
    /// Only the files whose path starts with this (`src/payments/`).
    #[serde(default)]
    pub(crate) prefix: Option<Text>,
    /// `all` (default: every shard's report, summed) or `newest`.
    #[serde(default)]
    pub(crate) select: Select,
    /// Reports older than this are from an earlier run, and fail.
    #[serde(default)]
    pub(crate) max_age: Option<Dur>,
}

#[derive(Debug, Clone)]
pub(crate) struct Coverage {
    files: Files,
    min: Percent,
    min_branch: Option<Percent>,
    prefix: Option<String>,
    select: Select,
    max_age: Option<Duration>,
}

/// What one report says of one source file.
#[derive(Debug, Default, Clone)]
struct Record {
    path: String,
    lines: u64,
    lines_hit: u64,
    branches: u64,
    branches_hit: u64,
}

impl Coverage {
    pub(crate) fn prepare(spec: Spec, cx: &mut Prepare<'_>) -> Result<Coverage, String> {
        Ok(Coverage {
            files: Files::prepare(spec.path.as_str(), cx)?,
            min: spec.min,
            min_branch: spec.min_branch,
            prefix: spec.prefix.map(|p| p.0),
            select: spec.select,
            max_age: spec.max_age.map(|d| d.0),
        })
    }

    fn look(&self) -> Seen {
        let found = artifacts::select(&self.files, self.select, self.max_age)?;
        let reports = found
            .iter()
            .map(|file| self.files.read(file, read_records))
            .collect::<Result<Vec<_>, Failed>>()?;
        let mut records: Vec<&Record> = reports.iter().flat_map(|r| r.iter()).collect();
        if let Some(prefix) = &self.prefix {
            records.retain(|r| {
                r.path
                    .trim_start_matches("./")
                    .starts_with(prefix.trim_start_matches("./"))
            });
            if records.is_empty() {
                return Err(Failed::fail(format!(
                    "no file under {prefix:?} is in the report"
                )));
            }
        }
        let sum = |f: fn(&Record) -> u64| records.iter().copied().map(f).sum::<u64>();
        let (lines, hit) = (sum(|r| r.lines), sum(|r| r.lines_hit));
        let (branches, branches_hit) = (sum(|r| r.branches), sum(|r| r.branches_hit));
        if lines == 0 {
            return Err(Failed::fail("the report covers no lines"));
        }
        let share = |hit: u64, all: u64| hit as f64 * 100.0 / all as f64;
        let line_rate = share(hit, lines);
        let reports = if found.len() == 1 {
            found[0].name()
        } else {
            format!("{} reports", found.len())
        };
        let under = self
            .prefix
            .as_ref()
            .map_or_else(String::new, |p| format!(" under {p}"));
        let mut seen = format!("{reports}{under}: line {line_rate:.1}% ({hit}/{lines})");
        if branches > 0 {
            seen.push_str(&format!(
                ", branch {:.1}% ({branches_hit}/{branches})",
                share(branches_hit, branches)
            ));
        }
        if line_rate + 1e-9 < self.min.0 {
            return Err(Failed::fail(format!(
                "{seen}: line coverage below min {}",
                self.min
            )));
        }
        if let Some(min) = self.min_branch {
            if branches == 0 {
                return Err(Failed::fail(format!(
                    "{seen}: the report has no branch data for min_branch {min}"
                )));
            }
            if share(branches_hit, branches) + 1e-9 < min.0 {
                return Err(Failed::fail(format!(
                    "{seen}: branch coverage below min_branch {min}"
                )));
            }
        }
        Ok(seen)
    }
}

/// The per-file records of one report, in whichever of the three formats it is.
fn read_records(file: &Found) -> Result<Vec<Record>, Failed> {
    let bytes = file.read()?;
    let text = String::from_utf8_lossy(&bytes);
    let start = text.trim_start();
    let unreadable =
        |why: String| Failed::fail(format!("{} is not a coverage report: {why}", file.name()));
    if start.starts_with('<') {
        xml_records(&bytes).map_err(unreadable)
    } else if start.starts_with("TN:") || start.starts_with("SF:") {
        Ok(lcov_records(&text))
    } else {
        Err(unreadable(
            "expected Cobertura XML, JaCoCo XML or LCOV".into(),
        ))
    }
}

/// LCOV: `SF:` opens a file, `DA:line,hits` and `BRDA:…,taken` count, `end_of_record` closes.
/// Lines and branches are counted from the records, not the `LF`/`LH` summaries.
fn lcov_records(text: &str) -> Vec<Record> {
    let mut records = Vec::new();
    let mut current: Option<Record> = None;
    for line in text.lines().map(str::trim) {
        if let Some(path) = line.strip_prefix("SF:") {
            records.extend(current.replace(Record {
                path: path.to_owned(),
                ..Record::default()
            }));
        } else if let Some(record) = &mut current {
            if let Some(data) = line.strip_prefix("DA:") {
                let hits = data
                    .split(',')
                    .nth(1)
                    .and_then(|h| h.trim().parse::<u64>().ok());
                record.lines += 1;
                record.lines_hit += u64::from(hits.is_some_and(|h| h > 0));
            } else if let Some(data) = line.strip_prefix("BRDA:") {
                let taken = data.rsplit(',').next().unwrap_or("-");
                record.branches += 1;
                record.branches_hit += u64::from(taken.parse::<u64>().is_ok_and(|t| t > 0));
            } else if line == "end_of_record" {
                records.extend(current.take());
            }
        }
    }
    records.extend(current);
    records
}

/// Cobertura (`<coverage>` … `<class filename=…>` with `<line hits=… condition-coverage=…>`)
/// or `JaCoCo` (`<report>` … `<sourcefile>` with `<counter type="LINE|BRANCH">`).
fn xml_records(bytes: &[u8]) -> Result<Vec<Record>, String> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    reader.config_mut().trim_text(true);
    let mut buffer = Vec::new();
    let mut records = Vec::new();
    let mut root: Option<Vec<u8>> = None;
    let mut current: Option<Record> = None;
    let mut package = String::new();
    let mut depth_in_sourcefile = false;
    loop {
        let event = reader
            .read_event_into(&mut buffer)
            .map_err(|e| format!("{e} at byte {}", reader.buffer_position()))?;
        let (element, empty) = match &event {
            Event::Start(e) => (e.clone(), false),
            Event::Empty(e) => (e.clone(), true),
            Event::End(e) => {
                match e.local_name().as_ref() {
                    b"class" | b"sourcefile" => {
                        records.extend(current.take());
                        depth_in_sourcefile = false;
                    }
                    b"package" => package.clear(),
                    _ => {}
                }
                buffer.clear();
                continue;
            }
            Event::Eof => break,
            _ => {
                buffer.clear();
                continue;
            }
        };
        let attribute = |name: &[u8]| artifacts::xml_attribute(&element, name);
        let number = |name: &[u8]| attribute(name).trim().parse::<u64>().unwrap_or(0);
        let name = element.local_name().as_ref().to_vec();
        if root.is_none() {
            root = Some(name.clone());
        }
        match name.as_slice() {
            // Cobertura: one record per class (a file), its lines counted.
            b"class" => {
                let record = Record {
                    path: attribute(b"filename"),
                    ..Record::default()
                };
                if empty {
                    records.push(record);
                } else {
                    records.extend(current.replace(record));
                }
            }
            b"line" if root.as_deref() == Some(b"coverage") => {
                if let Some(record) = &mut current {
                    record.lines += 1;
                    record.lines_hit += u64::from(number(b"hits") > 0);
                    // `condition-coverage="50% (1/2)"`.
                    let conditions = attribute(b"condition-coverage");
                    if let Some((hit, all)) = conditions
                        .split_once('(')
                        .and_then(|(_, rest)| rest.trim_end_matches(')').split_once('/'))
                    {
                        record.branches += all.trim().parse::<u64>().unwrap_or(0);
                        record.branches_hit += hit.trim().parse::<u64>().unwrap_or(0);
                    }
                }
            }
            // JaCoCo: packages hold source files, whose counters are the record.
            b"package" if root.as_deref() == Some(b"report") => package = attribute(b"name"),
            b"sourcefile" => {
                let file = attribute(b"name");
                let path = if package.is_empty() {
                    file
                } else {
                    format!("{package}/{file}")
                };
                depth_in_sourcefile = !empty;
                records.extend(current.replace(Record {
                    path,
                    ..Record::default()
                }));
            }
            b"counter" if depth_in_sourcefile => {
                if let Some(record) = &mut current {
                    let (missed, covered) = (number(b"missed"), number(b"covered"));
                    match attribute(b"type").as_str() {
                        "LINE" => {
                            record.lines += missed + covered;
                            record.lines_hit += covered;
                        }
                        "BRANCH" => {
                            record.branches += missed + covered;
                            record.branches_hit += covered;
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        buffer.clear();
    }
    match root.as_deref() {
        Some(b"coverage" | b"report") => {
            records.extend(current);
            Ok(records)
        }
        Some(other) => Err(format!(
            "its root element is <{}>, expected <coverage> (Cobertura) or <report> (JaCoCo)",
            String::from_utf8_lossy(other)
        )),
        None => Err("it is empty".into()),
    }
}

impl Verify for Coverage {
    fn target(&self) -> String {
        self.files.pattern().to_owned()
    }

    async fn verify(&self) -> Seen {
        artifacts::off_the_runtime(self, Self::look, "reading the coverage report").await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jacoco_sourcefiles_are_records() {
        let xml = br#"<?xml version="1.0"?><report name="app"><package name="com/shop">
            <sourcefile name="Cart.java"><line nr="3" mi="0" ci="2"/>
              <counter type="LINE" missed="2" covered="8"/><counter type="BRANCH" missed="1" covered="3"/>
            </sourcefile><counter type="LINE" missed="2" covered="8"/></package>
            <counter type="LINE" missed="2" covered="8"/></report>"#;
        let records = xml_records(xml).expect("JaCoCo");
        assert_eq!(records.len(), 1);
        let r = &records[0];
        assert_eq!(
            (
                r.path.as_str(),
                r.lines,
                r.lines_hit,
                r.branches,
                r.branches_hit
            ),
            ("com/shop/Cart.java", 10, 8, 4, 3)
        );
        assert!(xml_records(b"<testsuites/>").is_err_and(|e| e.contains("<testsuites>")));
    }

    #[test]
    fn lcov_counts_lines_and_branches() {
        let lcov = "TN:\nSF:src/a.rs\nDA:1,1\nDA:2,0\nBRDA:2,0,0,1\nBRDA:2,0,1,-\nLF:2\nLH:1\nend_of_record\nSF:src/b.rs\nDA:1,3\nend_of_record\n";
        let records = lcov_records(lcov);
        let totals: Vec<(u64, u64, u64, u64)> = records
            .iter()
            .map(|r| (r.lines, r.lines_hit, r.branches, r.branches_hit))
            .collect();
        assert_eq!(totals, [(2, 1, 2, 1), (1, 1, 0, 0)]);
    }
}
