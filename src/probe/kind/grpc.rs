//! `grpc`: a service answers the standard gRPC health check (`grpc.health.v1.Health/Check`)
//! with `SERVING`, over plain HTTP/2 or TLS. TLS goes through the same trust set-up as the
//! `http` and `tls` kinds: the platform's roots plus `ca_file`, or `insecure: true`, which the
//! target shows.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Deserialize;
use tonic::transport::{Channel, Endpoint};
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;
use url::Url;

use crate::probe::kind::certificates::{self, Trust};
use crate::probe::prepare::Prepare;
use crate::probe::redact;
use crate::probe::values::{Dur, Text};
use crate::probe::verify::{Failed, Seen, Verify, within};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Spec {
    /// `http://host:port` for plain HTTP/2, `https://host:port` for TLS.
    pub(crate) url: Text,
    /// The service to ask about (default: the server as a whole, the empty name).
    #[serde(default)]
    pub(crate) service: Option<Text>,
    #[serde(default)]
    pub(crate) ca_file: Option<Text>,
    /// TLS without checking the certificate; shown in every report.
    #[serde(default)]
    pub(crate) insecure: bool,
    #[serde(default)]
    pub(crate) max_latency: Option<Dur>,
}

#[derive(Debug)]
pub(crate) struct Grpc {
    url: Url,
    service: String,
    /// The TLS client set-up for `https://`, built once.
    tls: Option<Arc<rustls::ClientConfig>>,
    insecure: bool,
    max_latency: Option<Duration>,
}

impl Grpc {
    pub(crate) fn prepare(spec: Spec, cx: &mut Prepare<'_>) -> Result<Grpc, String> {
        let url = Url::parse(spec.url.as_str())
            .map_err(|e| format!("url {:?} is not a valid URL ({e})", spec.url.as_str()))?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(format!(
                "url {} should be http://host:port or https://host:port",
                redact::url(&url)
            ));
        }
        if url.scheme() == "http" && (spec.ca_file.is_some() || spec.insecure) {
            return Err("ca_file and insecure need an https:// url".into());
        }
        let tls = (url.scheme() == "https").then(|| {
            let trust = Trust::new(spec.ca_file.map(|f| cx.path(f.as_str())), spec.insecure);
            let mut config = cx.shared.trust_now(trust).client_config();
            config.alpn_protocols = vec![b"h2".to_vec()];
            Arc::new(config)
        });
        Ok(Grpc {
            url,
            service: spec.service.map(|s| s.0).unwrap_or_default(),
            tls,
            insecure: spec.insecure,
            max_latency: spec.max_latency.map(|d| d.0),
        })
    }

    async fn channel(&self) -> Result<Channel, Failed> {
        let host = self.url.host_str().unwrap_or_default().to_owned();
        let port = self.url.port_or_known_default().unwrap_or(80);
        let cannot = |e: &dyn std::fmt::Display| {
            Failed::fail(format!("cannot connect to {host}:{port}: {e}"))
        };
        let endpoint = Endpoint::from_shared(format!("http://{host}:{port}"))
            .map_err(|e| Failed::error(format!("url: {e}")))?;
        let Some(config) = &self.tls else {
            return endpoint.connect().await.map_err(|e| cannot(&root(&e)));
        };
        let connector = tokio_rustls::TlsConnector::from(Arc::clone(config));
        let name = rustls::pki_types::ServerName::try_from(host.clone())
            .map_err(|e| Failed::error(format!("{host} is not a name TLS can check: {e}")))?;
        let dial = host.clone();
        let connect = tower::service_fn(move |_: tonic::codegen::http::Uri| {
            let (connector, name, host) = (connector.clone(), name.clone(), dial.clone());
            async move {
                let tcp = tokio::net::TcpStream::connect((host.as_str(), port)).await?;
                let stream = connector.connect(name, tcp).await?;
                Ok::<_, std::io::Error>(hyper_util::rt::TokioIo::new(stream))
            }
        });
        endpoint.connect_with_connector(connect).await.map_err(|e| {
            match certificates::tls_cause(&e) {
                Some(why) => Failed::fail(format!(
                    "TLS failed: {why}; give the server's CA as ca_file, or set insecure: true"
                )),
                None => cannot(&root(&e)),
            }
        })
    }
}

fn root(error: &(dyn std::error::Error + 'static)) -> String {
    crate::probe::verify::root_cause(error)
}

impl Verify for Grpc {
    fn target(&self) -> String {
        let service = if self.service.is_empty() {
            String::new()
        } else {
            format!(" service {}", self.service)
        };
        let insecure = if self.insecure {
            certificates::INSECURE_NOTE
        } else {
            ""
        };
        format!("{}{service}{insecure}", redact::url(&self.url))
    }

    async fn verify(&self) -> Seen {
        let start = Instant::now();
        let channel = self.channel().await?;
        let answer = HealthClient::new(channel)
            .check(HealthCheckRequest {
                service: self.service.clone(),
            })
            .await;
        let latency = start.elapsed();
        let asked = if self.service.is_empty() {
            "the server".to_owned()
        } else {
            format!("service {:?}", self.service)
        };
        let status = match answer {
            Ok(response) => response.into_inner().status,
            Err(status) if status.code() == tonic::Code::NotFound => {
                return Err(Failed::fail(format!(
                    "the server does not know {asked} (NOT_FOUND)"
                )));
            }
            Err(status) if status.code() == tonic::Code::Unimplemented => {
                return Err(Failed::fail(
                    "the server does not implement grpc.health.v1.Health (UNIMPLEMENTED)",
                ));
            }
            Err(status) => {
                return Err(Failed::fail(format!(
                    "the health check failed: {:?}: {}",
                    status.code(),
                    status.message()
                )));
            }
        };
        let name = ServingStatus::try_from(status).map_or_else(
            |_| format!("status {status}"),
            |s| s.as_str_name().to_owned(),
        );
        let seen = format!("{asked} is {name} in {} ms", latency.as_millis());
        if status != ServingStatus::Serving as i32 {
            return Err(Failed::fail(format!("{seen}, expected SERVING")));
        }
        within(latency, self.max_latency, seen)
    }
}
