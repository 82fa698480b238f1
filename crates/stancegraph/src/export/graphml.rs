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

use super::attrs::{Column, EDGE_ATTRS, graph_attrs, graphml_type, node_columns};
use super::xml::{self, Tag, attr};
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

/// The start tags `<data key="...">` of one domain, three levels in:
/// `label` or `weight` first, then the shared attributes.
fn data_starts<T>(prefix: &str, first: &str, attrs: &[impl Column<T>]) -> Vec<Vec<u8>> {
    std::iter::once(first)
        .chain(attrs.iter().map(|a| a.name()))
        .map(|name| {
            let mut tag = b"\n      <data key=\"".to_vec();
            xml::push_escaped(&mut tag, &format!("{prefix}_{name}"), true);
            tag.extend_from_slice(b"\">");
            tag
        })
        .collect()
}

/// Appends the `<data>` of one node or edge: `label` or `weight` first, then
/// the shared attributes that are present.
fn data<T>(
    out: &mut Vec<u8>,
    starts: &[Vec<u8>],
    first: &str,
    attrs: &[impl Column<T>],
    item: &T,
    buf: &mut String,
) {
    let mut element = |start: &[u8], text: &str| {
        out.extend_from_slice(start);
        xml::push_escaped(out, text, false);
        out.extend_from_slice(b"</data>");
    };
    element(&starts[0], first);
    for (a, start) in attrs.iter().zip(&starts[1..]) {
        if let Some(v) = a.get(item) {
            buf.clear();
            v.write(buf);
            element(start, buf);
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
    let node_starts = data_starts("n", "label", node_attrs);
    let edge_starts = data_starts("e", "weight", &EDGE_ATTRS);
    let (mut out, mut buf, mut number) =
        (Vec::with_capacity(1 << 17), String::new(), String::new());
    for n in g.node_weights() {
        out.extend_from_slice(b"\n    <node id=\"");
        xml::push_escaped(&mut out, &n.id, true);
        out.extend_from_slice(b"\">");
        data(&mut out, &node_starts, &n.label, node_attrs, n, &mut buf);
        out.extend_from_slice(b"\n    </node>");
        if out.len() >= 1 << 16 {
            w.write_all(&out)?;
            out.clear();
        }
    }
    net.for_each_edge(|e, s, t, d| {
        number.clear();
        push_edge_id(e, &mut number);
        out.extend_from_slice(b"\n    <edge id=\"");
        xml::push_escaped(&mut out, &number, true);
        out.extend_from_slice(b"\" source=\"");
        xml::push_escaped(&mut out, &g[s].id, true);
        out.extend_from_slice(b"\" target=\"");
        xml::push_escaped(&mut out, &g[t].id, true);
        out.extend_from_slice(b"\">");
        number.clear();
        write_weight(d.weight, &mut number);
        data(&mut out, &edge_starts, &number, &EDGE_ATTRS, d, &mut buf);
        out.extend_from_slice(b"\n    </edge>");
        if out.len() >= 1 << 16 {
            w.write_all(&out)?;
            out.clear();
        }
        Ok(())
    })?;
    w.write_all(&out)
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
            keys(w, "edge", ("weight", "double"), &EDGE_ATTRS)?;
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
