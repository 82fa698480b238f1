//! GEXF 1.3, for Gephi: typed attributes, viz colours by node kind and
//! relation, node sizes by statement count, edge thickness by weight, and,
//! when statements are dated, `mode="dynamic"` with a spell per node and
//! edge (from its first to its last statement) so Gephi's timeline plays
//! the network over time.
//!
//! Valid against the GEXF 1.3 RELAX NG grammar (`gexf.rng`). Edge `kind`
//! holds the relation, so Gephi keeps parallel agree and disagree edges apart.

use crate::choice::choices;
use std::io::{self, Write};

use chrono::NaiveDate;
use quick_xml::Writer;

use crate::network::{EdgeData, Network};

use rustc_hash::FxHashMap;

use super::attrs::{Column, Value, edge_columns, gexf_type, node_columns};
use super::style::{Rgb, edge_style, fill};
use super::xml::{self, Tag, attr};
use super::{TwoDecimals, push_edge_id, write_weight};

pub(crate) const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

choices! {
    /// Which GEXF version to write.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Version as "GEXF version" {
        #[default]
        V1_3 = "1.3": "GEXF 1.3 (Gephi 0.9 and later, NetworkX 3): edge kinds keep an actor's agree and disagree edges to one stance apart in Gephi.",
        V1_2draft = "1.2draft": "GEXF 1.2draft, for readers that know no 1.3 (NetworkX before 3.x, such as Debian 12's 2.8): no edge kinds, no time representation.",
    }
}

impl Version {
    pub(crate) fn namespace(self) -> &'static str {
        match self {
            Version::V1_3 => "http://gexf.net/1.3",
            Version::V1_2draft => "http://www.gexf.net/1.2draft",
        }
    }

    pub(crate) fn viz(self) -> &'static str {
        match self {
            Version::V1_3 => "http://gexf.net/1.3/viz",
            Version::V1_2draft => "http://www.gexf.net/1.2draft/viz",
        }
    }

    pub(crate) fn schema_location(self) -> &'static str {
        match self {
            Version::V1_3 => "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            Version::V1_2draft => {
                "http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd"
            }
        }
    }

    pub(crate) fn number(self) -> &'static str {
        match self {
            Version::V1_3 => "1.3",
            Version::V1_2draft => "1.2",
        }
    }
}

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

/// A time span: first and last day, both included.
pub type Span = (NaiveDate, NaiveDate);

/// The spells of a dynamic network: one per node, and one per edge
/// ([`Spells::edge`]), each edge's within both its nodes' (what Gephi's
/// timeline requires).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spells {
    /// Per node, in node order.
    pub nodes: Vec<Span>,
    /// The network's whole time: the spell of what has no date.
    pub all: Span,
}

impl Spells {
    /// An edge's spell: from its `first_date` to its `last_date`, or the
    /// network's whole time when it has no date.
    pub fn edge(&self, e: &EdgeData) -> Span {
        span(e.first_date, e.last_date).unwrap_or(self.all)
    }
}

fn hull(a: Option<Span>, b: Span) -> Span {
    match a {
        Some((f, l)) => (f.min(b.0), l.max(b.1)),
        None => b,
    }
}

fn span(f: Option<NaiveDate>, l: Option<NaiveDate>) -> Option<Span> {
    match (f, l) {
        (Some(f), Some(l)) => Some((f, l)),
        (Some(d), None) | (None, Some(d)) => Some((d, d)),
        (None, None) => None,
    }
}

/// The spells of a network whose statements are dated; `None` when none is.
///
/// An edge's spell runs from its `first_date` to its `last_date`; a node's
/// from its own first to its last date, widened to hold every spell of its
/// edges (a one-mode tie may last beyond one of its actors' own statements,
/// as its other actor goes on). Undated edges and nodes count for the
/// network's whole time. One pass over the edges.
pub fn spells(net: &Network) -> Option<Spells> {
    let g = &net.graph;
    let mut nodes: Vec<Option<Span>> = g
        .node_weights()
        .map(|n| span(n.first_date, n.last_date))
        .collect();
    let mut all = nodes
        .iter()
        .flatten()
        .copied()
        .reduce(|a, b| hull(Some(a), b));
    // Nodes with an undated edge span the whole time, known at the end.
    let mut whole = vec![false; g.node_count()];
    net.for_each_edge(|_, a, b, d| {
        match span(d.first_date, d.last_date) {
            Some(s) => {
                all = Some(hull(all, s));
                nodes[a.index()] = Some(hull(nodes[a.index()], s));
                nodes[b.index()] = Some(hull(nodes[b.index()], s));
            }
            None => {
                whole[a.index()] = true;
                whole[b.index()] = true;
            }
        }
        Ok(())
    })
    .expect("a pass in memory does not fail");
    let all = all?;
    Some(Spells {
        nodes: nodes
            .into_iter()
            .zip(whole)
            .map(|(s, whole)| if whole { all } else { s.unwrap_or(all) })
            .collect(),
        all,
    })
}

