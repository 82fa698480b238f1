//! Statements from Arrow record batches (a Parquet file's, or a pandas
//! DataFrame's handed over by the Python package): the columns are matched
//! by name as a CSV header is, and each record is read as text through the
//! same resolver.
//!
//! Text, booleans, integers, decimals (whole numbers written without a
//! point; NaN is empty), dates, timestamps (a midnight is a date) and
//! dictionary-encoded text are read; a column of another type is an error
//! that names it. Places are `row N, column C`, rows counted from 1.

use std::borrow::Cow;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type,
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use chrono::{DateTime, NaiveDate};

use super::diag::{Diagnostic, DiagnosticKind, Location, Report};
use super::header::map_named_header;
use super::options::ColumnMap;
use super::table::{Cells, Col, RowAt, STATEMENTS, Sink};

/// Reads record batches into `sink` as the statements table of `file`:
/// columns matched by name as a CSV header is, every value read as text.
/// `next` gives the next batch (the argument is how many rows were read
/// so far), `None` at the end, or an error message for the file. False
/// when the table cannot be read (reported).
pub(crate) fn read_batches(
    file: &str,
    fields: &[(String, DataType)],
    columns: &ColumnMap,
    report: &mut Report,
    sink: &mut dyn Sink,
    next: &mut dyn FnMut(u64) -> Result<Option<RecordBatch>, String>,
) -> bool {
    let names: Vec<String> = fields.iter().map(|(n, _)| n.clone()).collect();
    let Some((map, named)) = map_named_header(file, &names, &STATEMENTS, Some(columns), report)
    else {
        return false;
    };
    // Every column read must have a type read as text.
    let mut ok = true;
    for (i, (name, ty)) in fields.iter().enumerate() {
        if map.columns[i].is_some() && !readable(ty) {
            let at = Location::Row {
                row: 0,
                column: Some(name.clone()),
            };
            report.error(Diagnostic::located(
                DiagnosticKind::Structure,
                file,
                at,
                format!(
                    "the column has type {ty}, which is not read; cast it to text (VARCHAR, string)"
                ),
            ));
            ok = false;
        }
    }
    if !ok {
        return false;
    }
    sink.header(
        file,
        &RowAt::Numbered {
            row: 0,
            columns: named.clone(),
        },
        &map.extra,
    );
    let mut row = 0u64;
    loop {
        let batch = match next(row) {
            Ok(Some(b)) => b,
            Ok(None) => break,
            Err(message) => {
                report.error(Diagnostic::file(DiagnosticKind::Io, file, message));
                return false;
            }
        };
        let used: Vec<(Col, Column)> = map
            .columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.map(|c| (c, Column::of(batch.column(i)))))
            .collect();
        let mut texts: Vec<Option<Cow<'_, str>>> = Vec::with_capacity(used.len());
        for r in 0..batch.num_rows() {
            row += 1;
            texts.clear();
            texts.extend(used.iter().map(|(_, column)| column.text(r)));
            let at = RowAt::Numbered {
                row,
                columns: named.clone(),
            };
            let mut cells = Cells::new(&at, map.extra.len());
            for ((col, _), raw) in used.iter().zip(&texts) {
                if let Some(raw) = raw {
                    cells.set(*col, raw);
                }
            }
            sink.row(file, cells);
        }
    }
    true
}

/// Whether values of this type are read as text.
fn readable(ty: &DataType) -> bool {
    use DataType as T;
    match ty {
        T::Utf8
        | T::LargeUtf8
        | T::Utf8View
        | T::Boolean
        | T::Int8
        | T::Int16
        | T::Int32
        | T::Int64
        | T::UInt8
        | T::UInt16
        | T::UInt32
        | T::UInt64
        | T::Float32
        | T::Float64
        | T::Date32
        | T::Date64
        | T::Timestamp(_, _)
        | T::Null => true,
        T::Dictionary(_, values) => readable(values),
        _ => false,
    }
}

/// One column of a batch, ready to give each value as text.
struct Column {
    array: ArrayRef,
    /// For a dictionary: each record's index into `array` (its values).
    keys: Option<Vec<usize>>,
    nulls: Option<ArrayRef>,
}

impl Column {
    fn of(array: &ArrayRef) -> Column {
        match array.as_any_dictionary_opt() {
            Some(dict) => Column {
                array: dict.values().clone(),
                keys: Some(dict.normalized_keys()),
                nulls: Some(array.clone()),
            },
            None => Column {
                array: array.clone(),
                keys: None,
                nulls: None,
            },
        }
    }

