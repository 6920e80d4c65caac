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

/// Runs `ready check --format json` for a service in its own directory and leaves the report
/// in `reports/NAME.json`, as a CI job's artifact would arrive.
fn service(root: &Path, name: &str, owner: &str, ticked: bool, waiver_ends: Option<&str>) {
    let dir = root.join(name);
    let mark = if ticked { "x" } else { " " };
    write(
        &dir,
        "launch.md",
        format!(
            "# Launch\n\n## Must Have\n- [x] Runbook written\n- [{mark}] On-call rota agreed\n"
        ),
    );
    let waiver = waiver_ends.map_or_else(String::new, |day| {
        format!(
            "waivers:\n  - item: \"On-call rota agreed\"\n    reason: rota starts Monday\n    approved_by: SRE Lead\n    expires: {day}\n"
        )
    });
    write(
        &dir,
        "ready.yaml",
        format!(
            "checklists: [launch.md]\npolicy: {{threshold: 0}}\nlabels:\n  service: {name}\n  owner: {owner}\n{waiver}"
        ),
    );
    let (code, stdout, stderr) = run_in(
        &dir,
        &["check", "--format", "json", "--today", "2026-12-01"],
    );
    assert!(code == 0 || code == 1, "{stderr}");
    write(&root.join("reports"), &format!("{name}.json"), stdout);
}

fn summarize(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["summarize", "--today", "2026-12-01"];
    all.extend_from_slice(args);
    run_in(dir, &all)
}

#[test]
fn summarize_puts_the_worst_first_groups_by_owner_and_exits_by_the_worst() {
    let dir = tempfile::tempdir().expect("tempdir");
    service(dir.path(), "api", "payments", true, None);
    service(dir.path(), "ledger", "payments", false, None);
    service(dir.path(), "search", "discovery", false, Some("2026-12-04"));
    // A SARIF log beside the reports is not one: skipped with a warning.
    write(
        &dir.path().join("reports"),
        "scan.sarif.json",
        "{\"version\": \"2.1.0\"}",
    );
    let (code, stdout, stderr) = summarize(
        dir.path(),
        &["reports", "--group-by", "owner", "--format", "json"],
    );
    assert_eq!(code, 1, "ledger is NO-GO: {stderr}");
    assert!(
        stderr.contains("scan.sarif.json") && stderr.contains("skipped"),
        "{stderr}"
    );
    let summary: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    let services: Vec<&str> = summary["services"]
        .as_array()
        .expect("services")
        .iter()
        .map(|s| s["service"].as_str().expect("name"))
        .collect();
    assert_eq!(services, ["ledger", "search", "api"]);
    assert_eq!(summary["verdict"], "no-go");
    assert_eq!(summary["totals"]["services"], 3);
    assert_eq!(summary["totals"]["no_go"], 1);
    assert_eq!(summary["totals"]["go_with_waivers"], 1);
    assert_eq!(summary["groups"][0]["name"], "payments");
    assert_eq!(summary["groups"][0]["worst"], "ledger");
    assert_eq!(summary["services"][1]["expiring_waivers"], 1);
    assert_eq!(summary["services"][0]["labels"]["owner"], "payments");

    // The table says the same, worst first, and the exit code does not depend on the format.
    let (code, table, _) = summarize(dir.path(), &["reports", "--group-by", "owner"]);
    assert_eq!(code, 1);
    assert!(
        table.starts_with("NO-GO  3 services: 1 GO, 1 GO WITH WAIVERS, 1 NO-GO"),
        "{table}"
    );
    let (code, quiet, _) = summarize(dir.path(), &["reports", "-q"]);
    assert_eq!(code, 1);
    assert_eq!(quiet.lines().count(), 1, "{quiet}");
    let ledger = table.find("│ ledger").expect("ledger row");
    let api = table.find("│ api").expect("api row");
    assert!(ledger < api, "{table}");
}

