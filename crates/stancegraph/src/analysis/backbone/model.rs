//! The backbone's loss: the subtract network of a subset of the stances
//! (average normalization, the full network's actors as rows), its
//! spectrum, and the distance to the full network's.
//!
//! With a boolean qualifier DNA's subtract projection of a stance j is
//! `v_j v_jᵀ` off the diagonal, `v_j(i)` = actor i's agree minus disagree
//! statements on j, so a subset's network is
//! `Y^S_ii' = Σ_{j∈S} v_j(i) v_j(i') / ((n^S_i + n^S_i') / 2)`,
//! `n^S_i` = i's statements on S's stances.

use nalgebra::{DMatrix, SymmetricEigen};

use super::Spectrum;
use crate::analysis::coalitions::Member;
use crate::model::{Dataset, Polarity};

/// What the loss of any subset of the stances is computed from.
#[derive(Debug, Clone)]
pub struct Model {
    /// The stances with statements, sorted by text as DNA sorts them.
    pub stances: Vec<Member>,
    /// Each stance's statements.
    pub statements: Vec<u64>,
    /// How many actors (rows).
    pub actors: usize,
    /// Per stance: (actor row, agree − disagree, statements).
    cells: Vec<Vec<(usize, f64, f64)>>,
    /// The full network's spectrum.
    pub full: Vec<f64>,
    spectrum: Spectrum,
}

/// A subset's sums, changed a stance at a time: `raw` = Σ v vᵀ (n × n)
/// and each actor's statements.
#[derive(Debug, Clone)]
pub struct Sums {
    raw: Vec<f64>,
    activity: Vec<f64>,
}

impl Model {
    /// The model of prepared statements.
    pub fn new(ds: &Dataset, spectrum: Spectrum) -> Model {
        // Rows: the actors who speak, in dataset order.
        let mut speaks = vec![false; ds.actors.len()];
        let mut used = vec![false; ds.stances.len()];
        for s in &ds.statements {
            speaks[s.actor()] = true;
            used[s.stance()] = true;
        }
        let mut row = vec![usize::MAX; ds.actors.len()];
        let mut actors = 0;
        for (a, _) in speaks.iter().enumerate().filter(|(_, s)| **s) {
            row[a] = actors;
            actors += 1;
        }
        let mut order: Vec<usize> = (0..ds.stances.len()).filter(|&s| used[s]).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&ds.stances[a], &ds.stances[b]);
            x.label.cmp(&y.label).then(x.id.cmp(&y.id))
        });
        let mut column = vec![usize::MAX; ds.stances.len()];
        for (c, &s) in order.iter().enumerate() {
            column[s] = c;
        }
        // Per stance and actor: (agree − disagree, statements).
        let mut dense: Vec<std::collections::BTreeMap<usize, (f64, f64)>> =
            vec![Default::default(); order.len()];
        let mut statements = vec![0u64; order.len()];
        for s in &ds.statements {
            let c = column[s.stance()];
            let n = f64::from(s.count);
            let e = dense[c].entry(row[s.actor()]).or_default();
            e.0 += if s.polarity == Polarity::Agree { n } else { -n };
            e.1 += n;
            statements[c] += u64::from(s.count);
        }
        let cells = dense
            .into_iter()
            .map(|m| m.into_iter().map(|(a, (v, n))| (a, v, n)).collect())
            .collect();
        let mut model = Model {
            stances: order
                .iter()
                .map(|&s| Member {
                    id: ds.stances[s].id.clone(),
                    label: ds.stances[s].label.clone(),
                })
                .collect(),
            statements,
            actors,
            cells,
            full: Vec::new(),
            spectrum,
        };
        let all = vec![true; model.stances.len()];
        model.full = model.spectrum_of(&model.sums(&all));
        model
    }

    /// Empty sums (no stance in the subset).
    pub fn empty(&self) -> Sums {
        Sums {
            raw: vec![0.0; self.actors * self.actors],
            activity: vec![0.0; self.actors],
        }
    }

    /// Adds stance `j` to the sums (`sign` 1) or takes it out (−1).
    pub fn change(&self, sums: &mut Sums, j: usize, sign: f64) {
        let n = self.actors;
        for &(a, va, na) in &self.cells[j] {
            sums.activity[a] += sign * na;
            for &(b, vb, _) in &self.cells[j] {
                if a != b {
                    sums.raw[a * n + b] += sign * va * vb;
                }
            }
        }
    }

    /// The sums of a subset.
    pub fn sums(&self, keep: &[bool]) -> Sums {
        let mut sums = self.empty();
        for (j, _) in keep.iter().enumerate().filter(|(_, k)| **k) {
            self.change(&mut sums, j, 1.0);
        }
        sums
    }

    /// The subset's network with negative ties set to 0, as DNA's spectrum
    /// reads it.
    fn positive(&self, sums: &Sums) -> Vec<f64> {
        let n = self.actors;
        let mut y = vec![0.0; n * n];
        for i in 0..n {
            for k in 0..n {
                let denominator = (sums.activity[i] + sums.activity[k]) / 2.0;
                let raw = sums.raw[i * n + k];
                if i != k && denominator != 0.0 && raw > 0.0 {
                    y[i * n + k] = raw / denominator;
                }
            }
        }
        y
    }

    /// The normalized spectrum of a subset's network.
    pub fn spectrum_of(&self, sums: &Sums) -> Vec<f64> {
        let n = self.actors;
        let y = self.positive(sums);
        let degree: Vec<f64> = (0..n).map(|i| y[i * n..(i + 1) * n].iter().sum()).collect();
        let mut values = match self.spectrum {
            Spectrum::Dna => degree.clone(),
            Spectrum::Laplacian => {
                let laplacian =
                    DMatrix::from_fn(n, n, |i, k| if i == k { degree[i] } else { -y[i * n + k] });
                SymmetricEigen::new(laplacian)
                    .eigenvalues
                    .iter()
                    .copied()
                    .collect()
            }
        };
        values.sort_by(|a, b| b.abs().total_cmp(&a.abs()));
        let total: f64 = degree.iter().sum();
        if total > 0.0 {
            values.iter_mut().for_each(|v| *v /= total);
        }
        values
    }

    /// L(S) from a subset's sums: Σ_i |λ_i(Y) − λ_i(Y^S)|.
    pub fn loss_of(&self, sums: &Sums) -> f64 {
        self.spectrum_of(sums)
            .iter()
            .zip(&self.full)
            .map(|(a, b)| (a - b).abs())
            .sum()
    }

    /// L(S) of a subset.
    pub fn loss(&self, keep: &[bool]) -> f64 {
        self.loss_of(&self.sums(keep))
    }

    /// L_p(S) = L(S) · exp(−p (|C| − |S|) / |C|).
    pub fn penalized(&self, loss: f64, keep: &[bool], penalty: f64) -> f64 {
        let c = keep.len() as f64;
        let s = keep.iter().filter(|k| **k).count() as f64;
        loss * (-penalty * (c - s) / c).exp()
    }

    /// The statements of a subset's stances.
    pub fn statements_of(&self, keep: &[bool]) -> u64 {
        self.statements
            .iter()
            .zip(keep)
            .filter(|(_, k)| **k)
            .map(|(n, _)| n)
            .sum()
    }
}
