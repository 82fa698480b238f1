//! Arbitrary bytes as a JSON dataset.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stancegraph::load::load_json_bytes;

fuzz_target!(|data: &[u8]| {
    if let Ok(loaded) = load_json_bytes("fuzz.json", data) {
        stancegraph_fuzz::exercise(&loaded);
    }
});
