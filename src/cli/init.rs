//! `ready init`: write a starter project from the shipped templates.

use ready_gate::context::Context;
use ready_gate::{exit_code, init};

use crate::cli::args::{InitArgs, Template};

pub fn run(args: InitArgs, context: &Context) -> anyhow::Result<i32> {
    let template = match args.template {
        Template::ServiceLaunch => init::Template::ServiceLaunch,
        Template::ServiceLaunchYaml => init::Template::ServiceLaunchYaml,
    };
    let written = init::init(&context.cwd.join(&args.dir), template)?;
    for path in &written {
        let shown = path.strip_prefix(&context.cwd).unwrap_or(path);
        println!("wrote {}", shown.display());
    }
    let dir = if args.dir.as_os_str() == "." {
        String::new()
    } else {
        format!("cd {} && ", args.dir.display())
    };
    println!(
        "next: edit the checklist, point the probes at your service, then run `{dir}ready check`"
    );
    Ok(exit_code::GO)
}
