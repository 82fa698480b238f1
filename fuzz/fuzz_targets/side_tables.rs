//! Arbitrary bytes as a dataset directory's tables, split at 0xFF bytes
//! into statements, actors, stances and countries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stancegraph::load::{CsvBytes, LoadOptions, load_csv_bytes};

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|b| *b == 0xFF);
    let statements = parts.next().unwrap_or_default();
    let tables = CsvBytes {
        statements,
        actors: parts.next(),
        stances: parts.next(),
        countries: parts.next(),
    };
    if let Ok(loaded) = load_csv_bytes("fuzz", &tables, &LoadOptions::default()) {
        stancegraph_fuzz::exercise(&loaded);
    }
});
