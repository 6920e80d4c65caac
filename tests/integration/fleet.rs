//! Many services: `labels:` carried into every report and metric, `ready summarize` over their
//! JSON reports, and the alert rules and `CronJob` under `deploy/`.

use std::path::Path;

use crate::support::{run_in, write};

const CHECKLIST: &str = "# Launch\n\n## Ops\n- [x] Runbook written\n- [ ] On-call rota agreed\n";

#[test]
fn labels_reach_the_json_report_and_every_metric() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "launch.md", CHECKLIST);
    write(
        dir.path(),
        "ready.yaml",
        "checklists: [launch.md]\nlabels:\n  service: payments\n  owner: team-pay\n",
    );
    let (_, stdout, stderr) = run_in(dir.path(), &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout).expect(&stderr);
    assert_eq!(report["labels"]["service"], "payments");
    assert_eq!(report["labels"]["owner"], "team-pay");
    let (_, metrics, _) = run_in(dir.path(), &["check", "--format", "openmetrics"]);
    for line in metrics.lines().filter(|l| !l.starts_with('#')) {
        assert!(
            line.contains(r#"owner="team-pay",service="payments""#),
            "{line}"
        );
    }
    assert!(
        metrics.contains("ready_report_timestamp_seconds{"),
        "{metrics}"
    );
}

fn bad_labels(dir: &Path, labels: &str) -> String {
    write(
        dir,
        "ready.yaml",
        format!("checklists: [launch.md]\nlabels:\n{labels}"),
    );
    let (code, _, stderr) = run_in(dir, &["check"]);
    assert_eq!(code, 2, "{stderr}");
    stderr
}

#[test]
fn a_label_a_metric_cannot_carry_is_refused_at_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "launch.md", CHECKLIST);
    let stderr = bad_labels(dir.path(), "  service: payments\n  owner-team: pay\n");
    assert!(
        stderr.contains("ready.yaml:4") && stderr.contains("letters, digits and underscores"),
        "{stderr}"
    );
    let stderr = bad_labels(dir.path(), "  verdict: go\n");
    assert!(stderr.contains("ready's own metrics use"), "{stderr}");
    let stderr = bad_labels(dir.path(), "  service: \"\"\n");
    assert!(stderr.contains("label service is empty"), "{stderr}");
}
