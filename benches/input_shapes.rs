//! Growth of `ready check` on hostile input shapes: each shape at n and at 4n items, timed in
//! one process through the library, best of five. Linear work grows about 4×; the bench fails
//! above 8× (quadratic would be 16×). The first five shapes were quadratic or worse once; the
//! next four are what the linter's rules read, kept linear from the start; the last was
//! quadratic in the JUnit report until 2026-12-06, and the probes over two checklists in
//! sorting each checklist's results out for judging it alone until the same day.
//!
//! Run: `cargo bench --bench input_shapes`.

#![expect(
    clippy::format_collect,
    reason = "generating input once per shape reads plainest this way"
)]

use std::time::{Duration, Instant};

use ready_gate::workflow::{self, CheckRequest, Format, Streams};

/// A checklist of the shape at size `n`.
fn shape(name: &str, n: usize) -> String {
    match name {
        "same-heading" => "# S\n- [x] a\n".repeat(n),
        "sign-off-roles" => {
            let roles: String = (0..n).map(|i| format!("- [ ] Role {i}\n")).collect();
            format!("# T\n## Build\n- [x] a\n## Sign-Off\n{roles}")
        }
        "flat-items-junit" => {
            let items: String = (0..n).map(|i| format!("- [x] item {i}\n")).collect();
            format!("# T\n## A\n{items}## B\n- [ ] b\n")
        }
        "restated-must-haves" => format!(
            "# T\n## Work\n{}## Go\n**Must Have:**\n{}",
            "- [x] C\n".repeat(n),
            "- [x] C\n".repeat(n)
        ),
        "weight-table" => {
            let sections: String = (0..n)
                .map(|i| format!("## Section number {i}\n- [x] a\n"))
                .collect();
            let rows: String = (0..n)
                .map(|i| format!("| Section number {i} | 1 |\n"))
                .collect();
            format!("# T\n{sections}## Weights\n| Category | Weight |\n|---|---|\n{rows}")
        }
        // What the linter reads (check runs its rules too): claims over one long list.
        "tallies" => {
            let items: String = (0..n).map(|i| format!("- [x] item {i}\n")).collect();
            format!("# T\n## S\n{items}{}", "\nCurrent: 1/2 (50%)\n".repeat(n))
        }
        "duplicate-items" => format!("# T\n## S\n{}", "- [x] same\n".repeat(n)),
        "empty-headings" => {
            let headings: String = (0..n).map(|i| format!("## H{i}\n")).collect();
            format!("# T\n- [x] a\n{headings}")
        }
        "conditions" => {
            let items: String = (0..n).map(|i| format!("- [ ] m{i}\n")).collect();
            format!(
                "# T\n## Must Have\n{items}{}",
                "\n1. ✅ Complete all \"Must Have\" items\n".repeat(n)
            )
        }
        // Every open Must item is a blocker, which JUnit's policy suite looks up among the
        // counted items.
        "open-musts-junit" => {
            let items: String = (0..n).map(|i| format!("- [ ] m{i}\n")).collect();
            format!("# T\n## Must Have\n{items}")
        }
        _ => unreachable!("no shape {name}"),
    }
}

/// Two checklists of `n` items each, every item bound by `match:` to a disk probe of its own
/// (local, so the shape times `ready`, not a network): each checklist is judged alone with
/// the results of its own probes.
fn probed(n: usize) -> (Vec<String>, String) {
    let list = |part: usize| {
        let items: String = (0..n)
            .map(|i| format!("- [x] disk {part}-{i} has room\n"))
            .collect();
        format!("# Part {part}\n## Disks\n{items}")
    };
    let probes: String = (0..2)
        .flat_map(|part| (0..n).map(move |i| (part, i)))
        .map(|(part, i)| {
            format!(
                "  - id: d{part}-{i}\n    match: \"disk {part}-{i} has room\"\n    disk: {{ path: \".\", min_free_percent: 0 }}\n"
            )
        })
        .collect();
    (vec![list(0), list(1)], format!("probes:\n{probes}"))
}

fn time(text: &str, format: Format) -> Duration {
    time_files(&[text.to_owned()], None, format)
}

/// Best of five whole `ready check` runs of `texts` (written as files), with `probes` as the
/// probe file when there is one.
fn time_files(texts: &[String], probes: Option<&str>, format: Format) -> Duration {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths: Vec<_> = texts
        .iter()
        .enumerate()
        .map(|(n, text)| {
            let path = dir.path().join(format!("shape-{n}.md"));
            std::fs::write(&path, text).expect("write");
            path
        })
        .collect();
    let probe_files: Vec<_> = probes
        .map(|probes| {
            let path = dir.path().join("probes.yaml");
            std::fs::write(&path, probes).expect("write");
            path
        })
        .into_iter()
        .collect();
    let mut context = ready_gate::Context::from_process().expect("context");
    dir.path().clone_into(&mut context.cwd);
    let request = CheckRequest {
        format,
        threshold: Some(0.0),
        no_probes: probe_files.is_empty(),
        probe_files,
        ..CheckRequest::of(paths)
    };
    (0..5)
        .map(|_| {
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let start = Instant::now();
            workflow::check(
                &request,
                &context,
                &mut |_| {},
                &mut Streams {
                    out: &mut out,
                    err: &mut err,
                },
            )
            .expect("checked");
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let shapes = [
        ("same-heading", 4_000, Format::Json),
        ("sign-off-roles", 4_000, Format::Json),
        ("flat-items-junit", 10_000, Format::Junit),
        ("restated-must-haves", 2_000, Format::Json),
        ("weight-table", 1_000, Format::Json),
        ("tallies", 4_000, Format::Json),
        ("duplicate-items", 4_000, Format::Json),
        ("empty-headings", 4_000, Format::Json),
        ("conditions", 4_000, Format::Json),
        ("open-musts-junit", 10_000, Format::Junit),
    ];
    let mut worst: f64 = 0.0;
    println!(
        "{:<22} {:>8} {:>10} {:>10} {:>6}",
        "shape", "n", "n", "4n", "ratio"
    );
    let mut report = |name: &str, n: usize, small: Duration, large: Duration| {
        let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
        worst = worst.max(ratio);
        println!(
            "{name:<22} {n:>8} {:>8.1}ms {:>8.1}ms {ratio:>5.1}×",
            small.as_secs_f64() * 1e3,
            large.as_secs_f64() * 1e3
        );
    };
    for (name, n, format) in shapes {
        let small = time(&shape(name, n), format);
        let large = time(&shape(name, 4 * n), format);
        report(name, n, small, large);
    }
    let n = 10_000;
    let [small, large] = [n, 4 * n].map(|n| {
        let (lists, probes) = probed(n);
        time_files(&lists, Some(&probes), Format::Json)
    });
    report("probes-two-checklists", n, small, large);
    assert!(worst <= 8.0, "a shape grew {worst:.1}× from n to 4n");
}
