//! How nodes and edges look, shared by the formats that carry visuals
//! (DOT and GEXF): colour by node kind, colour and line style by relation.

use crate::graph::{EdgeData, NodeData, NodeKind, Relation};
pub use crate::model::{Rgb, hex};

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
pub fn fill(n: &NodeData) -> Rgb {
    n.color.unwrap_or_else(|| node_color(n.kind))
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
