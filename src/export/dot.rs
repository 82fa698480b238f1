//! Graphviz DOT, built as a graphviz-rust AST and printed by it.
//!
//! graphviz-rust escapes nothing, so every id and value goes through
//! [`quote`]. Node shape and fill colour show the kind; edge colour and style
//! show the relation (agree green and solid, disagree red and dashed,
//! affiliation grey and dotted); pen width grows with weight; tooltips carry
//! the evidence.

use std::collections::HashMap;
use std::io::{self, Write};

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use crate::graph::{EdgeData, Network, NodeData, NodeKind, Relation};

use super::format_weight;
use super::style::{edge_style, hex, node_color};

/// Quotes and escapes a string as a DOT id or attribute value.
///
/// Inside a quoted DOT string only `\"` is an escape to the lexer; in labels
/// and tooltips Graphviz also reads `\\` as a backslash and `\n`, `\r`,
/// `\l` as line breaks. So `\` becomes `\\`, `"` becomes `\"`, a line feed
/// `\n` and a carriage return `\r`: the text reads back exactly, and no
/// backslash can swallow the closing quote.
///
/// ```
/// use stancegraph::export::dot::quote;
/// assert_eq!(quote(r#"Zelenskyy's "office""#), r#""Zelenskyy's \"office\"""#);
/// assert_eq!(quote("a\\b\nc"), r#""a\\b\nc""#);
/// ```
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The inverse of [`quote`]: reads a quoted DOT string (as graphviz-rust's
/// parser returns it, quotes included) back to its text. `None` when it is
/// not a quoted string.
///
/// ```
/// use stancegraph::export::dot::{quote, unquote};
/// let label = "Jean-Noël \"JN\" \\ Barrot\n";
/// assert_eq!(unquote(&quote(label)).as_deref(), Some(label));
/// ```
pub fn unquote(quoted: &str) -> Option<String> {
    let inner = quoted.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            other => out.push(other),
        }
    }
    Some(out)
}

/// How the DOT export looks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Graphviz `rankdir` of two-mode networks: `LR` puts actors left of
    /// stances. One-mode networks use the `neato` layout instead.
    pub rankdir: String,
    /// The font for every label.
    pub fontname: String,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            rankdir: "LR".to_string(),
            fontname: "Helvetica".to_string(),
        }
    }
}

fn attr(name: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(name.to_string()), Id::Escaped(quote(value)))
}

fn node_id(id: &str) -> NodeId {
    NodeId(Id::Escaped(quote(id)), None)
}

/// Graphviz shape per node kind.
fn node_shape(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Person => "ellipse",
        NodeKind::Organization => "box",
        NodeKind::Country => "hexagon",
        NodeKind::Stance => "note",
    }
}

fn statements(n: u64) -> String {
    match n {
        1 => "1 statement".to_string(),
        n => format!("{n} statements"),
    }
}

fn node_tooltip(n: &NodeData, country_label: Option<&str>) -> String {
    let mut parts = vec![n.kind.as_str().to_string()];
    parts.extend(n.role.iter().cloned());
    parts.extend(country_label.map(str::to_string));
    parts.extend(n.topic.as_ref().map(|t| format!("topic: {t}")));
    parts.push(statements(n.statements));
    parts.join(" · ")
}

fn edge_tooltip(source: &NodeData, target: &NodeData, e: &EdgeData) -> String {
    if e.relation == Relation::Affiliation {
        return format!("{} belongs to {}", source.label, target.label);
    }
    let (a, b) = (&source.label, &target.label);
    let w = format_weight(e.weight);
    let mut text = match e.relation {
        Relation::Agree => format!("{a} agrees with “{b}”"),
        Relation::Disagree => format!("{a} disagrees with “{b}”"),
        Relation::Any => format!("{a} speaks about “{b}”"),
        Relation::Both => format!("{a} both agrees and disagrees with “{b}”"),
        Relation::Net => format!("{a} on “{b}”: agree minus disagree = {w}"),
        one_mode => format!("{a} and {b}: {} {w}", one_mode.as_str()),
    };
    text.push('\n');
    text.push_str(&statements(e.statements));
    match (e.first_date, e.last_date) {
        (Some(f), Some(l)) if f != l => text.push_str(&format!(", {f} to {l}")),
        (Some(f), _) => text.push_str(&format!(", {f}")),
        _ => {}
    }
    if let Some(q) = &e.quote {
        text.push_str(&format!("\n“{q}”"));
    }
    text
}

