//! JUnit XML for CI test-report viewers (GitLab's test tab, Jenkins, GitHub test-report
//! actions): one suite per category, one case per counted item, and a `policy` suite for the
//! rules that are not about one item (the score, sign-offs, the waiver cap).
//!
//! A blocking item is a `<failure>` whose type is the rule and whose message is the blocker's
//! reason; an open item that does not block, or one a waiver sets aside, is `<skipped>` with
//! the reason; a done item passes. Each case carries `file` and `line` pointing at the
//! checklist, and probe evidence in `<system-out>`.
//!
//! The report is written as it is walked, in quick-junit's layout (4-space indents, its
//! attribute order, its cleaning of each string), not built whole first: quick-junit's tree of
//! a 10 MB checklist's cases was two thirds of the memory of `--format junit`. Each suite's
//! counts, which its opening tag carries, come from a first pass that decides every case
//! without writing it. A unit test holds the bytes to quick-junit's on every kind of case.

use crate::hash::{HashMap, HashSet};
use std::borrow::Cow;
use std::collections::hash_map;
use std::io;
use std::time::Duration;

use quick_junit::XmlString;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::gate::{Assessment, Places};
use crate::gate::{Blocker, Rule};
use crate::gate::{WaiverState, WaiverUse};
use crate::model::format_count;
use crate::model::{Checklist, Item, ItemId, Status};
use crate::report::Report;
use crate::report::fmt;

#[derive(Debug, Clone, Copy)]
pub(crate) struct JunitReport;

impl Report for JunitReport {
    fn write(&self, a: &Assessment, out: &mut dyn io::Write) -> io::Result<()> {
        let about = About::new(a);
        let items: Vec<Vec<&Item>> = a.checklists.iter().map(|c| c.items().collect()).collect();
        let suites = suites(a, &items);
        // Each suite's counts, and which items that blockers name are written as cases of the
        // categories' suites, by checklist and id: only those are looked for, since a set of
        // every case was most of the memory JUnit added to a long checklist's run.
        let mut named: ByItem<'_, ()> = ByItem::default();
        for target in a.blockers.iter().filter_map(|b| b.item.as_ref()) {
            named.entry(&target.span.file, &target.id).or_default();
        }
        let mut cases: HashSet<(&str, &str)> = HashSet::default();
        let mut counts = Vec::with_capacity(suites.len());
        for suite in &suites {
            let mut count = Counts::default();
            for item in suite.items() {
                count.add(&Case::decide(&about, suite.checklist, item));
                if let Some(case) = named.key(&suite.checklist.path, &item.id) {
                    cases.insert(case);
                }
            }
            counts.push(count);
        }
        let policy = Policy::new(a, &cases);
        let mut total = policy.counts();
        for count in &counts {
            total.tests += count.tests;
            total.skipped += count.skipped;
            total.failures += count.failures;
        }

        let mut xml = Writer::new_with_indent(&mut *out, b' ', 4);
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let mut tag = BytesStart::new("testsuites");
        tag.push_attribute(("name", "ready"));
        tag.extend_attributes([
            ("tests", total.tests.to_string().as_str()),
            ("skipped", total.skipped.to_string().as_str()),
            ("failures", total.failures.to_string().as_str()),
            ("errors", "0"),
        ]);
        xml.write_event(Event::Start(tag))?;
        for (suite, count) in suites.iter().zip(&counts) {
            if open_suite(&mut xml, suite.name, count)? {
                for item in suite.items() {
                    Case::decide(&about, suite.checklist, item)
                        .row(suite.checklist, item, suite.name)
                        .write(&mut xml)?;
                }
                xml.write_event(Event::End(BytesEnd::new("testsuite")))?;
            }
        }
        policy.write(&mut xml)?;
        xml.write_event(Event::End(BytesEnd::new("testsuites")))?;
        xml.write_event(Event::Eof)?;
        xml.write_indent()?;
        writeln!(out)
    }
}

/// The suites of the categories with weight, each with its checklist's items (`items`, one
/// list per checklist in document order).
fn suites<'a>(a: &'a Assessment, items: &'a [Vec<&'a Item>]) -> Vec<Suite<'a>> {
    a.categories
        .iter()
        .filter(|c| c.weight > 0.0)
        .filter_map(|category| {
            let n = a
                .checklists
                .iter()
                .position(|c| *c.path == *category.checklist)?;
            Some(Suite {
                name: &category.name,
                places: &category.places,
                checklist: &a.checklists[n],
                items: &items[n],
            })
        })
        .collect()
}

