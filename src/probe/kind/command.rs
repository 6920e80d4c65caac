//! `command`: a program exits as expected. Runs only with `--allow-exec`, never through a
//! shell: a checklist arriving in a pull request must not be able to run code in CI. The
//! program gets a clean environment (`PATH` and the variables the probe lists in `env:`), and
//! at most 1 MiB of each of its outputs is kept, however much it writes.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde::Deserialize;
use tokio::io::{AsyncRead, AsyncReadExt};

use crate::probe::prepare::Prepare;
use crate::probe::redact;
use crate::probe::values::{self, Dur, Text};
use crate::probe::verify::{Failed, Seen, Verify};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Spec {
    /// The program and its arguments, as a list; no shell is involved.
    pub(crate) argv: Vec<Text>,
    #[serde(default)]
    pub(crate) expect_exit: Option<i32>,
    #[serde(default)]
    pub(crate) stdout_contains: Option<Text>,
    /// Overrides the probe's timeout; the program is killed when it runs out.
    #[serde(default)]
    pub(crate) timeout: Option<Dur>,
    /// The program's environment besides `PATH`: `{ PGHOST: db, PGPASSWORD: "${PGPASSWORD}" }`.
    #[serde(default)]
    pub(crate) env: BTreeMap<String, Text>,
}

/// Output kept from each of a program's streams; the rest is read and dropped, so a program
/// that floods its output neither fills memory nor blocks on a full pipe.
const MAX_OUTPUT: u64 = 1024 * 1024;

#[derive(Debug)]
pub(crate) struct Command {
    argv: Vec<String>,
    dir: PathBuf,
    expect_exit: i32,
    stdout_contains: Option<String>,
    pub(crate) timeout: Option<Duration>,
    env: BTreeMap<String, String>,
}

impl Command {
    pub(crate) fn prepare(spec: Spec, cx: &mut Prepare<'_>) -> Result<Command, String> {
        if spec.argv.first().is_none_or(|p| p.as_str().is_empty()) {
            return Err("argv must name a program: expected a list such as [\"pg_isready\", \"-h\", \"db\"]".into());
        }
        for (name, value) in &spec.env {
            if redact::secret_header(name) {
                cx.secrets.add(value.as_str());
            }
        }
        let mut env: BTreeMap<String, String> =
            spec.env.into_iter().map(|(k, v)| (k, v.0)).collect();
        if !env.contains_key("PATH")
            && let Some(path) = values::environment_var("PATH")
        {
            env.insert("PATH".into(), path);
        }
        Ok(Command {
            env,
            argv: spec.argv.into_iter().map(|t| t.0).collect(),
            dir: cx.base.to_owned(),
            expect_exit: spec.expect_exit.unwrap_or(0),
            stdout_contains: spec.stdout_contains.map(|t| t.0),
            timeout: spec.timeout.map(|d| d.0),
        })
    }
}

/// What a program wrote (up to [`MAX_OUTPUT`] of each stream) and how it ended.
struct Output {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    status: std::process::ExitStatus,
}

/// Reads a stream to its end, keeping its first [`MAX_OUTPUT`] bytes.
async fn capped(stream: Option<impl AsyncRead + Unpin>) -> Vec<u8> {
    let Some(mut stream) = stream else {
        return Vec::new();
    };
    let mut kept = Vec::new();
    let _ = (&mut stream).take(MAX_OUTPUT).read_to_end(&mut kept).await;
    let _ = tokio::io::copy(&mut stream, &mut tokio::io::sink()).await;
    kept
}

/// The last line of some output, shortened, for evidence messages.
fn last_line(output: &[u8]) -> String {
    let text = String::from_utf8_lossy(output);
    let line = text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    if line.chars().count() > 160 {
        format!("{}…", line.chars().take(160).collect::<String>())
    } else {
        line.to_owned()
    }
}

impl Verify for Command {
    fn target(&self) -> String {
        self.argv.join(" ")
    }

    async fn verify(&self) -> Seen {
        let start = Instant::now();
        let dir = if self.dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            self.dir.clone()
        };
        let mut command = tokio::process::Command::new(&self.argv[0]);
        command
            .args(&self.argv[1..])
            .current_dir(dir)
            // Only what the probe file gives: ready's own environment may hold CI secrets.
            .env_clear()
            .envs(&self.env)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // A timed-out probe drops this future; the program must not outlive it.
            .kill_on_drop(true);
        let mut child = command
            .spawn()
            .map_err(|e| Failed::fail(format!("cannot run {}: {e}", self.argv[0])))?;
        let (stdout, stderr) = (child.stdout.take(), child.stderr.take());
        let (stdout, stderr, status) = tokio::join!(capped(stdout), capped(stderr), child.wait());
        let status =
            status.map_err(|e| Failed::error(format!("cannot wait for {}: {e}", self.argv[0])))?;
        let output = Output {
            stdout,
            stderr,
            status,
        };
        let elapsed = start.elapsed().as_millis();
        let code = output.status.code();
        let Some(code) = code else {
            return Err(Failed::fail(format!(
                "{} was killed by a signal after {elapsed} ms",
                self.argv[0]
            )));
        };
        if code != self.expect_exit {
            let said = last_line(if output.stderr.is_empty() {
                &output.stdout
            } else {
                &output.stderr
            });
            let said = if said.is_empty() {
                String::new()
            } else {
                format!(": {said}")
            };
            return Err(Failed::fail(format!(
                "exited {code}, expected {}{said}",
                self.expect_exit
            )));
        }
        if let Some(needle) = &self.stdout_contains
            && !String::from_utf8_lossy(&output.stdout).contains(needle.as_str())
        {
            return Err(Failed::fail(format!(
                "exited {code}, but its output does not contain {needle:?}"
            )));
        }
        Ok(format!("exited {code} in {elapsed} ms"))
    }
}
