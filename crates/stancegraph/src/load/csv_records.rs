//! The parsing side of reading a CSV table, on its own thread: records
//! parsed, checked as UTF-8 and trimmed, and handed on in batches (their
//! values' text in one buffer, each row as ranges of it), so that the
//! thread that resolves the rows only slices. Problems keep their place
//! among the rows.

use std::io::Read;
use std::ops::Range;
use std::sync::mpsc::SyncSender;

use super::csv::{LineEnds, error_diagnostic};
use super::diag::{Diagnostic, DiagnosticKind, Report};
use super::header::HeaderMap;
use super::table::{Cells, Col, MAX_COLUMNS, RowAt, Schema, trim_cell};

/// Rows a batch holds at most.
const BATCH: usize = 1024;

/// Rows of a table, and problems in their place, in file order.
pub(super) struct Batch {
    /// The trimmed values of every row, one after the other.
    pub text: String,
    pub items: Vec<Item>,
}

/// A row, or the problem found where it would be.
// Rows are nearly every item, so they stay inline: boxing them would be an
// allocation a row; a problem wastes the difference in its batch.
#[allow(clippy::large_enum_variant)]
pub(super) enum Item {
    Row(RowRanges),
    Problem(Diagnostic),
}

/// One row: where its values are in its batch's text.
pub(super) struct RowRanges {
    pub line: u64,
    values: [Option<Range<usize>>; MAX_COLUMNS],
    extra: Vec<Option<Range<usize>>>,
    spaced: u16,
}

impl RowRanges {
    /// The row's cells, at `at`, in its batch's `text`.
    pub fn cells<'b>(&self, text: &'b str, at: &'b RowAt) -> Cells<'b> {
        let value = |r: &Option<Range<usize>>| r.clone().map(|r| &text[r]);
        let mut values = [None; MAX_COLUMNS];
        for (v, r) in values.iter_mut().zip(&self.values) {
            *v = value(r);
        }
        Cells {
            at,
            values,
            extra: self.extra.iter().map(value).collect(),
            spaced: self.spaced,
        }
    }
}

impl Batch {
    /// Appends a value to the text; returns its range.
    fn push(&mut self, value: &str) -> Range<usize> {
        let start = self.text.len();
        self.text.push_str(value);
        start..self.text.len()
    }

    /// Whether the batch should go now.
    fn full(&self) -> bool {
        self.items.len() >= BATCH
    }
}

/// Parses every record of `rdr` into batches for `batches`, until the end,
/// an I/O error (the input cannot be read further) or a receiver that is
/// gone. Returns what it counted in the columns without a header name.
pub(super) fn parse_batches<R: Read>(
    file: &str,
    mut rdr: csv::Reader<R>,
    lines: LineEnds,
    map: &HeaderMap,
    schema: &Schema,
    batches: SyncSender<Batch>,
) -> Unnamed {
    let mut unnamed = Unnamed::default();
    let has_unnamed = map.columns.contains(&None);
    let mut record = csv::ByteRecord::new();
    loop {
        let mut batch = Batch {
            text: String::with_capacity(1 << 16),
            items: Vec::with_capacity(BATCH),
        };
        let mut done = false;
        while !batch.full() {
            match rdr.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => {
                    done = true;
                    break;
                }
                Err(e) => {
                    done = matches!(e.kind(), csv::ErrorKind::Io(_));
                    batch
                        .items
                        .push(Item::Problem(error_diagnostic(file, &e, lines)));
                    if done {
                        break;
                    }
                    continue;
                }
            }
            if has_unnamed {
                unnamed.count(&record, lines, map);
            }
            let item = match decode(file, &record, lines, map, schema, &mut batch) {
                Ok(row) => Item::Row(row),
                Err(d) => Item::Problem(d),
            };
            batch.items.push(item);
        }
        if batches.send(batch).is_err() || done {
            return unnamed;
        }
    }
}

/// Checks a record's values as UTF-8, trims them and adds them to the
/// batch's text.
fn decode(
    file: &str,
    record: &csv::ByteRecord,
    lines: LineEnds,
    map: &HeaderMap,
    schema: &Schema,
    batch: &mut Batch,
) -> Result<RowRanges, Diagnostic> {
    let line = lines.line(record.position());
    let mut values: [Option<Range<usize>>; MAX_COLUMNS] = Default::default();
    let mut extra = vec![None; map.extra.len()];
    let mut spaced = 0;
    let start = batch.text.len();
    // The row's bytes are checked as UTF-8 at once (simdutf8 is fast on a
    // whole row; fields are mostly too short for it). A field of a valid row
    // is valid when it starts and ends on character boundaries, which
    // slicing checks; else (and on a bad row) the field is decoded alone,
    // for the offset of its first bad byte.
    let row = simdutf8::basic::from_utf8(record.as_slice()).ok();
    for (i, (field, col)) in record.iter().zip(&map.columns).enumerate() {
        let Some(col) = *col else { continue };
        let checked = row.and_then(|row| row.get(record.range(i)?));
        match checked.map_or_else(|| std::str::from_utf8(field), Ok) {
            Ok(text) => {
                let (value, around) = trim_cell(text);
                let range = value.map(|v| batch.push(v));
                match col {
                    Col::Schema(c) => {
                        values[c] = range;
                        spaced |= u16::from(around) << c;
                    }
                    Col::Extra(e) => extra[e] = range,
                }
            }
            Err(e) => {
                batch.text.truncate(start);
                let name = match col {
                    Col::Schema(c) => schema.columns[c],
                    Col::Extra(e) => map.extra[e].as_str(),
                };
                return Err(Diagnostic::located(
                    DiagnosticKind::Format,
                    file,
                    RowAt::Line(line).location(None),
                    format!(
                        "column '{name}' is not valid UTF-8 (bad byte at offset {} of the value); save the file as UTF-8",
                        e.valid_up_to()
                    ),
                ));
            }
        }
    }
    Ok(RowRanges {
        line,
        values,
        extra,
        spaced,
    })
}

/// Values in columns without a header name: not read, but announced.
#[derive(Default)]
pub(super) struct Unnamed {
    /// (column, non-blank values, first line with one).
    columns: Vec<(usize, u64, u64)>,
}

impl Unnamed {
    fn count(&mut self, record: &csv::ByteRecord, lines: LineEnds, map: &HeaderMap) {
        for (i, (field, col)) in record.iter().zip(&map.columns).enumerate() {
            if col.is_none() && !field.trim_ascii().is_empty() {
                match self.columns.iter_mut().find(|(c, _, _)| *c == i) {
                    Some(entry) => entry.1 += 1,
                    None => {
                        let line = lines.line(record.position());
                        self.columns.push((i, 1, line));
                    }
                }
            }
        }
    }

    pub(super) fn warn(&self, file: &str, report: &mut Report) {
        for (column, values, line) in &self.columns {
            report.warn(Diagnostic::at(DiagnosticKind::LeftOut,
                file,
                *line,
                format!(
                    "column {} has no name in the header, so its {values} value{} (the first here) {} not read; give it a name to keep {}",
                    column + 1,
                    if *values == 1 { "" } else { "s" },
                    if *values == 1 { "is" } else { "are" },
                    if *values == 1 { "it" } else { "them" },
                ),
            ));
        }
    }
}
