//! `ready export`: the criteria tree of any checklist, as YAML or JSON.

use ready_gate::checklist::{self, yaml};
use ready_gate::context::Context;
use ready_gate::{Error, Result, atomic_write, exit_code};

use crate::cli::args::{ExportArgs, ExportFormat};
use crate::cli::emit;

pub fn run(args: ExportArgs, _context: &Context) -> Result<i32> {
    let loaded = checklist::load(&args.file)?;
    let tree = yaml::export(&loaded);
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
