//! What a legend says, for the pictures `render` draws and the HTML view:
//! the node kinds with their colours and shapes, what the colours the data
//! gives stand for, the relations with their lines, and what line width
//! means.

use std::collections::BTreeSet;

use crate::network::{Network, NodeKind, Relation};

use super::display_weight;
use super::dot::node_shape;
use super::style::{edge_style, hex, legend_colours, legend_kind_color};

/// One line of a legend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LegendEntry {
    /// A node kind: its colour (`#rrggbb`) and Graphviz shape.
    Kind {
        /// The kind.
        kind: NodeKind,
        /// Its colour.
        color: String,
        /// Its shape.
        shape: &'static str,
    },
    /// A colour the data gives nodes, and what it stands for.
    Colour {
        /// The colour.
        color: String,
        /// What it stands for (`Type: NGO`).
        meaning: String,
    },
    /// A relation: its colour and line (`solid`, `dashed`, `dotted`);
    /// signed relations have one entry per sign.
    Line {
        /// The relation, with the sign where it has one.
        name: String,
        /// Its colour.
        color: String,
        /// Its line.
        line: &'static str,
    },
    /// Thicker lines weigh more, up to this weight (rounded).
    Width {
        /// The largest weight, as pictures show it.
        up_to: String,
    },
}

/// The legend of a network, in the order it is shown.
pub fn entries(net: &Network) -> Vec<LegendEntry> {
    let g = &net.graph;
    let kinds: BTreeSet<NodeKind> = g.node_weights().map(|n| n.kind).collect();
    let mut out: Vec<LegendEntry> = kinds
        .into_iter()
        .map(|kind| LegendEntry::Kind {
            kind,
            color: hex(legend_kind_color(net, kind)),
            shape: node_shape(kind),
        })
        .collect();
    out.extend(
        legend_colours(net)
            .into_iter()
            .map(|(c, meaning)| LegendEntry::Colour {
                color: hex(c),
                meaning,
            }),
    );
    let mut lines = Vec::new();
    for e in g.edge_weights() {
        let (color, line) = edge_style(e);
        // Signed relations have a look per sign: say which is which.
        let name = match e.relation {
            Relation::Subtract | Relation::Net => match line.as_str() {
                "dashed" => format!("{}, negative", e.relation.as_str()),
                _ => format!("{}, positive", e.relation.as_str()),
            },
            r => r.as_str().to_string(),
        };
        let entry = LegendEntry::Line {
            name,
            color: hex(color),
            line: line.as_str(),
        };
        if !lines.contains(&entry) {
            lines.push(entry);
        }
    }
    out.extend(lines);
    let max = net.max_weight();
    if max > 1.0 {
        out.push(LegendEntry::Width {
            up_to: display_weight(max),
        });
    }
    out
}
