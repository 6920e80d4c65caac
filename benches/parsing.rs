//! Benchmark: `ready check --no-probes --format json` of generated checklists against a bare
//! pulldown-cmark pass that builds a heading/item tree over the same text, side by side in the
//! same run, so the ratio holds on a shared machine whose absolute speed drifts.
//!
//! Time at 0.1, 1 and 10 MB (best of 3, in one process, the runs alternating), and peak memory
//! at 1, 10 and 100 MB (each measurement in its own process, so its peak is its own), as a
//! multiple of the file's size. The report goes to a writer that counts its bytes without
//! keeping them, as standard output would take it, so the peak is the run's and not a copy of
//! its report (the JSON of a 100 MB checklist is 650 MB). Goals (issue 13): time ≤ 1.3× the
//! tree pass, peak ≤ 3× the file. Beside them, the same check writing the Markdown summary
//! instead of the JSON report: it reads, lints and judges alike, so the difference between the
//! two is what writing the JSON report costs (6.5 bytes of report for every byte read at 10 MB).
//! A missed goal is a figure to report, not a failure: the bench always exits 0.
//!
//! Run: `cargo bench --bench parsing` (add `-- --quick` to skip the 100 MB case). To profile
//! `ready` on the same input outside the bench, `cargo bench --bench parsing -- --write 10 FILE`
//! writes the 10 MB checklist (the size in MB, fractions allowed) to `FILE`.

#[path = "support/counter.rs"]
mod counter;
use counter::Counter;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use ready_gate::workflow::{self, CheckRequest, Format, Streams};

const MB: usize = 1_000_000;

/// A checklist of about `bytes` bytes shaped like the real ones: numbered sections of about ten
/// task boxes (some nested, some with code, links and emphasis), a paragraph, and a status table
/// in one section of seven — about 108,000 boxes, 10,000 headings and 1,500 tables at 10 MB.
fn generate(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 4096);
    text.push_str("# Production Readiness Checklist\n\n**Overall readiness: 90%**\n\n");
    let mut section = 0;
    while text.len() < bytes {
        section += 1;
        let _ = write!(
            text,
            "## {section}. Area {section}: reliability and operations\n\n\
             The team reviews this area **before** every launch; see [the runbook](https://example.com/runbooks/{section}).\n\n"
        );
        for item in 1..=10 {
            let mark = if (section + item) % 3 == 0 { ' ' } else { 'x' };
            let _ = writeln!(
                text,
                "- [{mark}] Item {section}.{item}: `service-{item}` answers within the SLO (owner: @team-{})",
                section % 40
            );
            if item % 5 == 0 {
                let _ = writeln!(text, "  - [x] sub-check {section}.{item}.1 *documented*");
            }
        }
        if section % 7 == 0 {
            let _ = write!(
                text,
                "\n| Check | Status | Notes |\n|---|---|---|\n| Alerts | ✅ | paged in {section} s |\n| Backups | ⚠️ | weekly |\n"
            );
        }
        text.push('\n');
    }
    text
}

/// The reference: one pulldown-cmark pass (the options `ready` uses) that keeps each heading
/// with the titles of the task items under it.
fn tree_pass(text: &str) -> usize {
    let options = Options::ENABLE_TASKLISTS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_GFM
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut tree: Vec<(String, Vec<(bool, String)>)> = Vec::new();
    let (mut in_heading, mut in_item) = (false, false);
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                tree.push((String::new(), Vec::new()));
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::TaskListMarker(done) => {
                in_item = true;
                if tree.is_empty() {
                    tree.push((String::new(), Vec::new()));
                }
                if let Some(last) = tree.last_mut() {
                    last.1.push((done, String::new()));
                }
            }
            Event::End(TagEnd::Item) => in_item = false,
            Event::Text(t) | Event::Code(t) => {
                if let Some(last) = tree.last_mut() {
                    if in_heading {
                        last.0.push_str(&t);
                    } else if in_item && let Some(item) = last.1.last_mut() {
                        item.1.push_str(&t);
                    }
                }
            }
            _ => {}
        }
    }
    tree.iter().map(|(_, items)| items.len()).sum()
}

fn request(path: &Path, format: Format) -> CheckRequest {
    CheckRequest {
        format,
        no_probes: true,
        ..CheckRequest::of(vec![path.to_owned()])
    }
}

