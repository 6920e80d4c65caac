//! `http`: an endpoint answers as it should — status, latency, body, JSON fields, certificate.
//! The options follow what users of Gatus, `blackbox_exporter` and goss look for.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use regex::Regex;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::Deserialize;
use serde::de::{self, Deserializer};
use url::Url;

use crate::probe::kind::certificates::{self, Trust, judge};
use crate::probe::kind::json_checks::Checks;
use crate::probe::prepare::{Prepare, Shared};
use crate::probe::redact::{self, Secrets};
use crate::probe::values::{Dur, Size, Text, show_duration, show_size};
use crate::probe::verify::{Failed, Seen, Verify, root_cause};

/// Largest body a probe reads unless it sets `max_body`: a health check that answers with more
/// has failed, and a hostile server cannot make `ready` hold an endless body.
pub(crate) const MAX_BODY: u64 = 1024 * 1024;

/// Hops followed within one origin, unless `redirects:` sets a count.
const MAX_REDIRECTS: u32 = 10;

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Spec {
    pub(crate) url: Text,
    #[serde(default)]
    pub(crate) method: Option<Text>,
    #[serde(default)]
    pub(crate) headers: BTreeMap<String, Text>,
    /// A request body, for endpoints that want one.
    #[serde(default)]
    pub(crate) body: Option<Text>,
    /// What the response's headers must say: `present`, `absent`, a value to equal, or a
    /// `/regex/` (`{ Strict-Transport-Security: present, Server: absent }`).
    #[serde(default)]
    pub(crate) response_headers: BTreeMap<String, Text>,
    /// Expected status: a code (`200`), a list (`[200, 204]`) or a class (`2xx`). Default `2xx`.
    #[serde(default)]
    pub(crate) status: Option<StatusMatch>,
    #[serde(default)]
    pub(crate) max_latency: Option<Dur>,
    #[serde(default)]
    pub(crate) body_contains: Option<Text>,
    #[serde(default)]
    pub(crate) body_regex: Option<String>,
    /// JSON pointer (RFC 6901) → the value expected there.
    #[serde(default)]
    pub(crate) json: BTreeMap<String, serde_json::Value>,
    /// Fewest days the server's certificate must still be valid for (https only).
    #[serde(default)]
    pub(crate) tls_min_days: Option<u32>,
    /// Accept any certificate (self-signed test servers). Off by default.
    #[serde(default)]
    pub(crate) insecure: bool,
    /// A PEM file of extra CA certificates to trust.
    #[serde(default)]
    pub(crate) ca_file: Option<Text>,
    /// The most body to read (default 1 MiB); a larger body fails the probe.
    #[serde(default)]
    pub(crate) max_body: Option<Size>,
    /// Which redirects to follow: `none`, `same-origin` (the default) or a number of hops,
    /// which may cross origins (without the probe's headers).
    #[serde(default)]
    pub(crate) redirects: Option<Redirects>,
}

/// Which redirects a probe follows. A credential must only go where the probe file sent it, so
/// by default a hop to another origin (scheme, host or port) is refused; with a count, such a
/// hop is followed without any header the probe file set, and never with a `Referer`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Redirects {
    /// A redirect is the final answer, judged like any other status.
    None,
    /// Up to ten hops within the origin of `url`; a hop elsewhere fails the probe.
    SameOrigin,
    /// Up to this many hops anywhere; cross-origin hops carry none of the probe's headers.
    Max(u32),
}

