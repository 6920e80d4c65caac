//! HTTP probes against peers that answer badly on purpose: a body that stalls, never ends or is
//! cut short, redirect loops, and a redirect to another origin that would collect the probe's
//! credentials. Each peer is a raw socket on a loopback address, bounded in time.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::probes::{expect, probe, probe_once};
use crate::support::base64;

/// A raw HTTP peer on `host`: every connection gets its request read (and kept), then `answer`.
struct Peer {
    port: u16,
    host: &'static str,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Peer {
    fn start(host: &'static str, answer: fn(&mut TcpStream, &str)) -> Peer {
        let listener = TcpListener::bind((host, 0)).expect("bind loopback");
        let port = listener.local_addr().expect("address").port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming().take(64) {
                let Ok(mut stream) = stream else { continue };
                let seen = Arc::clone(&seen);
                std::thread::spawn(move || {
                    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                    let request = read_head(&mut stream);
                    if let Ok(mut all) = seen.lock() {
                        all.push(request.clone());
                    }
                    answer(&mut stream, &request);
                });
            }
        });
        Peer {
            port,
            host,
            requests,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}:{}{path}", self.host, self.port)
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().map(|r| r.clone()).unwrap_or_default()
    }
}

fn read_head(stream: &mut TcpStream) -> String {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 64 * 1024 {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => break,
        }
    }
    String::from_utf8_lossy(&head).into_owned()
}

fn stalls(stream: &mut TcpStream, _: &str) {
    let _ =
        stream.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 100\r\n\r\nok");
    // One byte a second, for longer than any probe here waits.
    for _ in 0..30 {
        std::thread::sleep(Duration::from_secs(1));
        if stream.write_all(b".").is_err() {
            return;
        }
    }
}

fn endless(stream: &mut TcpStream, _: &str) {
    let _ = stream
        .write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n");
    let chunk = format!("{:x}\r\n{}\r\n", 64 * 1024, "x".repeat(64 * 1024));
    // 64 MiB at most, far past the 1 MiB a probe reads.
    for _ in 0..1024 {
        if stream.write_all(chunk.as_bytes()).is_err() {
            return;
        }
    }
}

fn truncated(stream: &mut TcpStream, _: &str) {
    let _ = stream
        .write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 500\r\n\r\nhealthy");
}

fn loops(stream: &mut TcpStream, request: &str) {
    let n: u32 = request
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.trim_start_matches("/hop/").parse().ok())
        .unwrap_or(0);
    let answer = format!(
        "HTTP/1.1 302 Found\r\nConnection: close\r\nLocation: /hop/{}\r\nContent-Length: 0\r\n\r\n",
        n + 1
    );
    let _ = stream.write_all(answer.as_bytes());
}

fn ok(stream: &mut TcpStream, _: &str) {
    let _ =
        stream.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
}

#[test]
fn a_body_that_stalls_never_ends_or_is_cut_short_fails() {
    let stall = Peer::start("127.0.0.1", stalls);
    let flood = Peer::start("127.0.0.1", endless);
    let cut = Peer::start("127.0.0.1", truncated);
    let dir = tempfile::tempdir().expect("tempdir");
    let yaml = format!(
        "probes:\n\
         \x20 - id: stall\n    timeout: 2s\n    http: {{ url: \"{}\" }}\n\
         \x20 - id: flood\n    http: {{ url: \"{}\" }}\n\
         \x20 - id: small-cap\n    http: {{ url: \"{}\", max_body: 1 KiB }}\n\
         \x20 - id: cut\n    http: {{ url: \"{}\" }}\n",
        stall.url("/health"),
        flood.url("/health"),
        flood.url("/health"),
        cut.url("/health"),
    );
    let started = std::time::Instant::now();
    let (code, outcomes, _) = probe(dir.path(), &yaml, &[]);
    assert_eq!(code, 1);
    expect(&outcomes, "stall", "timeout", "");
    expect(&outcomes, "flood", "fail", "larger than max_body 1.0 MiB");
    expect(
        &outcomes,
        "small-cap",
        "fail",
        "larger than max_body 1.0 KiB",
    );
    expect(&outcomes, "cut", "fail", "the body broke off");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "within the timeouts"
    );
}

