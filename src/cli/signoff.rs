//! `ready signoff`: the sign-off table for the release manager.

use ready_gate::context::Context;
use ready_gate::report::{Style, signoffs};
use ready_gate::{exit_code, inputs};

use crate::cli::args::{CheckFormat, SignoffArgs};
use crate::cli::emit;

pub fn run(args: SignoffArgs, context: &Context) -> anyhow::Result<i32> {
    let found = inputs::resolve(&args.paths, args.config.as_deref(), &context.cwd)?;
    let checklists = inputs::load_all(&found.files)?;
    let style = Style {
        color: context.color_stdout(),
    };
    emit(|out| match args.format {
        CheckFormat::Table => signoffs::write_table(&checklists, style, out),
        CheckFormat::Json => signoffs::write_json(&checklists, out),
    })?;
    Ok(exit_code::GO)
}