/// A category's suite: the counted items of its checklist at the category's places.
struct Suite<'a> {
    name: &'a str,
    places: &'a Places,
    checklist: &'a Checklist,
    items: &'a [&'a Item],
}

impl<'a> Suite<'a> {
    fn items(&self) -> impl Iterator<Item = &'a Item> + '_ {
        self.places
            .iter()
            .filter_map(|p| self.items.get(p as usize).copied())
    }
}

/// What a suite's opening tag counts. No case is an error.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    tests: usize,
    skipped: usize,
    failures: usize,
}

impl Counts {
    fn add(&mut self, case: &Case<'_>) {
        self.tests += 1;
        match case.element() {
            Some(Element::Failure) => self.failures += 1,
            Some(Element::Skipped) => self.skipped += 1,
            None => {}
        }
    }
}

/// Opens a suite, or writes it empty (quick-junit's self-closing tag for a suite without
/// cases); true when cases and a closing tag are to follow.
fn open_suite<W: io::Write>(xml: &mut Writer<W>, name: &str, count: &Counts) -> io::Result<bool> {
    let mut tag = BytesStart::new("testsuite");
    tag.extend_attributes([
        ("name", &*clean(name)),
        ("tests", count.tests.to_string().as_str()),
        ("skipped", count.skipped.to_string().as_str()),
        ("errors", "0"),
        ("failures", count.failures.to_string().as_str()),
    ]);
    if count.tests == 0 {
        xml.write_event(Event::Empty(tag))?;
        return Ok(false);
    }
    xml.write_event(Event::Start(tag))?;
    Ok(true)
}

/// The blockers and active waivers of a run by the item they are about, looked up once per
/// case instead of scanned, which made the report quadratic in the items.
struct About<'a> {
    blockers: ByItem<'a, Vec<&'a Blocker>>,
    waivers: ByItem<'a, &'a WaiverUse>,
    strict: bool,
}

impl<'a> About<'a> {
    fn new(a: &'a Assessment) -> About<'a> {
        let mut blockers: ByItem<'_, Vec<&Blocker>> = ByItem::default();
        for blocker in &a.blockers {
            if let Some(t) = &blocker.item {
                blockers
                    .entry(&t.span.file, &t.id)
                    .or_default()
                    .push(blocker);
            }
        }
        let mut waivers = ByItem::default();
        for w in a.waivers.iter().filter(|w| w.state == WaiverState::Active) {
            for t in w.blockers.iter().filter_map(|b| b.item.as_ref()) {
                waivers.entry(&t.span.file, &t.id).or_insert(w);
            }
        }
        About {
            blockers,
            waivers,
            strict: a.policy.strict,
        }
    }
}

/// What is known of some items, by checklist and then id. An item's id is looked up as text
/// put together for the look-up ([`ItemId::with_str`]); a map keyed by pairs of borrowed text
/// would give back the key it holds ([`ByItem::key`]) only for as long as that text lives.
struct ByItem<'a, V>(HashMap<&'a str, HashMap<&'a str, V>>);

impl<V> Default for ByItem<'_, V> {
    fn default() -> Self {
        ByItem(HashMap::default())
    }
}

impl<'a, V> ByItem<'a, V> {
    fn entry(&mut self, file: &'a str, id: &'a str) -> hash_map::Entry<'_, &'a str, V> {
        self.0.entry(file).or_default().entry(id)
    }

    fn get(&self, file: &str, id: &ItemId) -> Option<&V> {
        let ids = self.0.get(file)?;
        id.with_str(|id| ids.get(id))
    }

    /// The checklist and id under which an item is known, borrowed from where they were first
    /// given.
    fn key(&self, file: &str, id: &ItemId) -> Option<(&'a str, &'a str)> {
        let (&file, ids) = self.0.get_key_value(file)?;
        id.with_str(|id| ids.get_key_value(id).map(|(&id, _)| (file, id)))
    }
}

