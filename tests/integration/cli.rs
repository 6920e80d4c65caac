//! The command line as a user meets it: exit codes, flags over config, discovery, contracts.

use crate::support::{check_json, fixture, run, run_in, write};

const ALL_DONE: &str = "# Launch\n## Build\n- [x] CI green\n- [x] Artifacts signed\n## Run\n- [x] Alerts wired\n- [ ] Load test - PARTIAL\n";

#[test]
fn exit_codes_are_go_no_go_and_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "c.md", ALL_DONE);
    let path = path.to_str().expect("utf-8 path");
    // Build 100%, Run 75%: 87.5% overall.
    let (code, _, _) = run(&["check", path]);
    assert_eq!(code, 1, "87.5% is below the default threshold of 90");
    let (code, _, _) = run(&["check", "--threshold", "85", path]);
    assert_eq!(code, 0, "the flag lowers the threshold");
    let (code, _, stderr) = run(&["check", "--threshold", "150", path]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("expected a number from 0 to 100"),
        "{stderr}"
    );
    let (code, _, _) = run(&["check", "--no-such-flag"]);
    assert_eq!(code, 2);
    let (code, _, stderr) = run(&["check", "does/not/exist.md"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: does/not/exist.md: no such file or directory\n"
    );
}

#[test]
fn front_matter_policy_and_flags_layer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = format!("---\nname: launch\nready:\n  threshold: 80\n---\n{ALL_DONE}");
    let path = write(dir.path(), "c.md", text);
    let path = path.to_str().expect("utf-8 path");
    let (code, report) = check_json(&[path]);
    assert_eq!((code, report["threshold"].as_f64()), (0, Some(80.0)));
    let (code, report) = check_json(&["--threshold", "95", path]);
    assert_eq!(
        (code, report["threshold"].as_f64()),
        (1, Some(95.0)),
        "flags win over front matter"
    );
}

#[test]
fn ready_yaml_beside_the_checklist_sets_policy() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "c.md", ALL_DONE);
    write(dir.path(), "ready.yaml", "policy:\n  threshold: 85\n");
    let (code, stdout, _) = run_in(dir.path(), &["check", "c.md"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.starts_with("GO  readiness 87.5% (threshold 85%)"),
        "{stdout}"
    );
}

