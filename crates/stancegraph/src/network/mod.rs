//! From a dataset to the network asked for: filters, level (country or any
//! attribute), duplicate removal, then the projection (the full network or
//! DNA's networks), in that order.
//!
//! ```
//! use stancegraph::load::{load, Input, LoadOptions};
//! use stancegraph::network::{build, Kind, Options};
//!
//! let ds = load(&Input::Embedded, &LoadOptions::default()).unwrap().dataset;
//! let opts = Options { kind: Kind::Conflict, ..Options::default() };
//! let built = build(&ds, &opts).unwrap();
//! assert!(!built.network.directed);
//! ```

pub mod duplicates;
pub mod filter;
mod full;
mod graph;
pub mod interaction;
pub mod kernel;
pub mod level;
mod nodes;
pub mod projection;
pub mod smoothed;
mod ties;
pub mod window;

use crate::choice::{Spelled, Spelling, choices};
use std::borrow::Cow;
use std::fmt;

use crate::model::Dataset;
use crate::notice::{Notice, NoticeKind};

pub use duplicates::Duplicates;
pub use filter::{Filter, FilterError};
pub(crate) use full::by_actor_stance_polarity;
pub use full::full;
pub use graph::{
    CoalitionSummary, EdgeData, EdgeSource, Network, NodeData, NodeKind, Relation, SliceDates,
    StreamedEdges,
};
pub(crate) use interaction::by_actor_target_polarity;
pub use level::{Level, LevelError};
pub use nodes::Activity;
pub use window::{Span, SpanError, Window};

choices! {
    /// Which network to build.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    #[non_exhaustive]
    pub enum Kind as "network" {
        #[default]
        Full = "full": "Actors, countries and stances; agree, disagree and affiliation edges.",
        Affiliation = "affiliation": "DNA's two-mode network: actor→stance edges only.",
        Congruence = "congruence": "One-mode: Σ_s Σ_q c(i,s,q)·c(j,s,q).",
        Conflict = "conflict": "One-mode: Σ_s c(i,s,+)·c(j,s,−) + c(i,s,−)·c(j,s,+).",
        Subtract = "subtract": "One-mode: congruence − conflict.",
        Cooccurrence = "cooccurrence": "One-mode: Σ_s c(i,s)·c(j,s), polarity ignored.",
        Interaction = "interaction": "Directed actor → target: one edge per (actor, target, polarity), weight = statements.",
    }
}

impl Kind {
    /// True for the actor–actor networks.
    pub fn is_one_mode(self) -> bool {
        !matches!(self, Kind::Full | Kind::Affiliation | Kind::Interaction)
    }
}

choices! {
    /// How the two-mode `affiliation` network treats polarity (DNA's qualifier
    /// aggregation).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Qualifier as "qualifier mode" {
        #[default]
        Separate = "separate": "One edge per polarity, weight = statements (as in `full`).",
        Ignore = "ignore": "One edge per (actor, stance), weight = statements of either polarity.",
        Combine = "combine": "One edge per (actor, stance), weight 1 agree only, 2 disagree only, 3 both.",
        Subtract = "subtract": "One edge per (actor, stance), weight = agree − disagree statements; pairs that cancel out have no edge.",
    }
}

choices! {
    /// Edge-weight normalization, as DNA defines it.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    #[non_exhaustive]
    pub enum Normalization as "normalization" {
        #[default]
        None = "none": "Raw counts.",
        Average = "average": "One-mode: w / ((a_i + a_j) / 2), a = an actor's statement count.",
        Jaccard = "jaccard": "One-mode: w / (m10 + m01 + m11) over (stance, polarity) cells.",
        Cosine = "cosine": "One-mode, DNA's \"cosine\": w / (a_i · a_j).",
        Activity = "activity": "Two-mode: w / the actor's total (statements; stances with an edge under `combine`).",
        Prominence = "prominence": "Two-mode: w / the stance's total (statements; actors with an edge under `combine`).",
    }
}

impl Normalization {}

/// Everything that decides the network.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// Which network.
    pub kind: Kind,
    /// Polarity handling for `affiliation`.
    pub qualifier: Qualifier,
    /// Edge-weight normalization.
    pub normalization: Normalization,
    /// Actors or their countries as nodes.
    pub level: Level,
    /// Which repeated statements count once.
    pub duplicates: Duplicates,
    /// Which statements to keep.
    pub filter: Filter,
}

/// Options that do not fit together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum OptionsError {
    /// The normalization does not apply to the network.
    Normalization {
        /// The normalization asked for.
        normalization: Normalization,
        /// The network asked for.
        kind: Kind,
    },
    /// A qualifier other than `separate` for a network other than
    /// `affiliation`.
    Qualifier {
        /// The network asked for.
        kind: Kind,
    },
}

impl fmt::Display for OptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.spell(Spelling::PLAIN, f)
    }
}

impl Spelled for OptionsError {
    fn spell(&self, s: Spelling, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptionsError::Normalization {
                normalization,
                kind,
            } => {
                let which = match kind {
                    Kind::Full => "the full network takes no normalization",
                    Kind::Interaction => "the interaction network takes no normalization",
                    Kind::Affiliation => {
                        "the two-mode affiliation network takes activity or prominence"
                    }
                    _ => "one-mode networks take average, jaccard or cosine",
                };
                write!(
                    f,
                    "{} {} does not apply to {} {}: {which}",
                    s.option("normalize"),
                    normalization.name(),
                    s.option("network"),
                    kind.name()
                )
            }
            OptionsError::Qualifier { kind } => write!(
                f,
                "{} applies to {} affiliation and interaction only, not {}",
                s.option("qualifier"),
                s.option("network"),
                kind.name()
            ),
        }
    }
}

