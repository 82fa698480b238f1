//! Dates: `YYYY-MM-DD` text, and DNA's seconds since 1970.

use std::fmt;

use chrono::NaiveDate;

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateError {
    /// The text is not laid out as `YYYY-MM-DD`.
    Layout(String),
    /// The layout is right but there is no such day.
    Impossible(String),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Layout(text) => write!(f, "bad date '{text}'; write dates as YYYY-MM-DD"),
            DateError::Impossible(text) => {
                write!(f, "impossible date '{text}': no such day in the calendar")
            }
        }
    }
}

impl std::error::Error for DateError {}

/// Parses `YYYY-MM-DD`, rejecting other layouts and impossible dates.
///
/// ```
/// use stancegraph::load::parse_date;
/// assert!(parse_date("2025-02-12").is_ok());
/// assert!(parse_date("2025-02-30").unwrap_err().to_string().contains("no such day"));
/// assert!(parse_date("12/02/2025").unwrap_err().to_string().contains("YYYY-MM-DD"));
/// ```
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let b = text.as_bytes();
    let layout_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !layout_ok {
        return Err(DateError::Layout(text.to_string()));
    }
    // The layout is checked, so the numbers are plain digits.
    let number = |range: std::ops::Range<usize>| {
        b[range]
            .iter()
            .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'))
    };
    NaiveDate::from_ymd_opt(number(0..4) as i32, number(5..7), number(8..10))
        .ok_or_else(|| DateError::Impossible(text.to_string()))
}

/// The UTC day of a time given in seconds since 1970-01-01 00:00 UTC (how
/// DNA stores document dates); `None` outside chrono's range.
pub fn date_from_epoch_seconds(seconds: i64) -> Option<NaiveDate> {
    chrono::DateTime::from_timestamp(seconds, 0).map(|t| t.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("2024-02-29").unwrap(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        assert!(parse_date("2025-2-1").is_err());
        assert!(parse_date("2025-13-01").is_err());
        assert!(parse_date("２０２５-02-01").is_err());
    }

    #[test]
    fn epoch_seconds_are_utc_days() {
        // 2025-02-12 23:59:59 UTC is still the 12th.
        assert_eq!(
            date_from_epoch_seconds(1_739_404_799),
            NaiveDate::from_ymd_opt(2025, 2, 12)
        );
        assert_eq!(
            date_from_epoch_seconds(1_739_404_800),
            NaiveDate::from_ymd_opt(2025, 2, 13)
        );
        assert_eq!(
            date_from_epoch_seconds(-1),
            NaiveDate::from_ymd_opt(1969, 12, 31)
        );
        assert_eq!(date_from_epoch_seconds(i64::MAX), None);
    }
}
