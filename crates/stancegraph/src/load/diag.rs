//! Load errors and warnings that carry their position: a line of a text
//! file, a cell of a workbook, or a row of a database table.

use std::fmt;

use crate::choice::Spelling;

/// Where in an input file something is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Location {
    /// A line of a text file, 1-based.
    Line(u64),
    /// A row of a workbook sheet (1-based, as the spreadsheet numbers it),
    /// and the column (0-based) where one is known.
    Cell {
        /// The sheet's name.
        sheet: String,
        /// The row, 1-based.
        row: u32,
        /// The column, 0-based (A is 0).
        column: Option<u32>,
    },
    /// A database table as a whole.
    Table {
        /// The table's name.
        table: String,
    },
    /// A record of a columnar file (Parquet), 1-based, and the column
    /// where one is known; record 0 is the file's schema (its column names).
    Row {
        /// The record, 1-based; 0 for the schema.
        row: u64,
        /// The column's name.
        column: Option<String>,
    },
    /// A row of a database table, by its `ID`.
    Record {
        /// The table's name.
        table: String,
        /// The row's `ID`.
        id: i64,
    },
}

/// The spreadsheet name of a 0-based column: A, B, ..., Z, AA, AB, ...
///
/// ```
/// use stancegraph::load::column_name;
/// assert_eq!(column_name(0), "A");
/// assert_eq!(column_name(25), "Z");
/// assert_eq!(column_name(26), "AA");
/// assert_eq!(column_name(701), "ZZ");
/// ```
pub fn column_name(column: u32) -> String {
    let mut n = u64::from(column) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Line(line) => write!(f, "{line}"),
            Location::Cell {
                sheet,
                row,
                column: Some(c),
            } => write!(f, "{sheet}!{}{row}", column_name(*c)),
            Location::Cell {
                sheet,
                row,
                column: None,
            } => write!(f, "{sheet}!{row}:{row}"),
            Location::Table { table } => write!(f, "table {table}"),
            Location::Record { table, id } => write!(f, "table {table}, row {id}"),
            Location::Row { row: 0, column } => match column {
                Some(c) => write!(f, "schema, column {c}"),
                None => f.write_str("schema"),
            },
            Location::Row { row, column } => match column {
                Some(c) => write!(f, "row {row}, column {c}"),
                None => write!(f, "row {row}"),
            },
        }
    }
}

/// What kind of problem a [`Diagnostic`] is, for a caller to match on:
/// errors first, then the kinds of warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// The file could not be opened or read.
    Io,
    /// The file is not what its name says, or is damaged: not UTF-8,
    /// malformed CSV or JSON, not a workbook, not an SQLite or DNA 3
    /// database.
    Format,
    /// The tables are not as they must be: a required column, sheet, table,
    /// variable or statement type missing, a header that does not fit, an
    /// empty file.
    Structure,
    /// A value cannot be read: an agree value, a date, a count, a kind, a
    /// colour, a cell that shows an error, a required value left blank.
    Value,
    /// A name or id is not allowed: control characters, characters ids may
    /// not hold, a row without id or label, a column that cannot be an
    /// attribute.
    Name,
    /// A reference resolves to nothing: an actor, stance or country its
    /// side table does not have, an entity a DNA statement names.
    Reference,
    /// Two things contradict: an id or label used twice, an actor coded
    /// with two kinds or countries, a column named or mapped twice.
    Conflict,
    /// This build cannot read the input (a feature left out).
    Unsupported,
    /// A warning: data read but left out (unnamed columns, statements
    /// without actor or stance, columns the event list writes itself).
    LeftOut,
    /// A warning: names written several ways, taken as one.
    Merged,
    /// A warning: a name changed to fit every format.
    Changed,
    /// A note: how the input was read (which version of a format).
    Read,
}

