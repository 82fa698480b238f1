//! Exporters: one module per format, each writing any [`Network`] to any
//! `io::Write`; the event list writes the statements behind it.
//!
//! ```
//! use stancegraph::{export::Format, load::{load, Input, LoadOptions}, network::full};
//! let ds = load(&Input::Embedded, &LoadOptions::default()).unwrap().dataset;
//! let net = full(&ds);
//! let mut dot = Vec::new();
//! Format::Dot.write(&net, &ds, 0, &mut dot).unwrap();
//! assert!(String::from_utf8(dot).unwrap().starts_with("digraph \"full\" {"));
//! ```

pub mod attrs;
pub mod csv;
pub mod cytoscape;
pub mod dl;
pub mod dot;
pub mod gexf;
pub mod gml;
pub mod graphml;
pub mod html;
pub mod json;
pub mod label;
pub mod matrix;
pub mod pajek;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod statements;
pub mod style;
mod xml;

use std::io::{self, Write};

use crate::graph::Network;
use crate::model::Dataset;

/// Options of the formats that have them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// How the Gephi tables are written (`--csv-dialect`, `--spreadsheet-safe`).
    pub csv: csv::CsvOptions,
    /// Which GEXF version (`--gexf-version`).
    pub gexf: gexf::Version,
    /// Who lays out the HTML view (`--html-layout`).
    pub html: html::Layout,
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// Graphviz DOT.
    Dot,
    /// GraphML with typed keys.
    Graphml,
    /// Gephi's spreadsheet import: a nodes table and an edges table.
    Csv,
    /// GEXF 1.3, for Gephi, dynamic when statements are dated.
    Gexf,
    /// NetworkX node-link JSON.
    Json,
    /// The event list: the statements behind the network, as CSV.
    Statements,
    /// An interactive page, self-contained and offline.
    Html,
    /// Pajek `.net`, for Pajek, igraph and NetworkX.
    Pajek,
    /// GML, for NetworkX, igraph, Gephi, yEd and Cytoscape.
    Gml,
    /// Cytoscape.js elements JSON.
    Cytoscape,
    /// UCINET DL, a full matrix with labels.
    Dl,
    /// The adjacency matrix as CSV, labels in the first row and column.
    Matrix,
    /// Parquet node and edge tables (built with the `parquet` feature).
    Parquet,
}

impl Format {
    /// What a build without the `parquet` feature says when asked for
    /// Parquet.
    pub const PARQUET_MISSING: &'static str = "this stancegraph was built without Parquet; build it with cargo build --release --features parquet";

    /// Whether this build writes the format.
    pub fn available(self) -> bool {
        self != Format::Parquet || cfg!(feature = "parquet")
    }

    /// Every format, in order.
    pub const EVERY: [Format; 13] = [
        Format::Dot,
        Format::Graphml,
        Format::Csv,
        Format::Gexf,
        Format::Json,
        Format::Statements,
        Format::Html,
        Format::Pajek,
        Format::Gml,
        Format::Cytoscape,
        Format::Dl,
        Format::Matrix,
        Format::Parquet,
    ];

    /// The formats `all` writes, in order: every format but the last three:
    /// DL and the matrix, which grow with the square of the node count, and
    /// Parquet, which only some builds have.
    pub const ALL: &'static [Format] = Format::EVERY.split_at(10).0;

