//! Graphviz DOT, written as it streams: one writer for the export and for
//! the pictures `render` draws (which add a title, edge labels, clusters
//! and a legend through [`Config`]).
//!
//! Every id and value is quoted and escaped, by one helper, while it is
//! written. Node shape and fill colour show the kind; edge colour and style
//! show the relation (agree green and solid, disagree red and dashed,
//! affiliation grey and dotted); pen width grows with weight; tooltips carry
//! the evidence.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, Write};

use petgraph::graph::NodeIndex;

use crate::network::{EdgeData, Network, NodeData, Relation};

mod quote;
mod text;

use quote::push_quoted;
pub(crate) use text::node_shape;
pub use text::{user_attr_name, wrap};

use quote::is_plain;
use text::{edge_tooltip, node_tooltip};

use super::attrs::{
    Column, NodeColumn, as_is, edge_columns, graph_attrs, node_columns, rename_notice, spelled,
};
use super::style::{dark, edge_style, fill, hex};
use super::{TwoDecimals, display_weight, format_weight};

/// How the DOT export looks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Graphviz `rankdir` of two-mode networks: `LR` puts actors left of
    /// stances. One-mode networks use the `neato` layout instead.
    pub rankdir: String,
    /// The font for every label.
    pub fontname: String,
    /// Whether one-mode networks name their layout engine (`layout=neato`)
    /// in the file; off when the engine is chosen on Graphviz's command
    /// line instead (`stancegraph render`).
    pub spring_layout: bool,
    /// Wrap node labels at spaces into lines of about this many characters
    /// (for pictures; files keep labels exact).
    pub wrap: Option<usize>,
    /// Graph attributes written after the nodes and edges (a picture's
    /// title and sizes).
    pub graph_attrs: Vec<(String, String)>,
    /// Write each weight other than 1 on its edge (affiliation edges
    /// aside), rounded as [`crate::export::display_weight`] rounds it.
    pub edge_labels: bool,
    /// Draw nodes in boxes: per node (in node order) the label of its box,
    /// `None` outside every box. Boxes come in order of first appearance;
    /// countries are then not ranked first.
    pub clusters: Option<Vec<Option<String>>>,
    /// A node `legend` with this HTML-like label (the text between `<`
    /// and `>`, which the caller escapes).
    pub legend: Option<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            rankdir: "LR".to_string(),
            fontname: "Helvetica".to_string(),
            spring_layout: true,
            wrap: None,
            graph_attrs: Vec::new(),
            edge_labels: false,
            clusters: None,
            legend: None,
        }
    }
}

/// Attribute lists: (name, value) pairs, unescaped.
type Attrs<'a> = Vec<(Cow<'a, str>, String)>;

/// An attribute list from fixed names.
fn fixed<'a>(pairs: Vec<(&'static str, String)>) -> Attrs<'a> {
    pairs
        .into_iter()
        .map(|(k, v)| (Cow::Borrowed(k), v))
        .collect()
}

/// The notice for user attributes written as `user_<name>`, if any.
pub fn notice(net: &Network) -> Option<String> {
    rename_notice(
        net,
        "dot",
        "Graphviz reads these attribute names itself",
        NODE_KEYS,
        user_attr_name,
    )
}

/// The node attributes the writer sets itself.
const NODE_KEYS: &[&str] = &["label", "shape", "fillcolor", "fontcolor", "tooltip"];
/// The edge attributes the writer sets itself.
const EDGE_KEYS: &[&str] = &["weight", "color", "style", "penwidth", "tooltip"];

/// Everything the DOT output says, computed once for both writers.
struct Styled<'g> {
    net: &'g Network,
    labels: HashMap<&'g str, &'g str>,
    max: f64,
    decimals: std::cell::RefCell<TwoDecimals>,
    /// Every node attribute, with its name in DOT.
    node_columns: Vec<(NodeColumn<'g>, String)>,
    /// Every edge attribute's name in DOT.
    edge_names: Vec<String>,
}

