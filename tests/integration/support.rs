//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The `ready` binary with an environment that does not leak from the developer's shell.
pub(crate) fn ready() -> Command {
    let mut command = Command::cargo_bin("ready").expect("binary built");
    for name in [
        "NO_COLOR",
        "CI",
        "GITHUB_ACTIONS",
        "GITHUB_STEP_SUMMARY",
        "CLICOLOR_FORCE",
        "SOURCE_DATE_EPOCH",
    ] {
        command.env_remove(name);
    }
    command.current_dir(root());
    command
}

pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture path relative to the repository root, as a user would type it.
pub(crate) fn fixture(path: &str) -> String {
    format!("tests/fixtures/{path}")
}

/// Runs `ready` with the given arguments and returns (exit code, stdout, stderr).
pub(crate) fn run(args: &[&str]) -> (i32, String, String) {
    run_in(&root(), args)
}

pub(crate) fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = ready().current_dir(dir).args(args).output().expect("ran");
    (
        output.status.code().expect("exited"),
        String::from_utf8(output.stdout).expect("utf-8 stdout"),
        String::from_utf8(output.stderr).expect("utf-8 stderr"),
    )
}

/// `ready check --format json` on the given paths: (exit code, parsed report).
pub(crate) fn check_json(args: &[&str]) -> (i32, Value) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = run(&all);
    assert!(code == 0 || code == 1, "exit {code}: {stderr}");
    (
        code,
        serde_json::from_str(&stdout).expect("valid JSON report"),
    )
}

pub(crate) fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&path, contents).expect("write fixture");
    path
}

pub(crate) fn strings(value: &Value, key: &str) -> Vec<String> {
    value
        .as_array()
        .expect("array")
        .iter()
        .map(|v| v[key].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Standard base64, padded: what a leaked secret would look like encoded, and PEM bodies.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Runs git in `dir` with a fixed author, as the tests that build repositories need.
pub(crate) fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// Starts `count` runs of `ready` with the same arguments at once in `dir`, output discarded,
/// and waits for them all.
pub(crate) fn run_concurrently(dir: &Path, count: usize, args: &[&str]) {
    let runs: Vec<std::process::Child> = (0..count)
        .map(|_| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("ready"))
                .current_dir(dir)
                .args(args)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("ready runs")
        })
        .collect();
    for mut run in runs {
        run.wait().expect("run ends");
    }
}

/// Debian's Chromium, headless, on a local page: what it prints (`--dump-dom`) or writes
/// (`--screenshot=…`), with a throw-away profile and nothing fetched from the network.
pub(crate) fn chromium(page: &Path, extra: &[&str]) -> String {
    let chromium = Path::new("/usr/bin/chromium");
    assert!(
        chromium.exists(),
        "Debian's chromium is needed for this test; scripts/test.sh installs it"
    );
    let profile = tempfile::tempdir().expect("profile dir");
    let output = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium ran");
    assert!(
        output.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A `git` that writes its process id to `git.pid` in `dir` and then never finishes (a
/// repository on a disk or network mount that hangs), and the `PATH` that finds it first.
pub(crate) fn hanging_git(dir: &Path) -> (String, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).expect("bin dir");
    let pid_file = dir.join("git.pid");
    let git = write(
        &bin,
        "git",
        format!(
            "#!/bin/sh\necho $$ > {}\nexec sleep 60\n",
            pid_file.display()
        ),
    );
    std::fs::set_permissions(&git, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    (path, pid_file)
}

/// Whether the process whose id `pid_file` holds is gone (killed and reaped).
pub(crate) fn is_gone(pid_file: &Path) -> bool {
    let pid = std::fs::read_to_string(pid_file).expect("the process was started");
    !Path::new(&format!("/proc/{}", pid.trim())).exists()
}
