//! Value types of probe files that parse themselves while the YAML is read, so a bad value is
//! reported at its own line and column: `${VAR}` text, durations (`500ms`, `26h`, `7d`) and
//! sizes (`1 MiB`).

use crate::hash::HashMap;
use std::cell::RefCell;
use std::fmt;
use std::time::Duration;

use serde::de::{self, Deserialize, Deserializer};

/// A string with `${VAR}` (or `${VAR:-default}`) replaced from the environment. `$$` is a
/// literal `$`. A variable that is not set, with no default, is an error naming it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Text(pub String);

impl Text {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

thread_local! {
    /// The environment `${VAR}` reads while a probe file is parsed: serde gives a
    /// `Deserialize` impl no way to be handed it, so [`with_environment`] sets it for the parse.
    static ENVIRONMENT: RefCell<HashMap<String, String>> = RefCell::new(HashMap::default());
    /// Values read through `${secret:VAR}` while a probe file is parsed, for the redactor.
    static MARKED_SECRETS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// The values read through `${secret:VAR}` since the last call.
pub(crate) fn take_marked_secrets() -> Vec<String> {
    MARKED_SECRETS.with(|s| std::mem::take(&mut *s.borrow_mut()))
}

/// Runs `parse` with `${VAR}` reading from `environment` (the run's [`crate::Context`] took it
/// from the process), then puts back what the thread had before: nothing, or the environment
/// of a read this one is part of (a piece of a long file read on the reading thread).
pub(crate) fn with_environment<T>(
    environment: &HashMap<String, String>,
    parse: impl FnOnce() -> T,
) -> T {
    let before = ENVIRONMENT.replace(environment.clone());
    let result = parse();
    ENVIRONMENT.set(before);
    result
}

/// A variable of the environment a probe file is read with, for kinds that pass some of it
/// on (`command` passes `PATH`).
pub(crate) fn environment_var(name: &str) -> Option<String> {
    ENVIRONMENT.with(|env| env.borrow().get(name).cloned())
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        ENVIRONMENT
            .with(|env| interpolate(&raw, |name| env.borrow().get(name).cloned()))
            .map(Text)
            .map_err(de::Error::custom)
    }
}

/// Replaces `${NAME}` and `${NAME:-default}` in `raw` using `lookup`.
pub(crate) fn interpolate(
    raw: &str,
    lookup: impl Fn(&str) -> Option<String>,
) -> Result<String, String> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(dollar) = rest.find('$') {
        out.push_str(&rest[..dollar]);
        let after = &rest[dollar + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push('$');
            rest = tail;
            continue;
        }
        let Some(body) = after.strip_prefix('{') else {
            out.push('$');
            rest = after;
            continue;
        };
        let close = body
            .find('}')
            .ok_or_else(|| format!("unclosed \"${{\" in {raw:?}: expected ${{NAME}}"))?;
        let inner = &body[..close];
        // `${secret:VAR}`: the value is a credential, to be masked in every output even where
        // nothing about its place (a header name, a URL password) says so.
        let (secret, reference) = match inner.strip_prefix("secret:") {
            Some(rest) => (true, rest),
            None => (false, inner),
        };
        let (name, default) = match reference.split_once(":-") {
            Some((name, default)) => (name, Some(default)),
            None => (reference, None),
        };
        let valid = !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !name.starts_with(|c: char| c.is_ascii_digit());
        if !valid {
            return Err(format!(
                "\"${{{inner}}}\" is not a variable reference: expected ${{NAME}} with letters, digits and _"
            ));
        }
        match lookup(name).or_else(|| default.map(str::to_owned)) {
            Some(value) => {
                if secret {
                    MARKED_SECRETS.with(|s| s.borrow_mut().push(value.clone()));
                }
                out.push_str(&value);
            }
            None => {
                return Err(format!(
                    "environment variable {name} is not set (referenced as ${{{name}}}; \
                     set it, or give a default with ${{{name}:-value}})"
                ));
            }
        }
        rest = &body[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// A duration written the human way: `500ms`, `10s`, `26h`, `7d`, `1h 30m`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Dur(pub Duration);

impl<'de> Deserialize<'de> for Dur {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Text::deserialize(deserializer)?;
        parse_duration(text.as_str())
            .map(Dur)
            .map_err(de::Error::custom)
    }
}

/// Reads a humane duration (`500ms`, `26h`, `7d`), as probe files and `--timeout` write them.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    humantime::parse_duration(text.trim()).map_err(|e| {
        format!("{text:?} is not a duration ({e}): expected a number with a unit, such as 500ms, 10s, 26h or 7d")
    })
}

