//! Real throwaway servers for the probe tests: HTTP and TLS in-process, PostgreSQL, MariaDB and
//! Redis from Debian's packages, each in a temp dir on a free loopback port, stopped on drop.
//! A missing server binary fails the test with the package to install: `scripts/test.sh`
//! installs them.

use std::convert::Infallible;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use http_body_util::Full;
use hyper::body::Bytes;
use hyper::{Request, Response, StatusCode};
use tempfile::TempDir;

/// A port nobody listens on right now.
pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// Waits (bounded) until something accepts connections on the port.
fn wait_for_port(port: u16, what: &str, log: &Path) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let log = std::fs::read_to_string(log).unwrap_or_default();
    panic!("{what} did not start on port {port} within 60 s; its log:\n{log}");
}

fn need(binary: &Path, package: &str) {
    assert!(
        binary.exists(),
        "{} is missing: install the Debian package {package} (scripts/test.sh does)",
        binary.display()
    );
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

// ---------------------------------------------------------------- HTTP and TLS, in-process

/// An HTTP (or HTTPS) server on a loopback port, serving the routes the probe tests need.
pub(crate) struct Web {
    pub port: u16,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Drop for Web {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

impl Web {
    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub(crate) fn https(&self, path: &str) -> String {
        format!("https://localhost:{}{path}", self.port)
    }

    pub(crate) fn address(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    pub(crate) fn start() -> Web {
        Web::serve(None)
    }

    /// HTTPS with the given certificate chain and key (DER).
    pub(crate) fn start_tls(chain: Vec<Vec<u8>>, key: Vec<u8>) -> Web {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let certs = chain
            .into_iter()
            .map(rustls::pki_types::CertificateDer::from)
            .collect();
        let key = rustls::pki_types::PrivateKeyDer::try_from(key).expect("private key");
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("protocols")
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .expect("server certificate");
        Web::serve(Some(tokio_rustls::TlsAcceptor::from(Arc::new(config))))
    }

    fn serve(tls: Option<tokio_rustls::TlsAcceptor>) -> Web {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("bind");
        let port = listener.local_addr().expect("address").port();
        let hits = Arc::new(AtomicUsize::new(0));
        runtime.spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let hits = hits.clone();
                let tls = tls.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req| route(req, hits.clone()));
                    match tls {
                        Some(acceptor) => {
                            if let Ok(stream) = acceptor.accept(stream).await {
                                let _ = hyper::server::conn::http1::Builder::new()
                                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                                    .await;
                            }
                        }
                        None => {
                            let _ = hyper::server::conn::http1::Builder::new()
                                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                                .await;
                        }
                    }
                });
            }
        });
        Web {
            port,
            runtime: Some(runtime),
        }
    }
}

fn reply(status: StatusCode, body: &str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body.to_owned())));
    *response.status_mut() = status;
    response
}

