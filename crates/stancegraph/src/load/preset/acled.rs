//! ACLED's CSV export as downloaded, its columns named as the ACLED
//! codebook names them. An event becomes a statement: the actor is
//! `actor1`, the target `actor2`; the stance is the `sub_event_type` (its `event_type` a field); the date is
//! `event_date` (`YYYY-MM-DD`, or `15 March 2024` as older exports write
//! it); the source is `source`, the quote the `notes`, the id
//! `event_id_cnty`. The event's `country` is where it happened, not whose
//! its actors are (foreign forces fight there too), so it is the field
//! `event_country`, not the actors' country. ACLED codes no cooperation or conflict, so the
//! polarity comes from the type: [`ACLED_AGREE`] agree, every other type
//! disagree (political violence, protests, riots and the rest), unless
//! `--acled-polarity` says otherwise for a sub-event type or event type.

use std::io::Read;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::events::{Events, MAX_FIELDS};
use super::open::{Unreadable, buffered, next_record};
use super::{Fields, PolarityMap, Skipped};
use crate::load::diag::{Diagnostic, DiagnosticKind};
use crate::model::Polarity;

/// The columns an ACLED file must have.
pub const ACLED_REQUIRED: [&str; 5] = [
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
];

/// The ACLED types that count as agree by default: every other one counts
/// as disagree.
pub const ACLED_AGREE: [&str; 1] = ["Agreement"];

/// Columns read into the statement when present: (ACLED column, contract
/// column).
const MAPPED: [(&str, &str); 3] = [
    ("event_id_cnty", "id"),
    ("source", "source"),
    ("notes", "quote"),
];

/// Columns kept as statement fields when present: (ACLED column, field).
const FIELDS: [(&str, &str); 10] = [
    ("event_type", "event_type"),
    ("disorder_type", "disorder_type"),
    ("fatalities", "fatalities"),
    ("country", "event_country"),
    ("admin1", "admin1"),
    ("location", "location"),
    ("latitude", "latitude"),
    ("longitude", "longitude"),
    ("inter1", "inter1"),
    ("inter2", "inter2"),
];

// Every field fits an event row.
const _: () = assert!(FIELDS.len() <= MAX_FIELDS);

