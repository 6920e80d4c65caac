//! `ready init`: a starting point that already works. It writes a `ready.yaml`, a checklist
//! and a probe file from the templates shipped in `checklists/templates/` and
//! `probes/templates/`, wired together so that `ready check` runs at once.
//!
//! Nothing the user has is ever replaced: if any of the files exists, nothing is written, and
//! each file is linked into place only if its name is still free at that moment.

use std::path::{Path, PathBuf};

use crate::context::Context;
use crate::error::{Error, Result};
use crate::files;
use crate::workflow::schema::{SchemaName, schema_text};
use crate::workflow::{Streams, exit_code};

/// The templates `ready init` can start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// The Markdown service-launch checklist.
    ServiceLaunch,
    /// The same checklist in YAML.
    ServiceLaunchYaml,
}

const MARKDOWN: &str = include_str!("../../checklists/templates/service-launch.md");
const YAML: &str = include_str!("../../checklists/templates/service-launch.yaml");
const PROBES: &str = include_str!("../../probes/templates/service-launch.yaml");

fn config(checklist: &str) -> String {
    format!(
        "# yaml-language-server: $schema=.ready/schemas/ready-yaml.schema.json\n\
         # ready's configuration: which checklists to check, which probes verify them, and the\n\
         # go/no-go policy. Every key: docs/policy.md. Flags override these values.\n\
         checklists:\n  - {checklist}\n\
         probes:\n  - probes/service-launch.yaml\n\
         policy:\n  threshold: 90\n\
         \x20 # Sign-offs recorded with `ready signoff sign` that a GO needs (all, or a list of roles):\n\
         \x20 # require_signoffs: all\n\
         \x20 # The most waivers that may be in effect at once:\n\
         \x20 # max_waivers: 3\n\
         # Approved exceptions that expire; all four keys are required:\n\
         # waivers:\n\
         #   - item: \"Penetration test\"\n\
         #     reason: \"Scheduled with the vendor for the week after launch\"\n\
         #     approved_by: \"CISO\"\n\
         #     expires: 2030-01-31\n"
    )
}

/// The files a template writes, relative to the target directory, with their contents.
fn files(template: Template) -> Vec<(PathBuf, String)> {
    let (name, checklist) = match template {
        Template::ServiceLaunch => ("checklists/service-launch.md", MARKDOWN),
        Template::ServiceLaunchYaml => ("checklists/service-launch.yaml", YAML),
    };
    // The templates point editors at this repository's schemas; a project gets its own copies.
    let schemas = |text: &str| text.replace("../../schemas/", "../.ready/schemas/");
    let mut files = vec![
        (PathBuf::from("ready.yaml"), config(name)),
        (PathBuf::from(name), schemas(checklist)),
        (
            PathBuf::from("probes/service-launch.yaml"),
            schemas(PROBES).replace(
                "(`ready init` writes this file as probes/service-launch.yaml)",
                "(written by `ready init`)",
            ),
        ),
    ];
    for (schema, file) in [
        (SchemaName::ReadyYaml, "ready-yaml.schema.json"),
        (SchemaName::Checklist, "checklist.schema.json"),
        (SchemaName::Probes, "probes.schema.json"),
    ] {
        files.push((
            PathBuf::from(".ready/schemas").join(file),
            schema_text(schema),
        ));
    }
    files
}

/// Writes the template's files into `dir` (relative to the working directory) and says what
/// it wrote and what to do next. Fails, writing nothing, when any of them exists already.
pub fn init(
    template: Template,
    dir: &Path,
    context: &Context,
    streams: &mut Streams<'_>,
) -> Result<i32> {
    let written = write_files(&context.cwd.join(dir), template)?;
    let mut said = String::new();
    for path in &written {
        let shown = path.strip_prefix(&context.cwd).unwrap_or(path);
        said.push_str(&format!("wrote {}\n", shown.display()));
    }
    let cd = if dir.as_os_str() == "." {
        String::new()
    } else {
        format!("cd {} && ", dir.display())
    };
    said.push_str(&format!(
        "next: edit the checklist, point the probes at your service, then run `{cd}ready check`\n"
    ));
    streams.write(said.as_bytes())?;
    Ok(exit_code::GO)
}

fn write_files(dir: &Path, template: Template) -> Result<Vec<PathBuf>> {
    let files = files(template);
    let taken: Vec<String> = files
        .iter()
        .map(|(p, _)| dir.join(p))
        .filter(|p| p.symlink_metadata().is_ok())
        .map(|p| p.display().to_string())
        .collect();
    if !taken.is_empty() {
        return Err(Error::WouldOverwrite {
            one: taken.len() == 1,
            paths: taken.join(", "),
        });
    }
    let mut written = Vec::new();
    for (relative, contents) in files {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Write {
                path: parent.display().to_string(),
                source,
            })?;
        }
        files::write_new(&path, contents.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}