async fn route(
    req: Request<hyper::body::Incoming>,
    hits: Arc<AtomicUsize>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let query = req.uri().query().unwrap_or("").to_owned();
    Ok(match req.uri().path() {
        "/health" => reply(
            StatusCode::OK,
            r#"{"status":"ok","checks":{"db":true},"version":"1.4.2"}"#,
        ),
        "/degraded" => reply(StatusCode::OK, r#"{"status":"degraded"}"#),
        // Security headers done right, and a session cookie.
        "/hardened" => {
            let mut response = reply(StatusCode::OK, r#"{"status":"ok"}"#);
            let headers = response.headers_mut();
            headers.insert(
                "strict-transport-security",
                hyper::header::HeaderValue::from_static("max-age=63072000; includeSubDomains"),
            );
            headers.insert(
                "content-type",
                hyper::header::HeaderValue::from_static("application/json"),
            );
            headers.insert(
                "set-cookie",
                hyper::header::HeaderValue::from_static("session=abc123secret; Secure; HttpOnly"),
            );
            response
        }
        "/error" => reply(StatusCode::INTERNAL_SERVER_ERROR, "boom"),
        "/slow" => {
            tokio::time::sleep(Duration::from_millis(400)).await;
            reply(StatusCode::OK, "late but fine")
        }
        "/hang" => {
            tokio::time::sleep(Duration::from_secs(30)).await;
            reply(StatusCode::OK, "too late")
        }
        // Fails one request in ten (the first, the eleventh, …): a flaky dependency that a
        // retry gets past.
        "/tenth" => {
            if hits.fetch_add(1, Ordering::SeqCst).is_multiple_of(10) {
                reply(StatusCode::SERVICE_UNAVAILABLE, "try again")
            } else {
                reply(StatusCode::OK, "ok")
            }
        }
        // Fails the first time it is asked, then works: a flaky dependency.
        "/flaky" => {
            if hits.fetch_add(1, Ordering::SeqCst) == 0 {
                reply(StatusCode::SERVICE_UNAVAILABLE, "warming up")
            } else {
                reply(StatusCode::OK, "ok")
            }
        }
        "/private" => {
            let authorized = req
                .headers()
                .get("authorization")
                .is_some_and(|v| v == "Bearer s3cret-token");
            if authorized {
                reply(StatusCode::OK, "welcome")
            } else {
                reply(StatusCode::UNAUTHORIZED, "who are you?")
            }
        }
        // The Prometheus HTTP API's answer shapes (/api/v1/query), keyed by the query.
        "/api/v1/query" => {
            let body = if query.contains("cpu") {
                r#"{"status":"success","data":{"resultType":"vector","result":[
                    {"metric":{"instance":"a"},"value":[1700000000,"0.42"]},
                    {"metric":{"instance":"b"},"value":[1700000000,"0.55"]}]}}"#
            } else if query.contains("hot") {
                r#"{"status":"success","data":{"resultType":"vector","result":[
                    {"metric":{"instance":"a"},"value":[1700000000,"0.42"]},
                    {"metric":{"instance":"b"},"value":[1700000000,"0.91"]}]}}"#
            } else if query.contains("scalar") {
                r#"{"status":"success","data":{"resultType":"scalar","result":[1700000000,"1"]}}"#
            } else if query.contains("absent") {
                r#"{"status":"success","data":{"resultType":"vector","result":[]}}"#
            } else {
                r#"{"status":"error","errorType":"bad_data","error":"parse error at char 1"}"#
            };
            reply(StatusCode::OK, body)
        }
        _ => reply(StatusCode::NOT_FOUND, "no such page"),
    })
}

/// A test CA and certificates for `localhost` it signs, valid for a chosen number of days
/// from now (negative: already expired).
pub(crate) struct Authority {
    issuer: rcgen::Issuer<'static, rcgen::KeyPair>,
    pub pem: String,
}

impl Authority {
    pub(crate) fn new() -> Authority {
        let key = rcgen::KeyPair::generate().expect("key");
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "ready test CA");
        let now = time::OffsetDateTime::now_utc();
        params.not_before = now - time::Duration::days(30);
        params.not_after = now + time::Duration::days(365);
        let certificate = params.self_signed(&key).expect("CA certificate");
        Authority {
            pem: certificate.pem(),
            issuer: rcgen::Issuer::new(params, key),
        }
    }

    /// (certificate DER, key DER) for localhost, expiring `days` from now.
    pub(crate) fn leaf(&self, days: i64) -> (Vec<u8>, Vec<u8>) {
        self.leaf_for("localhost", -10, days)
    }

    /// (certificate DER, key DER) for `host`, valid from `from_days` (negative: in the past)
    /// until `days` from now.
    pub(crate) fn leaf_for(&self, host: &str, from_days: i64, days: i64) -> (Vec<u8>, Vec<u8>) {
        let key = rcgen::KeyPair::generate().expect("key");
        let params = leaf_params(host, from_days, days);
        let certificate = params
            .signed_by(&key, &self.issuer)
            .expect("leaf certificate");
        (certificate.der().to_vec(), key.serialize_der())
    }
}

