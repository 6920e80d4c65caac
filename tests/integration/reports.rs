//! Every output format, end to end through the binary: snapshots with the volatile parts
//! (durations, ports, version) redacted, files written with --report, GitHub annotations and
//! the job summary, links to checklist lines, and escaping of what the checklist author wrote.

use regex::Regex;

use crate::servers::Web;
use crate::support::{fixture, hanging_git, is_gone, ready, root, run, run_in, write};

/// The report fixture: a NO-GO at 55.6% with one active and one expired waiver, two pending
/// sign-off roles and an item title full of markup.
fn reports_dir() -> String {
    fixture("reports")
}

fn redact(text: &str) -> String {
    let rules = [
        (r"ready \d+\.\d+\.\d+[^ ]*", "ready [version]"),
        (r"127\.0\.0\.1:\d+", "127.0.0.1:[port]"),
        (r#"time="[0-9.]+""#, r#"time="[s]""#),
        (r"\b\d+ ms\b", "[n] ms"),
        (r"(probe_duration_seconds\{[^}]*\}) [0-9.e-]+", "$1 [s]"),
        (r"(report_timestamp_seconds\{[^}]*\}) [0-9.e-]+", "$1 [t]"),
        (r#""generated_at": "[^"]+""#, r#""generated_at": "[t]""#),
        (r#""commit": "[0-9a-f]+""#, r#""commit": "[sha]""#),
    ];
    let mut out = text.to_owned();
    for (pattern, replacement) in rules {
        out = Regex::new(pattern)
            .expect("regex")
            .replace_all(&out, replacement)
            .into_owned();
    }
    out
}

/// `ready check --format FORMAT` on the report fixture, which must come out NO-GO.
fn check(format: &str) -> String {
    let (code, stdout, stderr) = run(&["check", "--format", format, &reports_dir()]);
    assert_eq!(code, 1, "NO-GO expected: {stderr}");
    stdout
}

#[test]
fn markdown_report() {
    let stdout = check("markdown");
    insta::assert_snapshot!("report_markdown", stdout);
}

#[test]
fn junit_report() {
    let stdout = check("junit");
    insta::assert_snapshot!("report_junit", stdout);
}

#[test]
fn openmetrics_report() {
    let stdout = check("openmetrics");
    insta::assert_snapshot!("report_openmetrics", redact(&stdout));
}

#[test]
fn html_report() {
    let stdout = check("html");
    insta::assert_snapshot!("report_html", redact(&stdout));
}

#[test]
fn table_report_shows_waivers() {
    let stdout = check("table");
    insta::assert_snapshot!("report_table", stdout);
}

#[test]
fn json_report_lists_waivers_and_approvals() {
    let stdout = check("json");
    insta::assert_snapshot!("report_json", redact(&stdout));
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    let waivers = report["waivers"].as_array().expect("waivers");
    assert_eq!(waivers.len(), 3);
    assert_eq!(waivers[0]["state"], "active");
    assert_eq!(waivers[0]["expires"], "2099-12-31");
    assert_eq!(waivers[0]["approved_by"], "CISO");
    assert_eq!(waivers[0]["blockers"][0]["rule"], "must-have-open");
    assert_eq!(waivers[1]["state"], "expired");
    assert_eq!(waivers[2]["state"], "unused");
    let approvals = report["approvals"].as_array().expect("approvals");
    assert_eq!(approvals.len(), 2);
    assert_eq!(approvals[0]["role"], "SRE Lead");
    assert_eq!(approvals[0]["status"], "pending");
    assert_eq!(
        approvals[0]["checklist"],
        "tests/fixtures/reports/launch.md"
    );
}

#[test]
fn every_value_is_escaped_in_html_and_markdown() {
    let html = check("html");
    assert!(!html.contains("<script>"), "raw script tag in HTML");
    // The parser drops the inline tag itself; what is left is text, escaped.
    assert!(
        html.contains("alert(&quot;x&quot;) &amp; &quot;signed&quot; | 1 &lt; 2 &gt; 0"),
        "{html}"
    );
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "self-contained: no URL to fetch"
    );
    let markdown = check("markdown");
    assert!(!markdown.contains("<script>"));
    let xml = check("junit");
    assert!(xml.contains("1 &lt; 2 &gt; 0"), "{xml}");
}

#[test]
fn several_reports_in_one_run_are_written_atomically_into_new_directories() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out/nested");
    let junit = out.join("ready.xml");
    let html = out.join("ready.html");
    let metrics = out.join("ready.prom");
    let output = ready()
        .args([
            "check",
            "--format",
            "json",
            "--report",
            &format!("junit={}", junit.display()),
            "--report",
            &format!("html={}", html.display()),
            "--report",
            &format!("openmetrics={}", metrics.display()),
            &reports_dir(),
        ])
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(1));
    let stdout: serde_json::Value = serde_json::from_slice(&output.stdout).expect("stdout JSON");
    assert_eq!(stdout["verdict"], "no-go");
    let xml = std::fs::read_to_string(&junit).expect("junit written");
    assert!(xml.starts_with("<?xml"));
    assert!(
        std::fs::read_to_string(&html)
            .expect("html")
            .contains("<!DOCTYPE html>")
    );
    assert!(
        std::fs::read_to_string(&metrics)
            .expect("metrics")
            .ends_with("# EOF\n")
    );
    let names: Vec<String> = std::fs::read_dir(&out)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "no temporary files left: {names:?}");
}

