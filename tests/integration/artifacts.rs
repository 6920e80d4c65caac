//! Artifact probes over what real tools leave behind: JUnit XML written by pytest, and JSON
//! summaries, plus the edge cases a CI job meets (no file, a stale one, malformed XML, an empty
//! report). The Python tools come from the test environment `scripts/test.sh` builds under
//! `target/pyenv`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::probes::{age, expect, probe};
use crate::support::{root, run_in, write};

/// The Python of the test environment, with the tools `scripts/test.sh` installs.
fn python() -> PathBuf {
    let python = root().join("target/pyenv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run scripts/test.sh, which builds the test environment",
        python.display()
    );
    python
}

/// A small pytest project with a passing, a failing and a skipped test, run for real.
fn pytest_report(dir: &Path) {
    write(
        dir,
        "tests/test_checkout.py",
        "import pytest\n\n\
         def test_cart_total():\n    assert 2 + 2 == 4\n\n\
         def test_refund():\n    assert 1 == 1\n\n\
         def test_tax():\n    assert 19 == 21, 'VAT rounding'\n\n\
         @pytest.mark.skip(reason='needs a live gateway')\n\
         def test_gateway():\n    pass\n\n\
         class TestLogin:\n    def test_password(self):\n        assert True\n",
    );
    let status = Command::new(python())
        .current_dir(dir)
        .args([
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--junitxml=reports/junit.xml",
            "tests",
        ])
        .output()
        .expect("pytest runs");
    // pytest exits 1 when a test fails, which this project has on purpose.
    assert_eq!(
        status.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&status.stdout)
    );
}

