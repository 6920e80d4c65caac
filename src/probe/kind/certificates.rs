//! The TLS set-up every probe that speaks TLS shares (the `tls` kind, the `http` kind's client
//! and its `tls_min_days`): whom to trust, a handshake that records the certificate instead of
//! failing on it, and the judgement of what was seen.
//!
//! The handshake accepts any certificate and judges it afterwards, so an expired or untrusted
//! certificate is reported with what was seen ("expired 2 days ago", "not trusted: UnknownIssuer")
//! instead of a bare handshake failure.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};

use crate::probe::verify::{Failed, Seen};

/// Judges a certificate seen in a handshake: trust first, then days left.
pub(crate) fn judge(leaf: &[u8], trusted: Result<(), String>, min_days: u32) -> Seen {
    let facts = CertFacts::read(leaf).map_err(Failed::error)?;
    let days = facts.days_left();
    if days < 0 {
        return Err(Failed::fail(format!(
            "certificate for {} expired {} ago (not after {})",
            facts.subject,
            plural(-days, "day"),
            facts.not_after
        )));
    }
    if let Err(why) = trusted {
        return Err(Failed::fail(format!(
            "certificate for {} is not trusted: {why}",
            facts.subject
        )));
    }
    if days < i64::from(min_days) {
        return Err(Failed::fail(format!(
            "certificate for {} expires in {}, fewer than min_days {min_days} (not after {})",
            facts.subject,
            plural(days, "day"),
            facts.not_after
        )));
    }
    Ok(format!(
        "certificate for {} valid {} more (not after {})",
        facts.subject,
        plural(days, "day"),
        facts.not_after
    ))
}

fn plural(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// What a report says about a certificate.
#[derive(Debug)]
struct CertFacts {
    subject: String,
    not_after_unix: i64,
    not_after: String,
}

impl CertFacts {
    fn read(der: &[u8]) -> Result<CertFacts, String> {
        let (_, cert) = x509_parser::parse_x509_certificate(der)
            .map_err(|e| format!("cannot read the server's certificate: {e}"))?;
        let subject = cert
            .subject()
            .iter_common_name()
            .next()
            .and_then(|cn| cn.as_str().ok())
            .map_or_else(|| cert.subject().to_string(), str::to_owned);
        let not_after = cert.validity().not_after;
        Ok(CertFacts {
            subject,
            not_after_unix: not_after.timestamp(),
            not_after: humantime::format_rfc3339_seconds(
                UNIX_EPOCH + Duration::from_secs(u64::try_from(not_after.timestamp()).unwrap_or(0)),
            )
            .to_string(),
        })
    }

    /// Whole days until expiry, negative once expired (an hour past expiry is "-1").
    fn days_left(&self) -> i64 {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        (self.not_after_unix - now).div_euclid(86_400)
    }
}

/// What a probe's target says, in every report, when it sends over TLS without checking the
/// server's certificate (`insecure: true`, or a database mode that does not verify).
pub(crate) const INSECURE_NOTE: &str = " (insecure: certificate not checked)";

/// The crypto provider every TLS connection of `ready` uses (ring).
pub(crate) fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// Whom to trust: the platform's roots plus an optional CA file, or no one (`insecure`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Trust {
    pub(crate) ca_file: Option<PathBuf>,
    pub(crate) insecure: bool,
}

impl Trust {
    pub(crate) fn new(ca_file: Option<PathBuf>, insecure: bool) -> Trust {
        Trust { ca_file, insecure }
    }

    /// The verifier to judge certificates with, built now; `None` when nothing is checked.
    fn verifier(&self) -> Settled {
        if self.insecure {
            return Ok(None);
        }
        let extra = match &self.ca_file {
            Some(path) => read_certificates(path)?,
            None => Vec::new(),
        };
        match rustls_platform_verifier::Verifier::new_with_extra_roots(extra.clone(), provider()) {
            Ok(verifier) => Ok(Some(Arc::new(verifier))),
            // No system roots on this machine: the CA file alone can still be trusted.
            Err(_) if !extra.is_empty() => {
                let mut roots = RootCertStore::empty();
                roots.add_parsable_certificates(extra);
                WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider())
                    .build()
                    .map(|v| Some(v as Arc<dyn ServerCertVerifier>))
                    .map_err(|e| e.to_string())
            }
            Err(e) => Err(format!(
                "cannot load the system's trusted certificates: {e}"
            )),
        }
    }
}

