//! Keeping secrets out of every output. A probe file may carry passwords in URLs and tokens in
//! headers; reports are pasted into pull requests and uploaded as CI artifacts, so neither may
//! ever appear in them.
//!
//! Two layers: targets are shown through [`url`] (password and secret-looking query values
//! replaced by `***`), and every message a probe produces passes through [`Secrets::scrub`],
//! which replaces each known secret wherever a library error may have echoed it.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use url::Url;

use crate::hash::HashSet;

pub(crate) const MASK: &str = "***";

/// Query parameters whose values are credentials (`?token=`, `?api_key=`, `?sig=`).
fn secret_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [
        "pass",
        "pwd",
        "secret",
        "token",
        "key",
        "auth",
        "sig",
        "credential",
        "session",
    ]
    .iter()
    .any(|word| name.contains(word))
}

/// Header names whose values are credentials.
pub(crate) fn secret_header(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "cookie" || lower == "set-cookie" || secret_name(&lower)
}

/// Where a URL points, without path, query or credentials: `https://api.example:8443`.
pub(crate) fn origin(url: &Url) -> String {
    url.origin().ascii_serialization()
}

/// The URL with its password and secret query values masked; the user name stays, since it
/// helps to see which account a probe used.
pub(crate) fn url(url: &Url) -> String {
    let mut shown = url.clone();
    if shown.password().is_some() {
        // Only fails for URLs that cannot have credentials, which then have no password.
        let _ = shown.set_password(Some(MASK));
    }
    if shown.query().is_some() {
        let pairs: Vec<(String, String)> = shown
            .query_pairs()
            .map(|(k, v)| {
                let value = if secret_name(&k) {
                    MASK.to_owned()
                } else {
                    v.into_owned()
                };
                (k.into_owned(), value)
            })
            .collect();
        shown.query_pairs_mut().clear().extend_pairs(pairs);
    }
    shown.to_string()
}

/// Masks the password in text that looks like a URL but does not parse as one, for error
/// messages about that very text.
pub(crate) fn scrub_url_text(text: &str) -> String {
    let Some(scheme_end) = text.find("://") else {
        return text.to_owned();
    };
    let rest = &text[scheme_end + 3..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return text.to_owned();
    };
    match rest[..at].find(':') {
        Some(colon) => format!(
            "{}{}:{MASK}{}",
            &text[..scheme_end + 3],
            &rest[..colon],
            &rest[at..]
        ),
        None => text.to_owned(),
    }
}

/// A probe file's text as error snippets may show it: URL passwords and the values of
/// credential-looking keys masked, since an error can point at the very line that holds one.
pub(crate) fn mask_source(text: &str) -> String {
    use std::sync::LazyLock;
    static PASSWORD: LazyLock<crate::files::Pattern> =
        LazyLock::new(|| crate::files::regex(r"(://[^:/@\s]*):[^@\s]+@"));
    static CREDENTIAL: LazyLock<crate::files::Pattern> = LazyLock::new(|| {
        crate::files::regex(
            r#"(?i)((?:authorization|cookie|token|secret|password|passwd|api[-_]?key)["']?\s*:\s*).+"#,
        )
    });
    let text = PASSWORD.replace_all(text, format!("$1:{MASK}@"));
    CREDENTIAL
        .replace_all(&text, format!("${{1}}{MASK}"))
        .into_owned()
}

/// Every secret value a probe file holds.
///
/// A fleet may hold thousands (a token per service), and every probe's message and target is
/// scrubbed: the values are found in one pass over a text with an automaton of them all, built
/// once the last value is known, rather than searched for one by one.
#[derive(Debug, Clone, Default)]
pub(crate) struct Secrets {
    values: HashSet<String>,
    automaton: OnceLock<AhoCorasick>,
}

impl Secrets {
    /// Remembers a secret. Very short values are not scrubbed from text (masking every "a" would
    /// garble messages), but they are never printed in the first place.
    pub(crate) fn add(&mut self, value: &str) {
        if value.len() >= 3 && !self.values.contains(value) {
            self.values.insert(value.to_owned());
            self.automaton = OnceLock::new();
        }
    }

    /// Remembers the password and secret query values of a URL, both raw and percent-decoded.
    pub(crate) fn add_url(&mut self, url: &Url) {
        if let Some(password) = url.password() {
            self.add(password);
            if let Ok(decoded) = percent_encoding::percent_decode_str(password).decode_utf8() {
                self.add(&decoded);
            }
        }
        for (name, value) in url.query_pairs() {
            if secret_name(&name) {
                self.add(&value);
            }
        }
    }

