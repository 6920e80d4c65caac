//! Probe kinds end to end: the `ready` binary against real in-process HTTP and TLS servers,
//! real files, a real closed port, real programs. Each kind passes and fails.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime};

use serde_json::Value;

use crate::servers::{Authority, Web, closed_address, self_signed};
use crate::support::{run_in, write};

/// Outcome and message of each probe, by id.
pub(crate) type Outcomes = BTreeMap<String, (String, String)>;

/// `ready probe p.yaml --format json` in `dir`; returns the exit code and the outcomes. The
/// scenario is then recorded and replayed through `ready check` as well.
pub(crate) fn probe(dir: &Path, yaml: &str, extra: &[&str]) -> (i32, Outcomes, Value) {
    probe_with(dir, yaml, extra, true)
}

/// As [`probe`], without the record and replay runs: for scenarios that count what a server
/// saw.
pub(crate) fn probe_once(dir: &Path, yaml: &str, extra: &[&str]) -> (i32, Outcomes, Value) {
    probe_with(dir, yaml, extra, false)
}

fn probe_with(dir: &Path, yaml: &str, extra: &[&str], replay: bool) -> (i32, Outcomes, Value) {
    write(dir, "p.yaml", yaml);
    let mut args = vec!["probe", "p.yaml", "--format", "json"];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = run_in(dir, &args);
    assert!(code == 0 || code == 1, "exit {code}: {stderr}");
    let report: Value = serde_json::from_str(&stdout).expect("JSON");
    if replay {
        record_and_replay(dir, &report, extra);
    }
    let outcomes = report["probes"]
        .as_array()
        .expect("probes")
        .iter()
        .map(|p| {
            (
                p["id"].as_str().expect("id").to_owned(),
                (
                    p["outcome"].as_str().expect("outcome").to_owned(),
                    p["message"].as_str().expect("message").to_owned(),
                ),
            )
        })
        .collect();
    (code, outcomes, report)
}

/// Every probe scenario also goes through `ready check --record` and `--replay`: a checklist
/// with one item per probe, each bound inline, is checked with the probes recording a bundle,
/// then replayed from it, and both JSON reports must be the same bytes.
fn record_and_replay(dir: &Path, report: &Value, extra: &[&str]) {
    let ids: Vec<&str> = report["probes"]
        .as_array()
        .expect("probes")
        .iter()
        .filter_map(|p| p["id"].as_str())
        .collect();
    if ids.is_empty() {
        return;
    }
    let mut checklist = String::from("# Replay\n## Probed\n");
    for id in &ids {
        checklist.push_str(&format!(
            "- [x] Claim checked by {id} <!-- probe: {id} -->\n"
        ));
    }
    write(dir, ".replay/replay.md", checklist);
    let bundle = dir.join(".replay/bundle");
    let bundle = bundle.to_str().expect("utf-8 path");
    let check = |mode: &str| {
        let mut args = vec![
            "check",
            ".replay/replay.md",
            "--probes",
            "p.yaml",
            "--format",
            "json",
            "--today",
            "2026-06-15",
            mode,
            bundle,
        ];
        // Only the options `check` shares with `probe` (how probes run).
        let mut rest = extra.iter();
        while let Some(arg) = rest.next() {
            match *arg {
                "--allow-exec" => args.push(arg),
                "--timeout" | "--deadline" | "--concurrency" => {
                    args.push(arg);
                    args.extend(rest.next());
                }
                _ => {}
            }
        }
        let (code, stdout, stderr) = run_in(dir, &args);
        assert!(
            code == 0 || code == 1,
            "check {mode}: exit {code}: {stderr}"
        );
        stdout
    };
    let recorded = check("--record");
    let replayed = check("--replay");
    assert_eq!(
        replayed, recorded,
        "the replay differs from the recorded run"
    );
    let _ = std::fs::remove_dir_all(dir.join(".replay"));
}

#[track_caller]
pub(crate) fn expect(outcomes: &Outcomes, id: &str, outcome: &str, says: &str) {
    let (got, message) = outcomes.get(id).unwrap_or_else(|| panic!("no probe {id}"));
    assert_eq!(got, outcome, "probe {id}: {message}");
    assert!(
        message.contains(says),
        "probe {id}: {message:?} lacks {says:?}"
    );
}

