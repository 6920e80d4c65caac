//! `junit`: the JUnit XML a test run left behind says the tests passed — "integration tests
//! passing (100%)" or "38 tests green" checked against the report, not the author's memory.
//! Every `<testcase>` is counted from the cases themselves (a `<failure>`, `<error>` or
//! `<skipped>` inside it says how it ended), since the totals some producers write on
//! `<testsuite>` are not always there or right.

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
    /// A report or a glob of reports (one per suite or shard), relative to the probe file.
    pub(crate) path: Text,
    /// `all` (default: the reports of every shard together) or `newest`.
    #[serde(default)]
    pub(crate) select: Select,
    /// Reports older than this are from an earlier run, and fail.
    #[serde(default)]
    pub(crate) max_age: Option<Dur>,
    /// The most failed plus errored tests allowed (default 0).
    #[serde(default)]
    pub(crate) failures: Option<u64>,
    /// The fewest tests that must have run (default 1: a report of nothing proves nothing).
    #[serde(default)]
    pub(crate) min_tests: Option<u64>,
    /// The least share of the tests that ran (not skipped) that must pass.
    #[serde(default)]
    pub(crate) min_pass_rate: Option<Percent>,
    /// A test suite that must be in the reports, every case of it passing.
    #[serde(default)]
    pub(crate) suite: Option<Text>,
    /// A test that must be in the reports and pass: its name, or `classname.name`.
    #[serde(default)]
    pub(crate) test: Option<Text>,
}

#[derive(Debug, Clone)]
pub(crate) struct Junit {
    files: Files,
    select: Select,
    max_age: Option<Duration>,
    failures: u64,
    min_tests: u64,
    min_pass_rate: Option<Percent>,
    suite: Option<String>,
    test: Option<String>,
}

/// How one test case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    Passed,
    Failed,
    Errored,
    Skipped,
}

/// One test case: the suite it is in, its class and name, how it ended, and the first line of
/// its failure message.
#[derive(Debug)]
struct Case {
    suite: String,
    classname: String,
    name: String,
    ending: Ending,
    message: String,
}

impl Junit {
    pub(crate) fn prepare(spec: Spec, cx: &mut Prepare<'_>) -> Result<Junit, String> {
        Ok(Junit {
            files: Files::prepare(spec.path.as_str(), cx)?,
            select: spec.select,
            max_age: spec.max_age.map(|d| d.0),
            failures: spec.failures.unwrap_or(0),
            min_tests: spec.min_tests.unwrap_or(1),
            min_pass_rate: spec.min_pass_rate,
            suite: spec.suite.map(|s| s.0),
            test: spec.test.map(|t| t.0),
        })
    }

    fn look(&self) -> Seen {
        let found = artifacts::select(&self.files, self.select, self.max_age)?;
        let reports = found
            .iter()
            .map(|file| self.files.read(file, read_cases))
            .collect::<Result<Vec<_>, Failed>>()?;
        let cases: Vec<&Case> = reports.iter().flat_map(|cases| cases.iter()).collect();
        let count = |r: Ending| cases.iter().filter(|c| c.ending == r).count() as u64;
        let (passed, failed, errored, skipped) = (
            count(Ending::Passed),
            count(Ending::Failed),
            count(Ending::Errored),
            count(Ending::Skipped),
        );
        let total = cases.len() as u64;
        let ran = total - skipped;
        let files = if found.len() == 1 {
            found[0].name()
        } else {
            format!("{} reports", found.len())
        };
        let seen = format!(
            "{files}: {total} tests, {passed} passed, {failed} failed, {errored} errors, {skipped} skipped"
        );
        if failed + errored > self.failures {
            let worst: Vec<String> = cases
                .iter()
                .filter(|c| matches!(c.ending, Ending::Failed | Ending::Errored))
                .take(3)
                .map(|c| c.described())
                .collect();
            return Err(Failed::fail(format!(
                "{seen}: more than failures {} allows ({})",
                self.failures,
                worst.join("; ")
            )));
        }
        if ran < self.min_tests {
            return Err(Failed::fail(format!(
                "{seen}: fewer than min_tests {} ran",
                self.min_tests
            )));
        }
        if let Some(min) = self.min_pass_rate {
            let rate = if ran == 0 {
                0.0
            } else {
                passed as f64 * 100.0 / ran as f64
            };
            if rate + 1e-9 < min.0 {
                return Err(Failed::fail(format!(
                    "{seen}: {rate:.1}% passed, below min_pass_rate {min}"
                )));
            }
        }
        if let Some(suite) = &self.suite {
            let in_suite: Vec<&Case> = cases
                .iter()
                .copied()
                .filter(|c| &c.suite == suite)
                .collect();
            if in_suite.is_empty() {
                return Err(Failed::fail(format!("{seen}: no suite named {suite:?}")));
            }
            if let Some(bad) = in_suite
                .iter()
                .find(|c| matches!(c.ending, Ending::Failed | Ending::Errored))
            {
                return Err(Failed::fail(format!(
                    "{seen}: suite {suite:?} has a failing test ({})",
                    bad.described()
                )));
            }
        }
        if let Some(test) = &self.test {
            let named: Vec<&Case> = cases.iter().copied().filter(|c| c.is_named(test)).collect();
            match named.iter().find(|c| c.ending != Ending::Passed) {
                _ if named.is_empty() => {
                    return Err(Failed::fail(format!("{seen}: no test named {test:?}")));
                }
                Some(bad) => {
                    return Err(Failed::fail(format!(
                        "{seen}: test {test:?} did not pass ({})",
                        bad.described()
                    )));
                }
                None => {}
            }
        }
        Ok(seen)
    }
}