#[test]
fn redirect_loops_end_with_the_hop_count_and_last_url() {
    let peer = Peer::start("127.0.0.1", loops);
    let dir = tempfile::tempdir().expect("tempdir");
    let yaml = format!(
        "probes:\n  - id: loop\n    http: {{ url: \"{}\" }}\n  - id: none\n    http: {{ url: \"{}\", redirects: none }}\n",
        peer.url("/hop/0"),
        peer.url("/hop/0"),
    );
    let (_, outcomes, _) = probe(dir.path(), &yaml, &[]);
    expect(
        &outcomes,
        "loop",
        "fail",
        "too many redirects: 10 hops followed, the last to",
    );
    expect(
        &outcomes,
        "loop",
        "fail",
        "/hop/10, and it redirects again to",
    );
    expect(&outcomes, "none", "fail", "HTTP 302 Found");
}

/// A 302 from 127.0.0.1 to 127.0.0.2 must not carry the probe's secret header, its basic
/// auth or a Referer: by default the hop is refused; with a hop count it goes without them.
#[test]
fn credentials_never_cross_to_another_origin() {
    let other = Peer::start("127.0.0.2", ok);
    let target = other.url("/collect");
    let redirector = {
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind");
        let port = listener.local_addr().expect("address").port();
        std::thread::spawn(move || {
            for stream in listener.incoming().take(8) {
                let Ok(mut stream) = stream else { continue };
                let _ = read_head(&mut stream);
                let answer = format!(
                    "HTTP/1.1 302 Found\r\nConnection: close\r\nLocation: {target}\r\nContent-Length: 0\r\n\r\n"
                );
                let _ = stream.write_all(answer.as_bytes());
            }
        });
        port
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let yaml = format!(
        "probes:\n\
         \x20 - id: refused\n    http:\n      url: \"http://ops:hunter2@127.0.0.1:{redirector}/health?token=s3cr3t\"\n      headers: {{ X-Api-Key: k3y-v4lue }}\n\
         \x20 - id: followed\n    http:\n      url: \"http://ops:hunter2@127.0.0.1:{redirector}/health?token=s3cr3t\"\n      headers: {{ X-Api-Key: k3y-v4lue }}\n      redirects: 3\n",
    );
    let (_, outcomes, report) = probe_once(dir.path(), &yaml, &[]);
    expect(&outcomes, "refused", "fail", "redirects to another origin");
    expect(&outcomes, "refused", "fail", "not followed");
    expect(
        &outcomes,
        "followed",
        "pass",
        "after 1 redirect to http://127.0.0.2:",
    );
    let seen = other.requests();
    assert_eq!(
        seen.len(),
        1,
        "only the probe that allows hops reached the other origin"
    );
    let request = seen[0].to_ascii_lowercase();
    for leaked in [
        "x-api-key",
        "k3y-v4lue",
        "authorization",
        "referer",
        "hunter2",
        "s3cr3t",
    ] {
        assert!(
            !request.contains(leaked),
            "{leaked} reached the other origin:\n{request}"
        );
    }
    let printed = report.to_string();
    for secret in ["k3y-v4lue", "hunter2", "s3cr3t"] {
        assert!(!printed.contains(secret), "{secret} in the report");
    }
}

/// No command but `signoff sign` and `init` writes to what the user wrote: the checklist, its
/// probe file and `ready.yaml` keep their bytes and their modification times through every
/// other command and format.
#[test]
fn no_command_rewrites_the_users_files() {
    let peer = Peer::start("127.0.0.1", ok);
    let dir = tempfile::tempdir().expect("tempdir");
    let files = [
        (
            "launch.md",
            "# Launch\n## Build\n- [x] Health answers\n- [ ] Load test\n## Sign-Off\n- [ ] SRE Lead\n"
                .to_owned(),
        ),
        (
            "probes.yaml",
            format!(
                "probes:\n  - id: health\n    match: Health answers\n    http: {{ url: \"{}\" }}\n",
                peer.url("/health")
            ),
        ),
        (
            "ready.yaml",
            "checklists: [launch.md]\nprobes: [probes.yaml]\npolicy:\n  threshold: 50\n".to_owned(),
        ),
    ];
    for (name, text) in &files {
        crate::support::write(dir.path(), name, text);
    }
    let stamp = |name: &str| {
        let path = dir.path().join(name);
        let meta = std::fs::metadata(&path).expect("metadata");
        (
            std::fs::read(&path).expect("read"),
            meta.modified().expect("mtime"),
        )
    };
    let before: Vec<_> = files.iter().map(|(n, _)| stamp(n)).collect();
    // Past the file system's timestamp granularity, so a rewrite would show.
    std::thread::sleep(Duration::from_millis(20));
    let out = dir.path().join("out");
    let reports: Vec<String> = ["table", "json", "junit", "markdown", "html", "openmetrics"]
        .iter()
        .map(|f| format!("{f}={}", out.join(format!("r.{f}")).display()))
        .collect();
    let mut check = vec!["check"];
    for report in &reports {
        check.extend(["--report", report.as_str()]);
    }
    let runs: [&[&str]; 7] = [
        &check,
        &["check", "--format", "json"],
        &["check", "--no-probes", "--format", "html"],
        &["probe"],
        &["signoff"],
        &["signoff", "--format", "json"],
        &["export", "launch.md", "--format", "json"],
    ];
    for args in runs {
        let (code, _, stderr) = crate::support::run_in(dir.path(), args);
        assert!(code == 0 || code == 1, "{args:?}: exit {code}: {stderr}");
    }
    let after: Vec<_> = files.iter().map(|(n, _)| stamp(n)).collect();
    assert_eq!(before, after, "a command rewrote a file the user wrote");
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["launch.md", "out", "probes.yaml", "ready.yaml"],
        "nothing else appeared"
    );
}