/// Formats a duration for evidence messages: `812 ms`, `4.2 s`, `3h 5m`, `2d 4h`.
pub(crate) fn show_duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1_000 {
        return format!("{ms} ms");
    }
    let secs = d.as_secs();
    if secs < 60 {
        return format!("{:.1} s", d.as_secs_f64());
    }
    let (days, hours, minutes) = (secs / 86_400, secs % 86_400 / 3_600, secs % 3_600 / 60);
    match (days, hours) {
        (0, 0) => format!("{minutes}m {}s", secs % 60),
        (0, _) => format!("{hours}h {minutes}m"),
        _ => format!("{days}d {hours}h"),
    }
}

/// A size in bytes, written as a number or with a unit: `512`, `10 KB`, `1 MiB`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Size(pub u64);

impl<'de> Deserialize<'de> for Size {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Size;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a size such as 512, \"10 KB\" or \"1 MiB\"")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Size, E> {
                Ok(Size(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Size, E> {
                u64::try_from(v)
                    .map(Size)
                    .map_err(|_| E::custom("expected a size of 0 or more"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Size, E> {
                v.trim()
                    .parse::<bytesize::ByteSize>()
                    .map(|b| Size(b.as_u64()))
                    .map_err(|e| {
                        E::custom(format!(
                            "{v:?} is not a size ({e}): expected a number of bytes or a unit, such as \"10 KB\" or \"1 MiB\""
                        ))
                    })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A comparison a measured number must pass: `< 0.7`, `>= 1`, `== 0` (the `prometheus`
/// kind's `expect`, the `json` kind's checks).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Expect {
    op: Op,
    value: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

impl Expect {
    pub(crate) fn parse(text: &str) -> Result<Expect, String> {
        let t = text.trim();
        let ops = [
            ("<=", Op::Le),
            (">=", Op::Ge),
            ("==", Op::Eq),
            ("!=", Op::Ne),
            ("<", Op::Lt),
            (">", Op::Gt),
            ("=", Op::Eq),
        ];
        let (op, rest) = ops
            .iter()
            .find_map(|(sym, op)| t.strip_prefix(sym).map(|rest| (*op, rest)))
            .ok_or_else(|| {
                format!("{text:?} is not a comparison: expected one such as \"< 0.7\", \">= 1\" or \"== 0\"")
            })?;
        let value: f64 = rest.trim().parse().map_err(|_| {
            format!("{text:?} does not compare with a number: expected one such as \"< 0.7\"")
        })?;
        Ok(Expect { op, value })
    }

    #[expect(
        clippy::float_cmp,
        reason = "`== 1` in a probe file means the exact value written, such as `up` or a count"
    )]
    pub(crate) fn holds(&self, sample: f64) -> bool {
        match self.op {
            Op::Lt => sample < self.value,
            Op::Le => sample <= self.value,
            Op::Gt => sample > self.value,
            Op::Ge => sample >= self.value,
            Op::Eq => sample == self.value,
            Op::Ne => sample != self.value,
        }
    }
}

impl fmt::Display for Expect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let op = match self.op {
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Eq => "==",
            Op::Ne => "!=",
        };
        write!(f, "{op} {}", self.value)
    }
}

/// A share written as `85%`, `85` or `99.5%`: 0 to 100.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub(crate) struct Percent(pub f64);

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Percent;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a percentage such as 85% or 99.5")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Percent, E> {
                self.visit_f64(v as f64)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Percent, E> {
                self.visit_f64(v as f64)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Percent, E> {
                if (0.0..=100.0).contains(&v) {
                    Ok(Percent(v))
                } else {
                    Err(E::custom(format!("{v} is not a percentage from 0 to 100")))
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Percent, E> {
                let number = v.trim().trim_end_matches('%').trim();
                let value: f64 = number.parse().map_err(|_| {
                    E::custom(format!(
                        "{v:?} is not a percentage: expected one such as 85% or 99.5"
                    ))
                })?;
                self.visit_f64(value)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", crate::model::format_count(self.0))
    }
}

/// Sizes are shown as everywhere else.
pub(crate) use crate::files::show_size;

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<String> {
        (name == "HOST").then(|| "db.internal".to_owned())
    }

    #[test]
    fn interpolates_variables_defaults_and_dollars() {
        assert_eq!(
            interpolate("postgres://${HOST}:5432", env).as_deref(),
            Ok("postgres://db.internal:5432")
        );
        assert_eq!(interpolate("${PORT:-8080}/x", env).as_deref(), Ok("8080/x"));
        assert_eq!(
            interpolate("cost $5, $$HOME", env).as_deref(),
            Ok("cost $5, $HOME")
        );
        let err = interpolate("${TOKEN}", env).expect_err("unset");
        assert!(err.contains("TOKEN is not set"), "{err}");
        assert!(interpolate("${A B}", env).is_err());
        assert!(interpolate("${HOST", env).is_err());
    }

    #[test]
    fn reads_and_shows_durations() {
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("26h"), Ok(Duration::from_secs(26 * 3600)));
        assert_eq!(parse_duration("7d"), Ok(Duration::from_secs(7 * 86_400)));
        assert!(parse_duration("soon").is_err());
        assert_eq!(show_duration(Duration::from_millis(812)), "812 ms");
        assert_eq!(show_duration(Duration::from_secs(3 * 3600 + 300)), "3h 5m");
        assert_eq!(
            show_duration(Duration::from_secs(2 * 86_400 + 4 * 3600)),
            "2d 4h"
        );
    }
}

/// The JSON Schema of a value type written as text in probe files (`schemas/probes.schema.json`).
macro_rules! text_schema {
    ($type:ty, $name:literal, $schema:tt) => {
        impl schemars::JsonSchema for $type {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $name.into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!($schema)
            }
        }
    };
}

text_schema!(Text, "Text", {
    "description": "text; `${VAR}`, `${VAR:-default}` and `${secret:VAR}` are read from the environment",
    "type": "string"
});
text_schema!(Dur, "Duration", {
    "description": "a duration with a unit: 500ms, 10s, 26h, 7d",
    "type": "string",
    "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*[a-zA-Zµ]+(\\s*[0-9]+(\\.[0-9]+)?\\s*[a-zA-Zµ]+)*\\s*$"
});
text_schema!(Size, "Size", {
    "description": "a size in bytes, or with a unit: 10 MiB, 500KB, 2GB",
    "oneOf": [{ "type": "integer", "minimum": 0 }, { "type": "string" }]
});
text_schema!(Percent, "Percent", {
    "description": "a share: 85%, 85 or 99.5%",
    "oneOf": [{ "type": "number", "minimum": 0, "maximum": 100 }, { "type": "string", "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*%?\\s*$" }]
});
text_schema!(Expect, "Comparison", {
    "description": "a comparison with a number: < 0.7, >= 1, == 0",
    "type": "string",
    "pattern": "^\\s*(<=|>=|==|!=|<|>|=)\\s*-?[0-9]"
});
