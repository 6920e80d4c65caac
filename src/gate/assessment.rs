//! One evaluation of a set of checklists: scores, verdict, blockers, warnings and sign-offs,
//! everything a reporter needs and nothing it has to recompute.

use crate::error::{Error, Result};
use crate::gate::lint;
use crate::gate::policy::{self, Blocker};
use crate::gate::ratchet;
use crate::gate::score::{self, Category};
use crate::gate::verdict::{self, Verdict};
use crate::gate::waiver::{self, WaiverState, WaiverUse};
use crate::gate::warnings;
use crate::hash::HashMap;
use crate::model::{
    Checklist, Evidence, Item, Notice, Outcome, Policy, PolicyConfig, Provenance, SignOff, Status,
    TaskCount, Waiver,
};

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Assessment {
    pub(crate) checklists: Vec<Checklist>,
    pub(crate) policy: Policy,
    pub(crate) verdict: Verdict,
    /// Weighted readiness, 0–100.
    pub(crate) score: f64,
    pub(crate) declared_score: Option<f64>,
    pub(crate) summary: Summary,
    pub(crate) categories: Vec<Category>,
    pub(crate) blockers: Vec<Blocker>,
    pub(crate) warnings: Vec<Notice>,
    /// What the linter found in each checklist, every enabled rule (`warnings` holds those
    /// `check` shows); the SARIF report carries them all.
    pub(crate) findings: Vec<lint::Finding>,
    /// Every probe result of the run, in the order the probes were defined.
    pub(crate) probes: Vec<Evidence>,
    /// Every waiver in `ready.yaml` and what it did in this run.
    pub(crate) waivers: Vec<WaiverUse>,
    /// Each checklist judged alone, when the run read several (filled by the workflow).
    pub(crate) alone: Vec<Alone>,
    /// When, from which commit and under which labels (filled by the workflow).
    pub(crate) provenance: Provenance,
}

impl Assessment {
    /// Every item that counts toward the score: in a category with weight, and not left out by
    /// the scoring rules.
    pub(crate) fn counted_items(&self) -> Counted<'_> {
        let mut by_checklist: HashMap<&str, Vec<bool>> = HashMap::default();
        for category in self.categories.iter().filter(|c| c.weight > 0.0) {
            let counted = by_checklist.entry(&*category.checklist).or_default();
            for place in category.places.iter().map(|p| p as usize) {
                if counted.len() <= place {
                    counted.resize(place + 1, false);
                }
                counted[place] = true;
            }
        }
        Counted(by_checklist)
    }
}

/// The items that count toward the score, by checklist path and place in document order: a
/// flag an item, where a set of ids hashed each of a long checklist's ids once more.
#[derive(Debug)]
pub(crate) struct Counted<'a>(HashMap<&'a str, Vec<bool>>);

impl Counted<'_> {
    /// One checklist's counted items, looked up once for all its items: asked by path for each
    /// item, a long checklist's report hashed and compared the path a hundred thousand times.
    pub(crate) fn of(&self, checklist: &str) -> CountedIn<'_> {
        CountedIn(self.0.get(checklist).map_or(&[], Vec::as_slice))
    }

    pub(crate) fn len(&self) -> usize {
        self.0
            .values()
            .flatten()
            .filter(|&&counted| counted)
            .count()
    }
}

/// The items the score counts in one checklist, by place in document order
/// ([`Checklist::items`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct CountedIn<'s>(&'s [bool]);

impl CountedIn<'_> {
    pub(crate) fn contains(self, place: usize) -> bool {
        self.0.get(place).copied().unwrap_or(false)
    }
}

/// One checklist's own verdict, beside the run's.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Alone {
    pub(crate) path: String,
    pub(crate) verdict: Verdict,
    pub(crate) score: f64,
    pub(crate) blockers: usize,
}