/// A command probe sees only `PATH` and what its `env:` lists, never ready's environment, and a
/// program that floods its output is read to the end without holding more than 1 MiB of it.
#[test]
fn command_probes_get_a_clean_environment_and_capped_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let yaml = "probes:\n\
        \x20 - id: env\n    command:\n      argv: [\"sh\", \"-c\", \"env\"]\n      env: { GREETING: hello }\n      stdout_contains: GREETING=hello\n\
        \x20 - id: leak\n    command:\n      argv: [\"sh\", \"-c\", \"test -z \\\"$CI_DEPLOY_TOKEN\\\"\"]\n\
        \x20 - id: flood\n    timeout: 20s\n    command:\n      argv: [\"sh\", \"-c\", \"head -c 50000000 /dev/zero; echo done\"]\n";
    crate::support::write(dir.path(), "p.yaml", yaml);
    let output = crate::support::ready()
        .current_dir(dir.path())
        .env("CI_DEPLOY_TOKEN", "do-not-pass-me")
        .args(["probe", "p.yaml", "--format", "json", "--allow-exec"])
        .output()
        .expect("ran");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let outcome = |id: &str| {
        report["probes"]
            .as_array()
            .expect("probes")
            .iter()
            .find(|p| p["id"] == id)
            .map(|p| p["outcome"].as_str().unwrap_or_default().to_owned())
    };
    assert_eq!(outcome("env").as_deref(), Some("pass"), "{report:#}");
    assert_eq!(
        outcome("leak").as_deref(),
        Some("pass"),
        "ready's environment reached the program"
    );
    assert_eq!(outcome("flood").as_deref(), Some("pass"), "{report:#}");
}