/// A certificate for localhost that signs itself, as a server set up in a hurry offers.
pub(crate) fn self_signed(days: i64) -> (Vec<u8>, Vec<u8>) {
    let key = rcgen::KeyPair::generate().expect("key");
    let certificate = leaf_params("localhost", -10, days)
        .self_signed(&key)
        .expect("self-signed certificate");
    (certificate.der().to_vec(), key.serialize_der())
}

fn leaf_params(host: &str, from_days: i64, days: i64) -> rcgen::CertificateParams {
    let mut params = rcgen::CertificateParams::new(vec![host.to_owned()]).expect("params");
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, host);
    let now = time::OffsetDateTime::now_utc();
    params.not_before = now + time::Duration::days(from_days);
    // An hour of slack, so "3 days" reads as 3 whole days left, not 2.99.
    params.not_after = now + time::Duration::days(days) + time::Duration::hours(1);
    params
}

impl Authority {
    /// DER as PEM with the given label, for servers that read PEM files.
    pub(crate) fn pem_of(der: &[u8], label: &str) -> String {
        use std::fmt::Write as _;
        let body = base64_lines(der);
        let mut out = String::new();
        let _ = write!(
            out,
            "-----BEGIN {label}-----\n{body}-----END {label}-----\n"
        );
        out
    }
}

// ---------------------------------------------------------------- databases, from Debian

/// A process we started, killed when the test ends.
struct Guard(Option<Child>);

impl Drop for Guard {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

pub(crate) struct Redis {
    pub port: u16,
    _dir: TempDir,
    _process: Guard,
}

impl Redis {
    pub(crate) const PASSWORD: &'static str = "redis-pw-7f3a";

    pub(crate) fn start() -> Redis {
        Redis::start_with(None)
    }

    /// A server that speaks only TLS, with this certificate and key (DER).
    pub(crate) fn start_tls(certificate: &[u8], key: &[u8]) -> Redis {
        Redis::start_with(Some((
            Authority::pem_of(certificate, "CERTIFICATE"),
            Authority::pem_of(key, "PRIVATE KEY"),
        )))
    }

