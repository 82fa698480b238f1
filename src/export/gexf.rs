//! GEXF 1.3, for Gephi: typed attributes, viz colours by node kind and
//! relation, node sizes by statement count, edge thickness by weight, and,
//! when statements are dated, `mode="dynamic"` with a spell per node and
//! edge (from its first to its last statement) so Gephi's timeline plays
//! the network over time.
//!
//! Valid against the GEXF 1.3 RELAX NG grammar (`gexf.rng`). Edge `kind`
//! holds the relation, so Gephi keeps parallel agree and disagree edges apart.

use std::io::{self, Write};

use chrono::NaiveDate;
use quick_xml::Writer;

use crate::graph::Network;

use rustc_hash::FxHashMap;

use super::attrs::{Column, EDGE_ATTRS, Value, gexf_type, node_columns};
use super::style::{Rgb, edge_style, fill};
use super::xml::{self, Tag, attr};
use super::{TwoDecimals, edge_id, format_weight};

const NAMESPACE: &str = "http://gexf.net/1.3";
const VIZ: &str = "http://gexf.net/1.3/viz";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const SCHEMA_LOCATION: &str = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd";

fn declare<W: Write, T>(
    w: &mut Writer<W>,
    class: &str,
    attrs: &[impl Column<T>],
) -> io::Result<()> {
    w.create_element("attributes")
        .with_attribute(("class", class))
        .write_inner_content(|w| {
            for a in attrs {
                w.create_element("attribute")
                    .with_attributes([
                        attr("id", a.name()),
                        attr("title", a.name()),
                        attr("type", gexf_type(a.ty())),
                    ])
                    .write_empty()?;
            }
            Ok(())
        })?;
    Ok(())
}

fn attvalues<W: Write, T>(
    w: &mut Writer<W>,
    tags: &[Tag],
    attrs: &[impl Column<T>],
    item: &T,
    buf: &mut String,
) -> io::Result<()> {
    w.create_element("attvalues").write_inner_content(|w| {
        for (a, tag) in attrs.iter().zip(tags) {
            if let Some(v) = a.get(item) {
                buf.clear();
                v.write(buf);
                tag.empty_with(w, "value", buf)?;
            }
        }
        Ok(())
    })?;
    Ok(())
}

/// The `<attvalue for="...">` tags of the attributes.
fn attvalue_tags<T>(attrs: &[impl Column<T>]) -> Vec<Tag> {
    attrs
        .iter()
        .map(|a| Tag::new("attvalue", &[("for", a.name())]))
        .collect()
}

/// One spell from the first to the last date, when there are dates.
fn spells<W: Write>(
    w: &mut Writer<W>,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
) -> io::Result<()> {
    if let (Some(first), Some(last)) = (first, last) {
        let (start, end) = (Value::Date(first).text(), Value::Date(last).text());
        w.create_element("spells").write_inner_content(|w| {
            w.create_element("spell")
                .with_attributes([("start", start.as_str()), ("end", end.as_str())])
                .write_empty()?;
            Ok(())
        })?;
    }
    Ok(())
}

/// The few `viz:color` and `viz:shape` tags a graph uses, each built once.
#[derive(Default)]
struct VizTags {
    colors: FxHashMap<Rgb, Tag>,
    shapes: FxHashMap<&'static str, Tag>,
}

impl VizTags {
    fn color<W: Write>(&mut self, w: &mut Writer<W>, c: Rgb) -> io::Result<()> {
        self.colors
            .entry(c)
            .or_insert_with(|| {
                let [r, g, b] = c.map(|x| x.to_string());
                Tag::new("viz:color", &[("r", &r), ("g", &g), ("b", &b)])
            })
            .empty(w)
    }

    fn shape<W: Write>(&mut self, w: &mut Writer<W>, line: &'static str) -> io::Result<()> {
        self.shapes
            .entry(line)
            .or_insert_with(|| Tag::new("viz:shape", &[("value", line)]))
            .empty(w)
    }
}

fn viz_value<W: Write>(w: &mut Writer<W>, element: &str, value: &str) -> io::Result<()> {
    w.create_element(element)
        .with_attribute(("value", value))
        .write_empty()?;
    Ok(())
}

