//! Arbitrary bytes as a JSON Lines input: reading never panics, and each item goes through the
//! pipeline without panicking.
#![no_main]

use entente_driver::config::InputParams;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let params = InputParams { max_document_bytes: 4096, ..InputParams::default() };
    entente_driver::input::read_jsonl("fuzz.jsonl", data, &params, &mut common::check);
});
