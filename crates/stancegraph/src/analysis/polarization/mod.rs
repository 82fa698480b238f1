//! DNA's polarization score (`dna_polarization` without a time window):
//! the best split of the actors into K balanced clusters by how far the
//! congruence inside clusters and the conflict between them are from what
//! cluster sizes alone would give.
//!
//! ```
//! use stancegraph::analysis::{polarization, PolarizationOptions};
//! use stancegraph::load::{load, Input, LoadOptions};
//! use stancegraph::network::{self, Options};
//!
//! let ds = load(&Input::Embedded, &LoadOptions::default()).unwrap().dataset;
//! let (prepared, _) = network::prepare(&ds, &Options::default()).unwrap();
//! let opts = PolarizationOptions { normalize: true, ..PolarizationOptions::default() };
//! let p = polarization::polarization(&prepared, &opts).unwrap();
//! assert!(p.score > 0.0 && p.score <= 1.0);
//! assert_eq!(p.clusters.len(), 2);
//! ```

mod score;
mod search;
mod series;

use std::fmt;

use serde::Serialize;

use crate::choice::{Spelled, Spelling, choices};
use crate::model::Dataset;
use crate::network::{Kind, Normalization};

use super::coalitions::Member;
use super::matrix::ActorMatrix;

pub use score::Scorer;
pub use search::{balanced_partitions, balanced_sizes};
pub use series::{SeriesError, SeriesOptions, Step, series, step_matrix, window_statements};

choices! {
    /// How the best split is searched for.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Algorithm as "algorithm" {
        Exact = "exact": "Every balanced split (the default while there are at most 10^6).",
        Greedy = "greedy": "DNA's swap search, from several random starts.",
        Genetic = "genetic": "DNA's genetic algorithm, without its defects.",
    }
}

choices! {
    /// What a split scores.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Objective as "objective" {
        #[default]
        Dna = "dna": "DNA's score: absolute deviations from the expected congruence and conflict.",
        Signed = "signed": "Congruence minus conflict inside clusters, conflict minus congruence between them.",
    }
}

/// The most splits `exact` tries; beyond, the default is `greedy`.
pub const EXACT_LIMIT: u128 = 1_000_000;

/// DNA's genetic algorithm's settings (its defaults).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Genetic {
    /// Partitions per generation (`numParents`, 50).
    pub parents: usize,
    /// Generations at most (`numIterations`, 1000).
    pub iterations: usize,
    /// The share of the best kept as they are (`elitePercentage`, 0.1).
    pub elite: f64,
    /// Swaps per child, as a share of n / 2 (`mutationPercentage`, 0.1).
    pub mutation: f64,
}

impl Default for Genetic {
    fn default() -> Genetic {
        Genetic {
            parents: 50,
            iterations: 1000,
            elite: 0.1,
            mutation: 0.1,
        }
    }
}

/// How to compute the polarization.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PolarizationOptions {
    /// How many clusters (K, DNA's `numClusters`).
    pub clusters: usize,
    /// Divide by the networks' norms, so that the score is in [0, 1]
    /// (DNA's `normalizeScores`).
    pub normalize: bool,
    /// The search; `None` is `exact` while there are at most
    /// [`EXACT_LIMIT`] splits, else `greedy`.
    pub algorithm: Option<Algorithm>,
    /// What a split scores.
    pub objective: Objective,
    /// The random seed of `greedy` and `genetic`.
    pub seed: u64,
    /// How many random starts `greedy` makes.
    pub restarts: usize,
    /// The genetic algorithm's settings.
    pub genetic: Genetic,
}

impl Default for PolarizationOptions {
    fn default() -> PolarizationOptions {
        PolarizationOptions {
            clusters: 2,
            normalize: false,
            algorithm: None,
            objective: Objective::Dna,
            seed: super::coalitions::DEFAULT_SEED,
            restarts: 10,
            genetic: Genetic::default(),
        }
    }
}

/// Why there is no score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PolarizationError {
    /// Fewer than two clusters asked for.
    Clusters(usize),
    /// No more actors than clusters: no cluster would have a pair.
    TooFewActors {
        /// Actors with statements.
        actors: usize,
        /// Clusters asked for.
        clusters: usize,
    },
    /// No congruence and no conflict at all.
    NoTies,
    /// `exact` asked for with more splits than it tries.
    TooMany {
        /// The number of balanced splits (`None`: beyond 2^128).
        splits: Option<u128>,
    },
}

impl fmt::Display for PolarizationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.spell(Spelling::PLAIN, f)
    }
}