impl std::error::Error for OptionsError {}

impl Options {
    /// Checks that the options fit together.
    pub fn validate(&self) -> Result<(), OptionsError> {
        use Normalization as N;
        let fits = match self.kind {
            Kind::Full | Kind::Interaction => self.normalization == N::None,
            Kind::Affiliation => {
                matches!(self.normalization, N::None | N::Activity | N::Prominence)
            }
            _ => matches!(
                self.normalization,
                N::None | N::Average | N::Jaccard | N::Cosine
            ),
        };
        if !fits {
            return Err(OptionsError::Normalization {
                normalization: self.normalization,
                kind: self.kind,
            });
        }
        if self.qualifier != Qualifier::Separate
            && !matches!(self.kind, Kind::Affiliation | Kind::Interaction)
        {
            return Err(OptionsError::Qualifier { kind: self.kind });
        }
        Ok(())
    }
}

/// Why the statements could not be prepared: a filter or a level names
/// something the dataset does not have, or the options do not fit.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PrepareError {
    /// The options do not fit together.
    Options(OptionsError),
    /// A filter names an unknown actor, stance or field.
    Filter(FilterError),
    /// `--level` names an unknown attribute.
    Level(LevelError),
}

impl fmt::Display for PrepareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.spell(Spelling::PLAIN, f)
    }
}

impl Spelled for PrepareError {
    fn spell(&self, s: Spelling, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PrepareError::Options(e) => e.spell(s, f),
            PrepareError::Filter(e) => e.spell(s, f),
            PrepareError::Level(e) => e.spell(s, f),
        }
    }
}

impl std::error::Error for PrepareError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PrepareError::Options(e) => Some(e),
            PrepareError::Filter(e) => Some(e),
            PrepareError::Level(e) => Some(e),
        }
    }
}

impl From<OptionsError> for PrepareError {
    fn from(e: OptionsError) -> PrepareError {
        PrepareError::Options(e)
    }
}

impl From<FilterError> for PrepareError {
    fn from(e: FilterError) -> PrepareError {
        PrepareError::Filter(e)
    }
}

impl From<LevelError> for PrepareError {
    fn from(e: LevelError) -> PrepareError {
        PrepareError::Level(e)
    }
}

/// A built network with what the user should hear about it.
#[derive(Debug, Clone)]
pub struct Built {
    /// The network.
    pub network: Network,
    /// The statements it was built from, after filters and duplicates.
    pub statements: usize,
    /// Things worth a warning (actors without a country at country level).
    pub warnings: Vec<Notice>,
}

/// Filters, levels and de-duplicates the dataset: the statements every
/// projection starts from, with warnings to print (actors kept as
/// themselves at a level they have no value for).
pub fn prepare<'a>(
    ds: &'a Dataset,
    opts: &Options,
) -> Result<(Cow<'a, Dataset>, Vec<Notice>), PrepareError> {
    let filtered = filter::apply(ds, &opts.filter)?;
    let mut warnings = Vec::new();
    let leveled = match &opts.level {
        Level::Actor => filtered,
        level => {
            let (ds, without) = level::apply(&filtered, level)?;
            if !without.is_empty() {
                let n = without.len();
                let one = n == 1;
                let text = format!(
                    "{n} actor{} without {} stay{} as {}: {}",
                    if one { "" } else { "s" },
                    level.describe(),
                    if one { "s" } else { "" },
                    if one { "itself" } else { "themselves" },
                    without.join(", ")
                );
                warnings.push(Notice::new(NoticeKind::Ungrouped, text));
            }
            Cow::Owned(ds)
        }
    };
    let remove = if opts.kind == Kind::Interaction {
        duplicates::remove_addressed
    } else {
        duplicates::remove
    };
    let once = match remove(&leveled, opts.duplicates) {
        Cow::Borrowed(_) => leveled,
        Cow::Owned(ds) => Cow::Owned(ds),
    };
    Ok((once, warnings))
}

/// Builds the network the options ask for.
pub fn build(ds: &Dataset, opts: &Options) -> Result<Built, PrepareError> {
    opts.validate()?;
    let (prepared, warnings) = prepare(ds, opts)?;
    let network = project(&prepared, opts);
    Ok(Built {
        network,
        statements: prepared.statement_count() as usize,
        warnings,
    })
}

/// Projects prepared statements into the network of `opts.kind`, every
/// edge held in its graph.
pub fn project(ds: &Dataset, opts: &Options) -> Network {
    project_streamed(ds, opts, usize::MAX)
}

/// How many ties of a one-mode network the export holds in memory; beyond,
/// it makes them again for each file it writes (the same bytes).
pub const HELD_TIES: usize = 2_000_000;

/// Projects prepared statements into the network of `opts.kind`; a
/// one-mode network with more than `held` ties makes them on demand
/// instead of holding them (see [`crate::network::EdgeSource`]).
pub fn project_streamed(ds: &Dataset, opts: &Options, held: usize) -> Network {
    match opts.kind {
        Kind::Full => full(ds),
        Kind::Affiliation => projection::affiliation(ds, opts.qualifier, opts.normalization),
        Kind::Interaction => interaction::interaction(ds, opts.qualifier),
        one_mode => projection::one_mode_streamed(ds, one_mode, opts.normalization, held),
    }
}

/// The seed dataset's network of one kind, for tests.
#[cfg(test)]
pub(crate) fn seed(kind: Kind) -> Network {
    let ds = crate::load::load(
        &crate::load::Input::Embedded,
        &crate::load::LoadOptions::default(),
    )
    .expect("the seed loads")
    .dataset;
    let opts = Options {
        kind,
        ..Options::default()
    };
    build(&ds, &opts).expect("the seed builds").network
}
