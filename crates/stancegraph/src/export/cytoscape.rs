//! Cytoscape.js elements JSON (`.cyjs`, which Cytoscape desktop also
//! opens): `{"elements": {"nodes": [{"data": {...}}], "edges": [...]}}`,
//! with the network's name and direction in `data`.
//!
//! Node data holds `id`, `label` and every attribute; edge data holds `id`
//! (the edge id of every other format), `source`, `target`, `weight` and
//! every attribute, numbers as numbers. Cytoscape.js wants ids unique
//! across nodes and edges, so an edge id that a node already has gets a
//! suffix; and it reads a node's `parent` as its compound parent, so a
//! user attribute of that name is written as `user_parent`, and the
//! export says so. One node or edge per line, keys sorted.

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::{self, Write};

use crate::network::Network;

use super::attrs::{Column, as_is, edge_columns, node_columns, rename_notice, spelled};
use super::json::{Member, object};
use super::push_edge_id;

/// The node data keys Cytoscape.js reads itself.
const NODE_KEYS: &[&str] = &["id", "label", "parent"];
/// The edge data keys the writer uses itself.
const EDGE_KEYS: &[&str] = &["id", "source", "target", "weight"];

/// A user attribute's name in node data.
fn node_key(name: &str) -> Cow<'_, str> {
    if name == "parent" {
        Cow::Borrowed("user_parent")
    } else {
        Cow::Borrowed(name)
    }
}

/// The notice for attributes written under another name, if any.
pub fn notice(net: &Network) -> Option<String> {
    rename_notice(
        net,
        "cytoscape",
        "Cytoscape.js reads a node's 'parent' as its compound parent",
        NODE_KEYS,
        node_key,
    )
}

/// Writes one element, `{"data":{...}}`, on a line of its own.
fn element<'a, T>(
    w: &mut dyn Write,
    first: bool,
    members: Vec<(&'a str, Member<'a>)>,
    columns: &'a [impl Column<T>],
    item: &'a T,
    buf: &mut String,
) -> io::Result<()> {
    w.write_all(if first {
        b"\n{\"data\":"
    } else {
        b",\n{\"data\":"
    })?;
    object(w, members, columns, item, buf)?;
    w.write_all(b"}")
}

/// Writes the network as Cytoscape.js elements.
pub fn write(net: &Network, w: &mut dyn Write) -> io::Result<()> {
    let g = &net.graph;
    w.write_all(b"{\"data\":{\"directed\":")?;
    serde_json::to_writer(&mut *w, &net.directed)?;
    w.write_all(b",\"name\":")?;
    serde_json::to_writer(&mut *w, &net.name)?;
    super::json::write_graph_attrs(net, w)?;
    w.write_all(b"},\"elements\":{\"nodes\":[")?;
    let node_columns = node_columns(net);
    let nodes = spelled(&node_columns, NODE_KEYS, node_key);
    let edges = spelled(edge_columns(net), EDGE_KEYS, as_is);
    let mut buf = String::new();
    for (i, n) in g.node_weights().enumerate() {
        let members = vec![
            ("id", Member::Text(&n.id)),
            ("label", Member::Text(&n.label)),
        ];
        element(w, i == 0, members, &nodes.columns, n, &mut buf)?;
    }
    w.write_all(b"\n],\"edges\":[")?;
    let node_ids: HashSet<&str> = g.node_weights().map(|n| n.id.as_str()).collect();
    let mut id = String::new();
    net.for_each_edge(|e, s, t, d| {
        id.clear();
        push_edge_id(e, &mut id);
        while node_ids.contains(id.as_str()) {
            id.push_str("-edge");
        }
        let members = vec![
            ("id", Member::Text(&id)),
            ("source", Member::Text(&g[s].id)),
            ("target", Member::Text(&g[t].id)),
            ("weight", Member::Float(d.weight)),
        ];
        element(w, e == 0, members, &edges.columns, d, &mut buf)
    })?;
    w.write_all(b"\n]}}\n")
}