/// Builds the DOT AST of a network.
pub fn to_graph(net: &Network, config: &Config) -> Graph {
    let g = &net.graph;
    // Two-mode networks read left to right; actor networks have no
    // direction to rank by, so they get a spring layout.
    let layout = if net.directed {
        attr("rankdir", &config.rankdir)
    } else {
        attr("layout", "neato")
    };
    let mut stmts: Vec<Stmt> = vec![
        GraphAttributes::Graph(vec![
            layout,
            attr("fontname", &config.fontname),
            attr("overlap", "false"),
        ])
        .into(),
        GraphAttributes::Node(vec![
            attr("fontname", &config.fontname),
            attr("style", "filled"),
        ])
        .into(),
        GraphAttributes::Edge(vec![attr("fontname", &config.fontname)]).into(),
    ];
    let labels: HashMap<&str, &str> = g
        .node_weights()
        .map(|n| (n.id.as_str(), n.label.as_str()))
        .collect();
    for n in g.node_weights() {
        let shape = node_shape(n.kind);
        let fill = hex(node_color(n.kind));
        let country = n.country.as_deref().and_then(|c| labels.get(c).copied());
        stmts.push(
            Node::new(
                node_id(&n.id),
                vec![
                    attr("label", &n.label),
                    attr("kind", n.kind.as_str()),
                    attr("shape", shape),
                    attr("fillcolor", &fill),
                    attr("tooltip", &node_tooltip(n, country)),
                ],
            )
            .into(),
        );
    }
    let max = net.max_weight();
    for e in g.edge_indices() {
        let (s, t) = g.edge_endpoints(e).expect("edge index from the graph");
        let d = &g[e];
        let (color, line) = edge_style(d);
        let penwidth = if d.relation != Relation::Affiliation && max > 0.0 {
            1.0 + 3.0 * d.weight.abs() / max
        } else {
            1.0
        };
        stmts.push(
            Edge {
                ty: EdgeTy::Pair(Vertex::N(node_id(&g[s].id)), Vertex::N(node_id(&g[t].id))),
                attributes: vec![
                    attr("relation", d.relation.as_str()),
                    attr("weight", &format_weight(d.weight)),
                    attr("statements", &d.statements.to_string()),
                    attr("color", &hex(color)),
                    attr("style", line.as_str()),
                    attr("penwidth", &format!("{penwidth:.2}")),
                    attr("tooltip", &edge_tooltip(&g[s], &g[t], d)),
                ],
            }
            .into(),
        );
    }
    // Countries go in the first rank, left of the actors that belong to them.
    let mut countries: Vec<_> = g
        .edge_indices()
        .filter(|e| g[*e].relation == Relation::Affiliation)
        .filter_map(|e| g.edge_endpoints(e).map(|(_, t)| t))
        .collect();
    countries.sort();
    countries.dedup();
    if !countries.is_empty() {
        let mut members: Vec<Stmt> = vec![attr("rank", "min").into()];
        members.extend(
            countries
                .into_iter()
                .map(|c| Stmt::Node(Node::new(node_id(&g[c].id), vec![]))),
        );
        stmts.push(
            Subgraph {
                id: Id::Escaped(quote("countries")),
                stmts: members,
            }
            .into(),
        );
    }
    let id = Id::Escaped(quote(&net.name));
    if net.directed {
        Graph::DiGraph {
            id,
            strict: false,
            stmts,
        }
    } else {
        Graph::Graph {
            id,
            strict: false,
            stmts,
        }
    }
}

/// Writes a network as DOT.
pub fn write(net: &Network, config: &Config, w: &mut dyn Write) -> io::Result<()> {
    let text = to_graph(net, config).print(&mut PrinterContext::default());
    w.write_all(text.as_bytes())?;
    w.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn keywords_and_digits_are_quoted() {
        for word in ["graph", "NODE", "Strict", "1a", "-1", ""] {
            assert_eq!(quote(word), format!("\"{word}\""));
        }
    }

    #[test]
    fn trailing_backslash_cannot_swallow_the_quote() {
        assert_eq!(quote("a\\"), "\"a\\\\\"");
        assert_eq!(unquote("\"a\\\\\"").as_deref(), Some("a\\"));
    }

    #[test]
    fn unquote_rejects_unquoted_and_dangling_escape() {
        assert_eq!(unquote("abc"), None);
        assert_eq!(unquote("\"abc\\\""), None);
    }

    proptest! {
        #[test]
        fn quote_round_trips(text in any::<String>()) {
            prop_assert_eq!(unquote(&quote(&text)), Some(text));
        }

        #[test]
        fn quoted_has_no_bare_quote_or_line_break(text in any::<String>()) {
            let q = quote(&text);
            let inner = &q[1..q.len() - 1];
            prop_assert!(!inner.contains('\n') && !inner.contains('\r'));
            // Every quote inside is preceded by an odd run of backslashes.
            let bytes = inner.as_bytes();
            for (i, b) in bytes.iter().enumerate() {
                if *b == b'"' {
                    let run = bytes[..i].iter().rev().take_while(|c| **c == b'\\').count();
                    prop_assert!(run % 2 == 1);
                }
            }
        }
    }
}
