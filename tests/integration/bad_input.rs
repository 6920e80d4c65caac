//! Input that is wrong, hostile or absurd: a clear error naming the file (and line, where there
//! is one) with exit code 2, or a sane result. Never a panic, never a hang.

use crate::support::{run_in, write};

fn check(dir: &std::path::Path, file: &str) -> (i32, String, String) {
    run_in(dir, &["check", file])
}

fn assert_clean_error(code: i32, stderr: &str, expected: &str) {
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(
        stderr.contains(expected),
        "expected {expected:?} in {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn empty_files_have_nothing_to_gate() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["empty.md", "empty.yaml"] {
        write(dir.path(), name, "");
        let (code, _, stderr) = check(dir.path(), name);
        assert_clean_error(
            code,
            &stderr,
            &format!("nothing to gate: {name} has no task boxes"),
        );
    }
    write(dir.path(), "prose.md", "# Notes\n\nNo boxes here.\n");
    let (code, _, stderr) = check(dir.path(), "prose.md");
    assert_clean_error(code, &stderr, "nothing to gate");
    write(
        dir.path(),
        "later.md",
        "# After launch\n## Post-Launch\n- [ ] watch\n",
    );
    let (code, _, stderr) = check(dir.path(), "later.md");
    assert_clean_error(code, &stderr, "no item in later.md counts toward the score");
}

#[test]
fn binary_garbage_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    garbage[10] = 0;
    write(dir.path(), "garbage.md", &garbage);
    let (code, _, stderr) = check(dir.path(), "garbage.md");
    assert_clean_error(code, &stderr, "garbage.md: not a text file");
    let no_nul: Vec<u8> = garbage.iter().map(|b| b | 0x80).collect();
    write(dir.path(), "high.yaml", &no_nul);
    let (code, _, stderr) = check(dir.path(), "high.yaml");
    assert_clean_error(code, &stderr, "high.yaml: not a text file");
}

#[test]
fn broken_yaml_names_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "broken.yaml",
        "title: T\nsections:\n  - title: A\n    items: [\n      {title: x\n",
    );
    let (code, _, stderr) = check(dir.path(), "broken.yaml");
    assert_clean_error(code, &stderr, "--> broken.yaml:");
    write(
        dir.path(),
        "typo.yaml",
        "title: T\nsections:\n  - title: A\n    itemz:\n      - title: x\n",
    );
    let (code, _, stderr) = check(dir.path(), "typo.yaml");
    assert_clean_error(code, &stderr, "unknown field `itemz`");
    assert!(stderr.contains("--> typo.yaml:4:5"), "{stderr}");
    assert!(stderr.contains("4 |     itemz:"), "{stderr}");
}

#[test]
fn unknown_config_key_is_shown_with_a_caret() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "c.md", "# T\n- [x] a\n");
    write(
        dir.path(),
        "ready.yaml",
        "policy:\n  threshold: 80\n  threshhold: 85\n",
    );
    let (code, _, stderr) = check(dir.path(), "c.md");
    assert_eq!(code, 2);
    let expected = "  --> ready.yaml:3:3\n  |\n3 |   threshhold: 85\n  |   ^\n";
    assert!(stderr.contains("unknown field `threshhold`"), "{stderr}");
    assert!(stderr.ends_with(expected), "{stderr}");
}

#[test]
fn yaml_alias_bomb_is_stopped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut text = String::from("title: bomb\nsections:\n  - title: s1\n    items: &l1 [");
    text.push_str(&["{title: a}"; 10].join(", "));
    text.push_str("]\n");
    for level in 2..=9 {
        text.push_str(&format!("  - title: s{level}\n    items: &l{level} ["));
        let entry = format!("{{title: x, items: *l{}}}", level - 1);
        text.push_str(&vec![entry; 10].join(", "));
        text.push_str("]\n");
    }
    write(dir.path(), "bomb.yaml", text);
    let started = std::time::Instant::now();
    let (code, _, stderr) = check(dir.path(), "bomb.yaml");
    assert_clean_error(code, &stderr, "bomb.yaml");
    assert!(
        stderr.contains("an alias bomb is refused rather than expanded"),
        "{stderr}"
    );
    // A guard against a hang, not a speed target: expanding the bomb would take hours.
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

#[test]
fn missing_paths_and_empty_directories() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, _, stderr) = check(dir.path(), "nope.md");
    assert_clean_error(code, &stderr, "nope.md: no such file or directory");
    std::fs::create_dir(dir.path().join("empty")).expect("mkdir");
    write(dir.path(), "empty/notes.txt", "not a checklist");
    let (code, _, stderr) = check(dir.path(), "empty");
    assert_clean_error(code, &stderr, "empty: no checklist in this directory");
    write(dir.path(), "data.csv", "a,b");
    let (code, _, stderr) = check(dir.path(), "data.csv");
    assert_clean_error(code, &stderr, "data.csv: unsupported file type");
}