#[test]
fn no_path_uses_ready_yaml_then_checklists_dir() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, _, stderr) = run_in(dir.path(), &["check"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("neither a ready.yaml nor a checklists/ directory"),
        "{stderr}"
    );

    write(dir.path(), "checklists/a.md", ALL_DONE);
    let (code, report, _) = run_in(dir.path(), &["check", "--format", "json"]);
    assert_eq!(code, 1);
    assert!(report.contains("\"checklists/a.md\""), "{report}");

    write(dir.path(), "docs/launch.md", "# L\n- [x] done\n");
    write(dir.path(), "ready.yaml", "checklists: [docs/launch.md]\n");
    let (code, stdout, _) = run_in(dir.path(), &["check"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("docs/launch.md"), "{stdout}");
}

#[test]
fn several_checklists_weigh_the_same() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.md", "# A\n- [x] one\n- [x] two\n");
    write(
        dir.path(),
        "b.md",
        "# B\n- [ ] one\n- [x] two\n- [x] three\n- [x] four\n",
    );
    let (code, stdout, _) = run_in(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(report["score"], 87.5);
    assert_eq!(report["categories"][0]["name"], "a: A");
    assert_eq!(report["categories"][1]["weight"], 50.0);
}

#[test]
fn json_report_has_the_documented_keys() {
    let (_, report) = check_json(&[&fixture("seeds/memory-system.md")]);
    let mut keys: Vec<&str> = report
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    let mut expected = [
        "verdict",
        "score",
        "threshold",
        "declared_score",
        "summary",
        "categories",
        "blockers",
        "signoffs",
        "items",
        "probes",
        "approvals",
        "waivers",
        "warnings",
        "checklists",
        "generated_at",
        "commit",
        "labels",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected);
    let item = &report["items"][0];
    for key in [
        "id", "title", "checked", "status", "priority", "tags", "span", "probes", "children",
    ] {
        assert!(item.get(key).is_some(), "item key {key} missing: {item}");
    }
    assert_eq!(item["id"], "1/1");
    assert_eq!(item["title"], "Unit Test Coverage");
    assert_eq!(item["span"]["line"], 14);
    for key in ["name", "weight", "score", "declared_score"] {
        assert!(
            report["categories"][0].get(key).is_some(),
            "category key {key}"
        );
    }
    for key in ["item", "rule", "message"] {
        assert!(
            report["blockers"][0].get(key).is_some(),
            "blocker key {key}"
        );
    }
    for key in ["group", "role", "name", "date", "signed"] {
        assert!(
            report["signoffs"][0].get(key).is_some(),
            "signoff key {key}"
        );
    }
}

#[test]
fn output_has_no_colour_when_not_a_terminal() {
    let (_, stdout, _) = run(&["check", &fixture("seeds/prime-spark.md")]);
    assert!(!stdout.contains('\u{1b}'), "escape codes in piped output");
}

#[test]
fn help_in_the_docs_is_the_real_help() {
    // The help blocks live with the commands they document: usage.md, ci.md for `diff`,
    // fleet.md for `summarize`.
    let readme = ["docs/usage.md", "docs/ci.md", "docs/fleet.md"]
        .iter()
        .map(|p| std::fs::read_to_string(crate::support::root().join(p)).expect("docs page"))
        .collect::<Vec<_>>()
        .join("\n");
    for (args, marker) in [
        (&["--help"][..], "<!-- ready --help -->"),
        (&["check", "--help"][..], "<!-- ready check --help -->"),
        (&["lint", "--help"][..], "<!-- ready lint --help -->"),
        (&["diff", "--help"][..], "<!-- ready diff --help -->"),
        (
            &["summarize", "--help"][..],
            "<!-- ready summarize --help -->",
        ),
        (&["probe", "--help"][..], "<!-- ready probe --help -->"),
        (&["signoff", "--help"][..], "<!-- ready signoff --help -->"),
        (
            &["signoff", "sign", "--help"][..],
            "<!-- ready signoff sign --help -->",
        ),
    ] {
        let (code, help, _) = run(args);
        assert_eq!(code, 0);
        let start = readme
            .find(marker)
            .unwrap_or_else(|| panic!("the docs lack {marker}"));
        let block = &readme[start..];
        let body_start = block.find("```text\n").expect("text block") + "```text\n".len();
        let body_end = block[body_start..].find("```").expect("closing fence") + body_start;
        assert_eq!(
            &block[body_start..body_end],
            help,
            "the docs block after {marker} differs from `ready {}`",
            args.join(" ")
        );
    }
}

#[test]
fn everyday_flags_colour_quiet_verbose_and_environment_fallbacks() {
    let seed = fixture("seeds/prime-spark.md");
    let (code, quiet, _) = run(&["check", "-q", &seed]);
    assert_eq!(code, 1, "the exit code is unchanged");
    assert_eq!(quiet.lines().count(), 1, "{quiet}");
    assert!(quiet.starts_with("NO-GO  readiness 94.9%"), "{quiet}");
    let (_, coloured, _) = run(&["check", "-q", "--color", "always", &seed]);
    assert!(coloured.contains('\u{1b}'), "--color always colours a pipe");
    let (_, plain, _) = run(&["check", "-q", "--color", "never", &seed]);
    assert!(!plain.contains('\u{1b}'));

    let output = crate::support::ready()
        .env("READY_THRESHOLD", "50")
        .args(["check", "-q", &seed])
        .output()
        .expect("ran");
    let line = String::from_utf8_lossy(&output.stdout);
    assert!(line.contains("(threshold 50%"), "{line}");
    let output = crate::support::ready()
        .env("READY_THRESHOLD", "50")
        .args(["check", "-q", "--threshold", "60", &seed])
        .output()
        .expect("ran");
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("(threshold 60%"),
        "a flag wins over the environment"
    );

    let (_, _, stderr) = run(&["check", "-v", "--no-probes", "checklists/example"]);
    assert!(
        stderr.contains("read checklists/example/payments-api.md: 33 task boxes, 25 ticked"),
        "{stderr}"
    );
    assert!(stderr.contains("evaluated in "), "{stderr}");
    let (code, findings, _) = run(&["lint", "-q", "--today", "2026-06-15", "checklists/example"]);
    assert_eq!(
        (code, findings.as_str()),
        (1, "8 errors, 0 warnings, 0 notes in 1 file\n")
    );
}

#[test]
fn the_readme_workflow_is_the_shipped_workflow_file() {
    let readme =
        std::fs::read_to_string(crate::support::root().join("docs/ci.md")).expect("docs/ci.md");
    let workflow =
        std::fs::read_to_string(crate::support::root().join("docs/ci/github-workflow.yml"))
            .expect("workflow");
    let marker = "<!-- docs/ci/github-workflow.yml -->\n```yaml\n";
    let start = readme.find(marker).expect("docs/ci.md shows the workflow") + marker.len();
    let end = readme[start..].find("```").expect("closing fence") + start;
    assert_eq!(&readme[start..end], workflow);
}

#[test]
fn the_committed_schemas_are_the_ones_ready_generates() {
    for (name, file) in [
        ("ready-yaml", "ready-yaml.schema.json"),
        ("checklist", "checklist.schema.json"),
        ("probes", "probes.schema.json"),
        ("report", "report.schema.json"),
        ("summary", "summary.schema.json"),
    ] {
        let (code, generated, _) = run(&["schema", name]);
        assert_eq!(code, 0);
        let committed = std::fs::read_to_string(crate::support::root().join("schemas").join(file))
            .expect("committed schema");
        assert_eq!(
            generated, committed,
            "schemas/{file} is stale: run `ready schema {name} > schemas/{file}`"
        );
        let value: serde_json::Value = serde_json::from_str(&generated).expect("JSON");
        assert!(value["title"].as_str().is_some(), "{name} has a title");
    }
}

