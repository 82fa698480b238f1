//! Exporters: one module per format, each writing any [`Network`] to any
//! `io::Write`; the event list writes the statements behind it.
//!
//! ```
//! use stancegraph::{export::Format, load::{load, Input, LoadOptions}, network::full};
//! let ds = load(&Input::Embedded, &LoadOptions::default()).unwrap().dataset;
//! let net = full(&ds);
//! let mut dot = Vec::new();
//! Format::Dot.write(&net, &ds, &mut dot).unwrap();
//! assert!(String::from_utf8(dot).unwrap().starts_with("digraph \"full\" {"));
//! ```

#[cfg(feature = "arrow")]
pub mod arrow;
mod attrs;
pub mod csv;
pub mod cytoscape;
pub mod dl;
pub mod dot;
pub mod gexf;
mod gexf_series;
pub mod gml;
pub mod graphml;
pub mod html;
pub mod json;
mod label;
mod legend;
pub mod matrix;
pub mod pajek;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod statements;
mod style;
mod title;
mod xml;

pub use label::one_line;
pub(crate) use legend::{LegendEntry, entries as legend};
pub use title::title;

use crate::choice::choices;
use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use crate::choice::Spelling;
use crate::layout::{self, Positions};
use crate::model::Dataset;
use crate::network::Network;
use crate::notice::{Notice, NoticeKind};

/// Lays out the network the HTML view shows (see [`Options::layout`]).
pub type Layouter = Arc<dyn Fn(&Network) -> Positions + Send + Sync>;

/// Options of the formats that have them.
#[derive(Clone, Default)]
pub struct Options {
    /// How the Gephi tables are written.
    pub csv: csv::CsvOptions,
    /// Which GEXF version.
    pub gexf: gexf::Version,
    /// Who lays out the HTML view: the spring layout when `None`. The
    /// caller plugs in Graphviz here; the writer starts no process.
    pub layout: Option<Layouter>,
}

impl fmt::Debug for Options {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Options")
            .field("csv", &self.csv)
            .field("gexf", &self.gexf)
            .field("layout", &self.layout.as_ref().map(|_| "given"))
            .finish()
    }
}

/// One file of a format: formats write one, but the Gephi and Parquet
/// tables, which write a nodes and an edges file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Part {
    /// The format's one file.
    Whole,
    /// The nodes table.
    Nodes,
    /// The edges table.
    Edges,
}

