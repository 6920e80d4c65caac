//! `ready signoff`: the sign-off table for the release manager, and `ready signoff sign`,
//! which records a signature in the ledger beside the checklist.

use ready_gate::context::Context;
use ready_gate::error::Error;
use ready_gate::ledger::{self, Signature};
use ready_gate::report::{Style, signoffs};
use ready_gate::{checklist, exit_code, inputs};

use crate::cli::args::{ListFormat, SignArgs, SignoffAction, SignoffArgs};
use crate::cli::check::load_with_ledgers;
use crate::cli::emit;

pub fn run(args: SignoffArgs, context: &Context) -> anyhow::Result<i32> {
    if let Some(SignoffAction::Sign(sign_args)) = args.action {
        return sign(sign_args, context);
    }
    let found = inputs::resolve(&args.paths, args.config.as_deref(), &context.cwd)?;
    let checklists = load_with_ledgers(&found.files)?;
    let style = Style {
        color: context.color_stdout(),
    };
    emit(|out| match args.format {
        ListFormat::Table => signoffs::write_table(&checklists, style, out),
        ListFormat::Json => signoffs::write_json(&checklists, out),
    })?;
    Ok(exit_code::GO)
}

fn sign(args: SignArgs, context: &Context) -> anyhow::Result<i32> {
    let paths: Vec<_> = args.path.iter().cloned().collect();
    let found = inputs::resolve(&paths, args.config.as_deref(), &context.cwd)?;
    let file = match found.files.as_slice() {
        [one] => one.clone(),
        several => {
            let names: Vec<String> = several.iter().map(|f| f.display().to_string()).collect();
            return Err(Error::Usage(format!(
                "a sign-off is for one checklist, and {} would be read: {}; name the one to sign",
                names.len(),
                names.join(", ")
            ))
            .into());
        }
    };
    let loaded = checklist::load(&file)?;
    let signature = Signature {
        role: args.role,
        name: args.name,
        note: args.note,
    };
    let entry = ledger::sign(&file, &loaded, signature, context.now)?;
    println!(
        "{} signed {} as {} at {} ({}), recorded in {}",
        file.display(),
        entry.role,
        entry.name,
        entry.signed_at,
        entry.digest,
        ledger::path_for(&file).display()
    );
    Ok(exit_code::GO)
}
