//! What probe evidence does to a checklist: verified, contradicted, flaky; the engine's
//! retries, timeouts, deadline and ordering; probe-file errors; secrets kept out of reports.

use serde_json::Value;

use crate::probes::{expect, probe};
use crate::servers::{Web, closed_address};
use crate::support::{run_in, write};

const CHECKLIST: &str = "\
# Payments

## 1. Service

- [x] Health endpoint answers
- [x] Backups run daily <!-- probe: backups -->
- [ ] Metrics endpoint exposed
- [x] Warm-up endpoint answers

## 2. Go/No-Go

**Must Have:**
- [x] Health endpoint answers
";

fn item<'a>(report: &'a Value, title: &str) -> &'a Value {
    report["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["title"] == title)
        .unwrap_or_else(|| panic!("no item {title}"))
}

#[test]
fn evidence_decides_item_status_and_blocks_contradictions() {
    let web = Web::start();
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "launch.md", CHECKLIST);
    std::fs::create_dir(dir.path().join("backups")).expect("mkdir");
    write(&dir.path().join("backups"), "db.sql.gz", "dump");
    write(
        dir.path(),
        "probes.yaml",
        format!(
            r#"probes:
  - id: health
    match: "health endpoint"
    http: {{ url: "http://{down}/health" }}
  - id: backups
    backup: {{ path: "backups/*.sql.gz", max_age: 26h }}
  - id: metrics
    item: "1/3"
    http: {{ url: "{metrics}" }}
  - id: warm-up
    match: warm-up
    retries: 2
    http: {{ url: "{flaky}" }}
"#,
            down = closed_address(),
            metrics = web.url("/health"),
            flaky = web.url("/flaky"),
        ),
    );
    let (code, stdout, stderr) = run_in(
        dir.path(),
        &[
            "check",
            "launch.md",
            "--probes",
            "probes.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 1, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(item(&report, "Backups run daily")["status"], "verified");
    assert_eq!(
        item(&report, "Metrics endpoint exposed")["status"],
        "verified"
    );
    assert_eq!(item(&report, "Warm-up endpoint answers")["status"], "flaky");
    assert_eq!(
        item(&report, "Health endpoint answers")["status"],
        "contradicted"
    );
    let probes = item(&report, "Health endpoint answers")["probes"]
        .as_array()
        .expect("probes");
    assert_eq!(probes[0]["id"], "health");
    assert_eq!(probes[0]["kind"], "http");
    assert_eq!(probes[0]["outcome"], "fail");
    assert!(probes[0]["duration_ms"].is_u64());
    assert!(
        probes[0]["message"]
            .as_str()
            .expect("message")
            .contains("cannot connect")
    );
    let summary = &report["summary"];
    assert_eq!(summary["contradicted"], 2, "both copies of the health item");
    assert_eq!(summary["flaky"], 1);
    assert_eq!(summary["probes"]["total"], 4);
    assert_eq!(summary["probes"]["flaky"], 1);
    assert_eq!(summary["probes"]["fail"], 1);
    let blockers = report["blockers"].as_array().expect("blockers");
    let contradictions: Vec<&Value> = blockers
        .iter()
        .filter(|b| b["rule"] == "probe-contradicts")
        .collect();
    assert_eq!(contradictions.len(), 2);
    assert!(
        contradictions[0]["message"]
            .as_str()
            .expect("message")
            .contains("is ticked, but probe health failed: cannot connect"),
        "{contradictions:?}"
    );
    let warnings = report["warnings"].to_string();
    assert!(
        warnings.contains("is not marked done, but its probe passes"),
        "{warnings}"
    );
    assert!(warnings.contains("probe warm-up for"), "{warnings}");
    assert_eq!(report["probes"].as_array().expect("probes").len(), 4);
    assert!(
        report["probes"][3]["message"]
            .as_str()
            .expect("m")
            .contains("passed on attempt 2 of 3")
    );

    // The table shows the evidence too.
    let (_, table, _) = run_in(
        dir.path(),
        &["check", "launch.md", "--probes", "probes.yaml"],
    );
    assert!(table.contains("Evidence"), "{table}");
    assert!(table.contains("contradicted"), "{table}");
    assert!(table.contains("4 probes: 3 pass"), "{table}");

    // Without probes the boxes speak alone.
    let (_, stdout, _) = run_in(
        dir.path(),
        &["check", "launch.md", "--no-probes", "--format", "json"],
    );
    let report: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(item(&report, "Health endpoint answers")["status"], "done");
    assert_eq!(report["probes"].as_array().expect("probes").len(), 0);
}

#[test]
fn ready_yaml_lists_probe_files_and_all_pass_gives_go() {
    let web = Web::start();
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "launch.md",
        "# Launch\n## A\n- [x] Health endpoint answers\n## B\n- [x] Docs written\n",
    );
    write(
        dir.path(),
        "ready.yaml",
        "checklists: [launch.md]\nprobes: [probes/launch.yaml]\n",
    );
    std::fs::create_dir(dir.path().join("probes")).expect("mkdir");
    write(
        &dir.path().join("probes"),
        "launch.yaml",
        format!(
            "probes:\n  - id: health\n    match: health\n    http: {{ url: \"{}\" }}\n",
            web.url("/health")
        ),
    );
    let (code, stdout, stderr) = run_in(dir.path(), &["check", "--format", "json"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let report: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(report["verdict"], "go");
    assert_eq!(report["summary"]["verified"], 1);
    // ready probe finds the same file through ready.yaml.
    let (code, stdout, _) = run_in(dir.path(), &["probe"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("1 probe: 1 pass"), "{stdout}");
}

#[test]
fn results_come_back_in_plan_order_with_timeouts_and_deadline() {
    let web = Web::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut yaml = String::from("probes:\n");
    yaml.push_str(&format!(
        "  - id: hangs\n    timeout: 300ms\n    http: {{ url: \"{}\" }}\n",
        web.url("/hang")
    ));
    for n in 0..40 {
        let path = if n % 3 == 0 { "/slow" } else { "/health" };
        yaml.push_str(&format!(
            "  - id: p{n:02}\n    http: {{ url: \"{}\" }}\n",
            web.url(path)
        ));
    }
    let (_, first, report) = probe(dir.path(), &yaml, &["--concurrency", "7"]);
    expect(
        &first,
        "hangs",
        "timeout",
        "no answer within the timeout of 300 ms",
    );
    let ids: Vec<&str> = report["probes"]
        .as_array()
        .expect("probes")
        .iter()
        .map(|p| p["id"].as_str().expect("id"))
        .collect();
    let mut expected = vec!["hangs".to_owned()];
    expected.extend((0..40).map(|n| format!("p{n:02}")));
    assert_eq!(ids, expected);
    let (_, second, _) = probe(dir.path(), &yaml, &["--concurrency", "64"]);
    let outcome = |o: &crate::probes::Outcomes| -> Vec<String> {
        o.values().map(|(x, _)| x.clone()).collect()
    };
    assert_eq!(outcome(&first), outcome(&second));

    // A run deadline ends everything still running.
    let yaml = format!(
        "probes:\n  - id: a\n    http: {{ url: \"{hang}\" }}\n  - id: b\n    retries: 5\n    http: {{ url: \"{hang}\" }}\n",
        hang = web.url("/hang")
    );
    let started = std::time::Instant::now();
    let (code, outcomes, _) = probe(dir.path(), &yaml, &["--deadline", "500ms"]);
    assert_eq!(code, 1);
    expect(&outcomes, "a", "timeout", "deadline");
    expect(&outcomes, "b", "timeout", "deadline");
    // Correctness, not speed: the 30-second hang must have been cut off.
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn probe_file_errors_name_file_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "launch.md",
        "# Launch\n## A\n- [x] Health endpoint answers\n## B\n- [x] b\n",
    );
    write(
        dir.path(),
        "inline.md",
        "# Launch\n## A\n- [x] Health endpoint answers\n## B\n- [x] b <!-- probe: helth -->\n",
    );
    let cases: &[(&str, &str)] = &[
        (
            "probes:\n  - id: a\n    http: { url: \"http://127.0.0.1:1/\", staus: 200 }\n",
            "p.yaml:3",
        ),
        (
            "probes:\n  - id: a\n    http: { url: \"http://127.0.0.1:1/\" }\n    tcp: { address: \"127.0.0.1:1\" }\n",
            "has 2 kinds (http, tcp)",
        ),
        ("probes:\n  - id: a\n    match: x\n", "has no kind"),
        (
            "probes:\n  - id: a\n    http: { url: \"${READY_TEST_UNSET_VAR}/x\" }\n",
            "environment variable READY_TEST_UNSET_VAR is not set",
        ),
        (
            "probes:\n  - id: a\n    backup: { path: \"*.gz\", max_age: soon }\n",
            "is not a duration",
        ),
        (
            "probes:\n  - id: a\n    http: { url: \"http://127.0.0.1:1/\", body_regex: \"(\" }\n",
            "body_regex is not a valid regular expression",
        ),
        (
            "probes:\n  - id: a\n    tcp: { address: \"127.0.0.1\" }\n",
            "has no port",
        ),
        (
            "probes:\n  - id: a\n    tcp: { address: \"127.0.0.1:1\" }\n  - id: a\n    tcp: { address: \"127.0.0.1:2\" }\n",
            "already used at p.yaml:2",
        ),
        (
            "probes:\n  - id: nothing\n    match: \"load test\"\n    tcp: { address: \"127.0.0.1:1\" }\n",
            "probe nothing is bound to no item in launch.md: no item's text contains \"load test\"",
        ),
    ];
    for (yaml, says) in cases {
        write(dir.path(), "p.yaml", yaml);
        let (code, stdout, stderr) =
            run_in(dir.path(), &["check", "launch.md", "--probes", "p.yaml"]);
        assert_eq!(code, 2, "{yaml}\n{stdout}");
        assert!(
            stderr.contains(says),
            "{yaml}\nexpected {says:?} in:\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    // A misspelt inline reference is located in the checklist and gets a suggestion.
    write(
        dir.path(),
        "p.yaml",
        "probes:\n  - id: health\n    match: health\n    tcp: { address: \"127.0.0.1:1\" }\n",
    );
    let (code, _, stderr) = run_in(dir.path(), &["check", "inline.md", "--probes", "p.yaml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("inline.md:5"), "{stderr}");
    assert!(
        stderr
            .contains("names probe \"helth\", which no probe file defines (did you mean health?)"),
        "{stderr}"
    );
    // Without probe files the inline reference is still an error, unless probes are off.
    let (code, _, stderr) = run_in(dir.path(), &["check", "inline.md"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no probe file is given"), "{stderr}");
    let (code, _, _) = run_in(dir.path(), &["check", "inline.md", "--no-probes"]);
    assert_eq!(code, 0);
    // With both the checklist and the probe file broken, the checklist's error is reported:
    // the probe file is read only once the checklists are.
    write(dir.path(), "broken.yaml", "title: Launch\nsections: [\n");
    write(dir.path(), "p.yaml", "probes:\n  - id: a\n    staus: 200\n");
    let (code, _, stderr) = run_in(dir.path(), &["check", "broken.yaml", "--probes", "p.yaml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("broken.yaml:2") && !stderr.contains("p.yaml"),
        "{stderr}"
    );
    let (code, _, stderr) = run_in(dir.path(), &["check", "launch.md", "--probes", "p.yaml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown field `staus`"), "{stderr}");
    // The typo is shown at its own line, not at the entry's first.
    assert!(
        stderr.contains("--> p.yaml:3:5") && stderr.contains("3 |     staus: 200"),
        "{stderr}"
    );
}

#[test]
fn secrets_never_reach_any_output() {
    let web = Web::start();
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "launch.md",
        "# L\n## A\n- [x] Private API answers\n- [x] Token API answers\n## B\n- [x] Down API answers\n",
    );
    write(
        dir.path(),
        "p.yaml",
        format!(
            r#"probes:
  - id: private
    match: private api
    http: {{ url: "{private}", headers: {{ Authorization: "Bearer ${{READY_TEST_TOKEN}}" }} }}
  - id: token
    match: token api
    http: {{ url: "{private}?access_token=${{READY_TEST_TOKEN}}", status: 401 }}
  - id: down
    match: down api
    http: {{ url: "http://admin:Sup3r-Secret-PW@{down}/x" }}
"#,
            private = web.url("/private"),
            down = closed_address(),
        ),
    );
    for format in ["table", "json"] {
        let output = crate::support::ready()
            .current_dir(dir.path())
            .env("READY_TEST_TOKEN", "s3cret-token")
            .args([
                "check",
                "launch.md",
                "--probes",
                "p.yaml",
                "--format",
                format,
            ])
            .output()
            .expect("ran");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(all.contains("HTTP 200"), "the token was sent: {all}");
        assert!(!all.contains("s3cret-token"), "{all}");
        assert!(!all.contains("Sup3r-Secret-PW"), "{all}");
        if format == "json" {
            assert!(all.contains("admin:***@"), "{all}");
        }
    }
    // An error pointing at a line that holds a password shows the line masked.
    write(
        dir.path(),
        "typo.yaml",
        "probes:\n  - id: a\n    http: { url: \"http://admin:Sup3r-Secret-PW@127.0.0.1:1/\", staus: 200 }\n",
    );
    let (code, _, stderr) = run_in(dir.path(), &["probe", "typo.yaml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("typo.yaml:3") && stderr.contains("admin:***@"),
        "{stderr}"
    );
    assert!(!stderr.contains("Sup3r-Secret-PW"), "{stderr}");
    let output = crate::support::ready()
        .current_dir(dir.path())
        .env("READY_TEST_TOKEN", "s3cret-token")
        .args(["probe", "p.yaml", "--format", "json"])
        .output()
        .expect("ran");
    let all = String::from_utf8_lossy(&output.stdout);
    assert!(
        !all.contains("s3cret-token") && !all.contains("Sup3r-Secret-PW"),
        "{all}"
    );
}

/// A probe file long enough to be read in pieces on several threads reads as one read whole:
/// every probe at its own line, a secret in a late piece masked, and an error deep in the file
/// at its own line.
#[test]
fn a_long_probe_file_reads_as_one_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let down = closed_address();
    let count = 3000;
    let mut checklist = String::from("# Fleet\n## Services\n");
    let mut probes = String::from("# more than three pieces of 64 KiB\nprobes:\n");
    for i in 0..count {
        checklist.push_str(&format!("- [x] Service {i:05} answers\n"));
        let extra = if i == 2900 {
            "    # the token of one late service\n".to_owned()
        } else {
            String::new()
        };
        probes.push_str(&format!(
            "  - id: p{i}\n    match: \"service {i:05} answers\"\n{extra}    \
             http: {{ url: \"http://{down}/h?n={i}&token=${{secret:READY_TEST_TOKEN}}\" }}\n"
        ));
    }
    assert!(probes.len() > 4 * 64 * 1024, "{}", probes.len());
    write(dir.path(), "fleet.md", &checklist);
    let line_of = |text: &str, needle: &str| {
        text.lines()
            .position(|l| l == needle)
            .unwrap_or_else(|| panic!("no line {needle:?}"))
            + 1
    };
    let run = |probes: &str| {
        write(dir.path(), "p.yaml", probes);
        let output = crate::support::ready()
            .current_dir(dir.path())
            .env("READY_TEST_TOKEN", "s3cret-token")
            .args([
                "check",
                "fleet.md",
                "--probes",
                "p.yaml",
                "--format",
                "json",
                "--concurrency",
                "64",
            ])
            .output()
            .expect("ran");
        let stdout = String::from_utf8(output.stdout).expect("utf-8");
        let stderr = String::from_utf8(output.stderr).expect("utf-8");
        assert!(
            !stdout.contains("s3cret-token") && !stderr.contains("s3cret-token"),
            "the token leaked"
        );
        (output.status.code().expect("exited"), stdout, stderr)
    };

    let (code, stdout, stderr) = run(&probes);
    assert_eq!(code, 1, "every service is down: {stderr}");
    let report: Value = serde_json::from_str(&stdout).expect("json");
    let evidence = report["probes"].as_array().expect("probes");
    assert_eq!(evidence.len(), count);
    for i in [0, 1, 873, 874, 2899, 2900, 2901, count - 1] {
        let id = format!("p{i}");
        let probe = evidence
            .iter()
            .find(|p| p["id"] == id.as_str())
            .expect("probe");
        assert_eq!(
            probe["span"]["line"],
            line_of(&probes, &format!("  - id: {id}")),
            "{id}"
        );
        assert_eq!(probe["outcome"], "fail", "{id}: {probe}");
        assert!(
            probe["target"]
                .as_str()
                .expect("target")
                .contains("token=***"),
            "{probe}"
        );
    }

    // A typo deep in the file is shown at its own line.
    let typo = probes.replacen("    # the token", "    retrys: 1\n    # the token", 1);
    let (code, _, stderr) = run(&typo);
    assert_eq!(code, 2, "{stderr}");
    let line = line_of(&typo, "    retrys: 1");
    assert!(stderr.contains(&format!("--> p.yaml:{line}:5")), "{stderr}");

    // An id used again in a later piece names both lines.
    let again = probes.replacen("  - id: p2950\n", "  - id: p7\n", 1);
    let (code, _, stderr) = run(&again);
    assert_eq!(code, 2, "{stderr}");
    let (first, second) = (
        line_of(&again, "  - id: p7"),
        line_of(&again, "    match: \"service 02950 answers\"") - 1,
    );
    assert!(
        stderr.contains(&format!("p.yaml:{second}"))
            && stderr.contains(&format!("already used at p.yaml:{first}")),
        "{stderr}"
    );
}

/// `match:` finds a probe's item by its whole text as well as its title: a bold lead makes the
/// title shorter than the text, and the words after it still bind.
#[test]
fn match_binds_by_the_text_beyond_a_bold_title() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "c.md",
        "# T\n## S\n- [x] **Health** endpoint answers on every node\n- [x] Other thing\n",
    );
    write(
        dir.path(),
        "p.yaml",
        "probes:\n  - id: by-text\n    match: \"endpoint answers\"\n    tcp: { address: \"127.0.0.1:1\" }\n\
         \x20 - id: by-title\n    match: health\n    tcp: { address: \"127.0.0.1:1\" }\n",
    );
    let (_, stdout, stderr) = run_in(
        dir.path(),
        &["check", "c.md", "--probes", "p.yaml", "--format", "json"],
    );
    let report: Value = serde_json::from_str(&stdout).expect(&stderr);
    let bound: Vec<(String, Vec<String>)> = report["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| {
            let probes = i["probes"].as_array().expect("probes");
            (
                i["title"].as_str().expect("title").to_owned(),
                probes
                    .iter()
                    .map(|p| p["id"].as_str().expect("id").to_owned())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        bound,
        [
            (
                "Health".to_owned(),
                vec!["by-text".to_owned(), "by-title".to_owned()]
            ),
            ("Other thing".to_owned(), vec![]),
        ],
        "{report:#}"
    );
}
