//! Fuzz target `workbook_file`: the property checks of `tests/fuzz_checks/mod.rs`, which
//! `cargo test` replays on every saved input.
#![no_main]

#[path = "../../tests/fuzz_checks/mod.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::workbook_file(data));