#[test]
fn junit_probes_read_what_pytest_wrote() {
    let dir = tempfile::tempdir().expect("tempdir");
    pytest_report(dir.path());
    write(
        dir.path(),
        "old/junit.xml",
        std::fs::read(dir.path().join("reports/junit.xml")).expect("read"),
    );
    age(
        &dir.path().join("old/junit.xml"),
        Duration::from_secs(3 * 86_400),
    );
    write(
        dir.path(),
        "broken/junit.xml",
        "<testsuites><testsuite name=\"x\"><testcase name=\"a\"></testsuite>",
    );
    write(
        dir.path(),
        "empty/junit.xml",
        "<?xml version=\"1.0\"?><testsuites/>",
    );
    write(dir.path(), "other/junit.xml", "{\"not\": \"xml\"}");
    let yaml = r#"probes:
  - id: all-green
    junit: { path: reports/*.xml }
  - id: one-failure-allowed
    junit: { path: reports/junit.xml, failures: 1, min_tests: 4 }
  - id: rate-met
    junit: { path: reports/junit.xml, failures: 1, min_pass_rate: 75% }
  - id: rate-missed
    junit: { path: reports/junit.xml, failures: 1, min_pass_rate: 80% }
  - id: named-test
    junit: { path: reports/junit.xml, failures: 1, test: "tests.test_checkout.TestLogin.test_password" }
  - id: named-failing-test
    junit: { path: reports/junit.xml, failures: 1, test: test_tax }
  - id: unknown-test
    junit: { path: reports/junit.xml, failures: 1, test: test_nothing }
  - id: suite
    junit: { path: reports/junit.xml, failures: 1, suite: pytest }
  - id: no-file
    junit: { path: "nowhere/*.xml" }
  - id: stale
    junit: { path: old/junit.xml, failures: 1, max_age: 1d }
  - id: broken
    junit: { path: broken/junit.xml }
  - id: empty
    junit: { path: empty/junit.xml }
  - id: not-junit
    junit: { path: other/junit.xml }
"#;
    let (code, outcomes, _) = probe(dir.path(), yaml, &[]);
    assert_eq!(code, 1);
    expect(
        &outcomes,
        "all-green",
        "fail",
        "junit.xml: 5 tests, 3 passed, 1 failed, 0 errors, 1 skipped: more than failures 0 allows (tests.test_checkout.test_tax failed: AssertionError: VAT rounding",
    );
    expect(
        &outcomes,
        "one-failure-allowed",
        "pass",
        "5 tests, 3 passed",
    );
    expect(&outcomes, "rate-met", "pass", "3 passed");
    expect(
        &outcomes,
        "rate-missed",
        "fail",
        "75.0% passed, below min_pass_rate 80%",
    );
    expect(&outcomes, "named-test", "pass", "5 tests");
    expect(
        &outcomes,
        "named-failing-test",
        "fail",
        "test \"test_tax\" did not pass",
    );
    expect(
        &outcomes,
        "unknown-test",
        "fail",
        "no test named \"test_nothing\"",
    );
    expect(
        &outcomes,
        "suite",
        "fail",
        "suite \"pytest\" has a failing test",
    );
    expect(&outcomes, "no-file", "fail", "no file matches");
    expect(&outcomes, "stale", "fail", "older than max_age 1d");
    expect(&outcomes, "broken", "fail", "not a JUnit report");
    expect(&outcomes, "empty", "fail", "0 tests");
    expect(&outcomes, "not-junit", "fail", "not a JUnit report");
}

#[test]
fn json_probes_compare_numbers_in_any_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "load/summary.json",
        r#"{"metrics": {"http_req_duration": {"avg": 81.2, "p(95)": 187.5},
            "http_req_failed": {"rate": 0.002}, "checks": {"passes": 4120, "fails": 0}},
            "status": "passed"}"#,
    );
    write(dir.path(), "load/garbled.json", "{\"metrics\": ");
    // Two runs' summaries: yesterday's slow one, today's fast one.
    write(dir.path(), "runs/monday.json", r#"{"p95": 420}"#);
    age(
        &dir.path().join("runs/monday.json"),
        Duration::from_secs(86_400),
    );
    write(dir.path(), "runs/tuesday.json", r#"{"p95": 180}"#);
    let yaml = r#"probes:
  - id: fast-enough
    json:
      path: load/summary.json
      checks: { "/metrics/http_req_duration/p(95)": "< 200", "/metrics/http_req_failed/rate": "<= 0.01", /status: passed }
  - id: too-slow
    json: { path: load/summary.json, checks: { "/metrics/http_req_duration/p(95)": "< 150" } }
  - id: missing
    json: { path: load/summary.json, checks: { "/metrics/iterations/count": ">= 1000" } }
  - id: garbled
    json: { path: load/garbled.json, checks: { /status: passed } }
  - id: newest-run
    json: { path: "runs/*.json", select: newest, checks: { /p95: "< 200" } }
  - id: every-run
    json: { path: "runs/*.json", checks: { /p95: "< 200" } }
"#;
    let (code, outcomes, _) = probe(dir.path(), yaml, &[]);
    assert_eq!(code, 1);
    expect(
        &outcomes,
        "fast-enough",
        "pass",
        "/metrics/http_req_duration/p(95) = 187.5 (< 200)",
    );
    expect(
        &outcomes,
        "too-slow",
        "fail",
        "in summary.json, /metrics/http_req_duration/p(95) is 187.5, expected < 150",
    );
    expect(
        &outcomes,
        "missing",
        "fail",
        "/metrics/iterations/count is missing",
    );
    expect(&outcomes, "garbled", "fail", "garbled.json is not JSON");
    expect(
        &outcomes,
        "newest-run",
        "pass",
        "tuesday.json: /p95 = 180 (< 200)",
    );
    expect(
        &outcomes,
        "every-run",
        "fail",
        "in monday.json, /p95 is 420, expected < 200",
    );
}

/// Through `ready check`: a ticked "tests pass" item whose report says otherwise is a
/// contradicted claim and blocks the release.
#[test]
fn a_ticked_claim_the_test_report_denies_is_contradicted() {
    let dir = tempfile::tempdir().expect("tempdir");
    pytest_report(dir.path());
    write(
        dir.path(),
        "launch.md",
        "# Launch\n## Testing\n- [x] All unit tests pass\n- [x] Load test p95 under 200 ms\n",
    );
    write(dir.path(), "load.json", r#"{"p95": 187.5}"#);
    write(
        dir.path(),
        "ci.yaml",
        "probes:\n  - id: unit\n    match: unit tests pass\n    junit: { path: reports/junit.xml }\n\
         \x20 - id: load\n    match: load test\n    json: { path: load.json, checks: { /p95: \"< 200\" } }\n",
    );
    let (code, stdout, stderr) = run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--probes",
            "ci.yaml",
            "launch.md",
        ],
    );
    assert_eq!(code, 1, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let statuses: Vec<&str> = report["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["status"].as_str().expect("status"))
        .collect();
    assert_eq!(statuses, ["contradicted", "verified"]);
    let rules: Vec<&str> = report["blockers"]
        .as_array()
        .expect("blockers")
        .iter()
        .map(|b| b["rule"].as_str().expect("rule"))
        .collect();
    assert!(rules.contains(&"probe-contradicts"), "{rules:?}");
}

/// A small package, measured for real by coverage.py and written as Cobertura XML and LCOV.
fn coverage_reports(dir: &Path) {
    write(
        dir,
        "shop/cart.py",
        "def total(prices):\n    s = 0\n    for p in prices:\n        if p < 0:\n            raise ValueError(p)\n        s += p\n    return s\n",
    );
    write(
        dir,
        "shop/refunds.py",
        "def refund(amount):\n    if amount > 100:\n        return 'review'\n    if amount < 0:\n        return 'invalid'\n    return 'ok'\n\ndef never_called():\n    return 1\n",
    );
    write(dir, "shop/__init__.py", "");
    write(
        dir,
        "run.py",
        "from shop.cart import total\nfrom shop.refunds import refund\nassert total([1, 2]) == 3\nassert refund(5) == 'ok'\n",
    );
    for args in [
        vec![
            "-m",
            "coverage",
            "run",
            "--branch",
            "--source=shop",
            "run.py",
        ],
        vec!["-m", "coverage", "xml", "-o", "reports/coverage.xml"],
        vec!["-m", "coverage", "lcov", "-o", "reports/coverage.lcov"],
    ] {
        let output = Command::new(python())
            .current_dir(dir)
            .args(&args)
            .output()
            .expect("coverage.py runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn coverage_probes_read_cobertura_and_lcov_from_coverage_py() {
    let dir = tempfile::tempdir().expect("tempdir");
    coverage_reports(dir.path());
    write(dir.path(), "reports/junit.xml", "<testsuites/>");
    // coverage.py measures 11 of 15 lines (73.3%) and 5 of 8 branches (62.5%).
    let yaml = r"probes:
  - id: xml-met
    coverage: { path: reports/coverage.xml, min: 70% }
  - id: xml-missed
    coverage: { path: reports/coverage.xml, min: 85% }
  - id: lcov-met
    coverage: { path: reports/coverage.lcov, min: 70% }
  - id: prefix
    coverage: { path: reports/coverage.xml, min: 85%, prefix: shop/cart }
  - id: branches
    coverage: { path: reports/coverage.xml, min: 50%, min_branch: 70% }
  - id: unknown-prefix
    coverage: { path: reports/coverage.xml, min: 50%, prefix: billing/ }
  - id: not-coverage
    coverage: { path: reports/junit.xml, min: 50% }
";
    let (code, outcomes, report) = probe(dir.path(), yaml, &[]);
    assert_eq!(code, 1, "{report:#}");
    let message = |id: &str| outcomes[id].1.clone();
    expect(&outcomes, "xml-met", "pass", "coverage.xml: line ");
    expect(
        &outcomes,
        "xml-missed",
        "fail",
        "line coverage below min 85%",
    );
    expect(&outcomes, "lcov-met", "pass", "coverage.lcov: line ");
    // The two formats report the same measurement.
    let line = |m: String| {
        m.split(", branch")
            .next()
            .unwrap_or_default()
            .split(": ")
            .nth(1)
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(line(message("xml-met")), line(message("lcov-met")));
    expect(&outcomes, "prefix", "pass", "under shop/cart: line ");
    expect(
        &outcomes,
        "branches",
        "fail",
        "branch coverage below min_branch 70%",
    );
    expect(
        &outcomes,
        "unknown-prefix",
        "fail",
        "no file under \"billing/\"",
    );
    expect(&outcomes, "not-coverage", "fail", "not a coverage report");
}

/// Ruff's own SARIF for a file with findings and for a clean one, and a scanner's report with
/// security severities (written by hand in the shape `CodeQL` and Trivy use).
#[test]
fn sarif_probes_judge_findings_by_level_and_security_severity() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "src/app.py",
        "import os\n\ndef same(a):\n    return a == None\n",
    );
    write(
        dir.path(),
        "clean/ok.py",
        "def add(a, b):\n    return a + b\n",
    );
    let ruff = root().join("target/pyenv/bin/ruff");
    for (source, out) in [("src", "scans/ruff.sarif"), ("clean", "scans/clean.sarif")] {
        std::fs::create_dir_all(dir.path().join("scans")).expect("mkdir");
        let output = Command::new(&ruff)
            .current_dir(dir.path())
            .args([
                "check",
                "--no-cache",
                "--select",
                "F,E",
                "--output-format",
                "sarif",
                "--output-file",
                out,
                source,
            ])
            .output()
            .expect("ruff runs (scripts/test.sh installs it)");
        assert!(
            output.status.code().is_some_and(|c| c <= 1),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    write(
        dir.path(),
        "scans/deps.sarif",
        r#"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "Trivy", "rules": [
            {"id": "CVE-2026-0001", "properties": {"security-severity": "9.8"}},
            {"id": "CVE-2026-0002", "defaultConfiguration": {"level": "note"}, "properties": {"security-severity": "4.3"}}]}},
          "results": [
            {"ruleId": "CVE-2026-0001", "level": "warning", "message": {"text": "openssl 3.0.1 is vulnerable"},
             "locations": [{"physicalLocation": {"artifactLocation": {"uri": "Cargo.lock"}, "region": {"startLine": 812}}}]},
            {"ruleId": "CVE-2026-0002", "message": {"text": "a minor issue"}}]}]}"#,
    );
    write(
        dir.path(),
        "scans/empty.sarif",
        r#"{"version": "2.1.0", "runs": []}"#,
    );
    let yaml = r"probes:
  - id: lint-errors
    sarif: { path: scans/ruff.sarif }
  - id: lint-clean
    sarif: { path: scans/clean.sarif }
  - id: one-rule
    sarif: { path: scans/ruff.sarif, rule: E711 }
  - id: other-tool
    sarif: { path: scans/ruff.sarif, tool: CodeQL }
  - id: critical-cves
    sarif: { path: scans/deps.sarif, fail_on: none, security_severity: 9.0 }
  - id: errors-only
    sarif: { path: scans/deps.sarif }
  - id: no-run
    sarif: { path: scans/empty.sarif }
";
    let (code, outcomes, _) = probe(dir.path(), yaml, &[]);
    assert_eq!(code, 1);
    expect(
        &outcomes,
        "lint-errors",
        "fail",
        "ruff.sarif: 2 of 2 results at or above error: ruff F401 (error) at ",
    );
    expect(&outcomes, "lint-errors", "fail", "app.py:1");
    expect(&outcomes, "lint-clean", "pass", "clean.sarif: 0 results");
    expect(
        &outcomes,
        "one-rule",
        "fail",
        "1 of 1 result at or above error: ruff E711",
    );
    expect(&outcomes, "other-tool", "pass", "0 results");
    expect(
        &outcomes,
        "critical-cves",
        "fail",
        "deps.sarif: 1 of 2 results at or above security severity 9: Trivy CVE-2026-0001 (warning, severity 9.8) at Cargo.lock:812: openssl 3.0.1 is vulnerable",
    );
    expect(
        &outcomes,
        "errors-only",
        "pass",
        "2 results (0 errors, 1 warning, 1 note), none at or above error",
    );
    expect(&outcomes, "no-run", "fail", "holds no run");
}

/// JUnit from `cargo nextest` (on the machine with the Rust toolchain), for a small crate with
/// a passing and a failing test; and the probe's evidence in every report format.
#[test]
fn junit_from_cargo_nextest_reaches_every_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let krate = dir.path().join("ledger");
    write(
        &krate,
        "Cargo.toml",
        "[package]\nname = \"ledger\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    );
    write(
        &krate,
        "src/lib.rs",
        "pub fn add(a: i64, b: i64) -> i64 { a + b }\n\
         #[cfg(test)]\nmod tests {\n    #[test]\n    fn adds() { assert_eq!(super::add(2, 2), 4); }\n\
         \x20   #[test]\n    fn rounds() { assert_eq!(super::add(1, 1), 3, \"rounding\"); }\n}\n",
    );
    write(
        &krate,
        ".config/nextest.toml",
        "[profile.default.junit]\npath = \"junit.xml\"\n",
    );
    let output = Command::new("cargo")
        .current_dir(&krate)
        .args(["nextest", "run", "--no-fail-fast"])
        .env("CARGO_TARGET_DIR", krate.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo nextest runs (it comes with the machine's Rust toolchain)");
    assert_eq!(
        output.status.code(),
        Some(100),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    write(
        dir.path(),
        "launch.md",
        "# Launch\n## Testing\n- [x] Ledger unit tests pass\n",
    );
    write(
        dir.path(),
        "ci.yaml",
        "probes:\n  - id: ledger-tests\n    match: ledger unit tests\n    junit: { path: ledger/target/nextest/default/junit.xml, max_age: 1h }\n",
    );
    let mut args = vec!["check", "--format", "json", "--probes", "ci.yaml"];
    let reports: Vec<String> = ["junit", "html", "openmetrics", "markdown"]
        .iter()
        .map(|f| format!("{f}=out/{f}"))
        .collect();
    for report in &reports {
        args.extend(["--report", report.as_str()]);
    }
    args.push("launch.md");
    let (code, stdout, stderr) = run_in(dir.path(), &args);
    assert_eq!(code, 1, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let message = report["probes"][0]["message"].as_str().expect("message");
    assert!(
        message.starts_with("junit.xml: 2 tests, 1 passed, 1 failed, 0 errors, 0 skipped")
            && message.contains("tests::rounds failed"),
        "{message}"
    );
    assert_eq!(report["items"][0]["status"], "contradicted");
    for format in ["junit", "html", "openmetrics", "markdown"] {
        let written = std::fs::read_to_string(dir.path().join("out").join(format)).expect("report");
        assert!(written.contains("ledger-tests"), "{format} names the probe");
    }
}
