//! Files as they were at a git revision, through the `git` binary: `ready diff` compares a
//! checklist with an earlier revision of itself without a checkout.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// The repository a path lies in, and the path relative to its root (with `/`).
fn locate(path: &Path) -> Result<(PathBuf, String)> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let root = git(dir, &["rev-parse", "--show-toplevel"]).map_err(|e| Error::Git {
        what: format!("{}: not in a git repository ({e})", path.display()),
        fix: String::new(),
    })?;
    let root = PathBuf::from(root.trim());
    let absolute = std::fs::canonicalize(dir)
        .unwrap_or_else(|_| dir.to_owned())
        .join(path.file_name().unwrap_or_default());
    let root_real = std::fs::canonicalize(&root).unwrap_or(root.clone());
    let relative = absolute
        .strip_prefix(&root_real)
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .map_err(|_| Error::Git {
            what: format!(
                "{}: outside the repository at {}",
                path.display(),
                root.display()
            ),
            fix: String::new(),
        })?;
    Ok((root, relative))
}

/// The bytes of `path` (a path in the working tree, which need not exist there) at `revision`,
/// or `None` when the revision has no such file. An unknown revision is an error; in a shallow
/// clone the error says to fetch more history.
pub(crate) fn show(revision: &str, path: &Path) -> Result<Option<Vec<u8>>> {
    let (root, relative) = locate(path)?;
    let commit = format!("{revision}^{{commit}}");
    if git(&root, &["rev-parse", "--verify", "--quiet", &commit]).is_err() {
        let shallow =
            git(&root, &["rev-parse", "--is-shallow-repository"]).is_ok_and(|s| s.trim() == "true");
        return Err(Error::Git {
            what: format!(
                "revision {revision:?} is not in the repository at {}",
                root.display()
            ),
            fix: if shallow {
                "; this clone is shallow, so older commits are missing: fetch them with \
                 `git fetch --unshallow` (or `git fetch origin main` for a branch; on GitHub \
                 Actions, `actions/checkout` with `fetch-depth: 0`)"
                    .to_owned()
            } else {
                "; expected a commit, branch or tag, such as HEAD~1 or main".to_owned()
            },
        });
    }
    let output = command(
        &root,
        &["cat-file", "blob", &format!("{revision}:{relative}")],
    )
    .output()
    .map_err(|e| Error::Git {
        what: format!("cannot run git: {e}"),
        fix: "; ready diff reads revisions with the git binary, which must be on PATH".into(),
    })?;
    Ok(output.status.success().then_some(output.stdout))
}

/// git with `args`, to run in `dir`.
fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new("git");
    command.current_dir(dir).args(args);
    command
}

/// Runs git in `dir` and returns its standard output, or its error output.
fn git(dir: &Path, args: &[&str]) -> std::result::Result<String, String> {
    let output = command(dir, args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
    }
}

/// The commit checked out in a directory, asked of git as soon as a run knows it will need it
/// and read when the report is written: starting git is a process of its own (about 1.5 ms of
/// a 16 ms `check`), so it can run beside the reading of the checklist rather than after it.
#[derive(Debug)]
pub(crate) struct Head(Option<Child>);

/// How long git may take to name `HEAD` (it takes a few milliseconds) before the report goes
/// without a commit: a repository on a hung network mount must not hold the gate.
const ANSWER_WITHIN: Duration = Duration::from_secs(2);

impl Head {
    /// Starts `git rev-parse HEAD` in `dir`; no git, or no repository, is no commit.
    pub(crate) fn ask(dir: &Path) -> Head {
        Head(
            command(dir, &["rev-parse", "--verify", "--quiet", "HEAD"])
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .ok(),
        )
    }

    /// The commit, if `dir` is in a git repository with one checked out and git names it
    /// within [`ANSWER_WITHIN`].
    pub(crate) fn answer(mut self) -> Option<String> {
        let deadline = Instant::now() + ANSWER_WITHIN;
        loop {
            match self.0.as_mut()?.try_wait() {
                Ok(Some(_)) => break,
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(1));
                }
                // Late, or not to be waited for: dropping `self` kills and reaps it.
                _ => return None,
            }
        }
        let output = self.0.take()?.wait_with_output().ok()?;
        let commit = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        (output.status.success() && !commit.is_empty()).then_some(commit)
    }
}

impl Drop for Head {
    /// A run that fails before its report, or a git that did not answer in time, is killed and
    /// reaped rather than left behind.
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The commits that changed `path`, oldest first, with their commit times (RFC 3339), and the
/// file's bytes at each.
pub(crate) fn revisions(path: &Path) -> Result<Vec<(String, String, Vec<u8>)>> {
    let (root, relative) = locate(path)?;
    let log = git(
        &root,
        &["log", "--reverse", "--format=%H %cI", "--", &relative],
    )
    .map_err(|e| Error::Git {
        what: format!("cannot read the history of {}: {e}", path.display()),
        fix: String::new(),
    })?;
    let mut out = Vec::new();
    for line in log.lines() {
        let Some((sha, time)) = line.split_once(' ') else {
            continue;
        };
        if let Some(bytes) = show(sha, path)? {
            out.push((sha.to_owned(), time.to_owned(), bytes));
        }
    }
    Ok(out)
}
