//! How the database kinds (PostgreSQL, MySQL/MariaDB) protect the credentials they send: the
//! one rule both follow, so that a probe's password goes only to a server whose certificate
//! was checked, unless the probe file says otherwise.
//!
//! - A URL that sets its own mode (`?sslmode=…` for PostgreSQL, `?ssl-mode=…` for MySQL) is
//!   followed as written.
//! - Otherwise a server on another host must offer TLS with a certificate the platform (or
//!   `ca_file`) trusts, for the host named in the URL; a loopback or Unix-socket server keeps
//!   the drivers' default (TLS when offered, unchecked), since nothing crosses a network.
//! - `ca_file` adds a CA to trust (and, without a mode in the URL, asks for verification on
//!   loopback too); `insecure: true` encrypts without checking the certificate.
//!
//! A mode that does not check the certificate is named in the probe's target in every report.

use std::net::IpAddr;

use url::Url;

use crate::probe::kind::certificates;

/// What the probe asks of the server's TLS, before the driver's own names for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// The URL's own mode, or the driver's default on loopback.
    AsWritten,
    /// TLS with a certificate checked for the URL's host.
    Verify,
    /// TLS, certificate not checked (`insecure: true`).
    Unverified,
}

/// The mode a probe uses, from what its file says.
pub(crate) fn mode(
    url: &Url,
    mode_key: &str,
    ca_file: bool,
    insecure: bool,
) -> Result<Mode, String> {
    let written = url
        .query_pairs()
        .find(|(k, _)| k == mode_key)
        .map(|(_, v)| v.into_owned());
    match (written, insecure) {
        (Some(mode), true) => Err(format!(
            "insecure: true and {mode_key}={mode} in the URL say two things; keep one"
        )),
        (None, true) => Ok(Mode::Unverified),
        (None, false) if ca_file || !is_local(url) => Ok(Mode::Verify),
        (Some(_) | None, false) => Ok(Mode::AsWritten),
    }
}

/// A server on this machine: a loopback address, `localhost`, or a Unix socket (no host, or a
/// `host=/path` parameter).
pub(crate) fn is_local(url: &Url) -> bool {
    if url
        .query_pairs()
        .any(|(k, v)| (k == "host" || k == "socket") && v.starts_with('/'))
    {
        return true;
    }
    match url.host() {
        None => true,
        // `postgres://` is not a scheme the URL standard knows, so an IPv4 address arrives as a
        // name.
        Some(url::Host::Domain(name)) => {
            name.eq_ignore_ascii_case("localhost")
                || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
        }
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
    }
}

/// What the target says of a connection whose certificate is not checked: always when the
/// probe file asked (`insecure: true`), and for a server on another host whatever the reason.
pub(crate) fn note(mode: Mode, checked: bool, plain: bool, local: bool) -> &'static str {
    if checked {
        ""
    } else if plain {
        " (no TLS)"
    } else if mode == Mode::Unverified || !local {
        certificates::INSECURE_NOTE
    } else {
        ""
    }
}

/// Advice after a TLS failure, by what went wrong.
pub(crate) fn advice(message: &str, mode_key: &str) -> String {
    let lower = message.to_ascii_lowercase();
    if lower.contains("does not support tls") || lower.contains("not support ssl") {
        format!(
            "; the server offers no TLS: add ?{mode_key}=disable to the URL if that is intended"
        )
    } else {
        "; give the server's CA as ca_file, or set insecure: true to skip the check".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).expect("url")
    }

    #[test]
    fn remote_servers_are_verified_unless_the_probe_says_otherwise() {
        let remote = url("postgres://u:p@db.example.com/app");
        assert_eq!(mode(&remote, "sslmode", false, false), Ok(Mode::Verify));
        assert_eq!(mode(&remote, "sslmode", false, true), Ok(Mode::Unverified));
        let written = url("postgres://u:p@db.example.com/app?sslmode=require");
        assert_eq!(mode(&written, "sslmode", false, false), Ok(Mode::AsWritten));
        assert!(mode(&written, "sslmode", false, true).is_err());
        for local in [
            "postgres://u:p@127.0.0.1:5432/app",
            "postgres://u:p@localhost/app",
            "postgres://u:p@[::1]/app",
            "postgres:///app?host=/run/postgresql",
            "mysql://u:p@127.0.0.1:3306/",
        ] {
            assert_eq!(
                mode(&url(local), "sslmode", false, false),
                Ok(Mode::AsWritten),
                "{local}"
            );
            assert_eq!(
                mode(&url(local), "sslmode", true, false),
                Ok(Mode::Verify),
                "{local}"
            );
        }
        assert!(!is_local(&url("mysql://u:p@10.0.0.5/app")));
    }
}
