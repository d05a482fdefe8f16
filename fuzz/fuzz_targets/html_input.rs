//! Arbitrary bytes as a downloaded HTML page (and as plain text): article extraction never
//! panics, and the document goes through the pipeline without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::check(entente_driver::fetch::document("http://fuzz.test/page", "text/html; charset=utf-8", data.to_vec()));
    common::check(entente_driver::fetch::document("http://fuzz.test/text", "text/plain", data.to_vec()));
});