/// Each checklist of a run is judged alone on the checklist the run's assessment lends it; one
/// that counts nothing alone is left out of the summaries but not out of the run's items.
#[test]
fn a_checklist_judged_alone_is_handed_back_to_the_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "launch.md",
        "# Launch\n## Build\n- [x] Tests pass\n- [ ] Load test\n",
    );
    write(
        dir.path(),
        "later.md",
        "# Later\n## Post-Launch\n- [ ] Watch\n- [ ] Review\n",
    );
    let json = |mode: &str| {
        let (_, stdout, stderr) = run_in(
            dir.path(),
            &[
                "check",
                "--no-probes",
                "--format",
                "json",
                "--mode",
                mode,
                "launch.md",
                "later.md",
            ],
        );
        serde_json::from_str::<serde_json::Value>(&stdout)
            .unwrap_or_else(|e| panic!("{e}: {stderr}"))
    };
    let report = json("combine");
    let files: Vec<&str> = report["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["span"]["file"].as_str().expect("file"))
        .collect();
    assert_eq!(files, ["launch.md", "launch.md", "later.md", "later.md"]);
    let judged: Vec<&str> = report["checklists"]
        .as_array()
        .expect("checklists")
        .iter()
        .map(|c| c["path"].as_str().expect("path"))
        .collect();
    assert_eq!(judged, ["launch.md"]);
    // Each alone: one report, the launch checklist's, with its own items.
    let each = json("each");
    let reports = each["checklists"].as_array().expect("reports");
    assert_eq!(reports.len(), 1, "{each:#}");
    assert_eq!(reports[0]["summary"]["checklists"][0], "launch.md");
    assert_eq!(reports[0]["items"].as_array().expect("items").len(), 2);
}

#[test]
fn several_checklists_combine_or_are_judged_each_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "services/api.md",
        "# API\n## Build\n- [x] Tests\n- [x] Lint\n",
    );
    write(
        dir.path(),
        "services/web.md",
        "# Web\n## Build\n- [x] Tests\n- [ ] Load test\n## Must Have\n- [ ] Load test\n",
    );
    // Combined (the default): one verdict, and each checklist's own beside it in the JSON.
    let (code, stdout, _) = run_in(dir.path(), &["check", "--format", "json", "services"]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    let own: Vec<(String, String)> = report["checklists"]
        .as_array()
        .expect("checklists")
        .iter()
        .map(|c| {
            (
                c["path"].as_str().expect("path").to_owned(),
                c["verdict"].as_str().expect("verdict").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        own,
        [
            ("services/api.md".to_owned(), "go".to_owned()),
            ("services/web.md".to_owned(), "no-go".to_owned())
        ]
    );
    // Each alone: a row per checklist, worst first, and the worst verdict's exit code.
    let (code, table, _) = run_in(dir.path(), &["check", "--mode", "each", "services"]);
    assert_eq!(code, 1);
    assert!(
        table.starts_with("NO-GO  2 checklists judged each alone: 1 GO, 1 NO-GO"),
        "{table}"
    );
    assert!(
        table.find("services/web.md").expect("web") < table.find("services/api.md").expect("api")
    );
    assert!(table.contains("[must-have-open]"), "{table}");
    // ready.yaml says it too, and the GO one alone passes.
    write(
        dir.path(),
        "ready.yaml",
        "checklists: [services/api.md, services/web.md]\nmode: each\n",
    );
    let (_, stdout, _) = run_in(dir.path(), &["check", "--format", "json"]);
    let each: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(each["mode"], "each");
    assert_eq!(each["checklists"][0]["verdict"], "go");
    let (code, _, _) = run_in(dir.path(), &["check", "services/api.md"]);
    assert_eq!(code, 0);
    let (code, _, stderr) = run_in(dir.path(), &["check", "--format", "junit"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not written with --mode each"), "{stderr}");

    // Many files are named by their count in the table's header line.
    for n in 0..5 {
        write(dir.path(), &format!("many/s{n}.md"), "# S\n## A\n- [x] a\n");
    }
    let (_, table, _) = run_in(dir.path(), &["check", "many"]);
    assert!(
        table
            .lines()
            .nth(1)
            .expect("line")
            .starts_with("5 checklists (many/s0.md, many/s1.md, …)"),
        "{table}"
    );
}

/// A report that cannot be written is an error the user is told about (exit 2), whichever
/// format: the HTML page and the JSON report are written as they are rendered, so the failure
/// surfaces mid-page and must still be the disk's, not a rendering fault.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_under_any_report_is_an_error_that_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "c.md", ALL_DONE);
    let path = path.to_str().expect("utf-8 path");
    for format in ["table", "json", "html", "junit", "markdown"] {
        let full = std::fs::File::create("/dev/full").expect("/dev/full");
        let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("ready"))
            .args(["check", "--format", format, path])
            .stdout(full)
            .output()
            .expect("ready runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{format}: {stderr}");
        assert!(
            stderr.contains("No space left on device"),
            "{format}: {stderr}"
        );
    }
}
