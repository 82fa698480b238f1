//! Arbitrary bytes as a Parquet statements file (the `parquet` feature).
#![no_main]

use std::sync::Once;

use libfuzzer_sys::fuzz_target;
use stancegraph::load::{Input, LoadOptions, guarding, load};

static QUIET: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    // The reader catches the parquet crate's panics on damaged pages and
    // reports them as errors; every other panic still aborts, as libFuzzer's
    // hook makes it.
    QUIET.call_once(|| {
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !guarding() {
                abort(info);
            }
        }));
    });
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("fuzz.parquet");
    std::fs::write(&path, data).expect("writing the input");
    if let Ok(loaded) = load(&Input::Parquet(path), &LoadOptions::default()) {
        stancegraph_fuzz::exercise(&loaded);
    }
});
