//! Command-line front end: clap types, dispatch to the library, and kind error display.
//! Only `main.rs` reaches this module; the library never sees clap.

mod args;
mod check;
mod diagnostic;
mod docs;
mod export;
mod init;
mod probe;
mod progress;
mod signoff;

use std::process::ExitCode;

use clap::Parser;
use ready_gate::context::Context;
use ready_gate::exit_code;

use args::{Cli, Command};

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let context = match Context::from_process() {
        Ok(context) => context,
        Err(e) => {
            eprintln!("error: cannot read the working directory: {e}");
            return code(exit_code::ERROR);
        }
    };
    let outcome = match cli.command {
        Command::Check(args) => check::run(args, &context),
        Command::Signoff(args) => signoff::run(args, &context),
        Command::Probe(args) => probe::run(args, &context),
        Command::Export(args) => export::run(args, &context),
        Command::Init(args) => init::run(args, &context),
        Command::Completions(args) => docs::completions(args),
        Command::Man(args) => docs::man(args),
    };
    match outcome {
        Ok(status) => code(status),
        Err(error) => {
            diagnostic::print(&error, &context);
            code(exit_code::ERROR)
        }
    }
}

fn code(status: i32) -> ExitCode {
    ExitCode::from(u8::try_from(status).unwrap_or(2))
}

/// Writes a report to standard output through one buffer, treating a closed pipe
/// (`ready check | head`) as done.
fn emit(write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>) -> anyhow::Result<()> {
    use anyhow::Context as _;
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}
