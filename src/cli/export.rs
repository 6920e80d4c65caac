//! `ready export`: the criteria tree of any checklist, as YAML or JSON.
//!
//! The policy that governs the checklist (its own, over the `ready.yaml` beside it) travels
//! with the tree, so checking the exported file anywhere gives the same verdict.

use ready_gate::checklist::{self, yaml};
use ready_gate::config::PolicyConfig;
use ready_gate::context::Context;
use ready_gate::{Error, atomic_write, exit_code, inputs};

use crate::cli::args::{ExportArgs, ExportFormat};
use crate::cli::emit;

pub fn run(args: ExportArgs, context: &Context) -> anyhow::Result<i32> {
    let loaded = checklist::load(&args.file)?;
    let found = inputs::resolve(std::slice::from_ref(&args.file), None, &context.cwd)?;
    let beside = found.config.map(|c| c.file.policy).unwrap_or_default();
    let mut tree = yaml::export(&loaded);
    let policy = loaded.policy.clone().unwrap_or_default().or(&beside);
    tree.policy = (policy != PolicyConfig::default()).then_some(policy);
    let text = match args.format {
        ExportFormat::Yaml => yaml::to_yaml(&tree),
        ExportFormat::Json => serde_json::to_string_pretty(&tree)
            .map(|s| s + "\n")
            .map_err(|e| e.to_string()),
    }
    .map_err(|e| Error::Usage(format!("{}: cannot export: {e}", args.file.display())))?;
    match &args.output {
        Some(path) => atomic_write::write(path, text.as_bytes())?,
        None => emit(|out| out.write_all(text.as_bytes()))?,
    }
    Ok(exit_code::GO)
}