impl<'g> Styled<'g> {
    fn new(net: &'g Network) -> Styled<'g> {
        let columns = node_columns(net);
        let names: Vec<String> = spelled(&columns, NODE_KEYS, user_attr_name)
            .columns
            .into_iter()
            .map(|c| c.name)
            .collect();
        let edge_names = spelled(edge_columns(net), EDGE_KEYS, as_is)
            .columns
            .into_iter()
            .map(|c| c.name)
            .collect();
        Styled {
            node_columns: columns.into_iter().zip(names).collect(),
            edge_names,
            net,
            labels: net
                .graph
                .node_weights()
                .map(|n| (n.id.as_str(), n.label.as_str()))
                .collect(),
            max: net.max_weight(),
            decimals: Default::default(),
        }
    }

    /// `graph`, `node` and `edge` defaults.
    fn defaults(&self, config: &Config) -> [(&'static str, Attrs<'g>); 3] {
        // Two-mode networks read left to right; actor networks have no
        // direction to rank by, so they get a spring layout.
        let mut graph = Vec::new();
        if self.net.directed {
            graph.push(("rankdir", config.rankdir.clone()));
        } else if config.spring_layout {
            graph.push(("layout", "neato".to_string()));
        }
        graph.push(("fontname", config.fontname.clone()));
        graph.push(("overlap", "false".to_string()));
        [
            ("graph", fixed(graph)),
            (
                "node",
                fixed(vec![
                    ("fontname", config.fontname.clone()),
                    ("style", "filled".to_string()),
                ]),
            ),
            ("edge", fixed(vec![("fontname", config.fontname.clone())])),
        ]
    }

    /// Appends a node statement: its id and attributes.
    fn push_node(&self, b: &mut String, indent: &str, n: &NodeData, config: &Config) {
        b.push_str(indent);
        push_quoted(b, &n.id);
        push_attrs(b, &self.node(n, config));
    }

    fn node(&self, n: &NodeData, config: &Config) -> Attrs<'g> {
        let country = n
            .country
            .as_deref()
            .and_then(|c| self.labels.get(c).copied());
        let color = fill(n);
        let label = match config.wrap {
            Some(width) => wrap(&n.label, width),
            None => n.label.clone(),
        };
        let mut attrs = fixed(vec![
            ("label", label),
            ("shape", node_shape(n.kind).to_string()),
            ("fillcolor", hex(color)),
        ]);
        if dark(color) {
            attrs.push((Cow::Borrowed("fontcolor"), "white".to_string()));
        }
        attrs.push((Cow::Borrowed("tooltip"), node_tooltip(n, country)));
        // Every attribute, as in the other formats: Graphviz keeps the ones
        // it does not know, NetworkX's read_dot returns them.
        for (column, name) in &self.node_columns {
            if let Some(v) = column.get(n) {
                attrs.push((Cow::Owned(name.clone()), v.text()));
            }
        }
        attrs
    }

    fn edge(&self, s: NodeIndex, t: NodeIndex, d: &EdgeData) -> (&'g str, &'g str, Attrs<'g>) {
        let g = &self.net.graph;
        let (color, line) = edge_style(d);
        let penwidth = if d.relation != Relation::Affiliation && self.max > 0.0 {
            1.0 + 3.0 * d.weight.abs() / self.max
        } else {
            1.0
        };
        let mut attrs = fixed(vec![
            ("weight", format_weight(d.weight)),
            ("color", hex(color)),
            ("style", line.as_str().to_string()),
            (
                "penwidth",
                self.decimals.borrow_mut().get(penwidth).to_string(),
            ),
            ("tooltip", edge_tooltip(&g[s], &g[t], d)),
        ]);
        for (column, name) in edge_columns(self.net).iter().zip(&self.edge_names) {
            if let Some(v) = column.get(d) {
                attrs.push((Cow::Owned(name.clone()), v.text()));
            }
        }
        (&g[s].id, &g[t].id, attrs)
    }

    /// The countries that actors belong to: they go in the first rank, left
    /// of their actors.
    fn ranked_countries(&self) -> Vec<&'g str> {
        let g = &self.net.graph;
        let mut countries = Vec::new();
        // Affiliation edges are two-mode, always in the graph.
        for e in g.edge_indices() {
            if g[e].relation == Relation::Affiliation
                && let Some((_, t)) = g.edge_endpoints(e)
            {
                countries.push(t);
            }
        }
        countries.sort();
        countries.dedup();
        countries.into_iter().map(|c| g[c].id.as_str()).collect()
    }
}

/// Appends `[name="value" ...]`, each value (and each name that is not a
/// plain id) quoted and escaped.
fn push_attrs(buf: &mut String, attrs: &Attrs<'_>) {
    buf.push('[');
    for (i, (name, value)) in attrs.iter().enumerate() {
        if i > 0 {
            buf.push(' ');
        }
        if is_plain(name) {
            buf.push_str(name);
        } else {
            push_quoted(buf, name);
        }
        buf.push('=');
        push_quoted(buf, value);
    }
    buf.push(']');
}

