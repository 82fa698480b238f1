//! A series of kernel slices as one network to lay out and show: the union
//! of their nodes and ties, and each tie's weight slice by slice.

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};

use crate::network::{EdgeData, Network, Relation};

use super::page::ViewSlice;

/// Each node's coalition in each slice (in the union's node order), when
/// the slices have coalitions.
pub(super) fn coalitions(union: &Network, nets: &[&Network]) -> Option<Vec<Vec<Option<u32>>>> {
    union.coalitions.as_ref()?;
    let at: Vec<HashMap<&str, Option<u32>>> = nets
        .iter()
        .map(|n| {
            n.graph
                .node_weights()
                .map(|d| (d.id.as_str(), d.coalition))
                .collect()
        })
        .collect();
    Some(
        union
            .graph
            .node_weights()
            .map(|n| {
                at.iter()
                    .map(|m| m.get(n.id.as_str()).copied().flatten())
                    .collect()
            })
            .collect(),
    )
}

/// The union of the slices' nodes (by id, in order of first appearance)
/// and ties between two nodes (by ends and relation; each with the data of
/// its strongest slice), and each tie's weight in each slice, 0 where it
/// is absent.
pub(super) fn union(nets: &[&Network]) -> (Network, Vec<Vec<f64>>) {
    let mut graph: DiGraph<_, EdgeData> = DiGraph::new();
    let mut node_at: HashMap<&str, NodeIndex> = HashMap::new();
    let mut edge_at: HashMap<(NodeIndex, NodeIndex, Relation), usize> = HashMap::new();
    let mut edges: Vec<(NodeIndex, NodeIndex, EdgeData)> = Vec::new();
    let mut weights: Vec<Vec<f64>> = Vec::new();
    for (t, net) in nets.iter().enumerate() {
        let g = &net.graph;
        for n in g.node_weights() {
            node_at.entry(n.id.as_str()).or_insert_with(|| {
                // Coalitions change from slice to slice: the view colours
                // them per slice.
                let mut node = n.clone();
                node.coalition = None;
                graph.add_node(node)
            });
        }
        for e in g.edge_indices() {
            let (s, d) = g.edge_endpoints(e).expect("an edge of the graph");
            if s == d {
                continue;
            }
            let (a, b) = (node_at[g[s].id.as_str()], node_at[g[d].id.as_str()]);
            let data = &g[e];
            let i = *edge_at.entry((a, b, data.relation)).or_insert_with(|| {
                edges.push((a, b, data.clone()));
                weights.push(vec![0.0; nets.len()]);
                edges.len() - 1
            });
            weights[i][t] = data.weight;
            if data.weight.abs() > edges[i].2.weight.abs() {
                edges[i].2 = data.clone();
            }
        }
    }
    for (a, b, data) in edges {
        graph.add_edge(a, b, data);
    }
    let first = nets.first();
    let name = first
        .map(|n| n.name.split('.').next().unwrap_or(&n.name).to_string())
        .unwrap_or_default();
    let mut net = Network::new(
        name,
        first.is_some_and(|n| n.directed),
        graph,
        first.map(|n| n.node_attrs.clone()).unwrap_or_default(),
    );
    net.coalitions = nets.iter().find_map(|n| n.coalitions.clone());
    (net, weights)
}

/// Each slice's dates, for the view's time control.
pub(super) fn slices(nets: &[&Network]) -> Vec<ViewSlice> {
    nets.iter()
        .filter_map(|n| n.slice)
        .map(|s| ViewSlice {
            middle: s.middle.to_string(),
            start: s.start.to_string(),
            stop: s.stop.to_string(),
        })
        .collect()
}
