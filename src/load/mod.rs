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

mod attributes;
mod csv;
mod date;
mod diag;
#[cfg(feature = "dna")]
mod dna;
mod entities;
#[cfg_attr(not(feature = "parquet"), allow(dead_code))]
mod guard;
mod header;
mod ids;
mod json;
mod names;
mod options;
#[cfg(feature = "parquet")]
mod parquet;
mod registry;
mod resolve;
mod table;
#[cfg(feature = "workbook")]
mod workbook;
mod xml_chars;

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

pub use attributes::{attribute_name, infer_type, parse_color};
pub use csv::detect_delimiter;
pub use date::{DateError, date_from_epoch_seconds, parse_date};
pub use diag::{Diagnostic, Diagnostics, Location, Report, column_name};
pub use guard::guarding;
pub use ids::{IdAllocator, is_id_char, slug};
pub use names::fold;
pub(crate) use names::{Named, Names, closest};
pub use options::{
    ColumnMap, ColumnMapError, DelimiterError, DnaOptions, LoadOptions, parse_delimiter,
};

use crate::model::Dataset;
use csv::CsvFormat;
use resolve::{Resolver, SideTables};
use table::{ACTORS, COUNTRIES, STANCES, STATEMENTS, Schema, Table};

/// Where the seed dataset lives in the repository, and its name in messages.
pub const SEED_NAME: &str = "data/nato-ukraine-2025-02";

/// The seed dataset's tables, built into the binary.
const SEED: CsvBytes<'static> = CsvBytes {
    statements: include_bytes!("../../data/nato-ukraine-2025-02/statements.csv"),
    actors: Some(include_bytes!("../../data/nato-ukraine-2025-02/actors.csv")),
    stances: Some(include_bytes!(
        "../../data/nato-ukraine-2025-02/stances.csv"
    )),
    countries: Some(include_bytes!(
        "../../data/nato-ukraine-2025-02/countries.csv"
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
    let mut report = Report::default();
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
        let reader: Box<dyn Read + '_> = Box::new(bytes);
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

/// What to load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// The seed dataset built into the binary.
    Embedded,
    /// A directory with `statements.csv` (or `.tsv`) and optional
    /// `actors`, `stances` and `countries` tables.
    Dir(PathBuf),
    /// A single statements table, CSV or (by extension `.tsv`) TSV.
    Csv(PathBuf),
    /// A JSON dataset.
    Json(PathBuf),
    /// A DNA 3 database (SQLite), opened read-only.
    Dna(PathBuf),
    /// An Excel or OpenDocument workbook.
    Workbook(PathBuf),
    /// A statements table in a Parquet file.
    Parquet(PathBuf),
    /// A statements CSV on standard input.
    Stdin,
}

/// The workbook file extensions (read by calamine).
pub const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

fn has_extension(p: &Path, extensions: &[&str]) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

impl Input {
    /// Chooses the input form from a command-line argument: `-` is standard
    /// input, a directory is a dataset directory, and files go by extension:
    /// `.json` JSON, `.dna` a DNA database, `.xlsx`, `.xls`, `.ods` (and
    /// the other workbook extensions) a workbook, `.parquet` a Parquet
    /// statements table; any other file is a statements table.
    pub fn from_arg(arg: Option<&Path>) -> Input {
        match arg {
            None => Input::Embedded,
            Some(p) if p.as_os_str() == "-" => Input::Stdin,
            Some(p) if p.is_dir() => Input::Dir(p.to_path_buf()),
            Some(p) if has_extension(p, &["json"]) => Input::Json(p.to_path_buf()),
            Some(p) if has_extension(p, &["dna"]) => Input::Dna(p.to_path_buf()),
            Some(p) if has_extension(p, &WORKBOOK_EXTENSIONS) => Input::Workbook(p.to_path_buf()),
            Some(p) if has_extension(p, &["parquet", "parq"]) => Input::Parquet(p.to_path_buf()),
            Some(p) => Input::Csv(p.to_path_buf()),
        }
    }

    /// The name used in messages and summaries.
    pub fn name(&self) -> String {
        match self {
            Input::Embedded => format!("{SEED_NAME} (built in)"),
            Input::Dir(p)
            | Input::Csv(p)
            | Input::Json(p)
            | Input::Dna(p)
            | Input::Workbook(p)
            | Input::Parquet(p) => p.display().to_string(),
            Input::Stdin => "<stdin>".to_string(),
        }
    }
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
    let mut report = Report::default();
    let name = input.name();
    let statements_format = |path: Option<&Path>| CsvFormat {
        delimiter: options.delimiter.or_else(|| {
            path.is_some_and(|p| has_extension(p, &["tsv", "tab"]))
                .then_some(b'\t')
        }),
        columns: Some(&options.columns),
    };
    let dataset = match input {
        Input::Embedded => csv_bytes_dataset(SEED_NAME, &SEED, options, &mut report),
        Input::Dir(dir) => {
            let side = side_tables(&mut report, |table, report| {
                let path = table_path(dir, table, report)?;
                let format = CsvFormat {
                    delimiter: statements_format(Some(&path)).delimiter,
                    columns: None,
                };
                let reader: Box<dyn Read> = Box::new(open(&path, report)?);
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
            io::stdin().lock(),
            statements_format(None),
            &mut report,
        ),
        Input::Json(path) => json_dataset(&name, path, &mut report),
        Input::Dna(path) => dna_dataset(&name, path, options, &mut report),
        Input::Workbook(path) => workbook_dataset(&name, path, options, &mut report),
        Input::Parquet(path) => parquet_dataset(&name, path, options, &mut report),
    };
    conclude(&name, dataset, report)
}

/// The loaded dataset, or every problem found in file and place order.
fn conclude(
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
                report
                    .errors
                    .push(Diagnostic::file(name, "nothing could be read"));
            }
            Err(report.errors)
        }
    }
}

