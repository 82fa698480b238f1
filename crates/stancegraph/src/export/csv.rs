//! Gephi's spreadsheet import: a nodes table (`Id,Label,...`) and an edges
//! table (`Source,Target,Type,Kind,Id,Label,Weight,...`).
//!
//! UTF-8, comma-separated, quoted where needed (a field with a comma, quote
//! or line break is quoted, quotes doubled), `\n` line ends, no spaces in
//! header names. Two dialects, for two kinds of reader:
//!
//! - `gephi` (the default): every backslash doubled. Gephi's parser
//!   (commons-csv with `\` as its escape character) reads `\\` as one
//!   backslash, where a single one would escape the next character (`\n`
//!   becomes a line break, `\"` a quote that ends the field early), losing
//!   rows and whole sheets. Python's csv and pandas read it exactly with
//!   `escapechar="\\"`.
//! - `rfc4180`: backslashes as they are, for strict RFC 4180 readers
//!   (pandas and Python's csv by default, R's `read.csv`).
//!
//! With `spreadsheet_safe`, a text value that starts with `=`, `+`, `-`, `@`,
//! a tab or a carriage return gets a `'` in front, so that Excel and
//! LibreOffice do not run it as a formula; numbers stay as they are. This
//! changes those values, so it is off by default.

use crate::choice::choices;
use std::borrow::Cow;
use std::io::{self, Write};

use crate::model::AttrType;
use crate::network::Network;

use super::attrs::{Column, Value, edge_columns, node_columns};
use super::{push_edge_id, write_weight};

/// The first columns of the nodes table; the node attributes follow.
pub const NODE_COLUMNS: [&str; 2] = ["Id", "Label"];

/// The first columns of the edges table; the edge attributes follow. `Kind` repeats the relation so
/// that Gephi keeps parallel agree and disagree edges apart instead of
/// merging them.
pub const EDGE_COLUMNS: [&str; 7] = ["Source", "Target", "Type", "Kind", "Id", "Label", "Weight"];

choices! {
    /// How backslashes are written.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Dialect as "CSV dialect" {
        #[default]
        Gephi = "gephi": "Every backslash doubled, for Gephi's parser (and Python's csv and pandas with `escapechar=\"\\\\\"`).",
        Rfc4180 = "rfc4180": "Strict RFC 4180: backslashes as they are (pandas, R, Python's csv).",
    }
}

/// How a CSV table is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CsvOptions {
    /// How backslashes are written.
    pub dialect: Dialect,
    /// Put `'` before text that a spreadsheet would run as a formula.
    pub spreadsheet_safe: bool,
}

/// A text value as a dialect and the spreadsheet option write it.
pub(crate) fn text<'a>(value: &'a str, opts: &CsvOptions) -> Cow<'a, str> {
    let formula = opts.spreadsheet_safe && value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let escape = opts.dialect == Dialect::Gephi && value.contains('\\');
    if !formula && !escape {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() + 2);
    if formula {
        out.push('\'');
    }
    if escape {
        out.push_str(&value.replace('\\', "\\\\"));
    } else {
        out.push_str(value);
    }
    Cow::Owned(out)
}

/// The one CSV writer configuration for every table.
pub(crate) fn writer(w: &mut dyn Write) -> csv::Writer<&mut dyn Write> {
    csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(w)
}

/// The I/O error inside a csv error, with its kind (a closed pipe must stay
/// a closed pipe); the csv crate's own conversion makes every error `Other`.
fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// A table being written: text through the dialect and the spreadsheet
/// option, numbers and fixed words as they are.
pub(crate) struct Table<'w> {
    out: csv::Writer<&'w mut dyn Write>,
    opts: CsvOptions,
    buf: String,
}

impl<'w> Table<'w> {
    pub fn new(w: &'w mut dyn Write, opts: CsvOptions) -> Table<'w> {
        Table {
            out: writer(w),
            opts,
            buf: String::new(),
        }
    }

    /// The header row.
    pub fn header<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) -> io::Result<()> {
        self.out
            .write_record(names.into_iter().map(|n| text(n, &self.opts).into_owned()))
            .map_err(io_error)?;
        Ok(())
    }

