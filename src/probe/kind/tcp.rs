//! `tcp`: something accepts connections at `host:port`.

use std::time::Instant;

use serde::Deserialize;

use crate::probe::prepare::Prepare;
use crate::probe::values::Text;
use crate::probe::verify::{Failed, Seen, Verify, root_cause};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Spec {
    /// `host:port`.
    pub(crate) address: Text,
}

#[derive(Debug)]
pub(crate) struct Tcp {
    address: String,
}

/// Checks that an address has the `host:port` shape, with a port number.
pub(crate) fn host_port(address: &str) -> Result<(String, u16), String> {
    let expected = "expected host:port, such as 127.0.0.1:5432 or db.internal:5432";
    let (host, port) = address
        .rsplit_once(':')
        .ok_or_else(|| format!("address {address:?} has no port: {expected}"))?;
    let port: u16 = port
        .parse()
        .map_err(|_| format!("address {address:?} has no valid port: {expected}"))?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() {
        return Err(format!("address {address:?} has no host: {expected}"));
    }
    Ok((host.to_owned(), port))
}

impl Tcp {
    pub(crate) fn prepare(spec: Spec, _cx: &mut Prepare<'_>) -> Result<Tcp, String> {
        host_port(spec.address.as_str())?;
        Ok(Tcp {
            address: spec.address.0,
        })
    }
}

impl Verify for Tcp {
    fn target(&self) -> String {
        self.address.clone()
    }

    async fn verify(&self) -> Seen {
        let start = Instant::now();
        match tokio::net::TcpStream::connect(&self.address).await {
            Ok(_) => Ok(format!("connected in {} ms", start.elapsed().as_millis())),
            Err(e) => Err(Failed::fail(format!(
                "cannot connect to {}: {}",
                self.address,
                root_cause(&e)
            ))),
        }
    }
}
