//! DNA 3.1's kernel-smoothed time slices (`../shared/dna-analysis.md`,
//! section 1.3): window middles one unit apart, each statement weighted by
//! a kernel of its distance to the middle, one-mode cells summing
//! √(K(x)·K(x′)) over statement pairs (the diagonal included), two-mode
//! cells summing weights, and DNA's kernel "average" normalization.
//!
//! ```
//! use stancegraph::load::{DatasetBuilder, StatementRow};
//! use stancegraph::model::Polarity;
//! use stancegraph::network::kernel::{self, Kernel, SliceOptions};
//! use stancegraph::network::{Kind, Normalization, Span};
//!
//! let mut b = DatasetBuilder::new("days");
//! for (actor, day) in [("a", "2025-01-01"), ("b", "2025-01-03"), ("a", "2025-01-05")] {
//!     b.statement(StatementRow::new(actor, "s", Polarity::Agree).date_text(day));
//! }
//! let ds = b.build().unwrap().dataset;
//! let opts = SliceOptions {
//!     kind: Kind::Congruence,
//!     normalization: Normalization::None,
//!     window: Span::Days(4),
//!     kernel: Kernel::Uniform,
//!     indent_time: false,
//!     step: None,
//! };
//! let slices = kernel::slices(&ds, &opts).unwrap();
//! assert_eq!(slices.len(), 5); // middles 1 to 5 January
//! // 3 January: every statement within 2 days, each weighing 0.5; a–b:
//! // two pairs of √(0.5 · 0.5).
//! let mid = &slices[2];
//! assert!((mid.value(0, 1) - 1.0).abs() < 1e-12);
//! ```

mod timeline;

use chrono::NaiveDate;

use crate::choice::choices;
use crate::model::{Dataset, Polarity};

use super::{Kind, Normalization, Span};

pub use timeline::Timeline;

choices! {
    /// How a statement is weighted by its distance x ∈ [−1, 1] from the
    /// window's middle (in half-windows).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Kernel as "kernel" {
        Uniform = "uniform": "0.5 inside the window.",
        Epanechnikov = "epanechnikov": "0.75 (1 − x²) inside the window.",
        Triangular = "triangular": "1 − |x| inside the window (DNA 3.1: |1 − x|).",
        Gaussian = "gaussian": "exp(−x²/2) / √(2π), every statement.",
    }
}

impl Kernel {
    /// K(x).
    pub fn weight(self, x: f64) -> f64 {
        match self {
            Kernel::Gaussian => (-x * x / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt(),
            _ if x.abs() > 1.0 => 0.0,
            Kernel::Uniform => 0.5,
            Kernel::Epanechnikov => 0.75 * (1.0 - x * x),
            Kernel::Triangular => 1.0 - x.abs(),
        }
    }
}

/// How a windowed export is smoothed: the kernel, and whether the middles
/// start half a window in (`--kernel`, `--indent-time`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Smoothing {
    /// The kernel.
    pub kernel: Kernel,
    /// Start the first middle half a window after the first statement, and
    /// end the last half a window before the last.
    pub indent_time: bool,
}

/// What a series of slices is made of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SliceOptions {
    /// The network: `affiliation` (two-mode, weighted agree − disagree) or
    /// a one-mode network.
    pub kind: Kind,
    /// `none` or `average` (DNA's kernel average).
    pub normalization: Normalization,
    /// The window (made even, as DNA does: `5d` is six days).
    pub window: Span,
    /// The kernel.
    pub kernel: Kernel,
    /// Start the first middle half a window after the first statement, and
    /// end the last half a window before the last.
    pub indent_time: bool,
    /// How far each middle moves on (`None`: one unit of the window, as
    /// DNA: a day for `8d`, a month for `3m`).
    pub step: Option<Span>,
}

/// One time slice: a dense matrix (actors × actors, or actors × stances
/// for `affiliation`) over the statements' actors and stances.
#[derive(Debug, Clone, PartialEq)]
pub struct Slice {
    /// The window's first day (DNA's `start`).
    pub start: NaiveDate,
    /// Its middle (`middle`).
    pub middle: NaiveDate,
    /// Its last day (`stop`).
    pub stop: NaiveDate,
    /// Row-major values, `rows × columns`.
    pub values: Vec<f64>,
    /// How many columns.
    pub columns: usize,
}

impl Slice {
    /// The value at row `i`, column `j`.
    pub fn value(&self, i: usize, j: usize) -> f64 {
        self.values[i * self.columns + j]
    }
}

/// Why there are no slices.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SliceError {
    /// Statements without a date: how many, and the input lines of the
    /// first few.
    Undated {
        /// How many.
        count: usize,
        /// The first lines.
        lines: Vec<u64>,
    },
    /// No statements.
    Empty,
    /// The window is longer than the time the statements span.
    TooLong {
        /// The window asked for.
        window: Span,
        /// The first statement's date.
        first: NaiveDate,
        /// The last statement's date.
        last: NaiveDate,
    },
}

impl std::fmt::Display for SliceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SliceError::Undated { count, lines } => {
                let lines: Vec<String> = lines.iter().map(u64::to_string).collect();
                write!(
                    f,
                    "kernel windows weigh every statement by its date, and {count} statement{} \
                     none (line{} {}{}): give {} a date, or leave {} out with a date filter",
                    if *count == 1 { " has" } else { "s have" },
                    if lines.len() == 1 { "" } else { "s" },
                    lines.join(", "),
                    if *count > lines.len() { ", ..." } else { "" },
                    if *count == 1 { "it" } else { "them" },
                    if *count == 1 { "it" } else { "them" },
                )
            }
            SliceError::Empty => write!(f, "there are no statements to slice"),
            SliceError::TooLong {
                window,
                first,
                last,
            } => write!(
                f,
                "a window of {window} is longer than the statements' time span ({first} to \
                 {last}): every slice would hold every statement; choose a shorter window"
            ),
        }
    }
}

