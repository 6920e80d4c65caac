//! `ready.yaml`: which checklists and probe files a project has, its policy and its waivers.
//!
//! Every key is checked: a gate must not silently ignore `threshhold: 80`, so an unknown key is
//! an error that names the file and line. How the policy layers with front matter and flags is
//! described in [`crate::model::PolicyConfig`].

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::error::{Error, Location, Result};
use crate::files;
use crate::model::{
    Labels, LintConfig, Notice, PolicyConfig, RuleSetting, Severity, Span, Waiver,
    label_name_problem,
};

/// The name of the project configuration file.
pub(crate) const CONFIG_FILE: &str = "ready.yaml";

/// The project configuration file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ConfigFile {
    /// Checklists to check when no path is given, relative to the config file.
    #[serde(default)]
    pub(crate) checklists: Vec<String>,
    /// Probe files to run with `ready check` and `ready probe`, relative to the config file.
    #[serde(default)]
    pub(crate) probes: Vec<String>,
    #[serde(default)]
    pub(crate) policy: PolicyConfig,
    /// Approved, expiring exceptions for items that would otherwise block.
    #[serde(default)]
    pub(crate) waivers: Vec<WaiverSpec>,
    /// `ready lint` settings: rule severities and parameters.
    #[serde(default)]
    pub(crate) lint: LintSpec,
    /// How several checklists are judged: `combine` (one release, the default) or `each`
    /// (one verdict per checklist). `--mode` overrides it.
    #[serde(default)]
    pub(crate) mode: Option<crate::model::Mode>,
    /// Labels carried into every report and on every metric, so a fleet of reports can be
    /// grouped and told apart: `service: payments`, `owner: team-payments`. A `release` label
    /// marks a service scheduled for release (the shipped alert rules page on its NO-GO).
    #[serde(default)]
    #[schemars(with = "std::collections::BTreeMap<String, String>")]
    pub(crate) labels: std::collections::BTreeMap<String, Spanned<String>>,
}

/// `2026-12-31`.
fn date_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "string", "format": "date" })
}

/// A rule's severity as `ready.yaml` writes it (for the schema).
#[derive(schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
#[expect(
    dead_code,
    reason = "only its schema is used; the values are read as text and checked"
)]
enum RuleLevel {
    Error,
    Warning,
    Note,
    Off,
}

/// `lint:` as written in `ready.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct LintSpec {
    /// Severity per rule id or alias: `error`, `warning`, `note` or `off`.
    #[serde(default)]
    #[schemars(with = "std::collections::BTreeMap<String, RuleLevel>")]
    pub(crate) rules: std::collections::BTreeMap<String, Spanned<String>>,
    /// Points a declared score may differ from the computed one.
    #[serde(default)]
    #[schemars(with = "Option<f64>", range(min = 0, max = 100))]
    pub(crate) score_tolerance: Option<Spanned<f64>>,
    /// How old an assessment or "last updated" date may be: `90d`, `12w`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub(crate) max_date_age: Option<Spanned<String>>,
}

impl LintSpec {
    /// Checks the values; rule names are checked by the linter, which knows the rules.
    pub(crate) fn validate(&self, path: &str, text: &str) -> Result<LintConfig> {
        let line = |n: u64| u32::try_from(n).unwrap_or(1).max(1);
        let at = |n: u32, message: String| {
            Error::invalid(Location::new(path, n).with_source(text), message)
        };
        let mut rules = Vec::new();
        for (name, level) in &self.rules {
            let n = line(level.referenced.line());
            let parsed = Severity::parse_level(&level.value).map_err(|()| {
                at(
                    n,
                    format!(
                        "lint rule {name} is set to {:?}; expected error, warning, note or off",
                        level.value
                    ),
                )
            })?;
            rules.push(RuleSetting {
                name: name.clone(),
                level: parsed,
                span: Span::new(path, n),
            });
        }
        let score_tolerance = match &self.score_tolerance {
            Some(t) if !(0.0..=100.0).contains(&t.value) => {
                return Err(at(
                    line(t.referenced.line()),
                    format!(
                        "lint score_tolerance is {}; expected points between 0 and 100",
                        t.value
                    ),
                ));
            }
            t => t.as_ref().map(|t| t.value),
        };
        let max_date_age_days = match &self.max_date_age {
            None => None,
            Some(age) => {
                let duration = humantime::parse_duration(age.value.trim()).map_err(|e| {
                    at(
                        line(age.referenced.line()),
                        format!(
                            "lint max_date_age {:?} is not a duration ({e}); expected days or weeks such as 90d or 12w",
                            age.value
                        ),
                    )
                })?;
                Some(u32::try_from(duration.as_secs() / 86_400).unwrap_or(u32::MAX))
            }
        };
        Ok(LintConfig {
            rules,
            score_tolerance,
            max_date_age_days,
        })
    }
}

/// A loaded `ready.yaml` and where it was found.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Config {
    pub(crate) path: PathBuf,
    pub(crate) file: ConfigFile,
    pub(crate) waivers: Vec<Waiver>,
    pub(crate) lint: LintConfig,
    pub(crate) labels: Labels,
    /// What decoding the file changed (a BOM, invalid UTF-8, repaired mojibake).
    pub(crate) notices: Vec<Notice>,
}