#[test]
fn http_probe_checks_status_latency_body_and_json() {
    let web = Web::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let down = closed_address();
    let yaml = format!(
        r#"probes:
  - id: health
    http: {{ url: "{health}", status: 200, max_latency: 2s, body_contains: '"ok"', json: {{ "/status": ok, "/checks/db": true }} }}
  - id: regex
    http: {{ url: "{health}", body_regex: 'version":"1\.\d+' }}
  - id: server-error
    http: {{ url: "{error}" }}
  - id: server-error-expected
    http: {{ url: "{error}", status: [500, 503] }}
  - id: slow
    http: {{ url: "{slow}", max_latency: 100ms }}
  - id: wrong-json
    http: {{ url: "{degraded}", json: {{ "/status": ok }} }}
  - id: missing-field
    http: {{ url: "{health}", json: {{ "/checks/cache": true }} }}
  - id: not-found
    http: {{ url: "{missing}", status: 2xx }}
  - id: down
    http: {{ url: "http://{down}/health" }}
  - id: authorized
    http: {{ url: "{private}", headers: {{ Authorization: "Bearer s3cret-token" }} }}
  - id: unauthorized
    http: {{ url: "{private}", headers: {{ Authorization: "Bearer wrong-token" }} }}
  - id: post
    http: {{ url: "{health}", method: post, body: "{{}}" }}
"#,
        health = web.url("/health"),
        error = web.url("/error"),
        slow = web.url("/slow"),
        degraded = web.url("/degraded"),
        missing = web.url("/nope"),
        private = web.url("/private"),
    );
    let (code, outcomes, _) = probe(dir.path(), &yaml, &[]);
    assert_eq!(code, 1);
    expect(&outcomes, "health", "pass", "HTTP 200 OK");
    expect(&outcomes, "health", "pass", "/status = \"ok\"");
    expect(&outcomes, "regex", "pass", "body matches");
    expect(
        &outcomes,
        "server-error",
        "fail",
        "HTTP 500 Internal Server Error",
    );
    expect(&outcomes, "server-error", "fail", "expected 2xx");
    expect(&outcomes, "server-error-expected", "pass", "HTTP 500");
    expect(&outcomes, "slow", "fail", "slower than max_latency 100 ms");
    expect(
        &outcomes,
        "wrong-json",
        "fail",
        "/status is \"degraded\", expected \"ok\"",
    );
    expect(
        &outcomes,
        "missing-field",
        "fail",
        "/checks/cache is missing",
    );
    expect(&outcomes, "not-found", "fail", "HTTP 404");
    expect(&outcomes, "down", "fail", "cannot connect to 127.0.0.1");
    expect(&outcomes, "authorized", "pass", "HTTP 200");
    expect(&outcomes, "unauthorized", "fail", "HTTP 401");
    expect(&outcomes, "post", "pass", "HTTP 200");
}

