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

/// An output format. On the command line (`-f`) it is a clap value; the
/// doc comments are its help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    /// Graphviz DOT (<network>.dot)
    Dot,
    /// GraphML (<network>.graphml)
    Graphml,
    /// Gephi spreadsheet CSV (<network>.nodes.csv and <network>.edges.csv)
    Csv,
    /// GEXF 1.3 for Gephi, with a timeline when statements are dated (<network>.gexf)
    Gexf,
    /// NetworkX node-link JSON (<network>.json)
    Json,
    /// The event list: the statements behind the network, one row each with
    /// every field (<network>.statements.csv)
    Statements,
    /// An interactive page, self-contained and offline: the network to
    /// zoom, search, filter and click for the quotes (<network>.html)
    Html,
    /// Pajek, for Pajek, igraph and NetworkX (<network>.net)
    Pajek,
    /// GML with every attribute, for NetworkX, igraph, Gephi and yEd (<network>.gml)
    Gml,
    /// Cytoscape.js elements JSON, also opened by Cytoscape (<network>.cyjs)
    Cytoscape,
    /// UCINET DL full matrix with labels (<network>.dl); not in `all`, as
    /// it grows with the square of the node count
    Dl,
    /// The adjacency matrix as CSV, labels in the first row and column, for
    /// R, UCINET and visone (<network>.matrix.csv); not in `all`
    Matrix,
    /// Parquet node and edge tables for pandas, Polars, DuckDB and Spark
    /// (<network>.nodes.parquet and <network>.edges.parquet); builds with
    /// the parquet feature only, not in `all`
    Parquet,
}

impl Format {
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
                crate::PARQUET_MISSING,
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
