//! Go/no-go settings: what `ready.yaml`, a checklist's front matter and the command line may
//! set, and the merged [`Policy`] a run is judged by.
//!
//! Settings layer in this order, later winning: built-in defaults, `ready.yaml`, the
//! checklist's own `ready:` front matter (or `policy:` in a YAML checklist), then flags. The
//! readers parse them; the gate only reads the merged result.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Go/no-go settings. Every field is optional so layers can be merged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PolicyConfig {
    /// Minimum overall score (0–100) for GO. Default 90.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) threshold: Option<f64>,
    /// How many should-have items must be done: a count (`4`) or a share (`"80%"`). Default: all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) should_have_min: Option<Minimum>,
    /// Minimum score (0–100) every weighted category must reach. Default: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) min_category_score: Option<f64>,
    /// Roles whose sign-off must be in the ledger, current, for GO: `all` or a list of roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) require_signoffs: Option<RequiredSignoffs>,
    /// The most waivers that may be in effect at once. Default: no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) max_waivers: Option<u32>,
    /// Count waived blockers as blockers (`--strict`). Default: false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) strict: Option<bool>,
}

impl PolicyConfig {
    /// Fills unset fields from `base`.
    pub(crate) fn or(self, base: &PolicyConfig) -> PolicyConfig {
        PolicyConfig {
            threshold: self.threshold.or(base.threshold),
            should_have_min: self.should_have_min.or(base.should_have_min),
            min_category_score: self.min_category_score.or(base.min_category_score),
            require_signoffs: self.require_signoffs.or(base.require_signoffs.clone()),
            max_waivers: self.max_waivers.or(base.max_waivers),
            strict: self.strict.or(base.strict),
        }
    }

    /// Checks what serde cannot: the percentages lie between 0 and 100.
    pub(crate) fn validate(self, path: &str) -> Result<Self> {
        for (name, value) in [
            ("threshold", self.threshold),
            ("min_category_score", self.min_category_score),
        ] {
            if let Some(value) = value
                && !(0.0..=100.0).contains(&value)
            {
                return Err(Error::OutOfRange {
                    path: path.to_owned(),
                    name,
                    value,
                });
            }
        }
        Ok(self)
    }
}

/// Which sign-offs a GO needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RequiredSignoffs {
    /// Every role the checklist's sign-off section names, and every role in its ledger.
    All,
    /// These roles (matched without regard to case or spacing).
    Roles(Vec<String>),
}

impl Serialize for RequiredSignoffs {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        match self {
            RequiredSignoffs::All => serializer.serialize_str("all"),
            RequiredSignoffs::Roles(roles) => roles.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for RequiredSignoffs {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RequiredSignoffs;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("\"all\" or a list of roles such as [SRE Lead, Security]")
            }
            fn visit_str<E: serde::de::Error>(
                self,
                v: &str,
            ) -> std::result::Result<RequiredSignoffs, E> {
                if v.trim().eq_ignore_ascii_case("all") {
                    Ok(RequiredSignoffs::All)
                } else {
                    Err(E::custom(format!(
                        "expected \"all\" or a list of roles such as [SRE Lead, Security], got {v:?}"
                    )))
                }
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<RequiredSignoffs, A::Error> {
                let mut roles = Vec::new();
                while let Some(role) = seq.next_element::<String>()? {
                    if role.trim().is_empty() {
                        return Err(serde::de::Error::custom(
                            "a required role must not be empty",
                        ));
                    }
                    roles.push(role.trim().to_owned());
                }
                Ok(RequiredSignoffs::Roles(roles))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A minimum number of items, or a percentage of them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Minimum {
    Count(u32),
    Percent(f64),
}

impl Minimum {
    /// How many of `total` items this minimum asks for.
    pub(crate) fn required(self, total: usize) -> usize {
        match self {
            Minimum::Count(n) => (n as usize).min(total),
            Minimum::Percent(p) => ((p / 100.0) * total as f64).ceil() as usize,
        }
    }
}

impl fmt::Display for Minimum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Minimum::Count(n) => write!(f, "{n}"),
            Minimum::Percent(p) => write!(f, "{p}%"),
        }
    }
}

impl Serialize for Minimum {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Minimum::Count(n) => serializer.serialize_u32(*n),
            Minimum::Percent(_) => serializer.serialize_str(&self.to_string()),
        }
    }
}

