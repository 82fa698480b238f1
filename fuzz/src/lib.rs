//! What the fuzz targets share: running a loaded dataset through every
//! network and format, and the escaping round trip of every writer. The
//! round trip is also run by `tests/roundtrip.rs` on stable Rust, so CI
//! checks it where no nightly toolchain is.

pub mod dot;
pub mod roundtrip;

use std::io;

use roundtrip::spring;
use stancegraph::export::Format;
use stancegraph::load::Loaded;
use stancegraph::network::{self, Kind, Normalization, Options, Qualifier};

/// Builds a few networks from a loaded dataset and writes each in every
/// format, to nowhere: none of it may panic.
pub fn exercise(loaded: &Loaded) {
    let ds = &loaded.dataset;
    let format_options = spring();
    let options = [
        Options::default(),
        Options {
            kind: Kind::Affiliation,
            qualifier: Qualifier::Combine,
            normalization: Normalization::Activity,
            ..Options::default()
        },
        Options {
            kind: Kind::Subtract,
            normalization: Normalization::Jaccard,
            ..Options::default()
        },
    ];
    for opts in &options {
        let Ok(built) = network::build(ds, opts) else {
            continue;
        };
        // Every format this build writes (Parquet only with its feature).
        for format in Format::EVERY.into_iter().filter(|f| f.available()) {
            for notice in format.notices(&built.network, stancegraph::Spelling::PLAIN) {
                assert!(!notice.text.is_empty());
            }
            for &part in format.parts() {
                format
                    .write_part(&built.network, ds, &format_options, part, &mut io::sink())
                    .expect("writing to nowhere cannot fail");
            }
        }
    }
}
