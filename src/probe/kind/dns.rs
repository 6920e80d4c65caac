//! `dns`: a name resolves as the checklist claims ("DNS records point at the new load
//! balancer"): the records of a type, what they must contain or equal, how many, or that the
//! name must not exist — asked of the system's resolver or of a given server.

use std::net::SocketAddr;
use std::str::FromStr;
use std::time::{Duration, Instant};

use hickory_resolver::TokioResolver;
use hickory_resolver::config::{NameServerConfig, ResolverConfig, ResolverOpts};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::proto::rr::RecordType;
use serde::Deserialize;

use crate::probe::prepare::Prepare;
use crate::probe::values::{Dur, Text};
use crate::probe::verify::{Failed, Seen, Verify, within};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Spec {
    /// The name to resolve (`api.example.com`).
    pub(crate) name: Text,
    /// `A` (default), `AAAA`, `CNAME`, `MX`, `TXT`, `SRV` or `NS`.
    #[serde(default, rename = "type")]
    pub(crate) record_type: Option<Text>,
    /// A server to ask (`127.0.0.1:5353`, or an address with port 53 assumed) instead of the
    /// system's resolver.
    #[serde(default)]
    pub(crate) server: Option<Text>,
    /// Values every one of which must be in the answer.
    #[serde(default)]
    pub(crate) contains: Vec<Text>,
    /// The answer must be exactly these values (in any order).
    #[serde(default)]
    pub(crate) equals: Vec<Text>,
    /// The fewest records the answer must hold (default 1).
    #[serde(default)]
    pub(crate) min_count: Option<usize>,
    /// `true`: the name must not exist (NXDOMAIN), as for a name that was retired.
    #[serde(default)]
    pub(crate) nxdomain: bool,
    #[serde(default)]
    pub(crate) max_latency: Option<Dur>,
}

#[derive(Debug)]
pub(crate) struct Dns {
    name: String,
    record_type: RecordType,
    server: Option<SocketAddr>,
    contains: Vec<String>,
    equals: Vec<String>,
    min_count: usize,
    nxdomain: bool,
    max_latency: Option<Duration>,
}

const TYPES: [RecordType; 7] = [
    RecordType::A,
    RecordType::AAAA,
    RecordType::CNAME,
    RecordType::MX,
    RecordType::TXT,
    RecordType::SRV,
    RecordType::NS,
];

impl Dns {
    pub(crate) fn prepare(spec: Spec, _cx: &mut Prepare<'_>) -> Result<Dns, String> {
        let name = spec.name.as_str().trim().to_owned();
        if name.is_empty() {
            return Err("name must not be empty".into());
        }
        let record_type = match &spec.record_type {
            None => RecordType::A,
            Some(t) => RecordType::from_str(&t.as_str().to_ascii_uppercase())
                .ok()
                .filter(|t| TYPES.contains(t))
                .ok_or_else(|| {
                    format!(
                        "type {:?} is not one ready reads: expected A, AAAA, CNAME, MX, TXT, SRV or NS",
                        t.as_str()
                    )
                })?,
        };
        let server = spec
            .server
            .map(|s| {
                let text = s.as_str().trim();
                text.parse::<SocketAddr>()
                    .or_else(|_| {
                        text.parse::<std::net::IpAddr>()
                            .map(|ip| SocketAddr::new(ip, 53))
                    })
                    .map_err(|_| {
                        format!("server {text:?} is not an address such as 127.0.0.1:5353")
                    })
            })
            .transpose()?;
        if spec.nxdomain && !(spec.contains.is_empty() && spec.equals.is_empty()) {
            return Err("nxdomain: true and contains or equals say two things; keep one".into());
        }
        Ok(Dns {
            name,
            record_type,
            server,
            contains: spec.contains.into_iter().map(|t| normal(&t.0)).collect(),
            equals: spec.equals.into_iter().map(|t| normal(&t.0)).collect(),
            min_count: spec.min_count.unwrap_or(1),
            nxdomain: spec.nxdomain,
            max_latency: spec.max_latency.map(|d| d.0),
        })
    }

    fn resolver(&self) -> Result<TokioResolver, Failed> {
        let provider = TokioRuntimeProvider::default();
        let mut builder = match self.server {
            Some(address) => {
                let mut server = NameServerConfig::udp_and_tcp(address.ip());
                for connection in &mut server.connections {
                    connection.port = address.port();
                }
                TokioResolver::builder_with_config(
                    ResolverConfig::from_name_servers(vec![server]),
                    provider,
                )
            }
            None => TokioResolver::builder(provider)
                .map_err(|e| Failed::error(format!("cannot read the system's resolver: {e}")))?,
        };
        // The probe's own timeout and retries govern; the answer is asked for afresh each time.
        let options: &mut ResolverOpts = builder.options_mut();
        options.attempts = 1;
        options.cache_size = 0;
        builder
            .build()
            .map_err(|e| Failed::error(format!("cannot set up the resolver: {e}")))
    }
}

/// A value as it is compared: no trailing dot on names, no quotes around TXT, any case.
fn normal(value: &str) -> String {
    value
        .trim()
        .trim_end_matches('.')
        .trim_matches('"')
        .to_ascii_lowercase()
}

impl Verify for Dns {
    fn target(&self) -> String {
        match self.server {
            Some(server) => format!("{} {} @{server}", self.record_type, self.name),
            None => format!("{} {}", self.record_type, self.name),
        }
    }

    async fn verify(&self) -> Seen {
        let resolver = self.resolver()?;
        let start = Instant::now();
        let answer = resolver.lookup(self.name.as_str(), self.record_type).await;
        let latency = start.elapsed();
        let values: Vec<String> = match answer {
            Ok(lookup) => lookup
                .answers()
                .iter()
                .filter(|r| r.record_type() == self.record_type)
                .map(|r| normal(&r.data.to_string()))
                .collect(),
            Err(e) if e.is_nx_domain() => {
                return if self.nxdomain {
                    within(
                        latency,
                        self.max_latency,
                        format!("{} does not exist (NXDOMAIN), as expected", self.name),
                    )
                } else {
                    Err(Failed::fail(format!(
                        "{} does not exist (NXDOMAIN)",
                        self.name
                    )))
                };
            }
            Err(e) if e.is_no_records_found() => Vec::new(),
            Err(e) => return Err(Failed::fail(format!("the lookup failed: {e}"))),
        };
        // Servers rotate their answers; the evidence lists them in one order.
        let mut values = values;
        values.sort();
        let shown = if values.is_empty() {
            "no records".to_owned()
        } else {
            values.join(", ")
        };
        let seen = format!(
            "{} {}: {shown} in {} ms",
            self.record_type,
            self.name,
            latency.as_millis()
        );
        if self.nxdomain {
            return Err(Failed::fail(format!(
                "{seen}: expected the name not to exist"
            )));
        }
        if let Some(missing) = self.contains.iter().find(|v| !values.contains(v)) {
            return Err(Failed::fail(format!("{seen}: {missing} is not among them")));
        }
        if !self.equals.is_empty() {
            let mut want = self.equals.clone();
            want.sort();
            if values != want {
                return Err(Failed::fail(format!(
                    "{seen}: expected exactly {}",
                    self.equals.join(", ")
                )));
            }
        }
        if values.len() < self.min_count {
            return Err(Failed::fail(format!(
                "{seen}: fewer than min_count {}",
                self.min_count
            )));
        }
        within(latency, self.max_latency, seen)
    }
}
