//! The input tables before validation: named columns of text, each row with
//! its place in the input. CSV, JSON, workbooks and DNA databases all read
//! into these, so validation is written once.

use std::rc::Rc;

use super::diag::Location;

/// The columns of one input table.
#[derive(Debug, Clone, Copy)]
pub struct Schema {
    /// The table's name, as in `statements.csv` or the JSON key.
    pub name: &'static str,
    /// Every column the table understands, lower-case.
    pub columns: &'static [&'static str],
    /// The columns that must all be in the header.
    pub required: &'static [&'static str],
    /// Columns of which at least one must be in the header.
    pub one_of: &'static [&'static str],
}

impl Schema {
    /// The position of a column, for [`Cells::get`].
    pub fn index(&self, column: &str) -> Option<usize> {
        self.columns.iter().position(|c| *c == column)
    }

    /// The position of a header name, matched ignoring case and surrounding
    /// spaces.
    pub fn find(&self, header: &str) -> Option<usize> {
        let header = header.trim();
        self.columns
            .iter()
            .position(|c| c.eq_ignore_ascii_case(header))
    }

    /// What a header must hold, in words: "the columns actor, stance, agree".
    pub fn requirement(&self) -> String {
        let mut text = format!("the columns {}", self.required.join(", "));
        if self.required.is_empty() {
            text = format!("a column {}", self.one_of.join(" or "));
        }
        text
    }
}

/// `statements.csv`: one coded statement per row.
pub const STATEMENTS: Schema = Schema {
    name: "statements",
    columns: &[
        "actor",
        "stance",
        "agree",
        "actor_kind",
        "country",
        "date",
        "source",
        "quote",
        "id",
        "count",
        "target",
    ],
    required: &["actor", "stance", "agree"],
    one_of: &[],
};

/// `actors.csv`: attributes of actors.
pub const ACTORS: Schema = Schema {
    name: "actors",
    columns: &["id", "label", "kind", "country", "role"],
    required: &[],
    one_of: &["id", "label"],
};

/// `stances.csv`: attributes of stances.
pub const STANCES: Schema = Schema {
    name: "stances",
    columns: &["id", "label", "topic"],
    required: &[],
    one_of: &["id", "label"],
};

/// `countries.csv`: names of countries.
pub const COUNTRIES: Schema = Schema {
    name: "countries",
    columns: &["id", "label"],
    required: &[],
    one_of: &["id", "label"],
};

/// The most columns any schema has.
pub const MAX_COLUMNS: usize = 11;

/// A column of a row: one of the schema's, or one of the extra columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    /// The schema column at this index.
    Schema(usize),
    /// The extra column at this index.
    Extra(usize),
}

/// Where a workbook sheet's columns are: for messages that name a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetColumns {
    /// The sheet's name.
    pub sheet: String,
    /// The sheet column (0-based) of each schema column, where present.
    pub schema: Vec<Option<u32>>,
    /// The sheet column of each extra column.
    pub extra: Vec<u32>,
}

