//! GDELT's events export as downloaded: tab-separated, no header, one
//! event a line. The GDELT 2.0 Event Codebook gives 61 columns; GDELT 1.0
//! has 58 (no `ADM2Code` columns) or, in its files before April 2013, 57
//! (no `SOURCEURL` either). The version is told by the first line's count.
//!
//! An event becomes a statement: the actor is `Actor1Name` (else
//! `Actor1Code`), the target `Actor2Name` (else `Actor2Code`), each with
//! its `CountryCode` as country; the stance is the CAMEO root event
//! (`EventRootCode`) by its label; `QuadClass` 1–2 (verbal or material
//! cooperation) is agree, 3–4 (conflict) disagree; the date is `SQLDATE`,
//! the source `SOURCEURL`, the id `GLOBALEVENTID`; the full event code,
//! Goldstein score, mention counts, tone and the event's place are fields.

use std::io::Read;

use super::events::{Events, MAX_FIELDS};
use super::open::{Unreadable, buffered, next_record};
use super::{Fields, Skipped};
use crate::load::diag::{Diagnostic, DiagnosticKind, Location};

/// The CAMEO root event codes 01–20 and their labels, as the CAMEO
/// codebook names them.
pub const CAMEO_ROOTS: [&str; 20] = [
    "Make public statement",
    "Appeal",
    "Express intent to cooperate",
    "Consult",
    "Engage in diplomatic cooperation",
    "Engage in material cooperation",
    "Provide aid",
    "Yield",
    "Investigate",
    "Demand",
    "Disapprove",
    "Reject",
    "Threaten",
    "Protest",
    "Exhibit force posture",
    "Reduce relations",
    "Coerce",
    "Assault",
    "Fight",
    "Use unconventional mass violence",
];

/// Which GDELT events layout a file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum GdeltVersion {
    /// GDELT 2.0: 61 columns.
    V2,
    /// GDELT 1.0 daily files: 58 columns.
    V1,
    /// GDELT 1.0 files before April 2013: 57 columns, no `SOURCEURL`.
    V1NoUrl,
}

impl GdeltVersion {
    /// The version a line of `columns` columns is, if any.
    pub fn from_columns(columns: usize) -> Option<GdeltVersion> {
        match columns {
            61 => Some(GdeltVersion::V2),
            58 => Some(GdeltVersion::V1),
            57 => Some(GdeltVersion::V1NoUrl),
            _ => None,
        }
    }

    /// How many columns its lines have.
    pub fn columns(self) -> usize {
        match self {
            GdeltVersion::V2 => 61,
            GdeltVersion::V1 => 58,
            GdeltVersion::V1NoUrl => 57,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            GdeltVersion::V2 => "a GDELT 2.0 events export (61 columns)",
            GdeltVersion::V1 => "a GDELT 1.0 events file (58 columns)",
            GdeltVersion::V1NoUrl => {
                "a GDELT 1.0 events file of before April 2013 (57 columns, no SOURCEURL)"
            }
        }
    }

    /// The columns of [`FIELDS`], in order: the event's place and its
    /// country come after the actors' geography blocks, which have one
    /// column more each (`ADM2Code`) in 2.0.
    fn field_columns(self) -> [usize; FIELDS.len()] {
        let (place, place_country) = match self {
            GdeltVersion::V2 => (52, 53),
            _ => (50, 51),
        };
        [
            EVENT_CODE,
            30,
            31,
            32,
            33,
            34,
            ACTOR1_COUNTRY,
            ACTOR2_COUNTRY,
            place,
            place_country,
        ]
    }

    fn source_url(self) -> Option<usize> {
        match self {
            GdeltVersion::V2 => Some(60),
            GdeltVersion::V1 => Some(57),
            GdeltVersion::V1NoUrl => None,
        }
    }
}

// Columns before the geography, the same in every version.
const GLOBALEVENTID: usize = 0;
const SQLDATE: usize = 1;
const ACTOR1_CODE: usize = 5;
const ACTOR1_NAME: usize = 6;
const ACTOR1_COUNTRY: usize = 7;
const ACTOR2_CODE: usize = 15;
const ACTOR2_NAME: usize = 16;
const ACTOR2_COUNTRY: usize = 17;
const EVENT_CODE: usize = 26;
const EVENT_ROOT_CODE: usize = 28;
const QUAD_CLASS: usize = 29;

/// The statement fields, named as the codebook names their columns
/// ([`GdeltVersion::field_columns`] gives where they are).
const FIELDS: [&str; 10] = [
    "EventCode",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1CountryCode",
    "Actor2CountryCode",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
];

/// The field that holds the target's country.
pub(super) const TARGET_COUNTRY: &str = "Actor2CountryCode";

// Every field fits an event row.
const _: () = assert!(FIELDS.len() <= MAX_FIELDS);