impl schemars::JsonSchema for Redirects {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Redirects".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "none, same-origin (the default), or the most hops to follow anywhere",
            "oneOf": [
                { "enum": ["none", "same-origin"] },
                { "type": "integer", "minimum": 0 }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for Redirects {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Redirects;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("none, same-origin, or a number of hops such as 5")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Redirects, E> {
                u32::try_from(v)
                    .ok()
                    .filter(|n| *n <= 50)
                    .map(Redirects::Max)
                    .ok_or_else(|| E::custom("expected at most 50 redirect hops"))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Redirects, E> {
                u64::try_from(v)
                    .map_err(|_| E::custom("expected a number of hops of 0 or more"))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Redirects, E> {
                match v.trim() {
                    "none" => Ok(Redirects::None),
                    "same-origin" => Ok(Redirects::SameOrigin),
                    other => Err(E::custom(format!(
                        "expected none, same-origin, or a number of hops, got {other:?}"
                    ))),
                }
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[derive(Debug)]
pub(crate) struct Http {
    client: reqwest::Client,
    url: Url,
    method: reqwest::Method,
    headers: HeaderMap,
    response_headers: Vec<(HeaderName, HeaderRule)>,
    body: Option<String>,
    status: StatusMatch,
    max_latency: Option<Duration>,
    body_contains: Option<String>,
    body_regex: Option<Arc<Regex>>,
    json: Checks,
    tls_min_days: Option<u32>,
    max_body: u64,
    redirects: Redirects,
    /// `insecure: true`: shown in the target of every report, since the check is weaker.
    insecure: bool,
}

impl Http {
    pub(crate) fn prepare(spec: Spec, cx: &mut Prepare<'_>) -> Result<Http, String> {
        let url = web_url(spec.url.as_str(), cx.secrets)?;
        let method = match spec.method {
            Some(m) => reqwest::Method::from_bytes(m.as_str().to_ascii_uppercase().as_bytes())
                .map_err(|_| format!("method {:?} is not an HTTP method", m.as_str()))?,
            None => reqwest::Method::GET,
        };
        let headers = header_map(&spec.headers, cx.secrets)?;
        let response_headers = spec
            .response_headers
            .iter()
            .map(|(name, rule)| {
                let header = HeaderName::from_bytes(name.as_bytes())
                    .map_err(|_| format!("response_headers: {name:?} is not a header name"))?;
                Ok((
                    header,
                    HeaderRule::parse(rule.as_str(), cx.shared)
                        .map_err(|e| format!("response_headers {name}: {e}"))?,
                ))
            })
            .collect::<Result<Vec<_>, String>>()?;
        let body_regex = spec
            .body_regex
            .map(|r| {
                cx.shared
                    .regex(&r)
                    .map_err(|e| format!("body_regex is not a valid regular expression: {e}"))
            })
            .transpose()?;
        let json = Checks::prepare(spec.json, "json")?;
        if spec.tls_min_days.is_some() && url.scheme() != "https" {
            return Err("tls_min_days needs an https:// url".into());
        }
        let insecure = spec.insecure;
        let trust = Trust::new(spec.ca_file.map(|f| cx.path(f.as_str())), spec.insecure);
        if url.scheme() == "https" {
            cx.shared.trust_now(trust.clone());
        }
        Ok(Http {
            client: cx.shared.client(trust)?,
            url,
            method,
            headers,
            response_headers,
            body: spec.body.map(|b| b.0),
            status: spec.status.unwrap_or_default(),
            max_latency: spec.max_latency.map(|d| d.0),
            body_contains: spec.body_contains.map(|t| t.0),
            body_regex,
            json,
            tls_min_days: spec.tls_min_days,
            max_body: spec.max_body.map_or(MAX_BODY, |s| s.0),
            redirects: spec.redirects.unwrap_or(Redirects::SameOrigin),
            insecure,
        })
    }
}

/// Request headers from a probe file; credential headers are remembered as secrets and marked
/// sensitive.
pub(crate) fn header_map(
    written: &BTreeMap<String, Text>,
    secrets: &mut Secrets,
) -> Result<HeaderMap, String> {
    let mut headers = HeaderMap::new();
    for (name, value) in written {
        let header = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| format!("header name {name:?} is not valid"))?;
        let mut value = HeaderValue::from_str(value.as_str())
            .map_err(|_| format!("the value of header {name} is not valid"))?;
        if redact::secret_header(name) {
            secrets.add(value.to_str().unwrap_or_default());
            value.set_sensitive(true);
        }
        headers.insert(header, value);
    }
    Ok(headers)
}

/// Parses an http(s) URL and remembers its secrets.
pub(crate) fn web_url(text: &str, secrets: &mut Secrets) -> Result<Url, String> {
    let url = Url::parse(text).map_err(|e| {
        format!(
            "url {:?} is not a valid URL ({e})",
            redact::scrub_url_text(text)
        )
    })?;
    secrets.add_url(&url);
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "url {} is not http:// or https://",
            redact::url(&url)
        ));
    }
    Ok(url)
}

impl Verify for Http {
    fn target(&self) -> String {
        let insecure = if self.insecure {
            certificates::INSECURE_NOTE
        } else {
            ""
        };
        format!("{} {}{insecure}", self.method, redact::url(&self.url))
    }

    async fn verify(&self) -> Seen {
        let start = Instant::now();
        let (mut response, hops, url) = self.send().await?;
        let latency = start.elapsed();
        let status = response.status();
        let mut seen = format!("HTTP {status} in {} ms", latency.as_millis());
        if hops > 0 {
            seen.push_str(&format!(
                " after {hops} redirect{} to {}",
                if hops == 1 { "" } else { "s" },
                redact::url(&url)
            ));
        }
        if !self.status.accepts(status.as_u16()) {
            return Err(Failed::fail(format!("{seen}, expected {}", self.status)));
        }
        if let Some(max) = self.max_latency
            && latency > max
        {
            return Err(Failed::fail(format!(
                "{seen}, slower than max_latency {}",
                show_duration(max)
            )));
        }
        for (name, rule) in &self.response_headers {
            let value = response.headers().get(name).map(|v| {
                let text = String::from_utf8_lossy(v.as_bytes()).into_owned();
                if redact::secret_header(name.as_str()) {
                    redact::MASK.to_owned()
                } else {
                    text
                }
            });
            match rule.judge(value.as_deref()) {
                Ok(fact) => seen.push_str(&format!("; {name} {fact}")),
                Err(why) => return Err(Failed::fail(format!("{seen}, but header {name} {why}"))),
            }
        }
        if let Some(days) = self.tls_min_days {
            let leaf = response
                .extensions()
                .get::<reqwest::tls::TlsInfo>()
                .and_then(|info| info.peer_certificate().map(<[u8]>::to_vec))
                .ok_or_else(|| Failed::error("the server's certificate was not available"))?;
            let certificate = judge(&leaf, Ok(()), days)?;
            seen.push_str(&format!("; {certificate}"));
        }
        // The whole body, always: a health check passes only when a complete response arrived
        // in time (the engine's timeout covers these reads too), never on headers alone. It is
        // kept only when an assertion reads it; otherwise counted, so a hundred probes reading
        // big bodies at once hold none of them.
        let keep =
            self.body_contains.is_some() || self.body_regex.is_some() || !self.json.is_empty();
        let mut body = Vec::new();
        let mut read: u64 = 0;
        while let Some(chunk) = response.chunk().await.map_err(|e| {
            Failed::fail(format!(
                "{seen}, but the body broke off after {}: {}",
                show_size(read),
                root_cause(&e)
            ))
        })? {
            read += chunk.len() as u64;
            if read <= self.max_body && keep {
                // Grown by hand so a kept body never holds more than max_body of memory.
                let needed = body.len() + chunk.len();
                if needed > body.capacity() {
                    let cap = usize::try_from(self.max_body).unwrap_or(usize::MAX);
                    body.reserve_exact(needed.max(body.capacity() * 2).min(cap) - body.len());
                }
                body.extend_from_slice(&chunk);
            }
            if read > self.max_body {
                return Err(Failed::fail(format!(
                    "{seen}, but the body is larger than max_body {}",
                    show_size(self.max_body)
                )));
            }
        }
        let text = String::from_utf8_lossy(&body);
        if let Some(needle) = &self.body_contains {
            if !text.contains(needle.as_str()) {
                return Err(Failed::fail(format!(
                    "{seen}, but the body does not contain {needle:?}"
                )));
            }
            seen.push_str(&format!("; body contains {needle:?}"));
        }
        if let Some(pattern) = &self.body_regex {
            if !pattern.is_match(&text) {
                return Err(Failed::fail(format!(
                    "{seen}, but the body does not match /{pattern}/"
                )));
            }
            seen.push_str(&format!("; body matches /{pattern}/"));
        }
        if !self.json.is_empty() {
            let document: serde_json::Value = serde_json::from_str(&text)
                .map_err(|e| Failed::fail(format!("{seen}, but the body is not JSON ({e})")))?;
            let found = self
                .json
                .judge(&document)
                .map_err(|why| Failed::fail(format!("{seen}, but in the JSON body {why}")))?;
            for fact in found {
                seen.push_str(&format!("; {fact}"));
            }
        }
        Ok(seen)
    }
}

impl Http {
    /// Sends the request and follows redirects as `redirects` allows, hop by hop, so that no
    /// header the probe file set (nor a `Referer`) ever reaches another origin. Returns the final
    /// response, the hops taken and the final URL.
    async fn send(&self) -> Result<(reqwest::Response, u32, Url), Failed> {
        let limit = match self.redirects {
            Redirects::None => 0,
            Redirects::SameOrigin => MAX_REDIRECTS,
            Redirects::Max(n) => n,
        };
        let mut url = self.url.clone();
        let mut method = self.method.clone();
        let mut body = self.body.clone();
        let mut same_origin = true;
        let mut hops = 0;
        loop {
            let mut request = self.client.request(method.clone(), url.clone());
            if same_origin {
                request = request.headers(self.headers.clone());
            }
            if let Some(body) = &body {
                request = request.body(body.clone());
            }
            let response = request.send().await.map_err(|e| request_failed(&e, &url))?;
            let status = response.status();
            if !status.is_redirection() || self.redirects == Redirects::None {
                return Ok((response, hops, url));
            }
            let Some(next) = response
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|l| l.to_str().ok())
                .and_then(|l| url.join(l).ok())
            else {
                return Ok((response, hops, url));
            };
            if hops >= limit {
                return Err(Failed::fail(format!(
                    "too many redirects: {hops} hop{} followed, the last to {}, and it redirects \
                     again to {}",
                    if hops == 1 { "" } else { "s" },
                    redact::url(&url),
                    redact::url(&next)
                )));
            }
            if next.origin() != self.url.origin() {
                if self.redirects == Redirects::SameOrigin {
                    return Err(Failed::fail(format!(
                        "HTTP {status} redirects to another origin, {}: not followed, so the \
                         probe's headers stay with {} (set redirects: to a number of hops to \
                         follow it without them)",
                        redact::url(&next),
                        redact::origin(&self.url)
                    )));
                }
                same_origin = false;
            }
            // 303, and 301/302 after a POST, turn into a GET without a body, as browsers do.
            if status == reqwest::StatusCode::SEE_OTHER
                || (matches!(status.as_u16(), 301 | 302) && method == reqwest::Method::POST)
            {
                method = reqwest::Method::GET;
                body = None;
            }
            url = next;
            hops += 1;
        }
    }
}

/// What one response header must say.
#[derive(Debug, Clone)]
enum HeaderRule {
    Present,
    Absent,
    Equals(String),
    Matches(Arc<Regex>),
}

impl HeaderRule {
    fn parse(written: &str, shared: &mut Shared) -> Result<HeaderRule, String> {
        let trimmed = written.trim();
        Ok(match trimmed {
            "present" => HeaderRule::Present,
            "absent" => HeaderRule::Absent,
            _ if trimmed.len() >= 2 && trimmed.starts_with('/') && trimmed.ends_with('/') => {
                HeaderRule::Matches(
                    shared
                        .regex(&trimmed[1..trimmed.len() - 1])
                        .map_err(|e| format!("{trimmed} is not a valid regular expression: {e}"))?,
                )
            }
            _ => HeaderRule::Equals(trimmed.to_owned()),
        })
    }