/// What trust settings come to: a verifier, `None` when nothing is checked, or why trust could
/// not be set up.
pub(crate) type Settled = Result<Option<Arc<dyn ServerCertVerifier>>, String>;

/// Trust settings whose verifier is built once, when first asked for, and shared by every probe
/// with the same settings: loading the platform's roots reads and parses every CA certificate on
/// the machine (about 2.6 ms and a few hundred KB), which a thousand `tls` probes must not each
/// repeat, and which a run whose URLs are all plain HTTP never needs. Probes sure to speak TLS
/// ask while the probe file is read (`Shared::trust_now`).
#[derive(Debug, Clone)]
pub(crate) struct SharedTrust {
    trust: Trust,
    settled: Arc<OnceLock<Settled>>,
}

impl SharedTrust {
    pub(crate) fn new(trust: Trust) -> SharedTrust {
        SharedTrust {
            trust,
            settled: Arc::default(),
        }
    }

    /// The verifier to judge certificates with; `None` when nothing is checked. A failure to
    /// load trust is the same failure for every probe that asks.
    pub(crate) fn verifier(&self) -> Settled {
        self.settled.get_or_init(|| self.trust.verifier()).clone()
    }

    /// A client configuration for libraries that make their own connections (reqwest, the gRPC
    /// channel). A failure to load trust is kept for the moment a certificate must be judged,
    /// so plain-HTTP probes work on machines without a CA bundle.
    pub(crate) fn client_config(&self) -> ClientConfig {
        let shared = self.clone();
        let verifier = Arc::new(Deferred::new(move || -> Arc<dyn ServerCertVerifier> {
            match shared.verifier() {
                Ok(Some(verifier)) => verifier,
                Ok(None) => Arc::new(Recorder::new(None)),
                Err(why) => Arc::new(Untrusted(why)),
            }
        }));
        let builder = ClientConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .unwrap_or_else(|_| unreachable!("ring supports the default protocol versions"));
        builder
            .dangerous()
            .with_custom_certificate_verifier(verifier)
            .with_no_client_auth()
    }
}

fn read_certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    use rustls::pki_types::pem::PemObject;
    let shown = path.display();
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
        .map_err(|e| format!("cannot read ca_file {shown}: {e}"))?
        .collect::<Result<_, _>>()
        .map_err(|e| format!("ca_file {shown} is not PEM certificates: {e}"))?;
    if certs.is_empty() {
        return Err(format!("ca_file {shown} holds no certificates"));
    }
    Ok(certs)
}

/// The leaf certificate a handshake presented (DER), and whether the verifier trusted it.
type LeafSeen = (Vec<u8>, Result<(), String>);

/// Accepts every certificate during the handshake and remembers the leaf and what the real
/// verifier (if any) said about it.
#[derive(Debug)]
pub(crate) struct Recorder {
    inner: Option<Arc<dyn ServerCertVerifier>>,
    seen: Mutex<Option<LeafSeen>>,
    provider: Arc<CryptoProvider>,
}

impl Recorder {
    pub(crate) fn new(inner: Option<Arc<dyn ServerCertVerifier>>) -> Recorder {
        Recorder {
            inner,
            seen: Mutex::new(None),
            provider: provider(),
        }
    }

    pub(crate) fn seen(&self) -> Option<LeafSeen> {
        self.seen.lock().ok()?.clone()
    }
}

impl ServerCertVerifier for Recorder {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let verdict = match &self.inner {
            None => Ok(()),
            Some(inner) => inner
                .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
                .map(|_| ())
                .map_err(|e| describe(&e)),
        };
        if let Ok(mut seen) = self.seen.lock() {
            *seen = Some((end_entity.to_vec(), verdict));
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// A verifier set up by the first handshake that asks it anything (see [`SharedTrust`]).
struct Deferred<F> {
    build: F,
    built: OnceLock<Arc<dyn ServerCertVerifier>>,
}

impl<F: Fn() -> Arc<dyn ServerCertVerifier>> Deferred<F> {
    fn new(build: F) -> Deferred<F> {
        Deferred {
            build,
            built: OnceLock::new(),
        }
    }

    fn verifier(&self) -> &dyn ServerCertVerifier {
        self.built.get_or_init(&self.build).as_ref()
    }
}

impl<F> std::fmt::Debug for Deferred<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Deferred")
            .field("built", &self.built.get())
            .finish_non_exhaustive()
    }
}

