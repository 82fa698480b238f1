//! How nodes and edges look, shared by the formats that carry visuals
//! (DOT and GEXF): colour by node kind, colour and line style by relation.

pub use crate::model::{Rgb, hex};
use crate::network::{EdgeData, Network, NodeData, NodeKind, Relation};

use super::attrs::{Column, NodeColumn, Value, node_columns};

/// Fill colour per node kind (ColorBrewer Paired, light tones).
pub fn node_color(kind: NodeKind) -> Rgb {
    match kind {
        NodeKind::Person => [0xa6, 0xce, 0xe3],
        NodeKind::Organization => [0xfd, 0xbf, 0x6f],
        NodeKind::Country => [0xb2, 0xdf, 0x8a],
        NodeKind::Group => [0xca, 0xb2, 0xd6],
        NodeKind::Stance => [0xff, 0xff, 0xcc],
    }
}

/// A node's fill colour: the one the input gives it, else its kind's.
/// The colour a legend shows for a node kind: its own, or white when
/// every node of the kind is coloured by its coalition (the legend then
/// shows the kind's shape only).
pub fn legend_kind_color(net: &Network, kind: NodeKind) -> Rgb {
    let mut of_kind = net
        .graph
        .node_weights()
        .filter(|n| n.kind == kind)
        .peekable();
    let by_coalition = of_kind.peek().is_some() && of_kind.all(|n| n.coalition.is_some());
    if by_coalition {
        [0xff, 0xff, 0xff]
    } else {
        node_color(kind)
    }
}

pub fn fill(n: &NodeData) -> Rgb {
    match n.coalition {
        Some(c) => coalition_color(c),
        None => n.color.unwrap_or_else(|| node_color(n.kind)),
    }
}

/// Light, distinct colours for coalitions 1, 2, … (ColorBrewer's Set3
/// without its yellow and grey, which stances and isolates use), taken in
/// turn beyond ten.
const COALITION_COLOURS: [Rgb; 10] = [
    [0x8d, 0xd3, 0xc7],
    [0xfb, 0x80, 0x72],
    [0x80, 0xb1, 0xd3],
    [0xfd, 0xb4, 0x62],
    [0xb3, 0xde, 0x69],
    [0xbe, 0xba, 0xda],
    [0xfc, 0xcd, 0xe5],
    [0xbc, 0x80, 0xbd],
    [0xcc, 0xeb, 0xc5],
    [0xff, 0xed, 0x6f],
];

/// The colour of coalition `c` (numbered from 1).
pub fn coalition_color(c: u32) -> Rgb {
    COALITION_COLOURS[(c.max(1) as usize - 1) % COALITION_COLOURS.len()]
}

/// Each coalition's colour and what the legend says of it (`coalition 1
/// (4): A, B, C and 1 more`), in number order.
pub fn coalition_colours(net: &Network) -> Vec<(Rgb, String)> {
    coalition_legend(net)
        .into_iter()
        .map(|(_, c, text)| (c, text))
        .collect()
}

/// Each coalition's number, colour and legend text, in number order.
pub fn coalition_legend(net: &Network) -> Vec<(u32, Rgb, String)> {
    let mut groups: Vec<(u32, Vec<&NodeData>)> = Vec::new();
    for n in net.graph.node_weights() {
        let Some(c) = n.coalition else { continue };
        match groups.iter_mut().find(|(k, _)| *k == c) {
            Some((_, nodes)) => nodes.push(n),
            None => groups.push((c, vec![n])),
        }
    }
    groups.sort_by_key(|(c, _)| *c);
    groups
        .into_iter()
        .map(|(c, nodes)| {
            let text = format!("coalition {c} ({}): {}", nodes.len(), first_names(&nodes));
            (c, coalition_color(c), text)
        })
        .collect()
}

/// The first three names and how many more.
fn first_names(nodes: &[&NodeData]) -> String {
    let first: Vec<&str> = nodes.iter().take(3).map(|n| n.label.as_str()).collect();
    let mut text = first.join(", ");
    if nodes.len() > 3 {
        text.push_str(&format!(" and {} more", nodes.len() - 3));
    }
    text
}

