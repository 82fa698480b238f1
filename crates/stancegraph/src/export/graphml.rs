//! GraphML with typed keys, valid against the GraphML 1.0 XSD.
//!
//! Every `<key>` has an explicit `for` and an `attr.type` that NetworkX,
//! igraph and Gephi all read (`string`, `int`, `long`, `double`,
//! `boolean`), and an id `n_<name>` or `e_<name>`; node ids are the
//! network's ids (XML NMTOKENs), the human name is the `label` data. Blank
//! attributes are left out rather than written empty.

use std::io::{self, Write};

use quick_xml::Writer;

use crate::network::{Network, NodeData};

use super::attrs::{Column, edge_columns, graph_attrs, graphml_type, node_columns};
use super::xml::{self, Lines, Tag, attr};
use super::{push_edge_id, write_weight};

const NAMESPACE: &str = "http://graphml.graphdrawing.org/xmlns";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const SCHEMA_LOCATION: &str =
    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";

/// Writes `<key>`s for `label` or `weight` and then the shared attributes,
/// with ids `<prefix>_<name>`.
fn keys<W: Write, T>(
    w: &mut Writer<W>,
    domain: &str,
    first: (&str, &str),
    attrs: &[impl Column<T>],
) -> io::Result<()> {
    let all = std::iter::once(first).chain(attrs.iter().map(|a| (a.name(), graphml_type(a.ty()))));
    for (name, ty) in all {
        let id = format!("{}_{name}", &domain[..1]);
        w.create_element("key")
            .with_attributes([
                ("id", id.as_str()),
                ("for", domain),
                ("attr.name", name),
                ("attr.type", ty),
            ])
            .write_empty()?;
    }
    Ok(())
}

/// The keys of one domain's `<data>`: `<prefix>_label` or `<prefix>_weight`
/// first, then those of the shared attributes.
fn data_keys<T>(prefix: &str, first: &str, attrs: &[impl Column<T>]) -> Vec<String> {
    std::iter::once(first)
        .chain(attrs.iter().map(|a| a.name()))
        .map(|name| format!("{prefix}_{name}"))
        .collect()
}

/// Appends the `<data>` of one node or edge, three levels in: `label` or
/// `weight` first, then the shared attributes that are present.
fn data<T>(
    lines: &mut Lines,
    keys: &[String],
    first: &str,
    attrs: &[impl Column<T>],
    item: &T,
    buf: &mut String,
) {
    lines.text_element(3, "data", &[("key", &keys[0])], first);
    for (a, key) in attrs.iter().zip(&keys[1..]) {
        if let Some(v) = a.get(item) {
            buf.clear();
            v.write(buf);
            lines.text_element(3, "data", &[("key", key)], buf);
        }
    }
}

/// Writes the nodes and the edges, the bulk of a big file, straight into
/// the output: the bytes quick-xml's indenting writer would write for them
/// as the `graph` element's children, without an event per value.
fn write_items(
    net: &Network,
    node_attrs: &[impl Column<NodeData>],
    w: &mut dyn Write,
) -> io::Result<()> {
    let g = &net.graph;
    let node_keys = data_keys("n", "label", node_attrs);
    let edge_keys = data_keys("e", "weight", edge_columns(net));
    let mut lines = Lines::default();
    let (mut buf, mut id, mut weight) = (String::new(), String::new(), String::new());
    for n in g.node_weights() {
        lines.open(2, "node", &[("id", &n.id)]);
        data(&mut lines, &node_keys, &n.label, node_attrs, n, &mut buf);
        lines.close(2, "node");
        lines.drain_into(w, 1 << 16)?;
    }
    net.for_each_edge(|e, s, t, d| {
        id.clear();
        push_edge_id(e, &mut id);
        let ends = [
            ("id", id.as_str()),
            ("source", &g[s].id),
            ("target", &g[t].id),
        ];
        lines.open(2, "edge", &ends);
        weight.clear();
        write_weight(d.weight, &mut weight);
        data(
            &mut lines,
            &edge_keys,
            &weight,
            edge_columns(net),
            d,
            &mut buf,
        );
        lines.close(2, "edge");
        lines.drain_into(w, 1 << 16)
    })?;
    lines.drain_into(w, 0)
}

/// Writes a network as GraphML.
pub fn write(net: &Network, w: &mut dyn Write) -> io::Result<()> {
    let mut w = xml::start(w)?;
    let node_attrs = node_columns(net);
    w.create_element("graphml")
        .with_attributes([
            ("xmlns", NAMESPACE),
            ("xmlns:xsi", XSI),
            ("xsi:schemaLocation", SCHEMA_LOCATION),
        ])
        .write_inner_content(|w| {
            keys(w, "node", ("label", "string"), &node_attrs)?;
            keys(w, "edge", ("weight", "double"), edge_columns(net))?;
            let network = graph_attrs(net);
            for (name, ty, _) in &network {
                let id = format!("g_{name}");
                w.create_element("key")
                    .with_attributes([
                        ("id", id.as_str()),
                        ("for", "graph"),
                        ("attr.name", name),
                        ("attr.type", graphml_type(*ty)),
                    ])
                    .write_empty()?;
            }
            let edgedefault = if net.directed {
                "directed"
            } else {
                "undirected"
            };
            w.create_element("graph")
                .with_attributes([attr("id", &net.name), attr("edgedefault", edgedefault)])
                .write_inner_content(|w| {
                    for (name, _, value) in &network {
                        Tag::new("data", &[("key", &format!("g_{name}"))]).text(w, value)?;
                    }
                    // After the graph's start tag or its last data, quick-xml
                    // breaks the line before the next tag, as these do.
                    write_items(net, &node_attrs, w.get_mut())
                })?;
            Ok(())
        })?;
    w.get_mut().write_all(b"\n")
}
