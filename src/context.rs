//! What `ready` knows about the world it runs in, read once at start-up.
//!
//! Reporters and commands receive a [`Context`] rather than calling `std::env`, so tests can
//! build one by hand and stay hermetic. The one other reader of the environment is `${VAR}`
//! interpolation in probe files ([`crate::probe::values::Text`]), which exists to read it.

use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    pub cwd: PathBuf,
    pub stdout_is_terminal: bool,
    pub stderr_is_terminal: bool,
    /// `NO_COLOR` is set to a non-empty value (<https://no-color.org>).
    pub no_color: bool,
    /// `CI` is set: running in a CI job.
    pub ci: bool,
}

impl Context {
    pub fn from_process() -> std::io::Result<Context> {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        Ok(Context {
            cwd: std::env::current_dir()?,
            stdout_is_terminal: std::io::stdout().is_terminal(),
            stderr_is_terminal: std::io::stderr().is_terminal(),
            no_color: set("NO_COLOR"),
            ci: set("CI"),
        })
    }

    /// Colour on standard output: only on a terminal, never with `NO_COLOR`.
    pub fn color_stdout(&self) -> bool {
        self.stdout_is_terminal && !self.no_color
    }

    pub fn color_stderr(&self) -> bool {
        self.stderr_is_terminal && !self.no_color
    }
}
