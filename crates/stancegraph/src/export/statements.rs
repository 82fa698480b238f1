//! The event list (`-f statements`, `<network>.statements.csv`): the
//! statements a network is built from, after filters, level and duplicate
//! removal, one row each with every resolved field. DNA calls this its
//! event list.
//!
//! Columns: the statement's `id` and `date`; its `actor` (id), `actor_label`,
//! `actor_kind`, `actor_country` (id), `actor_country_label`, `actor_role`
//! and `actor_<attribute>` for each actor attribute; its `stance` (id),
//! `stance_label`, `stance_topic` and `stance_<attribute>`; `agree`
//! (`agree` or `disagree`), `source` and `quote`; `count` when a statement
//! stands for more than one; `target` (id) and `target_label` when a
//! statement names a target; then every statement
//! field (extra columns of the statements table; a DNA database's other
//! variables and document fields). The table reads back as a statements
//! table: `actor`, `stance` and `agree` are the contract's columns.

use std::io::{self, Write};

use crate::model::Dataset;

use super::attrs::Value;
use super::csv::{CsvOptions, Dialect, Table, text};

/// Writes the event list of a dataset: strict RFC 4180 (for pandas and R),
/// with text a spreadsheet would run as a formula marked when
/// `spreadsheet_safe` is set.
///
/// Each actor's, stance's, source's and field value's columns are escaped
/// once, not once a statement: a row is mostly copied.
pub fn write(ds: &Dataset, spreadsheet_safe: bool, w: &mut dyn Write) -> io::Result<()> {
    let opts = CsvOptions {
        dialect: Dialect::Rfc4180,
        spreadsheet_safe,
    };
    let mut header_table = Table::new(&mut *w, opts);
    header_table.header(header(ds).iter().map(String::as_str))?;
    header_table.finish()?;
    let fields = |values: &mut dyn Iterator<Item = &str>| {
        let mut out = Vec::new();
        for (k, v) in values.enumerate() {
            if k > 0 {
                out.push(b',');
            }
            push_field(&mut out, v, &opts);
        }
        out
    };
    let actors: Vec<Vec<u8>> = ds
        .actors
        .iter()
        .map(|a| {
            let country = a.country.map(|c| &ds.countries[c]);
            let fixed = [
                a.id.as_str(),
                &a.label,
                a.kind.name(),
                country.map_or("", |c| &c.id),
                country.map_or("", |c| &c.label),
                a.role.as_deref().unwrap_or(""),
            ];
            let attrs = a.attrs.iter().map(|v| v.as_deref().unwrap_or(""));
            fields(&mut fixed.into_iter().chain(attrs))
        })
        .collect();
    let stances: Vec<Vec<u8>> = ds
        .stances
        .iter()
        .map(|s| {
            let fixed = [s.id.as_str(), &s.label, s.topic.as_deref().unwrap_or("")];
            let attrs = s.attrs.iter().map(|v| v.as_deref().unwrap_or(""));
            fields(&mut fixed.into_iter().chain(attrs))
        })
        .collect();
    let one = |v: &String| fields(&mut std::iter::once(v.as_str()));
    let sources: Vec<Vec<u8>> = ds.sources.iter().map(one).collect();
    let values: Vec<Vec<u8>> = ds.field_values.iter().map(one).collect();
    let counts = ds.has_counts();
    let targets: Vec<Vec<u8>> = if ds.has_targets() {
        let id_label = |a: &crate::model::Actor| fields(&mut [a.id.as_str(), &a.label].into_iter());
        ds.actors.iter().map(id_label).collect()
    } else {
        Vec::new()
    };
    let mut out = Vec::with_capacity(1 << 17);
    let mut date = String::new();
    for s in &ds.statements {
        push_field(&mut out, s.id.as_deref().unwrap_or(""), &opts);
        out.push(b',');
        if let Some(d) = s.date {
            date.clear();
            Value::Date(d).write(&mut date);
            push_field(&mut out, &date, &opts);
        }
        out.push(b',');
        out.extend_from_slice(&actors[s.actor()]);
        out.push(b',');
        out.extend_from_slice(&stances[s.stance()]);
        out.push(b',');
        out.extend_from_slice(s.polarity.as_str().as_bytes());
        out.push(b',');
        if let Some(i) = s.source() {
            out.extend_from_slice(&sources[i]);
        }
        out.push(b',');
        push_field(&mut out, s.quote.as_deref().unwrap_or(""), &opts);
        if counts {
            out.push(b',');
            out.extend_from_slice(itoa::Buffer::new().format(s.count).as_bytes());
        }
        if !targets.is_empty() {
            out.push(b',');
            match s.target() {
                Some(t) => out.extend_from_slice(&targets[t]),
                None => out.push(b','),
            }
        }
        for f in 0..ds.fields.len() {
            out.push(b',');
            let row = ds.field_rows.get(s.fields as usize);
            if let Some(v) = row.and_then(|r| *r.get(f)?) {
                out.extend_from_slice(&values[v as usize]);
            }
        }
        out.push(b'\n');
        if out.len() >= 1 << 16 {
            w.write_all(&out)?;
            out.clear();
        }
    }
    w.write_all(&out)?;
    w.flush()
}

