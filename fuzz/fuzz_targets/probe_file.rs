//! Raw bytes as a file the reader is given (see `ready_gate::workflow::fuzz::probe_file`).
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| ready_gate::workflow::fuzz::probe_file(bytes));