/// One redaction rule for every sink: secrets planted in every kind that can carry one (a URL
/// password, a query token, a credential header, a `${secret:VAR}` value, a database password),
/// each probe made to fail, every report format written at once with the GitHub annotations and
/// job summary; no byte written anywhere holds a secret, raw, percent-encoded or in base64.
#[test]
fn no_secret_reaches_any_sink() {
    let refuse = Peer::start("127.0.0.1", |stream, _| {
        let _ = stream.write_all(
            b"HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
        );
    });
    let closed = crate::servers::closed_address();
    let dir = tempfile::tempdir().expect("tempdir");
    let secrets = [
        "Pw-url-7731",
        "tok-query-5512",
        "hdr-key-9043",
        "marked-3390",
        "pg-pass-1187",
        "redis-pass-2276",
        "rediss-pass-6604",
        "maria-pass-4410",
    ];
    crate::support::write(
        dir.path(),
        "launch.md",
        "# Launch\n## Checks\n- [x] API answers\n- [x] Metrics are scraped\n- [x] Database reachable\n\
         - [x] Cache reachable\n- [x] Replication healthy\n- [x] Session store over TLS\n\
         - [x] Orders database reachable\n",
    );
    let port = refuse.port;
    let probes = format!(
        "probes:\n\
         \x20 - id: api\n    match: API answers\n    http:\n      url: \"http://ops:Pw-url-7731@127.0.0.1:{port}/health?token=tok-query-5512\"\n      headers: {{ X-Api-Key: hdr-key-9043, X-Trace: \"${{secret:READY_TEST_MARKED}}\" }}\n\
         \x20 - id: metrics\n    match: Metrics are scraped\n    prometheus:\n      url: \"http://127.0.0.1:{port}\"\n      query: up\n      expect: \"== 1\"\n      headers: {{ Authorization: \"Bearer hdr-key-9043\" }}\n\
         \x20 - id: db\n    match: Database reachable\n    postgres: {{ url: \"postgres://app:pg-pass-1187@{closed}/app\" }}\n\
         \x20 - id: cache\n    match: Cache reachable\n    redis: {{ url: \"redis://:redis-pass-2276@{closed}\" }}\n\
         \x20 - id: sessions\n    match: Session store over TLS\n    redis: {{ url: \"rediss://:rediss-pass-6604@{closed}\", insecure: true }}\n\
         \x20 - id: orders\n    match: Orders database reachable\n    mysql: {{ url: \"mysql://app:maria-pass-4410@{closed}/orders\", ca_file: ca.pem }}\n\
         \x20 - id: replication\n    match: Replication healthy\n    command:\n      argv: [\"sh\", \"-c\", \"echo \\\"lag: $LAG_NOTE\\\" >&2; exit 3\"]\n      env: {{ LAG_NOTE: \"${{READY_TEST_MARKED}}\" }}\n",
    );
    crate::support::write(dir.path(), "probes.yaml", probes);
    crate::support::write(
        dir.path(),
        "ready.yaml",
        "checklists: [launch.md]\nprobes: [probes.yaml]\n",
    );
    let summary = dir.path().join("summary.md");
    let mut args = vec![
        "check".to_owned(),
        "--allow-exec".to_owned(),
        "--timeout".to_owned(),
        "3s".to_owned(),
    ];
    for format in [
        "table",
        "json",
        "junit",
        "markdown",
        "html",
        "openmetrics",
        "sarif",
    ] {
        args.push("--report".into());
        args.push(format!("{format}=out/report.{format}"));
    }
    // The evidence bundle and the history line are sinks too.
    for arg in ["--record", "out", "--history", "out/history.jsonl"] {
        args.push(arg.into());
    }
    let output = crate::support::ready()
        .current_dir(dir.path())
        .env("READY_TEST_MARKED", "marked-3390")
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(&args)
        .output()
        .expect("ran");
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut written: Vec<(String, Vec<u8>)> = vec![
        ("stdout".into(), output.stdout.clone()),
        ("stderr".into(), output.stderr.clone()),
        (
            "summary".into(),
            std::fs::read(&summary).expect("summary written"),
        ),
    ];
    for entry in std::fs::read_dir(dir.path().join("out")).expect("reports") {
        let path = entry.expect("entry").path();
        written.push((
            path.display().to_string(),
            std::fs::read(&path).expect("report"),
        ));
    }
    assert_eq!(written.len(), 12, "every sink was written");
    let json = String::from_utf8_lossy(&written[0].1).to_string();
    assert!(json.contains("contradicted"), "the probes failed: {json}");
    for secret in secrets {
        let forms = [
            secret.to_owned(),
            secret.replace('-', "%2D"),
            base64(secret.as_bytes()),
            base64(format!("ops:{secret}").as_bytes()),
        ];
        for (sink, bytes) in &written {
            let text = String::from_utf8_lossy(bytes);
            for form in &forms {
                assert!(!text.contains(form.as_str()), "{form} in {sink}:\n{text}");
            }
        }
    }
}