impl Config {
    pub(crate) fn load(path: &Path) -> Result<Config> {
        let shown = path.display().to_string();
        let files::Decoded { text, notices } = files::read_text(path, files::Input::Config)?;
        let file: ConfigFile = if text.trim().is_empty() {
            ConfigFile::default()
        } else {
            files::yaml_from_str(&shown, &text, 1, &text)?
        };
        let policy = file.policy.clone().validate(&shown)?;
        let waivers = file
            .waivers
            .iter()
            .map(|spec| spec.validate(&shown, &text))
            .collect::<Result<Vec<_>>>()?;
        let lint = file.lint.validate(&shown, &text)?;
        let labels = labels(&file.labels, &shown, &text)?;
        Ok(Config {
            path: path.to_owned(),
            file: ConfigFile { policy, ..file },
            waivers,
            lint,
            labels,
            notices,
        })
    }

    /// The `ready.yaml` in `dir`, if there is one.
    pub(crate) fn find_in(dir: &Path) -> Result<Option<Config>> {
        let candidate = dir.join(CONFIG_FILE);
        if candidate.is_file() {
            Config::load(&candidate).map(Some)
        } else {
            Ok(None)
        }
    }

    /// The checklist paths the config lists, resolved against its directory.
    pub(crate) fn checklist_paths(&self) -> Vec<PathBuf> {
        let base = self.path.parent().unwrap_or(Path::new(""));
        self.file.checklists.iter().map(|p| base.join(p)).collect()
    }

    /// The probe files the config lists, resolved against its directory.
    pub(crate) fn probe_paths(&self) -> Vec<PathBuf> {
        let base = self.path.parent().unwrap_or(Path::new(""));
        self.file.probes.iter().map(|p| base.join(p)).collect()
    }
}

/// `labels:` checked: names a metric can carry, values that say something.
fn labels(
    written: &std::collections::BTreeMap<String, Spanned<String>>,
    path: &str,
    text: &str,
) -> Result<Labels> {
    let mut labels = Labels::new();
    for (name, value) in written {
        let line = u32::try_from(value.referenced.line()).unwrap_or(1).max(1);
        let at =
            |message: String| Error::invalid(Location::new(path, line).with_source(text), message);
        if let Some(problem) = label_name_problem(name) {
            return Err(at(format!("label {name:?} cannot be used: {problem}")));
        }
        if value.value.trim().is_empty() {
            return Err(at(format!(
                "label {name} is empty; expected a value such as the service's name"
            )));
        }
        labels.insert(name.clone(), value.value.clone());
    }
    Ok(labels)
}

/// A waiver as written in `ready.yaml`.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct WaiverSpec {
    /// The item (or section) id, or the item's title.
    #[schemars(with = "String")]
    pub(crate) item: Spanned<String>,
    pub(crate) reason: String,
    pub(crate) approved_by: String,
    /// The last day the waiver holds, as `YYYY-MM-DD`.
    #[schemars(schema_with = "date_schema")]
    pub(crate) expires: Spanned<String>,
}

impl WaiverSpec {
    /// Checks the fields: nothing empty, and an `expires` that is a real calendar date.
    pub(crate) fn validate(&self, path: &str, text: &str) -> Result<Waiver> {
        let line = |n: u64| u32::try_from(n).unwrap_or(1).max(1);
        let item_line = line(self.item.referenced.line());
        let at = |n: u32, message: String| {
            Error::invalid(Location::new(path, n).with_source(text), message)
        };
        for (name, value) in [
            ("item", self.item.value.as_str()),
            ("reason", self.reason.as_str()),
            ("approved_by", self.approved_by.as_str()),
        ] {
            if value.trim().is_empty() {
                return Err(at(
                    item_line,
                    format!("waiver {name} must not be empty; a waiver says what, why and who"),
                ));
            }
        }
        let expires_line = line(self.expires.referenced.line());
        let expires: Date = self.expires.value.trim().parse().map_err(|_| {
            at(
                expires_line,
                format!(
                    "waiver expires must be a date such as 2026-12-31, got {:?}",
                    self.expires.value
                ),
            )
        })?;
        Ok(Waiver {
            item: self.item.value.trim().to_owned(),
            reason: self.reason.trim().to_owned(),
            approved_by: self.approved_by.trim().to_owned(),
            expires,
            span: Span::new(path, item_line),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Minimum;

    #[test]
    fn unknown_keys_name_the_line() {
        let text = "policy:\n  threshold: 80\n  threshhold: 85\n";
        let err =
            files::yaml_from_str::<ConfigFile>("ready.yaml", text, 1, text).expect_err("typo");
        let message = err.to_string();
        assert!(message.starts_with("ready.yaml:3"), "{message}");
        assert!(message.contains("threshhold"), "{message}");
    }

    #[test]
    fn reads_minimums() {
        let text = "policy:\n  should_have_min: \"80%\"\n";
        let file: ConfigFile = files::yaml_from_str("r", text, 1, text).expect("valid");
        assert_eq!(file.policy.should_have_min, Some(Minimum::Percent(80.0)));
        assert_eq!(Minimum::Percent(80.0).required(5), 4);
        let text = "policy:\n  should_have_min: 4\n";
        let file: ConfigFile = files::yaml_from_str("r", text, 1, text).expect("valid");
        assert_eq!(file.policy.should_have_min, Some(Minimum::Count(4)));
        let text = "policy:\n  should_have_min: lots\n";
        assert!(files::yaml_from_str::<ConfigFile>("r", text, 1, text).is_err());
    }
}
