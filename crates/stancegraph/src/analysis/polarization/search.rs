//! The searches over DNA's balanced splits: every one (`exact`), DNA's
//! swap search (`greedy`), and DNA's genetic algorithm with its defects
//! fixed (`genetic`). All seeded: the same seed gives the same split.

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use super::{Genetic, Scorer};

/// The cluster sizes of a balanced split of n actors into k clusters:
/// `n / k`, one more for the first `n mod k`.
pub fn balanced_sizes(n: usize, k: usize) -> Vec<usize> {
    (0..k).map(|c| n / k + usize::from(c < n % k)).collect()
}

/// How many balanced splits of n actors into k clusters there are, clusters
/// unlabelled (relabelling clusters changes no score): the multinomial
/// n! / Π s_c!, divided by g! for each g clusters of one size. `None`
/// beyond 2^128.
pub fn balanced_partitions(n: usize, k: usize) -> Option<u128> {
    let sizes = balanced_sizes(n, k);
    let mut count: u128 = 1;
    let mut left = n as u128;
    for &s in &sizes {
        // C(left, s), exactly: each partial product divides.
        let mut c: u128 = 1;
        for i in 0..s as u128 {
            c = c.checked_mul(left - i)? / (i + 1);
        }
        count = count.checked_mul(c)?;
        left -= s as u128;
    }
    let big = sizes.iter().filter(|&&s| s == sizes[0]).count() as u128;
    let small = k as u128 - big;
    for g in [big, small] {
        for i in 2..=g {
            count /= i;
        }
    }
    Some(count)
}

/// The best split of all balanced ones: each split once (of clusters of
/// one size, the one with the earlier first actor comes first); the first
/// of equal scores.
pub fn exact(s: &Scorer) -> (f64, Vec<usize>) {
    struct Walk<'s> {
        s: &'s Scorer,
        sizes: Vec<usize>,
        filled: Vec<usize>,
        m: Vec<usize>,
        best: (f64, Vec<usize>),
    }
    impl Walk<'_> {
        fn go(&mut self, i: usize, sum: f64) {
            if i == self.s.n {
                if sum > self.best.0 {
                    self.best = (sum, self.m.clone());
                }
                return;
            }
            for x in 0..self.s.k {
                if self.filled[x] == self.sizes[x] {
                    continue;
                }
                // An empty cluster after an empty one of the same size is
                // the same split relabelled.
                if self.filled[x] == 0
                    && (0..x).any(|y| self.filled[y] == 0 && self.sizes[y] == self.sizes[x])
                {
                    continue;
                }
                self.m[i] = x;
                self.filled[x] += 1;
                let mut added = 0.0;
                for j in 0..i {
                    added += self.s.pair(i, j, x, self.m[j]);
                }
                self.go(i + 1, sum + added);
                self.filled[x] -= 1;
            }
        }
    }
    let n = s.n;
    let mut walk = Walk {
        s,
        sizes: balanced_sizes(n, s.k),
        filled: vec![0; s.k],
        m: vec![0; n],
        best: (f64::NEG_INFINITY, Vec::new()),
    };
    walk.go(0, 0.0);
    let m = walk.best.1;
    (s.score(&m), m)
}

/// A random balanced split, as DNA draws it: the sequence 0, 1, …, k−1,
/// 0, 1, … cut to n, shuffled.
fn random_split(n: usize, k: usize, rng: &mut StdRng) -> Vec<usize> {
    let mut m: Vec<usize> = (0..n).map(|i| i % k).collect();
    m.shuffle(rng);
    m
}

/// A change smaller than this (relative to the sum's scale) is rounding,
/// not an improvement: it keeps the search from cycling on equal splits.
fn improves(change: f64, scale: f64) -> bool {
    change > 1e-12 * scale.max(1.0)
}