#[test]
fn tls_probes_read_expiry_and_trust() {
    let ca = Authority::new();
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "ca.pem", &ca.pem);
    let (cert, key) = ca.leaf(90);
    let good = Web::start_tls(vec![cert], key);
    let (cert, key) = ca.leaf(3);
    let soon = Web::start_tls(vec![cert], key);
    let (cert, key) = ca.leaf(-2);
    let expired = Web::start_tls(vec![cert], key);
    let yaml = format!(
        r#"probes:
  - id: good
    tls: {{ address: "{good}", server_name: localhost, min_days: 14, ca_file: ca.pem }}
  - id: expiring
    tls: {{ address: "{soon}", server_name: localhost, min_days: 7, ca_file: ca.pem }}
  - id: expiring-ok
    tls: {{ address: "{soon}", server_name: localhost, ca_file: ca.pem }}
  - id: expired
    tls: {{ address: "{expired}", server_name: localhost, ca_file: ca.pem }}
  - id: untrusted
    tls: {{ address: "{good}", server_name: localhost }}
  - id: insecure
    tls: {{ address: "{good}", server_name: localhost, insecure: true, min_days: 30 }}
  - id: closed
    tls: {{ address: "{closed}", server_name: localhost }}
  - id: https
    http: {{ url: "{https}", ca_file: ca.pem, tls_min_days: 30, json: {{ /status: ok }} }}
  - id: https-expiring
    http: {{ url: "{https_soon}", ca_file: ca.pem, tls_min_days: 7 }}
  - id: https-untrusted
    http: {{ url: "{https}" }}
  - id: https-insecure
    http: {{ url: "{https}", insecure: true }}
"#,
        good = good.address(),
        soon = soon.address(),
        expired = expired.address(),
        closed = closed_address(),
        https = good.https("/health"),
        https_soon = soon.https("/health"),
    );
    let (code, outcomes, report) = probe(dir.path(), &yaml, &[]);
    assert_eq!(code, 1);
    // A weaker check says so wherever the probe is shown.
    let target = |id: &str| {
        report["probes"]
            .as_array()
            .expect("probes")
            .iter()
            .find(|p| p["id"] == id)
            .and_then(|p| p["target"].as_str())
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        target("insecure").contains("insecure: trust not checked"),
        "{}",
        target("insecure")
    );
    assert!(
        target("https-insecure").contains("insecure: certificate not checked"),
        "{}",
        target("https-insecure")
    );
    assert!(!target("good").contains("insecure"));
    expect(&outcomes, "good", "pass", "valid 90 days more");
    expect(
        &outcomes,
        "expiring",
        "fail",
        "expires in 3 days, fewer than min_days 7",
    );
    expect(&outcomes, "expiring-ok", "pass", "valid 3 days more");
    expect(&outcomes, "expired", "fail", "expired 2 days ago");
    expect(&outcomes, "untrusted", "fail", "not trusted");
    expect(&outcomes, "insecure", "pass", "valid 90 days more");
    expect(&outcomes, "closed", "fail", "cannot connect");
    expect(&outcomes, "https", "pass", "valid 90 days more");
    expect(&outcomes, "https-expiring", "fail", "expires in 3 days");
    expect(&outcomes, "https-untrusted", "fail", "UnknownIssuer");
    expect(&outcomes, "https-insecure", "pass", "HTTP 200");
}

#[test]
fn tcp_probe_finds_open_and_closed_ports() {
    let web = Web::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let yaml = format!(
        "probes:\n  - id: open\n    tcp: {{ address: \"{}\" }}\n  - id: closed\n    tcp: {{ address: \"{}\" }}\n",
        web.address(),
        closed_address()
    );
    let (_, outcomes, _) = probe(dir.path(), &yaml, &[]);
    expect(&outcomes, "open", "pass", "connected");
    expect(&outcomes, "closed", "fail", "Connection refused");
}

/// Sets a file's modification time `ago` into the past.
pub(crate) fn age(path: &Path, ago: Duration) {
    let file = std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open");
    file.set_modified(SystemTime::now() - ago)
        .expect("set mtime");
}

#[test]
fn backup_probe_checks_age_size_and_count() {
    let dir = tempfile::tempdir().expect("temp dir");
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).expect("mkdir");
    write(&backups, "db-1.sql.gz", vec![1u8; 4096]);
    write(&backups, "db-2.sql.gz", vec![1u8; 4096]);
    age(&backups.join("db-1.sql.gz"), Duration::from_secs(50 * 3600));
    age(&backups.join("db-2.sql.gz"), Duration::from_secs(2 * 3600));
    let stale = dir.path().join("stale");
    std::fs::create_dir(&stale).expect("mkdir");
    write(&stale, "db.sql.gz", vec![1u8; 4096]);
    age(&stale.join("db.sql.gz"), Duration::from_secs(3 * 86_400));
    write(&backups, "empty.dump", "");
    let yaml = r#"probes:
  - id: fresh
    backup: { path: "backups/*.sql.gz", max_age: 26h, min_size: 1 KiB, min_count: 2 }
  - id: stale
    backup: { path: "stale/*.sql.gz", max_age: 26h }
  - id: too-few
    backup: { path: "backups/*.sql.gz", max_age: 26h, min_count: 7 }
  - id: too-small
    backup: { path: "backups/*.dump", max_age: 26h, min_size: 1 KiB }
  - id: none
    backup: { path: "nowhere/*.tar", max_age: 7d }
