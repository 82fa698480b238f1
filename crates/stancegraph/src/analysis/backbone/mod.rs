//! DNA's backbone and redundant sets of stances (`dna_backbone`): which
//! stances carry the subtract network's structure. A subset S of the
//! stances is scored by how far the spectrum of the network of S's
//! statements is from the full network's: the loss
//! `L(S) = Σ_i |λ_i(Y) − λ_i(Y^S)|`.
//!
//! ```
//! use stancegraph::analysis::{backbone, BackboneOptions, Method};
//! use stancegraph::load::{load, Input, LoadOptions};
//! use stancegraph::network::{self, Duplicates, Options};
//!
//! let ds = load(&Input::Embedded, &LoadOptions::default()).unwrap().dataset;
//! let selection = Options { duplicates: Duplicates::Document, ..Options::default() };
//! let (prepared, _) = network::prepare(&ds, &selection).unwrap();
//! let opts = BackboneOptions { method: Method::Penalty, ..BackboneOptions::default() };
//! let b = backbone::backbone(&prepared, &opts).unwrap();
//! assert!(!b.backbone.is_empty() && !b.redundant.is_empty());
//! assert!(b.backbone_loss >= 0.0);
//! ```

mod model;
mod search;

use std::fmt;

use serde::Serialize;

use crate::choice::{Spelled, Spelling, choices};
use crate::model::Dataset;
use crate::network::{Kind, Network, Normalization, projection};

use super::coalitions::Member;

pub use model::Model;
pub use search::{anneal, exhaustive};

choices! {
    /// How the backbone is found.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Method as "method" {
        #[default]
        Nested = "nested": "Drop the stance whose loss is least, one at a time: every size in order.",
        Fixed = "fixed": "The backbone of --size stances with the least loss.",
        Penalty = "penalty": "The backbone with the least loss × exp(−p (|C| − |S|) / |C|).",
    }
}

choices! {
    /// Which spectrum the loss compares.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Spectrum as "spectrum" {
        #[default]
        Dna = "dna": "What DNA 3.1 computes: the sorted, normalized weighted degrees.",
        Laplacian = "laplacian": "What DNA's documentation says: the graph Laplacian's eigenvalues.",
    }
}

/// How to find the backbone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BackboneOptions {
    /// The method.
    pub method: Method,
    /// The penalty p (`penalty`; `nested` uses it to pick its backbone).
    pub penalty: f64,
    /// The backbone's size (`fixed`; `nested` takes the set of this size).
    pub size: Option<usize>,
    /// Simulated annealing's iterations.
    pub iterations: usize,
    /// Simulated annealing's seed.
    pub seed: u64,
    /// The spectrum compared.
    pub spectrum: Spectrum,
}

impl Default for BackboneOptions {
    fn default() -> BackboneOptions {
        BackboneOptions {
            method: Method::Nested,
            penalty: 3.5,
            size: None,
            iterations: 10_000,
            seed: super::coalitions::DEFAULT_SEED,
            spectrum: Spectrum::Dna,
        }
    }
}

/// Up to this many stances `penalty` and `fixed` try every subset.
pub const EXHAUSTIVE_LIMIT: usize = 20;

/// Why there is no backbone.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum BackboneError {
    /// A negative or not-a-number penalty.
    Penalty(f64),
    /// A size of 0, or not below the number of stances.
    Size {
        /// The size asked for.
        size: usize,
        /// How many stances there are.
        stances: usize,
    },
    /// Fewer than two stances: nothing to split.
    TooFewStances(usize),
    /// No ties at all: every subset's loss is 0.
    NoTies,
}

impl fmt::Display for BackboneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.spell(Spelling::PLAIN, f)
    }
}

impl Spelled for BackboneError {
    fn spell(&self, s: Spelling, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BackboneError::Penalty(p) => write!(
                f,
                "{} {p}: the penalty must be 0 or more (DNA's default is 3.5)",
                s.option("penalty")
            ),
            BackboneError::Size { size, stances } => write!(
                f,
                "{} {size}: a backbone has at least 1 stance and fewer than all {stances}",
                s.option("size")
            ),
            BackboneError::TooFewStances(n) => write!(
                f,
                "{n} stance{} with statements: a backbone needs at least 2 to choose from",
                if *n == 1 { "" } else { "s" }
            ),
            BackboneError::NoTies => write!(
                f,
                "the subtract network has no positive ties at all: every set of stances \
                 would have the same loss, so there is no backbone"
            ),
        }
    }
}

impl std::error::Error for BackboneError {}

