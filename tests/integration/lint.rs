//! `ready lint`: every documented rule example, the seeds' shapes at the right lines, the
//! shipped example and templates, configuration, suppressions, exit codes, and SARIF whose
//! fingerprints follow what a finding is about rather than its line.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::support::{fixture, root, run, run_in, write};

/// The day the documented examples and fixtures are judged by.
const TODAY: &str = "2026-06-15";

/// `ready lint --format json`: (exit code, findings).
fn lint_json(dir: &Path, args: &[&str]) -> (i32, Vec<Value>) {
    let mut all = vec!["lint", "--format", "json", "--today", TODAY];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = run_in(dir, &all);
    assert!(code == 0 || code == 1, "exit {code}: {stderr}");
    let findings: Value = serde_json::from_str(&stdout).expect("JSON list");
    (code, findings.as_array().expect("a list").clone())
}

fn rules_at(findings: &[Value]) -> BTreeSet<(String, u64)> {
    findings
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().expect("rule").to_owned(),
                f["line"].as_u64().expect("line"),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, u64)]) -> BTreeSet<(String, u64)> {
    expected
        .iter()
        .map(|(r, l)| ((*r).to_owned(), *l))
        .collect()
}

/// The examples of docs/LINT.md: `(rule id, fails, passes)` per rule section.
fn documented_examples() -> Vec<(String, String, String)> {
    let docs = std::fs::read_to_string(root().join("docs/LINT.md")).expect("docs/LINT.md");
    let mut out = Vec::new();
    // Rule sections start with `## RLnnn`; their examples hold `##` headings of their own.
    for section in docs.split("\n## RL").skip(1) {
        let id = format!(
            "RL{}",
            section.split_whitespace().next().unwrap_or_default()
        );
        let block = |tag: &str| {
            let start = section.find(&format!("```markdown {tag}\n"))? + tag.len() + 13;
            let end = section[start..].find("\n```")? + start;
            Some(section[start..=end].to_owned())
        };
        out.push((
            id.clone(),
            block("lint-fail").unwrap_or_else(|| panic!("{id} has no failing example")),
            block("lint-pass").unwrap_or_else(|| panic!("{id} has no fixed example")),
        ));
    }
    out
}

#[test]
fn every_documented_example_fails_and_its_fix_passes() {
    let (_, listed, _) = run(&["lint", "--rules"]);
    let ids: Vec<&str> = listed
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let examples = documented_examples();
    let documented: Vec<&str> = examples.iter().map(|(id, _, _)| id.as_str()).collect();
    assert_eq!(
        documented, ids,
        "docs/LINT.md documents every rule, in order"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    // RL020's example needs a probe that fails: a health check of a port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    write(
        dir.path(),
        "probes.yaml",
        format!(
            "probes:\n  - id: health\n    timeout: 2s\n    http:\n      url: http://127.0.0.1:{port}/health\n"
        ),
    );
    for (id, fails, passes) in examples {
        for (text, should_fire) in [(fails, true), (passes, false)] {
            write(dir.path(), "checklist.md", &text);
            let mut args = vec!["checklist.md"];
            if id == "RL020" {
                args.extend(["--probes", "probes.yaml"]);
            }
            let (_, findings) = lint_json(dir.path(), &args);
            let fired = findings.iter().any(|f| f["rule"] == id.as_str());
            assert_eq!(
                fired,
                should_fire,
                "{id}: the {} example {}\n{text}\n{findings:#?}",
                if should_fire { "failing" } else { "fixed" },
                if should_fire {
                    "did not fire"
                } else {
                    "still fires"
                }
            );
        }
    }
}

