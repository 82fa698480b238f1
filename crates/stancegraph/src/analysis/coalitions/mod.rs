//! Discourse coalitions: communities of actors in a one-mode network, found
//! with the Leiden algorithm (the `leiden-rs` crate) maximizing modularity,
//! or, when the network has negative ties (`subtract`), Traag and
//! Bruggeman's signed modularity.
//!
//! ```
//! use stancegraph::analysis::{CoalitionOptions, coalitions};
//! use stancegraph::load::{load, Input, LoadOptions};
//! use stancegraph::network::{self, Options};
//!
//! let ds = load(&Input::Embedded, &LoadOptions::default()).unwrap().dataset;
//! let (prepared, _) = network::prepare(&ds, &Options::default()).unwrap();
//! let found = coalitions::find_in(&prepared, &CoalitionOptions::default()).unwrap();
//! assert!(found.coalitions.len() >= 2);
//! assert!(found.modularity.unwrap() > 0.0);
//! // The largest coalition is number 1.
//! assert!(found.coalitions[0].members.len() >= found.coalitions[1].members.len());
//! ```

mod follow;
mod leiden;
mod modularity;

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use crate::choice::{Spelled, Spelling, choices};
use crate::model::Dataset;
use crate::network::{self, CoalitionSummary, Kind, Network, Normalization};

pub use follow::follow;
pub use leiden::RUNS;
use leiden::{leiden, signed_leiden};
pub use modularity::modularity;

choices! {
    /// The one-mode network coalitions are found in.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum CoalitionNetwork as "coalition network" {
        #[default]
        Congruence = "congruence": "Actors who take the same side on the same stances (average normalization).",
        Subtract = "subtract": "Congruence minus conflict: signed ties, signed modularity (Traag and Bruggeman).",
        Cooccurrence = "cooccurrence": "Actors who speak on the same stances, either side (average normalization).",
    }
}

impl CoalitionNetwork {
    /// The network kind it is.
    pub fn kind(self) -> Kind {
        match self {
            CoalitionNetwork::Congruence => Kind::Congruence,
            CoalitionNetwork::Subtract => Kind::Subtract,
            CoalitionNetwork::Cooccurrence => Kind::Cooccurrence,
        }
    }
}

/// How to find coalitions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CoalitionOptions {
    /// The network they are found in.
    pub network: CoalitionNetwork,
    /// The resolution γ: above 1 smaller coalitions, below 1 larger ones.
    pub resolution: f64,
    /// The random seed: the same seed and input give the same coalitions.
    pub seed: u64,
}

/// The seed `--seed` defaults to.
pub const DEFAULT_SEED: u64 = 1;

impl Default for CoalitionOptions {
    fn default() -> CoalitionOptions {
        CoalitionOptions {
            network: CoalitionNetwork::Congruence,
            resolution: 1.0,
            seed: DEFAULT_SEED,
        }
    }
}

/// Options that cannot work.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum CoalitionError {
    /// The resolution is negative or not a number.
    Resolution(f64),
}

impl fmt::Display for CoalitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.spell(Spelling::PLAIN, f)
    }
}

impl Spelled for CoalitionError {
    fn spell(&self, s: Spelling, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CoalitionError::Resolution(r) => write!(
                f,
                "{} {r} is not a resolution: give a number of 0 or more (1 is modularity's own)",
                s.option("resolution")
            ),
        }
    }
}

impl std::error::Error for CoalitionError {}

/// A node of a coalition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    /// Its id.
    pub id: String,
    /// Its name.
    pub label: String,
}

/// One coalition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coalition {
    /// Its number: 1 for the largest.
    pub number: u32,
    /// Its actors, in the network's node order.
    pub members: Vec<Member>,
}

/// The coalitions of a network's actors.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coalitions {
    /// Largest first; equal sizes in the order of their first member.
    pub coalitions: Vec<Coalition>,
    /// Each node's coalition, by node index (`None` for isolates).
    #[serde(skip)]
    pub membership: Vec<Option<u32>>,
    /// The partition's modularity (`None` when the network has no ties).
    pub modularity: Option<f64>,
    /// The network they were found in.
    pub network: String,
    /// Whether the modularity is the signed one.
    pub signed: bool,
    /// The resolution used.
    pub resolution: f64,
}

impl Coalitions {
    /// What the formats write as graph attributes.
    pub fn summary(&self) -> CoalitionSummary {
        CoalitionSummary {
            count: self.coalitions.len(),
            modularity: self.modularity,
            network: self.network.clone(),
            resolution: self.resolution,
        }
    }