/// What a run is judged by besides the checklists: the policy layers, the waivers, and the day
/// (waivers expire by the calendar, so the day is an input, not something read in passing).
#[derive(Debug, Clone)]
pub(crate) struct Settings<'a> {
    /// `ready.yaml`'s policy.
    pub(crate) config: &'a PolicyConfig,
    /// Command-line flags, over everything else.
    pub(crate) overrides: &'a PolicyConfig,
    pub(crate) waivers: &'a [Waiver],
    pub(crate) today: jiff::civil::Date,
    /// What reading the other inputs noticed (`ready.yaml` and probe files read differently
    /// from their bytes): shown first among the warnings.
    pub(crate) notices: &'a [Notice],
    /// `ready.yaml`'s lint settings, which the claim warnings follow.
    pub(crate) lint: &'a lint::Params,
    /// `--baseline`: an earlier run this one may not be worse than.
    pub(crate) ratchet: Option<ratchet::Ratchet<'a>>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Summary {
    /// Task boxes as GitHub renders them, sign-off boxes included.
    pub(crate) items: usize,
    pub(crate) checked: usize,
    /// Items that count toward the score, and their summed credit.
    pub(crate) counted: usize,
    pub(crate) done: f64,
    /// Items whose probes passed, and ticked items a probe contradicts.
    pub(crate) verified: usize,
    pub(crate) contradicted: usize,
    pub(crate) flaky: usize,
    pub(crate) probes: ProbeCounts,
}

/// Probe results by outcome. `flaky` counts passes that needed a retry (also counted in `pass`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct ProbeCounts {
    pub(crate) total: usize,
    pub(crate) pass: usize,
    pub(crate) fail: usize,
    pub(crate) error: usize,
    pub(crate) timeout: usize,
    pub(crate) skipped: usize,
    pub(crate) flaky: usize,
}

impl ProbeCounts {
    pub(crate) fn of(results: &[Evidence]) -> ProbeCounts {
        let mut counts = ProbeCounts {
            total: results.len(),
            ..ProbeCounts::default()
        };
        for result in results {
            match result.outcome {
                Outcome::Pass => counts.pass += 1,
                Outcome::Fail => counts.fail += 1,
                Outcome::Error => counts.error += 1,
                Outcome::Timeout => counts.timeout += 1,
                Outcome::Skipped => counts.skipped += 1,
            }
            if result.is_flaky() {
                counts.flaky += 1;
            }
        }
        counts
    }

    /// Probes that ran and did not pass.
    pub(crate) fn failed(&self) -> usize {
        self.fail + self.error + self.timeout
    }
}

impl Assessment {
    pub(crate) fn signoffs(&self) -> impl Iterator<Item = &SignOff> {
        self.checklists.iter().flat_map(|c| c.signoffs.iter())
    }
}

/// Evaluates checklists under a policy: `config` from `ready.yaml`, each checklist's own
/// policy over it, and `overrides` (command-line flags) over both. `probes` are the results
/// already attached to the checklists' items (by the probe reader), kept whole for
/// the reports; sign-off approvals are already attached too (by the ledger reader).
pub(crate) fn assess(
    checklists: Vec<Checklist>,
    probes: Vec<Evidence>,
    settings: &Settings<'_>,
) -> Result<Assessment> {
    assess_or_return(checklists, probes, settings).map_err(|not| not.error)
}

/// Why [`assess_or_return`] could not assess, with the checklists it was given that have task
/// boxes, handed back.
pub(crate) struct NotAssessed {
    pub(crate) error: Error,
    pub(crate) checklists: Vec<Checklist>,
}

impl NotAssessed {
    /// The checklists back when nothing in them could be gated or scored (the callers then
    /// read them without a score); the error itself for any other reason.
    pub(crate) fn unscored(self) -> Result<Vec<Checklist>> {
        match self.error {
            Error::NothingToGate { .. } | Error::NothingCounted { .. } => Ok(self.checklists),
            error => Err(error),
        }
    }
}

