//! GraphML with typed keys, valid against the GraphML 1.0 XSD.
//!
//! Every `<key>` has an explicit `for` and an `attr.type` that NetworkX,
//! igraph and Gephi all read (`string`, `int`, `long`, `double`,
//! `boolean`), and an id `n_<name>` or `e_<name>`; node ids are the
//! network's ids (XML NMTOKENs), the human name is the `label` data. Blank
//! attributes are left out rather than written empty.

use std::io::{self, Write};

use quick_xml::Writer;

use crate::network::Network;

use super::attrs::{Column, EDGE_ATTRS, graph_attrs, graphml_type, node_columns};
use super::xml::{self, Tag, attr};
use super::{edge_id, format_weight};

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

/// The `<data key="...">` tags of one domain: `label` or `weight` first,
/// then the shared attributes.
fn data_tags<T>(prefix: &str, first: &str, attrs: &[impl Column<T>]) -> Vec<Tag> {
    std::iter::once(first)
        .chain(attrs.iter().map(|a| a.name()))
        .map(|name| Tag::new("data", &[("key", &format!("{prefix}_{name}"))]))
        .collect()
}

/// Writes the `<data>` of one node or edge: `label` or `weight` first, then
/// the shared attributes that are present.
fn data<W: Write, T>(
    w: &mut Writer<W>,
    tags: &[Tag],
    first: &str,
    attrs: &[impl Column<T>],
    item: &T,
    buf: &mut String,
) -> io::Result<()> {
    tags[0].text(w, first)?;
    for (a, tag) in attrs.iter().zip(&tags[1..]) {
        if let Some(v) = a.get(item) {
            buf.clear();
            v.write(buf);
            tag.text(w, buf)?;
        }
    }
    Ok(())
}

/// Writes a network as GraphML.
pub fn write(net: &Network, w: &mut dyn Write) -> io::Result<()> {
    let mut w = xml::start(w)?;
    let g = &net.graph;
    let node_attrs = node_columns(net);
    let node_tags = data_tags("n", "label", &node_attrs);
    let edge_tags = data_tags("e", "weight", &EDGE_ATTRS);
    let mut buf = String::new();
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
                    for n in g.node_weights() {
                        w.create_element("node")
                            .with_attribute(attr("id", &n.id))
                            .write_inner_content(|w| {
                                data(w, &node_tags, &n.label, &node_attrs, n, &mut buf)
                            })?;
                    }
                    net.for_each_edge(|e, s, t, d| {
                        let id = edge_id(e);
                        let weight = format_weight(d.weight);
                        w.create_element("edge")
                            .with_attributes([
                                attr("id", &id),
                                attr("source", &g[s].id),
                                attr("target", &g[t].id),
                            ])
                            .write_inner_content(|w| {
                                data(w, &edge_tags, &weight, &EDGE_ATTRS, d, &mut buf)
                            })?;
                        Ok(())
                    })
                })?;
            Ok(())
        })?;
    w.get_mut().write_all(b"\n")
}
