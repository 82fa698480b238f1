//! The text DOT shows: wrapped labels, node shapes, tooltips, and the
//! names user attributes get.

use std::borrow::Cow;

use crate::network::{EdgeData, NodeData, NodeKind, Relation};

use super::super::format_weight;

/// Breaks text at spaces into lines of at most `width` characters where it
/// can (a longer word keeps its own line).
///
/// ```
/// use stancegraph::export::dot::wrap;
/// assert_eq!(wrap("Ukraine should become a member of NATO.", 16), "Ukraine should\nbecome a member\nof NATO.");
/// assert_eq!(wrap("short", 16), "short");
/// ```
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut line = 0;
    for word in text.split(' ') {
        let n = word.chars().count();
        if line > 0 && line + 1 + n > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += n;
    }
    out
}

/// The node attributes Graphviz itself reads: a user attribute with one of
/// these names is written as `user_<name>`, so that it cannot change the
/// drawing (a `shape`, `width` or `image` column would).
const GRAPHVIZ_NODE_ATTRS: &[&str] = &[
    "area",
    "class",
    "colorscheme",
    "comment",
    "distortion",
    "fillcolor",
    "fixedsize",
    "fontcolor",
    "fontname",
    "fontsize",
    "gradientangle",
    "group",
    "height",
    "href",
    "id",
    "image",
    "imagepos",
    "imagescale",
    "label",
    "labelloc",
    "layer",
    "margin",
    "nojustify",
    "ordering",
    "orientation",
    "penwidth",
    "peripheries",
    "pin",
    "pos",
    "rects",
    "regular",
    "root",
    "samplepoints",
    "shape",
    "shapefile",
    "showboxes",
    "sides",
    "skew",
    "sortv",
    "style",
    "target",
    "tooltip",
    "URL",
    "vertices",
    "width",
    "xlabel",
    "xlp",
    "z",
];

/// The name a user attribute gets in DOT: its own, or `user_<name>` when
/// Graphviz would read it (`color` is meant as the node's colour and kept).
pub fn user_attr_name(name: &str) -> Cow<'_, str> {
    if GRAPHVIZ_NODE_ATTRS.contains(&name) {
        Cow::Owned(format!("user_{name}"))
    } else {
        Cow::Borrowed(name)
    }
}

/// Graphviz shape per node kind.
pub(crate) fn node_shape(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Person => "ellipse",
        NodeKind::Organization => "box",
        NodeKind::Country => "hexagon",
        NodeKind::Group => "box3d",
        NodeKind::Stance => "note",
    }
}

fn statements(n: u64) -> String {
    match n {
        1 => "1 statement".to_string(),
        n => format!("{n} statements"),
    }
}

pub(super) fn node_tooltip(n: &NodeData, country_label: Option<&str>) -> String {
    let mut parts = vec![n.kind.as_str().to_string()];
    parts.extend(n.role.iter().cloned());
    parts.extend(country_label.map(str::to_string));
    parts.extend(n.topic.as_ref().map(|t| format!("topic: {t}")));
    parts.push(statements(n.statements));
    parts.join(" · ")
}

pub(super) fn edge_tooltip(source: &NodeData, target: &NodeData, e: &EdgeData) -> String {
    use std::fmt::Write;
    if e.relation == Relation::Affiliation {
        return format!("{} belongs to {}", source.label, target.label);
    }
    let (a, b) = (&source.label, &target.label);
    let quote = e.quote.as_deref().map_or(0, str::len);
    let mut text = String::with_capacity(a.len() + b.len() + quote + 96);
    // Writing into a String cannot fail.
    let _ = match e.relation {
        Relation::Agree => write!(text, "{a} agrees with “{b}”"),
        Relation::Disagree => write!(text, "{a} disagrees with “{b}”"),
        Relation::Any => write!(text, "{a} speaks about “{b}”"),
        Relation::Both => write!(text, "{a} both agrees and disagrees with “{b}”"),
        Relation::Net => write!(
            text,
            "{a} on “{b}”: agree minus disagree = {}",
            format_weight(e.weight)
        ),
        one_mode => write!(
            text,
            "{a} and {b}: {} {}",
            one_mode.as_str(),
            format_weight(e.weight)
        ),
    };
    text.push('\n');
    text.push_str(&statements(e.statements));
    let _ = match (e.first_date, e.last_date) {
        (Some(f), Some(l)) if f != l => write!(text, ", {f} to {l}"),
        (Some(f), _) => write!(text, ", {f}"),
        _ => Ok(()),
    };
    if let Some(q) = &e.quote {
        text.push_str("\n“");
        text.push_str(q);
        text.push('”');
    }
    text
}
