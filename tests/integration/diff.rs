//! `ready diff`: revisions from a git repository made in a temporary directory, edits matched
//! without line numbers, contributions that add up to the change, gaming flagged, and the error
//! a shallow clone gets.

use std::path::Path;

use serde_json::Value;

use crate::support::{git, hanging_git, is_gone, ready, run_in, write};

/// A repository whose history holds each text in turn as `checklists/launch.md`.
fn repository(revisions: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    git(dir.path(), &["init", "-q", "-b", "main"]);
    for (n, text) in revisions.iter().enumerate() {
        write(dir.path(), "checklists/launch.md", text);
        git(dir.path(), &["add", "-A"]);
        git(
            dir.path(),
            &["commit", "-q", "-m", &format!("revision {n}")],
        );
    }
    dir
}

fn diff_json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["diff", "--format", "json", "--today", "2026-06-15"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = run_in(dir, &all);
    assert!(code == 0 || code == 1, "exit {code}: {stderr}");
    (code, serde_json::from_str(&stdout).expect("json"))
}

fn kinds(report: &Value) -> Vec<String> {
    report["edits"]
        .as_array()
        .expect("edits")
        .iter()
        .map(|e| e["kind"].as_str().expect("kind").to_owned())
        .collect()
}

/// The contributions add up to the change, to the hundredth.
fn assert_adds_up(report: &Value) {
    let sum: f64 = report["edits"]
        .as_array()
        .expect("edits")
        .iter()
        .map(|e| e["contribution"].as_f64().expect("contribution"))
        .sum();
    let change = report["change"].as_f64().expect("change");
    assert!((sum - change).abs() < 0.005, "{sum} ≠ {change}: {report:#}");
    let (old, new) = (
        report["old"]["score"].as_f64().expect("old"),
        report["new"]["score"].as_f64().expect("new"),
    );
    assert!(
        (new - old - change).abs() < 0.011,
        "{old} → {new} vs {change}"
    );
}

const BEFORE: &str = "# Launch\n## Security\n- [x] TLS everywhere\n- [ ] Pen test\n- [ ] Secrets rotated\n## Operations\n- [x] Runbook\n- [ ] On-call rotation\n- [ ] Dashboards\n";