impl DiagnosticKind {
    /// Whether this kind is a warning, which does not stop the load.
    pub fn is_warning(self) -> bool {
        matches!(
            self,
            DiagnosticKind::LeftOut
                | DiagnosticKind::Merged
                | DiagnosticKind::Changed
                | DiagnosticKind::Read
        )
    }
}

/// One problem found in the input, with the file and place it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as the user named it (or `<stdin>`).
    pub file: String,
    /// Where in the file, when known.
    pub location: Option<Location>,
    /// What kind of problem it is.
    pub kind: DiagnosticKind,
    /// What is wrong, in words a person can act on.
    pub message: String,
}

impl Diagnostic {
    /// A problem at a line of a file.
    pub fn at(kind: DiagnosticKind, file: &str, line: u64, message: impl Into<String>) -> Self {
        Diagnostic::located(kind, file, Location::Line(line), message)
    }

    /// A problem at a place in a file.
    pub fn located(
        kind: DiagnosticKind,
        file: &str,
        location: Location,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            file: file.to_string(),
            location: Some(location),
            kind,
            message: message.into(),
        }
    }

    /// A problem with a whole file.
    pub fn file(kind: DiagnosticKind, file: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.to_string(),
            location: None,
            kind,
            message: message.into(),
        }
    }

    /// The line, when the problem is at a line of a text file.
    pub fn line(&self) -> Option<u64> {
        match self.location {
            Some(Location::Line(l)) => Some(l),
            _ => None,
        }
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line: message` (the form editors and `grep -n` use),
    /// `file: Sheet1!C7: message` or `file: table T, row N: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(Location::Line(line)) => write!(f, "{}:{}: {}", self.file, line, self.message),
            Some(place) => write!(f, "{}: {}: {}", self.file, place, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Every problem found while loading, in the order found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// True when nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many problems were found.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The problems, in the order found.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// Sorts the problems by file and place, keeping the order of those at
    /// the same place.
    pub fn sort(&mut self) {
        self.0
            .sort_by(|a, b| (&a.file, &a.location).cmp(&(&b.file, &b.location)));
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

impl std::error::Error for Diagnostics {}

/// What a load finds: the errors that stop it, and the warnings about data
/// it read but changed or left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Problems that stop the load.
    pub errors: Diagnostics,
    /// Things the user must hear about, that do not stop it.
    pub warnings: Vec<Diagnostic>,
    /// How messages name the options ([`super::LoadOptions::spelling`]).
    pub spelling: Spelling,
}

impl Report {
    /// Adds an error.
    pub fn error(&mut self, diagnostic: Diagnostic) {
        self.errors.push(diagnostic);
    }

    /// Adds a warning.
    pub fn warn(&mut self, diagnostic: Diagnostic) {
        self.warnings.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_and_place() {
        let d = Diagnostic::at(
            DiagnosticKind::Value,
            "data/statements.csv",
            7,
            "unknown agree value 'maybe'",
        );
        assert_eq!(
            d.to_string(),
            "data/statements.csv:7: unknown agree value 'maybe'"
        );
        let d = Diagnostic::file(DiagnosticKind::Structure, "x.json", "empty file");
        assert_eq!(d.to_string(), "x.json: empty file");
        let cell = Location::Cell {
            sheet: "Sheet1".into(),
            row: 7,
            column: Some(2),
        };
        let d = Diagnostic::located(
            DiagnosticKind::Value,
            "book.xlsx",
            cell,
            "unknown agree value 'vielleicht'",
        );
        assert_eq!(
            d.to_string(),
            "book.xlsx: Sheet1!C7: unknown agree value 'vielleicht'"
        );
        let record = Location::Record {
            table: "DATASHORTTEXT".into(),
            id: 12,
        };
        let d = Diagnostic::located(
            DiagnosticKind::Reference,
            "study.dna",
            record,
            "no such entity",
        );
        assert_eq!(
            d.to_string(),
            "study.dna: table DATASHORTTEXT, row 12: no such entity"
        );
    }
}
