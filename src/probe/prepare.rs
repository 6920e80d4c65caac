//! What a probe kind is handed while it validates its options: where relative paths start,
//! where to record secrets, and what probes share (HTTP clients, trust, compiled patterns).

use crate::hash::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use regex::Regex;

use crate::probe::kind::certificates::{SharedTrust, Trust};
use crate::probe::readings::Readings;
use crate::probe::redact::Secrets;
use crate::probe::verify::root_cause;

/// What a kind needs while it validates its options.
#[derive(Debug)]
pub(crate) struct Prepare<'a> {
    /// The probe file's directory: relative paths in a probe file are read against it, so a
    /// probe file means the same thing whichever directory `ready` runs from.
    pub(crate) base: &'a Path,
    pub(crate) secrets: &'a mut Secrets,
    pub(crate) shared: &'a mut Shared,
}

impl Prepare<'_> {
    pub(crate) fn path(&self, written: &str) -> PathBuf {
        self.base.join(written)
    }
}

/// What every probe of a run shares with the others that ask for the same thing, so that a
/// fleet costs what its distinct settings cost: HTTP clients (connections pooled across probes:
/// a thousand probes to one service reuse a handful of connections), trust (the platform's roots
/// loaded at most once for each setting), and compiled patterns (10,000 probes with the same
/// `body_regex` compiled it 10,000 times, and held 10,000 copies: 393 MiB), and what artifact
/// probes read from their files.
#[derive(Debug, Default)]
pub(crate) struct Shared {
    by_trust: HashMap<Trust, reqwest::Client>,
    trusts: HashMap<Trust, SharedTrust>,
    patterns: HashMap<String, Arc<Regex>>,
    readings: Arc<Readings>,
}

impl Shared {
    /// What artifact probes read from their files, shared by every probe of the run.
    pub(crate) fn readings(&self) -> Arc<Readings> {
        Arc::clone(&self.readings)
    }

    /// The trust every probe with these settings shares.
    pub(crate) fn trust(&mut self, trust: Trust) -> SharedTrust {
        self.trusts
            .entry(trust)
            .or_insert_with_key(|trust| SharedTrust::new(trust.clone()))
            .clone()
    }

    /// The trust of probes that will speak TLS whatever happens (`tls`, an `https://` URL), set
    /// up now: the roots are loaded on the main thread while the probe file is read, not by the
    /// first handshake on a runtime worker in the middle of the run.
    pub(crate) fn trust_now(&mut self, trust: Trust) -> SharedTrust {
        let shared = self.trust(trust);
        // Kept, failure or not: a failure is reported when a certificate must be judged.
        let _ = shared.verifier();
        shared
    }

    /// `pattern` compiled, once for all probes that write it. Shared behind an `Arc`, not
    /// cloned: each clone of a `Regex` grows its own search caches (about 15 KB once used).
    pub(crate) fn regex(&mut self, pattern: &str) -> Result<Arc<Regex>, regex::Error> {
        if let Some(regex) = self.patterns.get(pattern) {
            return Ok(Arc::clone(regex));
        }
        let regex = Arc::new(Regex::new(pattern)?);
        self.patterns.insert(pattern.to_owned(), Arc::clone(&regex));
        Ok(regex)
    }

    /// The HTTP client every probe with these trust settings shares.
    pub(crate) fn client(&mut self, trust: Trust) -> Result<reqwest::Client, String> {
        if let Some(client) = self.by_trust.get(&trust) {
            return Ok(client.clone());
        }
        let client = reqwest::Client::builder()
            .use_preconfigured_tls(self.trust(trust.clone()).client_config())
            .tls_info(true)
            // A probe checks the endpoint itself, not whatever proxy the environment names.
            .no_proxy()
            // Redirects are followed by the kinds themselves, hop by hop, so that credentials
            // never reach another origin (see the `http` kind); and no Referer is ever sent.
            .redirect(reqwest::redirect::Policy::none())
            .referer(false)
            .user_agent(concat!("ready/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("cannot set up the HTTP client: {}", root_cause(&e)))?;
        self.by_trust.insert(trust, client.clone());
        Ok(client)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probes_with_the_same_trust_share_one_verifier() {
        let dir = tempfile::tempdir().expect("temp dir");
        let ca = dir.path().join("ca.pem");
        let certified =
            rcgen::generate_simple_self_signed(vec!["svc.test".into()]).expect("a certificate");
        std::fs::write(&ca, certified.cert.pem()).expect("ca file");
        let mut shared = Shared::default();
        let first = shared.trust(Trust::new(Some(ca.clone()), false));
        let second = shared.trust(Trust::new(Some(ca.clone()), false));
        let insecure = shared.trust(Trust::new(Some(ca), true));
        let one = first.verifier().expect("trusted").expect("checks");
        let two = second.verifier().expect("trusted").expect("checks");
        assert!(Arc::ptr_eq(&one, &two), "the roots were loaded twice");
        assert!(insecure.verifier().expect("no trust to load").is_none());
    }

    #[test]
    fn probes_with_the_same_pattern_share_one_compiled_regex() {
        let mut shared = Shared::default();
        let one = shared.regex(r#""status":\s*"ok""#).expect("valid");
        let two = shared.regex(r#""status":\s*"ok""#).expect("valid");
        let other = shared.regex("up").expect("valid");
        assert!(Arc::ptr_eq(&one, &two), "compiled twice");
        assert!(!Arc::ptr_eq(&one, &other));
        assert!(one.is_match(r#"{"status": "ok"}"#));
        assert!(shared.regex("(unclosed").is_err());
    }
}