    fn start_with(tls: Option<(String, String)>) -> Redis {
        let binary = PathBuf::from("/usr/bin/redis-server");
        need(&binary, "redis-server");
        let dir = tempfile::tempdir().expect("temp dir");
        let port = free_port();
        let log = dir.path().join("redis.log");
        let mut listen = vec!["--port".to_owned(), port.to_string()];
        if let Some((certificate, key)) = tls {
            let (cert_path, key_path) =
                (dir.path().join("server.crt"), dir.path().join("server.key"));
            std::fs::write(&cert_path, &certificate).expect("write the certificate");
            std::fs::write(&key_path, key).expect("write the key");
            listen = vec![
                "--port".to_owned(),
                "0".to_owned(),
                "--tls-port".to_owned(),
                port.to_string(),
                "--tls-cert-file".to_owned(),
                cert_path.display().to_string(),
                "--tls-key-file".to_owned(),
                key_path.display().to_string(),
                // Clients are not asked for certificates; the server's own is what is checked.
                "--tls-ca-cert-file".to_owned(),
                cert_path.display().to_string(),
                "--tls-auth-clients".to_owned(),
                "no".to_owned(),
            ];
        }
        let child = Command::new(&binary)
            .args(&listen)
            .args(["--bind", "127.0.0.1"])
            .args([
                "--requirepass",
                Redis::PASSWORD,
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .arg("--dir")
            .arg(dir.path())
            .arg("--logfile")
            .arg(&log)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server starts");
        let process = Guard(Some(child));
        wait_for_port(port, "redis-server", &log);
        Redis {
            port,
            _dir: dir,
            _process: process,
        }
    }
}

pub(crate) struct Postgres {
    pub port: u16,
    dir: TempDir,
    bin: PathBuf,
    as_user: Option<&'static str>,
}

impl Postgres {
    pub(crate) const PASSWORD: &'static str = "pg-pw-91c2";

    fn command(&self, program: &str) -> Command {
        match self.as_user {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(self.bin.join(program));
                c
            }
            None => Command::new(self.bin.join(program)),
        }
    }

    pub(crate) fn start() -> Postgres {
        Postgres::start_with(None)
    }

    /// A server offering TLS with this certificate and key (DER); with `required`, it accepts
    /// only TLS connections (`hostssl` in `pg_hba.conf`).
    pub(crate) fn start_tls(certificate: &[u8], key: &[u8], required: bool) -> Postgres {
        Postgres::start_with(Some((
            Authority::pem_of(certificate, "CERTIFICATE"),
            Authority::pem_of(key, "PRIVATE KEY"),
            required,
        )))
    }

    fn start_with(tls: Option<(String, String, bool)>) -> Postgres {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .ok()
            .and_then(|dirs| {
                dirs.filter_map(|d| d.ok().map(|d| d.path().join("bin")))
                    .filter(|b| b.join("initdb").exists())
                    .max()
            })
            .unwrap_or_else(|| PathBuf::from("/usr/lib/postgresql/15/bin"));
        need(&bin.join("initdb"), "postgresql");
        // PostgreSQL refuses to run as root; the package's postgres user runs it then.
        let as_user = running_as_root().then_some("postgres");
        let dir = tempfile::tempdir().expect("temp dir");
        if let Some(user) = as_user {
            let status = Command::new("chown")
                .args(["-R", user])
                .arg(dir.path())
                .status()
                .expect("chown");
            assert!(status.success(), "chown the PostgreSQL temp dir");
        }
        let port = free_port();
        let server = Postgres {
            port,
            dir,
            bin,
            as_user,
        };
        let pwfile = server.dir.path().join("pw");
        std::fs::write(&pwfile, Postgres::PASSWORD).expect("password file");
        if let Some(user) = as_user {
            let _ = Command::new("chown").arg(user).arg(&pwfile).status();
        }
        let data = server.dir.path().join("data");
        let output = server
            .command("initdb")
            .arg("-D")
            .arg(&data)
            .args(["-U", "ready", "--auth=scram-sha-256", "--no-sync"])
            .arg(format!("--pwfile={}", pwfile.display()))
            .output()
            .expect("initdb runs");
        assert!(
            output.status.success(),
            "initdb failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let mut tls_options = String::new();
        if let Some((certificate, key, required)) = tls {
            let (cert_path, key_path) = (data.join("server.crt"), data.join("server.key"));
            std::fs::write(&cert_path, certificate).expect("write the certificate");
            std::fs::write(&key_path, key).expect("write the key");
            let _ = Command::new("chmod").arg("600").arg(&key_path).status();
            if let Some(user) = as_user {
                let _ = Command::new("chown")
                    .arg(user)
                    .arg(&cert_path)
                    .arg(&key_path)
                    .status();
            }
            tls_options = format!(
                " -c ssl=on -c ssl_cert_file={} -c ssl_key_file={}",
                cert_path.display(),
                key_path.display()
            );
            if required {
                let hba = data.join("pg_hba.conf");
                let rules = std::fs::read_to_string(&hba).expect("read pg_hba.conf");
                let rules: String = rules
                    .lines()
                    .map(|l| match l.strip_prefix("host ") {
                        Some(rest) => format!("hostssl {rest}\n"),
                        None => format!("{l}\n"),
                    })
                    .collect();
                std::fs::write(&hba, rules).expect("write pg_hba.conf");
            }
        }
        let log = server.dir.path().join("pg.log");
        let output = server
            .command("pg_ctl")
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(&log)
            .arg("-o")
            .arg(format!(
                "-p {port} -c listen_addresses=127.0.0.1 -k {} -c fsync=off{tls_options}",
                server.dir.path().display()
            ))
            .args(["-w", "-t", "60", "start"])
            .output()
            .expect("pg_ctl runs");
        assert!(
            output.status.success(),
            "pg_ctl start failed: {}\n{}",
            String::from_utf8_lossy(&output.stderr),
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        wait_for_port(port, "postgres", &log);
        server
    }

    pub(crate) fn url(&self, password: &str) -> String {
        format!(
            "postgres://ready:{password}@127.0.0.1:{}/postgres",
            self.port
        )
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = self
            .command("pg_ctl")
            .arg("-D")
            .arg(self.dir.path().join("data"))
            .args(["-m", "immediate", "-w", "stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

pub(crate) struct Mariadb {
    pub port: u16,
    _dir: TempDir,
    _process: Guard,
}

impl Mariadb {
    pub(crate) const PASSWORD: &'static str = "maria-pw-55d1";

    pub(crate) fn start() -> Mariadb {
        Mariadb::start_with(None)
    }

    /// A server offering TLS with this certificate and key (DER), accepting only secure
    /// transport.
    pub(crate) fn start_tls(certificate: &[u8], key: &[u8]) -> Mariadb {
        Mariadb::start_with(Some((
            Authority::pem_of(certificate, "CERTIFICATE"),
            Authority::pem_of(key, "PRIVATE KEY"),
        )))
    }

    fn start_with(tls: Option<(String, String)>) -> Mariadb {
        let install = PathBuf::from("/usr/bin/mariadb-install-db");
        let server = PathBuf::from("/usr/sbin/mariadbd");
        need(&install, "mariadb-server");
        need(&server, "mariadb-server");
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().join("data");
        // Each instance keeps its temporary tables in its own directory: in the shared /tmp,
        // a concurrent bootstrap (or a cleaner) once removed one mid-install.
        let scratch = dir.path().join("tmp");
        std::fs::create_dir(&scratch).expect("scratch dir");
        let user = if running_as_root() {
            "root".to_owned()
        } else {
            whoami()
        };
        // The bootstrap is the fixture, not what is tested: on a loaded CI machine it has failed
        // once for reasons outside this test, so a failed install gets one more try from an
        // empty data directory, and both attempts' output is shown if that fails too.
        let mut failures = Vec::new();
        for _ in 0..2 {
            let _ = std::fs::remove_dir_all(&data);
            let output = Command::new(&install)
                .arg("--no-defaults")
                .arg(format!("--datadir={}", data.display()))
                .arg(format!("--user={user}"))
                .args(["--auth-root-authentication-method=normal", "--skip-test-db"])
                .arg(format!("--tmpdir={}", scratch.display()))
                .output()
                .expect("mariadb-install-db runs");
            if output.status.success() {
                failures.clear();
                break;
            }
            failures.push(format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        assert!(
            failures.is_empty(),
            "mariadb-install-db failed: {}",
            failures.join("\n--- second attempt ---\n")
        );
        let port = free_port();
        let socket = dir.path().join("mysql.sock");
        let log = dir.path().join("mariadb.log");
        let mut tls_args = Vec::new();
        if let Some((certificate, key)) = tls {
            let (cert_path, key_path) =
                (dir.path().join("server.crt"), dir.path().join("server.key"));
            std::fs::write(&cert_path, certificate).expect("write the certificate");
            std::fs::write(&key_path, key).expect("write the key");
            tls_args = vec![
                format!("--ssl-cert={}", cert_path.display()),
                format!("--ssl-key={}", key_path.display()),
                "--require-secure-transport=ON".to_owned(),
            ];
        }
        let child = Command::new(&server)
            .arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .arg(format!("--socket={}", socket.display()))
            .arg(format!("--tmpdir={}", scratch.display()))
            .arg(format!("--port={port}"))
            .arg("--bind-address=127.0.0.1")
            .arg(format!("--user={user}"))
            .arg(format!("--log-error={}", log.display()))
            .arg(format!(
                "--pid-file={}",
                dir.path().join("mariadb.pid").display()
            ))
            .args(["--skip-log-bin", "--innodb-buffer-pool-size=16M"])
            .args(&tls_args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("mariadbd starts");
        let process = Guard(Some(child));
        wait_for_port(port, "mariadbd", &log);
        let sql = format!(
            "CREATE USER 'ready'@'%' IDENTIFIED BY '{}'; GRANT USAGE ON *.* TO 'ready'@'%'; CREATE USER 'ready'@'localhost' IDENTIFIED BY '{}';",
            Mariadb::PASSWORD,
            Mariadb::PASSWORD
        );
        let output = Command::new("mariadb")
            .arg("--no-defaults")
            .arg(format!("--socket={}", socket.display()))
            .args(["-u", "root", "-e", &sql])
            .output()
            .expect("mariadb client runs");
        assert!(
            output.status.success(),
            "creating the test user failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        Mariadb {
            port,
            _dir: dir,
            _process: process,
        }
    }

    pub(crate) fn url(&self, password: &str) -> String {
        format!("mysql://ready:{password}@127.0.0.1:{}/", self.port)
    }
}

fn whoami() -> String {
    Command::new("id").arg("-un").output().map_or_else(
        |_| "mysql".into(),
        |o| String::from_utf8_lossy(&o.stdout).trim().to_owned(),
    )
}

/// Addresses for probes that must find nothing listening.
pub(crate) fn closed_address() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], free_port()))
}

/// Standard base64 in 64-character lines, for PEM files.
fn base64_lines(bytes: &[u8]) -> String {
    let encoded = crate::support::base64(bytes);
    let mut out = String::new();
    for line in encoded.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).expect("ascii"));
        out.push('\n');
    }
    out
}

/// dnsmasq from Debian's package, authoritative for `ready.test` on a free loopback port, with
/// static records of every type the `dns` kind reads. Stopped when dropped.
pub(crate) struct Dnsmasq {
    pub port: u16,
    _dir: TempDir,
    _process: Guard,
}

impl Dnsmasq {
    pub(crate) fn start() -> Dnsmasq {
        let binary = PathBuf::from("/usr/sbin/dnsmasq");
        need(&binary, "dnsmasq-base");
        let dir = tempfile::tempdir().expect("temp dir");
        let port = free_port();
        let log = dir.path().join("dnsmasq.log");
        let child = Command::new(&binary)
            .args([
                "--keep-in-foreground",
                "--no-resolv",
                "--no-hosts",
                "--no-poll",
            ])
            .args(["--conf-file=/dev/null", "--pid-file=", "--bind-interfaces"])
            .arg("--listen-address=127.0.0.1")
            .arg(format!("--port={port}"))
            .arg(format!("--log-facility={}", log.display()))
            .args(running_as_root().then_some("--user=root"))
            // Names under ready.test are answered here and nowhere else: unknown ones NXDOMAIN.
            .arg("--local=/ready.test/")
            .args([
                "--host-record=api.ready.test,127.0.0.10",
                "--host-record=api.ready.test,127.0.0.11",
                "--host-record=v6.ready.test,::1",
                "--cname=www.ready.test,api.ready.test",
                "--mx-host=ready.test,mail.ready.test,10",
                "--txt-record=ready.test,v=spf1 -all",
                "--srv-host=_https._tcp.ready.test,api.ready.test,443",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dnsmasq starts");
        let process = Guard(Some(child));
        // dnsmasq also listens on TCP: ready once that port answers.
        wait_for_port(port, "dnsmasq", &log);
        Dnsmasq {
            port,
            _dir: dir,
            _process: process,
        }
    }
}

/// A gRPC server in this process answering the standard health check (tonic-health): the
/// server as a whole and `payments` `SERVING`, `ledger` `NOT_SERVING`; with a certificate and key
/// (DER), over TLS. Stopped when dropped.
pub(crate) struct GrpcHealth {
    pub port: u16,
    _runtime: tokio::runtime::Runtime,
}

impl GrpcHealth {
    pub(crate) fn start(tls: Option<(&[u8], &[u8])>) -> GrpcHealth {
        use tonic_health::ServingStatus;
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        let port = free_port();
        let mut builder = tonic::transport::Server::builder();
        if let Some((certificate, key)) = tls {
            let identity = tonic::transport::Identity::from_pem(
                Authority::pem_of(certificate, "CERTIFICATE"),
                Authority::pem_of(key, "PRIVATE KEY"),
            );
            builder = builder
                .tls_config(tonic::transport::ServerTlsConfig::new().identity(identity))
                .expect("TLS set-up");
        }
        runtime.spawn(async move {
            let (reporter, service) = tonic_health::server::health_reporter();
            reporter
                .set_service_status("payments", ServingStatus::Serving)
                .await;
            reporter
                .set_service_status("ledger", ServingStatus::NotServing)
                .await;
            let address = std::net::SocketAddr::from(([127, 0, 0, 1], port));
            let _ = builder.add_service(service).serve(address).await;
        });
        wait_for_port(port, "the gRPC health server", Path::new("/dev/null"));
        GrpcHealth {
            port,
            _runtime: runtime,
        }
    }
}

// ---------------------------------------------------------------- Prometheus, from Debian

/// Prometheus' Pushgateway on a loopback port, keeping nothing on disk.
pub(crate) struct Pushgateway {
    pub port: u16,
    _dir: TempDir,
    _process: Guard,
}

impl Pushgateway {
    pub(crate) fn start() -> Pushgateway {
        let binary = PathBuf::from("/usr/bin/prometheus-pushgateway");
        need(&binary, "prometheus-pushgateway");
        let dir = tempfile::tempdir().expect("temp dir");
        let port = free_port();
        let log = dir.path().join("pushgateway.log");
        let child = Command::new(&binary)
            .arg(format!("--web.listen-address=127.0.0.1:{port}"))
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("log file"))
            .spawn()
            .expect("the pushgateway starts");
        let process = Guard(Some(child));
        wait_for_port(port, "prometheus-pushgateway", &log);
        Pushgateway {
            port,
            _dir: dir,
            _process: process,
        }
    }
}

/// `node_exporter` on a loopback port with only the textfile collector, reading `textfiles`.
pub(crate) struct NodeExporter {
    pub port: u16,
    _process: Guard,
}

impl NodeExporter {
    pub(crate) fn start(textfiles: &Path, log: &Path) -> NodeExporter {
        let binary = PathBuf::from("/usr/bin/prometheus-node-exporter");
        need(&binary, "prometheus-node-exporter");
        let port = free_port();
        let child = Command::new(&binary)
            .arg(format!("--web.listen-address=127.0.0.1:{port}"))
            .arg("--collector.disable-defaults")
            .arg("--collector.textfile")
            .arg(format!(
                "--collector.textfile.directory={}",
                textfiles.display()
            ))
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(log).expect("log file"))
            .spawn()
            .expect("node_exporter starts");
        let process = Guard(Some(child));
        wait_for_port(port, "prometheus-node-exporter", log);
        NodeExporter {
            port,
            _process: process,
        }
    }
}

/// The body of `GET http://127.0.0.1:PORT/metrics`, over a plain socket (HTTP/1.0, so the
/// server closes when done).
pub(crate) fn scrape(port: u16) -> String {
    use std::io::{Read as _, Write as _};
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    stream
        .write_all(b"GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        .expect("request");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("response");
    let (head, body) = response.split_once("\r\n\r\n").expect("a response");
    assert!(
        head.starts_with("HTTP/1.0 200") || head.starts_with("HTTP/1.1 200"),
        "{head}"
    );
    body.to_owned()
}
