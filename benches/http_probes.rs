//! Benchmark: N HTTP probes against a local server that answers after 50 ms, at concurrency
//! 256. The target (issue 3): wall time within 1.5 × the physical bound (N × 50 ms ÷ 256) plus
//! 150 ms, and peak memory that stays flat as N grows. Run with `cargo bench --bench http_probes`;
//! each size runs in its own process so its peak RSS is its own. Exits 1 if a target is missed.

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
    if let Some(n) = args
        .iter()
        .position(|a| a == "--one")
        .and_then(|i| args.get(i + 1))
    {
        let n: usize = n.parse().expect("probe count");
        one(n);
        return;
    }
    let me = std::env::current_exe().expect("own path");
    println!(
        "{:>6} {:>10} {:>10} {:>8} {:>10}",
        "probes", "wall ms", "target ms", "ratio", "peak RSS"
    );
    let mut ok = true;
    let mut peaks = Vec::new();
    for n in [250usize, 1000, 4000] {
        let output = std::process::Command::new(&me)
            .args(["--one", &n.to_string()])
            .output()
            .expect("run one size");
        let text = String::from_utf8_lossy(&output.stdout);
        let fields: Vec<f64> = text
            .split_whitespace()
            .filter_map(|f| f.parse().ok())
            .collect();
        let [wall, rss_kib] = fields[..] else {
            panic!(
                "bad output from --one {n}: {text}{}",
                String::from_utf8_lossy(&output.stderr)
            );
        };
        let bound = n as f64 * DELAY.as_millis() as f64 / CONCURRENCY as f64;
        let target = 1.5 * bound + 150.0;
        ok &= wall <= target;
        peaks.push(rss_kib);
        println!(
            "{n:>6} {wall:>10.0} {target:>10.0} {:>8.2} {:>7.1} MB",
            wall / bound,
            rss_kib / 1024.0
        );
    }
    // Flat memory: 16× the probes may not cost more than twice the memory.
    let flat = peaks[2] <= peaks[0] * 2.0;
    println!(
        "memory {}: {:.1} MB at 250 probes, {:.1} MB at 4000",
        if flat { "flat" } else { "GROWS" },
        peaks[0] / 1024.0,
        peaks[2] / 1024.0
    );
    if !(ok && flat) {
        std::process::exit(1);
    }
}

/// Runs n probes once; prints wall milliseconds and peak RSS in KiB.
fn one(n: usize) {
    let server = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let listener = server
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let port = listener.local_addr().expect("address").port();
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
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("bench.yaml");
    let mut yaml = String::from("probes:\n");
    for i in 0..n {
        yaml.push_str(&format!(
            "  - id: p{i}\n    http: {{ url: \"http://127.0.0.1:{port}/health/{i}\", status: 200 }}\n"
        ));
    }
    std::fs::write(&file, yaml).expect("probe file");
    let request = workflow::ProbeRequest {
        files: vec![file],
        config: None,
        format: workflow::ListFormat::Json,
        run: workflow::RunOptions {
            concurrency: CONCURRENCY,
            ..Default::default()
        },
    };
    let context = ready_gate::Context::from_process().expect("working directory");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut passed = 0;
    let start = Instant::now();
    let code = workflow::probe(
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
    .expect("probes ran");
    let wall = start.elapsed();
    assert_eq!((code, passed), (0, n), "every probe passes");
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let peak = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or(0.0);
    println!("{} {peak}", wall.as_millis());
}
