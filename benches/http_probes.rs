//! Benchmark: the whole `ready check` of a checklist of N items, each bound by `match:` to its
//! own HTTP probe, against a local server that answers after 50 ms, at concurrency 256 — the
//! physical bound is N × 50 ms ÷ 256. Sizes 100, 1,000 and 10,000, each in its own process so
//! its peak RSS and CPU time are its own; the server runs in a process of its own too, and the
//! report goes to a writer that only counts it, as standard output would take it, so the
//! figures are `ready`'s alone. Goals (issue 13): wall ≤ 1.08 × the bound at 10,000,
//! CPU ≤ 0.4 s, peak ≤ 40 MiB; a missed goal is a figure to report, so the bench exits 0.
//! A last row runs 10,000 probes against a closed port, every one refused: a failing fleet is
//! when a gate is needed most, and its memory must stay that of a passing one. Another runs
//! 10,000 probes that each also check the body with the same `body_regex`: a pattern a whole
//! fleet writes is compiled once, and its memory must stay that of a plain fleet too.
//! Before each passing size, the reference: the same requests to the same server made by a bare
//! hyper client (the one beneath `reqwest`, pooled, no probe file, checklist or report), in a
//! process of its own, so `÷ bare` is what `ready` adds to the floor this machine reaches today.
//! Run with `cargo bench --bench http_probes`.

#[path = "support/counter.rs"]
mod counter;
use counter::Counter;
use std::convert::Infallible;
use std::time::{Duration, Instant};

use http_body_util::Full;
use hyper::body::Bytes;
use hyper::{Request, Response};
use ready_gate::workflow;

const DELAY: Duration = Duration::from_millis(50);
const CONCURRENCY: usize = 256;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--serve") {
        serve();
        return;
    }
    if let Some(n) = args
        .iter()
        .position(|a| a == "--bare")
        .and_then(|i| args.get(i + 1))
    {
        bare(n.parse().expect("request count"));
        return;
    }
    if let Some(n) = args
        .iter()
        .position(|a| a == "--one")
        .and_then(|i| args.get(i + 1))
    {
        let n: usize = n.parse().expect("probe count");
        let fleet = if args.iter().any(|a| a == "--refused") {
            Fleet::Refused
        } else if args.iter().any(|a| a == "--checked") {
            Fleet::Checked
        } else {
            Fleet::Passing
        };
        one(n, fleet);
        return;
    }
    println!(
        "{:>6} {:>10} {:>10} {:>8} {:>8} {:>8} {:>10}",
        "probes", "wall ms", "bound ms", "÷ bound", "÷ bare", "CPU s", "peak RSS"
    );
    for (n, fleet) in [
        (100usize, Fleet::Passing),
        (1000, Fleet::Passing),
        (10_000, Fleet::Passing),
        (10_000, Fleet::Checked),
        (10_000, Fleet::Refused),
    ] {
        let bound = n as f64 * DELAY.as_millis() as f64 / CONCURRENCY as f64;
        let count = n.to_string();
        let flag = match fleet {
            Fleet::Passing => {
                // The reference first, each in a process of its own like `ready`'s run.
                let bare = measure(&["--bare", &count]);
                println!(
                    "{n:>6} {:>10.0} {bound:>10.0} {:>8.2} {:>8} {:>8.2} {:>7.1} MB  (bare hyper client)",
                    bare.wall,
                    bare.wall / bound,
                    "-",
                    bare.cpu,
                    bare.rss_kib / 1024.0
                );
                let ready = measure(&["--one", &count]);
                println!(
                    "{n:>6} {:>10.0} {bound:>10.0} {:>8.2} {:>8.2} {:>8.2} {:>7.1} MB",
                    ready.wall,
                    ready.wall / bound,
                    ready.wall / bare.wall,
                    ready.cpu,
                    ready.rss_kib / 1024.0
                );
                continue;
            }
            Fleet::Checked => "--checked",
            Fleet::Refused => "--refused",
        };
        let run = measure(&["--one", &count, flag]);
        if fleet == Fleet::Refused {
            println!(
                "{n:>6} {:>10.0} {:>10} {:>8} {:>8} {:>8.2} {:>7.1} MB  (all refused)",
                run.wall,
                "-",
                "-",
                "-",
                run.cpu,
                run.rss_kib / 1024.0
            );
        } else {
            println!(
                "{n:>6} {:>10.0} {bound:>10.0} {:>8.2} {:>8} {:>8.2} {:>7.1} MB  (each with body_regex)",
                run.wall,
                run.wall / bound,
                "-",
                run.cpu,
                run.rss_kib / 1024.0
            );
        }
    }
}

/// What one run in a process of its own cost.
struct Measured {
    wall: f64,
    cpu: f64,
    rss_kib: f64,
}

