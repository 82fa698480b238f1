//! Duplicate statements: a repeated (actor, stance, polarity) within the
//! same document, calendar week, month, year or the whole range counts once;
//! for the interaction network a repeated (actor, target, polarity), as DNA
//! compares the variables a network is made of.

use crate::choice::choices;
use std::borrow::Cow;
use std::collections::HashSet;

use chrono::Datelike;

use crate::model::{Dataset, Statement};

choices! {
    /// Which repeated statements count once.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Duplicates as "duplicates mode" {
        #[default]
        Include = "include": "Every statement counts.",
        Document = "document": "Once per source document.",
        Week = "week": "Once per ISO calendar week (Monday to Sunday).",
        Month = "month": "Once per calendar month.",
        Year = "year": "Once per calendar year.",
        All = "all": "Once over the whole range.",
    }
}

/// The bucket a statement falls in; statements in the same bucket with the
/// same actor, stance and polarity are duplicates. `None`: the statement
/// cannot be placed (no source, or no date) and is never a duplicate.
fn bucket(s: &Statement, mode: Duplicates) -> Option<i64> {
    match mode {
        Duplicates::Include => None,
        Duplicates::Document => s.source().map(|i| i as i64),
        Duplicates::Week => s.date.map(|d| {
            let w = d.iso_week();
            i64::from(w.year()) * 100 + i64::from(w.week())
        }),
        Duplicates::Month => s
            .date
            .map(|d| i64::from(d.year()) * 100 + i64::from(d.month())),
        Duplicates::Year => s.date.map(|d| i64::from(d.year())),
        Duplicates::All => Some(0),
    }
}

/// Keeps the first statement of each (actor, stance, polarity, bucket).
pub fn remove(ds: &Dataset, mode: Duplicates) -> Cow<'_, Dataset> {
    remove_by(ds, mode, |s| s.stance)
}

/// Keeps the first statement of each (actor, target, polarity, bucket):
/// the duplicates of the interaction network, whose edges join actors to
/// targets whatever the stance.
pub fn remove_addressed(ds: &Dataset, mode: Duplicates) -> Cow<'_, Dataset> {
    remove_by(ds, mode, |s| s.target)
}

/// Keeps the first statement of each (actor, `other`, polarity, bucket).
fn remove_by(
    ds: &Dataset,
    mode: Duplicates,
    other: impl Fn(&Statement) -> u32,
) -> Cow<'_, Dataset> {
    if mode == Duplicates::Include {
        return Cow::Borrowed(ds);
    }
    let mut seen = HashSet::new();
    let statements = ds
        .statements
        .iter()
        .filter_map(|s| match bucket(s, mode) {
            // A statement that stands for several is their first: the
            // others are its repeats.
            Some(b) => seen
                .insert((s.actor, other(s), s.polarity, b))
                .then(|| Statement {
                    count: 1,
                    ..s.clone()
                }),
            None => Some(s.clone()),
        })
        .collect();
    Cow::Owned(ds.with_statements(statements))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Polarity;
    use chrono::NaiveDate;

    fn st(actor: u32, polarity: Polarity, date: &str, source: Option<u32>) -> Statement {
        Statement {
            id: None,
            actor,
            stance: 0,
            polarity,
            date: Some(date.parse::<NaiveDate>().unwrap()),
            source: source.unwrap_or(Statement::NO_SOURCE),
            quote: None,
            line: 0,
            ..Statement::default()
        }
    }

    /// Actor 0 agrees six times and disagrees once; actor 1 agrees once.
    fn dataset() -> Dataset {
        use Polarity::*;
        Dataset {
            statements: vec![
                st(0, Agree, "2025-02-10", Some(0)), // Monday, week 7
                st(0, Agree, "2025-02-16", Some(0)), // Sunday, week 7, same doc
                st(0, Agree, "2025-02-17", Some(1)), // Monday, week 8
                st(0, Agree, "2025-03-01", Some(1)), // March
                st(0, Agree, "2026-01-01", None),    // 2026, no source
                st(0, Agree, "2026-01-02", None),    // 2026, no source
                st(0, Disagree, "2025-02-10", Some(0)),
                st(1, Agree, "2025-02-10", Some(0)),
            ],
            ..Dataset::default()
        }
    }

    fn count(mode: Duplicates) -> usize {
        remove(&dataset(), mode).statements.len()
    }

    #[test]
    fn each_mode_counts_repeats_once_per_bucket() {
        // include: all 8.
        assert_eq!(count(Duplicates::Include), 8);
        // document: actor 0 agree in "a" twice -> once; in "b" twice -> once;
        // no source twice -> both kept. 8 - 1 - 1 = 6.
        assert_eq!(count(Duplicates::Document), 6);
        // week: week 7 of 2025 twice -> once; others in distinct weeks
        // (2025-W8, 2025-W9, 2026-W1 twice -> once). 8 - 1 - 1 = 6.
        assert_eq!(count(Duplicates::Week), 6);
        // month: Feb 2025 three agrees -> one; Jan 2026 two -> one. 8 - 2 - 1 = 5.
        assert_eq!(count(Duplicates::Month), 5);
        // year: 2025 four agrees -> one; 2026 two -> one. 8 - 3 - 1 = 4.
        assert_eq!(count(Duplicates::Year), 4);
        // all: actor 0 agree once, disagree once, actor 1 agree once = 3.
        assert_eq!(count(Duplicates::All), 3);
    }

    #[test]
    fn the_first_statement_is_kept() {
        let ds = dataset();
        let out = remove(&ds, Duplicates::All);
        assert_eq!(out.statements[0].date, "2025-02-10".parse().ok());
    }
}
