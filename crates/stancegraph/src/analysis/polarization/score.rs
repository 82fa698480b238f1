//! The score of one split (DNA's `qualityAbsdiff`, or the signed
//! variant), with the change a swap of two actors makes.

use super::Objective;
use crate::analysis::matrix::ActorMatrix;

/// Scores balanced splits of a fixed size pattern. Sizes never change
/// under swaps, so neither do the expected values DNA subtracts.
#[derive(Debug, Clone)]
pub struct Scorer {
    /// How many actors.
    pub n: usize,
    /// How many clusters.
    pub k: usize,
    c: Vec<f64>,
    f: Vec<f64>,
    /// Expected congruence inside cluster c (`Ein_c`).
    inside: Vec<f64>,
    /// Expected conflict between clusters c and c' (`Eb`), k × k.
    between: Vec<f64>,
    objective: Objective,
    /// What the sum over ordered pairs is divided by.
    divisor: f64,
}

impl Scorer {
    /// A scorer of `k` balanced clusters (sizes as
    /// [`super::balanced_sizes`] gives them) of the matrices' actors.
    pub fn new(
        c: &ActorMatrix,
        f: &ActorMatrix,
        k: usize,
        objective: Objective,
        normalize: bool,
    ) -> Scorer {
        let n = c.len();
        let sizes = super::balanced_sizes(n, k);
        let (cn, fnorm) = (c.norm(), f.norm());
        let w: f64 = sizes
            .iter()
            .map(|&s| (s * s.saturating_sub(1)) as f64)
            .sum();
        let b = (n * (n - 1)) as f64 - w;
        let inside = sizes
            .iter()
            .map(|&s| (s * s.saturating_sub(1)) as f64 / w * (cn / w))
            .collect();
        let mut between = vec![0.0; k * k];
        for x in 0..k {
            for y in 0..k {
                between[x * k + y] = (sizes[x] * sizes[y]) as f64 / b * (fnorm / b);
            }
        }
        let divisor = match (objective, normalize) {
            (_, false) => 2.0,
            (Objective::Dna, true) => 2.0 * (cn + fnorm),
            (Objective::Signed, true) => cn + fnorm,
        };
        Scorer {
            n,
            k,
            c: c.values.clone(),
            f: f.values.clone(),
            inside,
            between,
            objective,
            divisor,
        }
    }

    /// The term of the ordered pair (i, j) when i is in cluster x and j in y.
    #[inline]
    fn term(&self, i: usize, j: usize, x: usize, y: usize) -> f64 {
        let (c, f) = (self.c[i * self.n + j], self.f[i * self.n + j]);
        match (self.objective, x == y) {
            (Objective::Dna, true) => (c - self.inside[x]).abs() + f.abs(),
            (Objective::Dna, false) => c.abs() + (f - self.between[x * self.k + y]).abs(),
            (Objective::Signed, true) => c - f,
            (Objective::Signed, false) => f - c,
        }
    }

    /// Both ordered pairs of i and j (in clusters x and y).
    #[inline]
    pub fn pair(&self, i: usize, j: usize, x: usize, y: usize) -> f64 {
        self.term(i, j, x, y) + self.term(j, i, y, x)
    }

    /// The sum over ordered pairs i ≠ j (DNA's D).
    pub fn sum(&self, m: &[usize]) -> f64 {
        let mut d = 0.0;
        for i in 0..self.n {
            for j in 0..self.n {
                if i != j {
                    d += self.term(i, j, m[i], m[j]);
                }
            }
        }
        d
    }

    /// The score of a sum.
    pub fn score_of(&self, sum: f64) -> f64 {
        sum / self.divisor
    }

    /// The score of a split, each actor's cluster in `m`.
    pub fn score(&self, m: &[usize]) -> f64 {
        self.score_of(self.sum(m))
    }

    /// Each actor's sum with all others as if it were in each cluster:
    /// `g[a·k + c] = Σ_{j≠a} term(a, j, c, m_j)`, n × k values. With them a
    /// swap's change costs O(1) ([`Scorer::swap_change_with`]).
    pub fn sums_by_cluster(&self, m: &[usize]) -> Vec<f64> {
        let mut g = vec![0.0; self.n * self.k];
        for a in 0..self.n {
            for c in 0..self.k {
                g[a * self.k + c] = (0..self.n)
                    .filter(|&j| j != a)
                    .map(|j| self.term(a, j, c, m[j]))
                    .sum();
            }
        }
        g
    }

    /// [`Scorer::swap_change`] from [`Scorer::sums_by_cluster`].
    pub fn swap_change_with(&self, g: &[f64], m: &[usize], a: usize, b: usize) -> f64 {
        let (x, y, k) = (m[a], m[b], self.k);
        let change = g[a * k + y] - self.term(a, b, y, y) - g[a * k + x]
            + self.term(a, b, x, y)
            + g[b * k + x]
            - self.term(b, a, x, x)
            - g[b * k + y]
            + self.term(b, a, y, x);
        2.0 * change
    }

    /// Updates [`Scorer::sums_by_cluster`] after `a` and `b` swapped (`m`
    /// already swapped).
    pub fn swapped(&self, g: &mut [f64], m: &[usize], a: usize, b: usize) {
        let k = self.k;
        // a moved from m[b] to m[a], b from m[a] to m[b].
        let (now_a, now_b) = (m[a], m[b]);
        for j in 0..self.n {
            for c in 0..k {
                let mut d = 0.0;
                if j != a {
                    d += self.term(j, a, c, now_a) - self.term(j, a, c, now_b);
                }
                if j != b {
                    d += self.term(j, b, c, now_b) - self.term(j, b, c, now_a);
                }
                g[j * k + c] += d;
            }
        }
    }

    /// How much the sum changes when actors `a` and `b` (in different
    /// clusters) swap.
    pub fn swap_change(&self, m: &[usize], a: usize, b: usize) -> f64 {
        let (x, y) = (m[a], m[b]);
        let mut change = 0.0;
        for (j, &z) in m.iter().enumerate() {
            if j == a || j == b {
                continue;
            }
            change += self.term(a, j, y, z) - self.term(a, j, x, z) + self.term(b, j, x, z)
                - self.term(b, j, y, z);
        }
        // The pair (a, b) stays split and Eb is symmetric: no change there.
        // Matrices are symmetric, so each ordered pair counts twice.
        2.0 * change
    }
}