/// What the legend says of node colours other than the kinds': the
/// coalitions, then the colours the data gives the nodes outside them.
pub fn legend_colours(net: &Network) -> Vec<(Rgb, String)> {
    let mut out = coalition_colours(net);
    out.extend(data_colours(net));
    out
}

/// Whether text on this fill should be white rather than black: for
/// fills darker than mid-grey (by relative luminance, sRGB weights).
pub fn dark(c: Rgb) -> bool {
    let [r, g, b] = c.map(f64::from);
    0.2126 * r + 0.7152 * g + 0.0722 * b < 128.0
}

/// A line style, named as both Graphviz and GEXF name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// Agreement and ties that join.
    Solid,
    /// Disagreement and ties that divide.
    Dashed,
    /// Belonging to a country.
    Dotted,
}

impl Line {
    /// The name in DOT `style` and GEXF `viz:shape`.
    pub fn as_str(self) -> &'static str {
        match self {
            Line::Solid => "solid",
            Line::Dashed => "dashed",
            Line::Dotted => "dotted",
        }
    }
}

const GREEN: Rgb = [0x1a, 0x96, 0x41];
const RED: Rgb = [0xd7, 0x19, 0x1c];
const GREY: Rgb = [0x96, 0x96, 0x96];
const BLUE: Rgb = [0x2c, 0x7b, 0xb6];
const PURPLE: Rgb = [0x7b, 0x32, 0x94];

/// Colour and line per edge: agreement and congruence green and solid,
/// disagreement and conflict red and dashed, affiliation grey and dotted,
/// polarity-blind ties blue, mixed ones purple; net and subtract ties by
/// their sign.
pub fn edge_style(e: &EdgeData) -> (Rgb, Line) {
    match e.relation {
        Relation::Agree | Relation::Congruence => (GREEN, Line::Solid),
        Relation::Disagree | Relation::Conflict => (RED, Line::Dashed),
        Relation::Affiliation => (GREY, Line::Dotted),
        Relation::Any | Relation::Cooccurrence => (BLUE, Line::Solid),
        Relation::Both => (PURPLE, Line::Solid),
        Relation::Net | Relation::Subtract if e.weight < 0.0 => (RED, Line::Dashed),
        Relation::Net | Relation::Subtract => (GREEN, Line::Solid),
    }
}

/// What the colours the data gives its nodes stand for, for legends: per
/// colour (in order of first use), a name. When one attribute's value goes
/// with each colour (as DNA's entity colours go with their `Type`), the
/// name is `<attribute>: <value>`; otherwise the labels of the first nodes
/// that have it.
pub fn data_colours(net: &Network) -> Vec<(Rgb, String)> {
    // The coloured nodes, by colour.
    let mut groups: Vec<(Rgb, Vec<&NodeData>)> = Vec::new();
    for n in net.graph.node_weights() {
        let Some(c) = n.color.filter(|_| n.coalition.is_none()) else {
            continue;
        };
        match groups.iter_mut().find(|(k, _)| *k == c) {
            Some((_, nodes)) => nodes.push(n),
            None => groups.push((c, vec![n])),
        }
    }
    // The first user attribute, then role and topic, whose value all the
    // nodes of a colour share, and that tells two colours apart where
    // there are two.
    let columns = node_columns(net);
    let user = columns.iter().filter(|c| matches!(c, NodeColumn::User(..)));
    let builtin = columns
        .iter()
        .filter(|c| matches!(c, NodeColumn::Builtin(_)) && matches!(c.name(), "role" | "topic"));
    for column in user.chain(builtin) {
        let shared: Option<Vec<Value<'_>>> = groups
            .iter()
            .map(|(_, nodes)| {
                let first = column.get(nodes[0])?;
                nodes
                    .iter()
                    .all(|n| column.get(n) == Some(first))
                    .then_some(first)
            })
            .collect();
        let Some(values) = shared else { continue };
        if groups.len() < 2 || values.iter().any(|v| *v != values[0]) {
            return groups
                .iter()
                .zip(values)
                .map(|((c, _), v)| (*c, format!("{}: {}", column.name(), v.text())))
                .collect();
        }
    }
    groups
        .into_iter()
        .map(|(c, nodes)| (c, first_names(&nodes)))
        .collect()
}