"#;
    let (code, outcomes, _) = probe(dir.path(), yaml, &[]);
    assert_eq!(code, 1);
    expect(
        &outcomes,
        "fresh",
        "pass",
        "newest of 2: db-2.sql.gz, 2h 0m old, 4.0 KiB",
    );
    expect(
        &outcomes,
        "stale",
        "fail",
        "3d 0h old, 4.0 KiB: older than max_age 1d 2h",
    );
    expect(
        &outcomes,
        "too-few",
        "fail",
        "2 files match, expected at least 7",
    );
    expect(
        &outcomes,
        "too-small",
        "fail",
        "smaller than min_size 1.0 KiB",
    );
    expect(&outcomes, "none", "fail", "0 files match");
}

#[test]
fn disk_probe_compares_free_space() {
    let dir = tempfile::tempdir().expect("temp dir");
    let yaml = r#"probes:
  - id: roomy
    disk: { path: ".", min_free_percent: 0 }
  - id: full
    disk: { path: ".", min_free_percent: 100 }
  - id: nowhere
    disk: { path: "no/such/dir", min_free_percent: 1 }
"#;
    let (_, outcomes, _) = probe(dir.path(), yaml, &[]);
    expect(&outcomes, "roomy", "pass", "% free (");
    expect(&outcomes, "full", "fail", "below min_free_percent 100%");
    expect(&outcomes, "nowhere", "fail", "cannot read");
}

#[test]
fn sqlite_probe_opens_read_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("app.db");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        use sqlx::ConnectOptions;
        let mut connection = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&db)
            .create_if_missing(true)
            .connect()
            .await
            .expect("create database");
        sqlx::query("CREATE TABLE t (x INTEGER)")
            .execute(&mut connection)
            .await
            .expect("create table");
    });
    write(
        dir.path(),
        "garbage.db",
        "this is not a database, just text padding it out ".repeat(100),
    );
    let before = std::fs::read(&db).expect("read");
    let yaml = r"probes:
  - id: quick
    sqlite: { path: app.db }
  - id: select
    sqlite: { path: app.db, check: select_1 }
  - id: garbage
    sqlite: { path: garbage.db }
  - id: missing
    sqlite: { path: missing.db }
";
    let (_, outcomes, _) = probe(dir.path(), yaml, &[]);
    expect(&outcomes, "quick", "pass", "quick_check ok");
    expect(&outcomes, "select", "pass", "SELECT 1 ok");
    expect(&outcomes, "garbage", "fail", "not a database");
    expect(&outcomes, "missing", "fail", "does not exist");
    assert!(
        !dir.path().join("missing.db").exists(),
        "a probe must not create files"
    );
    assert_eq!(std::fs::read(&db).expect("read"), before, "read-only");
}

#[test]
fn prometheus_probe_compares_every_sample() {
    let web = Web::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let base = web.url("");
    let yaml = format!(
        r#"probes:
  - id: cpu
    prometheus: {{ url: "{base}", query: 'avg by (instance) (cpu_usage)', expect: "< 0.7" }}
  - id: hot
    prometheus: {{ url: "{base}", query: 'avg by (instance) (hot_load)', expect: "< 0.7" }}
  - id: scalar
    prometheus: {{ url: "{base}/", query: 'scalar(up)', expect: "== 1" }}
  - id: absent
    prometheus: {{ url: "{base}", query: 'absent_metric', expect: ">= 1" }}
  - id: bad
    prometheus: {{ url: "{base}", query: 'rate(', expect: "> 0" }}
"#
    );
    let (_, outcomes, _) = probe(dir.path(), &yaml, &[]);
    expect(
        &outcomes,
        "cpu",
        "pass",
        "2 samples (0.42, 0.55), all < 0.7",
    );
    expect(
        &outcomes,
        "hot",
        "fail",
        "{instance=\"b\"} is 0.91, expected < 0.7",
    );
    expect(&outcomes, "scalar", "pass", "1 sample (1), all == 1");
    expect(&outcomes, "absent", "fail", "returned no samples");
    expect(&outcomes, "bad", "error", "parse error");
}

