//! stancegraph turns coded political statements ("who said what about which
//! stance, agreeing or disagreeing") into actor-relationship networks and
//! writes them for Graphviz, Gephi, NetworkX and igraph.
//!
//! The pipeline runs one way: [`load`] reads a [`model::Dataset`] from any
//! input form (CSV, JSON, a DNA database, a workbook), [`network`] builds
//! the [`graph::Network`] asked for, and [`export`] writes it in any format;
//! [`output`] puts the files in place atomically. [`run::export`] does all
//! of it in one call.
//!
//! ```
//! use stancegraph::{export::Format, load::{load, Input, LoadOptions}, network};
//!
//! let loaded = load(&Input::Embedded, &LoadOptions::default()).expect("the seed dataset is valid");
//! let dataset = loaded.dataset;
//! let network = network::full(&dataset);
//! let mut graphml = Vec::new();
//! Format::Graphml.write(&network, &dataset, 0, &mut graphml).unwrap();
//! assert!(String::from_utf8(graphml).unwrap().contains("Jean-Noël Barrot"));
//! ```

pub mod export;
pub mod graph;
pub mod load;
pub mod model;
pub mod network;
pub mod output;
pub mod render;
pub mod run;
pub mod sql;
pub mod stats;

/// What a build without the `parquet` feature says when asked to read or
/// write Parquet.
pub const PARQUET_MISSING: &str = "this stancegraph was built without Parquet; build it with cargo build --release --features parquet";
