//! stancegraph turns coded political statements ("who said what about which
//! stance, agreeing or disagreeing") into actor-relationship networks and
//! writes them for Graphviz, Gephi, NetworkX and igraph.
//!
//! The pipeline runs one way: [`load`] reads a [`model::Dataset`] from any
//! input form (CSV, JSON, a DNA database, a workbook), [`network`] builds
//! the [`network::Network`] asked for, and [`export`] writes it in any format;
//! [`output`] puts the files in place atomically. [`run::export`] does all
//! of it in one call.
//!
//! A dataset built in memory, row by row, gives the same network and the
//! same file as the same rows read from CSV (what `stancegraph export
//! statements.csv --network congruence -f graphml` writes):
//!
//! ```
//! use stancegraph::export::Format;
//! use stancegraph::load::{CsvBytes, DatasetBuilder, LoadOptions, StatementRow, load_csv_bytes};
//! use stancegraph::model::Polarity::{Agree, Disagree};
//! use stancegraph::network::{build, Kind, Options};
//!
//! let rows = [
//!     ("Pete Hegseth", "Ukraine joins NATO", Disagree),
//!     ("Donald Trump", "Ukraine joins NATO", Disagree),
//!     ("John Healey", "Ukraine joins NATO", Agree),
//!     ("Pete Hegseth", "Europe carries the aid", Agree),
//!     ("John Healey", "Europe carries the aid", Agree),
//! ];
//! let mut builder = DatasetBuilder::new("statements.csv");
//! let mut csv = String::from("actor,stance,agree\n");
//! for (actor, stance, polarity) in rows {
//!     builder.statement(StatementRow::new(actor, stance, polarity));
//!     csv.push_str(&format!("{actor},{stance},{}\n", if polarity == Agree { "yes" } else { "no" }));
//! }
//! let in_memory = builder.build().unwrap().dataset;
//! let tables = CsvBytes { statements: csv.as_bytes(), ..CsvBytes::default() };
//! let from_csv = load_csv_bytes("statements.csv", &tables, &LoadOptions::default()).unwrap().dataset;
//!
//! let opts = Options { kind: Kind::Congruence, ..Options::default() };
//! let graphml = |ds| {
//!     let network = build(ds, &opts).unwrap().network;
//!     let mut out = Vec::new();
//!     Format::Graphml.write(&network, ds, &mut out).unwrap();
//!     String::from_utf8(out).unwrap()
//! };
//! assert_eq!(graphml(&in_memory), graphml(&from_csv));
//! assert!(graphml(&in_memory).contains("Pete Hegseth"));
//! ```

mod choice;
pub use choice::{Choice, Spelled, Spelling, UnknownChoice};

pub mod analysis;
pub mod export;
pub mod graphviz;
pub mod layout;
pub mod load;
pub mod model;
pub mod names;
pub mod network;
pub mod notice;
pub mod output;
#[cfg(feature = "plot")]
pub mod plot;
pub mod render;
pub mod run;
pub mod sql;
pub mod stats;

/// What a build without the `plot` feature says when asked for a chart.
pub const PLOT_MISSING: &str = "this stancegraph was built without charts; build it with cargo build --release --features plot";

/// What a build without the `parquet` feature says when asked to read or
/// write Parquet.
pub const PARQUET_MISSING: &str = "this stancegraph was built without Parquet; build it with cargo build --release --features parquet";