#[test]
fn command_probe_runs_only_when_allowed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let yaml = r#"probes:
  - id: ok
    command: { argv: ["sh", "-c", "echo replication healthy"], stdout_contains: healthy }
  - id: exit
    command: { argv: ["sh", "-c", "echo 'lag too high' >&2; exit 3"] }
  - id: expected-exit
    command: { argv: ["false"], expect_exit: 1 }
  - id: output
    command: { argv: ["echo", "degraded"], stdout_contains: healthy }
  - id: missing
    command: { argv: ["no-such-program-ready-test"] }
  - id: hangs
    command: { argv: ["sleep", "30"], timeout: 300ms }
  - id: no-shell
    command: { argv: ["echo", "$HOME; rm -rf /"], stdout_contains: "$$HOME; rm -rf /" }
"#;
    let (code, outcomes, _) = probe(dir.path(), yaml, &[]);
    assert_eq!(code, 0, "skipped probes do not fail the run");
    for (id, (outcome, message)) in &outcomes {
        assert_eq!(outcome, "skipped", "{id}");
        assert!(message.contains("--allow-exec"), "{message}");
    }
    let (code, outcomes, _) = probe(dir.path(), yaml, &["--allow-exec"]);
    assert_eq!(code, 1);
    expect(&outcomes, "ok", "pass", "exited 0");
    expect(
        &outcomes,
        "exit",
        "fail",
        "exited 3, expected 0: lag too high",
    );
    expect(&outcomes, "expected-exit", "pass", "exited 1");
    expect(&outcomes, "output", "fail", "does not contain \"healthy\"");
    expect(
        &outcomes,
        "missing",
        "fail",
        "cannot run no-such-program-ready-test",
    );
    expect(&outcomes, "hangs", "timeout", "timeout of 300 ms");
    expect(&outcomes, "no-shell", "pass", "exited 0");
}

/// The certificate faults a gate must not pass: self-signed, not yet valid, issued for another
/// host. Each fails with its reason unless the probe says `insecure: true`, which its target
/// then shows in every report.
#[test]
fn tls_faults_fail_unless_insecure() {
    let ca = Authority::new();
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "ca.pem", &ca.pem);
    let (cert, key) = self_signed(90);
    let own = Web::start_tls(vec![cert], key);
    let (cert, key) = ca.leaf_for("localhost", 5, 90);
    let early = Web::start_tls(vec![cert], key);
    let (cert, key) = ca.leaf_for("other.test", -10, 90);
    let elsewhere = Web::start_tls(vec![cert], key);
    let mut yaml = String::from("probes:\n");
    for (id, web) in [
        ("self-signed", &own),
        ("not-yet-valid", &early),
        ("wrong-host", &elsewhere),
    ] {
        yaml.push_str(&format!(
            "  - id: {id}\n    tls: {{ address: \"{}\", server_name: localhost, ca_file: ca.pem }}\n\
             \x20 - id: {id}-insecure\n    tls: {{ address: \"{}\", server_name: localhost, insecure: true }}\n\
             \x20 - id: {id}-https\n    http: {{ url: \"{}\", ca_file: ca.pem }}\n",
            web.address(),
            web.address(),
            web.https("/health"),
        ));
    }
    let (code, outcomes, report) = probe(dir.path(), &yaml, &[]);
    assert_eq!(code, 1);
    expect(&outcomes, "self-signed", "fail", "not trusted");
    expect(&outcomes, "not-yet-valid", "fail", "not valid until");
    expect(&outcomes, "wrong-host", "fail", "not valid for localhost");
    expect(&outcomes, "self-signed-https", "fail", "self-signed");
    expect(&outcomes, "not-yet-valid-https", "fail", "NotValidYet");
    expect(&outcomes, "wrong-host-https", "fail", "NotValidForName");
    for id in ["self-signed", "wrong-host"] {
        expect(
            &outcomes,
            &format!("{id}-insecure"),
            "pass",
            "valid 90 days more",
        );
    }
    for probe in report["probes"].as_array().expect("probes") {
        let insecure = probe["id"]
            .as_str()
            .is_some_and(|id| id.ends_with("-insecure"));
        let target = probe["target"].as_str().unwrap_or_default();
        assert_eq!(insecure, target.contains("insecure"), "{target}");
    }
}

