//! `ready schema NAME`: the JSON Schemas of the files people write (`ready.yaml`, YAML
//! checklists, probe files) and of the JSON report, generated from the types that read and
//! write them, so an editor completes and checks keys and the schemas can never drift (the
//! committed copies under `schemas/` are compared with these by a test).

use crate::error::Result;
use crate::workflow::{Streams, exit_code};

/// The schemas `ready` publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaName {
    /// `ready.yaml`.
    ReadyYaml,
    /// A YAML checklist.
    Checklist,
    /// A probe file.
    Probes,
    /// The JSON report of `ready check --format json`.
    Report,
    /// The fleet summary of `ready summarize --format json`.
    Summary,
}

impl SchemaName {
    /// Every schema, with the file name it is committed under in `schemas/`.
    pub const ALL: [(SchemaName, &'static str); 5] = [
        (SchemaName::ReadyYaml, "ready-yaml.schema.json"),
        (SchemaName::Checklist, "checklist.schema.json"),
        (SchemaName::Probes, "probes.schema.json"),
        (SchemaName::Report, "report.schema.json"),
        (SchemaName::Summary, "summary.schema.json"),
    ];
}

/// The schema as pretty JSON, ending in a newline.
pub fn schema_text(name: SchemaName) -> String {
    let (schema, title) = match name {
        SchemaName::ReadyYaml => (
            schemars::schema_for!(crate::config::ConfigFile),
            "ready.yaml: the project's checklists, probe files, policy, waivers and lint settings",
        ),
        SchemaName::Checklist => (
            schemars::schema_for!(crate::checklist::yaml::YamlChecklist),
            "A ready checklist in YAML",
        ),
        SchemaName::Probes => (
            schemars::schema_for!(crate::probe::FileSpec),
            "A ready probe file",
        ),
        SchemaName::Report => (
            schemars::schema_for!(crate::report::Document<'static>),
            "The JSON report of ready check",
        ),
        SchemaName::Summary => (
            schemars::schema_for!(crate::report::fleet::Summary<'static>),
            "The fleet summary of ready summarize",
        ),
    };
    let mut value = schema.to_value();
    value["title"] = serde_json::Value::String(title.to_owned());
    crate::report::pretty::to_text(&value).unwrap_or_default()
}

/// Prints one schema.
pub fn schema(name: SchemaName, streams: &mut Streams<'_>) -> Result<i32> {
    streams.write(schema_text(name).as_bytes())?;
    Ok(exit_code::GO)
}
