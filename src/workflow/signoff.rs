//! `ready signoff`: the sign-off table for the release manager, and `ready signoff sign`, which
//! records a signature in the ledger beside the checklist.

use std::path::{Path, PathBuf};

use crate::checklist;
use crate::config;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::files;
use crate::ledger::{self, Signature};
use crate::model::{LEDGER_SUFFIX, ledger_path, role_key};
use crate::report::intoto;
use crate::report::{Style, signoffs as report};
use crate::workflow::{Streams, exit_code, write_report};

/// Formats of the listing commands (`ready probe`, `ready signoff`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    /// A terminal table.
    Table,
    /// JSON, documented in docs/reports.md.
    Json,
}

/// Shows each role's standing in the ledgers of the checklists a check would read.
pub fn signoffs(
    paths: &[PathBuf],
    config_path: Option<&std::path::Path>,
    format: ListFormat,
    context: &Context,
    streams: &mut Streams<'_>,
) -> Result<i32> {
    let found = config::resolve(paths, config_path, &context.cwd)?;
    if let Some(config) = &found.config {
        streams.warn(&config.notices);
    }
    let mut checklists = Vec::new();
    for file in &found.files {
        let mut checklist = checklist::load(file)?;
        let notices = ledger::attach(&mut checklist, file)?;
        streams.warn(&notices);
        checklists.push(checklist);
    }
    let style = Style {
        color: context.color_stdout(),
        width: Some(context.table_width()),
    };
    match format {
        ListFormat::Table => report::write_table(&checklists, style, streams.out),
        ListFormat::Json => report::write_json(&checklists, streams.out),
    }
    .and_then(|()| streams.out.flush())
    .map_err(Error::Output)?;
    Ok(exit_code::GO)
}

/// What `ready signoff sign` was asked to record.
#[derive(Debug, Clone)]
pub struct SignRequest {
    /// The role signing, as the checklist names it (case and spacing aside).
    pub role: String,
    /// Who signs.
    pub name: String,
    /// Why, or what was reviewed.
    pub note: Option<String>,
    /// The checklist; `None` means the one checklist `ready check` would read.
    pub path: Option<PathBuf>,
    /// `--config`.
    pub config: Option<PathBuf>,
    /// `--attest`: also write an unsigned in-toto statement of this signature beside the ledger.
    pub attest: bool,
}

/// Records a signature and says what was recorded.
pub fn sign(request: SignRequest, context: &Context, streams: &mut Streams<'_>) -> Result<i32> {
    let paths: Vec<_> = request.path.iter().cloned().collect();
    let found = config::resolve(&paths, request.config.as_deref(), &context.cwd)?;
    let file = match found.files.as_slice() {
        [one] => one.clone(),
        several => {
            let names: Vec<String> = several.iter().map(|f| f.display().to_string()).collect();
            return Err(Error::SeveralToSign {
                count: names.len(),
                names: names.join(", "),
            });
        }
    };
    let loaded = checklist::load(&file)?;
    let signature = Signature {
        role: request.role,
        name: request.name,
        note: request.note,
    };
    let entry = ledger::sign(&file, &loaded, signature, context.now)?;
    let line = format!(
        "{} signed {} as {} at {} ({}), recorded in {}\n",
        file.display(),
        entry.role,
        entry.name,
        entry.signed_at,
        entry.digest,
        ledger_path(&file).display()
    );
    streams.write(line.as_bytes())?;
    if request.attest {
        let path = attest(&file, &entry)?;
        streams.write(format!("attestation written to {}\n", path.display()).as_bytes())?;
    }
    Ok(exit_code::GO)
}

/// Where a signature's statement goes, beside its ledger (`launch.signoffs.yaml`):
/// `launch.attestations/sre-lead-20261203T101500Z.intoto.json`, one file per signature, so none
/// is ever rewritten.
fn attestation_path(ledger: &Path, role: &str, signed_at: &str) -> PathBuf {
    let shown = ledger.to_string_lossy();
    let dir = format!(
        "{}.attestations",
        shown.strip_suffix(LEDGER_SUFFIX).unwrap_or(&shown)
    );
    let stamp: String = signed_at
        .chars()
        .filter(|c| *c != '-' && *c != ':')
        .collect();
    let role: String = role_key(role)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let dir = PathBuf::from(dir);
    // Two signatures by one role in one second still get a file each.
    let mut path = dir.join(format!("{role}-{stamp}.intoto.json"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{role}-{stamp}-{n}.intoto.json"));
        n += 1;
    }
    path
}

fn attest(file: &Path, entry: &ledger::Entry) -> Result<PathBuf> {
    let ledger = ledger_path(file);
    let (checklist_digest, ledger_digest) =
        (files::digest_file(file)?, files::digest_file(&ledger)?);
    let (checklist_name, ledger_name) = (file.display().to_string(), ledger.display().to_string());
    let statement = intoto::signoff_statement(&intoto::SignOffFacts {
        checklist: (&checklist_name, &checklist_digest),
        ledger: (&ledger_name, &ledger_digest),
        role: &entry.role,
        name: &entry.name,
        note: entry.note.as_deref(),
        signed_at: &entry.signed_at,
        content_digest: &entry.digest,
    });
    let path = attestation_path(&ledger, &entry.role, &entry.signed_at);
    write_report(&path, |out| out.write_all(&intoto::to_bytes(&statement)))?;
    Ok(path)
}