/// Response headers: present, absent, equal to a value, matching a pattern; a credential's
/// value is masked in the evidence.
#[test]
fn http_probes_check_response_headers() {
    let web = Web::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let hardened = web.url("/hardened");
    let plain = web.url("/health");
    let yaml = format!(
        r#"probes:
  - id: hardened
    http:
      url: "{hardened}"
      response_headers:
        Strict-Transport-Security: "/max-age=\\d{{7,}}/"
        Content-Type: application/json
        Server: absent
        Set-Cookie: present
  - id: no-hsts
    http: {{ url: "{plain}", response_headers: {{ Strict-Transport-Security: present }} }}
  - id: wrong-type
    http: {{ url: "{hardened}", response_headers: {{ Content-Type: text/html }} }}
  - id: leaky
    http: {{ url: "{hardened}", response_headers: {{ Set-Cookie: absent }} }}
"#
    );
    let (code, outcomes, report) = probe(dir.path(), &yaml, &[]);
    assert_eq!(code, 1);
    expect(
        &outcomes,
        "hardened",
        "pass",
        // In the order of the names, as a probe file's keys are read.
        "content-type = \"application/json\"; server absent; set-cookie = \"***\"; strict-transport-security = \"max-age=63072000; includeSubDomains\" (matches /max-age=\\d{7,}/)",
    );
    expect(
        &outcomes,
        "no-hsts",
        "fail",
        "but header strict-transport-security is missing",
    );
    expect(
        &outcomes,
        "wrong-type",
        "fail",
        "header content-type is \"application/json\", expected \"text/html\"",
    );
    expect(
        &outcomes,
        "leaky",
        "fail",
        "header set-cookie is present (\"***\"), expected absent",
    );
    assert!(!report.to_string().contains("abc123secret"));
}

