//! Leiden runs: the `leiden-rs` crate on non-negative ties, and by levels
//! with a positive and a negative layer for signed ties.

use std::collections::HashMap;

use leiden_rs::{
    GraphData, GraphDataBuilder, Leiden, LeidenConfig, MultiplexConfig, QualityType, run_multiplex,
};

use super::modularity::{plain_modularity, signed_modularity};

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
pub(super) fn leiden(
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
pub(super) fn signed_leiden(
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
}