/// One step of the nested method: a stance leaves the backbone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// The stance's id.
    pub id: String,
    /// Its text.
    pub label: String,
    /// The loss of the backbone without it.
    pub backbone_loss: f64,
    /// The loss of the redundant set with it.
    pub redundant_loss: f64,
    /// The statements of the backbone without it.
    pub statements: u64,
}

/// A backbone and its redundant set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Backbone {
    /// The method used.
    #[serde(serialize_with = "crate::choice::serialize_name")]
    pub method: Method,
    /// The backbone's stances, by text.
    pub backbone: Vec<Member>,
    /// The rest, by text.
    pub redundant: Vec<Member>,
    /// L(backbone).
    pub backbone_loss: f64,
    /// L(redundant).
    pub redundant_loss: f64,
    /// The penalized loss of the backbone (`penalty`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub penalized_loss: Option<f64>,
    /// The statements the analysis read.
    pub statements: u64,
    /// The statements of the backbone's stances.
    pub backbone_statements: u64,
    /// How the result was found: `exhaustive` or `annealing` (`nested` is
    /// its own).
    pub search: &'static str,
    /// The spectrum compared.
    #[serde(serialize_with = "crate::choice::serialize_name")]
    pub spectrum: Spectrum,
    /// The nested method's steps, in removal order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steps: Option<Vec<Step>>,
}

/// The backbone of prepared statements (DNA's default duplicates are
/// `document`; prepare them with the selection wanted).
pub fn backbone(ds: &Dataset, opts: &BackboneOptions) -> Result<Backbone, BackboneError> {
    if !(opts.penalty.is_finite() && opts.penalty >= 0.0) {
        return Err(BackboneError::Penalty(opts.penalty));
    }
    let model = Model::new(ds, opts.spectrum);
    let c = model.stances.len();
    if c < 2 {
        return Err(BackboneError::TooFewStances(c));
    }
    if let Some(size) = opts.size
        && (size == 0 || size >= c)
    {
        return Err(BackboneError::Size { size, stances: c });
    }
    if model.full.iter().all(|&l| l == 0.0) {
        return Err(BackboneError::NoTies);
    }
    let (set, search, steps) = match opts.method {
        Method::Nested => {
            let steps = search::nested(&model);
            let set = search::pick_nested(&model, &steps, opts);
            (set, "nested", Some(steps))
        }
        Method::Fixed | Method::Penalty if c <= EXHAUSTIVE_LIMIT => {
            (search::exhaustive(&model, opts), "exhaustive", None)
        }
        Method::Fixed | Method::Penalty => (search::anneal(&model, opts), "annealing", None),
    };
    let rest: Vec<bool> = set.iter().map(|b| !b).collect();
    let members = |keep: &[bool]| -> Vec<Member> {
        model
            .stances
            .iter()
            .zip(keep)
            .filter(|(_, k)| **k)
            .map(|(m, _)| m.clone())
            .collect()
    };
    let backbone_loss = model.loss(&set);
    Ok(Backbone {
        method: opts.method,
        backbone: members(&set),
        redundant: members(&rest),
        backbone_loss,
        redundant_loss: model.loss(&rest),
        penalized_loss: (opts.method == Method::Penalty)
            .then(|| model.penalized(backbone_loss, &set, opts.penalty)),
        statements: model.statements.iter().sum(),
        backbone_statements: model.statements_of(&set),
        search,
        spectrum: opts.spectrum,
        steps: steps.map(|steps| {
            steps
                .into_iter()
                .map(|s| Step {
                    id: model.stances[s.stance].id.clone(),
                    label: model.stances[s.stance].label.clone(),
                    backbone_loss: s.backbone_loss,
                    redundant_loss: s.redundant_loss,
                    statements: s.statements,
                })
                .collect()
        }),
    })
}

/// The backbone's and the redundant set's networks, named `backbone` and
/// `redundant`: the subtract network with average normalization of the
/// statements on their stances, every actor of the prepared statements
/// kept as a node. Each with the statements it was built from.
pub fn networks(ds: &Dataset, found: &Backbone) -> Vec<(Network, Dataset)> {
    [
        ("backbone", &found.backbone),
        ("redundant", &found.redundant),
    ]
    .into_iter()
    .map(|(name, stances)| {
        let keep: std::collections::HashSet<&str> = stances.iter().map(|m| m.id.as_str()).collect();
        let mut part = ds.clone();
        part.statements
            .retain(|s| keep.contains(ds.stances[s.stance()].id.as_str()));
        let mut net = projection::one_mode(&part, Kind::Subtract, Normalization::Average);
        net.name = name.to_string();
        (net, part)
    })
    .collect()
}
