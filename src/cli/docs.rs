//! `ready completions` and `ready man`: generated from the same clap definitions as the CLI,
//! so they can never drift from the flags.

use std::path::Path;

use std::io::Write;

use anyhow::Context as _;
use clap::CommandFactory;
use ready_gate::workflow::exit_code;

use crate::cli::args::{Cli, CompletionsArgs, ManArgs};

pub(super) fn completions(args: CompletionsArgs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "ready", out);
    out.flush().context("cannot write to standard output")?;
    Ok(exit_code::GO)
}

pub(super) fn man(args: ManArgs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let command = Cli::command();
    match args.dir {
        None => clap_mangen::Man::new(command)
            .render(out)
            .and_then(|()| out.flush())
            .context("cannot write to standard output")?,
        Some(dir) => write_pages(&dir, command, out)?,
    }
    Ok(exit_code::GO)
}

/// `ready.1` plus `ready-check.1` and so on, as packagers install them.
fn write_pages(dir: &Path, command: clap::Command, out: &mut dyn Write) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create the directory", dir.display()))?;
    let mut pages = vec![(String::from("ready"), command.clone())];
    for sub in command.get_subcommands() {
        let name = format!("ready-{}", sub.get_name());
        pages.push((name.clone(), sub.clone().name(name)));
    }
    for (name, page) in pages {
        let mut roff = Vec::new();
        clap_mangen::Man::new(page).render(&mut roff)?;
        let path = dir.join(format!("{name}.1"));
        std::fs::write(&path, &roff)
            .with_context(|| format!("{}: cannot write", path.display()))?;
        writeln!(out, "wrote {}", path.display())?;
    }
    Ok(())
}