#[test]
fn three_thousand_levels_of_nesting() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut lists = String::from("# Deep\n");
    for level in 0..3000 {
        lists.push_str(&"  ".repeat(level));
        lists.push_str("- [x] level\n");
    }
    write(dir.path(), "lists.md", &lists);
    let (code, stdout, stderr) = run_in(dir.path(), &["check", "--format", "json", "lists.md"]);
    assert!(code == 0 || code == 1, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    assert!(report["summary"]["items"].as_u64() > Some(0));

    let quotes = format!("# Deep\n{} - [x] quoted\n- [ ] top\n", ">".repeat(3000));
    write(dir.path(), "quotes.md", quotes);
    let (code, stdout, stderr) = run_in(dir.path(), &["check", "--format", "json", "quotes.md"]);
    assert!(code == 0 || code == 1, "{stderr}");
    assert!(stdout.contains("\"verdict\""));

    let yaml = format!(
        "title: deep\nitems:\n{}{{title: x}}{}\n",
        "- {title: x, items: [".repeat(3000),
        "]}".repeat(3000)
    );
    write(dir.path(), "deep.yaml", yaml);
    let (code, _, stderr) = check(dir.path(), "deep.yaml");
    assert_clean_error(code, &stderr, "deep.yaml");
}

/// Every input kind is read through one decoder, so a `ready.yaml`, a ledger or a probe file read
/// differently from its bytes is mentioned, as a checklist is, at the file and line concerned.
#[test]
fn decode_notices_name_every_input_kind() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "launch.md",
        "# Launch\n## Build\n- [x] Health endpoint answers\n## Run\n- [x] On-call\n\
         ## Sign-Off\n- [ ] SRE Lead\n",
    );
    // ready.yaml: a comment saved through Mac Roman (✅ became ‚úÖ).
    write(
        dir.path(),
        "ready.yaml",
        "checklists: [launch.md]\nprobes: [probes.yaml]\n# status \u{201a}\u{00fa}\u{00d6}\npolicy:\n  threshold: 50\n",
    );
    // The probe file: an invalid UTF-8 byte in a comment on line 2.
    let mut probes = b"probes:\n  # caf\xe9\n".to_vec();
    probes.extend_from_slice(
        b"  - id: up\n    match: Health endpoint\n    tcp: { address: \"127.0.0.1:1\" }\n",
    );
    write(dir.path(), "probes.yaml", probes);
    // The ledger: written with a byte-order mark and CRLF by an editor; then one invalid byte.
    write(
        dir.path(),
        "launch.signoffs.yaml",
        b"version: 1\r\nchecklist: launch.md\r\n# \xff\r\nsignoffs: []\r\n",
    );
    let (code, stdout, stderr) = run_in(dir.path(), &["check", "--format", "json"]);
    assert!(code == 0 || code == 1, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    let warnings: Vec<String> = doc["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .map(|w| {
            format!(
                "{}:{} {}",
                w["span"]["file"].as_str().unwrap_or("-"),
                w["span"]["line"],
                w["message"].as_str().unwrap_or_default()
            )
        })
        .collect();
    let has = |file: &str, line: u32, words: &str| {
        warnings
            .iter()
            .any(|w| w.starts_with(&format!("{file}:{line} ")) && w.contains(words))
    };
    assert!(has("ready.yaml", 3, "mojibake"), "{warnings:#?}");
    assert!(has("probes.yaml", 2, "invalid UTF-8"), "{warnings:#?}");
    assert!(
        has("launch.signoffs.yaml", 3, "invalid UTF-8"),
        "{warnings:#?}"
    );
    // The commands that do not assess say the same on standard error.
    let (_, _, stderr) = run_in(dir.path(), &["signoff"]);
    assert!(
        stderr.contains("warning: launch.signoffs.yaml:3: invalid UTF-8"),
        "{stderr}"
    );
    let (_, _, stderr) = run_in(dir.path(), &["probe", "--format", "json"]);
    assert!(
        stderr.contains("warning: probes.yaml:2: invalid UTF-8"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: ready.yaml:3: repaired"),
        "{stderr}"
    );
}

/// Every input has a size limit far above any real file of its kind, so a runaway file, a
/// device or an endless pipe ends in a clear error instead of filling the memory.
#[test]
fn inputs_larger_than_their_limit_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A sparse file: its size says 600 MiB, and nothing is read.
    let huge = std::fs::File::create(dir.path().join("huge.md")).expect("create");
    huge.set_len(600 * 1024 * 1024).expect("set_len");
    let (code, _, stderr) = check(dir.path(), "huge.md");
    assert_clean_error(
        code,
        &stderr,
        "huge.md: larger than the 512.0 MiB ready reads for a checklist; split it",
    );

    // A pipe that never ends, named like a probe file: read up to the limit, then refused.
    let fifo = dir.path().join("endless.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let writer = std::thread::spawn(move || {
        use std::io::Write as _;
        let mut pipe = std::fs::OpenOptions::new()
            .write(true)
            .open(&fifo)
            .expect("open the pipe");
        let block = vec![b'#'; 64 * 1024];
        // Bounded: 64 MiB at most, four times the probe-file limit.
        for _ in 0..1024 {
            if pipe.write_all(&block).is_err() {
                return;
            }
        }
    });
    let (code, _, stderr) = run_in(dir.path(), &["probe", "endless.yaml"]);
    assert_clean_error(
        code,
        &stderr,
        "endless.yaml: larger than the 16.0 MiB ready reads for a probe file",
    );
    writer.join().expect("writer ends once the reader is gone");
}

