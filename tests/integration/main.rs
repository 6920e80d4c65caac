//! One integration test binary (see Cargo.toml, `autotests = false`): the `ready` binary run
//! end to end on fixtures it ships, in temporary directories, with a hermetic environment.

mod artifacts;
mod attest;
mod bad_input;
mod cli;
mod databases;
mod diff;
mod evidence;
mod export;
mod fleet;
mod history;
mod hostile;
mod layering;
mod lint;
mod parsing;
mod probes;
mod ratchet;
mod replay;
mod reports;
mod seeds;
mod servers;
mod shipped;
mod signoffs;
mod support;
mod waivers;
mod workflow;
