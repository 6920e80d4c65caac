//! What ships in the repository: every template, example and probe file is loaded and checked,
//! so the documentation cannot drift from what the tool accepts.

use crate::support::{check_json, root, run, strings};

fn files_under(dir: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root().join(dir)];
    while let Some(path) = stack.pop() {
        for entry in std::fs::read_dir(&path).expect("dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(root()).expect("under root");
                out.push(relative.to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_shipped_checklist_loads() {
    let files = files_under("checklists");
    assert!(files.len() >= 3, "{files:?}");
    for file in files.iter().filter(|f| !f.ends_with("ready.yaml")) {
        let (code, report) = check_json(&[file]);
        assert!(code == 0 || code == 1);
        assert!(
            report["summary"]["items"].as_u64() > Some(0),
            "{file} has items"
        );
    }
}

#[test]
fn templates_start_out_no_go_and_name_their_must_haves() {
    for template in [
        "checklists/templates/service-launch.md",
        "checklists/templates/service-launch.yaml",
    ] {
        let (code, report) = check_json(&[template]);
        assert_eq!(code, 1, "{template}");
        assert_eq!(report["score"], 0.0);
        let rules = strings(&report["blockers"], "rule");
        assert!(
            rules.iter().any(|r| r == "must-have-open"),
            "{template}: {rules:?}"
        );
        let categories: Vec<(String, f64)> = report["categories"]
            .as_array()
            .expect("categories")
            .iter()
            .map(|c| {
                (
                    c["name"].as_str().expect("name").to_owned(),
                    c["weight"].as_f64().expect("weight"),
                )
            })
            .collect();
        assert_eq!(
            categories[0],
            ("1 Reliability".to_owned(), 30.0),
            "{template}"
        );
        assert_eq!(categories.len(), 5, "{template}: {categories:?}");
        assert!(report["signoffs"].as_array().expect("signoffs").len() >= 3);
    }
}

#[test]
fn the_example_explains_its_no_go() {
    let (code, stdout, _) = run(&[
        "check",
        "checklists/example",
        "--no-probes",
        "--today",
        "2026-06-15",
    ]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("example_table", stdout);
}

/// The shipped probe file against stand-ins for the example's services (what
/// scripts/example.sh sets up): five claims verified, two contradicted (a service down, a
/// critical vulnerability in the scan), one not run.
#[test]
fn the_example_probes_verify_and_contradict() {
    use std::time::{Duration, SystemTime};
    let web = crate::servers::Web::start();
    let state = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(state.path().join("backups")).expect("mkdir");
    let backup = state.path().join("backups/ledger.sql.gz");
    std::fs::write(&backup, vec![1u8; 8192]).expect("backup");
    std::fs::File::options()
        .write(true)
        .open(&backup)
        .and_then(|f| f.set_modified(SystemTime::now() - Duration::from_secs(3600)))
        .expect("mtime");
    // The reports the CI job's load test and dependency scan leave (as example_services writes).
    std::fs::create_dir(state.path().join("reports")).expect("mkdir");
    std::fs::write(
        state.path().join("reports/load.json"),
        r#"{"metrics": {"http_req_duration": {"p(95)": 182.6}, "http_req_failed": {"rate": 0.0004}}}"#,
    )
    .expect("load summary");
    std::fs::write(
        state.path().join("reports/dependencies.sarif"),
        r#"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "osv-scanner", "rules": [
            {"id": "GHSA-1", "properties": {"security-severity": "9.8"}}]}},
            "results": [{"ruleId": "GHSA-1", "message": {"text": "forged tokens"}}]}]}"#,
    )
    .expect("scan");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        use sqlx::ConnectOptions;
        sqlx::sqlite::SqliteConnectOptions::new()
            .filename(state.path().join("ledger.db"))
            .create_if_missing(true)
            .connect()
            .await
            .expect("ledger");
    });
    let output = crate::support::ready()
        .env("PAYMENTS_API", web.url(""))
        .env(
            "PAYMENTS_METRICS",
            format!("http://{}", crate::servers::closed_address()),
        )
        .env("PAYMENTS_STATE", state.path())
        .args([
            "check",
            "checklists/example",
            "--format",
            "json",
            "--record",
        ])
        .arg(state.path().join("bundle"))
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    // Every kind of the example (http, sqlite, backup, JSON and SARIF artifacts, a skipped
    // command) replays offline to the same report, with the services and files gone.
    let replayed = crate::support::ready()
        .env("PAYMENTS_STATE", state.path().join("gone"))
        .args([
            "check",
            "checklists/example",
            "--format",
            "json",
            "--replay",
        ])
        .arg(state.path().join("bundle"))
        .output()
        .expect("ran");
    assert_eq!(
        String::from_utf8_lossy(&replayed.stdout),
        String::from_utf8_lossy(&output.stdout)
    );
    let outcomes: Vec<(String, String)> = report["probes"]
        .as_array()
        .expect("probes")
        .iter()
        .map(|p| {
            (
                p["id"].as_str().expect("id").to_owned(),
                p["outcome"].as_str().expect("o").to_owned(),
            )
        })
        .collect();
    let expected = [
        ("api-health", "pass"),
        ("metrics", "fail"),
        ("nightly-backup", "pass"),
        ("ledger-db", "pass"),
        ("load-test", "pass"),
        ("dependency-scan", "fail"),
        ("rollback-script", "skipped"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    assert_eq!(outcomes, expected);
    // The load test's item is written twice (its section and the Go/No-Go list).
    assert_eq!(report["summary"]["verified"], 5);
    assert_eq!(report["summary"]["contradicted"], 2);
    let rules = strings(&report["blockers"], "rule");
    assert!(rules.iter().any(|r| r == "probe-contradicts"), "{rules:?}");

    // Without the services, every checked claim is contradicted: the box alone does not pass.
    let output = crate::support::ready()
        .env(
            "PAYMENTS_API",
            format!("http://{}", crate::servers::closed_address()),
        )
        .env(
            "PAYMENTS_METRICS",
            format!("http://{}", crate::servers::closed_address()),
        )
        .env("PAYMENTS_STATE", state.path().join("gone"))
        .args(["check", "checklists/example", "--format", "json"])
        .output()
        .expect("ran");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(report["summary"]["contradicted"], 7, "{report}");
}
