//! Arbitrary bytes as an event dataset's file: the first byte chooses the
//! preset (GDELT or ACLED), the rest is the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stancegraph::load::{LoadOptions, Preset, load_event_bytes};

fuzz_target!(|data: &[u8]| {
    let Some((&choice, file)) = data.split_first() else {
        return;
    };
    let preset = if choice % 2 == 0 { Preset::Gdelt } else { Preset::Acled };
    if let Ok(loaded) = load_event_bytes("fuzz.CSV", file, preset, &LoadOptions::default()) {
        stancegraph_fuzz::exercise(&loaded);
    }
});
