//! Raw bytes as a file the reader is given (see `ready_gate::workflow::fuzz::yaml_checklist`).
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| ready_gate::workflow::fuzz::yaml_checklist(bytes));