#[test]
fn a_previous_summary_gives_changes_new_and_gone_services() {
    let dir = tempfile::tempdir().expect("tempdir");
    service(dir.path(), "api", "payments", false, None);
    service(dir.path(), "old", "payments", true, None);
    let (_, before, _) = summarize(dir.path(), &["reports", "--format", "json"]);
    write(dir.path(), "before.json", before);
    std::fs::remove_file(dir.path().join("reports/old.json")).expect("rm");
    service(dir.path(), "api", "payments", true, None);
    service(dir.path(), "new", "search", true, None);
    let (code, stdout, stderr) = summarize(
        dir.path(),
        &["reports", "--previous", "before.json", "--format", "json"],
    );
    assert_eq!(code, 0, "{stderr}");
    let summary: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    let api = summary["services"]
        .as_array()
        .expect("services")
        .iter()
        .find(|s| s["service"] == "api")
        .expect("api");
    assert_eq!(api["previous"]["verdict"], "no-go");
    assert_eq!(api["previous"]["score_delta"], 50.0);
    assert_eq!(summary["gone"][0]["service"], "old");
    let (_, markdown, _) = summarize(
        dir.path(),
        &[
            "reports",
            "--previous",
            "before.json",
            "--format",
            "markdown",
        ],
    );
    assert!(markdown.contains("| was NO-GO |"), "{markdown}");
    assert!(markdown.contains("| new |"), "{markdown}");
    assert!(
        markdown.contains("Gone: old (was GO at 100.0%)"),
        "{markdown}"
    );
}