/// What one counted item's case says, decided once for the counts and again as it is
/// written, so the two cannot disagree.
enum Case<'a> {
    /// The blockers about the item, in the order the rules found them.
    Blocked(&'a [&'a Blocker]),
    /// Set aside by an active waiver (shown as such unless `--strict`).
    Waived(&'a WaiverUse),
    Passed,
    /// Not done, and not blocking the release.
    Open(Status),
}

impl<'a> Case<'a> {
    fn decide(about: &'a About<'a>, checklist: &'a Checklist, item: &'a Item) -> Case<'a> {
        let path = checklist.path.as_str();
        if let Some(blockers) = about.blockers.get(path, &item.id).filter(|b| !b.is_empty()) {
            return Case::Blocked(blockers);
        }
        if let Some(w) = about.waivers.get(path, &item.id).filter(|_| !about.strict) {
            return Case::Waived(w);
        }
        let status = item.status();
        if status.is_done() {
            Case::Passed
        } else {
            Case::Open(status)
        }
    }

    /// The element under the case: none for a passing one.
    fn element(&self) -> Option<Element> {
        match self {
            Case::Blocked(_) => Some(Element::Failure),
            Case::Waived(_) | Case::Open(_) => Some(Element::Skipped),
            Case::Passed => None,
        }
    }

    /// The case of `item` in the suite of `category`, ready to write.
    fn row(&self, checklist: &'a Checklist, item: &'a Item, category: &'a str) -> Row<'a> {
        let evidence = (!item.evidence.is_empty()).then(|| evidence(item));
        let outcome = match self {
            Case::Passed => None,
            Case::Blocked(blockers) => {
                let messages: Vec<&str> = blockers.iter().map(|b| b.message.as_str()).collect();
                Some((
                    Element::Failure,
                    messages.join("; "),
                    blockers.first().map(|b| b.rule.label()),
                ))
            }
            Case::Waived(w) => Some((
                Element::Skipped,
                format!(
                    "waived until {} by {}: {}",
                    w.waiver.expires, w.waiver.approved_by, w.waiver.reason
                ),
                None,
            )),
            Case::Open(status) => Some((
                Element::Skipped,
                format!("{}; does not block the release", status.label()),
                None,
            )),
        }
        .map(|(element, message, kind)| Outcome {
            element,
            message: Cow::Owned(message),
            kind,
            // A failing probe's lines say why, under the failure as in its output.
            description: evidence.clone().filter(|_| element == Element::Failure),
        });
        Row {
            name: &item.title,
            classname: category,
            time: (!item.evidence.is_empty())
                .then(|| Duration::from_millis(item.evidence.iter().map(|e| e.duration_ms).sum())),
            place: Some((&checklist.path, item.span.line)),
            outcome,
            system_out: evidence,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Element {
    Failure,
    Skipped,
}

impl Element {
    fn tag(self) -> &'static str {
        match self {
            Element::Failure => "failure",
            Element::Skipped => "skipped",
        }
    }
}

/// A `<failure>` or `<skipped>` element: its message, its type, and a description as its text.
struct Outcome<'a> {
    element: Element,
    message: Cow<'a, str>,
    kind: Option<&'static str>,
    description: Option<String>,
}

/// One `<testcase>` as it is written.
struct Row<'a> {
    name: &'a str,
    classname: &'a str,
    time: Option<Duration>,
    /// The file and line it points at.
    place: Option<(&'a str, u32)>,
    outcome: Option<Outcome<'a>>,
    system_out: Option<String>,
}

impl Row<'_> {
    fn write<W: io::Write>(&self, xml: &mut Writer<W>) -> io::Result<()> {
        let mut tag = BytesStart::new("testcase");
        tag.push_attribute(("name", &*clean(self.name)));
        tag.push_attribute(("classname", &*clean(self.classname)));
        if let Some(time) = self.time {
            tag.push_attribute(("time", seconds(time).as_str()));
        }
        if let Some((file, line)) = self.place {
            tag.push_attribute(("file", &*clean(file)));
            tag.push_attribute(("line", line.to_string().as_str()));
        }
        if self.outcome.is_none() && self.system_out.is_none() {
            return xml.write_event(Event::Empty(tag));
        }
        xml.write_event(Event::Start(tag))?;
        if let Some(outcome) = &self.outcome {
            let name = outcome.element.tag();
            let mut tag = BytesStart::new(name);
            tag.push_attribute(("message", &*clean(&outcome.message)));
            if let Some(kind) = outcome.kind {
                tag.push_attribute(("type", &*clean(kind)));
            }
            match &outcome.description {
                Some(text) => {
                    xml.write_event(Event::Start(tag))?;
                    xml.write_event(Event::Text(BytesText::new(&clean(text))))?;
                    xml.write_event(Event::End(BytesEnd::new(name)))?;
                }
                None => xml.write_event(Event::Empty(tag))?,
            }
        }
        if let Some(out) = &self.system_out {
            xml.write_event(Event::Start(BytesStart::new("system-out")))?;
            xml.write_event(Event::Text(BytesText::new(&clean(out))))?;
            xml.write_event(Event::End(BytesEnd::new("system-out")))?;
        }
        xml.write_event(Event::End(BytesEnd::new("testcase")))
    }
}

