//! Database probes against real servers from Debian's packages, started in temp dirs on free
//! loopback ports: a real handshake with authentication, then `SELECT 1` or `PING`.

use crate::probes::{expect, probe};
use crate::servers::{Authority, Mariadb, Postgres, Redis, closed_address, self_signed};

#[test]
fn postgres_probe_authenticates_and_selects() {
    let server = Postgres::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let yaml = format!(
        r#"probes:
  - id: ok
    postgres: {{ url: "{ok}", max_latency: 5s }}
  - id: wrong-password
    postgres: {{ url: "{wrong}" }}
  - id: down
    postgres: {{ url: "postgres://ready:x@{down}/postgres" }}
"#,
        ok = server.url(Postgres::PASSWORD),
        wrong = server.url("not-the-password"),
        down = closed_address(),
    );
    let (code, outcomes, report) = probe(dir.path(), &yaml, &[]);
    assert_eq!(code, 1);
    expect(&outcomes, "ok", "pass", "authenticated and SELECT 1");
    expect(&outcomes, "ok", "pass", "server 15.");
    expect(
        &outcomes,
        "wrong-password",
        "fail",
        "password authentication failed",
    );
    expect(&outcomes, "down", "fail", "cannot connect");
    let text = report.to_string();
    assert!(!text.contains(Postgres::PASSWORD) && !text.contains("not-the-password"));
    assert!(text.contains("postgres://ready:***@127.0.0.1"), "{text}");
}

#[test]
fn mysql_probe_works_with_mariadb() {
    let server = Mariadb::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let yaml = format!(
        r#"probes:
  - id: ok
    mysql: {{ url: "{ok}" }}
  - id: mariadb-scheme
    mysql: {{ url: "{scheme}" }}
  - id: wrong-password
    mysql: {{ url: "{wrong}" }}
  - id: down
    mysql: {{ url: "mysql://ready:x@{down}/" }}
"#,
        ok = server.url(Mariadb::PASSWORD),
        scheme = server
            .url(Mariadb::PASSWORD)
            .replace("mysql://", "mariadb://"),
        wrong = server.url("not-the-password"),
        down = closed_address(),
    );
    let (code, outcomes, report) = probe(dir.path(), &yaml, &[]);
    assert_eq!(code, 1);
    expect(&outcomes, "ok", "pass", "authenticated and SELECT 1");
    expect(&outcomes, "mariadb-scheme", "pass", "SELECT 1");
    expect(&outcomes, "wrong-password", "fail", "Access denied");
    expect(&outcomes, "down", "fail", "cannot connect");
    assert!(!report.to_string().contains(Mariadb::PASSWORD));
}

#[test]
fn redis_probe_authenticates_and_pings() {
    let server = Redis::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let yaml = format!(
        r#"probes:
  - id: ok
    redis: {{ url: "redis://:{pw}@127.0.0.1:{port}/0", max_latency: 5s }}
  - id: wrong-password
    redis: {{ url: "redis://:nope-nope@127.0.0.1:{port}/0" }}
  - id: no-password
    redis: {{ url: "redis://127.0.0.1:{port}/0" }}
  - id: down
    redis: {{ url: "redis://{down}/0" }}
"#,
        pw = Redis::PASSWORD,
        port = server.port,
        down = closed_address(),
    );
    let (code, outcomes, report) = probe(dir.path(), &yaml, &[]);
    assert_eq!(code, 1);
    expect(&outcomes, "ok", "pass", "PONG");
    expect(&outcomes, "wrong-password", "fail", "");
    expect(&outcomes, "no-password", "fail", "");
    expect(&outcomes, "down", "fail", "");
    let text = report.to_string();
    assert!(
        !text.contains(Redis::PASSWORD) && !text.contains("nope-nope"),
        "{text}"
    );
}

