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
pub use resolve::{is_id_char, parse_date, slug};

use crate::model::Dataset;
use resolve::Tables;
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
/// returned, each naming its file and line.
pub fn load(input: &Input) -> Result<Dataset, Diagnostics> {
    let mut diags = Diagnostics::default();
    let tables = match input {
        Input::Embedded => embedded_tables(&mut diags),
        Input::Dir(dir) => dir_tables(dir, &mut diags),
        Input::Csv(path) => open(path, &mut diags).and_then(|f| {
            let file = path.display().to_string();
            statements_only(csv::read_table(&file, f, STATEMENTS, &mut diags))
        }),
        Input::Stdin => statements_only(csv::read_table(
            "<stdin>",
            io::stdin().lock(),
            STATEMENTS,
            &mut diags,
        )),
        Input::Json(path) => json_tables(path, &mut diags),
    };
    let Some(tables) = tables else {
        return Err(diags);
    };
    let dataset = resolve::resolve(&input.name(), tables, &mut diags);
    if diags.is_empty() {
        Ok(dataset)
    } else {
        Err(diags)
    }
}

fn statements_only(statements: Option<table::Table>) -> Option<Tables> {
    Some(Tables {
        statements: statements?,
        actors: None,
        stances: None,
        countries: None,
    })
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

fn embedded_tables(diags: &mut Diagnostics) -> Option<Tables> {
    let mut read = |name: &str, schema: Schema| {
        let text = SEED.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)?;
        csv::read_table(
            &format!("{SEED_NAME}/{name}"),
            text.as_bytes(),
            schema,
            diags,
        )
    };
    Some(Tables {
        actors: read("actors.csv", ACTORS),
        stances: read("stances.csv", STANCES),
        countries: read("countries.csv", COUNTRIES),
        statements: read("statements.csv", STATEMENTS)?,
    })
}

fn dir_tables(dir: &Path, diags: &mut Diagnostics) -> Option<Tables> {
    let mut read = |name: &str, schema: Schema, required: bool| {
        let path = dir.join(name);
        if !required && !path.exists() {
            return None;
        }
        let file = open(&path, diags)?;
        csv::read_table(
            &path.display().to_string(),
            io::BufReader::new(file),
            schema,
            diags,
        )
    };
    let actors = read("actors.csv", ACTORS, false);
    let stances = read("stances.csv", STANCES, false);
    let countries = read("countries.csv", COUNTRIES, false);
    let statements = read("statements.csv", STATEMENTS, true)?;
    Some(Tables {
        statements,
        actors,
        stances,
        countries,
    })
}

fn json_tables(path: &Path, diags: &mut Diagnostics) -> Option<Tables> {
    let mut bytes = Vec::new();
    if let Err(e) = open(path, diags)?.read_to_end(&mut bytes) {
        diags.push(Diagnostic::file(
            &path.display().to_string(),
            format!("cannot read: {e}"),
        ));
        return None;
    }
    json::read_tables(&path.display().to_string(), &bytes, diags)
}