/// Runs this bench again with `args` and reads the figures it prints.
fn measure(args: &[&str]) -> Measured {
    let output = std::process::Command::new(std::env::current_exe().expect("own path"))
        .args(args)
        .output()
        .expect("run one size");
    let text = String::from_utf8_lossy(&output.stdout);
    let fields: Vec<f64> = text
        .split_whitespace()
        .filter_map(|f| f.parse().ok())
        .collect();
    let [wall, cpu, rss_kib] = fields[..] else {
        panic!(
            "bad output from {args:?}: {text}{}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    Measured { wall, cpu, rss_kib }
}

/// What the fleet's probes ask and get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fleet {
    /// Status 200 from the delay server.
    Passing,
    /// Status 200 and the same `body_regex` on every probe.
    Checked,
    /// A closed port: every connection refused.
    Refused,
}

/// The delay server, until its standard input closes: prints its port, then answers every
/// request after `DELAY`.
fn serve() {
    let server = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let listener = server
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    println!("{}", listener.local_addr().expect("address").port());
    server.spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            tokio::spawn(async move {
                let service =
                    hyper::service::service_fn(|_: Request<hyper::body::Incoming>| async {
                        tokio::time::sleep(DELAY).await;
                        Ok::<_, Infallible>(Response::new(Full::new(Bytes::from_static(
                            b"{\"status\":\"ok\"}",
                        ))))
                    });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    // The parent holds our standard input open for as long as it needs the server.
    let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut Vec::new());
}

/// Runs n probes once against a server in a child process, or with `Refused` against a port
/// nothing listens on; prints wall milliseconds, CPU seconds and peak RSS in KiB.
fn one(n: usize, fleet: Fleet) {
    let refused = fleet == Fleet::Refused;
    let mut server = (!refused).then(Server::start);
    let port = match &server {
        Some(server) => server.port,
        // A port just bound and let go: nothing listens there, so every connection is refused.
        None => std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port(),
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("bench.yaml");
    let mut yaml = String::from("probes:\n");
    let mut checklist = String::from("# Fleet\n## Services\n");
    // The server answers {"status":"ok"}.
    let check = if fleet == Fleet::Checked {
        r#", body_regex: '"status":\s*"(ok|up)"'"#
    } else {
        ""
    };
    for i in 0..n {
        yaml.push_str(&format!(
            "  - id: p{i}\n    match: \"service {i:05} answers\"\n    http: {{ url: \"http://127.0.0.1:{port}/health/{i}\", status: 200{check} }}\n"
        ));
        checklist.push_str(&format!("- [x] Service {i:05} answers on /health\n"));
    }
    std::fs::write(&file, yaml).expect("probe file");
    let list = dir.path().join("fleet.md");
    std::fs::write(&list, checklist).expect("checklist");
    let request = workflow::CheckRequest {
        format: workflow::Format::Json,
        probe_files: vec![file],
        run: workflow::RunOptions {
            concurrency: CONCURRENCY,
            ..Default::default()
        },
        ..workflow::CheckRequest::of(vec![list])
    };
    let mut context = ready_gate::Context::from_process().expect("working directory");
    dir.path().clone_into(&mut context.cwd);
    let (mut out, mut err) = (Counter::default(), Vec::new());
    let mut passed = 0;
    let cpu_before = cpu_seconds();
    let start = Instant::now();
    let code = workflow::check(
        &request,
        &context,
        &mut |event| {
            if let workflow::Progress::Done(done) = event
                && done.outcome == "pass"
            {
                passed += 1;
            }
        },
        &mut workflow::Streams {
            out: &mut out,
            err: &mut err,
        },
    )
    .expect("checked");
    let wall = start.elapsed();
    let cpu = cpu_seconds() - cpu_before;
    if let Some(server) = server.take() {
        server.stop();
    }
    let expected = if refused { (1, 0) } else { (0, n) };
    assert_eq!(
        (code, passed),
        expected,
        "every probe passes and the run is GO (with --refused: none passes, NO-GO)"
    );
    assert!(out.0 > n * 100, "the JSON report names every probe");
    println!("{} {cpu} {}", wall.as_millis(), peak_kib());
}

/// The reference: the same n requests to the same delay server, made by a bare hyper client
/// (pooled, HTTP/1) from 256 tasks on a runtime like the one `ready` builds, each task taking the
/// next URL as it finishes one — the floor a probe engine on this machine can reach. Prints what
/// `one` prints.
fn bare(n: usize) {
    use http_body_util::{BodyExt, Empty};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    let server = Server::start();
    let port = server.port;
    let cpu_before = cpu_seconds();
    let start = Instant::now();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<Empty<Bytes>>();
    let next = Arc::new(AtomicUsize::new(0));
    let passed = Arc::new(AtomicUsize::new(0));
    runtime.block_on(async {
        let tasks: Vec<_> = (0..CONCURRENCY.min(n))
            .map(|_| {
                let (client, next, passed) = (client.clone(), next.clone(), passed.clone());
                tokio::spawn(async move {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= n {
                            break;
                        }
                        let uri = format!("http://127.0.0.1:{port}/health/{i}")
                            .parse()
                            .expect("uri");
                        let Ok(response) = client.get(uri).await else {
                            continue;
                        };
                        let ok = response.status() == 200;
                        if response.into_body().collect().await.is_ok() && ok {
                            passed.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.expect("task");
        }
    });
    runtime.shutdown_background();
    let wall = start.elapsed();
    let cpu = cpu_seconds() - cpu_before;
    server.stop();
    assert_eq!(
        passed.load(Ordering::Relaxed),
        n,
        "every request answered 200"
    );
    println!("{} {cpu} {}", wall.as_millis(), peak_kib());
}

/// The delay server in a child process (this bench run with `--serve`).
struct Server {
    child: std::process::Child,
    port: u16,
}

impl Server {
    fn start() -> Server {
        let mut child = std::process::Command::new(std::env::current_exe().expect("own path"))
            .arg("--serve")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("start the server");
        let mut line = String::new();
        std::io::BufRead::read_line(
            &mut std::io::BufReader::new(child.stdout.take().expect("server output")),
            &mut line,
        )
        .expect("server port");
        let port = line.trim().parse().expect("port number");
        Server { child, port }
    }

    /// Closes the server's standard input, which ends it, and waits for it.
    fn stop(mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

/// This process's peak resident memory in KiB.
fn peak_kib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or(0.0)
}

/// This process's user and system CPU seconds.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // After the command name in parentheses: utime and stime are fields 14 and 15 (1-based).
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}
