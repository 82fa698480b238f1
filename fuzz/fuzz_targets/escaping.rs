//! Arbitrary actor, stance, quote and attribute texts: every format writes
//! them so that its own parser reads them back (see `roundtrip.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|texts: (String, String, String, String)| {
    let (actor, stance, quote, party) = texts;
    stancegraph_fuzz::roundtrip::check(&actor, &stance, &quote, &party);
});
