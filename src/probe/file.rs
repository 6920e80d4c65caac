//! Probe files: YAML with a `probes:` list. The format is a public interface, documented in the
//! docs/probes.md ("Probe files"):
//!
//! ```yaml
//! probes:
//!   - id: api-health                    # unique across all probe files of a run
//!     match: "API responses"            # bind by item text (case-insensitive substring) …
//!     # item: "3.1"                     # … or by item id or section number
//!     timeout: 5s                       # per attempt (default 10s)
//!     retries: 2                        # extra attempts; a late pass is reported as flaky
//!     http: { url: "http://127.0.0.1:8080/health", status: 200, max_latency: 500ms }
//! ```
//!
//! Every key is checked, so a typo is an error at its line; every string may use `${VAR}`.

use crate::hash::HashMap;
use std::cell::LazyCell;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::error::{Error, Location, Result};
use crate::files;
use crate::model::{Notice, Span};
use crate::probe::kind::{Kind, KindSpecs};
use crate::probe::prepare::{Prepare, Shared};
use crate::probe::redact::Secrets;
use crate::probe::values::{Dur, Text, take_marked_secrets, with_environment};
use crate::probe::{Binding, Probe};

/// Every probe of a run, from one or more files, in the order they were written.
#[derive(Debug, Default)]
pub(crate) struct ProbeSet {
    pub(crate) probes: Vec<std::sync::Arc<Probe>>,
    /// Every password and token the files hold, to scrub from any output.
    pub(crate) secrets: Secrets,
    /// What decoding the files changed (a BOM, invalid UTF-8, repaired mojibake).
    pub(crate) notices: Vec<Notice>,
}

impl ProbeSet {
    pub(crate) fn is_empty(&self) -> bool {
        self.probes.is_empty()
    }
}

/// A probe file.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileSpec {
    /// The probes, each with an id, what it binds to, and exactly one kind key.
    probes: Vec<Entry>,
}

/// One probe as written: the keys every probe has, and its kind keys.
struct Entry {
    id: Spanned<String>,
    text: Option<Text>,
    item: Option<Text>,
    timeout: Option<Dur>,
    retries: Option<u32>,
    kinds: KindSpecs,
}

/// The keys every probe entry may have besides its kind.
const COMMON_KEYS: [&str; 5] = ["id", "match", "item", "timeout", "retries"];

/// One probe: the common keys, and exactly one kind key with that kind's options.
impl schemars::JsonSchema for Entry {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Probe".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut properties = serde_json::Map::new();
        properties.insert(
            "id".into(),
            serde_json::json!({ "type": "string", "minLength": 1, "description": "unique across the probe files of a run" }),
        );
        properties.insert(
            "match".into(),
            serde_json::json!({ "type": "string", "description": "binds every item whose text contains this, case-insensitively" }),
        );
        properties.insert(
            "item".into(),
            serde_json::json!({ "type": "string", "description": "binds the item with this id, or every item of the section with this number or id" }),
        );
        properties.insert(
            "timeout".into(),
            generator.subschema_for::<Dur>().to_value(),
        );
        properties.insert(
            "retries".into(),
            serde_json::json!({ "type": "integer", "minimum": 0, "description": "extra attempts after a failure; a pass after a retry is flaky" }),
        );
        let mut one_kind = Vec::new();
        for (key, schema) in KindSpecs::schemas(generator) {
            properties.insert(key.into(), schema.to_value());
            one_kind.push(serde_json::json!({ "required": [key] }));
        }
        schemars::json_schema!({
            "type": "object",
            "required": ["id"],
            "properties": properties,
            "additionalProperties": false,
            "oneOf": one_kind,
        })
    }
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Entry;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a probe: id, a binding and one kind key")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Entry, A::Error> {
                let (mut id, mut text, mut item, mut timeout, mut retries) =
                    (None, None, None, None, None);
                let mut kinds = KindSpecs::default();
                while let Some(EntryKey(key)) = map.next_key()? {
                    match key.as_str() {
                        "id" => id = Some(map.next_value()?),
                        "match" => text = Some(map.next_value()?),
                        "item" => item = Some(map.next_value()?),
                        "timeout" => timeout = Some(map.next_value()?),
                        "retries" => retries = Some(map.next_value()?),
                        other => {
                            if !kinds.set(other, &mut map)? {
                                return Err(serde::de::Error::custom(unknown_key(other)));
                            }
                        }
                    }
                }
                Ok(Entry {
                    id: id.ok_or_else(|| serde::de::Error::missing_field("id"))?,
                    text,
                    item,
                    timeout,
                    retries,
                    kinds,
                })
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// A key of a probe entry, checked as it is read: an error raised while the key is read is
/// reported at the key's own line, one raised later only at the entry's first line.
struct EntryKey(String);

