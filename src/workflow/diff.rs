//! `ready diff OLD NEW`: two files, or revisions of one through git (`HEAD~1 launch.md`,
//! `main: launch.md`, `v1.2:launch.md`). Each side is read with the `ready.yaml` and sign-off
//! ledger beside it (as they were at that revision), assessed without probes, and compared.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::checklist;
use crate::config::Config;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::files;
use crate::files::git::Within;
use crate::gate::diff::{self, Side};
use crate::gate::{Assessment, Settings, assess};
use crate::ledger;
use crate::model::{LEDGER_SUFFIX, PolicyConfig, Waiver};
use crate::report::diff::{self as render, Labels};
use crate::workflow::check::lint_params;
use crate::workflow::{Streams, exit_code};

/// `ready diff --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    /// A listing for the terminal.
    Table,
    /// The stable JSON shape (see docs/ci.md).
    Json,
    /// Markdown for a pull-request comment.
    Markdown,
}

/// What `ready diff` was asked to do.
#[derive(Debug, Clone)]
pub struct DiffRequest {
    /// The old side: a file, `REV:PATH`, `REV:` or a bare revision of the new side's path.
    pub old: String,
    /// The new side, in the same forms.
    pub new: String,
    /// `--format`.
    pub format: DiffFormat,
    /// `--fail-on gaming`: exit 1 when the score rose with no item improved.
    pub fail_on_gaming: bool,
    /// `--today`: the day waivers are judged by.
    pub today: Option<Date>,
    /// `--git-timeout`: how long one git command may take; `None` for the default.
    pub git_timeout: Option<std::time::Duration>,
}

/// Where one side comes from.
enum Source {
    File(PathBuf),
    Revision { revision: String, path: PathBuf },
}

impl Source {
    fn label(&self) -> String {
        match self {
            Source::File(path) => path.display().to_string(),
            Source::Revision { revision, path } => format!("{revision}:{}", path.display()),
        }
    }
}

/// Reads an argument: an existing file, `REV:PATH` (`REV:` takes the other side's path), a
/// checklist path that does not exist (reported as missing when read), or a revision of the
/// other side's path.
fn source(arg: &str, other: &str, cwd: &Path) -> Result<Source> {
    let looks_like_checklist =
        |text: &str| cwd.join(text).is_file() || files::Format::of(Path::new(text)).is_some();
    if looks_like_checklist(arg) && !arg.contains(':') {
        return Ok(Source::File(PathBuf::from(arg)));
    }
    let other_path = || -> Result<PathBuf> {
        match other.split_once(':') {
            Some((_, path)) if !path.is_empty() => Ok(PathBuf::from(path)),
            None if looks_like_checklist(other) => Ok(PathBuf::from(other)),
            _ => Err(Error::Git {
                what: format!("cannot tell which checklist {arg:?} is a revision of"),
                fix: "; name the checklist on one side, as in `ready diff HEAD~1 checklists/launch.md`"
                    .into(),
            }),
        }
    };
    Ok(match arg.split_once(':') {
        Some((revision, path)) => Source::Revision {
            revision: revision.to_owned(),
            path: if path.is_empty() {
                other_path()?
            } else {
                PathBuf::from(path)
            },
        },
        None => Source::Revision {
            revision: arg.to_owned(),
            path: other_path()?,
        },
    })
}

/// A side read and assessed; the temporary directory holds a revision's files while it lives.
struct Loaded {
    assessment: Assessment,
    waivers: Vec<Waiver>,
    _dir: Option<tempfile::TempDir>,
}

fn load(source: &Source, cwd: &Path, today: Date, within: Within) -> Result<Loaded> {
    let (file, dir) = match source {
        Source::File(path) => (cwd.join(path), None),
        Source::Revision { revision, path } => {
            let dir = tempfile::tempdir().map_err(|source| Error::CreateDir {
                path: std::env::temp_dir().display().to_string(),
                source,
            })?;
            let in_tree = cwd.join(path);
            let name = path.file_name().unwrap_or_default();
            let bytes =
                files::git::show(revision, &in_tree, within)?.ok_or_else(|| Error::Git {
                    what: format!("{} does not exist at {revision}", path.display()),
                    fix: "; the checklist may have been added or renamed since".into(),
                })?;
            let file = dir.path().join(name);
            write(&file, &bytes)?;
            // The ready.yaml and the ledger beside it, as they were then.
            let beside = in_tree.parent().unwrap_or(Path::new("."));
            let stem = path.file_stem().unwrap_or_default().to_string_lossy();
            for companion in [
                crate::config::CONFIG_FILE.to_owned(),
                format!("{stem}{LEDGER_SUFFIX}"),
            ] {
                if let Some(bytes) = files::git::show(revision, &beside.join(&companion), within)? {
                    write(&dir.path().join(&companion), &bytes)?;
                }
            }
            (file, Some(dir))
        }
    };
    let mut list = checklist::load(&file)?;
    list.path = source.label();
    let notices = ledger::attach(&mut list, &file)?;
    list.notices.extend(notices);
    let config = Config::find_in(file.parent().unwrap_or(Path::new(".")))?;
    let policy = config
        .as_ref()
        .map(|c| c.file.policy.clone())
        .unwrap_or_default();
    let waivers = config
        .as_ref()
        .map(|c| c.waivers.clone())
        .unwrap_or_default();
    let lint_settings = lint_params(config.as_ref())?;
    let settings = Settings {
        config: &policy,
        overrides: &PolicyConfig::default(),
        waivers: &waivers,
        today,
        notices: &[],
        lint: &lint_settings,
        ratchet: None,
    };
    // Waivers naming items a revision does not have would stop it from being read at all.
    let known: Vec<Waiver> = waivers
        .iter()
        .filter(|w| crate::gate::waiver_names(w, &list))
        .cloned()
        .collect();
    let settings = Settings {
        waivers: &known,
        ..settings
    };
    let assessment = assess(vec![list], Vec::new(), &settings)?;
    Ok(Loaded {
        assessment,
        waivers: known,
        _dir: dir,
    })
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|source| Error::Write {
        path: path.display().to_string(),
        source,
    })
}

/// Runs `ready diff` and returns its exit code: 0, or 1 with `--fail-on gaming` when the score
/// or verdict rose with no item improved.
pub fn diff(request: &DiffRequest, context: &Context, streams: &mut Streams<'_>) -> Result<i32> {
    let today = request.today.unwrap_or_else(|| context.today());
    let within = Within::new(request.git_timeout);
    let old = source(&request.old, &request.new, &context.cwd)?;
    let new = source(&request.new, &request.old, &context.cwd)?;
    let labels = Labels {
        old: old.label(),
        new: new.label(),
    };
    let (old, new) = (
        load(&old, &context.cwd, today, within)?,
        load(&new, &context.cwd, today, within)?,
    );
    let result = diff::diff(
        Side {
            assessment: &old.assessment,
            waivers: &old.waivers,
        },
        Side {
            assessment: &new.assessment,
            waivers: &new.waivers,
        },
    );
    let mut bytes = Vec::new();
    match request.format {
        DiffFormat::Table => render::table(&result, &labels, &mut bytes),
        DiffFormat::Json => render::json(&result, &labels, &mut bytes),
        DiffFormat::Markdown => render::markdown(&result, &labels, &mut bytes),
    }
    .map_err(Error::Output)?;
    streams.write(&bytes)?;
    Ok(if request.fail_on_gaming && result.gaming.is_some() {
        exit_code::NO_GO
    } else {
        exit_code::GO
    })
}