impl<F: Fn() -> Arc<dyn ServerCertVerifier> + Send + Sync> ServerCertVerifier for Deferred<F> {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        self.verifier().verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        )
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.verifier().verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.verifier().verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.verifier().supported_verify_schemes()
    }

    fn requires_raw_public_keys(&self) -> bool {
        self.verifier().requires_raw_public_keys()
    }

    fn root_hint_subjects(&self) -> Option<&[rustls::DistinguishedName]> {
        self.verifier().root_hint_subjects()
    }
}

/// Rejects every certificate, saying why trust could not be set up.
#[derive(Debug)]
struct Untrusted(String);

impl ServerCertVerifier for Untrusted {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Err(rustls::Error::General(self.0.clone()))
    }

    fn verify_tls12_signature(
        &self,
        _: &[u8],
        _: &CertificateDer<'_>,
        _: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Err(rustls::Error::General(self.0.clone()))
    }

    fn verify_tls13_signature(
        &self,
        _: &[u8],
        _: &CertificateDer<'_>,
        _: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Err(rustls::Error::General(self.0.clone()))
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        provider()
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// A certificate the verifier refused, anywhere in an error's chain (reqwest wraps it in hyper
/// and I/O errors), in the same words as the `tls` kind.
pub(crate) fn tls_cause(error: &(dyn std::error::Error + 'static)) -> Option<String> {
    let mut current = Some(error);
    while let Some(e) = current {
        // An I/O error's `source` skips the error it wraps (which may be another I/O error);
        // look inside each.
        let mut inner: &(dyn std::error::Error + 'static) = e;
        loop {
            if let Some(tls) = inner.downcast_ref::<rustls::Error>() {
                return Some(describe(tls));
            }
            match inner
                .downcast_ref::<std::io::Error>()
                .and_then(std::io::Error::get_ref)
            {
                Some(wrapped) => inner = wrapped,
                None => break,
            }
        }
        current = e.source();
    }
    None
}

/// rustls errors read like `invalid peer certificate: UnknownIssuer`; say what it means, with
/// the dates and names that explain it, keeping rustls's name for searching.
fn describe(error: &rustls::Error) -> String {
    use rustls::CertificateError as E;
    let date = |t: &UnixTime| {
        humantime::format_rfc3339_seconds(UNIX_EPOCH + Duration::from_secs(t.as_secs())).to_string()
    };
    match error {
        rustls::Error::InvalidCertificate(e) => match e {
            E::UnknownIssuer => {
                "UnknownIssuer: no trusted authority signed it (self-signed, or a private CA \
                 not given as ca_file)"
                    .to_owned()
            }
            E::NotValidYetContext { not_before, .. } => {
                format!("NotValidYet: not valid until {}", date(not_before))
            }
            E::NotValidForNameContext {
                expected,
                presented,
            } => format!(
                "NotValidForName: not valid for {} (it names {})",
                expected.to_str(),
                if presented.is_empty() {
                    "no host".to_owned()
                } else {
                    presented.join(", ")
                }
            ),
            E::UnsupportedSignatureAlgorithmForPublicKeyContext { .. } | E::BadSignature => {
                "BadSignature: no trusted authority's key verifies its signature (self-signed, \
                 or signed by a CA not given as ca_file)"
                    .to_owned()
            }
            other => format!("{other:?}"),
        },
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn trust_is_set_up_by_the_first_question_and_only_once() {
        let builds = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&builds);
        let deferred = Arc::new(Deferred::new(move || -> Arc<dyn ServerCertVerifier> {
            counted.fetch_add(1, Ordering::SeqCst);
            Arc::new(Untrusted("no roots here".into()))
        }));
        // A client configuration holding it is built without setting trust up.
        let _config = ClientConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .expect("ring supports the default versions")
            .dangerous()
            .with_custom_certificate_verifier(Arc::clone(&deferred) as Arc<dyn ServerCertVerifier>)
            .with_no_client_auth();
        assert_eq!(builds.load(Ordering::SeqCst), 0);
        assert!(!deferred.supported_verify_schemes().is_empty());
        let leaf = CertificateDer::from(vec![0u8; 4]);
        let name = ServerName::try_from("example.test").expect("a name");
        let verdict = deferred.verify_server_cert(&leaf, &[], &name, &[], UnixTime::now());
        assert!(
            matches!(verdict, Err(rustls::Error::General(why)) if why == "no roots here"),
            "the built verifier answers"
        );
        assert_eq!(builds.load(Ordering::SeqCst), 1);
    }
}
