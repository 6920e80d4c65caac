//! Entry points for the fuzz targets in `fuzz/` (built only with the `fuzzing` feature). Each
//! feeds bytes to one reader exactly as if a user had written them to a file — the same
//! decoding, the same limits — and, where the reader succeeds, runs what a command would run on
//! the result: the assessment and every report format for a checklist, the policy for
//! `ready.yaml`, the approvals for a ledger. Nothing here runs a probe or opens a connection.
//!
//! A reader may refuse the input (`Err`, exit 2 for a user); it must never panic, hang or grow
//! without bound, which is what the fuzzer looks for.

use crate::hash::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::checklist;
use crate::config::Config;
use crate::gate::{Settings, assess};
use crate::ledger;
use crate::model::{Checklist, PolicyConfig};
use crate::probe;
use crate::report::{self, Format, Options};

/// A directory for this process's inputs, made once: the fuzzer calls these functions
/// millions of times.
fn scratch() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temporary directory for fuzz inputs"))
        .path()
}

fn file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = scratch().join(name);
    std::fs::write(&path, bytes).expect("write a fuzz input");
    path
}

const FORMATS: [Format; 7] = [
    Format::Table,
    Format::Json,
    Format::Junit,
    Format::Markdown,
    Format::Html,
    Format::OpenMetrics,
    Format::Sarif,
];

/// Every report of one checklist, as `ready check --no-probes` writes them.
fn assess_and_report(checklist: Checklist, config: &PolicyConfig) {
    let today = jiff::civil::date(2026, 6, 15);
    let settings = Settings {
        config,
        overrides: &PolicyConfig::default(),
        waivers: &[],
        today,
        notices: &[],
        lint: &crate::gate::LintParams::default(),
        ratchet: None,
    };
    let Ok(assessment) = assess(vec![checklist], Vec::new(), &settings) else {
        return;
    };
    let options = Options::default();
    for format in FORMATS {
        let mut out = Vec::new();
        report::for_format(format, &options)
            .write(&assessment, &mut out)
            .expect("reports write to memory");
    }
}

/// A Markdown checklist: read, assessed and rendered in every format.
///
/// # Panics
/// When the checklist reads differently in the pieces a long one is parsed in, or gives two
/// sections or items one id: a finding.
pub fn markdown_checklist(bytes: &[u8]) {
    // A long checklist is parsed in pieces and read from its file in blocks of lines; cut
    // anywhere it can be, and given a line or a few lines at a time, it must read the same.
    if let Ok(text) = std::str::from_utf8(bytes) {
        assert!(
            checklist::reads_same_in_pieces(text),
            "the checklist reads differently in pieces"
        );
    }
    if let Ok(checklist) = checklist::load(&file("fuzz.md", bytes)) {
        assert_ids_unique(&checklist);
        assess_and_report(checklist, &PolicyConfig::default());
    }
}

/// Every section and item has an id of its own: what waivers, bindings and diffs name them by.
fn assert_ids_unique(checklist: &crate::model::Checklist) {
    let mut seen = crate::hash::HashSet::default();
    let sections = checklist.sections().map(|s| s.id.to_string());
    for id in sections.chain(checklist.items().map(|i| i.id.to_string())) {
        assert!(!seen.contains(&id), "the id {id:?} was given twice");
        seen.insert(id);
    }
}

/// A YAML checklist: read, assessed and rendered in every format.
///
/// # Panics
/// When two sections or items get one id: a finding.
pub fn yaml_checklist(bytes: &[u8]) {
    if let Ok(checklist) = checklist::load(&file("fuzz.yaml", bytes)) {
        assert_ids_unique(&checklist);
        assess_and_report(checklist, &PolicyConfig::default());
    }
}

/// `ready.yaml`: read and validated (policy, waivers), then its policy applied to a checklist.
pub fn config(bytes: &[u8]) {
    let path = file("ready.yaml", bytes);
    if let Ok(config) = Config::load(&path)
        && let Ok(checklist) = checklist::load(&file("config.md", CHECKLIST))
    {
        assess_and_report(checklist, &config.file.policy);
    }
}

/// A probe file: read and validated (kinds, `${VAR}`, durations, sizes, patterns), never run.
pub fn probe_file(bytes: &[u8]) {
    let environment: HashMap<String, String> = [("TOKEN".to_owned(), "s3cr3t".to_owned())]
        .into_iter()
        .collect();
    let _ = probe::load_files(&[file("probes.yaml", bytes)], &environment);
    // A long file is read in pieces; the pieces must read as the whole file does.
    if let Ok(decoded) = crate::files::decode("probes.yaml", bytes) {
        probe::assert_pieces_agree(&decoded.text, &environment);
    }
}

/// A sign-off ledger beside a checklist with sign-off roles: read, matched to the roles.
pub fn ledger(bytes: &[u8]) {
    let Ok(mut checklist) = checklist::load(&file("ledger.md", CHECKLIST)) else {
        return;
    };
    file("ledger.signoffs.yaml", bytes);
    if ledger::attach(&mut checklist, &scratch().join("ledger.md")).is_ok() {
        assess_and_report(checklist, &PolicyConfig::default());
    }
}

/// The checklist the config and ledger targets read beside their input.
const CHECKLIST: &[u8] = b"# Launch\n## Build\n- [x] Tests pass\n## Must Have\n- [ ] Backups\n\
## Sign-off\n- [ ] QA Lead\n- [x] Release Manager\n";
