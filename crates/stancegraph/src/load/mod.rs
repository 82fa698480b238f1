//! Loading a dataset from a directory of CSV tables, one statements table
//! (CSV or TSV), a JSON dataset, a DNA database, a workbook, standard input,
//! or the seed dataset built into the binary.
//!
//! Every input form reads into the same text tables, which one resolver
//! validates. Every problem is collected with its file and place; a load
//! with any problem returns them all instead of a dataset.
//!
//! ```
//! use stancegraph::load::{load, Input, LoadOptions};
//! let loaded = load(&Input::Embedded, &LoadOptions::default()).unwrap();
//! assert!(loaded.dataset.statements.len() >= 25);
//! ```

#[cfg(feature = "arrow")]
mod arrow;
mod attributes;
mod builder;
mod csv;
mod csv_records;
mod date;
mod diag;
#[cfg(feature = "dna")]
mod dna;
mod entities;
mod files;
#[cfg_attr(not(feature = "parquet"), allow(dead_code))]
mod guard;
mod header;
mod input;
mod interner;
mod json;
mod options;
#[cfg(feature = "parquet")]
mod parquet;
mod preset;
mod references;
mod registry;
mod resolve;
mod statement_row;
mod table;
#[cfg(feature = "workbook")]
mod workbook;

use std::io::{self, Read};
use std::path::Path;

pub use attributes::{attribute_name, infer_type, parse_color};
pub use builder::{DatasetBuilder, IntoRow, Pairs, StatementRow};
pub use csv::detect_delimiter;
pub use date::{DateError, date_from_epoch_seconds, parse_date};
pub use diag::{Diagnostic, DiagnosticKind, Diagnostics, Location, Report, column_name};
pub use guard::guarding;
pub use options::{
    ColumnMap, ColumnMapError, DelimiterError, DnaOptions, LoadOptions, parse_delimiter,
};
pub use preset::{ACLED_AGREE, ACLED_REQUIRED, CAMEO_ROOTS, GdeltVersion, PolarityMap, Preset};

use crate::model::Dataset;
use csv::CsvFormat;
use files::{
    dna_dataset, json_dataset, open, parquet_dataset, side_tables, stream, table_path,
    workbook_dataset,
};
use input::has_extension;
pub use input::{Input, WORKBOOK_EXTENSIONS};
use preset::Source;
use resolve::{Resolver, SideTables};
use table::Table;

/// Where the seed dataset lives in the repository, and its name in messages.
pub const SEED_NAME: &str = "data/nato-ukraine-2025-02";

/// The seed dataset's tables, built into the binary.
const SEED: CsvBytes<'static> = CsvBytes {
    statements: include_bytes!("../../../../data/nato-ukraine-2025-02/statements.csv"),
    actors: Some(include_bytes!(
        "../../../../data/nato-ukraine-2025-02/actors.csv"
    )),
    stances: Some(include_bytes!(
        "../../../../data/nato-ukraine-2025-02/stances.csv"
    )),
    countries: Some(include_bytes!(
        "../../../../data/nato-ukraine-2025-02/countries.csv"
    )),
};

/// A dataset's tables held in memory, as CSV bytes: for library users, and
/// for the fuzz targets. Messages name them `<name>/statements.csv`, ...
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvBytes<'a> {
    /// The statements table.
    pub statements: &'a [u8],
    /// The actors table, when there is one.
    pub actors: Option<&'a [u8]>,
    /// The stances table, when there is one.
    pub stances: Option<&'a [u8]>,
    /// The countries table, when there is one.
    pub countries: Option<&'a [u8]>,
}

/// Loads and validates tables held in memory, as [`load`] loads a dataset
/// directory (`name` stands for the directory in messages).
///
/// ```
/// use stancegraph::load::{CsvBytes, LoadOptions, load_csv_bytes};
/// let tables = CsvBytes { statements: b"actor,stance,agree\nA,s,yes\n", ..CsvBytes::default() };
/// let loaded = load_csv_bytes("mine", &tables, &LoadOptions::default()).unwrap();
/// assert_eq!(loaded.dataset.actors[0].label, "A");
/// ```
pub fn load_csv_bytes(
    name: &str,
    tables: &CsvBytes<'_>,
    options: &LoadOptions,
) -> Result<Loaded, Diagnostics> {
    let mut report = Report {
        spelling: options.spelling,
        ..Report::default()
    };
    let dataset = csv_bytes_dataset(name, tables, options, &mut report);
    conclude(name, dataset, report)
}

