//! JSON in NetworkX's node-link form: `directed`, `multigraph`, `graph`,
//! `nodes` (each with its `id`, `label` and attributes) and `edges` (each
//! with `source`, `target`, `weight`, attributes and, in multigraphs,
//! `key` = the edge id), read back by
//! `networkx.node_link_graph(data, edges="edges")`.
//!
//! Two-mode networks are multigraphs (an actor may both agree and disagree
//! with a stance); one-mode networks are simple graphs. One node or edge per
//! line, keys sorted, so the output diffs well and is the same bytes for
//! the same input.

use std::io::{self, Write};

use crate::network::Network;

use super::attrs::{Column, Value, edge_columns, graph_attrs, node_columns};
use super::push_edge_id;

/// One JSON member value.
pub(crate) enum Member<'a> {
    Attr(Value<'a>),
    Text(&'a str),
    Float(f64),
}

/// Writes `{"key":value,...}` with the keys in sorted order, strings escaped
/// by serde_json, numbers as serde_json writes them.
pub(crate) fn object<'a, T>(
    w: &mut dyn Write,
    mut members: Vec<(&'a str, Member<'a>)>,
    attrs: &'a [impl Column<T>],
    item: &'a T,
    buf: &mut String,
) -> io::Result<()> {
    for a in attrs {
        if let Some(v) = a.get(item) {
            members.push((a.name(), Member::Attr(v)));
        }
    }
    members.sort_by_key(|(k, _)| *k);
    w.write_all(b"{")?;
    for (i, (key, value)) in members.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        serde_json::to_writer(&mut *w, key)?;
        w.write_all(b":")?;
        match value {
            Member::Text(s) => serde_json::to_writer(&mut *w, s)?,
            Member::Float(x) => serde_json::to_writer(&mut *w, x)?,
            Member::Attr(v) => {
                buf.clear();
                v.write(buf);
                if v.is_bare_in_json() {
                    w.write_all(buf.as_bytes())?;
                } else {
                    serde_json::to_writer(&mut *w, buf.as_str())?;
                }
            }
        }
    }
    w.write_all(b"}")
}

/// Writes the network's own attributes as members of an open object:
/// numbers bare, text as strings.
pub(crate) fn write_graph_attrs(net: &Network, w: &mut dyn Write) -> io::Result<()> {
    for (name, ty, value) in graph_attrs(net) {
        w.write_all(b",")?;
        serde_json::to_writer(&mut *w, name)?;
        w.write_all(b":")?;
        if ty.is_number() {
            w.write_all(value.as_bytes())?;
        } else {
            serde_json::to_writer(&mut *w, &value)?;
        }
    }
    Ok(())
}