#[test]
fn bad_report_values_exit_2() {
    for value in ["pdf=out.pdf", "junit", "junit="] {
        let (code, _, stderr) = run(&["check", "--report", value, &reports_dir()]);
        assert_eq!(code, 2, "{value}: {stderr}");
        assert!(stderr.contains("--report"), "{value}: {stderr}");
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let blocked = write(dir.path(), "file", "not a directory");
    let (code, _, stderr) = run(&[
        "check",
        "--report",
        &format!("html={}/r.html", blocked.display()),
        &reports_dir(),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("cannot create the directory"), "{stderr}");
}

#[test]
fn github_actions_gets_annotations_and_a_job_summary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let summary = write(dir.path(), "summary.md", "## earlier step\n");
    let output = ready()
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("GITHUB_SERVER_URL", "https://github.example")
        .env("GITHUB_REPOSITORY", "acme/checkout")
        .env("GITHUB_SHA", "0123abc")
        .env("GITHUB_WORKSPACE", root())
        .args(["check", "--format", "json", &reports_dir()])
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(1));
    serde_json::from_slice::<serde_json::Value>(&output.stdout).expect("stdout stays JSON");
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("::error "))
        .collect();
    assert_eq!(errors.len(), 2, "{stderr}");
    assert!(
        errors.iter().any(|l| l.starts_with(
            "::error file=tests/fixtures/reports/launch.md,line=7,title=ready NO-GO%3A must-have-open::"
        )),
        "{stderr}"
    );
    assert!(
        errors
            .iter()
            .any(|l| l.starts_with("::error title=ready NO-GO%3A score-below-threshold::")),
        "{stderr}"
    );
    assert!(
        stderr.lines().any(|l| l.starts_with("::warning ")),
        "{stderr}"
    );
    let written = std::fs::read_to_string(&summary).expect("summary");
    assert!(
        written.starts_with("## earlier step\n"),
        "appended, not replaced"
    );
    assert!(written.contains("## ❌ NO-GO: readiness 55.6% (threshold 60%)"));
    assert!(
        written.contains(
            "(https://github.example/acme/checkout/blob/0123abc/tests/fixtures/reports/launch.md#L7)"
        ),
        "{written}"
    );
}

#[test]
fn annotations_name_files_relative_to_the_repository() {
    let output = ready()
        .current_dir(root().join("tests/fixtures"))
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_WORKSPACE", root())
        .args(["check", "reports"])
        .output()
        .expect("ran");
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert!(
        stderr.contains("::error file=tests/fixtures/reports/launch.md,line=7,"),
        "{stderr}"
    );
}

#[test]
fn no_annotations_outside_github_actions() {
    let (_, _, stderr) = run(&["check", &reports_dir()]);
    assert!(!stderr.contains("::error"), "{stderr}");
}

