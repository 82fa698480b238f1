//! Reading each input form from its files: a dataset directory's tables,
//! a JSON dataset, a DNA database, a workbook, a Parquet table.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::csv::{self, CsvFormat};
use super::diag::{Diagnostic, DiagnosticKind, Report};
#[cfg(feature = "dna")]
use super::dna;
use super::json;
#[cfg(feature = "parquet")]
use super::parquet;
use super::resolve::{Resolver, SideTables};
use super::table::{ACTORS, COUNTRIES, STANCES, STATEMENTS, Schema};
#[cfg(feature = "workbook")]
use super::workbook;
use super::{LoadOptions, finish, resolve_tables};
use crate::model::Dataset;

/// The file of a table in a dataset directory: `<table>.csv` or
/// `<table>.tsv`; `None` when neither exists (or, reported, when both do).
pub(super) fn table_path(dir: &Path, table: &str, report: &mut Report) -> Option<PathBuf> {
    let csv = dir.join(format!("{table}.csv"));
    let tsv = dir.join(format!("{table}.tsv"));
    match (csv.exists(), tsv.exists()) {
        (true, true) => {
            report.error(Diagnostic::file(
                DiagnosticKind::Conflict,
                &dir.display().to_string(),
                format!("holds both {table}.csv and {table}.tsv; keep one"),
            ));
            None
        }
        (true, false) => Some(csv),
        (false, true) => Some(tsv),
        (false, false) => None,
    }
}

/// A side table's file name, a reader for it and how to read it, or `None`
/// when absent.
pub(super) type Opened<'o> = Option<(String, Box<dyn Read + Send + 'o>, CsvFormat<'o>)>;

/// Reads the side tables that `open_table` finds.
pub(super) fn side_tables<'o>(
    report: &mut Report,
    mut open_table: impl FnMut(&str, &mut Report) -> Opened<'o>,
) -> SideTables {
    let mut read = |table: &str, schema: Schema| {
        let (file, reader, format) = open_table(table, report)?;
        csv::read_table(&file, reader, schema, format, report)
    };
    SideTables {
        countries: read("countries", COUNTRIES),
        actors: read("actors", ACTORS),
        stances: read("stances", STANCES),
    }
}

/// Streams a statements table through the resolver.
pub(super) fn stream(
    name: &str,
    side: SideTables,
    file: &str,
    input: impl Read + Send,
    format: CsvFormat<'_>,
    report: &mut Report,
) -> Option<Dataset> {
    let mut resolver = Resolver::new(name, side);
    let header_ok = csv::read_rows(file, input, STATEMENTS, format, report, &mut resolver);
    finish(resolver, report).filter(|_| header_ok)
}

pub(super) fn open(path: &Path, report: &mut Report) -> Option<File> {
    match File::open(path) {
        Ok(f) => Some(f),
        Err(e) => {
            report.error(Diagnostic::file(
                DiagnosticKind::Io,
                &path.display().to_string(),
                format!("cannot open: {e}"),
            ));
            None
        }
    }
}

pub(super) fn json_dataset(name: &str, path: &Path, report: &mut Report) -> Option<Dataset> {
    let file = path.display().to_string();
    let mut bytes = Vec::new();
    if let Err(e) = open(path, report)?.read_to_end(&mut bytes) {
        report.error(Diagnostic::file(
            DiagnosticKind::Io,
            &file,
            format!("cannot read: {e}"),
        ));
        return None;
    }
    let (statements, side) = json::read_tables(&file, &bytes, report)?;
    resolve_tables(name, &statements, side, report)
}

#[cfg(feature = "dna")]
pub(super) fn dna_dataset(
    name: &str,
    path: &Path,
    options: &LoadOptions,
    report: &mut Report,
) -> Option<Dataset> {
    let resolver = dna::read(path, &options.dna, report, |side| Resolver::new(name, side))?;
    finish(resolver, report)
}

#[cfg(not(feature = "dna"))]
pub(super) fn dna_dataset(
    _: &str,
    path: &Path,
    _: &LoadOptions,
    report: &mut Report,
) -> Option<Dataset> {
    missing(
        path,
        "this stancegraph was built without DNA databases; build it with the default features (cargo build --release)",
        report,
    )
}

#[cfg(feature = "parquet")]
pub(super) fn parquet_dataset(
    name: &str,
    path: &Path,
    options: &LoadOptions,
    report: &mut Report,
) -> Option<Dataset> {
    let mut resolver = Resolver::new(name, SideTables::default());
    let ok = parquet::read_statements(path, &options.columns, report, &mut resolver);
    finish(resolver, report).filter(|_| ok)
}

/// Statements from Arrow record batches of `schema`.
#[cfg(feature = "arrow")]
pub(super) fn arrow_dataset(
    name: &str,
    schema: &arrow_schema::Schema,
    batches: &[arrow_array::RecordBatch],
    options: &LoadOptions,
    report: &mut Report,
) -> Option<Dataset> {
    let fields: Vec<(String, arrow_schema::DataType)> = schema
        .fields()
        .iter()
        .map(|f| (f.name().clone(), f.data_type().clone()))
        .collect();
    let mut resolver = Resolver::new(name, SideTables::default());
    let mut batches = batches.iter();
    let ok = super::arrow::read_batches(
        name,
        &fields,
        &options.columns,
        report,
        &mut resolver,
        &mut |_| Ok(batches.next().cloned()),
    );
    finish(resolver, report).filter(|_| ok)
}

#[cfg(not(feature = "parquet"))]
pub(super) fn parquet_dataset(
    _: &str,
    path: &Path,
    _: &LoadOptions,
    report: &mut Report,
) -> Option<Dataset> {
    missing(path, crate::PARQUET_MISSING, report)
}

#[cfg(feature = "workbook")]
pub(super) fn workbook_dataset(
    name: &str,
    path: &Path,
    options: &LoadOptions,
    report: &mut Report,
) -> Option<Dataset> {
    let (statements, side) = workbook::read(path, options, report)?;
    resolve_tables(name, &statements, side, report)
}

#[cfg(not(feature = "workbook"))]
pub(super) fn workbook_dataset(
    _: &str,
    path: &Path,
    _: &LoadOptions,
    report: &mut Report,
) -> Option<Dataset> {
    missing(
        path,
        "this stancegraph was built without workbooks; build it with the default features (cargo build --release)",
        report,
    )
}

/// What a build without a reader says of a file that needs it.
#[cfg(not(all(feature = "dna", feature = "workbook", feature = "parquet")))]
fn missing(path: &Path, message: &str, report: &mut Report) -> Option<Dataset> {
    report.error(Diagnostic::file(
        DiagnosticKind::Unsupported,
        &path.display().to_string(),
        message,
    ));
    None
}