/// A PostgreSQL server that accepts only TLS, with a certificate from the test CA, and one
/// that offers a self-signed certificate. The password goes to a server whose certificate was
/// checked, or to one the probe file marked `insecure: true` (which its target shows).
#[test]
fn postgres_tls_modes() {
    let ca = Authority::new();
    let (certificate, key) = ca.leaf(90);
    let strict = Postgres::start_tls(&certificate, &key, true);
    let (certificate, key) = self_signed(90);
    let hurried = Postgres::start_tls(&certificate, &key, false);
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("ca.pem"), &ca.pem).expect("write the CA");
    // `localhost` in the URL: the certificates name localhost, and verification checks it.
    let at = |server: &Postgres, query: &str| {
        format!(
            "postgres://ready:{}@localhost:{}/postgres{query}",
            Postgres::PASSWORD,
            server.port
        )
    };
    let yaml = format!(
        r#"probes:
  - id: plain-refused
    postgres: {{ url: "{plain}" }}
  - id: loopback-default
    postgres: {{ url: "{strict}" }}
  - id: verify-without-ca
    postgres: {{ url: "{verify}" }}
  - id: verify-with-ca
    postgres: {{ url: "{strict}", ca_file: ca.pem }}
  - id: insecure
    postgres: {{ url: "{strict}", insecure: true }}
  - id: self-signed
    postgres: {{ url: "{hurried}", ca_file: ca.pem }}
  - id: self-signed-insecure
    postgres: {{ url: "{hurried}", insecure: true }}
"#,
        plain = at(&strict, "?sslmode=disable"),
        strict = at(&strict, ""),
        verify = at(&strict, "?sslmode=verify-full"),
        hurried = at(&hurried, ""),
    );
    let (code, outcomes, report) = probe(dir.path(), &yaml, &[]);
    assert_eq!(code, 1);
    expect(&outcomes, "plain-refused", "fail", "no encryption");
    expect(&outcomes, "loopback-default", "pass", "SELECT 1");
    expect(&outcomes, "verify-without-ca", "fail", "UnknownIssuer");
    expect(
        &outcomes,
        "verify-without-ca",
        "fail",
        "give the server's CA as ca_file",
    );
    expect(&outcomes, "verify-with-ca", "pass", "SELECT 1");
    expect(&outcomes, "insecure", "pass", "SELECT 1");
    expect(&outcomes, "self-signed", "fail", "TLS failed");
    expect(&outcomes, "self-signed-insecure", "pass", "SELECT 1");
    let targets: Vec<(String, String)> = report["probes"]
        .as_array()
        .expect("probes")
        .iter()
        .map(|p| {
            (
                p["id"].as_str().expect("id").to_owned(),
                p["target"].as_str().expect("target").to_owned(),
            )
        })
        .collect();
    for (id, target) in &targets {
        let insecure = target.ends_with(" (insecure: certificate not checked)");
        assert_eq!(insecure, id.ends_with("insecure"), "{id}: {target}");
        assert_eq!(
            target.ends_with(" (no TLS)"),
            id == "plain-refused",
            "{id}: {target}"
        );
        assert!(!target.contains(Postgres::PASSWORD));
    }
    assert!(!report.to_string().contains(Postgres::PASSWORD));
}

/// MariaDB that requires secure transport, with a certificate from the test CA: refused in
/// plain text, refused with an unchecked certificate unless `insecure: true`, and accepted
/// once its CA is given.
#[test]
fn mariadb_tls_modes() {
    let ca = Authority::new();
    let (certificate, key) = ca.leaf(90);
    let server = Mariadb::start_tls(&certificate, &key);
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("ca.pem"), &ca.pem).expect("write the CA");
    let at = |query: &str| {
        format!(
            "mysql://ready:{}@localhost:{}/{query}",
            Mariadb::PASSWORD,
            server.port
        )
    };
    let yaml = format!(
        r#"probes:
  - id: plain-refused
    mysql: {{ url: "{plain}" }}
  - id: verify-without-ca
    mysql: {{ url: "{verify}" }}
  - id: verify-with-ca
    mysql: {{ url: "{default}", ca_file: ca.pem }}
  - id: insecure
    mysql: {{ url: "{default}", insecure: true }}
"#,
        plain = at("?ssl-mode=disabled"),
        verify = at("?ssl-mode=verify_identity"),
        default = at(""),
    );
    let (code, outcomes, report) = probe(dir.path(), &yaml, &[]);
    assert_eq!(code, 1);
    // MariaDB answers a plain-text login under require_secure_transport with "Access denied".
    expect(&outcomes, "plain-refused", "fail", "the server refused");
    expect(
        &outcomes,
        "verify-without-ca",
        "fail",
        "TLS failed: UnknownIssuer",
    );
    expect(&outcomes, "verify-with-ca", "pass", "SELECT 1");
    expect(&outcomes, "insecure", "pass", "SELECT 1");
    assert!(!report.to_string().contains(Mariadb::PASSWORD));
}

/// Redis over TLS (`rediss://`), as managed services offer it: trusted through `ca_file`,
/// refused without it, accepted unchecked only with `insecure: true` (which the target shows);
/// a wrong password is still a wrong password.
#[test]
fn redis_over_tls() {
    let ca = Authority::new();
    let (certificate, key) = ca.leaf(90);
    let server = Redis::start_tls(&certificate, &key);
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("ca.pem"), &ca.pem).expect("write the CA");
    let url = |password: &str| format!("rediss://:{password}@localhost:{}/", server.port);
    let yaml = format!(
        r#"probes:
  - id: trusted
    redis: {{ url: "{ok}", ca_file: ca.pem }}
  - id: untrusted
    redis: {{ url: "{ok}" }}
  - id: insecure
    redis: {{ url: "{ok}", insecure: true }}
  - id: wrong-password
    redis: {{ url: "{wrong}", ca_file: ca.pem }}
  - id: plain-to-tls
    timeout: 2s
    redis: {{ url: "{plain}" }}
"#,
        ok = url(Redis::PASSWORD),
        wrong = url("not-the-password"),
        plain = url(Redis::PASSWORD).replacen("rediss://", "redis://", 1),
    );
    let (code, outcomes, report) = probe(dir.path(), &yaml, &[]);
    assert_eq!(code, 1);
    expect(&outcomes, "trusted", "pass", "PONG");
    expect(&outcomes, "untrusted", "fail", "TLS failed: UnknownIssuer");
    expect(&outcomes, "insecure", "pass", "PONG");
    expect(&outcomes, "wrong-password", "fail", "");
    let (outcome, _) = &outcomes["plain-to-tls"];
    assert!(outcome == "fail" || outcome == "timeout", "{outcome}");
    let text = report.to_string();
    assert!(!text.contains(Redis::PASSWORD) && !text.contains("not-the-password"));
    assert!(text.contains("(insecure: certificate not checked)"));
}