/// Where a row is in its input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowAt {
    /// A line of a CSV or JSON file (the line the row starts on).
    Line(u64),
    /// A row of a workbook sheet, 1-based.
    Sheet {
        /// The sheet and where its columns are.
        columns: Rc<SheetColumns>,
        /// The row.
        row: u32,
    },
    /// The columns of a table read from a database: each from a table
    /// and, where one row defines it, that row's `ID`.
    Columns(Rc<[(&'static str, Option<i64>)]>),
    /// A row of a database table.
    Record {
        /// The table.
        table: &'static str,
        /// The row's `ID`.
        id: i64,
    },
    /// A record of a columnar file, 1-based (0: its schema).
    Numbered {
        /// The record.
        row: u64,
        /// The names of its columns.
        columns: Rc<NamedColumns>,
    },
}

/// The names of the columns of a columnar file that hold the schema and
/// extra columns, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedColumns {
    /// Per schema column, the file's column that holds it.
    pub schema: Vec<Option<String>>,
    /// Per extra column, its name.
    pub extra: Vec<String>,
}

impl RowAt {
    /// The place of the row, or of one of its cells.
    pub fn location(&self, col: Option<Col>) -> Location {
        match self {
            RowAt::Line(line) => Location::Line(*line),
            RowAt::Sheet { columns, row } => Location::Cell {
                sheet: columns.sheet.clone(),
                row: *row,
                column: col.and_then(|c| match c {
                    Col::Schema(i) => columns.schema.get(i).copied().flatten(),
                    Col::Extra(i) => columns.extra.get(i).copied(),
                }),
            },
            RowAt::Columns(places) => {
                let (table, id) = match col {
                    Some(Col::Extra(e)) => places.get(e).copied().unwrap_or(("", None)),
                    _ => places.first().copied().unwrap_or(("", None)),
                };
                match id {
                    Some(id) => Location::Record {
                        table: table.to_string(),
                        id,
                    },
                    None => Location::Table {
                        table: table.to_string(),
                    },
                }
            }
            RowAt::Record { table, id } => Location::Record {
                table: table.to_string(),
                id: *id,
            },
            RowAt::Numbered { row, columns } => Location::Row {
                row: *row,
                column: col.and_then(|c| match c {
                    Col::Schema(i) => columns.schema.get(i).cloned().flatten(),
                    Col::Extra(i) => columns.extra.get(i).cloned(),
                }),
            },
        }
    }

    /// The number a statement keeps as its place: the line, the sheet row
    /// or the record's `ID`.
    pub fn number(&self) -> u64 {
        match self {
            RowAt::Line(line) => *line,
            RowAt::Sheet { row, .. } => u64::from(*row),
            RowAt::Record { id, .. } => *id as u64,
            RowAt::Numbered { row, .. } => *row,
            RowAt::Columns(_) => 0,
        }
    }
}

/// One row's values, borrowed: what the resolver reads, whether the row was
/// streamed from a CSV record or kept from a side table, JSON, a workbook or
/// a database.
#[derive(Debug, Clone)]
pub struct Cells<'a> {
    /// Where the row is.
    pub at: &'a RowAt,
    /// One value per schema column (`None` when blank or absent).
    pub values: [Option<&'a str>; MAX_COLUMNS],
    /// One value per extra column of the table.
    pub extra: Vec<Option<&'a str>>,
    /// The schema columns whose value had spaces around it, trimmed off
    /// (bit `c` for column `c`), so that a name written with them can be
    /// announced.
    pub spaced: u16,
}

impl<'a> Cells<'a> {
    /// A row at `at` with no value yet, for a table with `extra` extra
    /// columns.
    pub fn new(at: &'a RowAt, extra: usize) -> Cells<'a> {
        Cells {
            at,
            values: [None; MAX_COLUMNS],
            extra: vec![None; extra],
            spaced: 0,
        }
    }

    /// Sets a column's value from its raw text: trimmed (blank is no value),
    /// and for a schema column noted when it had spaces around it.
    pub fn set(&mut self, col: Col, raw: &'a str) {
        let (value, around) = trim_cell(raw);
        match col {
            Col::Schema(c) => {
                self.values[c] = value;
                self.spaced |= u16::from(around) << c;
            }
            Col::Extra(e) => self.extra[e] = value,
        }
    }

    /// The value of a column of `schema`.
    pub fn get(&self, schema: &Schema, column: &str) -> Option<&'a str> {
        self.values[schema.index(column)?]
    }

    /// Whether the value of a column of `schema` had spaces around it.
    pub fn spaced(&self, schema: &Schema, column: &str) -> bool {
        schema
            .index(column)
            .is_some_and(|c| self.spaced & (1 << c) != 0)
    }
}

/// One row, owned: the values of the schema's columns and of the extra
/// columns (`None` where blank or absent), trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Where the row is.
    pub at: RowAt,
    /// One value per schema column.
    pub values: Vec<Option<String>>,
    /// One value per extra column.
    pub extra: Vec<Option<String>>,
    /// The schema columns whose value had spaces around it (see
    /// [`Cells::spaced`]).
    pub spaced: u16,
}

