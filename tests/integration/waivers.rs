//! Waivers in ready.yaml: active (go-with-waivers, exit 0), expired (blocks again, says so),
//! --strict, the `max_waivers` cap, and bad waivers (exit 2 at the line).

use serde_json::Value;

use crate::support::{run_in, write};

const CHECKLIST: &str = "\
# Launch

## 1. Service

### Must Have
- [x] Health endpoint answers
- [ ] Penetration test report filed
- [ ] Load test at 2x peak passed

### Nice to Have
- [ ] Chaos test
";

fn project(waivers: &str, policy: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "launch.md", CHECKLIST);
    write(
        dir.path(),
        "ready.yaml",
        format!("checklists: [launch.md]\npolicy:\n  threshold: 10\n{policy}waivers:\n{waivers}"),
    );
    dir
}

fn waiver(item: &str, expires: &str) -> String {
    format!(
        "  - item: \"{item}\"\n    reason: \"vendor slot next week\"\n    approved_by: \"CISO\"\n    expires: {expires}\n"
    )
}

fn check(dir: &std::path::Path, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["check", "--no-probes", "--format", "json"];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = run_in(dir, &args);
    assert!(code == 0 || code == 1, "exit {code}: {stderr}");
    (code, serde_json::from_str(&stdout).expect("json"))
}

fn both_waived() -> String {
    waiver("Penetration test report filed", "2099-12-31") + &waiver("1.must-have/3", "2099-12-31")
}

#[test]
fn active_waivers_give_go_with_waivers_and_exit_0() {
    let dir = project(&both_waived(), "");
    let (code, report) = check(dir.path(), &[]);
    assert_eq!(code, 0);
    assert_eq!(report["verdict"], "go-with-waivers");
    assert_eq!(report["blockers"].as_array().expect("blockers").len(), 0);
    let waivers = report["waivers"].as_array().expect("waivers");
    assert!(
        waivers.iter().all(|w| w["state"] == "active"),
        "{waivers:?}"
    );
    assert_eq!(
        waivers[1]["blockers"][0]["item"]["title"],
        "Load test at 2x peak passed"
    );
    let (_, table, _) = run_in(dir.path(), &["check", "--no-probes"]);
    assert!(table.starts_with("GO WITH WAIVERS"), "{table}");
    assert!(table.contains("Waivers (2)"), "{table}");
}

#[test]
fn an_expired_waiver_blocks_again_and_the_report_says_so() {
    let dir = project(
        &(waiver("Penetration test report filed", "2020-01-31")
            + &waiver("1.must-have/3", "2099-12-31")),
        "",
    );
    let (code, report) = check(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(report["verdict"], "no-go");
    let blockers = report["blockers"].as_array().expect("blockers");
    assert_eq!(blockers.len(), 1);
    assert!(
        blockers[0]["message"].as_str().expect("message").ends_with(
            "its waiver expired on 2020-01-31 (approved by CISO: vendor slot next week)"
        ),
        "{blockers:?}"
    );
    assert_eq!(report["waivers"][0]["state"], "expired");
}

#[test]
fn strict_counts_waivers_as_blockers() {
    let dir = project(&both_waived(), "");
    let (code, report) = check(dir.path(), &["--strict"]);
    assert_eq!(code, 1);
    assert_eq!(report["blockers"].as_array().expect("blockers").len(), 2);
    assert!(
        report["blockers"][0]["message"]
            .as_str()
            .expect("message")
            .contains("--strict counts waivers as blockers")
    );
    let dir = project(&both_waived(), "  strict: true\n");
    assert_eq!(check(dir.path(), &[]).0, 1, "strict from ready.yaml too");
}

#[test]
fn max_waivers_caps_waiver_debt() {
    let dir = project(&both_waived(), "  max_waivers: 1\n");
    let (code, report) = check(dir.path(), &[]);
    assert_eq!(code, 1);
    let blockers = report["blockers"].as_array().expect("blockers");
    assert_eq!(blockers.len(), 1);
    assert_eq!(blockers[0]["rule"], "too-many-waivers");
    assert!(
        blockers[0]["message"]
            .as_str()
            .expect("message")
            .starts_with("2 waivers are in effect, the policy allows at most 1"),
        "{blockers:?}"
    );
    let dir = project(&both_waived(), "  max_waivers: 2\n");
    assert_eq!(check(dir.path(), &[]).0, 0);
}

#[test]
fn a_score_below_threshold_cannot_be_waived() {
    let dir = project(&both_waived(), "");
    write(
        dir.path(),
        "ready.yaml",
        format!(
            "checklists: [launch.md]\npolicy:\n  threshold: 90\nwaivers:\n{}",
            both_waived()
        ),
    );
    let (code, report) = check(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(report["blockers"][0]["rule"], "score-below-threshold");
}

#[test]
fn bad_waivers_exit_2_at_the_line() {
    let cases = [
        (
            "  - item: \"Chaos test\"\n    reason: \"x\"\n    expires: 2099-01-01\n",
            "ready.yaml:7",
            "approved_by",
        ),
        (
            "  - item: \"Chaos test\"\n    reason: \"x\"\n    approved_by: \"me\"\n    expires: next week\n",
            "ready.yaml:8",
            "expires must be a date such as 2026-12-31",
        ),
        (
            "  - item: \"Chaos test\"\n    reason: \"\"\n    approved_by: \"me\"\n    expires: 2099-01-01\n",
            "ready.yaml:5",
            "reason must not be empty",
        ),
        (
            "  - item: \"Penetraton test report filed\"\n    reason: \"x\"\n    approved_by: \"me\"\n    expires: 2099-01-01\n",
            "ready.yaml:5",
            "which no checklist has",
        ),
        (
            "  - item: \"Chaos test\"\n    reason: \"x\"\n    approved_by: \"me\"\n    expires: 2099-01-01\n    approved: yes\n",
            "ready.yaml:9",
            "approved",
        ),
    ];
    for (waivers, location, message) in cases {
        let dir = project(waivers, "");
        let (code, _, stderr) = run_in(dir.path(), &["check", "--no-probes"]);
        assert_eq!(code, 2, "{waivers}: {stderr}");
        assert!(stderr.contains(location), "{waivers}: {stderr}");
        assert!(stderr.contains(message), "{waivers}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}
