//! How reports link to checklist lines, from what the runner says about the repository.

use crate::context::Context;
use crate::report::Links;

/// To the commit on GitHub when the runner says which, else relative to the working directory.
pub(crate) fn links(context: &Context) -> Links {
    let base = context.github.as_ref().and_then(|g| {
        Some(format!(
            "{}/{}/blob/{}/",
            g.server_url.as_deref()?.trim_end_matches('/'),
            g.repository.as_deref()?,
            g.sha.as_deref()?
        ))
    });
    Links {
        base,
        cwd: context.cwd.clone(),
        root: context.github.as_ref().and_then(|g| g.workspace.clone()),
    }
}