#[test]
fn the_prime_spark_seed_is_caught_at_the_lines_that_make_each_claim() {
    // The day after its own date, before its go-live.
    let (code, stdout, _) = run(&[
        "lint",
        "--format",
        "json",
        "--today",
        "2025-11-06",
        &fixture("seeds/prime-spark.md"),
    ]);
    assert_eq!(code, 1);
    let findings: Vec<Value> = serde_json::from_str(&stdout).expect("json");
    let found = rules_at(&findings);
    for expected in [
        ("RL001", 5),   // "Current Readiness: 90%" over items giving 94.9%
        ("RL002", 5),   // … and over a weighted column adding up to 93.75
        ("RL001", 564), // Operations declared 50%, items 53.8%
        ("RL007", 570), // Documentation (95%) placed in "Nearly Ready (75-90%)"
        ("RL015", 604), // RECOMMENDATION: CONDITIONAL GO over a NO-GO
        ("RL008", 607), // ✅ Complete all "Must Have" items (2 pending)
        ("RL008", 608), // ✅ at least 4/5 "Should Have" (2 pending)
        ("RL006", 609), // ✅ >90% overall readiness (currently 90%)
        ("RL010", 614), // Go-Live: November 19, 2025 ✅ before that day
    ] {
        assert!(
            found.contains(&((expected.0).to_owned(), expected.1)),
            "{expected:?} missing from {found:?}"
        );
    }
    let threshold = findings
        .iter()
        .find(|f| f["rule"] == "RL006")
        .expect("RL006");
    assert_eq!(threshold["column"], 14, "points at the >90% it claims");
    let declared = findings
        .iter()
        .find(|f| f["rule"] == "RL001" && f["line"] == 5)
        .expect("RL001");
    assert_eq!(declared["fix"], "95%");
    assert!(
        declared["message"]
            .as_str()
            .expect("message")
            .contains("declares 90% readiness, but its items give 94.9%"),
        "{declared}"
    );
    // A year later, the same dates are stale instead of early.
    let (_, later) = lint_json(&root(), &[&fixture("seeds/prime-spark.md")]);
    let later = rules_at(&later);
    assert!(later.contains(&("RL009".to_owned(), 4)), "{later:?}");
    assert!(!later.iter().any(|(r, _)| r == "RL010"), "{later:?}");
}

#[test]
fn the_memory_system_seed_claims_approval_over_a_no_go() {
    let (code, findings) = lint_json(&root(), &[&fixture("seeds/memory-system.md")]);
    assert_eq!(code, 1);
    let found = rules_at(&findings);
    assert!(found.contains(&("RL015".to_owned(), 8)), "{found:?}");
    assert!(found.contains(&("RL015".to_owned(), 237)), "{found:?}");
    // Assessed 2024-01-16: far older than 90 days on the test's day.
    assert!(found.contains(&("RL009".to_owned(), 5)), "{found:?}");
}

#[test]
fn the_example_shows_what_it_was_built_to_show_and_the_templates_lint_clean() {
    let (code, findings) = lint_json(&root(), &["checklists/example"]);
    assert_eq!(code, 1);
    assert_eq!(
        rules_at(&findings),
        pairs(&[
            ("RL001", 5),
            ("RL004", 17),
            ("RL001", 54),
            ("RL001", 55),
            ("RL001", 57),
            ("RL001", 58),
            ("RL008", 64),
            ("RL015", 71),
        ])
    );
    let (code, findings) = lint_json(&root(), &["checklists/templates"]);
    assert_eq!((code, findings.len()), (0, 0), "{findings:#?}");
}

/// Checklists an assessment cannot take — one counting nothing, one without task boxes — are
/// linted on their text beside one it can, and every finding keeps the order the files were
/// named in, in the table and in SARIF too.
#[test]
fn checklists_that_cannot_be_scored_are_linted_beside_one_that_can() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "later.md",
        "# Later\n\n## Post-Launch\n- [ ] Watch\n- [ ] Watch\n",
    );
    write(dir.path(), "notes.md", "# Notes\n\n## Empty\n\n## Other\n");
    write(
        dir.path(),
        "launch.md",
        "# Launch\n**Current Readiness:** 48%\n## Build\n- [x] Tests pass\n- [ ] Load test\n",
    );
    let (code, findings) = lint_json(dir.path(), &["later.md", "notes.md", "launch.md"]);
    assert_eq!(code, 1, "{findings:#?}");
    let seen: Vec<(&str, &str, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["file"].as_str().expect("file"),
                f["rule"].as_str().expect("rule"),
                f["line"].as_u64().expect("line"),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("later.md", "RL016", 5),
            ("notes.md", "RL017", 3),
            ("notes.md", "RL017", 5),
            ("launch.md", "RL001", 2),
        ]
    );
    let (_, sarif, stderr) = run_in(
        dir.path(),
        &[
            "lint",
            "--format",
            "sarif",
            "--today",
            TODAY,
            "later.md",
            "notes.md",
            "launch.md",
        ],
    );
    let sarif: Value = serde_json::from_str(&sarif).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    // One run per checklist, in the order they were named.
    let files: Vec<&str> = sarif["runs"]
        .as_array()
        .expect("runs")
        .iter()
        .flat_map(|run| run["results"].as_array().expect("results"))
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .expect("uri")
        })
        .collect();
    assert_eq!(files, ["later.md", "notes.md", "notes.md", "launch.md"]);
}