/// Reads every event of `reader` into `resolver`. Returns false when the
/// file is not a GDELT events file at all.
pub(super) fn read(
    file: &str,
    reader: &mut dyn Read,
    skipped: &mut Skipped,
    out: &mut Events,
) -> bool {
    let (input, lines) = buffered(reader);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .flexible(true)
        // GDELT does not quote: a quote mark is part of a name or URL.
        .quoting(false)
        .from_reader(input);
    let mut record = csv::ByteRecord::new();
    let mut version = None;
    let mut date = String::with_capacity(10);
    loop {
        let line = match next_record(&mut rdr, &mut record, file, lines, out) {
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(Unreadable) => return false,
        };
        let version = match version {
            Some(v) => v,
            None => match GdeltVersion::from_columns(record.len()) {
                Some(v) => {
                    version = Some(v);
                    out.warn(Diagnostic::located(
                        DiagnosticKind::Read,
                        file,
                        Location::Line(line),
                        format!("read as {}", v.describe()),
                    ));
                    out.fields(FIELDS.map(String::from).to_vec());
                    v
                }
                None => {
                    out.error(Diagnostic::at(
                        DiagnosticKind::Structure,
                        file,
                        line,
                        format!(
                            "this line has {} tab-separated columns; a GDELT events file has 61 (GDELT 2.0) or 57 or 58 (GDELT 1.0), one event a line with no header. Is it an events export (not mentions or GKG)?",
                            record.len()
                        ),
                    ));
                    return false;
                }
            },
        };
        if record.len() != version.columns() {
            out.error(Diagnostic::at(
                DiagnosticKind::Format,
                file,
                line,
                format!(
                    "this line has {} columns, but the file's first line has {} ({}); a GDELT line holds one event",
                    record.len(),
                    version.columns(),
                    version.describe()
                ),
            ));
            continue;
        }
        event(file, &record, line, version, &mut date, skipped, out);
    }
    if version.is_none() {
        out.error(Diagnostic::file(
            DiagnosticKind::Structure,
            file,
            "the file holds no events",
        ));
        return false;
    }
    true
}

/// One event's line, mapped onto a statement row for `out`.
fn event(
    file: &str,
    record: &csv::ByteRecord,
    line: u64,
    version: GdeltVersion,
    date: &mut String,
    skipped: &mut Skipped,
    out: &mut Events,
) {
    let Some(line_text) = Fields::of(record, file, line, out) else {
        return;
    };
    let text = |i: usize| line_text.get(i);
    let Some(actor) = text(ACTOR1_NAME).or_else(|| text(ACTOR1_CODE)) else {
        skipped.add(line);
        return;
    };
    let target = text(ACTOR2_NAME).or_else(|| text(ACTOR2_CODE));
    let source = version.source_url().and_then(text);
    let (id, country) = (text(GLOBALEVENTID), text(ACTOR1_COUNTRY));
    let (root, quad, sqldate) = (text(EVENT_ROOT_CODE), text(QUAD_CLASS), text(SQLDATE));
    let fail = |out: &mut Events, message: String| {
        out.error(Diagnostic::at(DiagnosticKind::Value, file, line, message));
    };
    let Some(stance) = root_label(root) else {
        let root = root.unwrap_or("");
        fail(
            out,
            format!(
                "EventRootCode '{root}' (column 29) is not a CAMEO root event code; GDELT codes 01 to 20"
            ),
        );
        return;
    };
    let agree = match quad.map(str::parse::<u8>) {
        Some(Ok(1 | 2)) => "agree",
        Some(Ok(3 | 4)) => "disagree",
        _ => {
            let quad = quad.unwrap_or("");
            fail(
                out,
                format!(
                    "QuadClass '{quad}' (column 30) is not a number from 1 to 4; GDELT codes 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict"
                ),
            );
            return;
        }
    };
    date.clear();
    if let Some(d) = sqldate {
        if d.len() != 8 || !d.bytes().all(|b| b.is_ascii_digit()) {
            fail(
                out,
                format!("SQLDATE '{d}' (column 2) is not a date written YYYYMMDD"),
            );
            return;
        }
        for part in [&d[..4], "-", &d[4..6], "-", &d[6..]] {
            date.push_str(part);
        }
    }
    let mut row = out.row(line);
    row.put("actor", Some(actor));
    row.put("target", target);
    row.put("country", country);
    row.put("stance", Some(stance));
    row.put("agree", Some(agree));
    row.put("date", Some(date.as_str()).filter(|d| !d.is_empty()));
    row.put("source", source);
    row.put("id", id);
    for (i, column) in version.field_columns().into_iter().enumerate() {
        row.field(i, text(column));
    }
    row.done();
}

/// The label of a CAMEO root code, `01` to `20` (also written `1`).
fn root_label(code: Option<&str>) -> Option<&'static str> {
    let n: usize = code?.parse().ok()?;
    CAMEO_ROOTS.get(n.checked_sub(1)?).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_codes_are_named_as_cameo_names_them() {
        assert_eq!(root_label(Some("01")), Some("Make public statement"));
        assert_eq!(root_label(Some("4")), Some("Consult"));
        assert_eq!(root_label(Some("14")), Some("Protest"));
        assert_eq!(
            root_label(Some("20")),
            Some("Use unconventional mass violence")
        );
        for bad in ["00", "21", "--", "", "1a"] {
            assert_eq!(root_label(Some(bad)), None, "{bad}");
        }
        assert_eq!(root_label(None), None);
    }

    #[test]
    fn versions_go_by_the_column_count() {
        for v in [GdeltVersion::V2, GdeltVersion::V1, GdeltVersion::V1NoUrl] {
            assert_eq!(GdeltVersion::from_columns(v.columns()), Some(v));
        }
        assert_eq!(GdeltVersion::from_columns(60), None);
        assert_eq!(GdeltVersion::V1NoUrl.source_url(), None);
    }
}
