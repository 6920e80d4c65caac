//! Database probes against real servers from Debian's packages, started in temp dirs on free
//! loopback ports: a real handshake with authentication, then `SELECT 1` or `PING`.

use crate::probes::{expect, probe};
use crate::servers::{Mariadb, Postgres, Redis, closed_address};

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