impl Spelled for PolarizationError {
    fn spell(&self, s: Spelling, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolarizationError::Clusters(k) => write!(
                f,
                "{} {k}: polarization needs at least 2 clusters",
                s.option("clusters")
            ),
            PolarizationError::TooFewActors { actors, clusters } => write!(
                f,
                "{actors} actor{} with statements cannot make {clusters} clusters with a pair \
                 in one: polarization needs more actors than {}",
                if *actors == 1 { "" } else { "s" },
                s.option("clusters")
            ),
            PolarizationError::NoTies => write!(
                f,
                "the actors have no congruence and no conflict ties: no two of them speak on \
                 the same stance, so there is nothing to polarize"
            ),
            PolarizationError::TooMany { splits } => {
                let count = match splits {
                    Some(n) => n.to_string(),
                    None => "more than 2^128".to_string(),
                };
                write!(
                    f,
                    "{} exact would try {count} balanced splits, more than its limit of \
                     {EXACT_LIMIT}: choose {} greedy or genetic",
                    s.option("algorithm"),
                    s.option("algorithm")
                )
            }
        }
    }
}

impl std::error::Error for PolarizationError {}

/// A polarization score and the split that gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Polarization {
    /// The best split's score: never NaN.
    pub score: f64,
    /// Whether it is divided by the norms.
    pub normalized: bool,
    /// The search that found it.
    #[serde(serialize_with = "crate::choice::serialize_name")]
    pub algorithm: Algorithm,
    /// What was scored.
    #[serde(serialize_with = "crate::choice::serialize_name")]
    pub objective: Objective,
    /// The clusters, each in the actors' order; clusters by their first
    /// actor.
    pub clusters: Vec<Vec<Member>>,
    /// How many actors were split.
    pub actors: usize,
    /// How many balanced splits there are (`None`: beyond 2^128).
    pub splits: Option<u128>,
}

/// The congruence (C) and conflict (F) matrices of prepared statements as
/// DNA's polarization builds them: average normalization, diagonal 0, the
/// actors who made a statement.
pub fn matrices(ds: &Dataset) -> (ActorMatrix, ActorMatrix) {
    (
        ActorMatrix::of(ds, Kind::Congruence, Normalization::Average),
        ActorMatrix::of(ds, Kind::Conflict, Normalization::Average),
    )
}

/// The polarization of prepared statements (DNA's default duplicates are
/// `include`; prepare them with the selection wanted).
pub fn polarization(
    ds: &Dataset,
    opts: &PolarizationOptions,
) -> Result<Polarization, PolarizationError> {
    let (c, f) = matrices(ds);
    of_matrices(&c, &f, opts)
}

/// The polarization of given congruence and conflict matrices (the same
/// actors in the same order).
pub fn of_matrices(
    c: &ActorMatrix,
    f: &ActorMatrix,
    opts: &PolarizationOptions,
) -> Result<Polarization, PolarizationError> {
    let (n, k) = (c.len(), opts.clusters);
    if k < 2 {
        return Err(PolarizationError::Clusters(k));
    }
    if n <= k {
        return Err(PolarizationError::TooFewActors {
            actors: n,
            clusters: k,
        });
    }
    if c.norm() + f.norm() == 0.0 {
        return Err(PolarizationError::NoTies);
    }
    let splits = balanced_partitions(n, k);
    let small = splits.is_some_and(|s| s <= EXACT_LIMIT);
    let algorithm = match opts.algorithm {
        Some(Algorithm::Exact) if !small => return Err(PolarizationError::TooMany { splits }),
        Some(a) => a,
        None if small => Algorithm::Exact,
        None => Algorithm::Greedy,
    };
    let scorer = Scorer::new(c, f, k, opts.objective, opts.normalize);
    let (score, membership) = match algorithm {
        Algorithm::Exact => search::exact(&scorer),
        Algorithm::Greedy => search::greedy(&scorer, opts.restarts.max(1), opts.seed),
        Algorithm::Genetic => search::genetic(&scorer, &opts.genetic, opts.seed),
    };
    let mut clusters: Vec<Vec<Member>> = vec![Vec::new(); k];
    for (i, &m) in membership.iter().enumerate() {
        clusters[m].push(c.actors[i].clone());
    }
    clusters.sort_by(|a, b| a.first().map(|m| &m.id).cmp(&b.first().map(|m| &m.id)));
    Ok(Polarization {
        score,
        normalized: opts.normalize,
        algorithm,
        objective: opts.objective,
        clusters,
        actors: n,
        splits,
    })
}