    /// A text field.
    pub fn text(&mut self, value: &str) -> io::Result<()> {
        self.out
            .write_field(text(value, &self.opts).as_bytes())
            .map_err(io_error)?;
        Ok(())
    }

    /// A field that needs no care: a number or a fixed word.
    pub fn plain(&mut self, value: &[u8]) -> io::Result<()> {
        self.out.write_field(value).map_err(io_error)?;
        Ok(())
    }

    /// An attribute value (blank when absent): text as text, numbers,
    /// booleans and dates as they are.
    pub fn value(&mut self, value: Option<Value<'_>>) -> io::Result<()> {
        self.buf.clear();
        match value {
            Some(v @ (Value::Str(_) | Value::Typed(_, AttrType::String))) => {
                v.write(&mut self.buf);
                self.out
                    .write_field(text(&self.buf, &self.opts).as_bytes())
                    .map_err(io_error)?;
            }
            Some(v) => {
                v.write(&mut self.buf);
                self.out
                    .write_field(self.buf.as_bytes())
                    .map_err(io_error)?;
            }
            None => self.out.write_field(b"").map_err(io_error)?,
        }
        Ok(())
    }

    /// The attributes of one row, then its end.
    pub fn attrs<T>(&mut self, attrs: &[impl Column<T>], item: &T) -> io::Result<()> {
        for a in attrs {
            self.value(a.get(item))?;
        }
        self.end()
    }

    /// Ends a row.
    pub fn end(&mut self) -> io::Result<()> {
        self.out.write_record(None::<&[u8]>).map_err(io_error)?;
        Ok(())
    }