/// Writes a network as DOT, streaming: each statement is built in one
/// reused buffer and written, so large graphs are never held as text.
pub fn write(net: &Network, config: &Config, w: &mut dyn Write) -> io::Result<()> {
    let styled = Styled::new(net);
    let kind = if net.directed { "digraph" } else { "graph" };
    let arrow = if net.directed { " -> " } else { " -- " };
    let mut buf = String::new();
    let mut line = |w: &mut dyn Write, build: &mut dyn FnMut(&mut String)| {
        buf.clear();
        build(&mut buf);
        buf.push('\n');
        w.write_all(buf.as_bytes())
    };
    line(w, &mut |b| {
        b.push_str(kind);
        b.push(' ');
        push_quoted(b, &net.name);
        b.push_str(" {");
    })?;
    for (name, attrs) in styled.defaults(config) {
        line(w, &mut |b| {
            b.push_str("  ");
            b.push_str(name);
            push_attrs(b, &attrs);
        })?;
    }
    let boxed = |i: usize| {
        config
            .clusters
            .as_ref()
            .and_then(|c| c.get(i))
            .is_some_and(Option::is_some)
    };
    for (i, n) in net.graph.node_weights().enumerate() {
        if !boxed(i) {
            line(w, &mut |b| styled.push_node(b, "  ", n, config))?;
        }
    }
    net.for_each_edge(|_, s, t, d| {
        let (s, t, mut attrs) = styled.edge(s, t, d);
        if config.edge_labels && d.relation != Relation::Affiliation && d.weight != 1.0 {
            attrs.push((Cow::Borrowed("label"), display_weight(d.weight)));
            attrs.push((Cow::Borrowed("fontsize"), "10".to_string()));
        }
        line(w, &mut |b| {
            b.push_str("  ");
            push_quoted(b, s);
            b.push_str(arrow);
            push_quoted(b, t);
            b.push(' ');
            push_attrs(b, &attrs);
        })
    })?;
    let countries = styled.ranked_countries();
    if !countries.is_empty() && config.clusters.is_none() {
        line(w, &mut |b| {
            b.push_str("  subgraph ");
            push_quoted(b, "countries");
            b.push_str(" {\n    rank=");
            push_quoted(b, "min");
            for c in &countries {
                b.push_str("\n    ");
                push_quoted(b, c);
            }
            b.push_str("\n  }");
        })?;
    }
    let data = graph_attrs(net);
    if !config.graph_attrs.is_empty() || !data.is_empty() {
        let attrs: Attrs<'_> = config
            .graph_attrs
            .iter()
            .map(|(k, v)| (Cow::Borrowed(k.as_str()), v.clone()))
            .chain(data.iter().map(|(k, _, v)| (Cow::Borrowed(*k), v.clone())))
            .collect();
        line(w, &mut |b| {
            b.push_str("  graph");
            push_attrs(b, &attrs);
        })?;
    }
    if let Some(clusters) = &config.clusters {
        write_clusters(net, &styled, config, clusters, &mut line, w)?;
    }
    if let Some(legend) = &config.legend {
        line(w, &mut |b| {
            b.push_str("  ");
            push_quoted(b, "legend");
            b.push_str(
                " [id=\"legend\" shape=\"plaintext\" style=\"solid\" tooltip=\"legend\" label=<",
            );
            b.push_str(legend);
            b.push_str(">]");
        })?;
    }
    w.write_all(b"}\n")
}

/// Writes one statement: built into a reused buffer, then written.
type LineWriter<'a> = dyn FnMut(&mut dyn Write, &mut dyn FnMut(&mut String)) -> io::Result<()> + 'a;

/// One `cluster_<i>` subgraph per box label, in order of first appearance,
/// holding its nodes.
fn write_clusters(
    net: &Network,
    styled: &Styled<'_>,
    config: &Config,
    clusters: &[Option<String>],
    line: &mut LineWriter<'_>,
    w: &mut dyn Write,
) -> io::Result<()> {
    let mut boxes: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, label) in clusters.iter().enumerate() {
        let Some(label) = label else { continue };
        match boxes.iter_mut().find(|(l, _)| *l == label.as_str()) {
            Some((_, members)) => members.push(i),
            None => boxes.push((label, vec![i])),
        }
    }
    let g = &net.graph;
    for (i, (label, members)) in boxes.into_iter().enumerate() {
        line(w, &mut |b| {
            b.push_str("  subgraph ");
            push_quoted(b, &format!("cluster_{i}"));
            b.push_str(" {\n    label=");
            push_quoted(b, label);
            b.push_str("\n    style=\"rounded\"\n    color=\"grey60\"");
            for &m in &members {
                b.push('\n');
                styled.push_node(b, "    ", &g[NodeIndex::new(m)], config);
            }
            b.push_str("\n  }");
        })?;
    }
    Ok(())
}