impl Row {
    /// The value of a column of `schema`, `None` when blank or absent.
    pub fn get(&self, schema: &Schema, column: &str) -> Option<&str> {
        self.values.get(schema.index(column)?)?.as_deref()
    }

    /// Whether the value of a column of `schema` had spaces around it.
    pub fn spaced(&self, schema: &Schema, column: &str) -> bool {
        schema
            .index(column)
            .is_some_and(|c| self.spaced & (1 << c) != 0)
    }

    /// The row's values, borrowed.
    pub fn cells(&self) -> Cells<'_> {
        let mut values = [None; MAX_COLUMNS];
        for (v, own) in values.iter_mut().zip(&self.values) {
            *v = own.as_deref();
        }
        Cells {
            at: &self.at,
            values,
            extra: self.extra.iter().map(Option::as_deref).collect(),
            spaced: self.spaced,
        }
    }

    /// A row from borrowed cells.
    pub fn from_cells(cells: &Cells<'_>, columns: usize) -> Row {
        Row {
            at: cells.at.clone(),
            values: cells.values[..columns]
                .iter()
                .map(|v| v.map(str::to_string))
                .collect(),
            extra: cells.extra.iter().map(|v| v.map(str::to_string)).collect(),
            spaced: cells.spaced,
        }
    }
}

/// Where the rows of a table go as they are read: kept in a [`Table`], or
/// validated one by one by the resolver.
pub trait Sink {
    /// The table's extra columns, before any row.
    fn header(&mut self, file: &str, at: &RowAt, extra: &[String]);
    /// One row.
    fn row(&mut self, file: &str, cells: Cells<'_>);
}

impl Sink for Table {
    fn header(&mut self, _: &str, at: &RowAt, extra: &[String]) {
        self.header = at.clone();
        self.extra = extra.to_vec();
    }

    fn row(&mut self, _: &str, cells: Cells<'_>) {
        let row = Row::from_cells(&cells, self.schema.columns.len());
        self.rows.push(row);
    }
}

impl Table {
    /// An empty table of `schema` read from `file`.
    pub fn new(file: &str, schema: Schema) -> Table {
        Table {
            file: file.to_string(),
            schema,
            extra: Vec::new(),
            header: RowAt::Line(1),
            rows: Vec::new(),
        }
    }
}

/// A table read from one file (or sheet, or database).
#[derive(Debug, Clone)]
pub struct Table {
    /// The file it came from, for messages.
    pub file: String,
    /// Which table it is.
    pub schema: Schema,
    /// The names of the columns the schema does not know, as written.
    pub extra: Vec<String>,
    /// Where the header is, for messages about a column.
    pub header: RowAt,
    /// The rows that could be read.
    pub rows: Vec<Row>,
}

/// Trims a cell and turns a blank one into `None`.
pub fn cell(value: &str) -> Option<&str> {
    trim_cell(value).0
}

/// The bit [`Cells::spaced`] sets for schema column `column` when `value`
/// has spaces around it (0 when it has none, or is blank).
pub fn spaced_bit(column: usize, value: &str) -> u16 {
    if is_spaced(value) { 1 << column } else { 0 }
}

/// A value trimmed (`None` when blank), and whether it had spaces around
/// it. An end whose byte is ASCII and not white space is not trimmed, so
/// most values are decided from their first and last bytes.
pub fn trim_cell(value: &str) -> (Option<&str>, bool) {
    let plain = |b: &u8| b.is_ascii() && !(*b as char).is_whitespace();
    let bytes = value.as_bytes();
    let trimmed = match (
        bytes.first().is_some_and(plain),
        bytes.last().is_some_and(plain),
    ) {
        (true, true) => value,
        (true, false) => value.trim_end(),
        (false, true) => value.trim_start(),
        (false, false) => value.trim(),
    };
    if trimmed.is_empty() {
        (None, false)
    } else {
        (Some(trimmed), trimmed.len() != value.len())
    }
}

/// Whether a value that is not blank has spaces around it.
pub fn is_spaced(value: &str) -> bool {
    trim_cell(value).1
}
