//! The services the shipped example's probes look at, for `scripts/example.sh`: a payments API
//! health endpoint on a free loopback port, and a state directory with a `SQLite` ledger, a
//! fresh nightly backup, and the reports a CI job's load test and dependency scan left behind. It prints `PAYMENTS_API=http://127.0.0.1:PORT` once it serves, and
//! stops when its standard input closes (the script ending) or after ten minutes.
//!
//! Nothing here is part of `ready`: it stands in for a real deployment so that the example shows
//! probes passing and failing on a machine with nothing installed.

use std::convert::Infallible;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::time::Duration;

use http_body_util::Full;
use hyper::body::Bytes;
use hyper::{Request, Response, StatusCode};
use sqlx::ConnectOptions;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let state = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: example_services STATE_DIR")?,
    );
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(prepare(&state))?;
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
    let port = listener.local_addr()?.port();
    runtime.spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            tokio::spawn(async move {
                let service = hyper::service::service_fn(health);
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    println!("PAYMENTS_API=http://127.0.0.1:{port}");
    std::io::stdout().flush()?;
    // Serve until the caller closes our standard input, or ten minutes at most.
    let (done, wait) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = std::io::stdin().read_to_end(&mut Vec::new());
        let _ = done.send(());
    });
    let _ = wait.recv_timeout(Duration::from_secs(600));
    runtime.shutdown_background();
    Ok(())
}

async fn health(
    request: Request<hyper::body::Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let (status, body) = match request.uri().path() {
        "/health" => (
            StatusCode::OK,
            r#"{"status":"ok","version":"2.3.1","checks":{"ledger":"ok"}}"#,
        ),
        _ => (StatusCode::NOT_FOUND, "not found"),
    };
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    Ok(response)
}

/// A `SQLite` ledger and last night's backup of it.
async fn prepare(state: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(state.join("backups"))?;
    let mut ledger = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(state.join("ledger.db"))
        .create_if_missing(true)
        .connect()
        .await?;
    sqlx::query("CREATE TABLE IF NOT EXISTS payments (id INTEGER PRIMARY KEY, cents INTEGER)")
        .execute(&mut ledger)
        .await?;
    sqlx::query("INSERT INTO payments (cents) VALUES (1250), (9900)")
        .execute(&mut ledger)
        .await?;
    // What the CI job's earlier steps leave behind: the load test's summary (k6's shape) and the
    // dependency scanner's SARIF, which still lists one critical vulnerability.
    std::fs::create_dir_all(state.join("reports"))?;
    std::fs::write(
        state.join("reports/load.json"),
        r#"{"metrics": {"http_req_duration": {"avg": 74.3, "p(95)": 182.6},
  "http_req_failed": {"rate": 0.0004}, "iterations": {"count": 120000}}}"#,
    )?;
    std::fs::write(
        state.join("reports/dependencies.sarif"),
        r#"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "osv-scanner", "rules": [
  {"id": "GHSA-7rjr-3q55-vv33", "properties": {"security-severity": "9.8"}}]}},
  "results": [{"ruleId": "GHSA-7rjr-3q55-vv33", "level": "error",
    "message": {"text": "jsonwebtoken 8.1.0 accepts forged tokens; upgrade to 9.3.1"},
    "locations": [{"physicalLocation": {"artifactLocation": {"uri": "Cargo.lock"}, "region": {"startLine": 412}}}]}]}]}"#,
    )?;
    let backup = state.join("backups/ledger-nightly.sql.gz");
    std::fs::write(&backup, vec![0x1f; 64 * 1024])?;
    let file = std::fs::File::options().write(true).open(&backup)?;
    file.set_modified(std::time::SystemTime::now() - Duration::from_secs(5 * 3600))?;
    Ok(())
}