/// [`assess`], handing the checklists back when they cannot be assessed: `ready lint` then
/// reads them on their text, where it used to assess a copy of every checklist to keep them.
pub(crate) fn assess_or_return(
    checklists: Vec<Checklist>,
    probes: Vec<Evidence>,
    settings: &Settings<'_>,
) -> std::result::Result<Assessment, Box<NotAssessed>> {
    let Settings {
        config,
        overrides,
        waivers,
        today,
        notices,
        lint: lint_params,
        ratchet,
    } = *settings;
    let mut warnings: Vec<Notice> = notices.to_vec();
    let mut gated = Vec::new();
    let mut empty = Vec::new();
    for checklist in checklists {
        if checklist.has_task_boxes() {
            gated.push(checklist);
        } else {
            empty.push(checklist.path.clone());
            warnings.extend(checklist.notices);
        }
    }
    if gated.is_empty() {
        let verb = if empty.len() == 1 { "has" } else { "have" };
        return Err(Box::new(NotAssessed {
            error: Error::NothingToGate {
                paths: empty.join(", "),
                verb,
            },
            checklists: gated,
        }));
    }
    for path in &empty {
        warnings.push(Notice::new(
            format!("{path} has no task boxes or items; nothing to gate there, left out"),
            None,
        ));
    }

    let own_policy = gated
        .iter()
        .filter_map(|c| c.policy.clone())
        .fold(PolicyConfig::default(), |acc, p| acc.or(&p));
    let policy = Policy::from_config(&overrides.clone().or(&own_policy.or(config)));

    let several = gated.len() > 1;
    // One list, the first checklist's taken whole and the others' moved onto it: a list of
    // lists flattened into a new one held a long checklist's hundred thousand categories twice.
    let mut categories: Vec<Category> = Vec::new();
    let mut scored = 0usize;
    for checklist in &gated {
        let mut result = score::score(checklist);
        warnings.append(&mut checklist.notices.clone());
        warnings.append(&mut result.notices);
        if result.score.is_some() {
            scored += 1;
        }
        if several {
            let stem = std::path::Path::new(&checklist.path)
                .file_stem()
                .map_or_else(
                    || checklist.path.clone(),
                    |s| s.to_string_lossy().into_owned(),
                );
            for category in &mut result.categories {
                category.name = format!("{stem}: {}", category.name);
            }
        }
        if categories.is_empty() {
            categories = result.categories;
        } else {
            categories.append(&mut result.categories);
        }
    }
    // Each checklist weighs the same in a multi-checklist run.
    for category in &mut categories {
        category.weight /= scored.max(1) as f64;
    }

    let Some(computed) = score::weighted_mean(&categories) else {
        let paths: Vec<&str> = gated.iter().map(|c| c.path.as_str()).collect();
        return Err(Box::new(NotAssessed {
            error: Error::NothingCounted {
                paths: paths.join(", "),
                why: why_nothing_counts(&gated),
            },
            checklists: gated,
        }));
    };
    if let Err(error) = waiver::check_targets(waivers, &gated) {
        return Err(Box::new(NotAssessed {
            error,
            checklists: gated,
        }));
    }
    let mut found = policy::blockers(&gated, computed, &categories, &policy);
    if let Some(ratchet) = &ratchet {
        let (mut regressions, mut stale) = ratchet::check(&gated, computed, ratchet);
        found.append(&mut regressions);
        warnings.append(&mut stale);
    }
    let applied = waiver::apply(found, waivers, today, policy.strict, policy.max_waivers);
    let waived = applied
        .waivers
        .iter()
        .any(|w| w.state == WaiverState::Active);
    let verdict = verdict::decide(applied.blockers.len(), waived, policy.strict);
    warnings.extend(applied.notices);
    let mut findings = Vec::new();
    for checklist in &gated {
        warnings.extend(warnings::review(checklist));
        let found = lint::lint_checklist(checklist, &categories, Some(verdict), today, lint_params);
        warnings.extend(
            found
                .iter()
                .filter(|f| lint::shown_by_check(f))
                .map(lint::Finding::notice),
        );
        findings.extend(found);
    }

    let mut boxes = TaskCount::default();
    for checklist in &gated {
        let count = checklist.task_boxes();
        boxes.items += count.items;
        boxes.checked += count.checked;
    }
    let summary = Summary {
        items: boxes.items,
        checked: boxes.checked,
        counted: categories
            .iter()
            .filter(|c| c.weight > 0.0)
            .map(|c| c.counted)
            .sum(),
        done: categories
            .iter()
            .filter(|c| c.weight > 0.0)
            .map(|c| c.done)
            .sum(),
        verified: 0,
        contradicted: 0,
        flaky: 0,
        probes: ProbeCounts::default(),
    };
    let statuses: Vec<Status> = gated
        .iter()
        .flat_map(Checklist::items)
        .filter(|i| i.phase.is_pre_launch())
        .map(Item::status)
        .collect();
    let count = |wanted: Status| statuses.iter().filter(|s| **s == wanted).count();
    let summary = Summary {
        verified: count(Status::Verified),
        contradicted: count(Status::Contradicted),
        flaky: count(Status::Flaky),
        probes: ProbeCounts::of(&probes),
        ..summary
    };
    let declared_score = match gated.as_slice() {
        [only] => only.declared_score.as_ref().map(|d| d.value),
        _ => None,
    };
    Ok(Assessment {
        policy,
        verdict,
        score: computed,
        declared_score,
        summary,
        categories,
        blockers: applied.blockers,
        warnings,
        findings,
        checklists: gated,
        probes,
        waivers: applied.waivers,
        alone: Vec::new(),
        provenance: Provenance::default(),
    })
}