/// DNS against dnsmasq on loopback: records that match and that do not, every record type,
/// NXDOMAIN expected and not, a server that never answers.
#[test]
fn dns_probes_ask_a_real_server() {
    let server = crate::servers::Dnsmasq::start();
    // A UDP socket that reads nothing: a DNS server that does not answer.
    let silent = std::net::UdpSocket::bind("127.0.0.1:0").expect("bind");
    let dir = tempfile::tempdir().expect("temp dir");
    let at = format!("127.0.0.1:{}", server.port);
    let quiet = silent.local_addr().expect("address");
    let yaml = format!(
        r#"probes:
  - id: a
    dns: {{ name: api.ready.test, server: "{at}", contains: [127.0.0.10], min_count: 2 }}
  - id: a-exact
    dns: {{ name: api.ready.test, server: "{at}", equals: [127.0.0.11, 127.0.0.10] }}
  - id: a-moved
    dns: {{ name: api.ready.test, server: "{at}", contains: [10.0.0.1] }}
  - id: aaaa
    dns: {{ name: v6.ready.test, type: AAAA, server: "{at}", equals: ["::1"] }}
  - id: cname
    dns: {{ name: www.ready.test, type: CNAME, server: "{at}", equals: [api.ready.test] }}
  - id: mx
    dns: {{ name: ready.test, type: MX, server: "{at}", contains: ["10 mail.ready.test"] }}
  - id: txt
    dns: {{ name: ready.test, type: TXT, server: "{at}", contains: ["v=spf1 -all"] }}
  - id: srv
    dns: {{ name: _https._tcp.ready.test, type: SRV, server: "{at}", min_count: 1 }}
  - id: wrong-type
    dns: {{ name: v6.ready.test, type: MX, server: "{at}" }}
  - id: retired
    dns: {{ name: old.ready.test, server: "{at}", nxdomain: true }}
  - id: missing
    dns: {{ name: old.ready.test, server: "{at}" }}
  - id: silent
    timeout: 1s
    dns: {{ name: api.ready.test, server: "{quiet}" }}
"#
    );
    let started = std::time::Instant::now();
    let (code, outcomes, _) = probe(dir.path(), &yaml, &[]);
    assert_eq!(code, 1);
    expect(
        &outcomes,
        "a",
        "pass",
        "A api.ready.test: 127.0.0.10, 127.0.0.11",
    );
    expect(&outcomes, "a-exact", "pass", "127.0.0.10");
    expect(&outcomes, "a-moved", "fail", "10.0.0.1 is not among them");
    expect(&outcomes, "aaaa", "pass", "AAAA v6.ready.test: ::1");
    expect(
        &outcomes,
        "cname",
        "pass",
        "CNAME www.ready.test: api.ready.test",
    );
    expect(&outcomes, "mx", "pass", "10 mail.ready.test");
    expect(&outcomes, "txt", "pass", "v=spf1 -all");
    expect(&outcomes, "srv", "pass", "api.ready.test");
    expect(&outcomes, "wrong-type", "fail", "no records");
    expect(
        &outcomes,
        "retired",
        "pass",
        "does not exist (NXDOMAIN), as expected",
    );
    expect(
        &outcomes,
        "missing",
        "fail",
        "old.ready.test does not exist (NXDOMAIN)",
    );
    let (outcome, _) = &outcomes["silent"];
    assert!(outcome == "timeout" || outcome == "fail", "{outcome}");
    assert!(started.elapsed() < Duration::from_secs(15));
    drop(silent);
}

/// The gRPC health check against tonic-health in this process: `SERVING`, `NOT_SERVING`, an
/// unknown service, TLS trusted through `ca_file`, untrusted, insecure, and no server at all.
#[test]
fn grpc_probes_read_the_health_service() {
    let plain = crate::servers::GrpcHealth::start(None);
    let ca = Authority::new();
    let (certificate, key) = ca.leaf(90);
    let secure = crate::servers::GrpcHealth::start(Some((&certificate, &key)));
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "ca.pem", &ca.pem);
    let http = format!("http://127.0.0.1:{}", plain.port);
    let https = format!("https://localhost:{}", secure.port);
    let closed = closed_address();
    let yaml = format!(
        r#"probes:
  - id: server
    grpc: {{ url: "{http}" }}
  - id: payments
    grpc: {{ url: "{http}", service: payments }}
  - id: ledger
    grpc: {{ url: "{http}", service: ledger }}
  - id: unknown
    grpc: {{ url: "{http}", service: billing }}
  - id: tls
    grpc: {{ url: "{https}", service: payments, ca_file: ca.pem }}
  - id: tls-untrusted
    grpc: {{ url: "{https}" }}
  - id: tls-insecure
    grpc: {{ url: "{https}", insecure: true }}
  - id: down
    grpc: {{ url: "http://{closed}" }}
"#
    );
    let (code, outcomes, report) = probe(dir.path(), &yaml, &[]);
    assert_eq!(code, 1);
    expect(&outcomes, "server", "pass", "the server is SERVING");
    expect(
        &outcomes,
        "payments",
        "pass",
        "service \"payments\" is SERVING",
    );
    expect(
        &outcomes,
        "ledger",
        "fail",
        "service \"ledger\" is NOT_SERVING",
    );
    expect(
        &outcomes,
        "unknown",
        "fail",
        "does not know service \"billing\" (NOT_FOUND)",
    );
    expect(&outcomes, "tls", "pass", "SERVING");
    expect(
        &outcomes,
        "tls-untrusted",
        "fail",
        "TLS failed: UnknownIssuer",
    );
    expect(&outcomes, "tls-insecure", "pass", "SERVING");
    expect(&outcomes, "down", "fail", "cannot connect");
    assert!(
        report
            .to_string()
            .contains("(insecure: certificate not checked)")
    );
}
