//! GML, as NetworkX's `read_gml` and igraph's `Read_GML` read it:
//!
//! ```text
//! graph [
//!   directed 1
//!   multigraph 1
//!   name "full"
//!   node [
//!     id 0
//!     label "Jean-No&#235;l Barrot"
//!     name "jean-noël-barrot"
//!     kind "person"
//!     ...
//!   ]
//!   edge [
//!     source 0
//!     target 5
//!     key "e0"
//!     weight 2
//!     relation "agree"
//!     ...
//!   ]
//! ]
//! ```
//!
//! Node `id`s are the numbers GML wants; the node id of every other format
//! is `name` (igraph's vertex names; NetworkX keys nodes by it with
//! `read_gml(path, label="name")`, by label by default). Every attribute
//! follows, typed: whole numbers bare, decimals with a point, booleans as
//! 1 and 0, the rest as strings. GML files are 7-bit ASCII: a string holds
//! `&quot;` for `"`, `&amp;` for `&`, and `&#N;` for any other character
//! outside printable ASCII (NetworkX reads these back; igraph reads the
//! first two and leaves `&#N;` as it is). GML keys are letters, digits and
//! `_`, starting with a letter: an attribute named otherwise is written
//! under such a name, and the export says so. Two-mode networks are
//! multigraphs (parallel agree and disagree edges), with each edge's id as
//! its `key`.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::model::AttrType;
use crate::network::Network;

use super::attrs::{
    Column, Value, edge_columns, graph_attrs, node_columns, rename_notice, spelled,
};
use super::{push_edge_id, write_weight};

/// The keys the writer uses itself.
const NODE_KEYS: &[&str] = &["id", "label", "name", "graphics", "LabelGraphics"];
const EDGE_KEYS: &[&str] = &[
    "source", "target", "key", "weight", "id", "label", "graphics",
];

/// A name as a GML key: `[A-Za-z][A-Za-z0-9_]*`.
fn key(name: &str) -> Cow<'_, str> {
    let fits = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if fits {
        return Cow::Borrowed(name);
    }
    let body: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if body.starts_with(|c: char| c.is_ascii_alphabetic()) {
        Cow::Owned(body)
    } else {
        Cow::Owned(format!("attr_{body}"))
    }
}

/// Appends `text` as a GML string, quotes included.
pub(crate) fn push_string(out: &mut String, text: &str) {
    use std::fmt::Write;
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '&' => out.push_str("&amp;"),
            ' '..='~' => out.push(c),
            c => {
                let _ = write!(out, "&#{};", c as u32);
            }
        }
    }
    out.push('"');
}

/// Appends a decimal with a point, so that it reads back as a decimal.
fn push_decimal(out: &mut String, text: &str) {
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() => {
            let start = out.len();
            write_weight(x, out);
            if !out[start..].contains('.') {
                out.push_str(".0");
            }
        }
        _ => push_string(out, text),
    }
}

/// Appends `indent key value\n`.
fn push_pair(out: &mut String, indent: &str, key: &str, value: Value<'_>) {
    out.push_str(indent);
    out.push_str(key);
    out.push(' ');
    match value {
        Value::Int(n) => out.push_str(&n.to_string()),
        Value::Typed(v, AttrType::Int | AttrType::Long) => out.push_str(v),
        Value::Typed(v, AttrType::Double) => push_decimal(out, v),
        Value::Typed(v, AttrType::Boolean) => out.push(if v == "true" { '1' } else { '0' }),
        other => push_string(out, &other.text()),
    }
    out.push('\n');
}

/// The notice for attributes written under another name, if any.
pub fn notice(net: &Network) -> Option<String> {
    rename_notice(
        net,
        "gml",
        "GML keys are ASCII letters, digits and _ and some are GML's own",
        NODE_KEYS,
        key,
    )
}

/// Writes the network as GML.
pub fn write(net: &Network, w: &mut dyn Write) -> io::Result<()> {
    let g = &net.graph;
    let node_columns = node_columns(net);
    let nodes = spelled(&node_columns, NODE_KEYS, key);
    let edges = spelled(edge_columns(net), EDGE_KEYS, key);
    let flag = |b: bool| if b { '1' } else { '0' };
    let mut buf = String::new();
    buf.push_str(&format!(
        "graph [\n  directed {}\n  multigraph {}\n  name ",
        flag(net.directed),
        flag(net.directed)
    ));
    push_string(&mut buf, &net.name);
    buf.push('\n');
    for (name, ty, value) in graph_attrs(net) {
        buf.push_str("  ");
        buf.push_str(name);
        buf.push(' ');
        if ty.is_number() {
            buf.push_str(&value);
        } else {
            push_string(&mut buf, &value);
        }
        buf.push('\n');
    }
    w.write_all(buf.as_bytes())?;
    for (i, n) in g.node_weights().enumerate() {
        buf.clear();
        buf.push_str(&format!("  node [\n    id {i}\n    label "));
        push_string(&mut buf, &n.label);
        buf.push_str("\n    name ");
        push_string(&mut buf, &n.id);
        buf.push('\n');
        for c in &nodes.columns {
            if let Some(v) = c.get(n) {
                push_pair(&mut buf, "    ", c.name(), v);
            }
        }
        buf.push_str("  ]\n");
        w.write_all(buf.as_bytes())?;
    }
    net.for_each_edge(|e, s, t, d| {
        buf.clear();
        buf.push_str(&format!(
            "  edge [\n    source {}\n    target {}\n",
            s.index(),
            t.index()
        ));
        if net.directed {
            buf.push_str("    key \"");
            push_edge_id(e, &mut buf);
            buf.push_str("\"\n");
        }
        buf.push_str("    weight ");
        write_weight(d.weight, &mut buf);
        buf.push('\n');
        for c in &edges.columns {
            if let Some(v) = c.get(d) {
                push_pair(&mut buf, "    ", c.name(), v);
            }
        }
        buf.push_str("  ]\n");
        w.write_all(buf.as_bytes())
    })?;
    w.write_all(b"]\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_gml_keys() {
        assert_eq!(key("first_date"), "first_date");
        assert_eq!(key("Gründung"), "Gr_ndung");
        assert_eq!(key("2nd"), "attr_2nd");
        assert_eq!(key("_x"), "attr__x");
    }

    #[test]
    fn decimals_keep_their_point() {
        let mut out = String::new();
        for v in ["2", "2.5", "1e5", "-0.25", "NaN"] {
            push_decimal(&mut out, v);
            out.push(' ');
        }
        assert_eq!(out, "2.0 2.5 100000.0 -0.25 \"NaN\" ");
    }

    #[test]
    fn strings_escape_quotes_ampersands_and_non_ascii() {
        let mut out = String::new();
        push_string(&mut out, "Noël \"&\"\n");
        assert_eq!(out, "\"No&#235;l &quot;&amp;&quot;&#10;\"");
    }
}