/// The few `viz:color` and `viz:shape` tags a graph uses, each built once.
#[derive(Default)]
pub(crate) struct VizTags {
    colors: FxHashMap<Rgb, Tag>,
    shapes: FxHashMap<&'static str, Tag>,
}

impl VizTags {
    pub(crate) fn color<W: Write>(&mut self, w: &mut Writer<W>, c: Rgb) -> io::Result<()> {
        self.colors
            .entry(c)
            .or_insert_with(|| {
                let [r, g, b] = c.map(|x| x.to_string());
                Tag::new("viz:color", &[("r", &r), ("g", &g), ("b", &b)])
            })
            .empty(w)
    }

    pub(crate) fn shape<W: Write>(
        &mut self,
        w: &mut Writer<W>,
        line: &'static str,
    ) -> io::Result<()> {
        self.shapes
            .entry(line)
            .or_insert_with(|| Tag::new("viz:shape", &[("value", line)]))
            .empty(w)
    }
}

pub(crate) fn viz_value<W: Write>(w: &mut Writer<W>, element: &str, value: &str) -> io::Result<()> {
    w.create_element(element)
        .with_attribute(("value", value))
        .write_empty()?;
    Ok(())
}

/// The frame of every GEXF file: the XML declaration, the root element with
/// its namespaces, `meta` (creator and `description`), and the `graph`
/// element (edge direction; static, or dynamic with dates as intervals),
/// `body` writing what goes inside it.
pub(crate) fn document<'w>(
    w: &'w mut dyn Write,
    version: Version,
    description: &str,
    directed: bool,
    dynamic: bool,
    body: impl FnOnce(&mut Writer<&'w mut dyn Write>) -> io::Result<()>,
) -> io::Result<()> {
    let mut w = xml::start(w)?;
    w.create_element("gexf")
        .with_attributes([
            ("xmlns", version.namespace()),
            ("xmlns:viz", version.viz()),
            ("xmlns:xsi", XSI),
            ("xsi:schemaLocation", version.schema_location()),
            ("version", version.number()),
        ])
        .write_inner_content(|w| {
            w.create_element("meta").write_inner_content(|w| {
                xml::text_element(
                    w,
                    "creator",
                    &[],
                    concat!("stancegraph ", env!("CARGO_PKG_VERSION")),
                )?;
                xml::text_element(w, "description", &[], description)
            })?;
            let mut graph_attrs = vec![(
                "defaultedgetype",
                if directed { "directed" } else { "undirected" },
            )];
            if dynamic {
                graph_attrs.extend([("mode", "dynamic"), ("timeformat", "date")]);
                if version == Version::V1_3 {
                    graph_attrs.push(("timerepresentation", "interval"));
                }
            } else {
                graph_attrs.push(("mode", "static"));
            }
            w.create_element("graph")
                .with_attributes(graph_attrs)
                .write_inner_content(body)?;
            Ok(())
        })?;
    w.get_mut().write_all(b"\n")
}

