//! Statements from a Parquet file (what pandas, Polars, DuckDB and Spark
//! write): the columns are matched by name as a CSV header is, and each
//! record is read as text, batch by batch, through the same resolver, so
//! memory holds the dataset, never the file.
//!
//! Text, booleans, integers, decimals (whole numbers written without a
//! point; NaN is empty), dates, timestamps (a midnight is a date) and
//! dictionary-encoded text are read; a column of another type is an error
//! that names it. Places are `row N, column C`, rows counted from 1.

use std::fs::File;
use std::path::Path;

use arrow_schema::DataType;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};

use super::arrow::read_batches;
use super::diag::{Diagnostic, DiagnosticKind, Report};
use super::guard::guarded;
use super::options::ColumnMap;
use super::table::Sink;

/// Records per batch: big enough to amortize, small enough to stay lean.
const BATCH: usize = 8192;

/// Reads the statements of a Parquet file into `sink`; false when the file
/// cannot be read (reported).
pub fn read_statements(
    path: &Path,
    columns: &ColumnMap,
    report: &mut Report,
    sink: &mut dyn Sink,
) -> bool {
    let file = path.display().to_string();
    let fail = |report: &mut Report, message: String| {
        report.error(Diagnostic::file(DiagnosticKind::Io, &file, message));
        false
    };
    let opened = match File::open(path) {
        Ok(f) => f,
        Err(e) => return fail(report, format!("cannot open: {e}")),
    };
    let size = opened.metadata().map_or(0, |m| m.len());
    let damaged = |report: &mut Report, message: String| {
        fail(
            report,
            format!("is damaged ({message}); write it again with pandas, Polars, DuckDB or Spark"),
        )
    };
    let builder = match guarded(|| ParquetRecordBatchReaderBuilder::try_new(opened)) {
        Err(panic) => return damaged(report, panic.to_string()),
        Ok(Ok(b)) => b.with_batch_size(BATCH),
        Ok(Err(e)) => {
            return fail(
                report,
                format!(
                    "cannot read as Parquet ({e}); write it again with pandas, Polars, DuckDB or Spark"
                ),
            );
        }
    };
    // The parquet crate panics on a column chunk that starts or ends outside
    // the file (a damaged footer): check first.
    for (r, group) in builder.metadata().row_groups().iter().enumerate() {
        for (c, column) in group.columns().iter().enumerate() {
            let start = column
                .dictionary_page_offset()
                .unwrap_or(column.data_page_offset());
            let end = start.checked_add(column.compressed_size());
            let inside = start >= 0 && column.compressed_size() >= 0;
            if !inside || end.is_none_or(|end| end as u64 > size) {
                return fail(
                    report,
                    format!(
                        "is damaged: column {c} of row group {r} lies outside the file; write it again with pandas, Polars, DuckDB or Spark"
                    ),
                );
            }
        }
    }
    let fields: Vec<(String, DataType)> = builder
        .schema()
        .fields()
        .iter()
        .map(|f| (f.name().clone(), f.data_type().clone()))
        .collect();
    let mut reader: Option<ParquetRecordBatchReader> = None;
    let mut opened = Some(builder);
    read_batches(&file, &fields, columns, report, sink, &mut |row| {
        if reader.is_none() {
            let builder = opened.take().expect("built once");
            reader = Some(match guarded(|| builder.build()) {
                Err(panic) => return Err(damaged_text(panic.to_string())),
                Ok(Ok(r)) => r,
                Ok(Err(e)) => return Err(format!("cannot read as Parquet: {e}")),
            });
        }
        let reader = reader.as_mut().expect("made above");
        match guarded(|| reader.next()) {
            Err(panic) => Err(damaged_text(format!("after row {row}: {panic}"))),
            Ok(None) => Ok(None),
            Ok(Some(Ok(b))) => Ok(Some(b)),
            Ok(Some(Err(e))) => Err(format!("cannot read the records after row {row}: {e}")),
        }
    })
}

/// What a damaged file's message says.
fn damaged_text(message: String) -> String {
    format!("is damaged ({message}); write it again with pandas, Polars, DuckDB or Spark")
}
