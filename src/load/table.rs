//! The input tables before validation: named columns of text, each row with
//! its line. CSV and JSON both read into these, so validation is written once.

/// The columns of one input table.
#[derive(Debug, Clone, Copy)]
pub struct Schema {
    /// The table's name, as in `statements.csv` or the JSON key.
    pub name: &'static str,
    /// Every column the table understands, lower-case.
    pub columns: &'static [&'static str],
    /// How many of the leading `columns` are required.
    pub required: usize,
}

impl Schema {
    /// The position of a column, for [`Row::get`].
    pub fn index(&self, column: &str) -> Option<usize> {
        self.columns.iter().position(|c| *c == column)
    }

    /// The required columns.
    pub fn required_columns(&self) -> &'static [&'static str] {
        &self.columns[..self.required]
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
    ],
    required: 3,
};

/// `actors.csv`: attributes of actors.
pub const ACTORS: Schema = Schema {
    name: "actors",
    columns: &["id", "label", "kind", "country", "role"],
    required: 1,
};

/// `stances.csv`: attributes of stances.
pub const STANCES: Schema = Schema {
    name: "stances",
    columns: &["id", "label", "topic"],
    required: 1,
};

/// `countries.csv`: names of countries.
pub const COUNTRIES: Schema = Schema {
    name: "countries",
    columns: &["id", "label"],
    required: 1,
};

/// One row: the values of the schema's columns (`None` where the column is
/// absent or the cell is blank), trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The 1-based line the row starts on.
    pub line: u64,
    /// One value per schema column.
    pub values: Vec<Option<String>>,
}

impl Row {
    /// The value of a column of `schema`, `None` when blank or absent.
    pub fn get(&self, schema: &Schema, column: &str) -> Option<&str> {
        self.cells().get(schema, column)
    }
}

/// The most columns any schema has.
pub const MAX_COLUMNS: usize = 9;

/// One row's values, borrowed: what the resolver reads, whether the row was
/// streamed from a CSV record or kept from a side table or JSON.
#[derive(Debug, Clone, Copy)]
pub struct Cells<'a> {
    /// The 1-based line the row starts on.
    pub line: u64,
    /// One value per schema column (`None` when blank or absent).
    pub values: [Option<&'a str>; MAX_COLUMNS],
}

impl<'a> Cells<'a> {
    /// The value of a column of `schema`.
    pub fn get(&self, schema: &Schema, column: &str) -> Option<&'a str> {
        self.values[schema.index(column)?]
    }
}

impl Row {
    /// The row's values, borrowed.
    pub fn cells(&self) -> Cells<'_> {
        let mut values = [None; MAX_COLUMNS];
        for (v, own) in values.iter_mut().zip(&self.values) {
            *v = own.as_deref();
        }
        Cells {
            line: self.line,
            values,
        }
    }
}

/// A table read from one file.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file it came from, for messages.
    pub file: String,
    /// Which table it is.
    pub schema: Schema,
    /// The rows that could be read.
    pub rows: Vec<Row>,
}

/// Trims a cell and turns a blank one into `None`.
pub fn cell(value: &str) -> Option<&str> {
    let value = value.trim();
    (!value.is_empty()).then_some(value)
}
