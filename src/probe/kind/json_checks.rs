//! Checks on a JSON document, each at a JSON pointer (RFC 6901): a value it must equal
//! (`/status: ok`, where `1` and `1.0` are the same number), or a comparison a number there must
//! pass (`/metrics/http_req_duration/p(95): "< 200"`). One rule for the `http` kind's `json`
//! option and the `json` kind's `checks`.

use std::collections::BTreeMap;

use crate::probe::values::Expect;

/// What must hold at one pointer.
#[derive(Debug, Clone, PartialEq)]
enum Check {
    Equals(serde_json::Value),
    Compare(Expect),
}

/// Every check of one probe, in pointer order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Checks(Vec<(String, Check)>);

impl Checks {
    /// Validates the pointers; a string value that starts with a comparison (`< 200`,
    /// `>= 0.95`) is a comparison, anything else a value to equal.
    pub(crate) fn prepare(
        written: BTreeMap<String, serde_json::Value>,
        key: &str,
    ) -> Result<Checks, String> {
        let mut checks = Vec::with_capacity(written.len());
        for (pointer, expected) in written {
            if !(pointer.is_empty() || pointer.starts_with('/')) {
                return Err(format!(
                    "{key} key {pointer:?} is not a JSON pointer: expected one starting with /, such as /status"
                ));
            }
            let check = match expected.as_str() {
                Some(text) if text.trim_start().starts_with(['<', '>', '=', '!']) => {
                    Check::Compare(
                        Expect::parse(text).map_err(|e| format!("{key} {pointer}: {e}"))?,
                    )
                }
                _ => Check::Equals(expected),
            };
            checks.push((pointer, check));
        }
        Ok(Checks(checks))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every check against `document`: what each found, or the first that does not hold,
    /// in words.
    pub(crate) fn judge(&self, document: &serde_json::Value) -> Result<Vec<String>, String> {
        let mut seen = Vec::with_capacity(self.0.len());
        for (pointer, check) in &self.0 {
            let shown = show_pointer(pointer);
            let Some(actual) = document.pointer(pointer) else {
                return Err(format!("{shown} is missing"));
            };
            match check {
                Check::Equals(expected) if !same_json(actual, expected) => {
                    return Err(format!("{shown} is {actual}, expected {expected}"));
                }
                Check::Compare(expect) => {
                    let number = actual
                        .as_f64()
                        .or_else(|| actual.as_str().and_then(|s| s.trim().parse().ok()));
                    match number {
                        Some(n) if expect.holds(n) => {
                            seen.push(format!("{shown} = {actual} ({expect})"));
                        }
                        Some(_) => return Err(format!("{shown} is {actual}, expected {expect}")),
                        None => {
                            return Err(format!(
                                "{shown} is {actual}, not a number to compare ({expect})"
                            ));
                        }
                    }
                }
                Check::Equals(_) => seen.push(format!("{shown} = {actual}")),
            }
        }
        Ok(seen)
    }
}

fn show_pointer(pointer: &str) -> &str {
    if pointer.is_empty() {
        "the document"
    } else {
        pointer
    }
}

/// JSON equality where `1` and `1.0` are the same number, as a person writing YAML means.
fn same_json(actual: &serde_json::Value, expected: &serde_json::Value) -> bool {
    match (actual.as_f64(), expected.as_f64()) {
        (Some(a), Some(b)) => (a - b).abs() < f64::EPSILON * a.abs().max(1.0),
        _ => actual == expected,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checks(pairs: &[(&str, serde_json::Value)]) -> Checks {
        Checks::prepare(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
            "checks",
        )
        .expect("valid checks")
    }

    #[test]
    fn values_equal_and_numbers_compare() {
        let document = serde_json::json!({"status": "ok", "p95": 187.5, "count": "12", "n": 1});
        let ok = checks(&[
            ("/status", serde_json::json!("ok")),
            ("/p95", serde_json::json!("< 200")),
            ("/count", serde_json::json!(">= 10")),
            ("/n", serde_json::json!(1.0)),
        ]);
        assert_eq!(
            ok.judge(&document),
            Ok(vec![
                "/count = \"12\" (>= 10)".to_owned(),
                "/n = 1".to_owned(),
                "/p95 = 187.5 (< 200)".to_owned(),
                "/status = \"ok\"".to_owned(),
            ])
        );
        let slow = checks(&[("/p95", serde_json::json!("< 150"))]);
        assert_eq!(
            slow.judge(&document),
            Err("/p95 is 187.5, expected < 150".to_owned())
        );
        let missing = checks(&[("/p99", serde_json::json!("< 150"))]);
        assert_eq!(missing.judge(&document), Err("/p99 is missing".to_owned()));
        let text = checks(&[("/status", serde_json::json!("> 1"))]);
        assert!(
            text.judge(&document)
                .is_err_and(|e| e.contains("not a number"))
        );
        assert!(
            Checks::prepare(
                [("status".to_owned(), serde_json::json!(1))].into(),
                "checks"
            )
            .is_err()
        );
        assert!(
            Checks::prepare(
                [("/a".to_owned(), serde_json::json!("< lots"))].into(),
                "checks"
            )
            .is_err()
        );
    }
}
