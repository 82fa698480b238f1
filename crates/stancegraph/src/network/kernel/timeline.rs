//! DNA's timeline of kernel slices: the window middles from the first
//! statement date to the last, one step apart, each window's bounds, and a
//! statement's weight by its distance from the middle, in whole units as
//! Java counts them.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::model::Dataset;

use super::{Kernel, SliceError};
use crate::network::Span;

/// The timeline every slice of a series shares: the first and last
/// statement dates, the window's unit and length in units (made even), and
/// the window middles.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// The first statement's date (DNA's `b`).
    pub first: NaiveDate,
    /// The last statement's date (`e`).
    pub last: NaiveDate,
    /// The window middles, in order.
    pub middles: Vec<NaiveDate>,
    one: Span,
    w: i64,
}

impl Timeline {
    /// The timeline of dated statements: middles from the first date (or
    /// half a window later with `indent_time`) to the last (or half a
    /// window before), `step` apart (`None`: one unit of the window).
    pub fn new(
        ds: &Dataset,
        window: Span,
        step: Option<Span>,
        indent_time: bool,
    ) -> Result<Timeline, SliceError> {
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
        let (one, w) = unit(window);
        let w = i64::from(w + w % 2);
        if shift(b, one, w) > e {
            return Err(SliceError::TooLong {
                window,
                first: b,
                last: e,
            });
        }
        let h = w / 2;
        let (mut gamma, end) = if indent_time {
            (shift(b, one, h), shift(e, one, -h))
        } else {
            (b, e)
        };
        let step = step.unwrap_or(one);
        let mut middles = Vec::new();
        while gamma <= end {
            middles.push(gamma);
            let next = step.after(gamma);
            if next == gamma {
                break;
            }
            gamma = next;
        }
        Ok(Timeline {
            first: b,
            last: e,
            middles,
            one,
            w,
        })
    }

    /// The first and last day of the window around `middle` (every
    /// statement's for the gaussian kernel).
    pub fn bounds(&self, middle: NaiveDate, kernel: Kernel) -> (NaiveDate, NaiveDate) {
        let h = self.w / 2;
        match kernel {
            Kernel::Gaussian => (self.first, self.last),
            _ => (
                shift(middle, self.one, -h).max(self.first),
                shift(middle, self.one, h).min(self.last),
            ),
        }
    }

    /// The kernel weight of a statement dated `date` in the window around
    /// `middle`: 0 outside its bounds (closed), K(2Δ/w) inside, Δ the
    /// whole units from `date` to `middle`.
    pub fn weight(&self, kernel: Kernel, middle: NaiveDate, date: NaiveDate) -> f64 {
        let (start, stop) = self.bounds(middle, kernel);
        if kernel != Kernel::Gaussian && (date < start || date > stop) {
            return 0.0;
        }
        let x = 2.0 * distance(date, middle, self.one) as f64 / self.w as f64;
        kernel.weight(x)
    }
}

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