#[test]
fn ready_yaml_sets_severities_and_parameters_and_rejects_unknown_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "launch.md",
        "# Launch\n**Current Readiness:** 48%\n**Last Updated:** 2026-05-01\n## Build\n- [x] Tests pass\n- [ ] Load test\n## Empty\n",
    );
    let (code, findings) = lint_json(dir.path(), &["launch.md"]);
    assert_eq!(code, 1, "RL001: 48% declared, 50% computed, tolerance 1");
    assert_eq!(rules_at(&findings), pairs(&[("RL001", 2), ("RL017", 7)]));

    write(
        dir.path(),
        "ready.yaml",
        "lint:\n  score_tolerance: 2\n  max_date_age: 30d\n  rules:\n    empty-section: off\n    RL009: error\n",
    );
    let (code, findings) = lint_json(dir.path(), &["launch.md"]);
    assert_eq!(code, 1);
    assert_eq!(rules_at(&findings), pairs(&[("RL009", 3)]));
    assert_eq!(findings[0]["severity"], "error");

    write(
        dir.path(),
        "ready.yaml",
        "lint:\n  rules:\n    RL009: error\n    tally-mismach: off\n",
    );
    let (code, _, stderr) = run_in(dir.path(), &["lint", "launch.md"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("ready.yaml:4")
            && stderr.contains("unknown lint rule \"tally-mismach\"")
            && stderr.contains("did you mean tally-mismatch"),
        "{stderr}"
    );
    write(
        dir.path(),
        "ready.yaml",
        "lint:\n  rules:\n    RL009: loud\n",
    );
    let (code, _, stderr) = run_in(dir.path(), &["lint", "launch.md"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("ready.yaml:3") && stderr.contains("expected error, warning, note or off"),
        "{stderr}"
    );
}

#[test]
fn suppressions_need_reasons_and_must_silence_something() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "launch.md",
        "# Launch\n## Ops\n<!-- ready-lint-disable-next-line RL012: tracked in OPS-12 -->\n- [x] Runbook - PENDING\n<!-- ready-lint-disable-next-line ticked-but-pending -->\n- [x] Rota - PENDING\n<!-- ready-lint-disable-next-line RL016: nothing here -->\n- [x] Alerts\n<!-- ready-lint-disable RL099: no such rule -->\n",
    );
    let (_, findings) = lint_json(dir.path(), &["launch.md"]);
    assert_eq!(
        rules_at(&findings),
        pairs(&[("RL021", 5), ("RL022", 7), ("RL022", 9)]),
        "{findings:#?}"
    );
    let unknown = findings.iter().find(|f| f["line"] == 9).expect("line 9");
    assert!(
        unknown["message"].as_str().expect("msg").contains("RL099"),
        "{unknown}"
    );
}

#[test]
fn exit_codes_follow_the_worst_finding() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "warn.md",
        "# L\n## A\n- [ ] Alerts ✅\n- [x] Tests\n",
    );
    let (code, _) = lint_json(dir.path(), &["warn.md"]);
    assert_eq!(code, 0, "a warning alone passes");
    let (code, _, _) = run_in(
        dir.path(),
        &["lint", "--today", TODAY, "--deny", "warnings", "warn.md"],
    );
    assert_eq!(code, 1, "--deny warnings fails on it");
    let (code, _, stderr) = run_in(dir.path(), &["lint", "missing.md"]);
    assert_eq!(code, 2, "{stderr}");
    let (code, stdout, _) = run_in(dir.path(), &["lint", "--today", TODAY, "warn.md"]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("warn.md:3: warning[RL013 done-mark-unticked]: \"Alerts\" shows ✅")
            && stdout.contains("    fix: - [x]")
            && stdout.ends_with("0 errors, 1 warning, 0 notes in 1 file\n"),
        "{stdout}"
    );
}

#[test]
fn check_shows_the_claim_rules_as_warnings() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "launch.md",
        "# Launch\n## Success\n- [x] Features\n- [ ] Load test\n\n**Current:** 2/2 (100%)\n",
    );
    let (_, stdout, _) = run_in(dir.path(), &["check", "--format", "json", "launch.md"]);
    let report: Value = serde_json::from_str(&stdout).expect("json");
    let warnings: Vec<&str> = report["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter_map(|w| w["message"].as_str())
        .collect();
    assert!(
        warnings.iter().any(|w| w
            .starts_with("says 2/2 (100%), but the items of Success show 1 of 2 done (50%)")
            && w.ends_with("[RL005]")),
        "{warnings:?}"
    );
}

/// `(ruleId, line, fingerprint)` of every result of a SARIF log.
fn sarif_results(log: &Value) -> Vec<(String, u64, String)> {
    log["runs"]
        .as_array()
        .expect("runs")
        .iter()
        .flat_map(|run| run["results"].as_array().expect("results").iter())
        .map(|r| {
            (
                r["ruleId"].as_str().expect("ruleId").to_owned(),
                r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .expect("line"),
                r["partialFingerprints"]["readySubject/v1"]
                    .as_str()
                    .expect("fingerprint")
                    .to_owned(),
            )
        })
        .collect()
}

