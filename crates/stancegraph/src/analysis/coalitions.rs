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

use std::collections::HashMap;
use std::fmt;

use leiden_rs::{
    GraphData, GraphDataBuilder, Leiden, LeidenConfig, MultiplexConfig, QualityType, run_multiplex,
};
use serde::Serialize;

use crate::choice::{Spelled, Spelling, choices};
use crate::model::Dataset;
use crate::network::{self, CoalitionSummary, Kind, Network, Normalization};

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

/// The ties of a one-mode network as (node, node, weight), and how many
/// nodes there are.
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
    // Leiden runs on the nodes with ties only, renumbered densely.
    let mut dense = vec![usize::MAX; n];
    let mut nodes = Vec::new();
    for &(s, t, _) in &all {
        for v in [s, t] {
            if dense[v] == usize::MAX {
                dense[v] = 0;
            }
        }
    }
    for (v, d) in dense.iter_mut().enumerate() {
        if *d == 0 {
            *d = nodes.len();
            nodes.push(v);
        }
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
    let modularity = (!all.is_empty()).then(|| modularity(net, &membership, resolution));
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

fn graph(n: usize, ties: impl Iterator<Item = (usize, usize, f64)>) -> GraphData {
    let mut b = GraphDataBuilder::new(n);
    for (s, t, w) in ties {
        b.add_edge(s, t, w)
            .expect("a finite weight of a node in range");
    }
    b.build().expect("an undirected graph of checked edges")
}

/// How many seeds Leiden is run with; the best partition is kept.
pub const RUNS: u64 = 8;

/// Leiden on non-negative ties: each node's community.
fn leiden(
    n: usize,
    ties: &[(usize, usize, f64)],
    resolution: f64,
    seed: u64,
    runs: u64,
) -> Vec<usize> {
    let data = graph(n, ties.iter().copied());
    let mut best: Option<(f64, Vec<usize>)> = None;
    for run in 0..runs {
        let config = LeidenConfig {
            resolution,
            seed: Some(seed.wrapping_add(run)),
            quality: QualityType::Modularity,
            ..LeidenConfig::default()
        };
        let leiden = Leiden::new(config);
        let mut membership = leiden
            .run(&data)
            .expect("Leiden on a valid graph and configuration")
            .partition
            .as_slice()
            .to_vec();
        let mut q = plain_modularity(ties, &membership, resolution);
        // Leiden again from its own result until it gains nothing, as
        // igraph's `n_iterations = -1` does.
        loop {
            let start = leiden_rs::Partition::from_membership(membership.clone());
            let again = leiden
                .run_with_initial_partition(&data, start)
                .expect("a partition of the graph's nodes")
                .partition
                .as_slice()
                .to_vec();
            let better = plain_modularity(ties, &again, resolution);
            if better <= q + 1e-12 {
                break;
            }
            (membership, q) = (again, better);
        }
        if best.as_ref().is_none_or(|(b, _)| q > *b) {
            best = Some((q, membership));
        }
    }
    best.expect("at least one run").1
}

/// Signed modularity by levels: at each level the crate's multiplex local
/// moving and refinement on a positive and a negative layer (weighted as
/// Traag and Bruggeman weigh them), then the layers aggregated by the
/// communities found, apart (the crate's own aggregation would add the
/// negative ties to the positive ones), until nothing moves.
fn signed_leiden(
    n: usize,
    ties: &[(usize, usize, f64)],
    resolution: f64,
    seed: u64,
    runs: u64,
) -> Vec<usize> {
    let (pos, neg): (f64, f64) = ties.iter().fold((0.0, 0.0), |(p, q), t| {
        if t.2 > 0.0 {
            (p + t.2, q)
        } else {
            (p, q - t.2)
        }
    });
    let mut best: Option<(f64, Vec<usize>)> = None;
    for run in 0..runs {
        let mut community: Vec<usize> = (0..n).collect();
        let mut level: Vec<(usize, usize, f64)> = ties.to_vec();
        let mut size = n;
        loop {
            let positive = graph(size, level.iter().filter(|t| t.2 > 0.0).copied());
            let negative = graph(
                size,
                level
                    .iter()
                    .filter(|t| t.2 < 0.0)
                    .map(|&(s, t, w)| (s, t, -w)),
            );
            let config = MultiplexConfig {
                max_iterations: 1,
                resolution,
                seed: Some(seed.wrapping_add(run)),
                quality: QualityType::Modularity,
                layer_weights: vec![pos / (pos + neg), -neg / (pos + neg)],
                ..MultiplexConfig::default()
            };
            let out = run_multiplex(&[positive, negative], &config)
                .expect("multiplex Leiden on valid layers");
            let found = out.partition.as_slice();
            let groups = found.iter().max().map_or(0, |m| m + 1);
            if groups == size {
                break;
            }
            for c in &mut community {
                *c = found[*c];
            }
            // Positive and negative parts stay apart: a pair of groups can
            // have both.
            let mut split: HashMap<(usize, usize), (f64, f64)> = HashMap::new();
            for &(s, t, w) in &level {
                let (a, b) = (found[s].min(found[t]), found[s].max(found[t]));
                let e = split.entry((a, b)).or_default();
                if w > 0.0 {
                    e.0 += w;
                } else {
                    e.1 += w;
                }
            }
            let mut keys: Vec<_> = split.into_iter().collect();
            keys.sort_by_key(|(k, _)| *k);
            let mut next: Vec<(usize, usize, f64)> = Vec::new();
            for ((a, b), (p, q)) in keys {
                if p > 0.0 {
                    next.push((a, b, p));
                }
                if q < 0.0 {
                    next.push((a, b, q));
                }
            }
            level = next;
            size = groups;
        }
        let q = signed_modularity(ties, &community, resolution);
        if best.as_ref().is_none_or(|(b, _)| q > *b) {
            best = Some((q, community));
        }
    }
    best.expect("at least one run").1
}

/// Σ_c [e_c / m − γ (K_c / 2m)²] over non-negative ties (each once): the
/// Newman–Girvan modularity igraph computes.
fn plain_modularity(ties: &[(usize, usize, f64)], community: &[usize], resolution: f64) -> f64 {
    layer_modularity(ties.iter().copied(), community, resolution).0
}

/// A layer's modularity and total weight m (0, 0 without ties).
fn layer_modularity(
    ties: impl Iterator<Item = (usize, usize, f64)>,
    community: &[usize],
    resolution: f64,
) -> (f64, f64) {
    let groups = community.iter().max().map_or(0, |m| m + 1);
    let (mut inside, mut degree) = (vec![0.0; groups], vec![0.0; groups]);
    let mut m = 0.0;
    for (s, t, w) in ties {
        m += w;
        degree[community[s]] += w;
        degree[community[t]] += w;
        if community[s] == community[t] {
            inside[community[s]] += w;
        }
    }
    if m == 0.0 {
        return (0.0, 0.0);
    }
    let q = inside
        .iter()
        .zip(&degree)
        .map(|(e, k)| e / m - resolution * (k / (2.0 * m)).powi(2))
        .sum();
    (q, m)
}

/// Traag and Bruggeman's signed modularity:
/// (2m⁺ Q⁺ − 2m⁻ Q⁻) / (2m⁺ + 2m⁻), Q⁺ and Q⁻ the modularity of the
/// positive ties and of the negative ties' sizes.
fn signed_modularity(ties: &[(usize, usize, f64)], community: &[usize], resolution: f64) -> f64 {
    let positive = ties.iter().filter(|t| t.2 > 0.0).copied();
    let negative = ties
        .iter()
        .filter(|t| t.2 < 0.0)
        .map(|&(s, t, w)| (s, t, -w));
    let (qp, mp) = layer_modularity(positive, community, resolution);
    let (qn, mn) = layer_modularity(negative, community, resolution);
    if mp + mn == 0.0 {
        return 0.0;
    }
    (mp * qp - mn * qn) / (mp + mn)
}

/// The modularity of a partition of a one-mode network's nodes (`None`
/// for nodes in no group, each then alone): Newman–Girvan modularity with
/// resolution γ, `(1/2m) Σ_ij (A_ij − γ k_i k_j / 2m) δ(c_i, c_j)`, as
/// igraph's `modularity(weights, resolution)` computes it; the signed
/// modularity of Traag and Bruggeman when some ties are negative. 0 for a
/// network without ties.
pub fn modularity(net: &Network, membership: &[Option<u32>], resolution: f64) -> f64 {
    let n = net.graph.node_count();
    let all = ties(net);
    // Nodes in no group are each a group of their own.
    let top = membership
        .iter()
        .flatten()
        .max()
        .map_or(0, |&m| m as usize + 1);
    let community: Vec<usize> = (0..n)
        .map(|v| match membership.get(v).copied().flatten() {
            Some(c) => c as usize,
            None => top + v,
        })
        .collect();
    if all.iter().any(|t| t.2 < 0.0) {
        signed_modularity(&all, &community, resolution)
    } else {
        plain_modularity(&all, &community, resolution)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two triangles joined by one tie: modularity by hand.
    #[test]
    fn modularity_of_two_triangles_by_hand() {
        let ties = [
            (0, 1, 1.0),
            (1, 2, 1.0),
            (0, 2, 1.0),
            (3, 4, 1.0),
            (4, 5, 1.0),
            (3, 5, 1.0),
            (2, 3, 1.0),
        ];
        // m = 7; each side: e = 3, K = 7: 2 (3/7 − (7/14)²) = 6/7 − 1/2.
        let q = plain_modularity(&ties, &[0, 0, 0, 1, 1, 1], 1.0);
        assert!((q - (6.0 / 7.0 - 0.5)).abs() < 1e-15);
        let found = leiden(6, &ties, 1.0, 1, RUNS);
        assert_eq!(found[0], found[1]);
        assert_eq!(found[0], found[2]);
        assert_eq!(found[3], found[5]);
        assert_ne!(found[0], found[3]);
    }

    /// Two camps, friendly inside and hostile across: signed Leiden splits
    /// them, and the signed modularity is the hand-worked value.
    #[test]
    fn signed_camps_by_hand() {
        let ties = [
            (0, 1, 1.0),
            (2, 3, 1.0),
            (0, 2, -1.0),
            (0, 3, -1.0),
            (1, 2, -1.0),
            (1, 3, -1.0),
        ];
        let found = signed_leiden(4, &ties, 1.0, 1, RUNS);
        assert_eq!(found[0], found[1]);
        assert_eq!(found[2], found[3]);
        assert_ne!(found[0], found[2]);
        // Positive layer: m⁺ = 2, both ties inside, K = 2 each:
        // Q⁺ = 2 (1/2 − (2/4)²) = 1/2. Negative layer: m⁻ = 4, none inside,
        // K = 4 each: Q⁻ = −2 (4/8)² = −1/2. Signed: (2·½ + 4·½) / 6 = ½.
        let q = signed_modularity(&ties, &found, 1.0);
        assert!((q - 0.5).abs() < 1e-15, "{q}");
    }

    #[test]
    fn numbering_is_by_size_then_first_node() {
        let groups = numbered(&[5, 2, 2, 5, 9, 9, 9]);
        assert_eq!(
            groups,
            vec![(1, vec![4, 5, 6]), (2, vec![0, 3]), (3, vec![1, 2])]
        );
    }
}
