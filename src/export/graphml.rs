//! GraphML with typed keys, valid against the GraphML 1.0 XSD.
//!
//! Every `<key>` has an explicit `for` and an `attr.type` that NetworkX,
//! igraph and Gephi all read (`string`, `int`, `double`); node ids are the
//! network's ids (XML NMTOKENs), the human name is the `label` data. Blank
//! attributes are left out rather than written empty.

use std::io::{self, Write};

use quick_xml::Writer;

use crate::graph::Network;

use super::xml::{self, attr, text_element};
use super::{edge_id, format_weight};

const NAMESPACE: &str = "http://graphml.graphdrawing.org/xmlns";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const SCHEMA_LOCATION: &str =
    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";

/// One `<key>`: its id, what it is for, its `attr.name` and `attr.type`.
struct Key {
    id: &'static str,
    domain: &'static str,
    name: &'static str,
    kind: &'static str,
}

const fn key(
    id: &'static str,
    domain: &'static str,
    name: &'static str,
    kind: &'static str,
) -> Key {
    Key {
        id,
        domain,
        name,
        kind,
    }
}

/// The keys, in the order they are declared and written.
const KEYS: [Key; 13] = [
    key("n_label", "node", "label", "string"),
    key("n_kind", "node", "kind", "string"),
    key("n_country", "node", "country", "string"),
    key("n_role", "node", "role", "string"),
    key("n_topic", "node", "topic", "string"),
    key("n_statements", "node", "statements", "int"),
    key("e_relation", "edge", "relation", "string"),
    key("e_weight", "edge", "weight", "double"),
    key("e_statements", "edge", "statements", "int"),
    key("e_first_date", "edge", "first_date", "string"),
    key("e_last_date", "edge", "last_date", "string"),
    key("e_sources", "edge", "sources", "int"),
    key("e_quote", "edge", "quote", "string"),
];

/// Writes `<data>` elements for the values that are present.
fn data<W: Write>(w: &mut Writer<W>, values: &[(&str, Option<String>)]) -> io::Result<()> {
    for (key, value) in values {
        if let Some(v) = value {
            text_element(w, "data", &[("key", key)], v)?;
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
            for k in &KEYS {
                w.create_element("key")
                    .with_attributes([
                        ("id", k.id),
                        ("for", k.domain),
                        ("attr.name", k.name),
                        ("attr.type", k.kind),
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
                    for n in g.node_weights() {
                        w.create_element("node")
                            .with_attribute(attr("id", &n.id))
                            .write_inner_content(|w| {
                                data(
                                    w,
                                    &[
                                        ("n_label", Some(n.label.clone())),
                                        ("n_kind", Some(n.kind.as_str().to_string())),
                                        ("n_country", n.country.clone()),
                                        ("n_role", n.role.clone()),
                                        ("n_topic", n.topic.clone()),
                                        ("n_statements", Some(n.statements.to_string())),
                                    ],
                                )
                            })?;
                    }
                    for e in g.edge_indices() {
                        let (s, t) = g.edge_endpoints(e).expect("edge index from the graph");
                        let d = &g[e];
                        let id = edge_id(e.index());
                        w.create_element("edge")
                            .with_attributes([
                                attr("id", &id),
                                attr("source", &g[s].id),
                                attr("target", &g[t].id),
                            ])
                            .write_inner_content(|w| {
                                data(
                                    w,
                                    &[
                                        ("e_relation", Some(d.relation.as_str().to_string())),
                                        ("e_weight", Some(format_weight(d.weight))),
                                        ("e_statements", Some(d.statements.to_string())),
                                        ("e_first_date", d.first_date.map(|x| x.to_string())),
                                        ("e_last_date", d.last_date.map(|x| x.to_string())),
                                        ("e_sources", Some(d.sources.to_string())),
                                        ("e_quote", d.quote.clone()),
                                    ],
                                )
                            })?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    w.get_mut().write_all(b"\n")
}
