//! Modularity of a partition: Newman–Girvan's with a resolution, and
//! Traag and Bruggeman's signed one.

use crate::network::Network;

use super::ties;

/// Σ_c [e_c / m − γ (K_c / 2m)²] over non-negative ties (each once): the
/// Newman–Girvan modularity igraph computes.
pub(super) fn plain_modularity(
    ties: &[(usize, usize, f64)],
    community: &[usize],
    resolution: f64,
) -> f64 {
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
pub(super) fn signed_modularity(
    ties: &[(usize, usize, f64)],
    community: &[usize],
    resolution: f64,
) -> f64 {
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
    of_ties(net.graph.node_count(), &ties(net), membership, resolution)
}

/// [`modularity`] of `n` nodes joined by `all` (as [`ties`] lists them).
pub(super) fn of_ties(
    n: usize,
    all: &[(usize, usize, f64)],
    membership: &[Option<u32>],
    resolution: f64,
) -> f64 {
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
        signed_modularity(all, &community, resolution)
    } else {
        plain_modularity(all, &community, resolution)
    }
}