impl<'de> Deserialize<'de> for Minimum {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Minimum;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a count such as 4 or a percentage such as \"80%\"")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Minimum, E> {
                u32::try_from(v).map(Minimum::Count).map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Minimum, E> {
                u32::try_from(v)
                    .map(Minimum::Count)
                    .map_err(|_| E::custom("expected a count of 0 or more"))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Minimum, E> {
                let number = v.trim().strip_suffix('%').ok_or_else(|| {
                    E::custom(format!(
                        "expected a count such as 4 or a percentage such as \"80%\", got {v:?}"
                    ))
                })?;
                match number.trim().parse::<f64>() {
                    Ok(p) if (0.0..=100.0).contains(&p) => Ok(Minimum::Percent(p)),
                    _ => Err(E::custom(format!(
                        "expected a percentage between 0% and 100%, got {v:?}"
                    ))),
                }
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The readiness a GO needs when nothing says otherwise.
pub(crate) const DEFAULT_THRESHOLD: f64 = 90.0;

/// Scores are means of fractions, so 90 can arrive as 89.99999999999999: a score this close
/// to a limit meets it. Every comparison against a threshold or minimum goes through
/// [`meets`], so the table, the reports and the verdict can never disagree about a borderline.
const TOLERANCE: f64 = 1e-9;

/// Whether `score` reaches `limit`, within [`TOLERANCE`].
pub(crate) fn meets(score: f64, limit: f64) -> bool {
    score + TOLERANCE >= limit
}

/// The settings a run is judged by, every layer merged and defaults filled in.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Policy {
    pub(crate) threshold: f64,
    pub(crate) should_have_min: Option<Minimum>,
    pub(crate) min_category_score: Option<f64>,
    pub(crate) require_signoffs: Option<RequiredSignoffs>,
    pub(crate) max_waivers: Option<u32>,
    /// Waived blockers still block.
    pub(crate) strict: bool,
}

impl Policy {
    pub(crate) fn from_config(config: &PolicyConfig) -> Policy {
        Policy {
            threshold: config.threshold.unwrap_or(DEFAULT_THRESHOLD),
            should_have_min: config.should_have_min,
            min_category_score: config.min_category_score,
            require_signoffs: config.require_signoffs.clone(),
            max_waivers: config.max_waivers,
            strict: config.strict.unwrap_or(false),
        }
    }

    /// Whether the overall score is high enough for GO.
    pub(crate) fn meets_threshold(&self, score: f64) -> bool {
        meets(score, self.threshold)
    }
}

impl schemars::JsonSchema for RequiredSignoffs {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RequiredSignoffs".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "`all`, or the roles whose current sign-off a GO needs",
            "oneOf": [
                { "const": "all" },
                { "type": "array", "items": { "type": "string", "minLength": 1 } }
            ]
        })
    }
}

impl schemars::JsonSchema for Minimum {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Minimum".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "a count (`4`) or a share (`\"80%\"`)",
            "oneOf": [
                { "type": "integer", "minimum": 0 },
                { "type": "string", "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*%\\s*$" }
            ]
        })
    }
}

/// How a run judges several checklists: as the parts of one release (`combine`, one score and
/// verdict) or one per service (`each`, a verdict per checklist, the run as bad as its worst).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// One release made of several files: one score and verdict.
    #[default]
    Combine,
    /// One checklist per service: a verdict each, the run as bad as its worst.
    Each,
}