/// The file of a table in a dataset directory: `<table>.csv` or
/// `<table>.tsv`; `None` when neither exists (or, reported, when both do).
fn table_path(dir: &Path, table: &str, report: &mut Report) -> Option<PathBuf> {
    let csv = dir.join(format!("{table}.csv"));
    let tsv = dir.join(format!("{table}.tsv"));
    match (csv.exists(), tsv.exists()) {
        (true, true) => {
            report.error(Diagnostic::file(
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
type Opened<'o> = Option<(String, Box<dyn Read + 'o>, CsvFormat<'o>)>;

/// Reads the side tables that `open_table` finds.
fn side_tables<'o>(
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
fn stream(
    name: &str,
    side: SideTables,
    file: &str,
    input: impl Read,
    format: CsvFormat<'_>,
    report: &mut Report,
) -> Option<Dataset> {
    let mut resolver = Resolver::new(name, side);
    let header_ok = csv::read_rows(file, input, STATEMENTS, format, report, &mut resolver);
    finish(resolver, report).filter(|_| header_ok)
}

/// The resolver's dataset, its problems added to `report`.
fn finish(resolver: Resolver, report: &mut Report) -> Option<Dataset> {
    let (dataset, found) = resolver.finish();
    report.errors.0.extend(found.errors.0);
    report.warnings.extend(found.warnings);
    Some(dataset)
}

/// Resolves tables already read whole (JSON, workbooks, DNA databases).
fn resolve_tables(
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

fn open(path: &Path, report: &mut Report) -> Option<File> {
    match File::open(path) {
        Ok(f) => Some(f),
        Err(e) => {
            report.error(Diagnostic::file(
                &path.display().to_string(),
                format!("cannot open: {e}"),
            ));
            None
        }
    }
}

fn json_dataset(name: &str, path: &Path, report: &mut Report) -> Option<Dataset> {
    let file = path.display().to_string();
    let mut bytes = Vec::new();
    if let Err(e) = open(path, report)?.read_to_end(&mut bytes) {
        report.error(Diagnostic::file(&file, format!("cannot read: {e}")));
        return None;
    }
    let (statements, side) = json::read_tables(&file, &bytes, report)?;
    resolve_tables(name, &statements, side, report)
}

#[cfg(feature = "dna")]
fn dna_dataset(
    name: &str,
    path: &Path,
    options: &LoadOptions,
    report: &mut Report,
) -> Option<Dataset> {
    let (statements, side) = dna::read(path, &options.dna, report)?;
    resolve_tables(name, &statements, side, report)
}

#[cfg(not(feature = "dna"))]
fn dna_dataset(_: &str, path: &Path, _: &LoadOptions, report: &mut Report) -> Option<Dataset> {
    report.error(Diagnostic::file(
        &path.display().to_string(),
        "this stancegraph was built without DNA databases; build it with the default features (cargo build --release)",
    ));
    None
}

#[cfg(feature = "parquet")]
fn parquet_dataset(
    name: &str,
    path: &Path,
    options: &LoadOptions,
    report: &mut Report,
) -> Option<Dataset> {
    let mut resolver = Resolver::new(name, SideTables::default());
    let ok = parquet::read_statements(path, &options.columns, report, &mut resolver);
    finish(resolver, report).filter(|_| ok)
}

#[cfg(not(feature = "parquet"))]
fn parquet_dataset(_: &str, path: &Path, _: &LoadOptions, report: &mut Report) -> Option<Dataset> {
    report.error(Diagnostic::file(
        &path.display().to_string(),
        crate::PARQUET_MISSING,
    ));
    None
}

#[cfg(feature = "workbook")]
fn workbook_dataset(
    name: &str,
    path: &Path,
    options: &LoadOptions,
    report: &mut Report,
) -> Option<Dataset> {
    let (statements, side) = workbook::read(path, options, report)?;
    resolve_tables(name, &statements, side, report)
}

#[cfg(not(feature = "workbook"))]
fn workbook_dataset(_: &str, path: &Path, _: &LoadOptions, report: &mut Report) -> Option<Dataset> {
    report.error(Diagnostic::file(
        &path.display().to_string(),
        "this stancegraph was built without workbooks; build it with the default features (cargo build --release)",
    ));
    None
}