    /// The files one export writes, as suffixes after `<network>.`: one per
    /// part, in part order.
    pub fn parts(self) -> &'static [&'static str] {
        match self {
            Format::Dot => &["dot"],
            Format::Graphml => &["graphml"],
            Format::Csv => &["nodes.csv", "edges.csv"],
            Format::Gexf => &["gexf"],
            Format::Json => &["json"],
            Format::Statements => &["statements.csv"],
            Format::Html => &["html"],
            Format::Pajek => &["net"],
            Format::Gml => &["gml"],
            Format::Cytoscape => &["cyjs"],
            Format::Dl => &["dl"],
            Format::Matrix => &["matrix.csv"],
            Format::Parquet => &["nodes.parquet", "edges.parquet"],
        }
    }

    /// What the export must say before writing this format from `net`:
    /// the labels or attribute names it changes, the edges it joins.
    pub fn notices(self, net: &Network) -> Vec<String> {
        let notice = match self {
            Format::Dot => dot::notice(net),
            Format::Graphml => xml::notice("graphml", net),
            Format::Gexf => xml::notice("gexf", net),
            Format::Pajek => label::notice("pajek", net),
            Format::Gml => gml::notice(net),
            Format::Cytoscape => cytoscape::notice(net),
            Format::Dl => {
                return label::notice("dl", net)
                    .into_iter()
                    .chain(matrix::notices("dl", net))
                    .collect();
            }
            Format::Matrix => return matrix::notices("matrix", net),
            _ => None,
        };
        notice.into_iter().collect()
    }

    /// Where the format falls when ordered by output size, largest first
    /// (the matrices, which grow with the square of the node count, and
    /// the HTML view, as its layout takes longest; then GEXF, GraphML and
    /// GML, DOT and Cytoscape, JSON, CSV, the event list and Pajek): the
    /// order to start parallel writers.
    pub fn size_rank(self) -> u8 {
        match self {
            Format::Dl | Format::Matrix | Format::Html | Format::Gexf => 0,
            Format::Graphml | Format::Gml => 1,
            Format::Dot | Format::Cytoscape => 2,
            Format::Json => 3,
            Format::Csv | Format::Parquet => 4,
            Format::Statements | Format::Pajek => 5,
        }
    }

    /// Writes part `part` (an index into [`Format::parts`]) of the network,
    /// built from the statements of `ds` (which the event list writes),
    /// with the default options.
    pub fn write(
        self,
        net: &Network,
        ds: &Dataset,
        part: usize,
        w: &mut (dyn Write + Send),
    ) -> io::Result<()> {
        self.write_with(net, ds, &Options::default(), part, w)
    }

    /// Writes part `part` of the network with the given options.
    pub fn write_with(
        self,
        net: &Network,
        ds: &Dataset,
        opts: &Options,
        part: usize,
        w: &mut (dyn Write + Send),
    ) -> io::Result<()> {
        match (self, part) {
            (Format::Dot, 0) => dot::write(net, &dot::Config::default(), w),
            (Format::Graphml, 0) => graphml::write(net, w),
            (Format::Csv, 0) => csv::write_nodes(net, &opts.csv, w),
            (Format::Csv, 1) => csv::write_edges(net, &opts.csv, w),
            (Format::Gexf, 0) => gexf::write(net, opts.gexf, w),
            (Format::Json, 0) => json::write(net, w),
            (Format::Statements, 0) => statements::write(ds, opts.csv.spreadsheet_safe, w),
            (Format::Html, 0) => html::write(net, ds, opts.html, w),
            (Format::Pajek, 0) => pajek::write(net, w),
            (Format::Gml, 0) => gml::write(net, w),
            (Format::Cytoscape, 0) => cytoscape::write(net, w),
            (Format::Dl, 0) => dl::write(net, w),
            (Format::Matrix, 0) => matrix::write(net, &opts.csv, w),
            #[cfg(feature = "parquet")]
            (Format::Parquet, 0) => parquet::write_nodes(net, w),
            #[cfg(feature = "parquet")]
            (Format::Parquet, 1) => parquet::write_edges(net, w),
            #[cfg(not(feature = "parquet"))]
            (Format::Parquet, _) => Err(io::Error::new(
                io::ErrorKind::Unsupported,
                Format::PARQUET_MISSING,
            )),
            _ => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{self:?} has no part {part}"),
            )),
        }
    }
}

/// Writes a weight as Gephi, NetworkX and igraph all read it: whole numbers
/// without a decimal point, others in the shortest form that reads back
/// exactly.
///
/// ```
/// use stancegraph::export::format_weight;
/// assert_eq!(format_weight(3.0), "3");
/// assert_eq!(format_weight(0.25), "0.25");
/// assert_eq!(format_weight(-2.0), "-2");
/// ```
pub fn format_weight(w: f64) -> String {
    let mut buf = String::new();
    write_weight(w, &mut buf);
    buf
}

/// Appends a weight as [`format_weight`] writes it.
pub fn write_weight(w: f64, buf: &mut String) {
    use std::fmt::Write;
    // Whole numbers print as integers (fast, and without "-0" or ".0").
    let _ = if w.fract() == 0.0 && w.abs() < 1e15 {
        write!(buf, "{}", w as i64)
    } else {
        write!(buf, "{w}")
    };
}

/// The id of the edge at `index`, the same in every format (`e0`, `e1`, ...).
pub fn edge_id(index: usize) -> String {
    let mut id = String::new();
    push_edge_id(index, &mut id);
    id
}

/// Appends the id of the edge at `index`.
pub fn push_edge_id(index: usize, buf: &mut String) {
    use std::fmt::Write;
    let _ = write!(buf, "e{index}");
}

/// Numbers written with two decimals (`{:.2}`), remembered by value: pen
/// widths, sizes and thicknesses take few distinct values, and exact decimal
/// formatting is slow.
#[derive(Default)]
pub(crate) struct TwoDecimals(rustc_hash::FxHashMap<u64, String>);

impl TwoDecimals {
    /// `x` as `format!("{x:.2}")` writes it.
    pub fn get(&mut self, x: f64) -> &str {
        self.0
            .entry(x.to_bits())
            .or_insert_with(|| format!("{x:.2}"))
    }
}