/// Seconds with three decimals, as quick-junit writes a duration.
fn seconds(time: Duration) -> String {
    format!("{:.3}", time.as_secs_f64())
}

/// A string as quick-junit writes it ([`XmlString`]: ANSI escapes and the control characters
/// XML 1.0 forbids removed). Nearly every string has no control character but a newline, and
/// is written as it is without a copy.
fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| c == '\n' || !c.is_control()) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(XmlString::new(text).into_string())
    }
}

/// One line per probe: `probe api-health (http) pass in 12 ms: HTTP 200 in 11 ms`.
fn evidence(item: &Item) -> String {
    item.evidence
        .iter()
        .map(|e| {
            format!(
                "probe {} ({}) {} in {} ms, {} attempt{}: {}",
                e.id,
                e.kind,
                e.outcome.label(),
                e.duration_ms,
                e.attempts,
                fmt::plural(e.attempts),
                e.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `policy` suite: the rules that are not about one item — the threshold, and every
/// blocker not already written as a case of a category's suite (`cases`, by checklist and
/// item id): sign-offs, the waiver cap, items the score does not count.
struct Policy<'a> {
    threshold: String,
    below: Option<&'a Blocker>,
    others: Vec<&'a Blocker>,
}

impl<'a> Policy<'a> {
    fn new(a: &'a Assessment, cases: &HashSet<(&str, &str)>) -> Policy<'a> {
        let threshold = format!(
            "readiness {:.1}% meets the threshold of {}%",
            a.score,
            format_count(a.policy.threshold)
        );
        let below = a
            .blockers
            .iter()
            .find(|b| b.rule == Rule::ScoreBelowThreshold);
        // Blockers about counted items are already cases of their categories' suites. Looked
        // up, not scanned: a scan of every category's ids per blocker took 7 s for 80,000 open
        // Must items.
        let in_categories = |b: &Blocker| {
            b.item
                .as_ref()
                .is_some_and(|t| cases.contains(&(&*t.span.file, t.id.as_str())))
        };
        let others = a
            .blockers
            .iter()
            .filter(|b| b.rule != Rule::ScoreBelowThreshold && !in_categories(b))
            .collect();
        Policy {
            threshold,
            below,
            others,
        }
    }

    fn counts(&self) -> Counts {
        Counts {
            tests: 1 + self.others.len(),
            skipped: 0,
            failures: usize::from(self.below.is_some()) + self.others.len(),
        }
    }

    /// The threshold's case, then one for each blocker the categories' suites leave out.
    fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        let failure = |b: &'a Blocker| Outcome {
            element: Element::Failure,
            message: Cow::Borrowed(&b.message),
            kind: Some(b.rule.label()),
            description: None,
        };
        let threshold = Row {
            name: &self.threshold,
            classname: "policy",
            time: None,
            place: None,
            outcome: self.below.map(failure),
            system_out: None,
        };
        let others = self.others.iter().map(move |blocker| Row {
            name: blocker
                .item
                .as_ref()
                .map_or(blocker.rule.label(), |t| t.title.as_str()),
            classname: "policy",
            time: None,
            place: blocker.item.as_ref().map(|t| (&*t.span.file, t.span.line)),
            outcome: Some(failure(blocker)),
            system_out: None,
        });
        std::iter::once(threshold).chain(others)
    }

    fn write<W: io::Write>(&self, xml: &mut Writer<W>) -> io::Result<()> {
        // The threshold's case is always there, so the suite is always opened; written as the
        // categories' suites are all the same.
        if open_suite(xml, "policy", &self.counts())? {
            for row in self.rows() {
                row.write(xml)?;
            }
            xml.write_event(Event::End(BytesEnd::new("testsuite")))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::parse;
    use crate::files::Format;
    use crate::gate::{LintParams, Settings, assess};
    use crate::model::Waiver;
    use crate::model::{Evidence, Outcome as ProbeOutcome, PolicyConfig, RequiredSignoffs, Span};
    use quick_junit::{NonSuccessKind, Report as Junit, TestCase, TestCaseStatus, TestSuite};

    /// Every kind of case: done, partial, optional, N/A, open must-haves (one waived), a probe
    /// that contradicts a box and one that passed on a retry, a weighted section with nothing
    /// counted, a must-have group outside the weights, and sign-offs.
    const CHECKLIST: &str = "# Launch <&> \"plan\"\n\n\
        | Area | Weight |\n|---|---|\n| Security & 'TLS' | 50% |\n| Ops | 30% |\n| Legacy | 20% |\n\n\
        ## Security & 'TLS'\n\
        - [x] TLS <1.3> & 'certs' [must]\n- [ ] Pen test - PARTIAL\n- [ ] Fuzzing - OPTIONAL\n\
        - [x] Health endpoint answers\n- [x] Metrics endpoint answers\n\
        ## Ops\n- [ ] Runbook written [must]\n- [ ] On-call rotation [must]\n- [x] Dashboards\n\
        ## Legacy\n- [ ] Old API (N/A)\n\
        ## Must Have\n- [ ] Backups\n- [x] Alerts\n\
        ## Sign-Off\n- [ ] SRE Lead\n";

    /// A probe result whose message holds what quick-junit cleans: ANSI colours, a tab, a
    /// carriage return, a bell, a C1 control, DEL, and XML's own characters.
    fn probe(outcome: ProbeOutcome, attempts: u32) -> Evidence {
        Evidence {
            id: "health".into(),
            kind: "http".into(),
            target: "http://127.0.0.1:1/".into(),
            outcome,
            attempts,
            duration_ms: 1234,
            message:
                "\u{1b}[31mHTTP 500\u{1b}[0m\tafter\r 3 tries\u{7} \u{85}x\u{7f} <b> & \"q\" é ✅"
                    .into(),
            span: Span::new("p.yaml", 2),
        }
    }

    fn assessed(strict: bool) -> Assessment {
        let mut checklists = Vec::new();
        for path in ["a.md", "b.md"] {
            let mut checklist =
                parse(path, CHECKLIST.as_bytes(), Format::Markdown).expect("parses");
            for item in checklist
                .root
                .iter_mut()
                .flat_map(|s| s.sections.iter_mut())
                .flat_map(|s| s.items.iter_mut())
            {
                match &*item.title {
                    "Health endpoint answers" => item.evidence.push(probe(ProbeOutcome::Fail, 1)),
                    "Metrics endpoint answers" => item.evidence.push(probe(ProbeOutcome::Pass, 2)),
                    _ => {}
                }
            }
            checklists.push(checklist);
        }
        let config = PolicyConfig {
            require_signoffs: Some(RequiredSignoffs::All),
            strict: Some(strict),
            ..PolicyConfig::default()
        };
        let waivers = [Waiver {
            item: "Runbook written".into(),
            reason: "the runbook is <in review> & \u{1b}[1mnearly\u{1b}[0m done".into(),
            approved_by: "CTO".into(),
            expires: jiff::civil::date(2026, 7, 1),
            span: Span::new("ready.yaml", 3),
        }];
        assess(
            checklists,
            Vec::new(),
            &Settings {
                config: &config,
                overrides: &PolicyConfig::default(),
                waivers: &waivers,
                today: jiff::civil::date(2026, 6, 15),
                notices: &[],
                lint: &LintParams::default(),
                ratchet: None,
            },
        )
        .expect("assessed")
    }

    /// quick-junit's test case for a row.
    fn quick_case(row: &Row<'_>) -> TestCase {
        let status = match &row.outcome {
            None => TestCaseStatus::success(),
            Some(outcome) => {
                let mut status = match outcome.element {
                    Element::Failure => TestCaseStatus::non_success(NonSuccessKind::Failure),
                    Element::Skipped => TestCaseStatus::skipped(),
                };
                status.set_message(outcome.message.as_ref());
                if let Some(kind) = outcome.kind {
                    status.set_type(kind);
                }
                if let Some(description) = &outcome.description {
                    status.set_description(description.as_str());
                }
                status
            }
        };
        let mut case = TestCase::new(row.name, status);
        case.set_classname(row.classname);
        if let Some(time) = row.time {
            case.set_time(time);
        }
        if let Some((file, line)) = row.place {
            case.extra.insert("file".into(), file.into());
            case.extra.insert("line".into(), line.to_string().into());
        }
        if let Some(out) = &row.system_out {
            case.set_system_out(out.as_str());
        }
        case
    }

    /// The same cases built whole by quick-junit and serialized by it: what the report wrote
    /// before it was streamed.
    fn by_quick_junit(a: &Assessment) -> String {
        let about = About::new(a);
        let items: Vec<Vec<&Item>> = a.checklists.iter().map(|c| c.items().collect()).collect();
        let mut report = Junit::new("ready");
        let mut written = Vec::new();
        for suite in suites(a, &items) {
            let mut quick = TestSuite::new(suite.name);
            for item in suite.items() {
                let row = Case::decide(&about, suite.checklist, item).row(
                    suite.checklist,
                    item,
                    suite.name,
                );
                quick.add_test_case(quick_case(&row));
                written.push((suite.checklist.path.as_str(), item.id.to_string()));
            }
            report.add_test_suite(quick);
        }
        let cases = written
            .iter()
            .map(|(file, id)| (*file, id.as_str()))
            .collect();
        let mut quick = TestSuite::new("policy");
        for row in Policy::new(a, &cases).rows() {
            quick.add_test_case(quick_case(&row));
        }
        report.add_test_suite(quick);
        format!("{}\n", report.to_string().expect("serializes"))
    }

    fn written(a: &Assessment) -> String {
        let mut out = Vec::new();
        JunitReport.write(a, &mut out).expect("writes");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn writes_the_bytes_quick_junit_writes() {
        for strict in [false, true] {
            let a = assessed(strict);
            let xml = written(&a);
            assert_eq!(xml, by_quick_junit(&a), "strict: {strict}");
            // What the cases must hold, so the comparison covers every kind of case.
            for needle in [
                "<testsuite name=\"a: Legacy\" tests=\"0\" skipped=\"0\" errors=\"0\" failures=\"0\"/>",
                "<failure message=",
                "type=\"probe-contradicts\"",
                "<skipped message=\"partial; does not block the release\"/>",
                "<system-out>probe health (http) fail in 1234 ms, 1 attempt: HTTP 500after 3 tries",
                "time=\"1.234\"",
                "TLS &lt;1.3&gt; &amp; &apos;certs&apos;",
                "type=\"signoff-missing\"",
                "type=\"score-below-threshold\"",
            ] {
                assert!(xml.contains(needle), "strict: {strict}, {needle} in\n{xml}");
            }
            // The waived must-have is skipped; under --strict it fails, saying why.
            assert_eq!(
                xml.contains("<skipped message=\"waived until 2026-07-01 by CTO"),
                !strict,
                "strict: {strict}"
            );
            assert_eq!(
                xml.contains("but --strict counts waivers as blockers\" type=\"must-have-open\""),
                strict,
                "strict: {strict}"
            );
            assert!(!xml.contains('\u{1b}') && !xml.contains('\u{7}') && !xml.contains('\t'));
        }
    }

    #[test]
    fn cleans_as_quick_junit_does() {
        for text in [
            "plain",
            "line\nbreak",
            "tab\tcr\r",
            "\u{1b}[31mred\u{1b}[0m",
            "bell\u{7}",
            "c1\u{85}x",
            "del\u{7f}",
            "é ✅ <&>",
            "",
        ] {
            assert_eq!(clean(text), XmlString::new(text).as_str(), "{text:?}");
        }
    }
}
