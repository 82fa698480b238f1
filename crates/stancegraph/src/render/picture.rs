//! The DOT of a picture: the exported graph (labels wrapped, the engine
//! left to Graphviz's command line), with a title, a legend node (`id`
//! `legend`), edge labels on small networks, big-network settings, and
//! actors drawn in boxes by an attribute.

use std::collections::HashMap;
use std::fmt;

use super::{Engine, Image, RenderOptions};
use crate::choice::{Spelled, Spelling};
use crate::export::dot::{self, Config};
use crate::export::html::escape;
use crate::export::{LegendEntry, legend};
use crate::layout::is_big;
use crate::network::{Network, NodeData, NodeKind};

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
        self.spell(Spelling::PLAIN, f)
    }
}

impl Spelled for ClusterError {
    fn spell(&self, s: Spelling, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: the nodes have no such attribute; use one of {}",
            s.option("cluster"),
            self.name,
            self.known.join(", ")
        )
    }
}

impl std::error::Error for ClusterError {}

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

/// The legend, as an HTML-like label: what the kinds, colours, lines and
/// widths mean.
fn legend_label(net: &Network) -> String {
    let mut rows = String::from(r#"<TR><TD COLSPAN="2" ALIGN="LEFT"><B>Legend</B></TD></TR>"#);
    for entry in legend(net) {
        rows.push_str(&match entry {
            LegendEntry::Kind { kind, color, shape } => format!(
                r#"<TR><TD BGCOLOR="{color}" WIDTH="24"> </TD><TD ALIGN="LEFT">{} ({shape})</TD></TR>"#,
                kind.as_str()
            ),
            LegendEntry::Colour { color, meaning } => format!(
                r#"<TR><TD BGCOLOR="{color}" WIDTH="24"> </TD><TD ALIGN="LEFT">{}</TD></TR>"#,
                escape(&meaning)
            ),
            LegendEntry::Line { name, color, line } => {
                let stroke = match line {
                    "dashed" => "– – –",
                    "dotted" => "· · · ·",
                    _ => "———",
                };
                format!(
                    r#"<TR><TD><FONT COLOR="{color}">{stroke}</FONT></TD><TD ALIGN="LEFT">{}</TD></TR>"#,
                    escape(&name)
                )
            }
            LegendEntry::Width { up_to } => format!(
                r#"<TR><TD COLSPAN="2" ALIGN="LEFT">thicker line: more weight (up to {})</TD></TR>"#,
                escape(&up_to)
            ),
        });
    }
    format!(
        r#"<TABLE BORDER="1" COLOR="grey" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2" BGCOLOR="white">{rows}</TABLE>"#
    )
}

/// The DOT text a picture draws.
pub fn dot(net: &Network, opts: &RenderOptions, engine: Engine) -> Result<Vec<u8>, ClusterError> {
    let big = is_big(net);
    let mut graph_attrs = vec![
        ("label".to_string(), opts.title.clone()),
        ("labelloc".to_string(), "t".to_string()),
        ("fontsize".to_string(), "18".to_string()),
    ];
    let mut set = |k: &str, v: &str| graph_attrs.push((k.to_string(), v.to_string()));
    if big || matches!(engine, Engine::Sfdp) {
        set("overlap", "prism");
        set("outputorder", "edgesfirst");
    }
    if big {
        set("splines", "false");
        // A bitmap of thousands of nodes would be tens of thousands of
        // pixels wide: at most 40 inches (3,840 pixels) a side.
        if opts.image == Image::Png {
            set("size", "40,40");
        }
    }
    let clusters = match &opts.cluster {
        Some(name) => Some(cluster_labels(net, name)?),
        None => None,
    };
    let config = Config {
        spring_layout: false,
        wrap: Some(WRAP),
        graph_attrs,
        // On small networks, weights other than 1 are written on their edges.
        edge_labels: !big,
        clusters,
        legend: Some(legend_label(net)),
        ..Config::default()
    };
    let mut out = Vec::new();
    dot::write(net, &config, &mut out).expect("writing into memory does not fail");
    Ok(out)
}

/// Per node, the label of the box it is drawn in: its value of attribute
/// `name` (a country by its label), `None` for nodes without one.
fn cluster_labels(net: &Network, name: &str) -> Result<Vec<Option<String>>, ClusterError> {
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
    // A value that is a country's id is shown as the country's name.
    let countries: HashMap<&str, &str> = net
        .graph
        .node_weights()
        .filter(|n| n.kind == NodeKind::Country)
        .map(|n| (n.id.as_str(), n.label.as_str()))
        .collect();
    let label_of = |value: &str| countries.get(value).copied().unwrap_or(value).to_string();
    Ok(values.into_iter().map(|v| v.map(label_of)).collect())
}
