//! Command-line front end: clap types, one call into the library's workflow per command, and
//! kind error display. Only `main.rs` reaches this module; the library never sees clap.

mod args;
mod diagnostic;
mod docs;
mod progress;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use ready_gate::workflow::{
    self, CheckRequest, DiffRequest, LintRequest, ProbeRequest, RunOptions, SignRequest, Streams,
    SummarizeRequest, Verbosity,
};
use ready_gate::{Context, workflow::exit_code};

use args::{Cli, ColorChoice, Command, RunArgs, SignoffAction};
use progress::Bar;

pub(crate) fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut context = match Context::from_process() {
        Ok(context) => context,
        Err(e) => {
            eprintln!("error: cannot read the working directory: {e}");
            return code(exit_code::ERROR);
        }
    };
    let mut out = Stdout::new();
    let mut err = io::stderr().lock();
    let mut streams = Streams {
        out: &mut out,
        err: &mut err,
    };
    // The process ends when the command returns: what it built is left to the exit.
    context.exits_after_command = true;
    context.color = match cli.color {
        ColorChoice::Auto => None,
        ColorChoice::Always => Some(true),
        ColorChoice::Never => Some(false),
    };
    let verbosity = Verbosity {
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    let outcome = run(cli.command, verbosity, &context, &mut streams);
    match outcome {
        Ok(status) => code(status),
        Err(error) => {
            diagnostic::print(&error, &context);
            code(exit_code::ERROR)
        }
    }
}

fn run(
    command: Command,
    verbosity: Verbosity,
    context: &Context,
    streams: &mut Streams<'_>,
) -> anyhow::Result<i32> {
    Ok(match command {
        Command::Check(args) => {
            let mut bar = Bar::new(context);
            let request = CheckRequest {
                paths: args.paths,
                config: args.config,
                format: args.format.into(),
                reports: args
                    .reports
                    .into_iter()
                    .map(|(f, p)| (f.into(), p))
                    .collect(),
                strict: args.strict,
                threshold: args.threshold,
                probe_files: args.probe_files,
                no_probes: args.no_probes,
                today: args.today,
                baseline: args.baseline,
                tolerance: args.tolerance,
                history: args.history,
                record: args.record,
                replay: args.replay,
                max_evidence_age: args.max_evidence_age,
                verbosity,
                mode: args.mode.map(Into::into),
                run: run_options(&args.run),
            };
            workflow::check(&request, context, &mut |e| bar.update(e), streams)?
        }
        Command::Diff(args) => {
            let request = DiffRequest {
                old: args.old,
                new: args.new,
                format: args.format.into(),
                fail_on_gaming: args.fail_on.is_some(),
                today: args.today,
                git_timeout: args.run_git.git_timeout,
            };
            workflow::diff(&request, context, streams)?
        }
        Command::History(args) => workflow::history(
            args.file.as_deref(),
            args.git.as_deref(),
            args.run_git.git_timeout,
            args.format.into(),
            context,
            streams,
        )?,
        Command::Summarize(args) => {
            let request = SummarizeRequest {
                paths: args.paths,
                format: args.format.into(),
                reports: args
                    .reports
                    .into_iter()
                    .map(|(f, p)| (f.into(), p))
                    .collect(),
                group_by: args.group_by,
                previous: args.previous,
                max_age: args.max_age,
                expiring: args.expiring,
                today: args.today,
                quiet: verbosity.quiet,
            };
            workflow::summarize(&request, context, streams)?
        }
        Command::Lint(args) if args.rules => workflow::lint_rules(streams)?,
        Command::Lint(args) => {
            let mut bar = Bar::new(context);
            let request = LintRequest {
                paths: args.paths,
                config: args.config,
                format: args.format.into(),
                deny_warnings: args.deny.is_some(),
                today: args.today,
                probe_files: args.probe_files,
                live: args.live,
                quiet: verbosity.quiet,
                run: run_options(&args.run),
            };
            workflow::lint(&request, context, &mut |e| bar.update(e), streams)?
        }
        Command::Probe(args) => {
            let mut bar = Bar::new(context);
            let request = ProbeRequest {
                files: args.files,
                config: args.config,
                format: args.format.into(),
                run: run_options(&args.run),
            };
            workflow::probe(&request, context, &mut |e| bar.update(e), streams)?
        }
        Command::Signoff(args) => match args.action {
            Some(SignoffAction::Sign(sign)) => {
                let request = SignRequest {
                    role: sign.role,
                    name: sign.name,
                    note: sign.note,
                    path: sign.path,
                    config: sign.config,
                    attest: sign.attest,
                };
                workflow::sign(request, context, streams)?
            }
            None => workflow::signoffs(
                &args.paths,
                args.config.as_deref(),
                args.format.into(),
                context,
                streams,
            )?,
        },
        Command::Export(args) => workflow::export(
            &args.file,
            args.format.into(),
            args.output.as_ref(),
            context,
            streams,
        )?,
        Command::Init(args) => workflow::init(args.template.into(), &args.dir, context, streams)?,
        Command::Schema(args) => workflow::schema(args.name.into(), streams)?,
        Command::Completions(args) => docs::completions(args, streams.out)?,
        Command::Man(args) => docs::man(args, streams.out)?,
    })
}

fn code(status: i32) -> ExitCode {
    ExitCode::from(u8::try_from(status).unwrap_or(2))
}

fn run_options(args: &RunArgs) -> RunOptions {
    RunOptions {
        concurrency: args.concurrency,
        timeout: args.timeout,
        deadline: args.deadline,
        allow_exec: args.allow_exec,
    }
}

/// Standard output through one buffer, where a closed pipe (`ready check | head`) ends the
/// output quietly instead of failing the command: the verdict still decides the exit code.
struct Stdout {
    inner: io::BufWriter<io::StdoutLock<'static>>,
    closed: bool,
}

impl Stdout {
    fn new() -> Stdout {
        Stdout {
            inner: io::BufWriter::new(io::stdout().lock()),
            closed: false,
        }
    }

    fn quiet_if_closed(&mut self, result: io::Result<()>) -> io::Result<()> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.flush();
        self.quiet_if_closed(result)
    }
}

impl Drop for Stdout {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}