choices! {
    /// An output format; the command line's `-f` takes its names.
    #[allow(rustdoc::invalid_html_tags)]
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    #[non_exhaustive]
    pub enum Format as "format" {
        Dot = "dot": "Graphviz DOT (<network>.dot)",
        Graphml = "graphml": "GraphML (<network>.graphml)",
        Csv = "csv": "Gephi spreadsheet CSV (<network>.nodes.csv and <network>.edges.csv)",
        Gexf = "gexf": "GEXF 1.3 for Gephi, with a timeline when statements are dated (<network>.gexf)",
        Json = "json": "NetworkX node-link JSON (<network>.json)",
        Statements = "statements": "The event list: the statements behind the network, one row each with every field (<network>.statements.csv)",
        Html = "html": "An interactive page, self-contained and offline: the network to zoom, search, filter and click for the quotes (<network>.html)",
        Pajek = "pajek": "Pajek, for Pajek, igraph and NetworkX (<network>.net)",
        Gml = "gml": "GML with every attribute, for NetworkX, igraph, Gephi and yEd (<network>.gml)",
        Cytoscape = "cytoscape": "Cytoscape.js elements JSON, also opened by Cytoscape (<network>.cyjs)",
        Dl = "dl": "UCINET DL full matrix with labels (<network>.dl); not in `all`, as it grows with the square of the node count",
        Matrix = "matrix": "The adjacency matrix as CSV, labels in the first row and column, for R, UCINET and visone (<network>.matrix.csv); not in `all`",
        Parquet = "parquet": "Parquet node and edge tables for pandas, Polars, DuckDB and Spark (<network>.nodes.parquet and <network>.edges.parquet); builds with the parquet feature only, not in `all`",
    }
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

    /// The files one export writes, in order.
    pub fn parts(self) -> &'static [Part] {
        match self {
            Format::Csv | Format::Parquet => &[Part::Nodes, Part::Edges],
            _ => &[Part::Whole],
        }
    }

    /// The file name of a part, after `<network>.`.
    pub fn suffix(self, part: Part) -> &'static str {
        match (self, part) {
            (Format::Dot, _) => "dot",
            (Format::Graphml, _) => "graphml",
            (Format::Csv, Part::Edges) => "edges.csv",
            (Format::Csv, _) => "nodes.csv",
            (Format::Gexf, _) => "gexf",
            (Format::Json, _) => "json",
            (Format::Statements, _) => "statements.csv",
            (Format::Html, _) => "html",
            (Format::Pajek, _) => "net",
            (Format::Gml, _) => "gml",
            (Format::Cytoscape, _) => "cyjs",
            (Format::Dl, _) => "dl",
            (Format::Matrix, _) => "matrix.csv",
            (Format::Parquet, Part::Edges) => "edges.parquet",
            (Format::Parquet, _) => "nodes.parquet",
        }
    }

    /// The name of the file a part of `network` goes to:
    /// `<network>.<suffix>`.
    ///
    /// ```
    /// use stancegraph::export::{Format, Part};
    /// assert_eq!(Format::Csv.file_name("congruence", Part::Edges), "congruence.edges.csv");
    /// ```
    pub fn file_name(self, network: &str, part: Part) -> String {
        format!("{network}.{}", self.suffix(part))
    }

    /// The names of every file the format writes for `network`, in part
    /// order.
    pub fn file_names(self, network: &str) -> Vec<String> {
        self.parts()
            .iter()
            .map(|&p| self.file_name(network, p))
            .collect()
    }

    /// What the export must say before writing this format from `net`:
    /// the labels or attribute names it changes, the edges it joins.
    pub fn notices(self, net: &Network, spelling: Spelling) -> Vec<Notice> {
        let changed = |text: Option<String>| -> Vec<Notice> {
            text.map(|t| Notice::new(NoticeKind::Changed, t))
                .into_iter()
                .collect()
        };
        match self {
            Format::Dot => changed(dot::notice(net)),
            Format::Graphml => changed(xml::notice("graphml", net)),
            Format::Gexf => changed(xml::notice("gexf", net)),
            Format::Pajek => changed(label::notice("pajek", net)),
            Format::Gml => changed(gml::notice(net)),
            Format::Cytoscape => changed(cytoscape::notice(net)),
            Format::Dl => {
                let mut out = changed(label::notice("dl", net));
                out.extend(matrix::notices("dl", net, spelling));
                out
            }
            Format::Matrix => matrix::notices("matrix", net, spelling),
            _ => Vec::new(),
        }
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

    /// Writes the network in this format, built from the statements of
    /// `ds` (which the event list writes), with the default options. The
    /// Gephi and Parquet tables are two files: write them with
    /// [`Format::write_part`].
    pub fn write<W: Write>(self, net: &Network, ds: &Dataset, w: &mut W) -> io::Result<()> {
        self.write_part(net, ds, &Options::default(), Part::Whole, w)
    }

    /// Writes one part of the network with the given options.
    pub fn write_part<W: Write>(
        self,
        net: &Network,
        ds: &Dataset,
        opts: &Options,
        part: Part,
        w: &mut W,
    ) -> io::Result<()> {
        if !self.parts().contains(&part) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{} writes {}; it has no {part:?} part",
                    self.name(),
                    self.parts()
                        .iter()
                        .map(|p| format!("{p:?}"))
                        .collect::<Vec<_>>()
                        .join(" and ")
                ),
            ));
        }
        let w: &mut dyn Write = w;
        match (self, part) {
            (Format::Dot, _) => dot::write(net, &dot::Config::default(), w),
            (Format::Graphml, _) => graphml::write(net, w),
            (Format::Csv, Part::Nodes) => csv::write_nodes(net, &opts.csv, w),
            (Format::Csv, _) => csv::write_edges(net, &opts.csv, w),
            (Format::Gexf, _) => gexf::write(net, opts.gexf, w),
            (Format::Json, _) => json::write(net, w),
            (Format::Statements, _) => statements::write(ds, opts.csv.spreadsheet_safe, w),
            (Format::Html, _) => match &opts.layout {
                Some(layout) => html::write(net, ds, layout.as_ref(), w),
                None => html::write(net, ds, &layout::spring, w),
            },
            (Format::Pajek, _) => pajek::write(net, w),
            (Format::Gml, _) => gml::write(net, w),
            (Format::Cytoscape, _) => cytoscape::write(net, w),
            (Format::Dl, _) => dl::write(net, w),
            (Format::Matrix, _) => matrix::write(net, &opts.csv, w),
            #[cfg(feature = "parquet")]
            (Format::Parquet, part) => parquet::write(net, part == Part::Nodes, w),
            #[cfg(not(feature = "parquet"))]
            (Format::Parquet, _) => Err(io::Error::new(
                io::ErrorKind::Unsupported,
                crate::PARQUET_MISSING,
            )),
        }
    }
}

