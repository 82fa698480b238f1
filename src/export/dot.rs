//! Graphviz DOT, built as a graphviz-rust AST and printed by it.
//!
//! graphviz-rust escapes nothing, so every id and value goes through
//! [`quote`]. Node shape and fill colour show the kind; edge colour and style
//! show the relation (agree green and solid, disagree red and dashed,
//! affiliation grey and dotted); pen width grows with weight; tooltips carry
//! the evidence.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, Write};

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use petgraph::graph::NodeIndex;

use crate::graph::{EdgeData, Network, NodeData, NodeKind, Relation};

use super::attrs::{Column, EDGE_ATTRS, NodeColumn, as_is, node_columns, rename_notice, spelled};
use super::style::{dark, edge_style, fill, hex};
use super::{TwoDecimals, format_weight};

/// Quotes and escapes a string as a DOT id or attribute value.
///
/// Inside a quoted DOT string only `\"` is an escape to the lexer; in labels
/// and tooltips Graphviz also reads `\\` as a backslash and `\n`, `\r`,
/// `\l` as line breaks (centred, right- and left-justified). So `\` becomes
/// `\\`, `"` becomes `\"`, and every line break (LF, CR or CR LF) `\n`: the
/// text reads back as it reads, and no backslash can swallow the closing
/// quote.
///
/// ```
/// use stancegraph::export::dot::quote;
/// assert_eq!(quote(r#"Zelenskyy's "office""#), r#""Zelenskyy's \"office\"""#);
/// assert_eq!(quote("a\\b\nc\r\nd\re"), r#""a\\b\nc\nd\ne""#);
/// ```
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_quoted(&mut out, text);
    out
}

/// Appends `text` quoted and escaped, as [`quote`] returns it.
pub fn push_quoted(out: &mut String, text: &str) {
    out.push('"');
    let mut rest = text;
    // Copy runs that need no escape in one go.
    while let Some(i) = rest.find(['\\', '"', '\n', '\r']) {
        out.push_str(&rest[..i]);
        let mut skip = 1;
        out.push_str(match rest.as_bytes()[i] {
            b'\\' => "\\\\",
            b'"' => "\\\"",
            b'\r' if rest.as_bytes().get(i + 1) == Some(&b'\n') => {
                skip = 2;
                "\\n"
            }
            _ => "\\n",
        });
        rest = &rest[i + skip..];
    }
    out.push_str(rest);
    out.push('"');
}

/// The inverse of [`quote`]: reads a quoted DOT string (as graphviz-rust's
/// parser returns it, quotes included) back to its text, each line break as
/// `\n`. `None` when it is not a quoted string.
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
    /// Whether one-mode networks name their layout engine (`layout=neato`)
    /// in the file; off when the engine is chosen on Graphviz's command
    /// line instead (`stancegraph render`).
    pub spring_layout: bool,
    /// Wrap node labels at spaces into lines of about this many characters
    /// (for pictures; files keep labels exact).
    pub wrap: Option<usize>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            rankdir: "LR".to_string(),
            fontname: "Helvetica".to_string(),
            spring_layout: true,
            wrap: None,
        }
    }
}

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