impl std::error::Error for SliceError {}

/// The kernel slices of prepared statements, one per window middle.
pub fn slices(ds: &Dataset, opts: &SliceOptions) -> Result<Vec<Slice>, SliceError> {
    let timeline = Timeline::new(ds, opts.window, opts.step, opts.indent_time)?;
    let slicer = Slicer::new(ds, opts);
    Ok(timeline
        .middles
        .iter()
        .map(|&gamma| slicer.at(&timeline, gamma))
        .collect())
}

/// Makes the slices of one dataset one middle at a time, DNA's kernel
/// "average" factors computed once (they count every statement of a cell,
/// so they are the same in every slice).
pub struct Slicer<'d> {
    ds: &'d Dataset,
    opts: SliceOptions,
    factors: Option<Vec<f64>>,
}

impl<'d> Slicer<'d> {
    /// The slicer of `ds`, its "average" normalization counting the
    /// statements of `ds` (DNA's polarization passes only a window's).
    pub fn new(ds: &'d Dataset, opts: &SliceOptions) -> Slicer<'d> {
        let factors = (opts.kind != Kind::Affiliation
            && opts.normalization == Normalization::Average)
            .then(|| average_factors(ds));
        Slicer {
            ds,
            opts: *opts,
            factors,
        }
    }

    /// The slice around `middle` of `timeline`.
    pub fn at(&self, timeline: &Timeline, middle: NaiveDate) -> Slice {
        slice(
            self.ds,
            &self.opts,
            timeline,
            middle,
            self.factors.as_deref(),
        )
    }
}

/// The index of an (actor, stance, polarity) cell.
fn cell(stances: usize, actor: usize, stance: usize, polarity: Polarity) -> usize {
    let k = match polarity {
        Polarity::Agree => 0,
        Polarity::Disagree => 1,
    };
    (actor * stances + stance) * 2 + k
}

/// DNA's kernel "average" normalization, the same in every slice (it
/// counts all statements of a cell, in the window or not):
/// `N[i][i2] = Σ_(j,k) 2 / (|X_ijk| + |X_i2jk|)` over the cells with
/// statements.
fn average_factors(ds: &Dataset) -> Vec<f64> {
    let (actors, stances) = (ds.actors.len(), ds.stances.len());
    let mut count = vec![0.0; actors * stances * 2];
    for s in &ds.statements {
        count[cell(stances, s.actor(), s.stance(), s.polarity)] += f64::from(s.count);
    }
    let mut factors = vec![0.0; actors * actors];
    for i in 0..actors {
        for i2 in 0..actors {
            let (a, b) = (i * stances * 2, i2 * stances * 2);
            factors[i * actors + i2] = (0..stances * 2)
                .map(|c| count[a + c] + count[b + c])
                .filter(|total| *total > 0.0)
                .map(|total| 2.0 / total)
                .sum();
        }
    }
    factors
}

/// One slice around `gamma`; one-mode cells multiplied by `factors` when
/// given.
fn slice(
    ds: &Dataset,
    opts: &SliceOptions,
    timeline: &Timeline,
    gamma: NaiveDate,
    factors: Option<&[f64]>,
) -> Slice {
    let (start, stop) = timeline.bounds(gamma, opts.kernel);
    let weight = |date: Option<NaiveDate>| -> f64 {
        let date = date.expect("checked: every statement is dated");
        timeline.weight(opts.kernel, gamma, date)
    };
    let (actors, stances) = (ds.actors.len(), ds.stances.len());
    if opts.kind == Kind::Affiliation {
        let mut values = vec![0.0; actors * stances];
        for s in &ds.statements {
            let sign = match s.polarity {
                Polarity::Agree => 1.0,
                Polarity::Disagree => -1.0,
            };
            values[s.actor() * stances + s.stance()] += f64::from(s.count) * sign * weight(s.date);
        }
        return Slice {
            start,
            middle: gamma,
            stop,
            values,
            columns: stances,
        };
    }
    // Per (actor, stance, polarity): Σ √K over the statements used; a
    // cell's sum over statement pairs is the product of two such sums.
    let mut root = vec![0.0; actors * stances * 2];
    for s in &ds.statements {
        root[cell(stances, s.actor(), s.stance(), s.polarity)] +=
            f64::from(s.count) * weight(s.date).sqrt();
    }
    // f(k, k′): same polarity, opposite polarity.
    let (same, opposite) = match opts.kind {
        Kind::Congruence => (1.0, 0.0),
        Kind::Conflict => (0.0, 1.0),
        Kind::Subtract => (1.0, -1.0),
        _ => (1.0, 1.0),
    };
    let mut values = vec![0.0; actors * actors];
    for i in 0..actors {
        for i2 in 0..actors {
            let (a, b) = (i * stances * 2, i2 * stances * 2);
            let mut y = 0.0;
            for j in 0..stances {
                let (x, z) = (
                    &root[a + 2 * j..a + 2 * j + 2],
                    &root[b + 2 * j..b + 2 * j + 2],
                );
                y += same * (x[0] * z[0] + x[1] * z[1]) + opposite * (x[0] * z[1] + x[1] * z[0]);
            }
            if let Some(n) = factors.map(|f| f[i * actors + i2])
                && y != 0.0
                && n != 0.0
            {
                y *= n;
            }
            values[i * actors + i2] = y;
        }
    }
    Slice {
        start,
        middle: gamma,
        stop,
        values,
        columns: actors,
    }
}
