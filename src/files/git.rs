//! Files as they were at a git revision, through the `git` binary: `ready diff` compares a
//! checklist with an earlier revision of itself without a checkout, and `ready history --git`
//! reads every committed revision of a JSON report.
//!
//! Every git command has a time limit ([`Within`]): git on a repository whose disk or network
//! mount hangs never returns, and `ready` must end with an error saying so rather than hang a
//! CI job until its own timeout.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How long one git command may take in `ready diff` and `ready history --git`
/// (`--git-timeout`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Within(Duration);

impl Within {
    /// The limit asked for, else a minute: `git log` of one path in a large monorepo can take
    /// several seconds, and a hung mount takes for ever.
    pub(crate) fn new(asked: Option<Duration>) -> Self {
        Within(asked.unwrap_or(Duration::from_secs(60)))
    }
}

/// Why a git command gave no output.
enum Failure {
    /// It could not be started, or did not finish in time: nothing git says can fix it.
    Ran(String),
    /// It ran and failed, saying this on its standard error.
    Said(String),
}

impl Failure {
    fn text(self) -> String {
        match self {
            Failure::Ran(text) | Failure::Said(text) => text,
        }
    }
}

/// The repository a path lies in, and the path relative to its root (with `/`).
fn locate(path: &Path, within: Within) -> Result<(PathBuf, String)> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let root = git(dir, &["rev-parse", "--show-toplevel"], within).map_err(|e| match e {
        Failure::Ran(e) => Error::Git {
            what: format!("{}: {e}", path.display()),
            fix: String::new(),
        },
        Failure::Said(e) => Error::Git {
            what: format!("{}: not in a git repository ({e})", path.display()),
            fix: String::new(),
        },
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
pub(crate) fn show(revision: &str, path: &Path, within: Within) -> Result<Option<Vec<u8>>> {
    let (root, relative) = locate(path, within)?;
    let commit = format!("{revision}^{{commit}}");
    let verified = git(
        &root,
        &["rev-parse", "--verify", "--quiet", &commit],
        within,
    );
    if let Err(failure) = verified {
        if let Failure::Ran(e) = failure {
            return Err(Error::Git {
                what: e,
                fix: String::new(),
            });
        }
        let shallow = git(&root, &["rev-parse", "--is-shallow-repository"], within)
            .is_ok_and(|s| s.trim() == "true");
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
    let blob = format!("{revision}:{relative}");
    let (status, stdout, _) =
        run(&root, &["cat-file", "blob", &blob], None, within).map_err(|e| Error::Git {
            what: e,
            fix: "; ready reads revisions with the git binary, which must be on PATH".into(),
        })?;
    Ok(status.success().then_some(stdout))
}

/// git with `args`, to run in `dir`.
fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new("git");
    command.current_dir(dir).args(args);
    command
}

/// Runs git in `dir` and returns its standard output, or why not.
fn git(dir: &Path, args: &[&str], within: Within) -> std::result::Result<String, Failure> {
    let (status, stdout, stderr) = run(dir, args, None, within).map_err(Failure::Ran)?;
    if status.success() {
        Ok(String::from_utf8_lossy(&stdout).into_owned())
    } else {
        Err(Failure::Said(
            String::from_utf8_lossy(&stderr).trim().to_owned(),
        ))
    }
}

/// Runs git in `dir` with `input` on its standard input, and returns how it ended and what it
/// wrote to standard output and standard error. Both are read as git writes them (a full pipe
/// would stall it), and a git still running after `within` is killed and reaped, and its run an
/// error.
fn run(
    dir: &Path,
    args: &[&str],
    input: Option<Vec<u8>>,
    within: Within,
) -> std::result::Result<(ExitStatus, Vec<u8>, Vec<u8>), String> {
    let mut child = command(dir, args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if let (Some(bytes), Some(mut stdin)) = (input, child.stdin.take()) {
        // git reads as it writes; a write that fails means git stopped reading, which its
        // exit status reports.
        std::thread::spawn(move || {
            let _ = stdin.write_all(&bytes);
        });
    }
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let deadline = Instant::now() + within.0;
    let mut pause = Duration::from_millis(1);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            waited => {
                let _ = child.kill();
                let _ = child.wait();
                // Readers of a killed git are left to end with its pipes, not waited for.
                return Err(match waited {
                    Err(e) => format!("cannot wait for git: {e}"),
                    Ok(_) => format!(
                        "git {} did not finish within {} s (allow longer with --git-timeout)",
                        args.first().copied().unwrap_or_default(),
                        within.0.as_secs_f64(),
                    ),
                });
            }
        }
    };
    let collect = |reader: JoinHandle<Vec<u8>>| reader.join().unwrap_or_default();
    Ok((status, collect(stdout), collect(stderr)))
}

/// Reads a pipe to its end on a thread of its own.
fn drain(pipe: Option<impl Read + Send + 'static>) -> JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}

/// The commit checked out in a directory, asked of git as soon as a run knows it will need it
/// and read when the report is written: starting git is a process of its own (about 1.5 ms of
/// a 16 ms `check`), so it can run beside the reading of the checklist rather than after it.
#[derive(Debug)]
pub(crate) struct Head(Option<Child>);

/// How long git may take to name `HEAD` (it takes a few milliseconds) before the report goes
/// without a commit: a repository on a hung network mount must not hold the gate.
const ANSWER_WITHIN: Duration = Duration::from_secs(2);

/// How often a run that has finished its report looks whether git has answered: a short
/// checklist is read before git is done, and a millisecond's step was a fifth of such a run.
/// After [`QUICK_FOR`] git is not answering quickly, and a look every [`SLOW_POLL`] keeps a
/// git that hangs to about two thousand looks instead of twenty thousand.
const QUICK_POLL: Duration = Duration::from_micros(100);
const QUICK_FOR: Duration = Duration::from_millis(5);
const SLOW_POLL: Duration = Duration::from_millis(1);

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
        let start = Instant::now();
        let deadline = start + ANSWER_WITHIN;
        loop {
            match self.0.as_mut()?.try_wait() {
                Ok(Some(_)) => break,
                Ok(None) if Instant::now() < deadline => {
                    let quick = start.elapsed() < QUICK_FOR;
                    std::thread::sleep(if quick { QUICK_POLL } else { SLOW_POLL });
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
/// file's bytes at each (a commit that deleted it has none and is left out). Two git commands
/// however long the history: the log, then every revision of the file through one
/// `git cat-file --batch`.
pub(crate) fn revisions(path: &Path, within: Within) -> Result<Vec<(String, String, Vec<u8>)>> {
    let (root, relative) = locate(path, within)?;
    let cannot_read = |e: String| Error::Git {
        what: format!("cannot read the history of {}: {e}", path.display()),
        fix: String::new(),
    };
    let log = git(
        &root,
        &["log", "--reverse", "--format=%H %cI", "--", &relative],
        within,
    )
    .map_err(|e| cannot_read(e.text()))?;
    let commits: Vec<(&str, &str)> = log.lines().filter_map(|l| l.split_once(' ')).collect();
    let mut wanted = Vec::new();
    for (sha, _) in &commits {
        // Writing to a vector cannot fail.
        let _ = writeln!(wanted, "{sha}:{relative}");
    }
    let (status, batch, stderr) =
        run(&root, &["cat-file", "--batch"], Some(wanted), within).map_err(cannot_read)?;
    if !status.success() {
        return Err(cannot_read(
            String::from_utf8_lossy(&stderr).trim().to_owned(),
        ));
    }
    let blobs = batch_objects(&batch, commits.len())
        .ok_or_else(|| cannot_read("git cat-file --batch answered out of turn".into()))?;
    Ok(commits
        .into_iter()
        .zip(blobs)
        .filter_map(|((sha, time), blob)| Some((sha.to_owned(), time.to_owned(), blob?)))
        .collect())
}

/// The objects `git cat-file --batch` printed for `count` requests, in order: each is a header
/// `<oid> <type> <size>` and that many bytes and a newline, or `<request> missing` (also
/// `ambiguous`) and nothing. `None` when the output does not read so.
fn batch_objects(mut output: &[u8], count: usize) -> Option<Vec<Option<Vec<u8>>>> {
    let mut objects = Vec::with_capacity(count);
    for _ in 0..count {
        let end = output.iter().position(|&b| b == b'\n')?;
        let header = std::str::from_utf8(&output[..end]).ok()?;
        output = &output[end + 1..];
        let fields: Vec<&str> = header.split(' ').collect();
        match fields.as_slice() {
            [_, "blob", size] => {
                let size: usize = size.parse().ok()?;
                let (blob, rest) = output.split_at_checked(size)?;
                output = rest.strip_prefix(b"\n")?;
                objects.push(Some(blob.to_vec()));
            }
            [.., "missing" | "ambiguous"] => objects.push(None),
            // A tree or another kind of object where the path names a directory.
            [_, _, size] => {
                let size: usize = size.parse().ok()?;
                output = output.get(size..)?.strip_prefix(b"\n")?;
                objects.push(None);
            }
            _ => return None,
        }
    }
    output.is_empty().then_some(objects)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `git cat-file --batch` output is read object by object: blobs whose bytes hold newlines
    /// and header-like text, a path missing at a revision, a directory, and output that does
    /// not add up is refused rather than misread.
    #[test]
    fn batch_output_is_read_object_by_object() {
        let output = b"1111 blob 13\nline\n2 blob 0\nabc:out dir/r.json missing\n\
2222 tree 4\nxxxx\n3333 blob 0\n\n";
        assert_eq!(
            batch_objects(output, 4),
            Some(vec![
                Some(b"line\n2 blob 0".to_vec()),
                None,
                None,
                Some(Vec::new()),
            ])
        );
        assert_eq!(batch_objects(output, 3), None, "output left over");
        assert_eq!(batch_objects(output, 5), None, "an object short");
        assert_eq!(batch_objects(b"1111 blob 20\nshort\n", 1), None);
        assert_eq!(batch_objects(b"1111 blob 2\nabX", 1), None);
        assert_eq!(batch_objects(b"HEAD:x ambiguous\n", 1), Some(vec![None]));
    }
}