impl<'de> Deserialize<'de> for EntryKey {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = EntryKey;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a probe key")
            }
            fn visit_str<E: serde::de::Error>(self, key: &str) -> std::result::Result<EntryKey, E> {
                if COMMON_KEYS.contains(&key) || Kind::NAMES.contains(&key) {
                    Ok(EntryKey(key.to_owned()))
                } else {
                    Err(E::custom(unknown_key(key)))
                }
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// What an entry key that is neither a common key nor a kind gets told.
fn unknown_key(key: &str) -> String {
    let expected: Vec<String> = COMMON_KEYS
        .iter()
        .chain(Kind::NAMES)
        .map(|k| format!("`{k}`"))
        .collect();
    format!(
        "unknown field `{key}`, expected one of {}",
        expected.join(", ")
    )
}

/// The most probes one run reads, across all its probe files: ten times the largest fleet
/// benchmarked, and a bound on what a hostile probe file can make a run hold and dial.
pub(crate) const MAX_PROBES: usize = 100_000;

/// Loads probe files in order. Ids must be unique across all of them. `${VAR}` reads
/// `environment`.
pub(crate) fn load(paths: &[PathBuf], environment: &HashMap<String, String>) -> Result<ProbeSet> {
    let mut set = ProbeSet::default();
    let mut shared = Shared::default();
    let mut seen: HashMap<String, Span> = HashMap::default();
    for path in paths {
        with_environment(environment, || {
            load_file(path, &mut set, &mut shared, &mut seen)
        })?;
    }
    Ok(set)
}

fn load_file(
    path: &Path,
    set: &mut ProbeSet,
    shared: &mut Shared,
    seen: &mut HashMap<String, Span>,
) -> Result<()> {
    let shown = path.display().to_string();
    let files::Decoded { text, notices } = files::read_text(path, files::Input::ProbeFile)?;
    set.notices.extend(notices);
    // Error snippets show the masked text: the offending line may hold a password. The reader
    // is given no text to show at all, and the whole file (1.1 MB for 10,000 probes) is masked
    // only when there is an error to show.
    let masked = LazyCell::new(|| crate::probe::redact::mask_source(&text));
    let _ = take_marked_secrets();
    let parsed: Result<FileSpec> =
        files::yaml_from_str(&shown, &text, 1, "").map_err(|e| e.with_source(&masked));
    for secret in take_marked_secrets() {
        set.secrets.add(&secret);
    }
    let spec = parsed?;
    let base = path.parent().unwrap_or(Path::new("")).to_owned();
    let located = |line: usize, message: String| {
        let line = u32::try_from(line).unwrap_or(1).max(1);
        Error::invalid(Location::new(&shown, line).with_source(&masked), message)
    };
    for entry in spec.probes {
        let line = entry.id.referenced.line() as usize;
        if seen.len() == MAX_PROBES {
            return Err(located(
                line,
                format!(
                    "more than {MAX_PROBES} probes in one run; ready runs at most that many: \
                     split the services across several runs"
                ),
            ));
        }
        let id = entry.id.value.trim().to_owned();
        if id.is_empty() {
            return Err(located(line, "a probe id must not be empty".into()));
        }
        let span = Span::new(&shown, u32::try_from(line).unwrap_or(1));
        if let Some(first) = seen.get(&id) {
            return Err(located(
                line,
                format!("probe id \"{id}\" is already used at {first}; ids must be unique"),
            ));
        }
        seen.insert(id.clone(), span.clone());
        let binding = match (entry.text, entry.item) {
            (Some(_), Some(_)) => {
                return Err(located(
                    line,
                    format!("probe {id} has both match: and item:; bind it one way"),
                ));
            }
            (Some(text), None) if text.as_str().trim().is_empty() => {
                return Err(located(
                    line,
                    format!("probe {id}: match: must not be empty"),
                ));
            }
            (Some(text), None) => Binding::Text(text.0.trim().to_owned()),
            (None, Some(item)) => Binding::Item(item.0.trim().to_owned()),
            (None, None) => Binding::Inline,
        };
        let mut prepare = Prepare {
            base: &base,
            secrets: &mut set.secrets,
            shared,
        };
        let kinds = entry.kinds.prepare(&mut prepare);
        let kind = match <[_; 1]>::try_from(kinds) {
            Ok([Ok(kind)]) => kind,
            Ok([Err(message)]) => return Err(located(line, format!("probe {id}: {message}"))),
            Err(kinds) if kinds.is_empty() => {
                return Err(located(
                    line,
                    format!(
                        "probe {id} has no kind: expected exactly one of {}",
                        Kind::NAMES.join(", ")
                    ),
                ));
            }
            Err(kinds) => {
                let names: Vec<&str> = kinds
                    .iter()
                    .filter_map(|k| k.as_ref().ok().map(Kind::name))
                    .collect();
                let listed = if names.len() == kinds.len() {
                    format!(" ({})", names.join(", "))
                } else {
                    String::new()
                };
                return Err(located(
                    line,
                    format!(
                        "probe {id} has {} kinds{listed}: a probe checks one thing; split it into one probe per kind",
                        kinds.len()
                    ),
                ));
            }
        };
        set.probes.push(std::sync::Arc::new(Probe {
            id,
            binding,
            kind,
            timeout: entry.timeout.map(|d| d.0),
            retries: entry.retries.unwrap_or(0),
            span,
        }));
    }
    Ok(())
}