    /// Puts each actor of `net` into its coalition, matched by node id, and
    /// the summary on the network. Stances and nodes not in the coalition
    /// network get none.
    pub fn label(&self, net: &mut Network) {
        let by_id: HashMap<&str, u32> = self
            .coalitions
            .iter()
            .flat_map(|c| c.members.iter().map(move |m| (m.id.as_str(), c.number)))
            .collect();
        for node in net.graph.node_weights_mut() {
            node.coalition = match node.kind {
                network::NodeKind::Stance => None,
                _ => by_id.get(node.id.as_str()).copied(),
            };
        }
        net.coalitions = Some(self.summary());
    }
}

/// Builds the network coalitions are found in, from prepared statements:
/// the one-mode network `which` with average normalization.
pub fn network_for(ds: &Dataset, which: CoalitionNetwork) -> Network {
    network::projection::one_mode(ds, which.kind(), Normalization::Average)
}

/// Finds the coalitions of prepared statements' actors: builds the network
/// of `opts.network` and runs [`find`] on it.
pub fn find_in(ds: &Dataset, opts: &CoalitionOptions) -> Result<Coalitions, CoalitionError> {
    find(&network_for(ds, opts.network), opts.resolution, opts.seed)
}

/// The ties of a one-mode network as (node, node, weight), loops and
/// zero weights left out.
fn ties(net: &Network) -> Vec<(usize, usize, f64)> {
    let mut out = Vec::with_capacity(net.edge_count());
    net.for_each_edge(|_, s, t, d| {
        if s != t && d.weight != 0.0 {
            out.push((s.index(), t.index(), d.weight));
        }
        Ok(())
    })
    .expect("reading ties in memory does not fail");
    out
}

/// Finds coalitions in a one-mode network with Leiden: modularity with
/// resolution `resolution`, signed modularity when there are negative
/// ties. Nodes without ties are in none. The best of [`RUNS`] seeds from
/// `seed` on.
pub fn find(net: &Network, resolution: f64, seed: u64) -> Result<Coalitions, CoalitionError> {
    find_runs(net, resolution, seed, RUNS)
}

/// [`find`] with `runs` seeds (at least one).
pub fn find_runs(
    net: &Network,
    resolution: f64,
    seed: u64,
    runs: u64,
) -> Result<Coalitions, CoalitionError> {
    if !(resolution.is_finite() && resolution >= 0.0) {
        return Err(CoalitionError::Resolution(resolution));
    }
    let n = net.graph.node_count();
    let all = ties(net);
    let signed = all.iter().any(|t| t.2 < 0.0);
    // Leiden runs on the nodes with ties only, renumbered densely in node
    // order.
    let mut tied = vec![false; n];
    for &(s, t, _) in &all {
        tied[s] = true;
        tied[t] = true;
    }
    let nodes: Vec<usize> = (0..n).filter(|&v| tied[v]).collect();
    let mut dense = vec![usize::MAX; n];
    for (i, &v) in nodes.iter().enumerate() {
        dense[v] = i;
    }
    let local: Vec<(usize, usize, f64)> = all
        .iter()
        .map(|&(s, t, w)| (dense[s], dense[t], w))
        .collect();
    let groups = if local.is_empty() {
        Vec::new()
    } else if signed {
        signed_leiden(nodes.len(), &local, resolution, seed, runs.max(1))
    } else {
        leiden(nodes.len(), &local, resolution, seed, runs.max(1))
    };
    let mut membership = vec![None; n];
    let mut coalitions = numbered(&groups);
    for c in &mut coalitions {
        c.1 = c.1.iter().map(|&v| nodes[v]).collect();
        for &v in &c.1 {
            membership[v] = Some(c.0);
        }
    }
    // From the ties at hand, not collected again from the network.
    let modularity =
        (!all.is_empty()).then(|| modularity::of_ties(n, &all, &membership, resolution));
    let g = &net.graph;
    Ok(Coalitions {
        coalitions: coalitions
            .into_iter()
            .map(|(number, vs)| Coalition {
                number,
                members: vs
                    .into_iter()
                    .map(|v| {
                        let d = &g[petgraph::graph::NodeIndex::new(v)];
                        Member {
                            id: d.id.clone(),
                            label: d.label.clone(),
                        }
                    })
                    .collect(),
            })
            .collect(),
        membership,
        modularity,
        network: net.name.clone(),
        signed,
        resolution,
    })
}

/// Groups of a community vector, numbered from 1 for the largest; equal
/// sizes by their first node.
fn numbered(community: &[usize]) -> Vec<(u32, Vec<usize>)> {
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for (v, &c) in community.iter().enumerate() {
        groups.entry(c).or_default().push(v);
    }
    let mut groups: Vec<Vec<usize>> = groups.into_values().collect();
    groups.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    groups
        .into_iter()
        .enumerate()
        .map(|(i, vs)| (i as u32 + 1, vs))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_is_by_size_then_first_node() {
        let groups = numbered(&[5, 2, 2, 5, 9, 9, 9]);
        assert_eq!(
            groups,
            vec![(1, vec![4, 5, 6]), (2, vec![0, 3]), (3, vec![1, 2])]
        );
    }
}
