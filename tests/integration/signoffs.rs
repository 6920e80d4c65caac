//! The sign-off ledger: signing, stale after an edit, the `require_signoffs` policy, concurrent
//! signs, and a crash mid-write.

use std::path::Path;

use serde_json::Value;

use crate::support::{run_in, write};

const CHECKLIST: &str = "\
# Launch

## 1. Service

- [x] Health endpoint answers
- [x] Backups run daily

## 2. Sign-Off

- **SRE Lead:** ________ Date: ______
- **Security Lead:** ________ Date: ______
- **Product Owner:** ________ Date: ______
";

fn project(policy: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "launch.md", CHECKLIST);
    write(
        dir.path(),
        "ready.yaml",
        format!("checklists: [launch.md]\npolicy:\n  threshold: 90\n{policy}"),
    );
    dir
}

fn sign(dir: &Path, role: &str, name: &str) -> (i32, String, String) {
    run_in(
        dir,
        &[
            "signoff",
            "sign",
            "--role",
            role,
            "--name",
            name,
            "launch.md",
        ],
    )
}

fn approvals(dir: &Path) -> Vec<(String, String)> {
    let (code, stdout, stderr) = run_in(dir, &["signoff", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let doc: Value = serde_json::from_str(&stdout).expect("json");
    doc["approvals"]
        .as_array()
        .expect("approvals")
        .iter()
        .map(|a| {
            (
                a["role"].as_str().expect("role").to_owned(),
                a["status"].as_str().expect("status").to_owned(),
            )
        })
        .collect()
}

fn status_of(dir: &Path, role: &str) -> String {
    approvals(dir)
        .into_iter()
        .find(|(r, _)| r == role)
        .map_or_else(|| panic!("no role {role}"), |(_, s)| s)
}

#[test]
fn sign_records_a_signature_bound_to_the_content() {
    let dir = project("");
    let (code, stdout, stderr) = run_in(
        dir.path(),
        &[
            "signoff",
            "sign",
            "--role",
            "sre lead",
            "--name",
            "Ada Lovelace",
            "--note",
            "load test reviewed",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("signed SRE Lead as Ada Lovelace"),
        "{stdout}"
    );
    let ledger = std::fs::read_to_string(dir.path().join("launch.signoffs.yaml")).expect("ledger");
    assert!(ledger.contains("version: 1"), "{ledger}");
    assert!(
        ledger.contains("role: SRE Lead"),
        "role as the checklist spells it: {ledger}"
    );
    assert!(ledger.contains("name: Ada Lovelace"), "{ledger}");
    assert!(ledger.contains("note: load test reviewed"), "{ledger}");
    assert!(ledger.contains("digest: sha256:"), "{ledger}");
    assert!(
        regex::Regex::new(r#"signed_at: ["']?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"#)
            .expect("regex")
            .is_match(&ledger),
        "{ledger}"
    );
    assert_eq!(status_of(dir.path(), "SRE Lead"), "signed");
    assert_eq!(status_of(dir.path(), "Security Lead"), "pending");
    let (code, table, _) = run_in(dir.path(), &["signoff"]);
    assert_eq!(code, 0);
    assert!(
        table.contains("1 of 3 signed in the ledger, 0 stale, 2 pending"),
        "{table}"
    );
    // The ledger is not mistaken for a checklist when the directory is checked.
    let (code, _, stderr) = run_in(dir.path(), &["check", "--no-probes", "."]);
    assert!(code == 0 || code == 1, "{stderr}");
}

#[test]
fn an_edit_to_the_scored_content_makes_signatures_stale() {
    let dir = project("");
    assert_eq!(sign(dir.path(), "SRE Lead", "Ada").0, 0);
    // Prose and sign-off boxes do not change what was signed.
    let prose = CHECKLIST.replace("# Launch", "# Launch\n\nSome words about the launch.");
    write(dir.path(), "launch.md", &prose);
    assert_eq!(status_of(dir.path(), "SRE Lead"), "signed");
    // Unticking an item does.
    write(
        dir.path(),
        "launch.md",
        prose.replace("- [x] Backups run daily", "- [ ] Backups run daily"),
    );
    assert_eq!(status_of(dir.path(), "SRE Lead"), "stale");
    let (_, table, _) = run_in(dir.path(), &["signoff"]);
    assert!(table.contains("stale"), "{table}");
    // Signing again makes it count.
    assert_eq!(sign(dir.path(), "SRE Lead", "Ada").0, 0);
    assert_eq!(status_of(dir.path(), "SRE Lead"), "signed");
}

#[test]
fn required_signoffs_block_until_signed_and_stale_ones_do_not_count() {
    let dir = project("  require_signoffs: [SRE Lead, security lead]\n");
    let (code, stdout, _) = run_in(dir.path(), &["check", "--no-probes", "--format", "json"]);
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stdout).expect("json");
    let blockers = report["blockers"].as_array().expect("blockers");
    assert_eq!(blockers.len(), 2, "{blockers:?}");
    assert!(blockers.iter().all(|b| b["rule"] == "signoff-missing"));
    assert!(
        blockers[0]["message"]
            .as_str()
            .expect("message")
            .contains("ready signoff sign --role \"SRE Lead\""),
        "{blockers:?}"
    );
    assert_eq!(blockers[0]["item"]["span"]["line"], 10);

    assert_eq!(sign(dir.path(), "SRE Lead", "Ada").0, 0);
    assert_eq!(sign(dir.path(), "Security Lead", "Grace").0, 0);
    let (code, _, stderr) = run_in(dir.path(), &["check", "--no-probes"]);
    assert_eq!(code, 0, "GO once both signed: {stderr}");

    write(
        dir.path(),
        "launch.md",
        CHECKLIST.replace(
            "Health endpoint answers",
            "Health endpoint answers on every node",
        ),
    );
    let (code, stdout, _) = run_in(dir.path(), &["check", "--no-probes"]);
    assert_eq!(code, 1, "stale signatures do not count");
    assert!(
        stdout.contains("sign-off by SRE Lead is stale: Ada signed at"),
        "{stdout}"
    );
}

#[test]
fn require_all_means_every_role_the_checklist_names() {
    let dir = project("  require_signoffs: all\n");
    for (role, name) in [("SRE Lead", "Ada"), ("Security Lead", "Grace")] {
        assert_eq!(sign(dir.path(), role, name).0, 0);
    }
    let (code, stdout, _) = run_in(dir.path(), &["check", "--no-probes"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("sign-off by Product Owner is missing"),
        "{stdout}"
    );
    assert_eq!(sign(dir.path(), "product owner", "Linus").0, 0);
    assert_eq!(run_in(dir.path(), &["check", "--no-probes"]).0, 0);
}

#[test]
fn require_all_without_any_role_blocks_rather_than_passing() {
    let dir = project("  require_signoffs: all\n");
    let bare = CHECKLIST.split("## 2. Sign-Off").next().expect("head");
    write(dir.path(), "launch.md", bare);
    let (code, stdout, _) = run_in(dir.path(), &["check", "--no-probes"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("the policy requires all sign-offs, but launch.md names no sign-off role"),
        "{stdout}"
    );
}

#[test]
fn unknown_roles_and_bad_ledgers_exit_2() {
    let dir = project("");
    let (code, _, stderr) = sign(dir.path(), "SRE Laed", "Ada");
    assert_eq!(code, 2);
    assert!(stderr.contains("no sign-off role \"SRE Laed\""), "{stderr}");
    assert!(stderr.contains("Did you mean \"SRE Lead\"?"), "{stderr}");
    assert!(
        !dir.path().join("launch.signoffs.yaml").exists(),
        "nothing written"
    );

    write(
        dir.path(),
        "launch.signoffs.yaml",
        "version: 1\nchecklist: launch.md\nsignoffs:\n  - role: SRE Lead\n    nmae: Ada\n",
    );
    let (code, _, stderr) = run_in(dir.path(), &["check", "--no-probes"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("launch.signoffs.yaml:5"), "{stderr}");
    assert!(stderr.contains("nmae"), "{stderr}");
}

#[test]
fn a_signature_is_for_one_checklist() {
    let dir = project("");
    write(dir.path(), "other.md", CHECKLIST);
    write(
        dir.path(),
        "ready.yaml",
        "checklists: [launch.md, other.md]\n",
    );
    let (code, _, stderr) = run_in(
        dir.path(),
        &["signoff", "sign", "--role", "SRE Lead", "--name", "Ada"],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("a sign-off is for one checklist, and 2 would be read"),
        "{stderr}"
    );
    let (code, _, stderr) = sign(dir.path(), "SRE Lead", "Ada");
    assert_eq!(code, 0, "{stderr}");
    assert!(dir.path().join("launch.signoffs.yaml").is_file());
    assert!(!dir.path().join("other.signoffs.yaml").exists());
}

#[test]
fn concurrent_signs_lose_nothing() {
    let dir = project("");
    let roles = ["SRE Lead", "Security Lead", "Product Owner"];
    let children: Vec<_> = (0..12)
        .map(|n| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("ready"))
                .current_dir(dir.path())
                .args([
                    "signoff",
                    "sign",
                    "--role",
                    roles[n % roles.len()],
                    "--name",
                    &format!("Signer {n}"),
                    "launch.md",
                ])
                .stdout(std::process::Stdio::null())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for mut child in children {
        assert!(child.wait().expect("wait").success());
    }
    let ledger = std::fs::read_to_string(dir.path().join("launch.signoffs.yaml")).expect("ledger");
    for n in 0..12 {
        assert!(
            ledger.contains(&format!("name: Signer {n}\n")),
            "signer {n} lost:\n{ledger}"
        );
    }
    assert!(approvals(dir.path()).iter().all(|(_, s)| s == "signed"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".ready-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// A writer killed while writing (here by the file-size limit, which delivers SIGXFSZ in the
/// middle of the write) leaves the previous ledger exactly as it was.
#[test]
fn a_crash_mid_write_leaves_the_old_ledger_intact() {
    let dir = project("");
    assert_eq!(sign(dir.path(), "SRE Lead", "Ada").0, 0);
    let ledger = dir.path().join("launch.signoffs.yaml");
    let before = std::fs::read(&ledger).expect("ledger");
    let limit = before.len() + 40;
    let status = std::process::Command::new("prlimit")
        .arg(format!("--fsize={limit}"))
        .arg(assert_cmd::cargo::cargo_bin("ready"))
        .current_dir(dir.path())
        .args([
            "signoff",
            "sign",
            "--role",
            "Security Lead",
            "--name",
            "Grace Hopper",
            "--note",
            &"a long note that makes the new ledger larger than the limit ".repeat(4),
            "launch.md",
        ])
        .status()
        .expect("prlimit ran (util-linux)");
    assert!(!status.success(), "the writer was stopped mid-write");
    assert_eq!(
        std::fs::read(&ledger).expect("ledger"),
        before,
        "old ledger intact"
    );
    assert_eq!(status_of(dir.path(), "SRE Lead"), "signed");
    assert_eq!(status_of(dir.path(), "Security Lead"), "pending");
    // The next sign works and keeps the earlier entry.
    assert_eq!(sign(dir.path(), "Security Lead", "Grace").0, 0);
    assert_eq!(status_of(dir.path(), "SRE Lead"), "signed");
    assert_eq!(status_of(dir.path(), "Security Lead"), "signed");
}

/// Ledgers on disk hold digests: a change to what the digest covers, or to how it spells
/// priorities, tags, marks and phases, would make every signature stale at once. These values
/// were computed before the library was layered and must never change.
#[test]
fn digest_is_stable_across_releases() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "launch.md",
        "# Launch\n## Must Have\n- [x] Backups restore ✅ - PARTIAL\n- [ ] Load test - OPTIONAL\n\
         ## Post-Launch\n- [ ] Review\n## Sign-off\n- [ ] SRE Lead\n",
    );
    let (code, stdout, stderr) = sign(dir.path(), "SRE Lead", "Ada");
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("sha256:fa71f4853766b82b8d40b6aace07c67a14b140f1082ac50afce848f8cbba0fd3"),
        "{stdout}"
    );
    let seed = crate::support::root().join("tests/fixtures/seeds/prime-spark.md");
    std::fs::copy(&seed, dir.path().join("prime-spark.md")).expect("copy seed");
    let (code, stdout, stderr) = run_in(
        dir.path(),
        &[
            "signoff",
            "sign",
            "--role",
            "System Architect",
            "--name",
            "Ada",
            "prime-spark.md",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("sha256:3f55d738463cdc911645a75dca2d43a8d60908b4024b22141821e2d4745378aa"),
        "{stdout}"
    );
}

/// "Signed" means a current signature in the ledger in every format, the terminal table
/// included: a name written into the checklist's own sign-off line does not count.
#[test]
fn the_table_counts_ledger_signatures_like_every_format() {
    let dir = project("");
    write(
        dir.path(),
        "launch.md",
        CHECKLIST.replace("- **SRE Lead:** ________", "- **SRE Lead:** Ada Lovelace"),
    );
    let table = |dir: &Path| {
        let (_, stdout, stderr) = run_in(dir, &["check", "--no-probes"]);
        assert!(stderr.is_empty(), "{stderr}");
        stdout
    };
    assert!(
        table(dir.path()).contains("0 of 3 sign-offs signed"),
        "{}",
        table(dir.path())
    );
    let (_, json, _) = run_in(dir.path(), &["check", "--no-probes", "--format", "json"]);
    let doc: Value = serde_json::from_str(&json).expect("json");
    let signed = doc["approvals"]
        .as_array()
        .expect("approvals")
        .iter()
        .filter(|a| a["status"] == "signed")
        .count();
    assert_eq!(signed, 0);
    let (code, _, stderr) = sign(dir.path(), "Security Lead", "Grace Hopper");
    assert_eq!(code, 0, "{stderr}");
    assert!(
        table(dir.path()).contains("1 of 3 sign-offs signed"),
        "{}",
        table(dir.path())
    );
}
