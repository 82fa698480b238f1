//! Arbitrary bytes as a statements table (the first byte picks the
//! delimiter option): loading either succeeds or reports errors, and a
//! loaded dataset goes through every network and format without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stancegraph::load::{CsvBytes, LoadOptions, load_csv_bytes};

fuzz_target!(|data: &[u8]| {
    let Some((&choice, table)) = data.split_first() else {
        return;
    };
    let options = LoadOptions {
        delimiter: [None, Some(b';'), Some(b'\t')][usize::from(choice % 3)],
        ..LoadOptions::default()
    };
    let tables = CsvBytes {
        statements: table,
        ..CsvBytes::default()
    };
    if let Ok(loaded) = load_csv_bytes("fuzz", &tables, &options) {
        stancegraph_fuzz::exercise(&loaded);
    }
});