/// A run reads at most 100,000 probes across its probe files; the one past the limit is named.
#[test]
fn more_probes_than_a_run_reads_are_refused_at_the_first_one_too_many() {
    let dir = tempfile::tempdir().expect("tempdir");
    // One file holds about 35,000 probes before the YAML reader's node budget; four hold more.
    for (file, range) in [
        ("a.yaml", 0..25_000),
        ("b.yaml", 25_000..50_000),
        ("c.yaml", 50_000..75_000),
        ("d.yaml", 75_000..100_001),
    ] {
        let mut yaml = String::from("probes:\n");
        for n in range {
            yaml.push_str(&format!(
                "  - id: p{n}\n    tcp: {{ address: \"127.0.0.1:9\" }}\n"
            ));
        }
        write(dir.path(), file, yaml);
    }
    let (code, _, stderr) = run_in(
        dir.path(),
        &["probe", "a.yaml", "b.yaml", "c.yaml", "d.yaml"],
    );
    assert_clean_error(
        code,
        &stderr,
        "more than 100000 probes in one run; ready runs at most that many",
    );
    assert!(stderr.contains("--> d.yaml:50002"), "{stderr}");
}

/// Every input under `tests/fixtures/fuzz/` (see its README), fed to the binary as the reader
/// its directory names, with every report format written: exit 0, 1 or 2, never a panic.
#[test]
fn fuzz_regressions_end_cleanly() {
    let root = crate::support::root().join("tests/fixtures/fuzz");
    let checklist = "# Launch\n## Build\n- [x] Tests pass\n## Sign-off\n- [ ] QA Lead\n";
    let mut seen = 0;
    for kind in ["markdown", "yaml_checklist", "config", "ledger"] {
        let mut inputs: Vec<_> = std::fs::read_dir(root.join(kind))
            .expect("a fixture directory per target")
            .map(|e| e.expect("entry").path())
            .collect();
        inputs.sort();
        for input in inputs {
            let bytes = std::fs::read(&input).expect("read fixture");
            let dir = tempfile::tempdir().expect("tempdir");
            let target = match kind {
                "markdown" => write(dir.path(), "c.md", &bytes),
                "yaml_checklist" => write(dir.path(), "c.yaml", &bytes),
                "config" => {
                    write(dir.path(), "ready.yaml", &bytes);
                    write(dir.path(), "c.md", checklist)
                }
                _ => {
                    write(dir.path(), "c.signoffs.yaml", &bytes);
                    write(dir.path(), "c.md", checklist)
                }
            };
            let name = target.file_name().and_then(|n| n.to_str()).expect("name");
            let mut args = vec!["check", "--no-probes", "--format", "json", name];
            let reports: Vec<String> = ["table", "junit", "markdown", "html", "openmetrics"]
                .iter()
                .map(|f| format!("{f}=out/{f}"))
                .collect();
            for report in &reports {
                args.extend(["--report", report.as_str()]);
            }
            let (code, _, stderr) = run_in(dir.path(), &args);
            assert!(
                (0..=2).contains(&code) && !stderr.contains("panicked"),
                "{}: exit {code}: {stderr}",
                input.display()
            );
            if kind == "ledger" {
                let (code, _, stderr) = run_in(dir.path(), &["signoff", name]);
                assert!(
                    (0..=2).contains(&code) && !stderr.contains("panicked"),
                    "{stderr}"
                );
            }
            seen += 1;
        }
    }
    assert!(seen >= 6, "the regression inputs are found");
}

#[test]
fn an_id_written_twice_is_refused_at_its_second_item() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "dup.yaml",
        "title: T\nsections:\n  - title: A\n    id: a\n    items:\n      - id: one\n        \
         title: first\n        checked: true\n      - id: one\n        title: second\n",
    );
    let (code, _, stderr) = check(dir.path(), "dup.yaml");
    assert_clean_error(
        code,
        &stderr,
        "duplicate id \"one\"; expected every section and item id to be unique",
    );
    // The file and line of the second item, with the line itself beneath.
    assert!(stderr.contains("dup.yaml:10"), "{stderr}");
    assert!(stderr.contains("10 |         title: second"), "{stderr}");
}