/// Names what the task boxes are when none counts, so the user sees the real cause: "its 3
/// task boxes are 2 sign-offs (under "Release Approval Checklist") and 1 N/A item".
fn why_nothing_counts(checklists: &[Checklist]) -> String {
    let (mut signoffs, mut optional, mut na, mut later) = (0, 0, 0, 0);
    let mut under: Vec<String> = Vec::new();
    for checklist in checklists {
        for signoff in checklist.signoffs.iter().filter(|s| s.checkbox) {
            signoffs += 1;
            if let Some(group) = &signoff.group
                && !under.contains(group)
            {
                under.push(group.clone());
            }
        }
        for item in checklist.items() {
            if !item.phase.is_pre_launch() {
                later += 1;
            } else if item.status() == Status::NotApplicable {
                na += 1;
            } else if item.is_optional() {
                optional += 1;
            }
        }
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = Vec::new();
    if signoffs > 0 {
        let mut part = plural(signoffs, "sign-off box", "sign-off boxes");
        if !under.is_empty() {
            part.push_str(&format!(" (under {})", under.join(", ")));
        }
        parts.push(part);
    }
    if optional > 0 {
        parts.push(plural(optional, "optional item", "optional items"));
    }
    if na > 0 {
        parts.push(plural(na, "N/A item", "N/A items"));
    }
    if later > 0 {
        parts.push(plural(
            later,
            "item planned for launch day or later",
            "items planned for launch day or later",
        ));
    }
    if parts.is_empty() {
        return "it has no items that count".to_owned();
    }
    let advice = if signoffs > 0 {
        "; write the work as items outside the sign-off section"
    } else {
        ""
    };
    format!("its task boxes are {}{advice}", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::parse;
    use crate::files::Format;
    use crate::model::Span;

    fn checklist(path: &str, markdown: &str) -> Checklist {
        parse(path, markdown.as_bytes(), Format::Markdown).expect("parses")
    }

    fn today() -> jiff::civil::Date {
        "2026-06-15".parse().expect("date")
    }

    fn run(
        checklists: Vec<Checklist>,
        config: &PolicyConfig,
        overrides: &PolicyConfig,
        waivers: &[Waiver],
    ) -> Result<Assessment> {
        let notices = [Notice::new("ready.yaml was repaired", None)];
        assess(
            checklists,
            Vec::new(),
            &Settings {
                config,
                overrides,
                waivers,
                today: today(),
                notices: &notices,
                lint: &lint::Params::default(),
                ratchet: None,
            },
        )
    }

    const API: &str = "# API\n## Build\n- [x] a\n- [x] b\n## Run\n- [x] c\n- [ ] d\n";
    const WEB: &str =
        "---\nready:\n  threshold: 60\n---\n# Web\n## Build\n- [x] a\n## Run\n- [x] b\n";

    /// An overview list restating the sections is a digest: no category, no double count, and
    /// a ticked entry over open work is pointed out. A status table's ✅ over open items too.
    #[test]
    fn overviews_and_status_tables_are_claims_not_work() {
        let markdown = "# Launch\n## Overview\n- [x] Security\n- [ ] Performance\n\
                        ## Security\n- [x] TLS\n- [ ] Secrets rotated\n\
                        ## Performance\n- [x] Load test\n\
                        ## Status\n\n| Area | Ready? |\n|---|---|\n| Performance | ✅ |\n| Security | ✅ |\n";
        let a = run(
            vec![checklist("l.md", markdown)],
            &PolicyConfig::default(),
            &PolicyConfig::default(),
            &[],
        )
        .expect("assessed");
        let names: Vec<&str> = a.categories.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Security", "Performance"]);
        assert!((a.score - 75.0).abs() < 1e-9, "{}", a.score);
        let warnings: Vec<(String, Option<u32>)> = a
            .warnings
            .iter()
            .filter(|w| w.span.as_ref().is_some_and(|s| &*s.file == "l.md"))
            .map(|w| (w.message.clone(), w.span.as_ref().map(|s| s.line)))
            .collect();
        assert_eq!(
            warnings,
            [
                (
                    "\"Security\" is ticked in an overview, but 1 of the 2 items it stands for is not done [RL014]"
                        .to_owned(),
                    Some(3)
                ),
                (
                    "section Security declares \"✅\" but 1 of its 2 counted items is not done [RL004]"
                        .to_owned(),
                    Some(15)
                ),
            ]
        );
    }

    #[test]
    fn several_checklists_weigh_the_same() {
        let a = run(
            vec![checklist("api.md", API), checklist("web.md", WEB)],
            &PolicyConfig::default(),
            &PolicyConfig::default(),
            &[],
        )
        .expect("assessed");
        let names: Vec<&str> = a.categories.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["api: Build", "api: Run", "web: Build", "web: Run"]);
        let weights: Vec<f64> = a.categories.iter().map(|c| c.weight).collect();
        assert_eq!(weights, [25.0, 25.0, 25.0, 25.0]);
        assert!((a.score - 87.5).abs() < 1e-9, "{}", a.score);
        // The web checklist's own policy lowers the threshold for the run.
        assert!((a.policy.threshold - 60.0).abs() < 1e-9);
        // 87.5% meets it, and api's open item is no must-have.
        assert_eq!(a.verdict, Verdict::Go);
        assert_eq!(a.summary.items, 6);
        assert_eq!(a.warnings[0].message, "ready.yaml was repaired");
    }

    #[test]
    fn flags_override_the_checklist_and_the_config() {
        let config = PolicyConfig {
            threshold: Some(99.0),
            ..PolicyConfig::default()
        };
        let flags = PolicyConfig {
            threshold: Some(70.0),
            ..PolicyConfig::default()
        };
        let a = run(vec![checklist("api.md", API)], &config, &flags, &[]).expect("assessed");
        assert!((a.policy.threshold - 70.0).abs() < 1e-9);
        assert_eq!(a.verdict, Verdict::Go);
        let a = run(
            vec![checklist("api.md", API)],
            &config,
            &PolicyConfig::default(),
            &[],
        )
        .expect("assessed");
        assert_eq!(a.verdict, Verdict::NoGo);
    }

    #[test]
    fn empty_checklists_are_left_out_or_refused() {
        let a = run(
            vec![
                checklist("notes.md", "# Notes\nNo boxes.\n"),
                checklist("api.md", API),
            ],
            &PolicyConfig::default(),
            &PolicyConfig::default(),
            &[],
        )
        .expect("assessed");
        assert_eq!(a.checklists.len(), 1);
        assert!(
            a.warnings
                .iter()
                .any(|w| w.message.contains("notes.md has no task boxes"))
        );
        let err = run(
            vec![checklist("notes.md", "# Notes\n")],
            &PolicyConfig::default(),
            &PolicyConfig::default(),
            &[],
        )
        .expect_err("nothing to gate");
        assert!(matches!(err, Error::NothingToGate { .. }), "{err}");
        let err = run(
            vec![checklist("later.md", "## Post-Launch\n- [ ] watch\n")],
            &PolicyConfig::default(),
            &PolicyConfig::default(),
            &[],
        )
        .expect_err("nothing counted");
        assert!(matches!(err, Error::NothingCounted { .. }), "{err}");
    }

    #[test]
    fn waivers_give_go_with_waivers_unless_strict() {
        let list = "## Must Have\n- [x] Backups\n- [ ] Load test\n## Other\n- [x] a\n";
        let waiver = Waiver {
            item: "Load test".into(),
            reason: "vendor".into(),
            approved_by: "CTO".into(),
            expires: "2026-06-30".parse().expect("date"),
            span: Span::new("ready.yaml", 4),
        };
        // 75%: the score passes a threshold of 50, so only the must-have blocks.
        let none = PolicyConfig {
            threshold: Some(50.0),
            ..PolicyConfig::default()
        };
        let a = run(
            vec![checklist("a.md", list)],
            &none,
            &none,
            std::slice::from_ref(&waiver),
        )
        .expect("assessed");
        assert_eq!(a.verdict, Verdict::GoWithWaivers);
        assert!(a.blockers.is_empty());
        let strict = PolicyConfig {
            strict: Some(true),
            ..PolicyConfig::default()
        };
        let a = run(vec![checklist("a.md", list)], &none, &strict, &[waiver]).expect("assessed");
        assert_eq!(a.verdict, Verdict::NoGo);
        assert_eq!(a.blockers.len(), 1);
    }
}