impl Format {
    /// Whether one file of this format holds a whole series of networks
    /// over time: GEXF always (a dynamic graph), the HTML view for kernel
    /// slices (a page that plays them). Other formats write one file per
    /// network.
    pub fn holds_series(self, smoothed: bool) -> bool {
        self == Format::Gexf || (smoothed && self == Format::Html)
    }

    /// Writes networks over time as one file (see [`Format::holds_series`]):
    /// each network holds for its period; `ds` holds the statements of the
    /// whole series.
    pub fn write_series<W: Write>(
        self,
        name: &str,
        nets: &[&Network],
        periods: &[(chrono::NaiveDate, chrono::NaiveDate)],
        ds: &Dataset,
        opts: &Options,
        w: &mut W,
    ) -> io::Result<()> {
        let w: &mut dyn Write = w;
        match self {
            Format::Gexf => gexf_series::write_series(name, nets, periods, opts.gexf, w),
            Format::Html => match &opts.layout {
                Some(layout) => html::write_series(nets, ds, layout.as_ref(), w),
                None => html::write_series(nets, ds, &layout::spring, w),
            },
            other => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} writes one file per network", other.name()),
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
pub(crate) fn write_weight(w: f64, buf: &mut String) {
    use std::fmt::Write;
    // Whole numbers print as integers (fast, and without "-0" or ".0").
    if w.fract() == 0.0 && w.abs() < 1e15 {
        buf.push_str(itoa::Buffer::new().format(w as i64));
    } else {
        let _ = write!(buf, "{w}");
    }
}

/// A weight as pictures and views show it: whole numbers as they are,
/// others rounded to two decimals (as the DOT export writes pen widths),
/// without trailing zeros. Files keep the exact weight ([`format_weight`]).
///
/// ```
/// use stancegraph::export::display_weight;
/// assert_eq!(display_weight(3.0), "3");
/// assert_eq!(display_weight(1.3333333333333333), "1.33");
/// assert_eq!(display_weight(0.26666666666666666), "0.27");
/// assert_eq!(display_weight(0.5), "0.5");
/// assert_eq!(display_weight(-0.004), "0");
/// ```
pub fn display_weight(w: f64) -> String {
    let text = format!("{w:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match text {
        "-0" => "0".to_string(),
        t => t.to_string(),
    }
}

/// The id of the edge at `index`, the same in every format (`e0`, `e1`, ...).
pub(crate) fn edge_id(index: usize) -> String {
    let mut id = String::new();
    push_edge_id(index, &mut id);
    id
}

/// Appends the id of the edge at `index`.
pub(crate) fn push_edge_id(index: usize, buf: &mut String) {
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