/// Where each column the mapping reads is in the header.
struct Layout {
    required: [usize; ACLED_REQUIRED.len()],
    mapped: Vec<(usize, &'static str)>,
    fields: Vec<usize>,
    field_names: Vec<String>,
}

impl Layout {
    fn of(header: &csv::StringRecord) -> Result<Layout, Vec<&'static str>> {
        let find = |name: &str| {
            header
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
        };
        let missing: Vec<&str> = ACLED_REQUIRED
            .iter()
            .copied()
            .filter(|n| find(n).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        let mut required = [0; ACLED_REQUIRED.len()];
        for (r, name) in required.iter_mut().zip(ACLED_REQUIRED) {
            *r = find(name).unwrap_or_default();
        }
        let mapped = MAPPED
            .iter()
            .filter_map(|&(acled, ours)| Some((find(acled)?, ours)))
            .collect();
        let (fields, field_names) = FIELDS
            .iter()
            .filter_map(|(acled, field)| Some((find(acled)?, field.to_string())))
            .unzip();
        Ok(Layout {
            required,
            mapped,
            fields,
            field_names,
        })
    }
}

/// Reads every event of `reader` into `resolver`. Returns false when the
/// file is not an ACLED export.
pub(super) fn read(
    file: &str,
    reader: &mut dyn Read,
    polarity: &PolarityMap,
    skipped: &mut Skipped,
    out: &mut Events,
) -> bool {
    let (input, lines) = buffered(reader);
    let mut rdr = csv::ReaderBuilder::new().from_reader(input);
    let layout = match rdr
        .byte_headers()
        .map(|h| csv::StringRecord::from_byte_record_lossy(h.clone()))
    {
        Ok(header) => match Layout::of(&header) {
            Ok(layout) => layout,
            Err(missing) => {
                let found: Vec<&str> = header.iter().collect();
                out.error(Diagnostic::at(
                    DiagnosticKind::Structure,
                    file,
                    1,
                    format!(
                        "missing ACLED column{} {} in the header (found: {}); an ACLED export names its columns as the ACLED codebook does: event_date, event_type, sub_event_type, actor1, actor2, country, source, notes, ...",
                        if missing.len() == 1 { "" } else { "s" },
                        missing.join(", "),
                        found.join(", ")
                    ),
                ));
                return false;
            }
        },
        Err(e) => {
            out.error(crate::load::csv::error_diagnostic(file, &e, lines));
            return false;
        }
    };
    out.fields(layout.field_names.clone());
    let mut dates: FxHashMap<Box<str>, Option<Box<str>>> = FxHashMap::default();
    let mut used = vec![false; polarity.pairs.len()];
    let mut record = csv::ByteRecord::new();
    loop {
        let line = match next_record(&mut rdr, &mut record, file, lines, out) {
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(Unreadable) => return false,
        };
        let Some(fields) = Fields::of(&record, file, line, out) else {
            continue;
        };
        let get = |i: usize| fields.get(i);
        let [date, event_type, sub_event_type, actor, target] = layout.required.map(get);
        let Some(actor) = actor else {
            skipped.add(line);
            continue;
        };
        let agree = match sub_event_type.into_iter().chain(event_type).find_map(|t| {
            let i = polarity
                .pairs
                .iter()
                .position(|(k, _)| k.eq_ignore_ascii_case(t))?;
            used[i] = true;
            Some(polarity.pairs[i].1)
        }) {
            Some(p) => p,
            None if event_type.is_some_and(is_default_agree)
                || sub_event_type.is_some_and(is_default_agree) =>
            {
                Polarity::Agree
            }
            None => Polarity::Disagree,
        };
        let date = match date {
            Some(text) => match iso_date(&mut dates, text) {
                Some(d) => Some(d),
                None => {
                    out.error(Diagnostic::at(
                        DiagnosticKind::Value,
                        file,
                        line,
                        format!(
                            "event_date '{text}' is not a date ACLED writes: YYYY-MM-DD or '15 March 2024'"
                        ),
                    ));
                    continue;
                }
            },
            None => None,
        };
        let mut row = out.row(line);
        row.put("actor", Some(actor));
        row.put("target", target);
        row.put("stance", sub_event_type);
        row.put("agree", Some(agree.as_str()));
        row.put("date", date);
        for &(column, ours) in &layout.mapped {
            row.put(ours, get(column));
        }
        for (i, &column) in layout.fields.iter().enumerate() {
            row.field(i, get(column));
        }
        row.done();
    }
    for ((kind, _), used) in polarity.pairs.iter().zip(used) {
        if !used {
            out.warn(Diagnostic::file(
                DiagnosticKind::LeftOut,
                file,
                format!(
                    "--acled-polarity names the type '{kind}', which no event has as its event_type or sub_event_type"
                ),
            ));
        }
    }
    true
}

fn is_default_agree(kind: &str) -> bool {
    ACLED_AGREE.iter().any(|a| a.eq_ignore_ascii_case(kind))
}

/// An ACLED date as `YYYY-MM-DD`, read once per distinct text: ISO as it
/// is, else `15 March 2024` (or `15-March-2024`).
fn iso_date<'d>(
    dates: &'d mut FxHashMap<Box<str>, Option<Box<str>>>,
    text: &str,
) -> Option<&'d str> {
    if !dates.contains_key(text) {
        let iso = if crate::load::parse_date(text).is_ok() {
            Some(text.into())
        } else {
            ["%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y"]
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
                .map(|d| d.format("%Y-%m-%d").to_string().into_boxed_str())
        };
        dates.insert(text.into(), iso);
    }
    dates.get(text)?.as_deref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acled_dates_come_in_two_layouts() {
        let mut dates = FxHashMap::default();
        assert_eq!(iso_date(&mut dates, "2024-03-15"), Some("2024-03-15"));
        assert_eq!(iso_date(&mut dates, "15 March 2024"), Some("2024-03-15"));
        assert_eq!(iso_date(&mut dates, "01-February-2023"), Some("2023-02-01"));
        assert_eq!(iso_date(&mut dates, "31 February 2024"), None);
        assert_eq!(iso_date(&mut dates, "2024/03/15"), None);
    }
}
