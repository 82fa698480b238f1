//! What to load: the input forms, chosen from a command-line argument by
//! its extension.

use std::path::{Path, PathBuf};

use super::SEED_NAME;

/// What to load.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
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

pub(super) fn has_extension(p: &Path, extensions: &[&str]) -> bool {
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