/// Writes a network as GEXF 1.3.
pub fn write(net: &Network, w: &mut dyn Write) -> io::Result<()> {
    let g = &net.graph;
    let dynamic = g.node_weights().any(|n| n.first_date.is_some());
    let max = net.max_weight();
    let node_attrs = node_columns(net);
    let node_tags = attvalue_tags(&node_attrs);
    let edge_tags = attvalue_tags(&EDGE_ATTRS);
    let mut buf = String::new();
    let mut decimals = TwoDecimals::default();
    let mut viz = VizTags::default();
    let mut w = xml::start(w)?;
    w.create_element("gexf")
        .with_attributes([
            ("xmlns", NAMESPACE),
            ("xmlns:viz", VIZ),
            ("xmlns:xsi", XSI),
            ("xsi:schemaLocation", SCHEMA_LOCATION),
            ("version", "1.3"),
        ])
        .write_inner_content(|w| {
            w.create_element("meta").write_inner_content(|w| {
                xml::text_element(
                    w,
                    "creator",
                    &[],
                    concat!("stancegraph ", env!("CARGO_PKG_VERSION")),
                )?;
                xml::text_element(w, "description", &[], &format!("{} network", net.name))
            })?;
            let mut graph_attrs = vec![(
                "defaultedgetype",
                if net.directed {
                    "directed"
                } else {
                    "undirected"
                },
            )];
            if dynamic {
                graph_attrs.extend([
                    ("mode", "dynamic"),
                    ("timeformat", "date"),
                    ("timerepresentation", "interval"),
                ]);
            } else {
                graph_attrs.push(("mode", "static"));
            }
            w.create_element("graph")
                .with_attributes(graph_attrs)
                .write_inner_content(|w| {
                    declare(w, "node", &node_attrs)?;
                    declare(w, "edge", &EDGE_ATTRS)?;
                    w.create_element("nodes")
                        .with_attribute(("count", g.node_count().to_string().as_str()))
                        .write_inner_content(|w| {
                            for n in g.node_weights() {
                                w.create_element("node")
                                    .with_attributes([attr("id", &n.id), attr("label", &n.label)])
                                    .write_inner_content(|w| {
                                        attvalues(w, &node_tags, &node_attrs, n, &mut buf)?;
                                        spells(w, n.first_date, n.last_date)?;
                                        viz.color(w, fill(n))?;
                                        // Area grows with the statement count.
                                        let size = 10.0 + 5.0 * (n.statements as f64).sqrt();
                                        viz_value(w, "viz:size", decimals.get(size))
                                    })?;
                            }
                            Ok(())
                        })?;
                    w.create_element("edges")
                        .with_attribute(("count", g.edge_count().to_string().as_str()))
                        .write_inner_content(|w| {
                            for e in g.edge_indices() {
                                let (s, t) =
                                    g.edge_endpoints(e).expect("edge index from the graph");
                                let d = &g[e];
                                let (id, weight) = (edge_id(e.index()), format_weight(d.weight));
                                let relation = d.relation.as_str();
                                let (rgb, line) = edge_style(d);
                                w.create_element("edge")
                                    .with_attributes([
                                        attr("id", &id),
                                        attr("source", &g[s].id),
                                        attr("target", &g[t].id),
                                        attr("weight", &weight),
                                        attr("kind", relation),
                                        attr("label", relation),
                                    ])
                                    .write_inner_content(|w| {
                                        attvalues(w, &edge_tags, &EDGE_ATTRS, d, &mut buf)?;
                                        spells(w, d.first_date, d.last_date)?;
                                        viz.color(w, rgb)?;
                                        let thick = if max > 0.0 {
                                            1.0 + 4.0 * d.weight.abs() / max
                                        } else {
                                            1.0
                                        };
                                        viz_value(w, "viz:thickness", decimals.get(thick))?;
                                        viz.shape(w, line.as_str())?;
                                        Ok(())
                                    })?;
                            }
                            Ok(())
                        })?;
                    Ok(())
                })?;
            Ok(())
        })?;
    w.get_mut().write_all(b"\n")
}
