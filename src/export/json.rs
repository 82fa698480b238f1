//! JSON in NetworkX's node-link form: `directed`, `multigraph`, `graph`,
//! `nodes` (each with its `id`, `label` and attributes) and `edges` (each
//! with `source`, `target`, `key` = the edge id, `weight` and attributes),
//! read back by `networkx.node_link_graph(data, edges="edges")`.
//!
//! Two-mode networks are multigraphs (an actor may both agree and disagree
//! with a stance); one-mode networks are simple graphs. One node or edge per
//! line, keys sorted, so the output diffs well and is the same bytes for
//! the same input.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use crate::graph::Network;

use super::attrs::{Attr, EDGE_ATTRS, NODE_ATTRS};
use super::edge_id;

fn object<T>(mut fixed: Map<String, Value>, attrs: &[Attr<T>], item: &T) -> Value {
    for a in attrs {
        if let Some(v) = (a.get)(item) {
            fixed.insert(a.name.to_string(), v.json());
        }
    }
    Value::Object(fixed)
}

fn fixed(pairs: Vec<(&str, Value)>) -> Map<String, Value> {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// Writes a network as node-link JSON.
pub fn write(net: &Network, w: &mut dyn Write) -> io::Result<()> {
    let g = &net.graph;
    let header = json!({
        "directed": net.directed,
        "multigraph": net.directed,
        "graph": {"name": net.name},
    });
    let header = serde_json::to_string(&header)?;
    // Open the object and leave it open for the two arrays.
    w.write_all(&header.as_bytes()[..header.len() - 1])?;
    w.write_all(b",\"nodes\":[")?;
    for (i, n) in g.node_weights().enumerate() {
        let node = object(
            fixed(vec![("id", json!(n.id)), ("label", json!(n.label))]),
            &NODE_ATTRS,
            n,
        );
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *w, &node)?;
    }
    w.write_all(b"\n],\"edges\":[")?;
    for (i, e) in g.edge_indices().enumerate() {
        let (s, t) = g.edge_endpoints(e).expect("edge index from the graph");
        let d = &g[e];
        let edge = object(
            fixed(vec![
                ("source", json!(g[s].id)),
                ("target", json!(g[t].id)),
                ("key", json!(edge_id(e.index()))),
                ("weight", json!(d.weight)),
            ]),
            &EDGE_ATTRS,
            d,
        );
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *w, &edge)?;
    }
    w.write_all(b"\n]}\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Input, load};

    #[test]
    fn is_one_json_document_with_every_node_and_edge() {
        let net = Network::full(&load(&Input::Embedded).unwrap());
        let mut out = Vec::new();
        write(&net, &mut out).unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["directed"], json!(true));
        assert_eq!(v["graph"]["name"], json!("full"));
        assert_eq!(v["nodes"].as_array().unwrap().len(), net.graph.node_count());
        assert_eq!(v["edges"].as_array().unwrap().len(), net.graph.edge_count());
        let barrot = v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == json!("barrot"))
            .unwrap();
        assert_eq!(barrot["label"], json!("Jean-Noël Barrot"));
        assert_eq!(barrot["statements"], json!(2));
        assert_eq!(v["edges"][0]["key"], json!("e0"));
    }
}
