//! stancegraph turns coded political statements ("who said what about which
//! stance, agreeing or disagreeing") into actor-relationship networks and
//! writes them for Graphviz, Gephi, NetworkX and igraph.
//!
//! The pipeline runs one way: [`load`] reads a [`model::Dataset`],
//! [`graph::Network`] builds the graph, and [`export`] writes it in any
//! format; [`output`] puts the files in place atomically.
//!
//! ```
//! use stancegraph::{export::Format, graph::Network, load::{load, Input}};
//!
//! let dataset = load(&Input::Embedded).expect("the seed dataset is valid");
//! let network = Network::full(&dataset);
//! let mut graphml = Vec::new();
//! Format::Graphml.write(&network, 0, &mut graphml).unwrap();
//! assert!(String::from_utf8(graphml).unwrap().contains("Jean-Noël Barrot"));
//! ```

pub mod export;
pub mod graph;
pub mod load;
pub mod model;
pub mod network;
pub mod output;
pub mod stats;
