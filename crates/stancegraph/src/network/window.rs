//! Time windows: one network per window of statement dates.

use chrono::{Days, Months, NaiveDate};

/// A length of time: `7d`, `2w`, `1m`, `1y`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// A number of days.
    Days(u32),
    /// A number of weeks.
    Weeks(u32),
    /// A number of calendar months.
    Months(u32),
    /// A number of calendar years.
    Years(u32),
}

/// Why a time span cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SpanError {
    /// Not a number and a unit.
    Malformed(String),
    /// A span of zero.
    Zero(String),
}

impl std::fmt::Display for SpanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SpanError::Malformed(text) => write!(
                f,
                "'{text}' is not a time span; write a number and a unit, such as 7d, 2w, 1m or 1y"
            ),
            SpanError::Zero(text) => write!(f, "'{text}': a time span must be at least 1"),
        }
    }
}

impl std::error::Error for SpanError {}

impl std::str::FromStr for Span {
    type Err = SpanError;

    /// Parses `<n>d`, `<n>w`, `<n>m` or `<n>y` with n ≥ 1.
    fn from_str(text: &str) -> Result<Span, SpanError> {
        let bad = || SpanError::Malformed(text.to_string());
        let unit = text.chars().last().ok_or_else(bad)?;
        let n: u32 = text[..text.len() - unit.len_utf8()]
            .parse()
            .map_err(|_| bad())?;
        if n == 0 {
            return Err(SpanError::Zero(text.to_string()));
        }
        match unit.to_ascii_lowercase() {
            'd' => Ok(Span::Days(n)),
            'w' => Ok(Span::Weeks(n)),
            'm' => Ok(Span::Months(n)),
            'y' => Ok(Span::Years(n)),
            _ => Err(bad()),
        }
    }
}

impl std::fmt::Display for Span {
    /// `8 days`, `1 week`, `3 months`, `1 year`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (n, unit) = match *self {
            Span::Days(n) => (n, "day"),
            Span::Weeks(n) => (n, "week"),
            Span::Months(n) => (n, "month"),
            Span::Years(n) => (n, "year"),
        };
        write!(f, "{n} {unit}{}", if n == 1 { "" } else { "s" })
    }
}

impl Span {
    /// One unit of the span's kind: `1d` for `8d`, `1m` for `3m`.
    pub fn unit(self) -> Span {
        match self {
            Span::Days(_) => Span::Days(1),
            Span::Weeks(_) => Span::Weeks(1),
            Span::Months(_) => Span::Months(1),
            Span::Years(_) => Span::Years(1),
        }
    }

    /// `date` moved forward by this span (months clamp to the month's end).
    pub fn after(self, date: NaiveDate) -> NaiveDate {
        let moved = match self {
            Span::Days(n) => date.checked_add_days(Days::new(n.into())),
            Span::Weeks(n) => date.checked_add_days(Days::new(7 * u64::from(n))),
            Span::Months(n) => date.checked_add_months(Months::new(n)),
            Span::Years(n) => date.checked_add_months(Months::new(12 * n)),
        };
        moved.unwrap_or(NaiveDate::MAX)
    }
}

/// One window: statements dated from `start` up to, not including, `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The first day in the window.
    pub start: NaiveDate,
    /// The first day after the window.
    pub end: NaiveDate,
}

impl Window {
    /// Whether a date falls in the window.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date < self.end
    }
}

/// The windows of length `size` whose starts move by `step` from the first
/// date while they start on or before the last date. With a step shorter
/// than the size, windows overlap, as DNA's moving time windows do.
pub fn windows(first: NaiveDate, last: NaiveDate, size: Span, step: Span) -> Vec<Window> {
    let mut out = Vec::new();
    let mut start = first;
    while start <= last {
        out.push(Window {
            start,
            end: size.after(start),
        });
        let next = step.after(start);
        if next <= start {
            break;
        }
        start = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn spans_parse_and_move_dates() {
        assert_eq!("7d".parse(), Ok(Span::Days(7)));
        assert_eq!("2W".parse(), Ok(Span::Weeks(2)));
        assert_eq!("1m".parse(), Ok(Span::Months(1)));
        assert_eq!("3y".parse(), Ok(Span::Years(3)));
        assert!("0d".parse::<Span>().is_err());
        assert!("d".parse::<Span>().is_err());
        assert!("7x".parse::<Span>().is_err());
        assert!("7é".parse::<Span>().is_err());
        assert_eq!(Span::Months(1).after(d("2025-01-31")), d("2025-02-28"));
        assert_eq!(Span::Weeks(1).after(d("2025-02-10")), d("2025-02-17"));
    }

    #[test]
    fn overlapping_windows_cover_the_range() {
        // 10 days, window 7 days moving by 3: starts on days 1, 4, 7, 10.
        let w = windows(
            d("2025-01-01"),
            d("2025-01-10"),
            Span::Days(7),
            Span::Days(3),
        );
        let starts: Vec<String> = w.iter().map(|w| w.start.to_string()).collect();
        assert_eq!(
            starts,
            ["2025-01-01", "2025-01-04", "2025-01-07", "2025-01-10"]
        );
        assert_eq!(w[0].end, d("2025-01-08"));
        assert!(w[0].contains(d("2025-01-07")) && !w[0].contains(d("2025-01-08")));
        assert!(w[1].contains(d("2025-01-05")) && w[0].contains(d("2025-01-05")));
    }
}
