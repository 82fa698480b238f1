//! GraphML with typed keys, valid against the GraphML 1.0 XSD.
//!
//! Every `<key>` has an explicit `for` and an `attr.type` that NetworkX,
//! igraph and Gephi all read (`string`, `int`, `double`), and an id
//! `n_<name>` or `e_<name>`; node ids are the
//! network's ids (XML NMTOKENs), the human name is the `label` data. Blank
//! attributes are left out rather than written empty.

use std::io::{self, Write};

use quick_xml::Writer;

use crate::graph::Network;

use super::attrs::{Attr, EDGE_ATTRS, NODE_ATTRS};
use super::xml::{self, attr, text_element};
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
    attrs: &[Attr<T>],
) -> io::Result<()> {
    let all = std::iter::once(first).chain(attrs.iter().map(|a| (a.name, a.ty.graphml())));
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

/// Writes the `<data>` of one node or edge: `label` or `weight` first, then
/// the shared attributes that are present.
fn data<W: Write, T>(
    w: &mut Writer<W>,
    prefix: &str,
    first: (&str, &str),
    attrs: &[Attr<T>],
    item: &T,
) -> io::Result<()> {
    text_element(
        w,
        "data",
        &[("key", &format!("{prefix}_{}", first.0))],
        first.1,
    )?;
    for a in attrs {
        if let Some(v) = (a.get)(item) {
            let key = format!("{prefix}_{}", a.name);
            text_element(w, "data", &[("key", &key)], &v.text())?;
        }
    }
    Ok(())
}

/// Writes a network as GraphML.
pub fn write(net: &Network, w: &mut dyn Write) -> io::Result<()> {
    let mut w = xml::start(w)?;
    let g = &net.graph;
    w.create_element("graphml")
        .with_attributes([
            ("xmlns", NAMESPACE),
            ("xmlns:xsi", XSI),
            ("xsi:schemaLocation", SCHEMA_LOCATION),
        ])
        .write_inner_content(|w| {
            keys(w, "node", ("label", "string"), &NODE_ATTRS)?;
            keys(w, "edge", ("weight", "double"), &EDGE_ATTRS)?;
            let edgedefault = if net.directed {
                "directed"
            } else {
                "undirected"
            };
            w.create_element("graph")
                .with_attributes([attr("id", &net.name), attr("edgedefault", edgedefault)])
                .write_inner_content(|w| {
                    for n in g.node_weights() {
                        w.create_element("node")
                            .with_attribute(attr("id", &n.id))
                            .write_inner_content(|w| {
                                data(w, "n", ("label", &n.label), &NODE_ATTRS, n)
                            })?;
                    }
                    for e in g.edge_indices() {
                        let (s, t) = g.edge_endpoints(e).expect("edge index from the graph");
                        let d = &g[e];
                        let id = edge_id(e.index());
                        let weight = format_weight(d.weight);
                        w.create_element("edge")
                            .with_attributes([
                                attr("id", &id),
                                attr("source", &g[s].id),
                                attr("target", &g[t].id),
                            ])
                            .write_inner_content(|w| {
                                data(w, "e", ("weight", &weight), &EDGE_ATTRS, d)
                            })?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    w.get_mut().write_all(b"\n")
}
