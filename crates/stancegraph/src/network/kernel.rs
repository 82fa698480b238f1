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
//! };
//! let slices = kernel::slices(&ds, &opts).unwrap();
//! assert_eq!(slices.len(), 5); // middles 1 to 5 January
//! // 3 January: every statement within 2 days, each weighing 0.5; a–b:
//! // two pairs of √(0.5 · 0.5).
//! let mid = &slices[2];
//! assert!((mid.value(0, 1) - 1.0).abs() < 1e-12);
//! ```

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::choice::choices;
use crate::model::{Dataset, Polarity};

use super::{Kind, Normalization, Span};

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
}

impl std::fmt::Display for SliceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SliceError::Undated { count, lines } => {
                let lines: Vec<String> = lines.iter().map(u64::to_string).collect();
                write!(
                    f,
                    "{count} statement{} without a date (line{} {}{}): kernel windows weigh \
                     every statement by its date",
                    if *count == 1 { " has" } else { "s have" },
                    if lines.len() == 1 { "" } else { "s" },
                    lines.join(", "),
                    if *count > lines.len() { ", ..." } else { "" }
                )
            }
            SliceError::Empty => write!(f, "there are no statements to slice"),
        }
    }
}

impl std::error::Error for SliceError {}

/// One unit of the window's kind.
fn unit(window: Span) -> (Span, u32) {
    match window {
        Span::Days(n) => (Span::Days(1), n),
        Span::Weeks(n) => (Span::Weeks(1), n),
        Span::Months(n) => (Span::Months(1), n),
        Span::Years(n) => (Span::Years(1), n),
    }
}

/// `date` moved by `n` units (negative: back); months clamp to the month's
/// end, as Java's `plusMonths` does.
fn shift(date: NaiveDate, one: Span, n: i64) -> NaiveDate {
    let back = n < 0;
    let n = n.unsigned_abs();
    let moved = match one {
        Span::Days(_) | Span::Weeks(_) => {
            let per = if matches!(one, Span::Weeks(_)) { 7 } else { 1 };
            let d = Days::new(per * n);
            if back {
                date.checked_sub_days(d)
            } else {
                date.checked_add_days(d)
            }
        }
        Span::Months(_) | Span::Years(_) => {
            let months = if matches!(one, Span::Years(_)) {
                12 * n
            } else {
                n
            };
            let m = Months::new(u32::try_from(months).unwrap_or(u32::MAX));
            if back {
                date.checked_sub_months(m)
            } else {
                date.checked_add_months(m)
            }
        }
    };
    moved.unwrap_or(if back { NaiveDate::MIN } else { NaiveDate::MAX })
}

/// Whole units from `from` to `to` (positive when `from` is earlier),
/// truncated toward zero: days, weeks of seven days, or calendar months
/// and years with the remaining days dropped (Java's `Period`).
fn distance(from: NaiveDate, to: NaiveDate, one: Span) -> i64 {
    let days = (to - from).num_days();
    let months = || {
        let mut m = i64::from(to.year() - from.year()) * 12 + i64::from(to.month())
            - i64::from(from.month());
        if m > 0 && to.day() < from.day() {
            m -= 1;
        } else if m < 0 && to.day() > from.day() {
            m += 1;
        }
        m
    };
    match one {
        Span::Days(_) => days,
        Span::Weeks(_) => days / 7,
        Span::Months(_) => months(),
        Span::Years(_) => months() / 12,
    }
}

/// The kernel slices of prepared statements, one per window middle.
pub fn slices(ds: &Dataset, opts: &SliceOptions) -> Result<Vec<Slice>, SliceError> {
    let undated: Vec<u64> = ds
        .statements
        .iter()
        .filter(|s| s.date.is_none())
        .map(|s| s.line)
        .collect();
    if !undated.is_empty() {
        return Err(SliceError::Undated {
            count: undated.len(),
            lines: undated.into_iter().take(5).collect(),
        });
    }
    let dates = ds.statements.iter().filter_map(|s| s.date);
    let (Some(b), Some(e)) = (dates.clone().min(), dates.max()) else {
        return Err(SliceError::Empty);
    };
    let (one, w) = unit(opts.window);
    let w = i64::from(w + w % 2);
    let h = w / 2;
    let (mut gamma, last) = if opts.indent_time {
        (shift(b, one, h), shift(e, one, -h))
    } else {
        (b, e)
    };
    let frame = Frame { b, e, one, w };
    let factors = (opts.kind != Kind::Affiliation && opts.normalization == Normalization::Average)
        .then(|| average_factors(ds));
    let mut out = Vec::new();
    while gamma <= last {
        out.push(slice(ds, opts, &frame, gamma, factors.as_deref()));
        gamma = shift(gamma, one, 1);
    }
    Ok(out)
}

/// The timeline every slice shares: the first and last statement dates,
/// the unit, and the window in units (even).
struct Frame {
    b: NaiveDate,
    e: NaiveDate,
    one: Span,
    w: i64,
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
        count[cell(stances, s.actor, s.stance, s.polarity)] += f64::from(s.count);
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
    frame: &Frame,
    gamma: NaiveDate,
    factors: Option<&[f64]>,
) -> Slice {
    let Frame { b, e, one, w } = *frame;
    let h = w / 2;
    let (start, stop) = match opts.kernel {
        Kernel::Gaussian => (b, e),
        _ => (shift(gamma, one, -h).max(b), shift(gamma, one, h).min(e)),
    };
    let weight = |date: Option<NaiveDate>| -> f64 {
        let date = date.expect("checked: every statement is dated");
        if opts.kernel != Kernel::Gaussian && (date < start || date > stop) {
            return 0.0;
        }
        let x = 2.0 * distance(date, gamma, one) as f64 / w as f64;
        opts.kernel.weight(x)
    };
    let (actors, stances) = (ds.actors.len(), ds.stances.len());
    if opts.kind == Kind::Affiliation {
        let mut values = vec![0.0; actors * stances];
        for s in &ds.statements {
            let sign = match s.polarity {
                Polarity::Agree => 1.0,
                Polarity::Disagree => -1.0,
            };
            values[s.actor * stances + s.stance] += f64::from(s.count) * sign * weight(s.date);
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
        root[cell(stances, s.actor, s.stance, s.polarity)] +=
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
