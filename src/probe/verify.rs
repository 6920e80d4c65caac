//! The contract every probe kind fulfils, and the small helpers several kinds share.

use std::future::Future;
use std::time::Duration;

use crate::model::Outcome;
use crate::probe::redact;
use crate::probe::values;

/// What a probe saw when its check held.
pub(crate) type Seen = Result<String, Failed>;

/// What a probe saw when its check did not hold, or could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failed {
    /// [`Outcome::Fail`] or [`Outcome::Error`].
    pub(crate) outcome: Outcome,
    pub(crate) message: String,
}

impl Failed {
    /// The check ran and what it saw does not hold.
    pub(crate) fn fail(message: impl Into<String>) -> Failed {
        Failed {
            outcome: Outcome::Fail,
            message: message.into(),
        }
    }

    /// The check could not be made at all.
    pub(crate) fn error(message: impl Into<String>) -> Failed {
        Failed {
            outcome: Outcome::Error,
            message: message.into(),
        }
    }
}

/// One probe kind. Implementations only observe: they never write to what they check.
pub(crate) trait Verify {
    /// What the probe looks at, safe to print (passwords masked).
    fn target(&self) -> String;
    /// One attempt. Timeouts and retries are the engine's job.
    fn verify(&self) -> impl Future<Output = Seen> + Send;
}

/// The innermost cause of an error chain, which is usually the one a person needs
/// ("Connection refused (os error 111)") rather than the wrapper ("error sending request").
pub(crate) fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut current = error;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

/// Parses a service URL with one of `schemes`, remembering its password as a secret.
pub(crate) fn service_url(
    text: &str,
    schemes: &[&str],
    secrets: &mut redact::Secrets,
) -> Result<url::Url, String> {
    let url = url::Url::parse(text).map_err(|e| {
        format!(
            "url {:?} is not a valid URL ({e})",
            redact::scrub_url_text(text)
        )
    })?;
    secrets.add_url(&url);
    if !schemes.contains(&url.scheme()) {
        return Err(format!(
            "url {} should start with {}",
            redact::url(&url),
            schemes
                .iter()
                .map(|s| format!("{s}://"))
                .collect::<Vec<_>>()
                .join(" or ")
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("url {} names no host", redact::url(&url)));
    }
    Ok(url)
}

/// Checks a measured latency against an optional limit.
pub(crate) fn within(latency: Duration, max: Option<Duration>, seen: String) -> Seen {
    match max {
        Some(max) if latency > max => Err(Failed::fail(format!(
            "{seen}, slower than max_latency {}",
            values::show_duration(max)
        ))),
        _ => Ok(seen),
    }
}