#[test]
fn deleting_open_work_is_flagged_as_gaming() {
    let after = "# Launch\n## Security\n- [x] TLS everywhere\n## Operations\n- [x] Runbook\n- [ ] On-call rotation\n- [ ] Dashboards (optional)\n";
    let repo = repository(&[BEFORE, after]);
    let (code, report) = diff_json(
        repo.path(),
        &["--fail-on", "gaming", "HEAD~1", "checklists/launch.md"],
    );
    assert_eq!(code, 1, "{report:#}");
    assert_eq!(report["old"]["revision"], "HEAD~1:checklists/launch.md");
    assert_eq!(report["new"]["revision"], "checklists/launch.md");
    assert_eq!(
        kinds(&report),
        ["removed", "removed", "made-optional"],
        "{report:#}"
    );
    assert_adds_up(&report);
    assert!(report["change"].as_f64().expect("change") > 40.0);
    assert_eq!(report["gaming"]["flagged"], true);
    assert_eq!(report["gaming"]["edits"], serde_json::json!([0, 1, 2]));
    let removed = &report["edits"][0];
    assert_eq!(removed["old"]["title"], "Pen test");
    assert_eq!(removed["old"]["line"], 4);
    assert!(removed["new"].is_null());

    // The table names the edits; without --fail-on the exit code is 0.
    let (code, stdout, _) = run_in(repo.path(), &["diff", "HEAD~1", "checklists/launch.md"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("gaming: the score moved +"), "{stdout}");
    assert!(
        stdout.contains("removed               \"Pen test\" (Security, line 4)"),
        "{stdout}"
    );
}

#[test]
fn work_done_is_not_gaming_and_moves_and_rewordings_keep_their_identity() {
    // Pen test ticked; Dashboards moved to Security; the runbook reworded; order shuffled.
    let after = "# Launch\n## Security\n- [ ] Secrets rotated\n- [x] Pen test\n- [x] TLS everywhere\n- [ ] Dashboards\n## Operations\n- [ ] On-call rotation\n- [x] Runbook written\n";
    let repo = repository(&[BEFORE, after]);
    let (code, report) = diff_json(
        repo.path(),
        &["--fail-on", "gaming", "main~1:", "checklists/launch.md"],
    );
    assert_eq!(code, 0, "{report:#}");
    let mut found = kinds(&report);
    found.sort();
    assert_eq!(found, ["moved", "reworded", "ticked"], "{report:#}");
    assert_eq!(report["gaming"]["flagged"], false);
    assert_adds_up(&report);
    let ticked = report["edits"]
        .as_array()
        .expect("edits")
        .iter()
        .find(|e| e["kind"] == "ticked")
        .expect("ticked");
    assert_eq!(
        (&ticked["old"]["line"], &ticked["new"]["line"]),
        (&4.into(), &4.into())
    );
    assert!(ticked["contribution"].as_f64().expect("points") > 0.0);
}

#[test]
fn a_lower_threshold_that_turns_the_verdict_is_gaming() {
    let repo = repository(&[BEFORE]);
    write(
        repo.path(),
        "checklists/ready.yaml",
        "policy:\n  threshold: 90\n",
    );
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "policy"]);
    let done = "# Launch\n## Security\n- [x] TLS everywhere\n- [x] Pen test\n- [x] Secrets rotated\n## Operations\n- [x] Runbook\n- [x] On-call rotation\n- [ ] Dashboards\n";
    write(repo.path(), "checklists/launch.md", done);
    write(
        repo.path(),
        "checklists/ready.yaml",
        "policy:\n  threshold: 80\n",
    );
    let (_, report) = diff_json(repo.path(), &["HEAD", "checklists/launch.md"]);
    let found = kinds(&report);
    assert!(
        found.contains(&"threshold-lowered".to_owned()),
        "{report:#}"
    );
    // Boxes were ticked too, so the rise is explained by work: not gaming.
    assert_eq!(report["gaming"]["flagged"], false, "{report:#}");

    // The same threshold change with nothing else: the verdict rises on policy alone.
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "work"]);
    write(
        repo.path(),
        "checklists/ready.yaml",
        "policy:\n  threshold: 30\n",
    );
    write(repo.path(), "checklists/launch.md", BEFORE);
    git(repo.path(), &["add", "-A"]);
    git(
        repo.path(),
        &["commit", "-q", "-m", "undo the work, lower the bar"],
    );
    let (_, report) = diff_json(repo.path(), &["HEAD~2", "HEAD:checklists/launch.md"]);
    assert_eq!(report["old"]["verdict"], "no-go");
    assert_eq!(report["new"]["verdict"], "go", "{report:#}");
    assert_eq!(kinds(&report), ["threshold-lowered"]);
    assert_eq!(report["gaming"]["flagged"], true);
}

#[test]
fn two_files_and_markdown_for_a_pull_request() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "old.md", BEFORE);
    write(
        dir.path(),
        "new.md",
        BEFORE.replace("- [ ] Pen test", "- [x] Pen test"),
    );
    let (code, stdout, _) = run_in(
        dir.path(),
        &["diff", "--format", "markdown", "old.md", "new.md"],
    );
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("### Readiness: 33.33% → 50.00% (+16.67), NO-GO → NO-GO"),
        "{stdout}"
    );
    assert!(
        stdout.contains("| +16.67 | ticked | \"Pen test\" (Security, line 4): open → done |"),
        "{stdout}"
    );
}

