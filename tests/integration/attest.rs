//! in-toto statements: `ready check --format intoto` (test-result predicate) and
//! `ready signoff sign --attest` (SCAI predicate, one file per signature). scripts/test.sh also
//! parses them with `PyPI` in-toto-attestation and signs them with securesystemslib.

use std::path::Path;

use serde_json::Value;

use crate::support::{run_in, write};

fn statement(dir: &Path, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["check", "--format", "intoto", "--today", "2026-06-15"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = run_in(dir, &all);
    assert!(code == 0 || code == 1, "{stderr}");
    (code, serde_json::from_str(&stdout).expect("JSON"))
}

fn names(statement: &Value, key: &str) -> Vec<String> {
    statement["predicate"][key]
        .as_array()
        .expect("a list")
        .iter()
        .map(|t| t.as_str().expect("a name").to_owned())
        .collect()
}

#[test]
fn the_verdict_becomes_the_result_and_the_items_its_tests() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "launch.md",
        "# Launch\n\n## Must Have\n- [x] Backups restore\n- [ ] Pen test done\n\n## Nice to Have\n- [ ] Chaos day\n",
    );
    let (code, no_go) = statement(dir.path(), &["--threshold", "0", "launch.md"]);
    assert_eq!(code, 1);
    assert_eq!(no_go["_type"], "https://in-toto.io/Statement/v1");
    assert_eq!(
        no_go["predicateType"],
        "https://in-toto.io/attestation/test-result/v0.1"
    );
    assert_eq!(no_go["predicate"]["result"], "FAILED");
    assert_eq!(
        names(&no_go, "failedTests"),
        ["launch.md#must-have/2 Pen test done"]
    );
    assert_eq!(
        names(&no_go, "passedTests"),
        ["launch.md#must-have/1 Backups restore"]
    );
    let subject = &no_go["subject"][0];
    assert_eq!(subject["name"], "launch.md");
    let bytes = std::fs::read(dir.path().join("launch.md")).expect("read");
    let digest = {
        use sha2::Digest as _;
        use std::fmt::Write as _;
        sha2::Sha256::digest(&bytes)
            .iter()
            .fold(String::new(), |mut out, b| {
                let _ = write!(out, "{b:02x}");
                out
            })
    };
    assert_eq!(subject["digest"]["sha256"], digest.as_str());

    // Waived, the same item is a warning and the result WARNED; in git, the commit is a subject.
    write(
        dir.path(),
        "ready.yaml",
        "checklists: [launch.md]\npolicy: {threshold: 0}\nwaivers:\n  - item: Pen test done\n    reason: booked\n    approved_by: CISO\n    expires: 2026-12-31\n",
    );
    crate::support::git(dir.path(), &["init", "-q"]);
    crate::support::git(dir.path(), &["add", "-A"]);
    crate::support::git(dir.path(), &["commit", "-qm", "launch"]);
    let (code, waived) = statement(dir.path(), &[]);
    assert_eq!(code, 0);
    assert_eq!(waived["predicate"]["result"], "WARNED");
    assert!(
        names(&waived, "warnedTests").contains(&"launch.md#must-have/2 Pen test done".to_owned())
    );
    assert!(names(&waived, "failedTests").is_empty());
    let commit = waived["subject"]
        .as_array()
        .expect("subjects")
        .iter()
        .find(|s| s["name"] == "commit")
        .expect("the commit is a subject");
    assert_eq!(
        commit["digest"]["gitCommit"].as_str().map(str::len),
        Some(40)
    );
    let configuration = waived["predicate"]["configuration"].to_string();
    assert!(
        configuration.contains("ready.yaml") && configuration.contains("\"threshold\":0.0"),
        "{configuration}"
    );
}

#[test]
fn each_signature_gets_its_own_statement_beside_the_ledger() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "launch.md",
        "# Launch\n\n## Must Have\n- [x] Backups restore\n\n## Sign-off\n- [ ] SRE Lead\n",
    );
    let sign = |name: &str| {
        let (code, stdout, stderr) = run_in(
            dir.path(),
            &[
                "signoff",
                "sign",
                "--role",
                "sre lead",
                "--name",
                name,
                "--attest",
                "launch.md",
            ],
        );
        assert_eq!(code, 0, "{stderr}");
        assert!(
            stdout.contains("attestation written to launch.attestations/"),
            "{stdout}"
        );
    };
    sign("Ana");
    sign("Bo");
    let mut written: Vec<String> = std::fs::read_dir(dir.path().join("launch.attestations"))
        .expect("the folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written.len(),
        2,
        "one per signature, none rewritten: {written:?}"
    );
    let text = std::fs::read_to_string(dir.path().join("launch.attestations").join(&written[0]))
        .expect("statement");
    let statement: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(
        statement["predicateType"],
        "https://in-toto.io/attestation/scai/attribute-report/v0.2"
    );
    let attribute = &statement["predicate"]["attributes"][0];
    assert_eq!(attribute["attribute"], "signed-off");
    assert_eq!(attribute["conditions"]["role"], "SRE Lead");
    assert_eq!(attribute["evidence"]["name"], "launch.signoffs.yaml");
    // Without --attest, nothing is written.
    let (code, _, _) = run_in(
        dir.path(),
        &[
            "signoff",
            "sign",
            "--role",
            "SRE Lead",
            "--name",
            "Cy",
            "launch.md",
        ],
    );
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read_dir(dir.path().join("launch.attestations"))
            .expect("dir")
            .count(),
        2
    );
}