impl Case {
    fn described(&self) -> String {
        let how = match self.ending {
            Ending::Errored => "errored",
            Ending::Skipped => "skipped",
            Ending::Passed => "passed",
            Ending::Failed => "failed",
        };
        let name = if self.classname.is_empty() {
            self.name.clone()
        } else {
            format!("{}.{}", self.classname, self.name)
        };
        if self.message.is_empty() {
            format!("{name} {how}")
        } else {
            format!("{name} {how}: {}", self.message)
        }
    }

    /// `name`, `classname.name` or `classname::name` (pytest and Rust spell the path those ways).
    fn is_named(&self, wanted: &str) -> bool {
        self.name == wanted
            || format!("{}.{}", self.classname, self.name) == wanted
            || format!("{}::{}", self.classname, self.name) == wanted
    }
}

/// The cases of one report. Not XML, or XML with no `<testsuite>` or `<testsuites>` root, is
/// no JUnit report.
fn read_cases(file: &Found) -> Result<Vec<Case>, Failed> {
    let mut cases = Vec::new();
    let bytes = file.read()?;
    let not_junit =
        |why: String| Failed::fail(format!("{} is not a JUnit report: {why}", file.name()));
    let mut reader = quick_xml::Reader::from_reader(bytes.as_slice());
    reader.config_mut().trim_text(true);
    let mut buffer = Vec::new();
    let mut suites: Vec<String> = Vec::new();
    let mut case: Option<Case> = None;
    let mut rooted = false;
    loop {
        let event = reader
            .read_event_into(&mut buffer)
            .map_err(|e| not_junit(format!("{e} at byte {}", reader.buffer_position())))?;
        let (element, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            Event::End(e) => {
                match e.local_name().as_ref() {
                    b"testsuite" => {
                        suites.pop();
                    }
                    b"testcase" => cases.extend(case.take()),
                    _ => {}
                }
                buffer.clear();
                continue;
            }
            Event::Eof => break,
            _ => (None, false),
        };
        if let Some(element) = element {
            let attribute = |name: &[u8]| artifacts::xml_attribute(&element, name);
            match element.local_name().as_ref() {
                b"testsuites" => rooted = true,
                b"testsuite" => {
                    rooted = true;
                    if !empty {
                        suites.push(attribute(b"name"));
                    }
                }
                b"testcase" => {
                    let new = Case {
                        suite: suites.last().cloned().unwrap_or_default(),
                        classname: attribute(b"classname"),
                        name: attribute(b"name"),
                        ending: Ending::Passed,
                        message: String::new(),
                    };
                    if empty {
                        cases.push(new);
                    } else {
                        cases.extend(case.replace(new));
                    }
                }
                tag @ (b"failure" | b"error" | b"skipped") => {
                    if let Some(case) = &mut case {
                        let ending = match tag {
                            b"failure" => Ending::Failed,
                            b"error" => Ending::Errored,
                            _ => Ending::Skipped,
                        };
                        // A failure outranks a skip written beside it.
                        if case.ending == Ending::Passed || ending != Ending::Skipped {
                            case.ending = ending;
                            let message = attribute(b"message");
                            case.message = message
                                .lines()
                                .next()
                                .unwrap_or_default()
                                .chars()
                                .take(200)
                                .collect();
                        }
                    }
                }
                _ => {}
            }
        }
        buffer.clear();
    }
    if !rooted {
        return Err(not_junit("no <testsuite> or <testsuites> element".into()));
    }
    cases.extend(case.take());
    Ok(cases)
}

impl Verify for Junit {
    fn target(&self) -> String {
        self.files.pattern().to_owned()
    }

    async fn verify(&self) -> Seen {
        artifacts::off_the_runtime(self, Self::look, "reading the test reports").await
    }
}