    /// The value of record `r` as text; `None` when null.
    fn text(&self, r: usize) -> Option<Cow<'_, str>> {
        let (array, i) = match (&self.keys, &self.nulls) {
            (Some(keys), Some(outer)) => {
                if outer.is_null(r) {
                    return None;
                }
                (&self.array, keys[r])
            }
            _ => (&self.array, r),
        };
        if array.is_null(i) {
            return None;
        }
        text(array.as_ref(), i)
    }
}

/// Value `i` of a readable array as text.
fn text(array: &dyn Array, i: usize) -> Option<Cow<'_, str>> {
    use DataType as T;
    let number = |n: String| Some(Cow::Owned(n));
    match array.data_type() {
        T::Utf8 => Some(Cow::Borrowed(array.as_string::<i32>().value(i))),
        T::LargeUtf8 => Some(Cow::Borrowed(array.as_string::<i64>().value(i))),
        T::Utf8View => Some(Cow::Borrowed(array.as_string_view().value(i))),
        T::Boolean => Some(Cow::Borrowed(if array.as_boolean().value(i) {
            "true"
        } else {
            "false"
        })),
        T::Int8 => number(array.as_primitive::<Int8Type>().value(i).to_string()),
        T::Int16 => number(array.as_primitive::<Int16Type>().value(i).to_string()),
        T::Int32 => number(array.as_primitive::<Int32Type>().value(i).to_string()),
        T::Int64 => number(array.as_primitive::<Int64Type>().value(i).to_string()),
        T::UInt8 => number(array.as_primitive::<UInt8Type>().value(i).to_string()),
        T::UInt16 => number(array.as_primitive::<UInt16Type>().value(i).to_string()),
        T::UInt32 => number(array.as_primitive::<UInt32Type>().value(i).to_string()),
        T::UInt64 => number(array.as_primitive::<UInt64Type>().value(i).to_string()),
        T::Float32 => decimal(f64::from(array.as_primitive::<Float32Type>().value(i))),
        T::Float64 => decimal(array.as_primitive::<Float64Type>().value(i)),
        T::Date32 => {
            let days = array.as_primitive::<Date32Type>().value(i);
            let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a date");
            epoch
                .checked_add_signed(chrono::Duration::days(i64::from(days)))
                .map(|d| Cow::Owned(d.to_string()))
        }
        T::Date64 => {
            let ms = array.as_primitive::<Date64Type>().value(i);
            moment(ms.div_euclid(1000), 0)
        }
        T::Timestamp(unit, _) => {
            let (value, per_second): (i64, i64) = match unit {
                TimeUnit::Second => (array.as_primitive::<TimestampSecondType>().value(i), 1),
                TimeUnit::Millisecond => (
                    array.as_primitive::<TimestampMillisecondType>().value(i),
                    1_000,
                ),
                TimeUnit::Microsecond => (
                    array.as_primitive::<TimestampMicrosecondType>().value(i),
                    1_000_000,
                ),
                TimeUnit::Nanosecond => (
                    array.as_primitive::<TimestampNanosecondType>().value(i),
                    1_000_000_000,
                ),
            };
            let nanos = value.rem_euclid(per_second) * (1_000_000_000 / per_second);
            moment(value.div_euclid(per_second), nanos as u32)
        }
        _ => None,
    }
}

/// A decimal as text: whole numbers without a point (a count written by
/// pandas as 3.0 is 3), NaN as no value.
fn decimal(x: f64) -> Option<Cow<'static, str>> {
    if x.is_nan() {
        None
    } else if x.fract() == 0.0 && x.abs() < 9e15 {
        Some(Cow::Owned((x as i64).to_string()))
    } else {
        Some(Cow::Owned(x.to_string()))
    }
}

/// A UTC moment as text: a date at midnight, else date and time.
fn moment(seconds: i64, nanos: u32) -> Option<Cow<'static, str>> {
    let t = DateTime::from_timestamp(seconds, nanos)?.naive_utc();
    let text = if t.time() == chrono::NaiveTime::MIN {
        t.date().to_string()
    } else {
        t.format("%Y-%m-%dT%H:%M:%S").to_string()
    };
    Some(Cow::Owned(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_and_moments_read_as_a_person_wrote_them() {
        assert_eq!(decimal(3.0).as_deref(), Some("3"));
        assert_eq!(decimal(0.5).as_deref(), Some("0.5"));
        assert_eq!(decimal(f64::NAN), None);
        // 2025-02-12 00:00 and 12:30 UTC.
        assert_eq!(moment(1_739_318_400, 0).as_deref(), Some("2025-02-12"));
        assert_eq!(
            moment(1_739_318_400 + 45_000, 0).as_deref(),
            Some("2025-02-12T12:30:00")
        );
    }
}