/// Whether a name can stand unquoted as a DOT id: ASCII letters, digits
/// and `_`, not starting with a digit.
fn is_plain(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && !b[0].is_ascii_digit()
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
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

pub(crate) fn attr(name: &str, value: &str) -> Attribute {
    let name = if is_plain(name) {
        Id::Plain(name.to_string())
    } else {
        Id::Escaped(quote(name))
    };
    Attribute(name, Id::Escaped(quote(value)))
}

pub(crate) fn node_id(id: &str) -> NodeId {
    NodeId(Id::Escaped(quote(id)), None)
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
        let edge_names = spelled(&EDGE_ATTRS, EDGE_KEYS, as_is)
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
        for (column, name) in EDGE_ATTRS.iter().zip(&self.edge_names) {
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

fn ast_attrs(attrs: Attrs<'_>) -> Vec<Attribute> {
    attrs.into_iter().map(|(k, v)| attr(&k, &v)).collect()
}

/// Builds the DOT AST of a network: for small graphs, for parsing back and
/// for running `dot` through graphviz-rust. [`write`] prints the same bytes
/// without building it.
pub fn to_graph(net: &Network, config: &Config) -> Graph {
    let styled = Styled::new(net);
    let mut stmts: Vec<Stmt> = styled
        .defaults(config)
        .into_iter()
        .map(|(kind, attrs)| Stmt::GAttribute(GraphAttributes::new(kind, ast_attrs(attrs))))
        .collect();
    for n in net.graph.node_weights() {
        stmts.push(Node::new(node_id(&n.id), ast_attrs(styled.node(n, config))).into());
    }
    net.for_each_edge(|_, s, t, d| {
        let (s, t, attrs) = styled.edge(s, t, d);
        stmts.push(
            Edge {
                ty: EdgeTy::Pair(Vertex::N(node_id(s)), Vertex::N(node_id(t))),
                attributes: ast_attrs(attrs),
            }
            .into(),
        );
        Ok(())
    })
    .expect("building the AST in memory does not fail");
    let countries = styled.ranked_countries();
    if !countries.is_empty() {
        let mut members: Vec<Stmt> = vec![attr("rank", "min").into()];
        members.extend(
            countries
                .into_iter()
                .map(|c| Stmt::Node(Node::new(node_id(c), vec![]))),
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

/// Writes a network as DOT, streaming: the same bytes as printing
/// [`to_graph`] with graphviz-rust's default printer (a test holds the two
/// together), without building the AST, which large graphs cannot afford.
pub fn write(net: &Network, config: &Config, w: &mut dyn Write) -> io::Result<()> {
    let styled = Styled::new(net);
    let kind = if net.directed { "digraph" } else { "graph" };
    let arrow = if net.directed { " -> " } else { " -- " };
    // Each statement is built in one reused buffer, then written.
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
    for n in net.graph.node_weights() {
        let attrs = styled.node(n, config);
        line(w, &mut |b| {
            b.push_str("  ");
            push_quoted(b, &n.id);
            push_attrs(b, &attrs);
        })?;
    }
    net.for_each_edge(|_, s, t, d| {
        let (s, t, attrs) = styled.edge(s, t, d);
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
    if !countries.is_empty() {
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
    w.write_all(b"}\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use graphviz_rust::printer::{DotPrinter, PrinterContext};
    use proptest::prelude::*;

    /// Writes a network as DOT through the graphviz-rust AST and printer, to
    /// check [`write`] against.
    fn write_via_ast(net: &Network, config: &Config, w: &mut dyn Write) -> io::Result<()> {
        let text = to_graph(net, config).print(&mut PrinterContext::default());
        w.write_all(text.as_bytes())?;
        w.write_all(b"\n")
    }

    #[test]
    fn streaming_writer_matches_the_ast_printer_byte_for_byte() {
        use crate::load::{Input, LoadOptions, load};
        use crate::network::{Kind, Level, Options, build};
        let ds = load(&Input::Embedded, &LoadOptions::default())
            .unwrap()
            .dataset;
        let kinds = [
            Kind::Full,
            Kind::Affiliation,
            Kind::Congruence,
            Kind::Subtract,
        ];
        for (kind, level) in kinds
            .iter()
            .flat_map(|k| [(*k, Level::Actor), (*k, Level::Country)])
        {
            let opts = Options {
                kind,
                level: level.clone(),
                ..Options::default()
            };
            let net = build(&ds, &opts).unwrap().network;
            let (mut direct, mut ast) = (Vec::new(), Vec::new());
            write(&net, &Config::default(), &mut direct).unwrap();
            write_via_ast(&net, &Config::default(), &mut ast).unwrap();
            assert_eq!(
                String::from_utf8(direct).unwrap(),
                String::from_utf8(ast).unwrap(),
                "{kind:?} {level:?}"
            );
        }
    }

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