/// Loads and validates a JSON dataset held in memory, as [`load`] loads a
/// `.json` file (`name` stands for the file in messages).
pub fn load_json_bytes(name: &str, bytes: &[u8]) -> Result<Loaded, Diagnostics> {
    let mut report = Report::default();
    let dataset = json::read_tables(name, bytes, &mut report)
        .and_then(|(statements, side)| resolve_tables(name, &statements, side, &mut report));
    conclude(name, dataset, report)
}

fn csv_bytes_dataset(
    name: &str,
    tables: &CsvBytes<'_>,
    options: &LoadOptions,
    report: &mut Report,
) -> Option<Dataset> {
    let format = |columns| CsvFormat {
        delimiter: options.delimiter,
        columns,
    };
    let side = side_tables(report, |table, _| {
        let bytes = match table {
            "actors" => tables.actors,
            "stances" => tables.stances,
            _ => tables.countries,
        }?;
        let reader: Box<dyn Read + Send + '_> = Box::new(bytes);
        Some((format!("{name}/{table}.csv"), reader, format(None)))
    });
    let file = format!("{name}/statements.csv");
    stream(
        name,
        side,
        &file,
        tables.statements,
        format(Some(&options.columns)),
        report,
    )
}

/// Loads and validates an event dataset's file held in memory, as [`load`]
/// loads it with `options.preset` (`name` stands for the file in
/// messages); the preset is `preset`, whatever the options say.
///
/// ```
/// use stancegraph::load::{LoadOptions, Preset, load_event_bytes};
/// let acled = "event_date,event_type,sub_event_type,actor1,actor2,notes\n\
///     2024-03-01,Strategic developments,Agreement,Government of A,Rebels of A,\"A truce, signed.\"\n";
/// let loaded = load_event_bytes("acled.csv", acled.as_bytes(), Preset::Acled, &LoadOptions::default()).unwrap();
/// let statement = &loaded.dataset.statements[0];
/// assert_eq!(loaded.dataset.actors[statement.target().unwrap()].label, "Rebels of A");
/// assert_eq!(statement.polarity, stancegraph::model::Polarity::Agree);
/// ```
pub fn load_event_bytes(
    name: &str,
    bytes: &[u8],
    preset: Preset,
    options: &LoadOptions,
) -> Result<Loaded, Diagnostics> {
    let mut report = Report {
        spelling: options.spelling,
        ..Report::default()
    };
    let source = Source::Bytes(name, bytes);
    let dataset = preset::preset_dataset(name, source, preset, options, &mut report);
    conclude(name, dataset, report)
}

/// The seed dataset, for unit tests.
#[cfg(test)]
pub(crate) fn seed() -> Dataset {
    load(&Input::Embedded, &LoadOptions::default())
        .expect("the seed loads")
        .dataset
}

/// A loaded dataset and what the user must hear about how it was read.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The dataset.
    pub dataset: Dataset,
    /// Warnings: data read but left out, merged or renamed.
    pub warnings: Vec<Diagnostic>,
}