/// The whole check, as the binary runs it, the report counted as it is written.
fn ready_check(path: &Path, format: Format) -> usize {
    let mut context = ready_gate::Context::from_process().expect("context");
    path.parent()
        .expect("a directory")
        .clone_into(&mut context.cwd);
    let (mut out, mut err) = (Counter::default(), Vec::new());
    workflow::check(
        &request(path, format),
        &context,
        &mut |_| {},
        &mut Streams {
            out: &mut out,
            err: &mut err,
        },
    )
    .expect("checked");
    out.0
}

/// The reference as the binary would run it: read the file, then the pass.
fn reference(path: &Path) -> usize {
    let text = std::fs::read_to_string(path).expect("read");
    tree_pass(&text)
}

fn best_of(runs: usize, mut work: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// The process's peak resident set, from /proc.
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// Runs one side in a fresh process and returns its peak memory.
fn peak_of(which: &str, path: &Path) -> u64 {
    let me = std::env::current_exe().expect("own path");
    let output = std::process::Command::new(me)
        .args(["--peak", which])
        .arg(path)
        .output()
        .expect("child runs");
    String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("{which}: {}", String::from_utf8_lossy(&output.stderr)))
}

fn write_input(dir: &Path, bytes: usize) -> PathBuf {
    let path = dir.join(format!("checklist-{}.md", bytes / 100_000));
    std::fs::write(&path, generate(bytes)).expect("write");
    path
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--peak") {
        let path = PathBuf::from(&args[i + 2]);
        let _ = match args[i + 1].as_str() {
            "ready" => std::hint::black_box(ready_check(&path, Format::Json)),
            _ => std::hint::black_box(reference(&path)),
        };
        println!("{}", peak_rss());
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--write") {
        let megabytes: f64 = args[i + 1].parse().expect("--write MB FILE");
        std::fs::write(&args[i + 2], generate((megabytes * MB as f64) as usize)).expect("write");
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");
    let dir = tempfile::tempdir().expect("temp dir");
    println!(
        "time: whole `ready check --no-probes --format json` against the tree pass, best of 3;\n\
         beside them the same check writing the Markdown summary instead of the JSON report,\n\
         which reads, lints and judges alike: the difference is what the report costs"
    );
    println!(
        "{:>8} {:>9} {:>8} {:>10} {:>10} {:>7} {:>10} {:>7}",
        "size", "boxes", "headings", "ready", "tree pass", "ratio", "summary", "ratio"
    );
    for bytes in [MB / 10, MB, 10 * MB] {
        let path = write_input(dir.path(), bytes);
        let text = std::fs::read_to_string(&path).expect("read");
        let boxes = text.matches("- [").count();
        let headings = text.matches("\n## ").count();
        // Alternate the two, so drift hits both alike.
        let (mut ours, mut theirs, mut summary) = (Duration::MAX, Duration::MAX, Duration::MAX);
        for _ in 0..3 {
            ours = ours.min(best_of(1, || {
                std::hint::black_box(ready_check(&path, Format::Json));
            }));
            theirs = theirs.min(best_of(1, || {
                std::hint::black_box(reference(&path));
            }));
            summary = summary.min(best_of(1, || {
                std::hint::black_box(ready_check(&path, Format::Markdown));
            }));
        }
        println!(
            "{:>6.1}MB {boxes:>9} {headings:>8} {:>8.0}ms {:>8.0}ms {:>6.2}× {:>8.0}ms {:>6.2}×",
            text.len() as f64 / MB as f64,
            ours.as_secs_f64() * 1000.0,
            theirs.as_secs_f64() * 1000.0,
            ours.as_secs_f64() / theirs.as_secs_f64(),
            summary.as_secs_f64() * 1000.0,
            summary.as_secs_f64() / theirs.as_secs_f64()
        );
    }
    println!("\npeak memory, each in its own process, as a multiple of the file");
    println!(
        "{:>8} {:>10} {:>7} {:>10} {:>7}",
        "size", "ready", "× file", "tree pass", "× file"
    );
    let sizes: &[usize] = if quick {
        &[MB, 10 * MB]
    } else {
        &[MB, 10 * MB, 100 * MB]
    };
    for &bytes in sizes {
        let path = write_input(dir.path(), bytes);
        let size = std::fs::metadata(&path).map_or(1, |m| m.len()) as f64;
        let (ours, theirs) = (peak_of("ready", &path), peak_of("reference", &path));
        println!(
            "{:>6.1}MB {:>8.0}MiB {:>6.1}× {:>8.0}MiB {:>6.1}×",
            size / MB as f64,
            ours as f64 / 1_048_576.0,
            ours as f64 / size,
            theirs as f64 / 1_048_576.0,
            theirs as f64 / size
        );
        let _ = std::fs::remove_file(&path);
    }
}
