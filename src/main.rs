//! The `ready` binary: parse arguments, run the library, map the outcome to an exit code.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
