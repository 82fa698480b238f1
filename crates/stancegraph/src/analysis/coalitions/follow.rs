//! Coalition numbers that stay put over time: each slice's coalitions take
//! the numbers of the previous slice's they share most actors with, so a
//! coalition keeps its number, and its colour, while its members stay.

use std::collections::{BTreeMap, HashMap};

use crate::network::Network;

/// Renumbers the coalitions of `net` (a slice) after those of `previous`
/// (the slice before, or `None` for the first): pairs of a coalition here
/// and one there, most shared actors first (ties: lower numbers first),
/// each coalition paired once; the rest take new numbers from `next` up,
/// largest first. `next` is one more than the largest number used so far
/// in the series, so that a coalition that dissolved does not lend its
/// number (and colour) to a new one.
///
/// ```
/// use stancegraph::analysis::coalitions::follow;
/// use stancegraph::network::{Network, NodeData, NodeKind};
/// use petgraph::graph::DiGraph;
///
/// let slice = |numbers: &[(&str, u32)]| {
///     let mut g = DiGraph::new();
///     for (id, c) in numbers {
///         let mut node = NodeData::new(*id, *id, NodeKind::Person);
///         node.coalition = Some(*c);
///         g.add_node(node);
///     }
///     Network::new("congruence", false, g, vec![])
/// };
/// let before = slice(&[("a", 1), ("b", 1), ("c", 2)]);
/// // The same camps, numbered the other way round, and a newcomer alone.
/// let mut now = slice(&[("a", 2), ("b", 2), ("c", 1), ("d", 3)]);
/// let mut next = 3;
/// follow(Some(&before), &mut now, &mut next);
/// let numbers: Vec<_> = now.graph.node_weights().map(|n| n.coalition.unwrap()).collect();
/// assert_eq!(numbers, [1, 1, 2, 3]);
/// assert_eq!(next, 4);
/// ```
pub fn follow(previous: Option<&Network>, net: &mut Network, next: &mut u32) {
    let before: HashMap<&str, u32> = previous
        .map(|p| {
            p.graph
                .node_weights()
                .filter_map(|n| n.coalition.map(|c| (n.id.as_str(), c)))
                .collect()
        })
        .unwrap_or_default();
    // Shared actors of (coalition here, coalition before); sizes here.
    let mut shared: BTreeMap<(u32, u32), usize> = BTreeMap::new();
    let mut sizes: BTreeMap<u32, usize> = BTreeMap::new();
    for n in net.graph.node_weights() {
        if let Some(c) = n.coalition {
            *sizes.entry(c).or_default() += 1;
            if let Some(&b) = before.get(n.id.as_str()) {
                *shared.entry((c, b)).or_default() += 1;
            }
        }
    }
    let mut pairs: Vec<((u32, u32), usize)> = shared.into_iter().collect();
    pairs.sort_by(|(x, a), (y, b)| b.cmp(a).then(x.cmp(y)));
    let mut number: HashMap<u32, u32> = HashMap::new();
    let mut taken: Vec<u32> = Vec::new();
    for ((here, there), _) in pairs {
        if !number.contains_key(&here) && !taken.contains(&there) {
            number.insert(here, there);
            taken.push(there);
        }
    }
    let mut rest: Vec<(u32, usize)> = sizes
        .into_iter()
        .filter(|(c, _)| !number.contains_key(c))
        .collect();
    rest.sort_by(|(x, a), (y, b)| b.cmp(a).then(x.cmp(y)));
    for (c, _) in rest {
        number.insert(c, *next);
        *next += 1;
    }
    for n in net.graph.node_weights_mut() {
        n.coalition = n.coalition.map(|c| number[&c]);
    }
    if let Some(&max) = number.values().max() {
        *next = (*next).max(max + 1);
    }
}