    /// Flushes the table.
    pub fn finish(mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Writes the nodes table.
pub fn write_nodes(net: &Network, opts: &CsvOptions, w: &mut dyn Write) -> io::Result<()> {
    let mut out = Table::new(w, *opts);
    let columns = node_columns(net);
    out.header(
        NODE_COLUMNS
            .iter()
            .copied()
            .chain(columns.iter().map(|a| a.name())),
    )?;
    for n in net.graph.node_weights() {
        out.text(&n.id)?;
        out.text(&n.label)?;
        out.attrs(&columns, n)?;
    }
    out.finish()
}

/// Writes the edges table.
pub fn write_edges(net: &Network, opts: &CsvOptions, w: &mut dyn Write) -> io::Result<()> {
    let mut out = Table::new(w, *opts);
    out.header(
        EDGE_COLUMNS
            .iter()
            .copied()
            .chain(edge_columns(net).iter().map(|a| a.name)),
    )?;
    let direction = if net.directed {
        "Directed"
    } else {
        "Undirected"
    };
    let g = &net.graph;
    let mut buf = String::new();
    net.for_each_edge(|e, s, t, d| {
        let relation = d.relation.as_str();
        out.text(&g[s].id)?;
        out.text(&g[t].id)?;
        out.plain(direction.as_bytes())?;
        out.plain(relation.as_bytes())?;
        buf.clear();
        push_edge_id(e, &mut buf);
        out.plain(buf.as_bytes())?;
        out.plain(relation.as_bytes())?;
        buf.clear();
        write_weight(d.weight, &mut buf);
        out.plain(buf.as_bytes())?;
        out.attrs(edge_columns(net), d)
    })?;
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::{EdgeData, NodeData, NodeKind, Relation};
    use proptest::prelude::*;

    fn network(label: &str, quote: &str) -> Network {
        let mut graph = petgraph::graph::DiGraph::new();
        let node = |id: &str, kind| NodeData {
            role: Some(label.to_string()),
            statements: 1,
            ..NodeData::new(id, label, kind)
        };
        let a = graph.add_node(node("a", NodeKind::Person));
        let s = graph.add_node(node("s", NodeKind::Stance));
        graph.add_edge(
            a,
            s,
            EdgeData {
                relation: Relation::Disagree,
                weight: 1.5,
                statements: 1,
                first_date: None,
                last_date: None,
                sources: Some(0),
                quote: Some(quote.into()),
                stances: None,
            },
        );
        Network::new("t", false, graph, Vec::new())
    }

    fn read(bytes: &[u8]) -> Vec<csv::StringRecord> {
        csv::Reader::from_reader(bytes)
            .records()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn tables_have_the_contract_headers_and_one_type() {
        let net = network("Jean-Noël", "q");
        let mut nodes = Vec::new();
        write_nodes(&net, &CsvOptions::default(), &mut nodes).unwrap();
        assert_eq!(
            String::from_utf8(nodes).unwrap(),
            "Id,Label,kind,country,role,topic,statements,first_date,last_date\n\
             a,Jean-Noël,person,,Jean-Noël,,1,,\n\
             s,Jean-Noël,stance,,Jean-Noël,,1,,\n"
        );
        let mut edges = Vec::new();
        write_edges(&net, &CsvOptions::default(), &mut edges).unwrap();
        assert_eq!(
            String::from_utf8(edges).unwrap(),
            "Source,Target,Type,Kind,Id,Label,Weight,relation,statements,first_date,last_date,sources,quote\n\
             a,s,Undirected,disagree,e0,disagree,1.5,disagree,1,,,0,q\n"
        );
    }

    /// Reads a Gephi-dialect table: RFC 4180, then each `\\` is one
    /// backslash.
    fn unescape(field: &str) -> String {
        field.replace("\\\\", "\\")
    }

    proptest! {
        /// Any label and quote reads back exactly with an RFC 4180 reader
        /// (after undoing the Gephi dialect's doubled backslashes), and
        /// never breaks the row structure.
        #[test]
        fn fields_read_back_exactly(label in any::<String>(), quote in any::<String>()) {
            let net = network(&label, &quote);
            for dialect in [Dialect::Gephi, Dialect::Rfc4180] {
                let opts = CsvOptions { dialect, spreadsheet_safe: false };
                let back = |s: &str| if dialect == Dialect::Gephi { unescape(s) } else { s.to_string() };
                let mut nodes = Vec::new();
                write_nodes(&net, &opts, &mut nodes).unwrap();
                let rows = read(&nodes);
                prop_assert_eq!(rows.len(), 2);
                prop_assert_eq!(back(&rows[0][1]), label.as_str());
                prop_assert_eq!(back(&rows[0][4]), label.as_str());
                let mut edges = Vec::new();
                write_edges(&net, &opts, &mut edges).unwrap();
                let rows = read(&edges);
                prop_assert_eq!(rows.len(), 1);
                prop_assert_eq!(back(&rows[0][12]), quote.as_str());
            }
        }
    }

    #[test]
    fn spreadsheet_safety_marks_text_not_numbers() {
        let mut net = network("=HYPERLINK(\"x\")", "-1 is not a number here");
        let e = net.graph.edge_indices().next().unwrap();
        net.graph[e].weight = -1.0;
        let opts = CsvOptions {
            dialect: Dialect::Rfc4180,
            spreadsheet_safe: true,
        };
        let mut edges = Vec::new();
        write_edges(&net, &opts, &mut edges).unwrap();
        let rows = read(&edges);
        assert_eq!(&rows[0][6], "-1");
        assert_eq!(&rows[0][12], "'-1 is not a number here");
        let mut nodes = Vec::new();
        write_nodes(&net, &opts, &mut nodes).unwrap();
        assert_eq!(&read(&nodes)[0][1], "'=HYPERLINK(\"x\")");
    }

    #[test]
    fn text_follows_the_dialect_and_the_spreadsheet_option() {
        let gephi = CsvOptions::default();
        assert_eq!(text(r"C:\new", &gephi), r"C:\\new");
        let strict = CsvOptions {
            dialect: Dialect::Rfc4180,
            spreadsheet_safe: true,
        };
        assert_eq!(text(r"C:\new", &strict), r"C:\new");
        assert_eq!(text("=SUM(A1)", &strict), "'=SUM(A1)");
    }
}
