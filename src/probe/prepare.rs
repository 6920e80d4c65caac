//! What a probe kind is handed while it validates its options: where relative paths start,
//! where to record secrets, and the HTTP clients shared across probes.

use crate::hash::HashMap;
use std::path::{Path, PathBuf};

use crate::probe::kind::certificates::{SharedTrust, Trust};
use crate::probe::redact::Secrets;
use crate::probe::verify::root_cause;

/// What a kind needs while it validates its options.
#[derive(Debug)]
pub(crate) struct Prepare<'a> {
    /// The probe file's directory: relative paths in a probe file are read against it, so a
    /// probe file means the same thing whichever directory `ready` runs from.
    pub(crate) base: &'a Path,
    pub(crate) secrets: &'a mut Secrets,
    pub(crate) clients: &'a mut Clients,
}

impl Prepare<'_> {
    pub(crate) fn path(&self, written: &str) -> PathBuf {
        self.base.join(written)
    }
}

/// HTTP clients and trust shared by every probe with the same trust settings, so connections
/// are pooled across probes (a thousand probes to one service reuse a handful of connections)
/// and the platform's roots are loaded at most once for each setting.
#[derive(Debug, Default)]
pub(crate) struct Clients {
    by_trust: HashMap<Trust, reqwest::Client>,
    trusts: HashMap<Trust, SharedTrust>,
}

impl Clients {
    /// The trust every probe with these settings shares.
    pub(crate) fn trust(&mut self, trust: Trust) -> SharedTrust {
        self.trusts
            .entry(trust)
            .or_insert_with_key(|trust| SharedTrust::new(trust.clone()))
            .clone()
    }

    pub(crate) fn get(&mut self, trust: Trust) -> Result<reqwest::Client, String> {
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
    use std::sync::Arc;

    #[test]
    fn probes_with_the_same_trust_share_one_verifier() {
        let dir = tempfile::tempdir().expect("temp dir");
        let ca = dir.path().join("ca.pem");
        let certified =
            rcgen::generate_simple_self_signed(vec!["svc.test".into()]).expect("a certificate");
        std::fs::write(&ca, certified.cert.pem()).expect("ca file");
        let mut clients = Clients::default();
        let first = clients.trust(Trust::new(Some(ca.clone()), false));
        let second = clients.trust(Trust::new(Some(ca.clone()), false));
        let insecure = clients.trust(Trust::new(Some(ca), true));
        let one = first.verifier().expect("trusted").expect("checks");
        let two = second.verifier().expect("trusted").expect("checks");
        assert!(Arc::ptr_eq(&one, &two), "the roots were loaded twice");
        assert!(insecure.verifier().expect("no trust to load").is_none());
    }
}
