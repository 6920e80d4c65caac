//! Which files a run reads: the paths given, directories expanded, and the `ready.yaml` that
//! governs them.
//!
//! With no path, `ready` looks in the working directory for `ready.yaml` (and the checklists it
//! lists), then for a `checklists/` directory. A directory holding a `ready.yaml` that lists
//! checklists means those checklists; any other directory means every checklist file in it.

use std::path::{Path, PathBuf};

use crate::checklist;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::model::Checklist;

#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    pub files: Vec<PathBuf>,
    pub config: Option<Config>,
}

/// Resolves the paths given on the command line. `cwd` is the process's working directory,
/// which relative paths are read against.
pub fn resolve(paths: &[PathBuf], config_path: Option<&Path>, cwd: &Path) -> Result<Inputs> {
    let explicit = config_path.map(Config::load).transpose()?;
    if !paths.is_empty() {
        return from_paths(paths, explicit, cwd);
    }
    let config = match explicit {
        Some(config) => Some(config),
        None => Config::find_in(Path::new(""))?,
    };
    if let Some(listed) = config.as_ref().filter(|c| !c.file.checklists.is_empty()) {
        let files = checklist::expand(&listed.checklist_paths())?;
        return Ok(Inputs { files, config });
    }
    let default_dir = PathBuf::from("checklists");
    if cwd.join(&default_dir).is_dir() {
        let files = checklist::expand(&[default_dir])?;
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
            Some(listing) => files.extend(checklist::expand(&listing.checklist_paths())?),
            None => files.extend(checklist::expand(std::slice::from_ref(path))?),
        }
        if n == 0 && config.is_none() {
            config = beside;
        }
    }
    Ok(Inputs { files, config })
}

/// Loads every file, in order.
pub fn load_all(files: &[PathBuf]) -> Result<Vec<Checklist>> {
    files.iter().map(|f| checklist::load(f)).collect()
}
