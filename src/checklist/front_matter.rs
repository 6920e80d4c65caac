//! The `ready:` key of a Markdown checklist's front matter: the checklist's own policy.

use serde::Deserialize;

use crate::error::Result;
use crate::model::PolicyConfig;

/// Reads the `ready:` key of a front matter block that starts at line `first_line`. Other keys
/// belong to other tools (issue templates, static site generators) and are left alone.
pub(crate) fn policy(path: &str, first_line: u32, block: &str) -> Result<Option<PolicyConfig>> {
    #[derive(Deserialize)]
    struct FrontMatter {
        ready: Option<PolicyConfig>,
    }
    if !block.lines().any(|l| l.starts_with("ready:")) {
        return Ok(None);
    }
    let front: FrontMatter = crate::files::yaml_from_str(path, block, first_line, "")?;
    front.ready.map(|p| p.validate(path)).transpose()
}

/// The `title:` (or `name:`, as issue templates write it) of a front matter block.
pub(crate) fn title(block: &str) -> Option<String> {
    block.lines().find_map(|line| {
        let value = line
            .strip_prefix("title:")
            .or_else(|| line.strip_prefix("name:"))?;
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
        (!value.is_empty()).then(|| value.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::policy;

    #[test]
    fn only_reads_its_own_key() {
        let block = "name: Launch\nlabels: [a]\n";
        assert_eq!(policy("a.md", 2, block).expect("ok"), None);
        let block = "name: Launch\nready:\n  threshold: 75\n";
        let read = policy("a.md", 2, block).expect("ok").expect("policy");
        assert_eq!(read.threshold, Some(75.0));
        let block = "ready:\n  treshold: 75\n";
        let err = policy("a.md", 2, block).expect_err("typo");
        assert!(err.to_string().starts_with("a.md:3"), "{err}");
    }
}
