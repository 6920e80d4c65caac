//! `ready.yaml` and the policy settings a checklist can carry in its front matter.
//!
//! Every key is checked: a gate must not silently ignore `threshhold: 80`, so an unknown key is
//! an error that names the file and line. Settings layer in this order, later winning:
//! built-in defaults, `ready.yaml`, the checklist's own `ready:` front matter (or `policy:` in a
//! YAML checklist), then command-line flags.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The name of the project configuration file.
pub const CONFIG_FILE: &str = "ready.yaml";

/// Go/no-go settings. Every field is optional so layers can be merged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyConfig {
    /// Minimum overall score (0–100) for GO. Default 90.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
    /// How many should-have items must be done: a count (`4`) or a share (`"80%"`). Default: all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub should_have_min: Option<Minimum>,
    /// Minimum score (0–100) every weighted category must reach. Default: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_category_score: Option<f64>,
    /// Roles whose sign-off must be in the ledger, current, for GO: `all` or a list of roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub require_signoffs: Option<RequiredSignoffs>,
    /// The most waivers that may be in effect at once. Default: no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_waivers: Option<u32>,
    /// Count waived blockers as blockers (`--strict`). Default: false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strict: Option<bool>,
}

impl PolicyConfig {
    /// Fills unset fields from `base`.
    pub fn or(self, base: &PolicyConfig) -> PolicyConfig {
        PolicyConfig {
            threshold: self.threshold.or(base.threshold),
            should_have_min: self.should_have_min.or(base.should_have_min),
            min_category_score: self.min_category_score.or(base.min_category_score),
            require_signoffs: self.require_signoffs.or(base.require_signoffs.clone()),
            max_waivers: self.max_waivers.or(base.max_waivers),
            strict: self.strict.or(base.strict),
        }
    }

    /// Reads the `ready:` key of a Markdown file's front matter. Other keys belong to other
    /// tools (issue templates, static site generators) and are left alone.
    pub fn from_front_matter(
        path: &str,
        first_line: u32,
        block: &str,
        whole_file: &str,
    ) -> Result<Option<Self>> {
        if !block.lines().any(|l| l.starts_with("ready:")) {
            return Ok(None);
        }
        #[derive(Deserialize)]
        struct FrontMatter {
            ready: Option<PolicyConfig>,
        }
        let front: FrontMatter = crate::yaml::from_str(path, block, first_line, whole_file)?;
        front.ready.map(|p| p.validate(path)).transpose()
    }

    pub fn validate(self, path: &str) -> Result<Self> {
        for (name, value) in [
            ("threshold", self.threshold),
            ("min_category_score", self.min_category_score),
        ] {
            if let Some(v) = value
                && !(0.0..=100.0).contains(&v)
            {
                return Err(Error::Usage(format!(
                    "{path}: {name} must be between 0 and 100, got {v}"
                )));
            }
        }
        Ok(self)
    }
}

/// Which sign-offs a GO needs.
#[derive(Debug, Clone, PartialEq)]
pub enum RequiredSignoffs {
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
pub enum Minimum {
    Count(u32),
    Percent(f64),
}

impl Minimum {
    /// How many of `total` items this minimum asks for.
    pub fn required(self, total: usize) -> usize {
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

/// The project configuration file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Checklists to check when no path is given, relative to the config file.
    #[serde(default)]
    pub checklists: Vec<String>,
    /// Probe files to run with `ready check` and `ready probe`, relative to the config file.
    #[serde(default)]
    pub probes: Vec<String>,
    #[serde(default)]
    pub policy: PolicyConfig,
    /// Approved, expiring exceptions for items that would otherwise block.
    #[serde(default)]
    pub waivers: Vec<crate::waiver::WaiverSpec>,
}

/// A loaded `ready.yaml` and where it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub path: PathBuf,
    pub file: ConfigFile,
    pub waivers: Vec<crate::waiver::Waiver>,
}

impl Config {
    pub fn load(path: &Path) -> Result<Config> {
        let bytes = std::fs::read(path).map_err(|e| Error::read(path, e))?;
        let shown = path.display().to_string();
        let text = crate::checklist::text::decode(&shown, &bytes)?.text;
        let file: ConfigFile = if text.trim().is_empty() {
            ConfigFile::default()
        } else {
            crate::yaml::from_str(&shown, &text, 1, &text)?
        };
        let policy = file.policy.clone().validate(&shown)?;
        let waivers = file
            .waivers
            .iter()
            .map(|spec| spec.validate(&shown, &text))
            .collect::<Result<Vec<_>>>()?;
        Ok(Config {
            path: path.to_owned(),
            file: ConfigFile { policy, ..file },
            waivers,
        })
    }

    /// The `ready.yaml` in `dir`, if there is one.
    pub fn find_in(dir: &Path) -> Result<Option<Config>> {
        let candidate = dir.join(CONFIG_FILE);
        if candidate.is_file() {
            Config::load(&candidate).map(Some)
        } else {
            Ok(None)
        }
    }

    /// The checklist paths the config lists, resolved against its directory.
    pub fn checklist_paths(&self) -> Vec<PathBuf> {
        let base = self.path.parent().unwrap_or(Path::new(""));
        self.file.checklists.iter().map(|p| base.join(p)).collect()
    }

    /// The probe files the config lists, resolved against its directory.
    pub fn probe_paths(&self) -> Vec<PathBuf> {
        let base = self.path.parent().unwrap_or(Path::new(""));
        self.file.probes.iter().map(|p| base.join(p)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_name_the_line() {
        let text = "policy:\n  threshold: 80\n  threshhold: 85\n";
        let err =
            crate::yaml::from_str::<ConfigFile>("ready.yaml", text, 1, text).expect_err("typo");
        let message = err.to_string();
        assert!(message.starts_with("ready.yaml:3"), "{message}");
        assert!(message.contains("threshhold"), "{message}");
    }

    #[test]
    fn reads_minimums() {
        let text = "policy:\n  should_have_min: \"80%\"\n";
        let file: ConfigFile = crate::yaml::from_str("r", text, 1, text).expect("valid");
        assert_eq!(file.policy.should_have_min, Some(Minimum::Percent(80.0)));
        assert_eq!(Minimum::Percent(80.0).required(5), 4);
        let text = "policy:\n  should_have_min: 4\n";
        let file: ConfigFile = crate::yaml::from_str("r", text, 1, text).expect("valid");
        assert_eq!(file.policy.should_have_min, Some(Minimum::Count(4)));
        let text = "policy:\n  should_have_min: lots\n";
        assert!(crate::yaml::from_str::<ConfigFile>("r", text, 1, text).is_err());
    }

    #[test]
    fn front_matter_only_reads_its_own_key() {
        let block = "name: Launch\nlabels: [a]\n";
        assert_eq!(
            PolicyConfig::from_front_matter("a.md", 2, block, block).expect("ok"),
            None
        );
        let block = "name: Launch\nready:\n  threshold: 75\n";
        let policy = PolicyConfig::from_front_matter("a.md", 2, block, block)
            .expect("ok")
            .expect("policy");
        assert_eq!(policy.threshold, Some(75.0));
        let block = "ready:\n  treshold: 75\n";
        let err = PolicyConfig::from_front_matter("a.md", 2, block, block).expect_err("typo");
        assert!(err.to_string().starts_with("a.md:3"), "{err}");
    }
}
