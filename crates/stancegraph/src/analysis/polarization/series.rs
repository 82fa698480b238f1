//! Polarization over time, as DNA's `dna_polarization` computes it with a
//! time window (`../shared/dna-analysis.md`, section 2.2): one score per
//! window middle, each from the kernel slice of the statements strictly
//! inside the window (all of them for the gaussian kernel), over the
//! actors active there, as the signed (subtract) network with DNA's kernel
//! average, diagonal 0. DNA passes that one matrix as both congruence and
//! conflict (its defect 6.1, kept to match its numbers); for the `signed`
//! objective its positive part is congruence and its negative part
//! conflict. A step with no more actors than clusters, or without ties,
//! scores 0 with no clusters, as DNA's zero result.
//!
//! ```
//! use stancegraph::analysis::polarization::{series, PolarizationOptions, SeriesOptions};
//! use stancegraph::load::{DatasetBuilder, StatementRow};
//! use stancegraph::model::Polarity::{Agree, Disagree};
//! use stancegraph::network::kernel::{Kernel, Smoothing};
//! use stancegraph::network::Span;
//!
//! let mut b = DatasetBuilder::new("camps");
//! for day in 1..=20 {
//!     let date = format!("2025-01-{day:02}");
//!     for (actor, p) in [("a", Agree), ("b", Agree), ("c", Disagree), ("d", Disagree)] {
//!         b.statement(StatementRow::new(actor, "s", p).date_text(&date));
//!     }
//! }
//! let ds = b.build().unwrap().dataset;
//! let opts = SeriesOptions {
//!     window: Span::Days(6),
//!     step: None,
//!     smoothing: Smoothing { kernel: Kernel::Uniform, indent_time: true },
//! };
//! let steps = series(&ds, &opts, &PolarizationOptions::default()).unwrap();
//! assert_eq!(steps.len(), 14); // middles 4 to 17 January
//! assert_eq!(steps[0].middle.to_string(), "2025-01-04");
//! assert!(steps.iter().all(|s| s.actors == 4 && s.score > 0.0));
//! ```

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use crate::analysis::coalitions::Member;
use crate::analysis::matrix::ActorMatrix;
use crate::choice::{Spelled, Spelling};
use crate::model::{Dataset, Statement};
use crate::network::kernel::{Kernel, SliceError, SliceOptions, Slicer, Smoothing, Timeline};
use crate::network::{Kind, Normalization, Span, filter};

use super::{Objective, PolarizationError, PolarizationOptions, of_matrices};

/// The time steps of a polarization series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeriesOptions {
    /// The window (made even, as DNA does).
    pub window: Span,
    /// How far each middle moves on (`None`: one unit of the window).
    pub step: Option<Span>,
    /// The kernel, and whether the middles start half a window in.
    pub smoothing: Smoothing,
}

/// One time step's polarization.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// The window's first day (DNA's `startDates`).
    #[serde(serialize_with = "date")]
    pub start: NaiveDate,
    /// Its middle (`middleDates`).
    #[serde(serialize_with = "date")]
    pub middle: NaiveDate,
    /// Its last day (`stopDates`).
    #[serde(serialize_with = "date")]
    pub stop: NaiveDate,
    /// The best split's score (`finalMaxQs`); 0 for a skipped step.
    pub score: f64,
    /// The clusters of the best split; none for a skipped step.
    pub clusters: Vec<Vec<Member>>,
    /// How many actors are active in the window.
    pub actors: usize,
    /// Why the step was not scored: too few actors, or no ties.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}

fn date<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

/// Why there is no series.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SeriesError {
    /// The statements cannot be sliced.
    Slice(SliceError),
    /// The polarization options cannot work (clusters, exact's limit).
    Polarization(PolarizationError),
}

impl std::fmt::Display for SeriesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.spell(Spelling::PLAIN, f)
    }
}

impl Spelled for SeriesError {
    fn spell(&self, s: Spelling, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SeriesError::Slice(e) => write!(f, "{e}"),
            SeriesError::Polarization(e) => e.spell(s, f),
        }
    }
}

impl std::error::Error for SeriesError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SeriesError::Slice(e) => Some(e),
            SeriesError::Polarization(e) => Some(e),
        }
    }
}

/// The statements of the window around `middle` as DNA's polarization
/// takes them: strictly inside its bounds (every statement for the
/// gaussian kernel), over the actors and stances they use.
pub fn window_statements(
    ds: &Dataset,
    timeline: &Timeline,
    kernel: Kernel,
    middle: NaiveDate,
) -> Dataset {
    let (start, stop) = timeline.bounds(middle, kernel);
    let inside: Vec<&Statement> = ds
        .statements
        .iter()
        .filter(|s| kernel == Kernel::Gaussian || s.date.is_some_and(|d| start < d && d < stop))
        .collect();
    filter::subset(ds, &inside, false).into_owned()
}

/// The signed matrix of one step: the subtract slice with DNA's kernel
/// average, diagonal 0, over the window's actors.
pub fn step_matrix(
    window: &Dataset,
    opts: &SeriesOptions,
    timeline: &Timeline,
    middle: NaiveDate,
) -> ActorMatrix {
    let slice_opts = SliceOptions {
        kind: Kind::Subtract,
        normalization: Normalization::Average,
        window: opts.window,
        kernel: opts.smoothing.kernel,
        indent_time: opts.smoothing.indent_time,
        step: opts.step,
    };
    // Each window's own statements make its average factors (DNA's).
    let slice = Slicer::new(window, &slice_opts).at(timeline, middle);
    let n = window.actors.len();
    let mut values = slice.values;
    for i in 0..n {
        values[i * n + i] = 0.0;
    }
    ActorMatrix {
        actors: window
            .actors
            .iter()
            .map(|a| Member {
                id: a.id.clone(),
                label: a.label.clone(),
            })
            .collect(),
        values,
    }
}

/// The polarization of dated, prepared statements at every window middle.
pub fn series(
    ds: &Dataset,
    series: &SeriesOptions,
    opts: &PolarizationOptions,
) -> Result<Vec<Step>, SeriesError> {
    let kernel = series.smoothing.kernel;
    let timeline = Timeline::new(ds, series.window, series.step, series.smoothing.indent_time)
        .map_err(SeriesError::Slice)?;
    let mut out = Vec::with_capacity(timeline.middles.len());
    for &middle in &timeline.middles {
        let (start, stop) = timeline.bounds(middle, kernel);
        let window = window_statements(ds, &timeline, kernel, middle);
        let s = step_matrix(&window, series, &timeline, middle);
        let found = match opts.objective {
            Objective::Dna => of_matrices(&s, &s, opts),
            Objective::Signed => {
                let part = |sign: f64| ActorMatrix {
                    actors: s.actors.clone(),
                    values: s.values.iter().map(|v| (sign * v).max(0.0)).collect(),
                };
                of_matrices(&part(1.0), &part(-1.0), opts)
            }
        };
        let (score, clusters, skipped) = match found {
            Ok(p) => (p.score, p.clusters, None),
            Err(e @ (PolarizationError::TooFewActors { .. } | PolarizationError::NoTies)) => {
                (0.0, Vec::new(), Some(e.to_string()))
            }
            Err(e) => return Err(SeriesError::Polarization(e)),
        };
        out.push(Step {
            start,
            middle,
            stop,
            score,
            clusters,
            actors: s.len(),
            skipped,
        });
    }
    Ok(out)
}