#[test]
fn an_old_report_is_stale_and_an_older_copy_of_a_service_is_set_aside() {
    let dir = tempfile::tempdir().expect("tempdir");
    service(dir.path(), "api", "payments", true, None);
    let fresh = std::fs::read_to_string(dir.path().join("reports/api.json")).expect("report");
    let mut old: serde_json::Value = serde_json::from_str(&fresh).expect("json");
    old["generated_at"] = "2020-01-01T00:00:00Z".into();
    write(
        &dir.path().join("reports/archive"),
        "api.json",
        old.to_string(),
    );
    let (code, stdout, stderr) = summarize(dir.path(), &["reports", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("archive/api.json is an older report of api"),
        "{stderr}"
    );
    let summary: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(summary["totals"]["services"], 1);
    assert_eq!(summary["services"][0]["stale"], false);

    std::fs::remove_file(dir.path().join("reports/api.json")).expect("rm");
    let (_, table, _) = summarize(dir.path(), &["reports"]);
    assert!(
        table.contains("1 stale") && table.contains("(stale)"),
        "{table}"
    );
}

#[test]
fn a_named_file_that_is_not_a_report_exits_2_at_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "x.json",
        "{\n  \"verdict\": \"go\",\n  \"score\": \"high\"\n}\n",
    );
    let (code, _, stderr) = summarize(dir.path(), &["x.json"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("x.json:3") && stderr.contains("expected the JSON report"),
        "{stderr}"
    );
    std::fs::create_dir(dir.path().join("empty")).expect("mkdir");
    let (code, _, stderr) = summarize(dir.path(), &["empty"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no JSON report here"), "{stderr}");
}

/// The shell script of the shipped `CronJob`'s container, with its environment.
fn cronjob_script() -> (String, Vec<(String, String)>) {
    let text =
        std::fs::read_to_string(crate::support::root().join("deploy/kubernetes/cronjob.yaml"))
            .expect("the CronJob");
    let job: serde_json::Value = serde_saphyr::from_str(&text).expect("YAML");
    assert_eq!(job["kind"], "CronJob");
    assert_eq!(job["apiVersion"], "batch/v1");
    let container = &job["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0];
    assert_eq!(container["command"], serde_json::json!(["/bin/sh", "-c"]));
    let env = container["env"]
        .as_array()
        .expect("env")
        .iter()
        .map(|e| {
            (
                e["name"].as_str().expect("name").to_owned(),
                e["value"].as_str().expect("value").to_owned(),
            )
        })
        .collect();
    (
        container["args"][0].as_str().expect("script").to_owned(),
        env,
    )
}

#[test]
fn the_cronjob_pushes_to_a_real_pushgateway_and_node_exporter_reads_the_textfile() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = dir.path().join("checklist");
    write(&project, "launch.md", CHECKLIST);
    write(
        &project,
        "ready.yaml",
        "checklists: [launch.md]\nlabels:\n  service: payments-api\n  owner: team-pay\n  release: \"2026.12\"\n",
    );
    let gateway = crate::servers::Pushgateway::start();
    let (script, env) = cronjob_script();
    let ready = assert_cmd::cargo::cargo_bin("ready");
    let path = format!(
        "{}:{}",
        ready.parent().expect("bin dir").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = std::process::Command::new("/bin/sh")
        .arg("-c")
        .arg(&script)
        .envs(env)
        .env("READY_DIR", &project)
        .env(
            "PUSHGATEWAY_URL",
            format!("http://127.0.0.1:{}", gateway.port),
        )
        .env("TMPDIR", dir.path())
        .env("PATH", path)
        .output()
        .expect("the job script runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}{stderr}");
    assert!(
        stdout.contains("pushed payments-api: exit 1"),
        "NO-GO is pushed, not a failure: {stdout}"
    );

    let pushed = crate::servers::scrape(gateway.port);
    let ours: Vec<&str> = pushed.lines().filter(|l| l.starts_with("ready_")).collect();
    assert!(ours.len() >= 8, "{pushed}");
    for line in &ours {
        assert!(
            line.contains(r#"instance="payments-api""#) && line.contains(r#"job="ready""#),
            "the grouping key is on every series: {line}"
        );
        assert!(line.contains(r#"release="2026.12""#), "{line}");
    }
    assert!(
        ours.iter().any(|l| l.starts_with("ready_verdict{")
            && l.contains(r#"verdict="no-go""#)
            && l.ends_with(" 1")),
        "{pushed}"
    );
    assert!(
        ours.iter()
            .any(|l| l.starts_with("ready_report_timestamp_seconds{")),
        "{pushed}"
    );

    // The same metrics through node_exporter's textfile collector, written atomically by ready.
    let textfiles = dir.path().join("textfile");
    std::fs::create_dir(&textfiles).expect("mkdir");
    let (code, _, stderr) = run_in(
        &project,
        &[
            "check",
            "--report",
            &format!(
                "openmetrics={}",
                textfiles.join("ready-payments.prom").display()
            ),
        ],
    );
    assert_eq!(code, 1, "{stderr}");
    let exporter = crate::servers::NodeExporter::start(&textfiles, &dir.path().join("node.log"));
    let scraped = crate::servers::scrape(exporter.port);
    assert!(
        scraped.contains("node_textfile_scrape_error 0"),
        "{scraped}"
    );
    let score = scraped
        .lines()
        .find(|l| l.starts_with("ready_score{"))
        .unwrap_or_else(|| panic!("no ready_score in {scraped}"));
    assert!(
        score.contains(r#"service="payments-api""#) && score.ends_with(" 50"),
        "{score}"
    );
}

#[test]
fn the_html_summary_escapes_what_services_named_themselves() {
    let dir = tempfile::tempdir().expect("tempdir");
    service(dir.path(), "api", "payments", true, None);
    let path = dir.path().join("reports/api.json");
    let mut report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("report")).expect("json");
    report["labels"]["service"] = "<script>alert(1)</script>".into();
    report["labels"]["owner"] = "a&b \"quoted\"".into();
    write(&dir.path().join("reports"), "api.json", report.to_string());
    let (code, html, stderr) = summarize(
        dir.path(),
        &["reports", "--group-by", "owner", "--format", "html"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(!html.contains("<script"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("a&amp;b &quot;quoted&quot;"), "{html}");
    assert!(html.contains("default-src 'none'"), "no fetches: {html}");
}

#[test]
fn the_html_summary_renders_in_headless_chromium() {
    let dir = tempfile::tempdir().expect("tempdir");
    service(dir.path(), "api", "payments", true, None);
    service(dir.path(), "ledger", "payments", false, None);
    service(dir.path(), "search", "discovery", false, Some("2026-12-04"));
    let page = dir.path().join("fleet.html");
    let (code, _, stderr) = summarize(
        dir.path(),
        &[
            "reports",
            "--group-by",
            "owner",
            "--report",
            &format!("html={}", page.display()),
        ],
    );
    assert_eq!(code, 1, "{stderr}");
    let dom = crate::support::chromium(&page, &["--dump-dom"]);
    assert!(dom.contains(r#"<header class="verdict no-go">"#), "{dom}");
    // Two groups and three services, worst first.
    assert_eq!(dom.matches("<tr><td>").count(), 5, "{dom}");
    let (ledger, api) = (dom.find(">ledger<"), dom.find(">api<"));
    assert!(ledger.is_some() && ledger < api, "{dom}");
    assert!(
        dom.contains("chip contradicted") && dom.contains("chip partial"),
        "{dom}"
    );
}