/// DNA's greedy search from `restarts` random starts: sweep over pairs
/// (i < j) in different clusters and take each swap that raises the score
/// at once, until a sweep changes nothing. The best end point.
pub fn greedy(s: &Scorer, restarts: usize, seed: u64) -> (f64, Vec<usize>) {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut best: Option<(f64, Vec<usize>)> = None;
    for _ in 0..restarts {
        let mut m = random_split(s.n, s.k, &mut rng);
        let mut sum = s.sum(&m);
        let mut g = s.sums_by_cluster(&m);
        loop {
            let mut changed = false;
            for i in 0..s.n {
                for j in i + 1..s.n {
                    if m[i] == m[j] {
                        continue;
                    }
                    let change = s.swap_change_with(&g, &m, i, j);
                    if improves(change, sum.abs()) {
                        m.swap(i, j);
                        s.swapped(&mut g, &m, i, j);
                        sum += change;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        let score = s.score(&m);
        if best.as_ref().is_none_or(|(b, _)| score > *b) {
            best = Some((score, m));
        }
    }
    best.expect("at least one start")
}

/// Relabels `a`'s clusters to overlap `b`'s most: cluster by cluster of
/// `a`, the label of `b` it shares most actors with among those not yet
/// taken (DNA's rule, applied as intended for any k).
fn relabel(a: &[usize], b: &[usize], k: usize) -> Vec<usize> {
    let mut overlap = vec![0usize; k * k];
    for (&x, &y) in a.iter().zip(b) {
        overlap[x * k + y] += 1;
    }
    let mut to = vec![usize::MAX; k];
    let mut taken = vec![false; k];
    for x in 0..k {
        let y = (0..k)
            .filter(|&y| !taken[y])
            .max_by_key(|&y| (overlap[x * k + y], std::cmp::Reverse(y)))
            .expect("as many labels as clusters");
        to[x] = y;
        taken[y] = true;
    }
    a.iter().map(|&x| to[x]).collect()
}

/// Moves actors out of clusters above their size, lowest index first, into
/// the first cluster below its size (DNA's repair).
fn rebalance(m: &mut [usize], sizes: &[usize]) {
    let k = sizes.len();
    let mut count = vec![0usize; k];
    for &x in m.iter() {
        count[x] += 1;
    }
    for c in 0..k {
        let mut i = 0;
        while count[c] > sizes[c] {
            if m[i] == c {
                let to = (0..k)
                    .find(|&d| count[d] < sizes[d])
                    .expect("a cluster below size");
                m[i] = to;
                count[c] -= 1;
                count[to] += 1;
            }
            i += 1;
        }
    }
}

/// Picks an index by roulette over non-negative weights.
fn roulette(weights: &[f64], total: f64, rng: &mut StdRng) -> usize {
    let target = rng.random::<f64>() * total;
    let mut acc = 0.0;
    for (i, w) in weights.iter().enumerate() {
        acc += w;
        if acc >= target {
            return i;
        }
    }
    weights.len() - 1
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// DNA's genetic algorithm (elites, roulette selection, crossover after
/// relabelling, repair, swap mutation, early stop on a ten-generation
/// plateau) with its defects fixed: relabelling works for any k, mutations
/// are kept, the result is the best split seen, and it is seeded.
pub fn genetic(s: &Scorer, g: &Genetic, seed: u64) -> (f64, Vec<usize>) {
    let mut rng = StdRng::seed_from_u64(seed);
    let (n, k) = (s.n, s.k);
    let sizes = balanced_sizes(n, k);
    let p = g.parents.max(2);
    let elites = ((g.elite * p as f64).round() as usize).clamp(1, p);
    let mutations = (g.mutation * n as f64 / 2.0).round() as usize;
    let mut parents: Vec<Vec<usize>> = (0..p).map(|_| random_split(n, k, &mut rng)).collect();
    let mut best: (f64, Vec<usize>) = (f64::NEG_INFINITY, Vec::new());
    let mut history: Vec<(f64, f64, f64)> = Vec::new();
    for generation in 0..g.iterations.max(1) {
        let scores: Vec<f64> = parents.iter().map(|m| s.score(m)).collect();
        for (q, m) in scores.iter().zip(&parents) {
            if *q > best.0 {
                best = (*q, m.clone());
            }
        }
        let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let avg = scores.iter().sum::<f64>() / p as f64;
        let spread = scores.iter().map(|q| (q - avg).abs()).sum::<f64>() / (p as f64).sqrt();
        history.push((max, avg, spread));
        if generation >= 10 {
            let (m, a, d) = (round2(max), round2(avg), round2(spread));
            let plateau = d == 0.0
                && m == a
                && history[generation - 10..generation]
                    .iter()
                    .all(|&(x, y, z)| round2(x) == m && round2(y) == a && round2(z) == 0.0);
            if plateau {
                break;
            }
        }
        if generation + 1 == g.iterations.max(1) {
            break;
        }
        // Elites: the best, ties by index, kept in index order.
        let mut rank: Vec<usize> = (0..p).collect();
        rank.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
        let mut elite: Vec<usize> = rank[..elites].to_vec();
        elite.sort_unstable();
        let mut children: Vec<Vec<usize>> = elite.iter().map(|&i| parents[i].clone()).collect();
        let low = scores.iter().copied().fold(f64::INFINITY, f64::min);
        let mut weights: Vec<f64> = scores.iter().map(|q| q - low.min(0.0)).collect();
        let mut total: f64 = weights.iter().sum();
        if total == 0.0 {
            weights.iter_mut().for_each(|w| *w = 1.0);
            total = p as f64;
        }
        while children.len() < p {
            let first = roulette(&weights, total, &mut rng);
            let second = loop {
                let other = if rng.random::<bool>() {
                    roulette(&weights, total, &mut rng)
                } else {
                    rng.random_range(0..p)
                };
                if other != first {
                    break other;
                }
            };
            let a = relabel(&parents[first], &parents[second], k);
            let mut child: Vec<usize> = a
                .iter()
                .zip(&parents[second])
                .map(|(&x, &y)| if rng.random::<bool>() { x } else { y })
                .collect();
            rebalance(&mut child, &sizes);
            children.push(child);
        }
        for child in &mut children[elites..] {
            for _ in 0..mutations {
                let a = rng.random_range(0..n);
                let b = rng.random_range(0..n);
                if child[a] != child[b] {
                    child.swap(a, b);
                }
            }
        }
        parents = children;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_hand() {
        // 7 actors in 4 + 3: C(7, 4) = 35 (DNA's sample).
        assert_eq!(balanced_partitions(7, 2), Some(35));
        // 4 actors in 2 + 2: {12|34}, {13|24}, {14|23}.
        assert_eq!(balanced_partitions(4, 2), Some(3));
        // 6 in 2 + 2 + 2: 6! / (2!)³ / 3! = 15.
        assert_eq!(balanced_partitions(6, 3), Some(15));
        // 5 in 2 + 2 + 1: 5! / (2! 2! 1!) / 2! = 15.
        assert_eq!(balanced_partitions(5, 3), Some(15));
        assert_eq!(balanced_partitions(24, 2), Some(1_352_078));
        assert_eq!(balanced_partitions(1000, 2), None);
    }

    /// The O(1) swap change, the O(n) one and a full recount agree, also
    /// after swaps have updated the per-cluster sums.
    #[test]
    fn swap_changes_agree_with_a_full_recount() {
        use crate::analysis::coalitions::Member;
        use crate::analysis::matrix::ActorMatrix;
        use crate::analysis::polarization::Objective;
        let n = 9;
        let mut rng = StdRng::seed_from_u64(3);
        let matrix = |rng: &mut StdRng| {
            let mut values = vec![0.0; n * n];
            for i in 0..n {
                for j in i + 1..n {
                    let v = f64::from(rng.random_range(0..4u8)) / 2.0;
                    values[i * n + j] = v;
                    values[j * n + i] = v;
                }
            }
            let actors = (0..n)
                .map(|i| Member {
                    id: i.to_string(),
                    label: i.to_string(),
                })
                .collect();
            ActorMatrix { actors, values }
        };
        let (c, f) = (matrix(&mut rng), matrix(&mut rng));
        for (k, objective) in [
            (2, Objective::Dna),
            (3, Objective::Dna),
            (3, Objective::Signed),
        ] {
            let s = Scorer::new(&c, &f, k, objective, false);
            let mut m = random_split(n, k, &mut rng);
            let mut g = s.sums_by_cluster(&m);
            for _ in 0..20 {
                let (a, b) = (rng.random_range(0..n), rng.random_range(0..n));
                if m[a] == m[b] {
                    continue;
                }
                let before = s.sum(&m);
                let fast = s.swap_change_with(&g, &m, a, b);
                let linear = s.swap_change(&m, a, b);
                m.swap(a, b);
                s.swapped(&mut g, &m, a, b);
                let full = s.sum(&m) - before;
                assert!((fast - full).abs() < 1e-9, "{fast} vs {full}");
                assert!((linear - full).abs() < 1e-9, "{linear} vs {full}");
                let fresh = s.sums_by_cluster(&m);
                assert!(g.iter().zip(&fresh).all(|(x, y)| (x - y).abs() < 1e-9));
            }
        }
    }

    #[test]
    fn rebalance_moves_lowest_index_first() {
        let mut m = vec![0, 0, 0, 1];
        rebalance(&mut m, &[2, 2]);
        assert_eq!(m, vec![1, 0, 0, 1]);
    }

    #[test]
    fn relabel_matches_overlap_for_three_clusters() {
        // a's cluster 0 is b's 2, 1 is 0, 2 is 1.
        let a = [0, 0, 1, 1, 2, 2];
        let b = [2, 2, 0, 0, 1, 1];
        assert_eq!(relabel(&a, &b, 3), b.to_vec());
    }
}