    /// What was seen, or why it does not do (a credential's value arrives masked).
    fn judge(&self, value: Option<&str>) -> Result<String, String> {
        match (self, value) {
            (HeaderRule::Absent, None) => Ok("absent".into()),
            (HeaderRule::Absent, Some(v)) => Err(format!("is present ({v:?}), expected absent")),
            (_, None) => Err("is missing".into()),
            (HeaderRule::Present, Some(v)) => Ok(format!("= {v:?}")),
            (HeaderRule::Equals(want), Some(v)) if v == want => Ok(format!("= {v:?}")),
            (HeaderRule::Equals(want), Some(v)) => Err(format!("is {v:?}, expected {want:?}")),
            (HeaderRule::Matches(re), Some(v)) if re.is_match(v) => {
                Ok(format!("= {v:?} (matches /{re}/)"))
            }
            (HeaderRule::Matches(re), Some(v)) => {
                Err(format!("is {v:?}, which does not match /{re}/"))
            }
        }
    }
}

/// A request that got no response: say why in a person's words, without the URL (which may
/// hold a token in its query) — the target is shown next to the message anyway.
pub(crate) fn request_failed(error: &reqwest::Error, url: &Url) -> Failed {
    let host = url.host_str().unwrap_or("?");
    let port = url.port_or_known_default().unwrap_or(0);
    let cause = certificates::tls_cause(error).unwrap_or_else(|| root_cause(error));
    if error.is_connect() {
        Failed::fail(format!("cannot connect to {host}:{port}: {cause}"))
    } else if error.is_timeout() {
        Failed::fail(format!("no response from {host}:{port}: {cause}"))
    } else if error.is_redirect() {
        Failed::fail(format!("redirect not followed: {cause}"))
    } else {
        Failed::fail(format!("request to {host}:{port} failed: {cause}"))
    }
}

/// Which status codes pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StatusMatch(Vec<StatusRule>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StatusRule {
    Code(u16),
    /// `2xx`: the hundreds digit.
    Class(u16),
}