/// Loads and validates a dataset. On failure, every problem found is
/// returned, each naming its file and place, in file and place order.
///
/// Statements tables are streamed: each row is validated and added as it
/// is read, so memory holds the dataset, never the raw table.
pub fn load(input: &Input, options: &LoadOptions) -> Result<Loaded, Diagnostics> {
    let mut report = Report {
        spelling: options.spelling,
        ..Report::default()
    };
    let name = input.name();
    let statements_format = |path: Option<&Path>| CsvFormat {
        delimiter: options.delimiter.or_else(|| {
            path.is_some_and(|p| has_extension(p, &["tsv", "tab"]))
                .then_some(b'\t')
        }),
        columns: Some(&options.columns),
    };
    let dataset = match (input, options.preset) {
        (Input::Csv(path), Some(preset)) => {
            preset::preset_dataset(&name, Source::Path(path), preset, options, &mut report)
        }
        (_, Some(preset)) => {
            report.error(Diagnostic::file(
                DiagnosticKind::Structure,
                &name,
                format!(
                    "{} {} reads the file {} publishes as it is; name that file (.csv, .CSV, .tsv or .zip)",
                    options.spelling.option("preset"),
                    preset.name(),
                    match preset {
                        Preset::Gdelt => "GDELT",
                        Preset::Acled => "ACLED",
                    }
                ),
            ));
            None
        }
        (input, None) => match input {
            Input::Embedded => csv_bytes_dataset(SEED_NAME, &SEED, options, &mut report),
            Input::Dir(dir) => {
                let side = side_tables(&mut report, |table, report| {
                    let path = table_path(dir, table, report)?;
                    let format = CsvFormat {
                        delimiter: statements_format(Some(&path)).delimiter,
                        columns: None,
                    };
                    let reader: Box<dyn Read + Send> = Box::new(open(&path, report)?);
                    Some((path.display().to_string(), reader, format))
                });
                let path = table_path(dir, "statements", &mut report)
                    .unwrap_or_else(|| dir.join("statements.csv"));
                open(&path, &mut report).and_then(|f| {
                    let file = path.display().to_string();
                    let format = statements_format(Some(&path));
                    stream(&name, side, &file, f, format, &mut report)
                })
            }
            Input::Csv(path) => open(path, &mut report).and_then(|f| {
                let file = path.display().to_string();
                let format = statements_format(Some(path));
                stream(&name, SideTables::default(), &file, f, format, &mut report)
            }),
            Input::Stdin => stream(
                &name,
                SideTables::default(),
                "<stdin>",
                io::stdin(),
                statements_format(None),
                &mut report,
            ),
            Input::Json(path) => json_dataset(&name, path, &mut report),
            Input::Dna(path) => dna_dataset(&name, path, options, &mut report),
            Input::Workbook(path) => workbook_dataset(&name, path, options, &mut report),
            Input::Parquet(path) => parquet_dataset(&name, path, options, &mut report),
        },
    };
    conclude(&name, dataset, report)
}

/// Loads statements from Arrow record batches of `schema` (a table in
/// memory, such as a pandas DataFrame the Python package hands over
/// through Arrow's C data interface), named `name` in messages: columns are
/// matched by name with the options' column map, as a CSV header is, and
/// every value goes through the same checks. Places are `row N, column C`.
#[cfg(feature = "arrow")]
pub fn load_arrow(
    name: &str,
    schema: &arrow_schema::Schema,
    batches: &[arrow_array::RecordBatch],
    options: &LoadOptions,
) -> Result<Loaded, Diagnostics> {
    let mut report = Report {
        spelling: options.spelling,
        ..Report::default()
    };
    let dataset = files::arrow_dataset(name, schema, batches, options, &mut report);
    conclude(name, dataset, report)
}

/// The loaded dataset, or every problem found in file and place order.
pub(super) fn conclude(
    name: &str,
    dataset: Option<Dataset>,
    mut report: Report,
) -> Result<Loaded, Diagnostics> {
    match dataset {
        Some(dataset) if report.errors.is_empty() => Ok(Loaded {
            dataset,
            warnings: report.warnings,
        }),
        _ => {
            report.errors.sort();
            if report.errors.is_empty() {
                report.errors.push(Diagnostic::file(
                    DiagnosticKind::Structure,
                    name,
                    "nothing could be read",
                ));
            }
            Err(report.errors)
        }
    }
}

/// The resolver's dataset, its problems added to `report`.
pub(super) fn finish(resolver: Resolver, report: &mut Report) -> Option<Dataset> {
    let (dataset, found) = resolver.finish();
    report.errors.0.extend(found.errors.0);
    report.warnings.extend(found.warnings);
    Some(dataset)
}

/// Resolves tables already read whole (JSON, workbooks, DNA databases).
pub(super) fn resolve_tables(
    name: &str,
    statements: &Table,
    side: SideTables,
    report: &mut Report,
) -> Option<Dataset> {
    let mut resolver = Resolver::new(name, side);
    resolver.statement_fields(&statements.file, &statements.header, &statements.extra);
    for row in &statements.rows {
        resolver.statement(&statements.file, row.cells());
    }
    finish(resolver, report)
}