    /// `text` with every secret masked: every place any secret occurs, overlapping ones joined,
    /// becomes one mask, so no part of a secret that overlaps another is left showing. Takes the
    /// text by value so that the usual case, a message that holds no secret, is handed back
    /// without a copy: the engine scrubs each probe's message and target, and copying them all
    /// made the run's memory grow in glibc's main arena (a 10,000-probe run of refused
    /// connections peaked at ~80 MiB against ~50).
    pub(crate) fn scrub(&self, text: String) -> String {
        if self.values.is_empty() {
            return text;
        }
        let automaton = self.automaton.get_or_init(|| {
            AhoCorasick::new(&self.values)
                .unwrap_or_else(|e| unreachable!("secrets are strings of a probe file: {e}"))
        });
        let mut found: Vec<(usize, usize)> = automaton
            .find_overlapping_iter(&text)
            .map(|m| (m.start(), m.end()))
            .collect();
        if found.is_empty() {
            return text;
        }
        found.sort_unstable();
        let mut masked = String::with_capacity(text.len());
        // Where the text is shown again: the end of the stretch masked so far.
        let mut shown = 0;
        for (start, end) in found {
            if start < shown {
                shown = shown.max(end);
            } else {
                masked.push_str(&text[shown..start]);
                masked.push_str(MASK);
                shown = end;
            }
        }
        masked.push_str(&text[shown..]);
        masked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_passwords_and_secret_query_values() {
        let u = Url::parse(
            "postgres://ready:s3cr%40t@127.0.0.1:5432/app?sslmode=disable&api_key=abc123",
        )
        .expect("url");
        let shown = url(&u);
        assert_eq!(
            shown,
            "postgres://ready:***@127.0.0.1:5432/app?sslmode=disable&api_key=***"
        );
        let mut secrets = Secrets::default();
        secrets.add_url(&u);
        assert_eq!(
            secrets.scrub("auth failed for s3cr@t and s3cr%40t, key abc123".into()),
            "auth failed for *** and ***, key ***"
        );
    }

    #[test]
    fn overlapping_secrets_are_masked_whole() {
        let mut secrets = Secrets::default();
        for value in ["abcX", "cXYZ", "tok1", "tok2"] {
            secrets.add(value);
        }
        // Masked one after the other, the second secret's tail would stay ("***YZ").
        assert_eq!(secrets.scrub("key abcXYZ!".into()), "key ***!");
        // Side by side, each is its own mask.
        assert_eq!(secrets.scrub("tok1tok2".into()), "******");
        // A secret added after a scrub is masked by the next one.
        assert_eq!(secrets.scrub("new-secret".into()), "new-secret");
        secrets.add("new-secret");
        assert_eq!(secrets.scrub("a new-secret".into()), "a ***");
    }

    #[test]
    fn scrubbing_masks_exactly_what_secrets_cover() {
        // Three letters make secrets overlap and nest in every way.
        let mut rng = fastrand::Rng::with_seed(7);
        let word = |rng: &mut fastrand::Rng, len: usize| -> String {
            (0..len).map(|_| ['a', 'b', 'c'][rng.usize(..3)]).collect()
        };
        for _ in 0..2_000 {
            let mut secrets = Secrets::default();
            let values: Vec<String> = (0..rng.usize(1..6))
                .map(|_| {
                    let len = rng.usize(3..7);
                    word(&mut rng, len)
                })
                .collect();
            for value in &values {
                secrets.add(value);
            }
            let len = rng.usize(0..40);
            let text = word(&mut rng, len);
            let scrubbed = secrets.scrub(text.clone());
            // Exactly the letters no occurrence of any secret covers are left, in order: no
            // part of a secret shows, and nothing else is lost.
            let mut covered = vec![false; text.len()];
            for value in &values {
                for at in 0..text.len() {
                    if text[at..].starts_with(value.as_str()) {
                        covered[at..at + value.len()].fill(true);
                    }
                }
            }
            let uncovered: String = text
                .chars()
                .zip(&covered)
                .filter(|(_, c)| !**c)
                .map(|(ch, _)| ch)
                .collect();
            assert_eq!(
                scrubbed.replace(MASK, ""),
                uncovered,
                "{text:?} with {values:?}"
            );
        }
    }

    #[test]
    fn masks_passwords_in_unparsable_urls() {
        assert_eq!(
            scrub_url_text("postgres://u:p@ss w0rd@host:99999/db"),
            "postgres://u:***@host:99999/db"
        );
        assert_eq!(scrub_url_text("not a url"), "not a url");
    }

    #[test]
    fn masks_secrets_in_error_snippets() {
        assert_eq!(
            mask_source("url: \"postgres://u:pw@h/db\", staus: 1"),
            "url: \"postgres://u:***@h/db\", staus: 1"
        );
        assert_eq!(
            mask_source("  Authorization: Bearer abc"),
            "  Authorization: ***"
        );
        assert_eq!(mask_source("url: http://h/x"), "url: http://h/x");
    }

    #[test]
    fn knows_secret_headers() {
        assert!(secret_header("Authorization"));
        assert!(secret_header("X-Api-Key"));
        assert!(secret_header("Cookie"));
        assert!(!secret_header("Accept"));
    }
}