impl schemars::JsonSchema for StatusMatch {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "StatusMatch".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "the status codes that pass: 200, \"2xx\", or a list of them (default 2xx)",
            "oneOf": [
                { "type": "integer", "minimum": 100, "maximum": 599 },
                { "type": "string" },
                { "type": "array", "items": { "oneOf": [{ "type": "integer" }, { "type": "string" }] } }
            ]
        })
    }
}

impl Default for StatusMatch {
    fn default() -> Self {
        StatusMatch(vec![StatusRule::Class(2)])
    }
}

impl StatusMatch {
    pub(crate) fn accepts(&self, code: u16) -> bool {
        self.0.iter().any(|rule| match rule {
            StatusRule::Code(c) => *c == code,
            StatusRule::Class(c) => code / 100 == *c,
        })
    }

    fn parse(text: &str) -> Result<StatusRule, String> {
        let t = text.trim().to_ascii_lowercase();
        if let Some(class) = t.strip_suffix("xx")
            && let Ok(digit @ 1..=5) = class.parse::<u16>()
        {
            return Ok(StatusRule::Class(digit));
        }
        match t.parse::<u16>() {
            Ok(code @ 100..=599) => Ok(StatusRule::Code(code)),
            _ => Err(format!(
                "status {text:?} is not a status: expected a code such as 200, a list, or a class such as 2xx"
            )),
        }
    }
}

