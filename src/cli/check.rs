//! `ready check`: load, assess, report, and exit with the verdict.

use ready_gate::config::PolicyConfig;
use ready_gate::context::Context;
use ready_gate::report::{self, Format, Style};
use ready_gate::{assess, inputs};

use crate::cli::args::{CheckArgs, CheckFormat};
use crate::cli::emit;

pub fn run(args: CheckArgs, context: &Context) -> anyhow::Result<i32> {
    let found = inputs::resolve(&args.paths, args.config.as_deref(), &context.cwd)?;
    let checklists = inputs::load_all(&found.files)?;
    let config_policy = found.config.map(|c| c.file.policy).unwrap_or_default();
    let overrides = PolicyConfig {
        threshold: args.threshold,
        ..PolicyConfig::default()
    };
    let assessment = assess(checklists, &config_policy, &overrides)?;
    let format = match args.format {
        CheckFormat::Table => Format::Table,
        CheckFormat::Json => Format::Json,
    };
    let style = Style {
        color: context.color_stdout(),
    };
    let reporter = report::for_format(format, style);
    emit(|out| reporter.write(&assessment, out))?;
    Ok(assessment.verdict.exit_code())
}