/// Appends one field as the csv crate writes it with its necessary quoting
/// (quoted when it holds a comma, a quote or a line break; quotes doubled),
/// after the dialect and the spreadsheet option.
fn push_field(out: &mut Vec<u8>, value: &str, opts: &CsvOptions) {
    let value = text(value, opts);
    let bytes = value.as_bytes();
    if !bytes
        .iter()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        out.extend_from_slice(bytes);
        return;
    }
    out.push(b'"');
    for part in bytes.split_inclusive(|&b| b == b'"') {
        out.extend_from_slice(part);
        if part.ends_with(b"\"") {
            out.push(b'"');
        }
    }
    out.push(b'"');
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
#[cfg(any(feature = "arrow", test))]
pub(crate) fn each_row(
    ds: &Dataset,
    mut f: impl FnMut(&[&str]) -> io::Result<()>,
) -> io::Result<()> {
    let counts = ds.has_counts();
    let targets = ds.has_targets();
    let (mut date, mut count) = (String::new(), itoa::Buffer::new());
    let mut spare: Vec<&str> = Vec::with_capacity(header(ds).len());
    for s in &ds.statements {
        let actor = &ds.actors[s.actor()];
        let stance = &ds.stances[s.stance()];
        let country = actor.country.map(|c| &ds.countries[c]);
        date.clear();
        if let Some(d) = s.date {
            Value::Date(d).write(&mut date);
        }
        let mut row = recycle(std::mem::take(&mut spare));
        row.extend([
            s.id.as_deref().unwrap_or(""),
            &date,
            &actor.id,
            &actor.label,
            actor.kind.name(),
            country.map_or("", |c| &c.id),
            country.map_or("", |c| &c.label),
            actor.role.as_deref().unwrap_or(""),
        ]);
        row.extend(actor.attrs.iter().map(|v| v.as_deref().unwrap_or("")));
        row.extend([
            &stance.id,
            &stance.label,
            stance.topic.as_deref().unwrap_or(""),
        ]);
        row.extend(stance.attrs.iter().map(|v| v.as_deref().unwrap_or("")));
        row.extend([
            s.polarity.as_str(),
            s.source().map_or("", |i| &ds.sources[i]),
            s.quote.as_deref().unwrap_or(""),
        ]);
        if counts {
            row.push(count.format(s.count));
        }
        if targets {
            let target = s.target().map(|t| &ds.actors[t]);
            row.extend([
                target.map_or("", |a| a.id.as_str()),
                target.map_or("", |a| a.label.as_str()),
            ]);
        }
        row.extend((0..ds.fields.len()).map(|f| ds.field(s, f).unwrap_or("")));
        f(&row)?;
        spare = recycle(row);
    }
    Ok(())
}

#[cfg(any(feature = "arrow", test))]
/// An empty list that may borrow for another lifetime, in the same memory:
/// each row borrows from its own statement and buffers, and the list is
/// reused for the next.
fn recycle<'b>(mut list: Vec<&str>) -> Vec<&'b str> {
    list.clear();
    list.into_iter().map(|_| "").collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Input, LoadOptions, load};
    use proptest::prelude::*;

    /// The event list written field by field through the csv crate: what
    /// [`write`] must equal byte for byte.
    fn by_csv_crate(ds: &Dataset, spreadsheet_safe: bool) -> Vec<u8> {
        let opts = CsvOptions {
            dialect: Dialect::Rfc4180,
            spreadsheet_safe,
        };
        let mut bytes = Vec::new();
        let mut out = Table::new(&mut bytes, opts);
        out.header(header(ds).iter().map(String::as_str)).unwrap();
        each_row(ds, |row| {
            for field in row {
                out.text(field)?;
            }
            out.end()
        })
        .unwrap();
        out.finish().unwrap();
        bytes
    }

    proptest! {
        #[test]
        fn rows_are_the_csv_crates_byte_for_byte(
            texts in prop::collection::vec("[a-c,\"\\n\r=+@ -]{0,6}|\\PC{0,4}", 12),
            counted in any::<bool>(),
            targeted in any::<bool>(),
            safe in any::<bool>(),
        ) {
            let mut ds = load(&Input::Embedded, &LoadOptions::default()).unwrap().dataset;
            ds.actors[0].label = texts[0].clone();
            ds.actors[1].role = Some(texts[1].clone());
            ds.actors[2].id = texts[2].clone();
            ds.stances[0].label = texts[3].clone();
            ds.stances[1].topic = Some(texts[4].clone());
            ds.sources[0] = texts[5].clone();
            ds.statements[0].quote = Some(texts[6].as_str().into());
            ds.statements[1].id = Some(texts[7].as_str().into());
            ds.statements[2].quote = None;
            ds.statements[3].date = None;
            ds.statements[4].source = crate::model::Statement::NO_SOURCE;
            ds.fields = vec!["outlet".into(), "page".into()];
            ds.field_values = vec![texts[8].clone(), texts[9].clone()];
            ds.field_rows = vec![vec![Some(0), None], vec![Some(1), Some(0)]];
            for (i, s) in ds.statements.iter_mut().enumerate() {
                s.fields = (i % 3) as u32;
                if counted {
                    s.count = 1 + i as u32 % 4;
                }
                // The seed names targets (Hegseth's, whose label is
                // texts[0], among them); without, no target columns.
                if !targeted {
                    s.target = crate::model::Statement::NO_TARGET;
                }
            }
            ds.actor_attrs = vec![crate::model::AttrDef { name: "party".into(), ty: crate::model::AttrType::String }];
            for (i, a) in ds.actors.iter_mut().enumerate() {
                a.attrs = vec![(i % 2 == 0).then(|| texts[10].clone())];
            }
            ds.stance_attrs = vec![crate::model::AttrDef { name: "area".into(), ty: crate::model::AttrType::String }];
            for s in &mut ds.stances {
                s.attrs = vec![Some(texts[11].clone())];
            }
            let mut fast = Vec::new();
            write(&ds, safe, &mut fast).unwrap();
            prop_assert_eq!(String::from_utf8(fast).unwrap(), String::from_utf8(by_csv_crate(&ds, safe)).unwrap());
        }
    }

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
