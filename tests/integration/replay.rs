//! Record and replay: a bundle written by `--record` gives, offline, the same JSON report as
//! the run that recorded it; under another threshold too; it is refused against a changed
//! checklist or probe file; and evidence older than `--max-evidence-age` counts as missing.

use std::path::Path;

use crate::servers::{Web, closed_address};
use crate::support::{run_in, write};

const CHECKLIST: &str = "# Service\n## Reliability\n- [x] Health endpoint answers <!-- probe: health -->\n- [x] Error page is friendly <!-- probe: error -->\n- [ ] Cache reachable <!-- probe: cache -->\n- [x] Runbook written\n## Operations\n- [ ] Dashboards\n";

fn setup(dir: &Path, web: &Web) {
    write(dir, "launch.md", CHECKLIST);
    write(
        dir,
        "probes.yaml",
        format!(
            "probes:\n  - id: health\n    http: {{ url: \"{}\" }}\n  - id: error\n    http: {{ url: \"{}\" }}\n  - id: cache\n    timeout: 2s\n    tcp: {{ address: \"{}\" }}\n",
            web.url("/health"),
            web.url("/error"),
            closed_address()
        ),
    );
}

fn check(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["check", "--format", "json", "--today", "2026-06-15"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = run_in(dir, &all);
    assert!(code == 0 || code == 1, "exit {code}: {stderr}");
    (code, stdout, stderr)
}

#[test]
fn a_replay_gives_the_recorded_report_offline_and_is_refused_against_changed_inputs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let web = Web::start();
    setup(dir.path(), &web);
    let (code, recorded, _) = check(
        dir.path(),
        &["--probes", "probes.yaml", "--record", "bundle", "launch.md"],
    );
    assert_eq!(code, 1);
    assert!(recorded.contains("\"contradicted\""), "{recorded}");
    drop(web); // Nothing answers any more: the replay must not need it.

    let (code, replayed, _) = check(
        dir.path(),
        &["--probes", "probes.yaml", "--replay", "bundle", "launch.md"],
    );
    assert_eq!(code, 1);
    assert_eq!(replayed, recorded, "the same report, offline");

    // Would it have been GO at 10%? The error page probe still contradicts a ticked box.
    let (_, lower, _) = check(
        dir.path(),
        &[
            "--probes",
            "probes.yaml",
            "--replay",
            "bundle",
            "--threshold",
            "10",
            "launch.md",
        ],
    );
    let report: serde_json::Value = serde_json::from_str(&lower).expect("json");
    assert_eq!(report["threshold"], 10.0);
    assert!(
        report["blockers"]
            .as_array()
            .expect("blockers")
            .iter()
            .all(|b| b["rule"] != "score-below-threshold")
    );
    assert!(
        report["warnings"]
            .to_string()
            .contains("replayed under a different policy")
    );

    // A changed checklist is refused, with both digests.
    write(
        dir.path(),
        "launch.md",
        CHECKLIST.replace("[ ] Dashboards", "[x] Dashboards"),
    );
    let (code, _, stderr) = run_in(
        dir.path(),
        &[
            "check",
            "--probes",
            "probes.yaml",
            "--replay",
            "bundle",
            "launch.md",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains(
            "launch.md changed since the evidence in bundle was recorded (recorded sha256:"
        ) && stderr.contains(", now sha256:"),
        "{stderr}"
    );
}

#[test]
fn old_evidence_counts_as_missing_under_max_evidence_age() {
    let dir = tempfile::tempdir().expect("tempdir");
    let web = Web::start();
    setup(dir.path(), &web);
    check(
        dir.path(),
        &["--probes", "probes.yaml", "--record", "bundle", "launch.md"],
    );
    let bundle = dir.path().join("bundle/evidence.json");
    let text = std::fs::read_to_string(&bundle).expect("bundle");
    let value: serde_json::Value = serde_json::from_str(&text).expect("json");
    let recorded_at = value["recorded_at"].as_str().expect("time").to_owned();
    std::fs::write(&bundle, text.replace(&recorded_at, "2020-01-01T00:00:00Z")).expect("age it");
    let (_, stdout, _) = check(
        dir.path(),
        &[
            "--probes",
            "probes.yaml",
            "--replay",
            "bundle",
            "--max-evidence-age",
            "7d",
            "launch.md",
        ],
    );
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    let outcomes: Vec<&str> = report["probes"]
        .as_array()
        .expect("probes")
        .iter()
        .map(|p| p["outcome"].as_str().expect("outcome"))
        .collect();
    assert_eq!(outcomes, ["skipped", "skipped", "skipped"]);
    assert!(
        report["probes"][0]["message"]
            .as_str()
            .expect("msg")
            .contains("older than --max-evidence-age 7days")
    );
    // Young enough evidence is used.
    let (_, stdout, _) = check(
        dir.path(),
        &[
            "--probes",
            "probes.yaml",
            "--replay",
            "bundle",
            "--max-evidence-age",
            "36500d",
            "launch.md",
        ],
    );
    assert!(stdout.contains("\"outcome\": \"pass\""), "{stdout}");
}
