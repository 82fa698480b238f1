//! Gephi's spreadsheet import: a nodes table (`Id,Label,...`) and an edges
//! table (`Source,Target,Type,Kind,Id,Label,Weight,...`).
//!
//! UTF-8, comma-separated, RFC 4180 quoting (a field with a comma, quote or
//! line break is quoted, quotes doubled), `\n` line ends, no spaces in
//! header names. A backslash is written as itself: RFC 4180 readers (pandas,
//! R, Python's csv) read it back exactly; Gephi treats it as an escape.

use std::io::{self, Write};

use crate::graph::Network;

use super::attrs::{Column, EDGE_ATTRS, node_columns};
use super::{push_edge_id, write_weight};

/// The first columns of the nodes table; the node attributes
/// ([`super::attrs::node_columns`]) follow.
pub const NODE_COLUMNS: [&str; 2] = ["Id", "Label"];

/// The first columns of the edges table; the attributes of
/// [`super::attrs::EDGE_ATTRS`] follow. `Kind` repeats the relation so that Gephi keeps parallel agree
/// and disagree edges apart instead of merging them.
pub const EDGE_COLUMNS: [&str; 7] = ["Source", "Target", "Type", "Kind", "Id", "Label", "Weight"];

/// The one CSV writer configuration for every table.
pub(crate) fn writer(w: &mut dyn Write) -> csv::Writer<&mut dyn Write> {
    csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(w)
}

/// Writes the shared attributes of one row, each through `buf`, and ends
/// the record.
fn finish_row<T, W: Write>(
    out: &mut csv::Writer<W>,
    attrs: &[impl Column<T>],
    item: &T,
    buf: &mut String,
) -> io::Result<()> {
    for a in attrs {
        buf.clear();
        if let Some(v) = a.get(item) {
            v.write(buf);
        }
        out.write_field(buf.as_bytes())?;
    }
    out.write_record(None::<&[u8]>)?;
    Ok(())
}

/// Writes the nodes table.
pub fn write_nodes(net: &Network, w: &mut dyn Write) -> io::Result<()> {
    let mut out = writer(w);
    let columns = node_columns(net);
    out.write_record(
        NODE_COLUMNS
            .iter()
            .copied()
            .chain(columns.iter().map(|a| a.name())),
    )?;
    let mut buf = String::new();
    for n in net.graph.node_weights() {
        out.write_field(&n.id)?;
        out.write_field(&n.label)?;
        finish_row(&mut out, &columns, n, &mut buf)?;
    }
    out.flush()
}

/// Writes the edges table.
pub fn write_edges(net: &Network, w: &mut dyn Write) -> io::Result<()> {
    let mut out = writer(w);
    out.write_record(
        EDGE_COLUMNS
            .iter()
            .chain(EDGE_ATTRS.iter().map(|a| &a.name)),
    )?;
    let direction = if net.directed {
        "Directed"
    } else {
        "Undirected"
    };
    let g = &net.graph;
    let mut buf = String::new();
    for e in g.edge_indices() {
        let (s, t) = g.edge_endpoints(e).expect("edge index from the graph");
        let d = &g[e];
        let relation = d.relation.as_str();
        out.write_field(&g[s].id)?;
        out.write_field(&g[t].id)?;
        out.write_field(direction)?;
        out.write_field(relation)?;
        buf.clear();
        push_edge_id(e.index(), &mut buf);
        out.write_field(buf.as_bytes())?;
        out.write_field(relation)?;
        buf.clear();
        write_weight(d.weight, &mut buf);
        out.write_field(buf.as_bytes())?;
        finish_row(&mut out, &EDGE_ATTRS, d, &mut buf)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{EdgeData, NodeData, NodeKind, Relation};
    use proptest::prelude::*;

    fn network(label: &str, quote: &str) -> Network {
        let mut graph = petgraph::graph::DiGraph::new();
        let node = |id: &str, kind| NodeData {
            id: id.to_string(),
            label: label.to_string(),
            kind,
            country: None,
            role: Some(label.to_string()),
            topic: None,
            attrs: Vec::new(),
            color: None,
            statements: 1,
            first_date: None,
            last_date: None,
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
                quote: Some(quote.to_string()),
            },
        );
        Network {
            name: "t".to_string(),
            directed: false,
            graph,
            node_attrs: Vec::new(),
        }
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
        write_nodes(&net, &mut nodes).unwrap();
        assert_eq!(
            String::from_utf8(nodes).unwrap(),
            "Id,Label,kind,country,role,topic,statements,first_date,last_date\n\
             a,Jean-Noël,person,,Jean-Noël,,1,,\n\
             s,Jean-Noël,stance,,Jean-Noël,,1,,\n"
        );
        let mut edges = Vec::new();
        write_edges(&net, &mut edges).unwrap();
        assert_eq!(
            String::from_utf8(edges).unwrap(),
            "Source,Target,Type,Kind,Id,Label,Weight,relation,statements,first_date,last_date,sources,quote\n\
             a,s,Undirected,disagree,e0,disagree,1.5,disagree,1,,,0,q\n"
        );
    }

    proptest! {
        /// Any label and quote reads back exactly with an RFC 4180 reader,
        /// and never breaks the row structure.
        #[test]
        fn fields_read_back_exactly(label in any::<String>(), quote in any::<String>()) {
            let net = network(&label, &quote);
            let mut nodes = Vec::new();
            write_nodes(&net, &mut nodes).unwrap();
            let rows = read(&nodes);
            prop_assert_eq!(rows.len(), 2);
            prop_assert_eq!(&rows[0][1], label.as_str());
            prop_assert_eq!(&rows[0][4], label.as_str());
            let mut edges = Vec::new();
            write_edges(&net, &mut edges).unwrap();
            let rows = read(&edges);
            prop_assert_eq!(rows.len(), 1);
            prop_assert_eq!(&rows[0][12], quote.as_str());
        }
    }
}