fn sarif(dir: &Path, command: &str) -> Value {
    let args: Vec<&str> = if command == "lint" {
        vec!["lint", "--format", "sarif", "--today", TODAY, "launch.md"]
    } else {
        vec!["check", "--format", "sarif", "launch.md"]
    };
    let (code, stdout, stderr) = run_in(dir, &args);
    assert!(code == 0 || code == 1, "{stderr}");
    serde_json::from_str(&stdout).expect("SARIF is JSON")
}

#[test]
fn sarif_fingerprints_follow_the_item_not_its_line_or_box() {
    let dir = tempfile::tempdir().expect("tempdir");
    let original = "# Launch\n## Must Have\n- [x] Backups tested - PENDING\n- [ ] Pen test\n## Ops\n- [x] Alerts\n";
    write(dir.path(), "launch.md", original);
    let before = sarif(dir.path(), "check");
    assert_eq!(before["version"], "2.1.0");
    let run = &before["runs"][0];
    assert_eq!(run["automationDetails"]["id"], "ready/launch.md/");
    assert_eq!(run["tool"]["driver"]["name"], "ready");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(
        rules
            .iter()
            .all(|r| r["help"]["text"].as_str().is_some_and(|h| !h.is_empty()))
    );
    let results = sarif_results(&before);
    let pen = results
        .iter()
        .find(|(rule, line, _)| rule == "blocker/must-have-open" && *line == 4)
        .expect("the open must-have is a blocker on its line")
        .clone();
    let pending = results
        .iter()
        .find(|(rule, _, _)| rule == "RL012")
        .expect("the ticked PENDING item is a finding")
        .clone();

    // Moved down two lines, and its box ticked: same alerts.
    write(
        dir.path(),
        "launch.md",
        "# Launch\n\nIntro.\n## Must Have\n- [ ] Pen test\n- [x] Backups tested - PENDING\n## Ops\n- [x] Alerts\n",
    );
    let moved = sarif_results(&sarif(dir.path(), "check"));
    let moved_pen = moved
        .iter()
        .find(|(r, _, _)| r == "blocker/must-have-open")
        .expect("blocker");
    assert_eq!(
        (moved_pen.1, &moved_pen.2),
        (5, &pen.2),
        "same fingerprint at its new line"
    );
    let moved_pending = moved.iter().find(|(r, _, _)| r == "RL012").expect("RL012");
    assert_eq!((moved_pending.1, &moved_pending.2), (6, &pending.2));

    // Reworded: a different item, a different alert.
    write(
        dir.path(),
        "launch.md",
        original.replace("Pen test", "External pen test"),
    );
    let reworded = sarif_results(&sarif(dir.path(), "check"));
    let new_pen = reworded
        .iter()
        .find(|(r, _, _)| r == "blocker/must-have-open")
        .expect("blocker");
    assert_ne!(new_pen.2, pen.2);

    // The lint SARIF carries the same fingerprint for the same finding.
    write(dir.path(), "launch.md", original);
    let linted = sarif_results(&sarif(dir.path(), "lint"));
    assert!(linted.contains(&pending), "{linted:?}");
}

#[test]
fn the_same_box_in_two_lists_of_a_section_is_no_duplicate() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "deploy.md",
        "# Deploy\n## Packages\nAPI package:\n- [ ] appsettings.json\n- [ ] web.config\n\nWeb package:\n- [ ] appsettings.json\n- [ ] index.html\n  - note: appsettings.json\n- [ ] index.html\n",
    );
    let (_, findings) = lint_json(dir.path(), &["deploy.md"]);
    assert_eq!(
        rules_at(&findings),
        pairs(&[("RL016", 11)]),
        "{findings:#?}"
    );
}

/// A SARIF region spans its whole line, however wide: line widths are kept in two bytes, and a
/// line of 65,535 characters or more apart with its own width.
#[test]
fn a_region_spans_a_line_too_wide_for_two_bytes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let words = "word ".repeat(14_000);
    let item = format!("Rotate the keys {words}");
    write(
        dir.path(),
        "keys.md",
        format!("# Launch\n\n## Area\n\n- [x] {item}\n- [ ] {item}\n- [ ] Small\n"),
    );
    let (_, stdout, stderr) = run_in(dir.path(), &["lint", "keys.md", "--format", "sarif"]);
    let log: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    let width = "- [ ] ".len() + item.len();
    assert!(width > 65_535, "{width}");
    let regions: Vec<&Value> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| &r["locations"][0]["physicalLocation"]["region"])
        .collect();
    assert_eq!(regions.len(), 1, "{regions:?}");
    assert_eq!(regions[0]["startLine"], 6);
    assert_eq!(regions[0]["endColumn"], width as u64 + 1);
}
