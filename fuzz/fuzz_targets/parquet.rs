//! Arbitrary bytes as a Parquet statements file (the `parquet` feature).
#![no_main]

use libfuzzer_sys::fuzz_target;
use stancegraph::load::{Input, LoadOptions, load};

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("fuzz.parquet");
    std::fs::write(&path, data).expect("writing the input");
    if let Ok(loaded) = load(&Input::Parquet(path), &LoadOptions::default()) {
        stancegraph_fuzz::exercise(&loaded);
    }
});