impl fmt::Display for StatusMatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|rule| match rule {
                StatusRule::Code(c) => c.to_string(),
                StatusRule::Class(c) => format!("{c}xx"),
            })
            .collect();
        f.write_str(&parts.join(" or "))
    }
}

impl<'de> Deserialize<'de> for StatusMatch {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> de::Visitor<'de> for Visitor {
            type Value = StatusMatch;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a status code such as 200, a list such as [200, 204], or a class such as 2xx",
                )
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<StatusMatch, E> {
                StatusMatch::parse(&v.to_string())
                    .map(|r| StatusMatch(vec![r]))
                    .map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<StatusMatch, E> {
                StatusMatch::parse(&v.to_string())
                    .map(|r| StatusMatch(vec![r]))
                    .map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<StatusMatch, E> {
                StatusMatch::parse(v)
                    .map(|r| StatusMatch(vec![r]))
                    .map_err(E::custom)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<StatusMatch, A::Error> {
                let mut rules = Vec::new();
                while let Some(one) = seq.next_element::<StatusMatch>()? {
                    rules.extend(one.0);
                }
                if rules.is_empty() {
                    return Err(de::Error::custom("status list is empty"));
                }
                Ok(StatusMatch(rules))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_rules() {
        let m = StatusMatch(vec![
            StatusMatch::parse("2xx").expect("class"),
            StatusMatch::parse("301").expect("code"),
        ]);
        assert!(m.accepts(204) && m.accepts(301) && !m.accepts(302) && !m.accepts(500));
        assert_eq!(m.to_string(), "2xx or 301");
        assert!(StatusMatch::parse("2x").is_err());
        assert!(StatusMatch::parse("700").is_err());
    }
}
