//! The event list (`-f statements`, `<network>.statements.csv`): the
//! statements a network is built from, after filters, level and duplicate
//! removal, one row each with every resolved field. DNA calls this its
//! event list.
//!
//! Columns: the statement's `id` and `date`; its `actor` (id), `actor_label`,
//! `actor_kind`, `actor_country` (id), `actor_country_label`, `actor_role`
//! and `actor_<attribute>` for each actor attribute; its `stance` (id),
//! `stance_label`, `stance_topic` and `stance_<attribute>`; `agree`
//! (`agree` or `disagree`), `source` and `quote`; then every statement
//! field (extra columns of the statements table; a DNA database's other
//! variables and document fields). The table reads back as a statements
//! table: `actor`, `stance` and `agree` are the contract's columns.

use std::io::{self, Write};

use crate::model::Dataset;

use super::attrs::Value;
use super::csv::{CsvOptions, Dialect, Table};

/// Writes the event list of a dataset: strict RFC 4180 (for pandas and R),
/// with text a spreadsheet would run as a formula marked when
/// `spreadsheet_safe` is set.
pub fn write(ds: &Dataset, spreadsheet_safe: bool, w: &mut dyn Write) -> io::Result<()> {
    let opts = CsvOptions {
        dialect: Dialect::Rfc4180,
        spreadsheet_safe,
    };
    let mut out = Table::new(w, opts);
    out.header(header(ds).iter().map(String::as_str))?;
    each_row(ds, |row| {
        for field in row {
            out.text(field)?;
        }
        out.end()
    })?;
    out.finish()
}

/// The event list's column names: [`Dataset::event_columns`], then the
/// statement fields.
pub(crate) fn header(ds: &Dataset) -> Vec<String> {
    let mut columns = ds.event_columns();
    columns.extend(ds.fields.iter().cloned());
    columns
}

/// Calls `f` with each statement's row of the event list, as text (empty
/// for no value), in [`header`]'s order.
pub(crate) fn each_row(
    ds: &Dataset,
    mut f: impl FnMut(&[String]) -> io::Result<()>,
) -> io::Result<()> {
    let counts = ds.has_counts();
    let mut buf = String::new();
    let opt = |v: Option<&str>| v.unwrap_or("").to_string();
    for s in &ds.statements {
        let actor = &ds.actors[s.actor()];
        let stance = &ds.stances[s.stance()];
        let country = actor.country.map(|c| &ds.countries[c]);
        buf.clear();
        if let Some(d) = s.date {
            Value::Date(d).write(&mut buf);
        }
        let mut row: Vec<String> = vec![
            opt(s.id.as_deref()),
            buf.clone(),
            actor.id.clone(),
            actor.label.clone(),
            actor.kind.name().to_string(),
            opt(country.map(|c| c.id.as_str())),
            opt(country.map(|c| c.label.as_str())),
            opt(actor.role.as_deref()),
        ];
        row.extend(actor.attrs.iter().map(|v| opt(v.as_deref())));
        row.extend([
            stance.id.clone(),
            stance.label.clone(),
            opt(stance.topic.as_deref()),
        ]);
        row.extend(stance.attrs.iter().map(|v| opt(v.as_deref())));
        row.extend([
            s.polarity.as_str().to_string(),
            opt(s.source().map(|i| ds.sources[i].as_str())),
            opt(s.quote.as_deref()),
        ]);
        if counts {
            row.push(s.count.to_string());
        }
        row.extend((0..ds.fields.len()).map(|f| opt(ds.field(s, f))));
        f(&row)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Input, LoadOptions, load};

    #[test]
    fn one_row_per_statement_with_every_field() {
        let ds = load(&Input::Embedded, &LoadOptions::default())
            .unwrap()
            .dataset;
        let mut out = Vec::new();
        write(&ds, false, &mut out).unwrap();
        let mut rdr = ::csv::Reader::from_reader(out.as_slice());
        let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
        assert_eq!(header, ds.event_columns());
        let rows: Vec<::csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 31);
        let first: Vec<&str> = rows[0].iter().collect();
        assert_eq!(
            &first[..12],
            [
                "s01",
                "2025-02-12",
                "hegseth",
                "Pete Hegseth",
                "person",
                "us",
                "United States",
                "Defense Secretary",
                "ukraine-in-nato",
                "Ukraine should become a member of NATO.",
                "NATO",
                "disagree"
            ]
        );
        assert_eq!(first[12], "AP 2025-02-12");
        assert!(first[13].starts_with("The United States does not believe"));
    }
}
