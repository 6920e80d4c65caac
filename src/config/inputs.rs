//! Which files a run reads: the paths given, directories expanded, and the `ready.yaml` that
//! governs them.
//!
//! With no path, `ready` looks in the working directory for `ready.yaml` (and the checklists it
//! lists), then for a `checklists/` directory. A directory holding a `ready.yaml` that lists
//! checklists means those checklists; any other directory means every checklist file in it.

use crate::hash::HashSet;
use std::path::{Path, PathBuf};

use crate::config::file::{CONFIG_FILE, Config};
use crate::error::{Error, Result};
use crate::files::Format;
use crate::model::LEDGER_SUFFIX;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Inputs {
    pub(crate) files: Vec<PathBuf>,
    pub(crate) config: Option<Config>,
}

/// Resolves the paths given on the command line. `cwd` is the process's working directory,
/// which relative paths are read against.
pub(crate) fn resolve(paths: &[PathBuf], config_path: Option<&Path>, cwd: &Path) -> Result<Inputs> {
    let explicit = config_path.map(Config::load).transpose()?;
    if !paths.is_empty() {
        return from_paths(paths, explicit, cwd);
    }
    let config = match explicit {
        Some(config) => Some(config),
        None => Config::find_in(Path::new(""))?,
    };
    if let Some(listed) = config.as_ref().filter(|c| !c.file.checklists.is_empty()) {
        let files = expand(&listed.checklist_paths())?;
        return Ok(Inputs { files, config });
    }
    let default_dir = PathBuf::from("checklists");
    if cwd.join(&default_dir).is_dir() {
        let files = expand(&[default_dir])?;
        return Ok(Inputs { files, config });
    }
    Err(Error::NothingToCheck {
        dir: cwd.display().to_string(),
    })
}

fn from_paths(paths: &[PathBuf], explicit: Option<Config>, cwd: &Path) -> Result<Inputs> {
    let mut config = explicit;
    let mut files = Vec::new();
    for (n, path) in paths.iter().enumerate() {
        let is_dir = cwd.join(path).is_dir();
        let dir = if is_dir {
            path.as_path()
        } else {
            path.parent().unwrap_or(Path::new(""))
        };
        let beside = Config::find_in(dir)?;
        match beside
            .as_ref()
            .filter(|c| is_dir && !c.file.checklists.is_empty())
        {
            Some(listing) => files.extend(expand(&listing.checklist_paths())?),
            None => files.extend(expand(std::slice::from_ref(path))?),
        }
        if n == 0 && config.is_none() {
            config = beside;
        }
    }
    Ok(Inputs { files, config })
}

/// Expands directories into the checklists they hold (sorted, not recursive). `ready.yaml` and
/// other files that are not checklists are skipped.
fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|e| Error::read(input, e))?;
        if meta.is_dir() {
            let entries = std::fs::read_dir(input).map_err(|e| Error::read(input, e))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && Format::of(p).is_some() && !is_not_a_checklist(p))
                .filter(|p| p.extension().is_some_and(|e| e != "txt"))
                .collect();
            if found.is_empty() {
                return Err(Error::EmptyDirectory {
                    path: input.display().to_string(),
                });
            }
            found.sort();
            out.extend(found);
        } else {
            if Format::of(input).is_none() {
                return Err(Error::UnsupportedType {
                    path: input.display().to_string(),
                });
            }
            out.push(input.clone());
        }
    }
    Ok(out)
}

/// Files that sit beside checklists but are not checklists: the config, sign-off ledgers.
fn is_not_a_checklist(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    name == CONFIG_FILE || name == "ready.yml" || name.ends_with(LEDGER_SUFFIX)
}

/// The probe files a `ready check` runs: those `ready.yaml` lists, then those given on the
/// command line, each file once however its path is spelled.
pub(crate) fn check_probe_files(config: Option<&Config>, given: &[PathBuf]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = config.map(Config::probe_paths).unwrap_or_default();
    files.extend(given.iter().cloned());
    let mut seen = HashSet::default();
    files.retain(|f| {
        let key = std::fs::canonicalize(f)
            .or_else(|_| std::path::absolute(f))
            .unwrap_or_else(|_| f.clone());
        seen.insert(key)
    });
    files
}

/// The probe files `ready probe` runs: those given, else those `ready.yaml` lists, else every
/// YAML file in `./probes/`.
pub(crate) fn probe_files(
    given: &[PathBuf],
    config_path: Option<&Path>,
    cwd: &Path,
) -> Result<(Vec<PathBuf>, Option<Config>)> {
    if !given.is_empty() {
        return Ok((given.to_vec(), None));
    }
    let config = match config_path {
        Some(path) => Some(Config::load(path)?),
        None => Config::find_in(Path::new(""))?,
    };
    if let Some(listed) = config.as_ref().filter(|c| !c.file.probes.is_empty()) {
        return Ok((listed.probe_paths(), config));
    }
    let dir = cwd.join("probes");
    if dir.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| Error::read(&dir, e))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .map(|p| Path::new("probes").join(p.file_name().unwrap_or_default()))
            .collect();
        files.sort();
        if !files.is_empty() {
            return Ok((files, config));
        }
    }
    Err(Error::NoProbeFiles {
        dir: cwd.display().to_string(),
    })
}
