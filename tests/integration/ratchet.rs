//! The ratchet (`ready check --baseline`): worse than the baseline is NO-GO even above the
//! threshold; a flaky endpoint never trips it, a real failure always does; improvements leave
//! a stale-baseline note (NO-GO under --strict); and the JSON report a baseline is made of is
//! byte-identical for identical inputs.

use std::path::Path;

use serde_json::Value;

use crate::servers::Web;
use crate::support::{run_in, write};

const CHECKLIST: &str = "# Service\n## Reliability\n- [ ] Health endpoint answers <!-- probe: health -->\n- [x] Runbook written\n- [ ] Load test passed\n## Operations\n- [x] On-call rotation\n- [ ] Dashboards\n";

fn probe_file(dir: &Path, name: &str, url: &str) {
    write(
        dir,
        name,
        format!(
            "probes:\n  - id: health\n    retries: 1\n    timeout: 5s\n    http:\n      url: {url}\n"
        ),
    );
}

fn check(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let mut all = vec![
        "check",
        "--format",
        "json",
        "--threshold",
        "0",
        "--today",
        "2026-06-15",
    ];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = run_in(dir, &all);
    assert!(code == 0 || code == 1, "exit {code}: {stderr}");
    (code, serde_json::from_str(&stdout).expect("json"), stdout)
}

fn regressions(report: &Value) -> Vec<String> {
    report["blockers"]
        .as_array()
        .expect("blockers")
        .iter()
        .filter(|b| b["rule"] == "regression")
        .map(|b| b["message"].as_str().expect("message").to_owned())
        .collect()
}

/// A baseline recorded while the health endpoint answered.
fn baseline(dir: &Path, web: &Web) {
    probe_file(dir, "good.yaml", &web.url("/health"));
    let (code, _, stdout) = check(dir, &["--probes", "good.yaml", "launch.md"]);
    assert_eq!(code, 0);
    write(dir, "baseline.json", stdout);
}

#[test]
fn a_flaky_endpoint_never_trips_the_ratchet_and_a_real_failure_always_does() {
    let web = Web::start();
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "launch.md", CHECKLIST);
    baseline(dir.path(), &web);

    // One request in ten fails: about one run in ten needs its retry. None may trip.
    probe_file(dir.path(), "flaky.yaml", &web.url("/tenth"));
    let mut flaky_runs = 0;
    for _ in 0..100 {
        let (code, report, _) = check(
            dir.path(),
            &[
                "--baseline",
                "baseline.json",
                "--probes",
                "flaky.yaml",
                "launch.md",
            ],
        );
        assert_eq!(regressions(&report), Vec::<String>::new());
        assert_eq!(code, 0, "{report:#}");
        if report["items"][0]["status"] == "flaky" {
            flaky_runs += 1;
        }
    }
    assert!(
        flaky_runs >= 5,
        "the endpoint was flaky in {flaky_runs} runs of 100"
    );

    // A real failure fails every attempt: it trips every time, though the box was never
    // ticked (no other rule blocks) and the threshold is 0.
    probe_file(dir.path(), "down.yaml", &web.url("/error"));
    for _ in 0..5 {
        let (code, report, _) = check(
            dir.path(),
            &[
                "--baseline",
                "baseline.json",
                "--probes",
                "down.yaml",
                "launch.md",
            ],
        );
        assert_eq!(code, 1);
        let found = regressions(&report);
        assert!(
            found[0].starts_with("\"Health endpoint answers\" (launch.md:3) was verified in the baseline and is open now"),
            "{found:?}"
        );
        assert!(
            found[1].starts_with("the score fell from 58.33% in the baseline"),
            "{found:?}"
        );
    }
}

#[test]
fn the_score_may_fall_only_within_the_tolerance_and_improvements_make_the_baseline_stale() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "launch.md", CHECKLIST);
    let (_, _, stdout) = check(dir.path(), &["--no-probes", "launch.md"]);
    write(dir.path(), "baseline.json", stdout);

    // Unticking the runbook lowers the score by 16.67 points.
    write(
        dir.path(),
        "launch.md",
        CHECKLIST.replace("[x] Runbook", "[ ] Runbook"),
    );
    let (code, report, _) = check(
        dir.path(),
        &["--no-probes", "--baseline", "baseline.json", "launch.md"],
    );
    assert_eq!(code, 1);
    assert_eq!(regressions(&report).len(), 1, "{report:#}");
    let (code, _, _) = check(
        dir.path(),
        &[
            "--no-probes",
            "--baseline",
            "baseline.json",
            "--tolerance",
            "20",
            "launch.md",
        ],
    );
    assert_eq!(code, 0);

    // A must-have that was done and is not: NO-GO whatever the tolerance.
    write(
        dir.path(),
        "launch.md",
        format!("{CHECKLIST}## Must Have\n- [x] Runbook written\n"),
    );
    let (_, _, stdout) = check(dir.path(), &["--no-probes", "launch.md"]);
    write(dir.path(), "must.json", stdout);
    write(
        dir.path(),
        "launch.md",
        format!(
            "{}## Must Have\n- [ ] Runbook written\n",
            CHECKLIST.replace("[x] Runbook", "[ ] Runbook")
        ),
    );
    let (_, report, _) = check(
        dir.path(),
        &[
            "--no-probes",
            "--baseline",
            "must.json",
            "--tolerance",
            "100",
            "launch.md",
        ],
    );
    assert!(
        regressions(&report)
            .iter()
            .any(|m| m.contains("a must-have that was done in the baseline is open now")),
        "{report:#}"
    );

    // Work done since: a note that the baseline is stale, and NO-GO under --strict.
    write(
        dir.path(),
        "launch.md",
        CHECKLIST.replace("[ ] Load test", "[x] Load test"),
    );
    let (code, report, _) = check(
        dir.path(),
        &["--no-probes", "--baseline", "baseline.json", "launch.md"],
    );
    assert_eq!(code, 0);
    let warnings = report["warnings"].to_string();
    assert!(warnings.contains("is stale: 1 item improved"), "{warnings}");
    let (code, report, _) = check(
        dir.path(),
        &[
            "--no-probes",
            "--strict",
            "--baseline",
            "baseline.json",
            "launch.md",
        ],
    );
    assert_eq!(code, 1);
    assert!(regressions(&report)[0].contains("--strict fails on a stale baseline"));
}

#[test]
fn reports_are_byte_identical_for_identical_inputs_and_a_bad_baseline_is_located() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "launch.md", CHECKLIST);
    // Under SOURCE_DATE_EPOCH even the report's own stamp is the same.
    let stamped = || {
        let output = crate::support::ready()
            .current_dir(dir.path())
            .env("SOURCE_DATE_EPOCH", "1796000000")
            .args(["check", "--format", "json", "--today", "2026-06-15"])
            .args(["--no-probes", "launch.md"])
            .output()
            .expect("ran");
        String::from_utf8(output.stdout).expect("utf-8")
    };
    let first = stamped();
    assert_eq!(first, stamped());
    assert!(first.contains("\"generated_at\": \"2026-11-30T"), "{first}");

    write(
        dir.path(),
        "baseline.json",
        "{\"score\": 50,\n \"items\": 3}\n",
    );
    let (code, _, stderr) = run_in(
        dir.path(),
        &[
            "check",
            "--no-probes",
            "--baseline",
            "baseline.json",
            "launch.md",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("baseline.json:2") && stderr.contains("expected the JSON report"),
        "{stderr}"
    );
}
