//! Run histories: `--history` appends a line per run (concurrent runs both land), `ready
//! history` prints the trend from the file or from a report committed to git, and the HTML
//! report draws it.

use serde_json::Value;

use crate::support::{git, run_concurrently, run_in, write};

const CHECKLIST: &str = "# Service\n## Reliability\n- [x] Health endpoint\n- [ ] Load test\n## Operations\n- [x] Runbook\n- [ ] Dashboards\n";

#[test]
fn runs_append_to_the_history_and_the_trend_is_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "launch.md", CHECKLIST);
    let (code, _, stderr) = run_in(
        dir.path(),
        &[
            "check",
            "--no-probes",
            "--history",
            "out/history.jsonl",
            "launch.md",
        ],
    );
    assert_eq!(code, 1, "{stderr}");
    write(
        dir.path(),
        "launch.md",
        CHECKLIST.replace("[ ] Load test", "[x] Load test"),
    );
    run_in(
        dir.path(),
        &[
            "check",
            "--no-probes",
            "--history",
            "out/history.jsonl",
            "--report",
            "html=out/ready.html",
            "launch.md",
        ],
    );
    let text = std::fs::read_to_string(dir.path().join("out/history.jsonl")).expect("history");
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["score"], 50.0);
    assert_eq!(lines[1]["score"], 75.0);
    assert_eq!(lines[1]["verdict"], "no-go");
    assert_eq!(lines[1]["checklists"][0], "launch.md");
    assert_eq!(lines[1]["categories"][0]["name"], "Reliability");
    for key in [
        "time",
        "commit",
        "threshold",
        "blockers",
        "items",
        "checked",
        "verified",
        "contradicted",
        "warnings",
    ] {
        assert!(lines[1].get(key).is_some(), "{key}");
    }
    let html = std::fs::read_to_string(dir.path().join("out/ready.html")).expect("html");
    assert!(
        html.contains("<section id=\"trend\"><h2>Trend (2 runs)</h2><svg"),
        "trend drawn"
    );
    assert_eq!(html.matches("<circle").count(), 2);

    let (code, table, _) = run_in(dir.path(), &["history", "out/history.jsonl"]);
    assert_eq!(code, 0);
    assert!(table.contains(" 75.00%  +25.00  no-go"), "{table}");
    assert!(table.ends_with("2 runs\n"), "{table}");
    let (_, json, _) = run_in(
        dir.path(),
        &["history", "--format", "json", "out/history.jsonl"],
    );
    let list: Value = serde_json::from_str(&json).expect("json");
    assert_eq!(list.as_array().expect("list").len(), 2);
}

#[test]
fn concurrent_runs_both_land_and_a_torn_line_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "launch.md", CHECKLIST);
    write(dir.path(), "history.jsonl", "{\"time\": \"torn");
    run_concurrently(
        dir.path(),
        8,
        &[
            "check",
            "--no-probes",
            "--history",
            "history.jsonl",
            "launch.md",
        ],
    );
    let text = std::fs::read_to_string(dir.path().join("history.jsonl")).expect("history");
    assert_eq!(text.lines().count(), 9);
    let (code, table, stderr) = run_in(dir.path(), &["history", "history.jsonl"]);
    assert_eq!(code, 0);
    assert!(table.ends_with("8 runs\n"), "{table}");
    assert!(
        stderr.contains("history.jsonl:1: not a history entry"),
        "{stderr}"
    );
}

#[test]
fn the_history_can_be_read_from_reports_committed_to_git() {
    let dir = tempfile::tempdir().expect("tempdir");
    git(dir.path(), &["init", "-q", "-b", "main"]);
    // A run of the checklist as `text`, its report committed.
    let commit_run = |text: &str, message: &str| {
        write(dir.path(), "launch.md", text);
        run_in(
            dir.path(),
            &[
                "check",
                "--no-probes",
                "--report",
                "json=out dir/ready.json",
                "launch.md",
            ],
        );
        git(dir.path(), &["add", "-A"]);
        git(dir.path(), &["commit", "-q", "-m", message]);
    };
    commit_run(CHECKLIST, "run 0");
    commit_run(
        &CHECKLIST.replace("[ ] Load test", "[x] Load test"),
        "run 1",
    );
    commit_run(&CHECKLIST.replace("[ ] ", "[x] "), "run 2");
    // A commit that deletes the report is no point; the report written again is.
    git(dir.path(), &["rm", "-q", "out dir/ready.json"]);
    git(dir.path(), &["commit", "-q", "-m", "report removed"]);
    commit_run(CHECKLIST, "run 3");
    let (code, json, stderr) = run_in(
        dir.path(),
        &["history", "--git", "out dir/ready.json", "--format", "json"],
    );
    assert_eq!(code, 0, "{stderr}");
    let list: Vec<Value> = serde_json::from_str(&json).expect("json");
    let scores: Vec<f64> = list
        .iter()
        .map(|e| e["score"].as_f64().expect("score"))
        .collect();
    assert_eq!(scores, [50.0, 75.0, 100.0, 50.0]);
    assert!(
        list.iter()
            .all(|e| e["commit"].as_str().is_some_and(|c| c.len() == 40))
    );
    assert_eq!(list[2]["verdict"], "go");
}