#[test]
fn probe_evidence_reaches_junit_html_and_metrics() {
    let web = Web::start();
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "launch.md",
        "# Launch\n\n## 1. Service\n\n### Must Have\n- [x] Health endpoint answers\n- [x] Error endpoint answers\n",
    );
    write(
        dir.path(),
        "probes.yaml",
        format!(
            "probes:\n  - id: health\n    match: health endpoint\n    http: {{ url: \"{}\" }}\n  - id: errors\n    match: error endpoint\n    http: {{ url: \"{}\" }}\n",
            web.url("/health"),
            web.url("/error")
        ),
    );
    let run_format = |format: &str| {
        let (code, stdout, stderr) = run_in(
            dir.path(),
            &[
                "check",
                "--probes",
                "probes.yaml",
                "--format",
                format,
                "launch.md",
            ],
        );
        assert_eq!(code, 1, "{stderr}");
        redact(&stdout)
    };
    let xml = run_format("junit");
    assert!(xml.contains(r#"type="probe-contradicts""#), "{xml}");
    assert!(
        xml.contains("probe errors (http) fail in [n] ms, 1 attempt: HTTP 500"),
        "{xml}"
    );
    assert!(xml.contains("probe health (http) pass"), "{xml}");
    let html = run_format("html");
    assert!(html.contains(r#"data-status="contradicted""#), "{html}");
    assert!(html.contains(r#"data-status="verified""#), "{html}");
    let metrics = run_format("openmetrics");
    assert!(
        metrics.contains(
            r#"ready_probe_success{checklist="launch.md",probe="health",kind="http"} 1.0"#
        ),
        "{metrics}"
    );
    assert!(
        metrics.contains(
            r#"ready_probe_duration_seconds{checklist="launch.md",probe="errors",kind="http"} [s]"#
        ),
        "{metrics}"
    );
}

/// Only Chromium can say whether the page renders: load it headless, read back the DOM it
/// built, and look at the screenshot's pixels (the verdict banner is red for NO-GO).
#[test]
fn html_report_renders_in_headless_chromium() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("ready.html");
    let (code, _, stderr) = run(&[
        "check",
        "--report",
        &format!("html={}", page.display()),
        &reports_dir(),
    ]);
    assert_eq!(code, 1, "{stderr}");
    let chrome = |extra: &[&str]| crate::support::chromium(&page, extra);
    let dom = chrome(&["--dump-dom"]);
    assert!(
        dom.contains(r#"<header id="verdict" class="verdict no-go" data-verdict="no-go">"#),
        "{dom}"
    );
    assert_eq!(
        dom.matches("<li><span class=\"rule\">").count(),
        2,
        "two blockers"
    );
    assert_eq!(
        dom.matches("class=\"category\"").count(),
        3,
        "three categories"
    );
    assert_eq!(dom.matches("class=\"item\"").count(), 9, "nine items");
    assert!(!dom.contains("<script>"), "the item title stayed text");
    assert!(dom.contains("id=\"signoffs\"") && dom.contains("id=\"waivers\""));

    let shot = dir.path().join("shot.png");
    chrome(&[
        &format!("--screenshot={}", shot.display()),
        "--window-size=1000,800",
    ]);
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&shot).expect("screenshot written"),
    ));
    let mut reader = decoder.read_info().expect("png header");
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("png frame");
    assert_eq!((info.width, info.height), (1000, 800));
    let channels = info.color_type.samples();
    let pixel = |x: usize, y: usize| {
        let at = (y * info.width as usize + x) * channels;
        (pixels[at], pixels[at + 1], pixels[at + 2])
    };
    // The banner: NO-GO red (#cf222e) across the top.
    assert_eq!(pixel(5, 5), (0xcf, 0x22, 0x2e), "banner colour");
    assert_eq!(pixel(990, 40), (0xcf, 0x22, 0x2e), "banner spans the page");
    // Below it the page is white, with content drawn on it (not a blank render).
    let below: Vec<_> = (200..800)
        .step_by(7)
        .flat_map(|y| (0..1000).step_by(13).map(move |x| (x, y)))
        .map(|(x, y)| pixel(x, y))
        .collect();
    let white = below.iter().filter(|p| **p == (255, 255, 255)).count();
    assert!(white > below.len() / 2, "mostly white page");
    assert!(white < below.len() - 50, "with text and bars drawn on it");
}

/// The JSON report names the commit judged: the checkout's `HEAD` (git is asked while the
/// checklist is read and answered when the report is written), CI's `GITHUB_SHA` under GitHub
/// Actions, and none outside a repository.
#[test]
fn the_json_report_names_the_commit_judged() {
    let dir = launch_dir();
    let ceiling = dir.path().parent().expect("a parent");
    let commit = |github_sha: Option<&str>| -> serde_json::Value {
        let mut command = ready();
        command.env("GIT_CEILING_DIRECTORIES", ceiling);
        if let Some(sha) = github_sha {
            command.env("GITHUB_ACTIONS", "true").env("GITHUB_SHA", sha);
        }
        commit_of(command, dir.path())
    };
    assert_eq!(
        commit(None),
        serde_json::Value::Null,
        "not in a repository: no commit"
    );

    crate::support::git(dir.path(), &["init", "-q"]);
    crate::support::git(dir.path(), &["add", "-A"]);
    crate::support::git(dir.path(), &["commit", "-q", "-m", "launch"]);
    let head = std::process::Command::new("git")
        .current_dir(dir.path())
        .args(["rev-parse", "HEAD"])
        .output()
        .expect("git runs");
    let head = String::from_utf8(head.stdout).expect("utf-8");
    assert_eq!(commit(None), head.trim());
    assert_eq!(commit(Some("0123abc")), "0123abc", "CI's own commit wins");
}

/// A git that never answers (a repository on a hung network mount) costs the report its commit,
/// not the run: `ready` waits two seconds for it, then kills it and writes the report.
#[test]
fn a_git_that_never_answers_does_not_hold_the_run() {
    let dir = launch_dir();
    let (path, pid_file) = hanging_git(dir.path());
    let mut command = ready();
    command
        .env("PATH", path)
        .timeout(std::time::Duration::from_secs(30));
    assert_eq!(commit_of(command, dir.path()), serde_json::Value::Null);
    assert!(
        is_gone(&pid_file),
        "the git that did not answer was killed and reaped"
    );
}

/// A directory holding a one-item `launch.md`.
fn launch_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "launch.md",
        "# Launch\n## Must Have\n- [x] Backups restore\n",
    );
    dir
}

