//! Loading a dataset from a directory of CSV tables, one statements CSV, a
//! JSON dataset, standard input, or the seed dataset built into the binary.
//!
//! Every problem is collected with its file and line; a load with any
//! problem returns them all instead of a dataset.
//!
//! ```
//! use stancegraph::load::{load, Input};
//! let dataset = load(&Input::Embedded).unwrap();
//! assert!(dataset.statements.len() >= 25);
//! ```

mod csv;
mod diag;
mod json;
mod resolve;
mod table;

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

pub use diag::{Diagnostic, Diagnostics};
pub(crate) use resolve::{Named, Names, closest};
pub use resolve::{is_id_char, parse_date, slug};

use crate::model::Dataset;
use resolve::{Resolver, SideTables};
use table::{ACTORS, COUNTRIES, STANCES, STATEMENTS, Schema};

/// Where the seed dataset lives in the repository, and its name in messages.
pub const SEED_NAME: &str = "data/nato-ukraine-2025-02";

/// The seed dataset's tables, built into the binary.
const SEED: [(&str, &str); 4] = [
    (
        "statements.csv",
        include_str!("../../data/nato-ukraine-2025-02/statements.csv"),
    ),
    (
        "actors.csv",
        include_str!("../../data/nato-ukraine-2025-02/actors.csv"),
    ),
    (
        "stances.csv",
        include_str!("../../data/nato-ukraine-2025-02/stances.csv"),
    ),
    (
        "countries.csv",
        include_str!("../../data/nato-ukraine-2025-02/countries.csv"),
    ),
];

/// What to load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// The seed dataset built into the binary.
    Embedded,
    /// A directory with `statements.csv` and optional `actors.csv`,
    /// `stances.csv`, `countries.csv`.
    Dir(PathBuf),
    /// A single statements CSV file.
    Csv(PathBuf),
    /// A JSON dataset.
    Json(PathBuf),
    /// A statements CSV on standard input.
    Stdin,
}

impl Input {
    /// Chooses the input form from a command-line argument: `-` is standard
    /// input, a directory is a dataset directory, a `.json` file is JSON, and
    /// any other file is a statements CSV.
    pub fn from_arg(arg: Option<&Path>) -> Input {
        match arg {
            None => Input::Embedded,
            Some(p) if p.as_os_str() == "-" => Input::Stdin,
            Some(p) if p.is_dir() => Input::Dir(p.to_path_buf()),
            Some(p)
                if p.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("json")) =>
            {
                Input::Json(p.to_path_buf())
            }
            Some(p) => Input::Csv(p.to_path_buf()),
        }
    }

    /// The name used in messages and summaries.
    pub fn name(&self) -> String {
        match self {
            Input::Embedded => format!("{SEED_NAME} (built in)"),
            Input::Dir(p) | Input::Csv(p) | Input::Json(p) => p.display().to_string(),
            Input::Stdin => "<stdin>".to_string(),
        }
    }
}

/// Loads and validates a dataset. On failure, every problem found is
/// returned, each naming its file and line, in file and line order.
///
/// Statements CSV files are streamed: each row is validated and added as it
/// is read, so memory holds the dataset, never the raw table.
pub fn load(input: &Input) -> Result<Dataset, Diagnostics> {
    let mut diags = Diagnostics::default();
    let name = input.name();
    let dataset = match input {
        Input::Embedded => {
            let seed = |table: &str| -> (String, Box<dyn Read>) {
                let text = SEED
                    .iter()
                    .find(|(n, _)| *n == table)
                    .map_or("", |(_, t)| *t);
                (format!("{SEED_NAME}/{table}"), Box::new(text.as_bytes()))
            };
            let side = side_tables(&mut diags, |table, _| Some(seed(table)));
            let (file, reader) = seed("statements.csv");
            stream(&name, side, &file, reader, &mut diags)
        }
        Input::Dir(dir) => {
            let side = side_tables(&mut diags, |table, diags| {
                let path = dir.join(table);
                if !path.exists() {
                    return None;
                }
                let reader: Box<dyn Read> = Box::new(io::BufReader::new(open(&path, diags)?));
                Some((path.display().to_string(), reader))
            });
            let path = dir.join("statements.csv");
            open(&path, &mut diags).and_then(|f| {
                let file = path.display().to_string();
                stream(&name, side, &file, io::BufReader::new(f), &mut diags)
            })
        }
        Input::Csv(path) => open(path, &mut diags).and_then(|f| {
            let file = path.display().to_string();
            let reader = io::BufReader::new(f);
            stream(&name, SideTables::default(), &file, reader, &mut diags)
        }),
        Input::Stdin => stream(
            &name,
            SideTables::default(),
            "<stdin>",
            io::stdin().lock(),
            &mut diags,
        ),
        Input::Json(path) => json_dataset(&name, path, &mut diags),
    };
    match dataset {
        Some(ds) if diags.is_empty() => Ok(ds),
        _ => {
            diags
                .0
                .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
            Err(diags)
        }
    }
}

/// A side table's file name and a reader for it, or `None` when absent.
type Opened = Option<(String, Box<dyn Read>)>;

/// Reads the side tables that `open_table` finds.
fn side_tables(
    diags: &mut Diagnostics,
    mut open_table: impl FnMut(&str, &mut Diagnostics) -> Opened,
) -> SideTables {
    let mut read = |table: &str, schema: Schema| {
        let (file, reader) = open_table(table, diags)?;
        csv::read_table(&file, reader, schema, diags)
    };
    SideTables {
        countries: read("countries.csv", COUNTRIES),
        actors: read("actors.csv", ACTORS),
        stances: read("stances.csv", STANCES),
    }
}

/// Streams a statements CSV through the resolver.
fn stream(
    name: &str,
    side: SideTables,
    file: &str,
    input: impl Read,
    diags: &mut Diagnostics,
) -> Option<Dataset> {
    let mut resolver = Resolver::new(name, side);
    let header_ok = csv::read_rows(file, input, STATEMENTS, diags, |cells, _| {
        resolver.statement(file, cells)
    });
    let (dataset, problems) = resolver.finish();
    diags.0.extend(problems.0);
    header_ok.then_some(dataset)
}

fn open(path: &Path, diags: &mut Diagnostics) -> Option<File> {
    match File::open(path) {
        Ok(f) => Some(f),
        Err(e) => {
            diags.push(Diagnostic::file(
                &path.display().to_string(),
                format!("cannot open: {e}"),
            ));
            None
        }
    }
}

fn json_dataset(name: &str, path: &Path, diags: &mut Diagnostics) -> Option<Dataset> {
    let file = path.display().to_string();
    let mut bytes = Vec::new();
    if let Err(e) = open(path, diags)?.read_to_end(&mut bytes) {
        diags.push(Diagnostic::file(&file, format!("cannot read: {e}")));
        return None;
    }
    let (statements, side) = json::read_tables(&file, &bytes, diags)?;
    let mut resolver = Resolver::new(name, side);
    for row in &statements.rows {
        resolver.statement(&file, row.cells());
    }
    let (dataset, problems) = resolver.finish();
    diags.0.extend(problems.0);
    Some(dataset)
}