/// A backup glob over a symlink loop ends, and one file reached through many paths is one
/// backup: a loop cannot meet `min_count`.
#[cfg(unix)]
#[test]
fn a_symlink_loop_is_one_backup_not_many() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("backups")).expect("mkdir");
    std::os::unix::fs::symlink("..", dir.path().join("backups/loop")).expect("symlink");
    crate::support::write(dir.path(), "backups/nightly.sql.gz", "dump");
    let yaml = "probes:\n\
        \x20 - id: one\n    backup: { path: \"backups/**/*.sql.gz\", max_age: 1d }\n\
        \x20 - id: three\n    backup: { path: \"backups/**/*.sql.gz\", max_age: 1d, min_count: 3 }\n";
    let (_, outcomes, _) = probe(dir.path(), yaml, &[]);
    expect(&outcomes, "one", "pass", "newest of 1:");
    expect(
        &outcomes,
        "three",
        "fail",
        "1 file matches, expected at least 3",
    );
}

/// A name that does not resolve, and a peer that accepts but never answers, end as failed
/// probes within their timeouts.
#[test]
fn unresolvable_names_and_silent_peers_fail_in_time() {
    let silent = TcpListener::bind(("127.0.0.1", 0)).expect("bind");
    let port = silent.local_addr().expect("address").port();
    std::thread::spawn(move || {
        let held: Vec<TcpStream> = silent.incoming().take(4).flatten().collect();
        std::thread::sleep(Duration::from_secs(30));
        drop(held);
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let yaml = format!(
        "probes:\n\
         \x20 - id: dns\n    timeout: 5s\n    http: {{ url: \"http://no-such-host.invalid/health\" }}\n\
         \x20 - id: tcp-dns\n    timeout: 5s\n    tcp: {{ address: \"no-such-host.invalid:80\" }}\n\
         \x20 - id: silent\n    timeout: 1s\n    http: {{ url: \"http://127.0.0.1:{port}/health\" }}\n\
         \x20 - id: tls-silent\n    timeout: 1s\n    tls: {{ address: \"127.0.0.1:{port}\", server_name: localhost }}\n"
    );
    let started = std::time::Instant::now();
    let (_, outcomes, _) = probe(dir.path(), &yaml, &[]);
    expect(&outcomes, "dns", "fail", "no-such-host.invalid");
    expect(&outcomes, "tcp-dns", "fail", "no-such-host.invalid");
    expect(&outcomes, "silent", "timeout", "");
    expect(&outcomes, "tls-silent", "timeout", "");
    assert!(started.elapsed() < Duration::from_secs(15));
}

/// Peak resident memory of a child, read from `/proc` while it runs (`VmHWM` only grows, so
/// the last reading before it exits is its peak so far).
fn peak_rss_kib(child: &mut std::process::Child) -> u64 {
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    while child.try_wait().expect("child state").is_none() {
        if let Ok(text) = std::fs::read_to_string(&status)
            && let Some(kib) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak = peak.max(kib);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    peak
}

/// A hundred peers sending endless bodies at once: each probe reads to `max_body` (1 MiB) and
/// fails, a probe keeps the bytes only when an assertion reads them, never more than
/// `max_body`, and the whole run stays under 150 MiB.
#[test]
fn memory_stays_bounded_under_a_hundred_endless_bodies() {
    const PROBES: usize = 100;
    let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind loopback");
    let port = listener.local_addr().expect("address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(PROBES) {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                let _ = read_head(&mut stream);
                endless(&mut stream, "");
            });
        }
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let mut yaml = String::from("probes:\n");
    // Half of them assert on the body, so they keep what they read (up to max_body each).
    for n in 0..PROBES {
        let assertion = if n % 2 == 0 {
            ", body_contains: ok"
        } else {
            ""
        };
        yaml.push_str(&format!(
            "  - id: flood-{n}\n    http: {{ url: \"http://127.0.0.1:{port}/{n}\"{assertion} }}\n"
        ));
    }
    std::fs::write(dir.path().join("flood.yaml"), yaml).expect("write probes");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("ready"))
        .current_dir(dir.path())
        .args([
            "probe",
            "--format",
            "json",
            "--concurrency",
            "100",
            "flood.yaml",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("ready runs");
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        let _ = stdout.read_to_string(&mut out);
        out
    });
    let peak_mib = peak_rss_kib(&mut child) / 1024;
    let out = reader.join().expect("read stdout");
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let failed = report["probes"]
        .as_array()
        .expect("probes")
        .iter()
        .filter(|p| {
            p["outcome"] == "fail"
                && p["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("larger than max_body"))
        })
        .count();
    assert_eq!(failed, PROBES, "every endless body fails at the cap: {out}");
    eprintln!("peak RSS under {PROBES} endless bodies: {peak_mib} MiB");
    assert!(peak_mib < 150, "peak RSS {peak_mib} MiB");
}

/// A listener whose accept queue is full answers no new connection: every kind that dials it
/// (TCP, HTTP, TLS, PostgreSQL, MySQL, Redis) times out within its own timeout, and the run
/// within its `--deadline`.
#[test]
fn a_listener_that_never_accepts_times_out_every_kind() {
    let full = TcpListener::bind(("127.0.0.1", 0)).expect("bind");
    let address = full.local_addr().expect("address");
    // Fill the accept queue: connections the listener never accepts, until one cannot get in.
    let mut held = Vec::new();
    for _ in 0..4096 {
        match TcpStream::connect_timeout(&address, Duration::from_millis(200)) {
            Ok(stream) => held.push(stream),
            Err(_) => break,
        }
    }
    assert!(held.len() < 4096, "the accept queue never filled");
    let dir = tempfile::tempdir().expect("tempdir");
    let yaml = format!(
        "probes:\n\
         \x20 - id: tcp\n    timeout: 1s\n    tcp: {{ address: \"{address}\" }}\n\
         \x20 - id: http\n    timeout: 1s\n    http: {{ url: \"http://{address}/health\" }}\n\
         \x20 - id: tls\n    timeout: 1s\n    tls: {{ address: \"{address}\", server_name: localhost }}\n\
         \x20 - id: postgres\n    timeout: 1s\n    postgres: {{ url: \"postgres://u:secret-pw@{address}/db\" }}\n\
         \x20 - id: mysql\n    timeout: 1s\n    mysql: {{ url: \"mysql://u:secret-pw@{address}/\" }}\n\
         \x20 - id: redis\n    timeout: 1s\n    redis: {{ url: \"redis://:secret-pw@{address}/\" }}\n"
    );
    let started = std::time::Instant::now();
    let (code, outcomes, report) = probe(dir.path(), &yaml, &["--deadline", "10s"]);
    assert_eq!(code, 1);
    for id in ["tcp", "http", "tls", "postgres", "mysql", "redis"] {
        expect(&outcomes, id, "timeout", "");
    }
    assert!(started.elapsed() < Duration::from_secs(12));
    assert!(!report.to_string().contains("secret-pw"));
    drop(held);
}

/// A SQLite file another process holds an exclusive lock on, and one that is not a database:
/// each a failed probe with its reason, never a wait past the timeout.
#[test]
fn a_locked_or_foreign_sqlite_file_fails() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ledger.db");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let _lock = runtime.block_on(async {
        use sqlx::{Connection as _, Executor as _};
        let url = format!("sqlite://{}?mode=rwc", path.display());
        let mut holder = sqlx::SqliteConnection::connect(&url).await.expect("open");
        holder
            .execute("PRAGMA locking_mode = EXCLUSIVE; CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);")
            .await
            .expect("lock");
        holder
    });
    std::fs::write(
        dir.path().join("notes.db"),
        "these are notes, not a database\n".repeat(200),
    )
    .expect("write");
    let yaml = "probes:\n\
                \x20 - id: locked\n    timeout: 3s\n    sqlite: { path: ledger.db }\n\
                \x20 - id: foreign\n    sqlite: { path: notes.db }\n";
    let started = std::time::Instant::now();
    let (_, outcomes, _) = probe(dir.path(), yaml, &[]);
    let (outcome, message) = &outcomes["locked"];
    assert!(
        (outcome == "fail" && message.contains("locked")) || outcome == "timeout",
        "{outcome}: {message}"
    );
    expect(&outcomes, "foreign", "fail", "not a database");
    assert!(started.elapsed() < Duration::from_secs(10));
}

