//! The DOT of a picture: the exported graph (labels wrapped, the engine
//! left to Graphviz's command line), with a title, a legend node (`id`
//! `legend`), edge labels on small networks, big-network settings, and
//! actors drawn in boxes by an attribute.

use std::collections::BTreeSet;
use std::fmt;

use graphviz_rust::dot_structures::{Attribute, Graph, GraphAttributes, Id, Node, Stmt, Subgraph};

use super::{Engine, RenderOptions, is_big};
use crate::export::dot::{self, Config, attr, node_id, node_shape, quote};
use crate::export::format_weight;
use crate::export::style::{edge_style, hex, node_color};
use crate::graph::{Network, NodeData, NodeKind, Relation};
use crate::model::Dataset;

/// Labels wrap at about this many characters.
const WRAP: usize = 22;

/// `--cluster` names an attribute no node has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterError {
    /// The name given.
    pub name: String,
    /// The attributes there are.
    pub known: Vec<String>,
}

impl fmt::Display for ClusterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "--cluster {}: the nodes have no such attribute; use one of {}",
            self.name,
            self.known.join(", ")
        )
    }
}

impl std::error::Error for ClusterError {}

/// The title of a picture or view: the dataset, the network with what made
/// it (`details`), and the dates of its statements.
pub fn title(ds: &Dataset, net: &Network, details: &[String]) -> String {
    let mut parts = vec![ds.name.clone(), format!("{} network", net.name)];
    parts.extend(details.iter().cloned());
    let first = ds.statements.iter().filter_map(|s| s.date).min();
    let last = ds.statements.iter().filter_map(|s| s.date).max();
    match (first, last) {
        (Some(f), Some(l)) if f == l => parts.push(f.to_string()),
        (Some(f), Some(l)) => parts.push(format!("{f} to {l}")),
        _ => {}
    }
    parts.join(" · ")
}

/// Text for an HTML-like label: `&`, `<`, `>` and `"` escaped.
fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A node's value of the cluster attribute: `country` (a country node is
/// its own), `kind`, `role`, `topic` or a user attribute (any case).
fn cluster_value<'n>(net: &'n Network, n: &'n NodeData, name: &str) -> Option<&'n str> {
    match name.to_lowercase().as_str() {
        "country" => match n.kind {
            NodeKind::Country => Some(&n.id),
            _ => n.country.as_deref(),
        },
        "kind" => (n.kind != NodeKind::Stance).then(|| n.kind.as_str()),
        "role" => n.role.as_deref(),
        "topic" => n.topic.as_deref(),
        folded => {
            let i = net
                .node_attrs
                .iter()
                .position(|a| a.name == name || a.name.to_lowercase() == folded)?;
            n.attrs.get(i)?.as_deref()
        }
    }
}