/// The commit the JSON report of `launch.md` in `dir` names, run with `command`'s environment.
fn commit_of(mut command: assert_cmd::Command, dir: &std::path::Path) -> serde_json::Value {
    let output = command
        .current_dir(dir)
        .args(["check", "--no-probes", "--format", "json", "launch.md"])
        .output()
        .expect("ran");
    assert!(matches!(output.status.code(), Some(0 | 1)), "{output:?}");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    report["commit"].clone()
}

/// Every item of a JSON report's trees, in document order: file, id and `counted`.
fn flags(items: &serde_json::Value, out: &mut Vec<(String, String, bool)>) {
    for item in items.as_array().expect("items") {
        out.push((
            item["span"]["file"].as_str().expect("file").to_owned(),
            item["id"].as_str().expect("id").to_owned(),
            item["counted"].as_bool().expect("counted"),
        ));
        flags(&item["children"], out);
    }
}

/// Each item of the JSON report says whether the score counts it: items before the first
/// heading, nested ones, optional, N/A and post-launch ones, across two checklists of one run.
/// The reports find an item's flag by its place in document order, so a flag written for the
/// wrong item shows here as a shifted column.
#[test]
fn json_items_say_which_the_score_counts() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "a.md",
        "- [x] Loose note before any heading\n\n# Launch\n\n## Build\n- [x] Compile the service\n  \
         - [ ] Nested check open\n    - [x] Deeper check done\n- [ ] Write the docs (optional)\n\
         - [x] Legacy fax gateway (N/A)\n\n## Post-Launch\n- [ ] Watch the dashboards\n\n## Run\n\
         - [ ] Alert rules in place\n",
    );
    write(
        dir.path(),
        "b.md",
        "# Second\n## Only\n- [ ] (optional) Nice to have\n  - [x] Its done child\n\
         - [x] Done thing\n  - [ ] (optional) Open child\n",
    );
    let (_, stdout, stderr) = run_in(
        dir.path(),
        &["check", "a.md", "b.md", "--no-probes", "--format", "json"],
    );
    let report: serde_json::Value = serde_json::from_str(&stdout).expect(&stderr);
    let mut found = Vec::new();
    flags(&report["items"], &mut found);
    let expected = [
        ("a.md", "1", true),
        ("a.md", "build/1", true),
        ("a.md", "build/1.1", true),
        ("a.md", "build/1.1.1", true),
        ("a.md", "build/2", false),
        ("a.md", "build/3", false),
        ("a.md", "post-launch/1", false),
        ("a.md", "run/1", true),
        ("b.md", "only/1", false),
        ("b.md", "only/1.1", true),
        ("b.md", "only/2", true),
        ("b.md", "only/2.1", false),
    ]
    .map(|(file, id, counted)| (file.to_owned(), id.to_owned(), counted));
    assert_eq!(found, expected, "{report:#}");
    assert_eq!(report["summary"]["counted"], 7, "{report:#}");
}
