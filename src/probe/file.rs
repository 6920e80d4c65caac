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
            load_file(path, environment, &mut set, &mut shared, &mut seen)
        })?;
    }
    Ok(set)
}

fn load_file(
    path: &Path,
    environment: &HashMap<String, String>,
    set: &mut ProbeSet,
    shared: &mut Shared,
    seen: &mut HashMap<String, Span>,
) -> Result<()> {
    let shown = path.display().to_string();
    // Shared by the span of every probe the file defines.
    let file = crate::files::FileName::new(&shown);
    let files::Decoded { text, notices } = files::read_text(path, files::Input::ProbeFile)?;
    set.notices.extend(notices);
    // Error snippets show the masked text: the offending line may hold a password. The reader
    // is given no text to show at all, and the whole file (1.1 MB for 10,000 probes) is masked
    // only when there is an error to show.
    let masked = LazyCell::new(|| crate::probe::redact::mask_source(&text));
    let read = read_entries(&shown, &text, environment, PIECE);
    for secret in read.secrets {
        set.secrets.add(&secret);
    }
    let entries = read.entries.map_err(|e| e.with_source(&masked))?;
    let base = path.parent().unwrap_or(Path::new("")).to_owned();
    let located = |line: usize, message: String| {
        let line = u32::try_from(line).unwrap_or(1).max(1);
        Error::invalid(Location::new(&shown, line).with_source(&masked), message)
    };
    for (line, entry) in entries.into_iter().flatten() {
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
        let span = Span::at(&file, u32::try_from(line).unwrap_or(1));
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

/// The bytes of probe file in each piece a long file is cut into to be read on every core:
/// small enough to share ten thousand probes (1.1 MB) evenly among the cores, large enough
/// that starting a piece costs nothing beside reading it.
const PIECE: usize = 64 * 1024;

/// A probe file's entries, each with the line of its `id`, and the values its
/// `${secret:VAR}`s read (also when reading failed part-way: a message may show them).
struct Read {
    /// One list per piece read, in order: taken one after the other, each is freed as the next
    /// is begun, where one list of them all would be a second copy of every entry.
    entries: Result<Vec<Vec<(usize, Entry)>>>,
    secrets: Vec<String>,
}

/// Reads a probe file's entries: a long file of plain entries in pieces on every core (YAML
/// is most of the time a fleet's probe file takes), anything else, and any file a piece of
/// which fails, whole, so an error is always the one the whole file gives.
fn read_entries(
    shown: &str,
    text: &str,
    environment: &HashMap<String, String>,
    piece: usize,
) -> Read {
    files::yaml_pieces(text, "probes", piece)
        .and_then(|pieces| read_pieces(shown, &pieces, environment))
        .unwrap_or_else(|| {
            read_piece(
                shown,
                files::YamlPiece {
                    text,
                    first_line: 1,
                },
            )
        })
}

/// Reads the pieces on every core, in order; `None` if any piece fails.
fn read_pieces(
    shown: &str,
    pieces: &[files::YamlPiece<'_>],
    environment: &HashMap<String, String>,
) -> Option<Read> {
    let read = files::on_every_core(pieces, |&piece| {
        with_environment(environment, || read_piece(shown, piece))
    });
    let mut entries = Vec::new();
    let mut secrets = Vec::new();
    for piece in read {
        entries.extend(piece.entries.ok()?);
        secrets.extend(piece.secrets);
    }
    Some(Read {
        entries: Ok(entries),
        secrets,
    })
}

/// What a read gave, written out: each entry with its line, or the error.
#[cfg(any(test, feature = "fuzzing"))]
fn described(read: &Read) -> std::result::Result<Vec<String>, String> {
    match &read.entries {
        Ok(entries) => Ok(entries
            .iter()
            .flatten()
            .map(|(line, e)| {
                format!(
                    "{line} {} {:?} {:?} {:?} {:?} {:?}",
                    e.id.value, e.text, e.item, e.timeout, e.retries, e.kinds
                )
            })
            .collect()),
        Err(error) => Err(error.to_string()),
    }
}

/// Reads `text` in pieces of a few hundred bytes and whole, and panics if the pieces, when
/// they all read, give anything but what the whole file gives.
#[cfg(feature = "fuzzing")]
pub(crate) fn assert_pieces_agree(text: &str, environment: &HashMap<String, String>) {
    let Some(pieces) = files::yaml_pieces(text, "probes", 256) else {
        return;
    };
    let whole = with_environment(environment, || {
        read_piece(
            "fuzz.yaml",
            files::YamlPiece {
                text,
                first_line: 1,
            },
        )
    });
    if let Some(cut) = read_pieces("fuzz.yaml", &pieces, environment) {
        assert_eq!(
            described(&cut),
            described(&whole),
            "pieces read differently"
        );
        assert_eq!(cut.secrets, whole.secrets, "pieces read other secrets");
    }
}

/// Reads one piece of a probe file: its head (a text holding the `probes:` list, such as the
/// whole file) or a later run of entries; `first_line` is the file's line the piece starts at.
fn read_piece(shown: &str, piece: files::YamlPiece<'_>) -> Read {
    let _ = take_marked_secrets();
    let parsed: Result<Vec<Entry>> = if piece.first_line == 1 {
        files::yaml_from_str::<FileSpec>(shown, piece.text, 1, "").map(|spec| spec.probes)
    } else {
        files::yaml_from_str(shown, piece.text, piece.first_line, "")
    };
    let secrets = take_marked_secrets();
    let before = piece.first_line as usize - 1;
    Read {
        entries: parsed.map(|entries| {
            vec![
                entries
                    .into_iter()
                    .map(|entry| (entry.id.referenced.line() as usize + before, entry))
                    .collect(),
            ]
        }),
        secrets,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Probes of several shapes: kinds, bindings, comments, a block scalar, quoted dashes,
    /// `${VAR}` and `${secret:VAR}`.
    fn fleet(n: usize) -> String {
        let mut text = String::from("# the fleet\nprobes:\n");
        for i in 0..n {
            text.push_str(&match i % 5 {
                0 => format!(
                    "  - id: web-{i}\n    match: \"service {i} - answers\"\n    \
                     http: {{ url: \"http://127.0.0.1:9/h?a={i}&b=2\", status: 200 }}\n"
                ),
                1 => format!(
                    "  # a comment between entries\n\n  - id: tcp-{i}\n    item: \"{i}\"\n    \
                     timeout: 2s\n    retries: 1\n    tcp: {{ address: \"127.0.0.1:{i}\" }}\n"
                ),
                2 => format!(
                    "  -\n    id: auth-{i}\n    http:\n      url: \"http://${{HOST}}/{i}\"\n      \
                     headers: {{ Authorization: \"Bearer ${{secret:TOKEN}}-{i}\" }}\n"
                ),
                3 => format!(
                    "  - id: run-{i}\n    command:\n      argv: [echo, \"{i}\"]\n      \
                     stdout_contains: |\n        {i}\n        - not an entry\n      expect_exit: 0\n"
                ),
                _ => format!("  - id: disk-{i}\n    disk: {{ path: /, min_free_percent: 5 }}\n"),
            });
        }
        text
    }

    fn all_of(text: &str) -> files::YamlPiece<'_> {
        files::YamlPiece {
            text,
            first_line: 1,
        }
    }

    fn environment() -> HashMap<String, String> {
        [("HOST", "example.test"), ("TOKEN", "s3cret")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    }

    #[test]
    fn a_long_file_read_in_pieces_gives_what_reading_it_whole_gives() {
        let text = fleet(200);
        let env = environment();
        let pieces = files::yaml_pieces(&text, "probes", 1000).expect("cut");
        assert!(pieces.len() > 10, "{}", pieces.len());
        let whole = with_environment(&env, || read_piece("p.yaml", all_of(&text)));
        let cut = read_pieces("p.yaml", &pieces, &env).expect("every piece reads");
        assert_eq!(described(&cut), described(&whole));
        assert_eq!(described(&whole).expect("valid").len(), 200);
        assert_eq!(cut.secrets, whole.secrets);
        assert_eq!(whole.secrets.len(), 40, "one secret read per auth probe");
    }

    #[test]
    fn a_piece_that_fails_is_read_again_with_the_whole_file() {
        let env = environment();
        // A quoted string written across an entry line: cut there, the piece before it is
        // unterminated; whatever the whole file gives is what the reader gives.
        let text = fleet(60).replacen(
            "match: \"service 30 - answers\"",
            "match: \"service 30\n  - id: inside-the-string\n    \"",
            1,
        );
        assert!(files::yaml_pieces(&text, "probes", 400).is_some());
        let whole = with_environment(&env, || read_piece("p.yaml", all_of(&text)));
        let read = read_entries("p.yaml", &text, &env, 400);
        assert_eq!(described(&read), described(&whole));
        // A typo deep in the file is reported at its own line, as when read whole.
        let typo = fleet(60).replacen("    retries: 1\n", "    retrys: 1\n", 7);
        let read = read_entries("p.yaml", &typo, &env, 400);
        let whole = with_environment(&env, || read_piece("p.yaml", all_of(&typo)));
        let error = described(&read).expect_err("typo");
        assert_eq!(Err(error.clone()), described(&whole));
        let line = typo
            .lines()
            .position(|l| l.contains("retrys"))
            .expect("typo")
            + 1;
        assert!(error.contains(&format!("p.yaml:{line}")), "{error}");
    }
}
