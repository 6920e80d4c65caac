//! Running probes: concurrently up to a bound, each attempt under a timeout, failures retried
//! with backoff, the whole run under an optional deadline. Results come back in the order the
//! probes were defined, whatever order they finished in, so reports are reproducible.

use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use crate::error::{Error, Result};
use crate::model::{Evidence, Outcome};
use crate::probe::lanes;
use crate::probe::redact::Secrets;
use crate::probe::values::show_duration;
use crate::probe::{DEFAULT_TIMEOUT, Probe};

/// Probes in flight at once unless `--concurrency` says otherwise: enough to finish a large
/// probe file quickly, few enough not to look like an attack on a small service.
pub const DEFAULT_CONCURRENCY: usize = 32;

/// First pause before a retry; it doubles each time, up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(200);
const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// How a probe run goes: how many at once, how long each may take, and whether command
/// probes may run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Probes in flight at once.
    pub concurrency: usize,
    /// Per-attempt timeout for probes that do not set their own.
    pub timeout: Duration,
    /// The whole run must end by then; probes not finished are reported as timed out.
    pub deadline: Option<Duration>,
    /// Run `command` probes (otherwise they are skipped, and say so).
    pub allow_exec: bool,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            concurrency: DEFAULT_CONCURRENCY,
            timeout: DEFAULT_TIMEOUT,
            deadline: None,
            allow_exec: false,
        }
    }
}

/// Runs every probe and returns one piece of evidence per probe, in `probes` order.
/// `progress` is called as each probe finishes, in finishing order.
pub(crate) fn run(
    probes: &[Arc<Probe>],
    secrets: &Secrets,
    options: &RunOptions,
    mut progress: impl FnMut(&Evidence),
) -> Result<Vec<Evidence>> {
    // sqlx and redis pick the process-wide provider; ready uses ring everywhere.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(Error::Runtime)?;
    let results = runtime.block_on(run_all(probes, secrets, options, &mut progress));
    // Every probe has ended; what is left is idle connections and any blocking work a timed-out
    // probe left behind (a hung network mount). Neither is waited for: the workers close the
    // connections while the report is written (waiting for them took 2-3 ms of 10,000 probes).
    runtime.shutdown_background();
    Ok(results)
}

async fn run_all(
    probes: &[Arc<Probe>],
    secrets: &Secrets,
    options: &RunOptions,
    progress: &mut impl FnMut(&Evidence),
) -> Vec<Evidence> {
    let deadline = options.deadline.map(|d| Instant::now() + d);
    let mut results: Vec<Option<Evidence>> = vec![None; probes.len()];
    let shared: Arc<[Arc<Probe>]> = probes.into();
    let lane_options = options.clone();
    lanes::run(
        probes.len(),
        options.concurrency,
        move |index| {
            let (probe, options) = (Arc::clone(&shared[index]), lane_options.clone());
            async move { run_one(&probe, &options, deadline).await }
        },
        |index, result| {
            let evidence = scrubbed(result.unwrap_or_else(|| crashed(&probes[index])), secrets);
            progress(&evidence);
            results[index] = Some(evidence);
        },
    )
    .await;
    // Every index is reported; a probe without a result would only mean a lane lost.
    probes
        .iter()
        .zip(results)
        .map(|(probe, result)| result.unwrap_or_else(|| scrubbed(crashed(probe), secrets)))
        .collect()
}

/// What a probe whose code panicked leaves: an error, not a silent gap in the report.
fn crashed(probe: &Probe) -> Evidence {
    evidence(
        probe,
        Outcome::Error,
        0,
        Duration::ZERO,
        "the probe crashed".into(),
    )
}

fn scrubbed(mut evidence: Evidence, secrets: &Secrets) -> Evidence {
    evidence.message = secrets.scrub(std::mem::take(&mut evidence.message));
    evidence.target = secrets.scrub(std::mem::take(&mut evidence.target));
    evidence
}

fn evidence(
    probe: &Probe,
    outcome: Outcome,
    attempts: u32,
    elapsed: Duration,
    message: String,
) -> Evidence {
    Evidence {
        id: probe.id.clone(),
        kind: probe.kind.name().to_owned(),
        target: probe.kind.target(),
        outcome,
        attempts,
        duration_ms: u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX),
        message,
        span: probe.span.clone(),
    }
}

/// One probe with its retries.
async fn run_one(probe: &Probe, options: &RunOptions, deadline: Option<Instant>) -> Evidence {
    if probe.kind.runs_code() && !options.allow_exec {
        return evidence(
            probe,
            Outcome::Skipped,
            0,
            Duration::ZERO,
            "command probes run only with --allow-exec".into(),
        );
    }
    let timeout = probe
        .timeout
        .or_else(|| probe.kind.own_timeout())
        .unwrap_or(options.timeout);
    let start = Instant::now();
    let tries = probe.retries.saturating_add(1);
    let mut first_failure: Option<String> = None;
    let mut attempt = 0;
    loop {
        attempt += 1;
        let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        if left == Some(Duration::ZERO) {
            return evidence(
                probe,
                Outcome::Timeout,
                attempt - 1,
                start.elapsed(),
                match first_failure {
                    Some(failure) => {
                        format!("the run deadline passed while retrying; last attempt: {failure}")
                    }
                    None => "the run deadline passed before the probe could run".into(),
                },
            );
        }
        let limit = left.map_or(timeout, |left| left.min(timeout));
        let (outcome, message) = match tokio::time::timeout(limit, probe.kind.verify()).await {
            Ok(Ok(seen)) => (Outcome::Pass, seen),
            Ok(Err(failed)) => (failed.outcome, failed.message),
            Err(_) if limit < timeout => (
                Outcome::Timeout,
                format!(
                    "the run deadline passed after {}",
                    show_duration(start.elapsed())
                ),
            ),
            Err(_) => (
                Outcome::Timeout,
                format!("no answer within the timeout of {}", show_duration(timeout)),
            ),
        };
        if outcome == Outcome::Pass {
            let message = match first_failure {
                Some(failure) => format!(
                    "{message} (passed on attempt {attempt} of {tries}; attempt 1: {failure})"
                ),
                None => message,
            };
            return evidence(probe, outcome, attempt, start.elapsed(), message);
        }
        if attempt >= tries {
            let message = if tries > 1 {
                format!("{message} (all {tries} attempts failed)")
            } else {
                message
            };
            return evidence(probe, outcome, attempt, start.elapsed(), message);
        }
        first_failure.get_or_insert(message);
        let pause = FIRST_BACKOFF
            .saturating_mul(1 << (attempt - 1).min(16))
            .min(MAX_BACKOFF);
        let pause = deadline.map_or(pause, |d| {
            pause.min(d.saturating_duration_since(Instant::now()))
        });
        tokio::time::sleep(pause).await;
    }
}