#[test]
fn a_shallow_clone_is_told_to_fetch_more_history() {
    let repo = repository(&[
        BEFORE,
        BEFORE.replace("- [ ] Pen test", "- [x] Pen test").as_str(),
    ]);
    let clone = tempfile::tempdir().expect("tempdir");
    let url = format!("file://{}", repo.path().display());
    git(
        clone.path(),
        &["clone", "-q", "--depth", "1", &url, "shallow"],
    );
    let shallow = clone.path().join("shallow");
    let (code, _, stderr) = run_in(&shallow, &["diff", "HEAD~1", "checklists/launch.md"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("revision \"HEAD~1\" is not in the repository")
            && stderr.contains("shallow")
            && stderr.contains("git fetch --unshallow")
            && stderr.contains("fetch-depth: 0"),
        "{stderr}"
    );
    let (code, _, stderr) = run_in(&shallow, &["diff", "HEAD", "checklists/missing.md"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("checklists/missing.md does not exist at HEAD"),
        "{stderr}"
    );
}

#[test]
fn weights_waivers_bindings_priorities_and_signoffs_are_edits_too() {
    let before = "# Launch\n## Reliability\n- [x] Health endpoint answers <!-- probe: health -->\n- [ ] Load test\n- [ ] Chaos test\n## Operations\n- [x] Runbook\n- [ ] Dashboards\n## Must Have\n- [ ] Load test\n## Scoring\n| Category | Weight |\n|---|---|\n| Reliability | 50 |\n| Operations | 50 |\n## Sign-off\n- [ ] SRE Lead\n";
    let repo = repository(&[before]);
    write(
        repo.path(),
        "checklists/probes.yaml",
        "probes:\n  - id: health\n    http: { url: \"http://127.0.0.1:9/health\" }\n",
    );
    let (code, _, stderr) = run_in(
        repo.path(),
        &[
            "signoff",
            "sign",
            "--role",
            "SRE Lead",
            "--name",
            "Ana",
            "checklists/launch.md",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "signed"]);
    // Reliability weighs less, the load test is only a should-have now, the health check lost
    // its probe, a waiver arrived, and the change to the scored content voids the sign-off.
    let after = before
        .replace(" <!-- probe: health -->", "")
        .replace(
            "## Must Have\n- [ ] Load test\n",
            "## Should Have\n- [ ] Load test\n",
        )
        .replace("| Reliability | 50 |", "| Reliability | 20 |");
    write(repo.path(), "checklists/launch.md", after);
    write(
        repo.path(),
        "checklists/ready.yaml",
        "waivers:\n  - item: Dashboards\n    reason: later\n    approved_by: CTO\n    expires: 2026-12-31\n",
    );
    let (_, report) = diff_json(repo.path(), &["HEAD", "checklists/launch.md"]);
    let found = kinds(&report);
    for kind in [
        "re-weighted",
        "priority-lowered",
        "probe-binding-removed",
        "waiver-added",
        "signoff-invalidated",
    ] {
        assert!(
            found.contains(&kind.to_owned()),
            "{kind} missing: {report:#}"
        );
    }
    assert_adds_up(&report);
    // Re-weighting towards the better category raised the score with no work done.
    assert_eq!(report["gaming"]["flagged"], true, "{report:#}");
}

#[test]
fn an_item_reworded_entirely_keeps_its_identity_through_its_probe() {
    let before = "# Launch\n## Reliability\n- [x] Health endpoint answers <!-- probe: health -->\n- [ ] Load test\n";
    let after = "# Launch\n## Reliability\n- [x] Liveness check green on every pod <!-- probe: health -->\n- [ ] Load test\n";
    let repo = repository(&[before, after]);
    let (_, report) = diff_json(repo.path(), &["HEAD~1", "checklists/launch.md"]);
    assert_eq!(kinds(&report), ["reworded"], "{report:#}");
}

/// A git that never finishes (a repository on a disk or network mount that hangs) ends `diff`
/// and `history --git` with exit 2 and an error naming the command once `--git-timeout` has
/// passed, and is killed and reaped rather than left behind.
#[test]
fn a_git_that_hangs_ends_diff_and_history_with_an_error() {
    let dir = repository(&["# Launch\n- [ ] Backups\n", "# Launch\n- [x] Backups\n"]);
    let bin = tempfile::tempdir().expect("bin dir");
    let (path, pid_file) = hanging_git(bin.path());
    for args in [
        &["diff", "HEAD~1", "checklists/launch.md"][..],
        &["history", "--git", "checklists/launch.md"][..],
    ] {
        let started = std::time::Instant::now();
        let output = ready()
            .current_dir(dir.path())
            .env("PATH", &path)
            .args(args)
            .args(["--git-timeout", "1s"])
            .timeout(std::time::Duration::from_secs(30))
            .output()
            .expect("ran");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("git rev-parse did not finish within 1 s"),
            "{args:?}: {stderr}"
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "{args:?} waited {:?}",
            started.elapsed()
        );
        assert!(
            is_gone(&pid_file),
            "{args:?}: the git that did not finish was killed and reaped"
        );
    }
    // The environment sets the limit too, and a bad value is a usage error.
    let output = ready()
        .current_dir(dir.path())
        .env("PATH", &path)
        .env("READY_GIT_TIMEOUT", "1s")
        .args(["diff", "HEAD~1", "checklists/launch.md"])
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .expect("ran");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("within 1 s"));
    let (code, _, stderr) = run_in(
        dir.path(),
        &[
            "diff",
            "--git-timeout",
            "soon",
            "HEAD~1",
            "checklists/launch.md",
        ],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("--git-timeout"), "{stderr}");
}
