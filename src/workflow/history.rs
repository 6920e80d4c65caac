//! `ready history`: the trend of readiness over runs, from a history file or from a JSON report
//! committed to git.

use std::path::{Path, PathBuf};

use crate::context::Context;
use crate::error::{Error, Result};
use crate::files::git::Within;
use crate::report;
use crate::workflow::{ListFormat, Streams, exit_code};

/// Where `ready history` looks when given nothing.
pub const DEFAULT_HISTORY: &str = ".ready/history.jsonl";

/// Prints the history; exit 0, or 2 when it cannot be read. `git_timeout` bounds each git
/// command of `--git` (`None`: the default).
pub fn history(
    file: Option<&Path>,
    git: Option<&Path>,
    git_timeout: Option<std::time::Duration>,
    format: ListFormat,
    context: &Context,
    streams: &mut Streams<'_>,
) -> Result<i32> {
    let (entries, notices) = match git {
        Some(report) => {
            crate::history::from_git(&context.cwd.join(report), Within::new(git_timeout))?
        }
        None => {
            let path = file.map_or_else(|| PathBuf::from(DEFAULT_HISTORY), Path::to_owned);
            if !context.cwd.join(&path).is_file() {
                return Err(Error::NotFound {
                    path: path.display().to_string(),
                });
            }
            crate::history::load(&context.cwd.join(path))?
        }
    };
    let mut bytes = Vec::new();
    match format {
        ListFormat::Table => report::history::table(&entries, &mut bytes),
        ListFormat::Json => report::history::json(&entries, &mut bytes),
    }
    .map_err(Error::Output)?;
    streams.write(&bytes)?;
    streams.warn(&notices);
    Ok(exit_code::GO)
}