/// The legend: node kinds with their colours and shapes, edge relations
/// with their colours and lines, what line width means.
fn legend(net: &Network) -> Stmt {
    let g = &net.graph;
    let kinds: BTreeSet<NodeKind> = g.node_weights().map(|n| n.kind).collect();
    let mut relations = Vec::new();
    for e in g.edge_weights() {
        let key = (e.relation, edge_style(e));
        if !relations.contains(&key) {
            relations.push(key);
        }
    }
    let mut rows = String::from(r#"<TR><TD COLSPAN="2" ALIGN="LEFT"><B>Legend</B></TD></TR>"#);
    for k in kinds {
        rows.push_str(&format!(
            r#"<TR><TD BGCOLOR="{}" WIDTH="24"> </TD><TD ALIGN="LEFT">{} ({})</TD></TR>"#,
            hex(node_color(k)),
            k.as_str(),
            node_shape(k)
        ));
    }
    if g.node_weights().any(|n| n.color.is_some()) {
        rows.push_str(r#"<TR><TD COLSPAN="2" ALIGN="LEFT">other colours: from the data</TD></TR>"#);
    }
    for (relation, (color, line)) in relations {
        let stroke = match line.as_str() {
            "dashed" => "– – –",
            "dotted" => "· · · ·",
            _ => "———",
        };
        // Signed relations have a look per sign: say which is which.
        let name = match relation {
            Relation::Subtract | Relation::Net => match line.as_str() {
                "dashed" => format!("{}, negative", relation.as_str()),
                _ => format!("{}, positive", relation.as_str()),
            },
            _ => relation.as_str().to_string(),
        };
        rows.push_str(&format!(
            r#"<TR><TD><FONT COLOR="{}">{stroke}</FONT></TD><TD ALIGN="LEFT">{}</TD></TR>"#,
            hex(color),
            html(&name)
        ));
    }
    let max = net.max_weight();
    if max > 1.0 {
        rows.push_str(&format!(
            r#"<TR><TD COLSPAN="2" ALIGN="LEFT">thicker line: more weight (up to {})</TD></TR>"#,
            html(&format_weight(max))
        ));
    }
    let label = format!(
        r#"<<TABLE BORDER="1" COLOR="grey" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2" BGCOLOR="white">{rows}</TABLE>>"#
    );
    Stmt::Node(Node::new(
        node_id("legend"),
        vec![
            attr("id", "legend"),
            attr("shape", "plaintext"),
            attr("style", "solid"),
            attr("tooltip", "legend"),
            Attribute(Id::Plain("label".into()), Id::Html(label)),
        ],
    ))
}

/// The graph a picture draws.
pub fn picture(net: &Network, opts: &RenderOptions, engine: Engine) -> Result<Graph, ClusterError> {
    let big = is_big(net);
    let config = Config {
        spring_layout: false,
        wrap: Some(WRAP),
        ..Config::default()
    };
    let mut graph = dot::to_graph(net, &config);
    let stmts = match &mut graph {
        Graph::Graph { stmts, .. } | Graph::DiGraph { stmts, .. } => stmts,
    };
    let mut settings = vec![
        attr("label", &opts.title),
        attr("labelloc", "t"),
        attr("fontsize", "18"),
    ];
    if big || matches!(engine, Engine::Sfdp) {
        settings.extend([attr("overlap", "prism"), attr("outputorder", "edgesfirst")]);
    }
    if big {
        settings.push(attr("splines", "false"));
        // A bitmap of thousands of nodes would be tens of thousands of
        // pixels wide: at most 40 inches (3,840 pixels) a side.
        if opts.image == super::Image::Png {
            settings.push(attr("size", "40,40"));
        }
    }
    stmts.push(Stmt::GAttribute(GraphAttributes::Graph(settings)));

    // On small networks, weights other than 1 are written on their edges.
    if !big {
        let mut weights = net.graph.edge_weights();
        for stmt in stmts.iter_mut() {
            if let Stmt::Edge(edge) = stmt
                && let Some(e) = weights.next()
                && e.relation != Relation::Affiliation
                && e.weight != 1.0
            {
                edge.attributes
                    .push(attr("label", &format_weight(e.weight)));
                edge.attributes.push(attr("fontsize", "10"));
            }
        }
    }

    if let Some(name) = &opts.cluster {
        cluster(net, stmts, name)?;
    }
    stmts.push(legend(net));
    Ok(graph)
}

/// Moves the nodes that have a value of attribute `name` into one cluster
/// subgraph per value, in order of first appearance.
fn cluster(net: &Network, stmts: &mut Vec<Stmt>, name: &str) -> Result<(), ClusterError> {
    let values: Vec<Option<&str>> = net
        .graph
        .node_weights()
        .map(|n| cluster_value(net, n, name))
        .collect();
    if values.iter().all(Option::is_none) {
        let mut known: Vec<String> = ["country", "kind", "role", "topic"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        known.extend(net.node_attrs.iter().map(|a| a.name.clone()));
        return Err(ClusterError {
            name: name.to_string(),
            known,
        });
    }
    // Rank constraints fight clusters in dot: the clusters lead instead.
    stmts
        .retain(|s| !matches!(s, Stmt::Subgraph(sub) if sub.id == Id::Escaped(quote("countries"))));
    let label_of = |value: &str| -> String {
        net.graph
            .node_weights()
            .find(|n| n.id == value && n.kind == NodeKind::Country)
            .map_or(value, |n| n.label.as_str())
            .to_string()
    };
    let mut groups: Vec<(&str, Vec<Stmt>)> = Vec::new();
    let mut nodes = values.into_iter();
    let mut kept = Vec::with_capacity(stmts.len());
    for stmt in stmts.drain(..) {
        let value = match &stmt {
            Stmt::Node(n) if n.id != node_id("legend") => nodes.next().flatten(),
            _ => None,
        };
        match value {
            Some(v) => match groups.iter_mut().find(|(g, _)| *g == v) {
                Some((_, members)) => members.push(stmt),
                None => groups.push((v, vec![stmt])),
            },
            None => kept.push(stmt),
        }
    }
    for (i, (value, mut members)) in groups.into_iter().enumerate() {
        let mut inner = vec![
            attr("label", &label_of(value)).into(),
            attr("style", "rounded").into(),
            attr("color", "grey60").into(),
        ];
        inner.append(&mut members);
        kept.push(Stmt::Subgraph(Subgraph {
            id: Id::Escaped(quote(&format!("cluster_{i}"))),
            stmts: inner,
        }));
    }
    *stmts = kept;
    Ok(())
}