/// A backup glob over 100,000 files ends, counting each once; a command that ignores SIGTERM is
/// killed at its timeout.
#[test]
fn a_glob_over_many_files_ends_and_a_stubborn_command_is_killed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).expect("mkdir");
    for n in 0..100_000 {
        std::fs::write(backups.join(format!("db-{n:06}.dump")), b"x").expect("write");
    }
    let yaml = "probes:\n\
                \x20 - id: many\n    timeout: 60s\n    backup: { path: \"backups/*.dump\", max_age: 1d, min_count: 100000 }\n\
                \x20 - id: stubborn\n    command: { argv: [\"sh\", \"-c\", \"trap '' TERM; sleep 30\"], timeout: 1s }\n";
    let started = std::time::Instant::now();
    let (_, outcomes, _) = probe(dir.path(), yaml, &["--allow-exec"]);
    expect(&outcomes, "many", "pass", "100000");
    let (outcome, _) = &outcomes["stubborn"];
    assert!(outcome == "timeout" || outcome == "fail", "{outcome}");
    assert!(started.elapsed() < Duration::from_secs(30));
}

/// Reports are written whole or not at all: a run killed in the middle of writing one (by the
/// file-size limit, which delivers SIGXFSZ during the write) leaves the previous report as it
/// was, and eight runs writing the same path at once leave one complete report, no temp file.
#[test]
fn reports_are_never_left_half_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let seed = crate::support::root().join("tests/fixtures/seeds/prime-spark.md");
    std::fs::copy(&seed, dir.path().join("launch.md")).expect("copy the seed");
    let (code, _, stderr) = crate::support::run_in(
        dir.path(),
        &[
            "check",
            "--no-probes",
            "--report",
            "json=out/ready.json",
            "launch.md",
        ],
    );
    assert!(code == 0 || code == 1, "{stderr}");
    let report = dir.path().join("out/ready.json");
    let before = std::fs::read(&report).expect("report");
    // Write HTML to the same place this time, larger than the limit allows.
    let status = std::process::Command::new("prlimit")
        .arg(format!("--fsize={}", before.len() / 2))
        .arg(assert_cmd::cargo::cargo_bin("ready"))
        .current_dir(dir.path())
        .args([
            "check",
            "--no-probes",
            "--report",
            "html=out/ready.json",
            "launch.md",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("prlimit ran (util-linux)");
    assert!(!status.success(), "the writer was stopped mid-write");
    assert_eq!(
        std::fs::read(&report).expect("report"),
        before,
        "old report intact"
    );
    // The killed writer could not remove its temporary file; nothing else is left.
    let names = || -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
            .expect("out")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| !(n.starts_with(".ready-") && n.contains(".tmp")))
            .collect();
        names.sort();
        names
    };
    assert_eq!(names(), ["ready.json"]);

    crate::support::run_concurrently(
        dir.path(),
        8,
        &[
            "check",
            "--no-probes",
            "--report",
            "html=out/ready.html",
            "launch.md",
        ],
    );
    let html = std::fs::read_to_string(dir.path().join("out/ready.html")).expect("report");
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert_eq!(names(), ["ready.html", "ready.json"]);
    let temporary = std::fs::read_dir(dir.path().join("out"))
        .expect("out")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        })
        .count();
    assert_eq!(
        temporary, 1,
        "the eight finished runs left no temporary file"
    );
}