/// Writes a network as node-link JSON.
pub fn write(net: &Network, w: &mut dyn Write) -> io::Result<()> {
    let g = &net.graph;
    w.write_all(b"{\"directed\":")?;
    serde_json::to_writer(&mut *w, &net.directed)?;
    w.write_all(b",\"graph\":{\"name\":")?;
    serde_json::to_writer(&mut *w, &net.name)?;
    write_graph_attrs(net, w)?;
    w.write_all(b"},\"multigraph\":")?;
    serde_json::to_writer(&mut *w, &net.directed)?;
    w.write_all(b",\"nodes\":[")?;
    let mut buf = String::new();
    let node_attrs = node_columns(net);
    for (i, n) in g.node_weights().enumerate() {
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        let members = vec![
            ("id", Member::Text(&n.id)),
            ("label", Member::Text(&n.label)),
        ];
        object(w, members, &node_attrs, n, &mut buf)?;
    }
    w.write_all(b"\n],\"edges\":[")?;
    let mut key = String::new();
    net.for_each_edge(|e, s, t, d| {
        key.clear();
        push_edge_id(e, &mut key);
        w.write_all(if e == 0 { b"\n" } else { b",\n" })?;
        let mut members = vec![
            ("source", Member::Text(&g[s].id)),
            ("target", Member::Text(&g[t].id)),
            ("weight", Member::Float(d.weight)),
        ];
        // Only a multigraph tells parallel edges apart by key.
        if net.directed {
            members.push(("key", Member::Text(&key)));
        }
        object(w, members, edge_columns(net), d, &mut buf)
    })?;
    w.write_all(b"\n]}\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::edge_id;
    use crate::load::{Input, LoadOptions, load};
    use serde_json::{Value, json};

    /// The earlier path: each object built as a serde_json value (keys
    /// sorted by its map) and printed by serde_json.
    fn reference(net: &Network) -> Vec<u8> {
        use serde_json::{Map, Value as Json, json};
        fn object<T>(mut fixed: Map<String, Json>, attrs: &[impl Column<T>], item: &T) -> Json {
            for a in attrs {
                if let Some(v) = a.get(item) {
                    let value = if v.is_bare_in_json() {
                        serde_json::from_str(&v.text()).unwrap()
                    } else {
                        Json::from(v.text())
                    };
                    fixed.insert(a.name().to_string(), value);
                }
            }
            Json::Object(fixed)
        }
        let g = &net.graph;
        let mut out = Vec::new();
        let header = serde_json::to_string(&json!({
            "directed": net.directed, "multigraph": net.directed, "graph": {"name": net.name},
        }))
        .unwrap();
        out.extend_from_slice(&header.as_bytes()[..header.len() - 1]);
        out.extend_from_slice(b",\"nodes\":[");
        for (i, n) in g.node_weights().enumerate() {
            let fixed = [("id", json!(n.id)), ("label", json!(n.label))];
            let node = object(
                fixed.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
                &node_columns(net),
                n,
            );
            out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
            serde_json::to_writer(&mut out, &node).unwrap();
        }
        out.extend_from_slice(b"\n],\"edges\":[");
        for (i, e) in g.edge_indices().enumerate() {
            let (s, t) = g.edge_endpoints(e).unwrap();
            let d = &g[e];
            let mut fixed = vec![
                ("source", json!(g[s].id)),
                ("target", json!(g[t].id)),
                ("weight", json!(d.weight)),
            ];
            if net.directed {
                fixed.push(("key", json!(edge_id(e.index()))));
            }
            let edge = object(
                fixed.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
                edge_columns(net),
                d,
            );
            out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
            serde_json::to_writer(&mut out, &edge).unwrap();
        }
        out.extend_from_slice(b"\n]}\n");
        out
    }

    #[test]
    fn streaming_writer_matches_the_earlier_path_byte_for_byte() {
        use crate::network::{Kind, Normalization, Options, build};
        let ds = load(&Input::Embedded, &LoadOptions::default())
            .unwrap()
            .dataset;
        for kind in [Kind::Full, Kind::Affiliation, Kind::Conflict] {
            let opts = Options {
                kind,
                normalization: if kind == Kind::Conflict {
                    Normalization::Average
                } else {
                    Normalization::None
                },
                ..Options::default()
            };
            let net = build(&ds, &opts).unwrap().network;
            let mut out = Vec::new();
            write(&net, &mut out).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                String::from_utf8(reference(&net)).unwrap()
            );
        }
    }

    #[test]
    fn is_one_json_document_with_every_node_and_edge() {
        let net = crate::network::full(
            &load(&Input::Embedded, &LoadOptions::default())
                .unwrap()
                .dataset,
        );
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

    #[test]
    fn one_mode_edges_have_no_key() {
        let net = crate::network::seed(crate::network::Kind::Congruence);
        let mut out = Vec::new();
        write(&net, &mut out).unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["multigraph"], json!(false));
        let edges = v["edges"].as_array().unwrap();
        assert!(!edges.is_empty());
        assert!(edges.iter().all(|e| e.get("key").is_none()));
    }
}