/// Writes a network as GEXF (1.3 or 1.2draft).
pub fn write(net: &Network, version: Version, w: &mut dyn Write) -> io::Result<()> {
    let g = &net.graph;
    let spells = spells(net);
    let dynamic = spells.is_some();
    let max = net.max_weight();
    let node_attrs = node_columns(net);
    let mut buf = String::new();
    let mut decimals = TwoDecimals::default();
    let mut description = format!("{} network", net.name);
    if let Some(c) = &net.coalitions {
        description.push_str(&format!("; {} coalitions", c.count));
        if let Some(q) = c.modularity {
            description.push_str(&format!(", modularity {}", super::format_weight(q)));
        }
    }
    document(w, version, &description, net.directed, dynamic, |w| {
        declare(w, "node", &node_attrs)?;
        declare(w, "edge", edge_columns(net))?;
        // The nodes and edges, the bulk of a big file, straight into the
        // output (`xml::Lines`), three levels in: after the start tags of
        // `nodes` and `edges`, quick-xml breaks the line before the next
        // tag, as these do.
        let mut lines = xml::Lines::default();
        w.create_element("nodes")
            .with_attribute(("count", g.node_count().to_string().as_str()))
            .write_inner_content(|w| {
                for (i, n) in g.node_weights().enumerate() {
                    lines.open(3, "node", &[("id", &n.id), ("label", &n.label)]);
                    attvalue_lines(&mut lines, &node_attrs, n, &mut buf);
                    spell_lines(&mut lines, spells.as_ref().map(|s| s.nodes[i]));
                    color_line(&mut lines, fill(n));
                    // Area grows with the statement count.
                    let size = 10.0 + 5.0 * (n.statements as f64).sqrt();
                    lines.empty(4, "viz:size", &[("value", decimals.get(size))]);
                    lines.close(3, "node");
                    lines.drain_into(w.get_mut(), 1 << 16)?;
                }
                lines.drain_into(w.get_mut(), 0)
            })?;
        let mut number = String::new();
        w.create_element("edges")
            .with_attribute(("count", net.edge_count().to_string().as_str()))
            .write_inner_content(|w| {
                net.for_each_edge(|e, s, t, d| {
                    number.clear();
                    push_edge_id(e, &mut number);
                    let id_end = number.len();
                    write_weight(d.weight, &mut number);
                    let (id, weight) = number.split_at(id_end);
                    let relation = d.relation.as_str();
                    let (rgb, line) = edge_style(d);
                    let mut attrs = vec![
                        ("id", id),
                        ("source", &g[s].id),
                        ("target", &g[t].id),
                        ("weight", weight),
                    ];
                    if version == Version::V1_3 {
                        attrs.push(("kind", relation));
                    }
                    attrs.push(("label", relation));
                    lines.open(3, "edge", &attrs);
                    attvalue_lines(&mut lines, edge_columns(net), d, &mut buf);
                    spell_lines(&mut lines, spells.as_ref().map(|s| s.edge(d)));
                    color_line(&mut lines, rgb);
                    let thick = if max > 0.0 {
                        1.0 + 4.0 * d.weight.abs() / max
                    } else {
                        1.0
                    };
                    lines.empty(4, "viz:thickness", &[("value", decimals.get(thick))]);
                    lines.empty(4, "viz:shape", &[("value", line.as_str())]);
                    lines.close(3, "edge");
                    lines.drain_into(w.get_mut(), 1 << 16)
                })?;
                lines.drain_into(w.get_mut(), 0)
            })?;
        Ok(())
    })
}

/// A node's or edge's `<attvalues>`, four levels in.
fn attvalue_lines<T>(lines: &mut xml::Lines, attrs: &[impl Column<T>], item: &T, buf: &mut String) {
    lines.open(4, "attvalues", &[]);
    for a in attrs {
        if let Some(v) = a.get(item) {
            buf.clear();
            v.write(buf);
            lines.empty(5, "attvalue", &[("for", a.name()), ("value", buf)]);
        }
    }
    lines.close(4, "attvalues");
}

/// One spell, when the network is dynamic, four levels in.
fn spell_lines(lines: &mut xml::Lines, span: Option<Span>) {
    if let Some((first, last)) = span {
        let (start, end) = (Value::Date(first).text(), Value::Date(last).text());
        lines.open(4, "spells", &[]);
        lines.empty(5, "spell", &[("start", &start), ("end", &end)]);
        lines.close(4, "spells");
    }
}

/// A `viz:color`, four levels in.
fn color_line(lines: &mut xml::Lines, [r, g, b]: Rgb) {
    let (mut r_text, mut g_text, mut b_text) = (
        itoa::Buffer::new(),
        itoa::Buffer::new(),
        itoa::Buffer::new(),
    );
    let rgb = [
        ("r", r_text.format(r)),
        ("g", g_text.format(g)),
        ("b", b_text.format(b)),
    ];
    lines.empty(4, "viz:color", &rgb);
}
