//! `tls`: a server's certificate is trusted and not about to expire (the shared TLS set-up is
//! in [`super::certificates`]).

use std::sync::Arc;

use rustls::ClientConfig;
use rustls::pki_types::ServerName;
use serde::Deserialize;

use crate::probe::kind::certificates::{Recorder, SharedTrust, Trust, judge, provider};
use crate::probe::kind::tcp::host_port;
use crate::probe::prepare::Prepare;
use crate::probe::values::Text;
use crate::probe::verify::{Failed, Seen, Verify, root_cause};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Spec {
    /// `host:port`.
    pub(crate) address: Text,
    /// Fewest days the certificate must still be valid for. Default 0: only "not expired".
    #[serde(default)]
    pub(crate) min_days: Option<u32>,
    /// The name to ask for and check against. Default: the host of `address`.
    #[serde(default)]
    pub(crate) server_name: Option<Text>,
    /// A PEM file of extra CA certificates to trust (an internal CA).
    #[serde(default)]
    pub(crate) ca_file: Option<Text>,
    /// Do not check who signed the certificate; expiry is still checked.
    #[serde(default)]
    pub(crate) insecure: bool,
}

#[derive(Debug)]
pub(crate) struct Tls {
    address: String,
    server_name: ServerName<'static>,
    min_days: u32,
    /// Whom to trust, shared with every probe of the same settings and settled once while the
    /// probe file is read: loading the system's roots reads files, which neither retries nor a
    /// thousand probes need repeat. A failure is kept for the moment a certificate must be
    /// judged.
    trust: SharedTrust,
    /// `insecure: true`: shown in the target of every report, since trust is not checked.
    insecure: bool,
}

impl Tls {
    pub(crate) fn prepare(spec: Spec, cx: &mut Prepare<'_>) -> Result<Tls, String> {
        let (host, _) = host_port(spec.address.as_str())?;
        let name = spec.server_name.map_or(host, |t| t.0);
        let server_name = ServerName::try_from(name.clone())
            .map_err(|_| format!("server_name {name:?} is not a valid DNS name or IP address"))?;
        Ok(Tls {
            address: spec.address.0,
            server_name,
            min_days: spec.min_days.unwrap_or(0),
            insecure: spec.insecure,
            trust: cx.shared.trust_now(Trust::new(
                spec.ca_file.map(|f| cx.path(f.as_str())),
                spec.insecure,
            )),
        })
    }
}

impl Verify for Tls {
    fn target(&self) -> String {
        let insecure = if self.insecure {
            ", insecure: trust not checked"
        } else {
            ""
        };
        format!("{} ({}{insecure})", self.address, self.server_name.to_str())
    }

    async fn verify(&self) -> Seen {
        let recorder = Arc::new(Recorder::new(self.trust.verifier().map_err(Failed::error)?));
        let config = ClientConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .map_err(|e| Failed::error(e.to_string()))?
            .dangerous()
            .with_custom_certificate_verifier(recorder.clone())
            .with_no_client_auth();
        let stream = tokio::net::TcpStream::connect(&self.address)
            .await
            .map_err(|e| {
                Failed::fail(format!(
                    "cannot connect to {}: {}",
                    self.address,
                    root_cause(&e)
                ))
            })?;
        tokio_rustls::TlsConnector::from(Arc::new(config))
            .connect(self.server_name.clone(), stream)
            .await
            .map_err(|e| Failed::fail(format!("TLS handshake failed: {}", root_cause(&e))))?;
        let (leaf, trusted) = recorder
            .seen()
            .ok_or_else(|| Failed::error("the server sent no certificate".to_owned()))?;
        judge(&leaf, trusted, self.min_days)
    }
}
