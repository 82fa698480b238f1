//! Building a dataset in memory, row by row, as a program holds its data:
//! statements one at a time and side-table rows, each row a set of
//! (column, value) pairs named as the files name their columns. The rows
//! go through the same header matching and the same resolver as a file,
//! so a dataset built here equals the one loaded from the same rows, and
//! every problem gets the same message, placed at the caller's row
//! (`mine/statements: row 3, column agree: unknown agree value 'maybe'`).
//!
//! ```
//! use stancegraph::load::{DatasetBuilder, StatementRow};
//! use stancegraph::model::Polarity;
//!
//! let mut b = DatasetBuilder::new("mine");
//! b.actor([("id", "hegseth"), ("label", "Pete Hegseth"), ("party", "Republican")]);
//! b.actor([("id", "healey"), ("label", "John Healey"), ("party", "Labour")]);
//! b.statement(StatementRow::new("hegseth", "Ukraine joins NATO", Polarity::Disagree).date_text("2025-02-12"));
//! b.statement(StatementRow::new("John Healey", "Ukraine joins NATO", Polarity::Agree));
//! let loaded = b.build().unwrap();
//! assert_eq!(loaded.dataset.statements.len(), 2);
//! assert_eq!(loaded.dataset.actor_attrs[0].name, "party");
//!
//! let mut bad = DatasetBuilder::new("mine");
//! bad.statement([("actor", "A"), ("stance", "s"), ("agree", "maybe")]);
//! let errors = bad.build().unwrap_err();
//! assert_eq!(
//!     errors.to_string(),
//!     "mine/statements: row 1, column agree: unknown agree value 'maybe'; use yes/no, true/false, 1/0, agree/disagree or +/-"
//! );
//! ```

use chrono::NaiveDate;

use super::diag::{Diagnostics, Report};
use super::header::map_named_header;
use super::resolve::SideTables;
use super::table::{ACTORS, COUNTRIES, Cells, RowAt, STANCES, STATEMENTS, Schema, Sink, Table};
use super::{Loaded, conclude, resolve_tables};
use crate::model::Polarity;

/// One row as (column, value) pairs, columns named as in the files
/// (`actor`, `stance`, `agree`, ... for statements; `id`, `label`, ...
/// and any attribute for side tables), matched ignoring case. A column a
/// row leaves out is blank in it.
pub type Pairs = Vec<(String, String)>;

/// A statement, typed: what [`DatasetBuilder::statement`] takes besides a
/// plain [`Pairs`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementRow(Pairs);

impl StatementRow {
    /// A statement of `actor` (an id or a name) on `stance` (an id or its
    /// text).
    pub fn new(actor: impl Into<String>, stance: impl Into<String>, polarity: Polarity) -> Self {
        StatementRow(vec![
            ("actor".into(), actor.into()),
            ("stance".into(), stance.into()),
            ("agree".into(), polarity.as_str().into()),
        ])
    }

    fn with(mut self, column: impl Into<String>, value: impl Into<String>) -> Self {
        self.0.push((column.into(), value.into()));
        self
    }

    /// When it was said.
    pub fn date(self, date: NaiveDate) -> Self {
        self.with("date", date.format("%Y-%m-%d").to_string())
    }

    /// When it was said, as text (`YYYY-MM-DD`, checked as in files).
    pub fn date_text(self, date: impl Into<String>) -> Self {
        self.with("date", date)
    }

    /// The document it came from.
    pub fn source(self, source: impl Into<String>) -> Self {
        self.with("source", source)
    }

    /// The actor it addresses or acts on (an id or a name), resolved as
    /// actors are.
    pub fn target(self, target: impl Into<String>) -> Self {
        self.with("target", target)
    }

    /// The words, as evidence.
    pub fn quote(self, quote: impl Into<String>) -> Self {
        self.with("quote", quote)
    }

    /// The statement's id.
    pub fn id(self, id: impl Into<String>) -> Self {
        self.with("id", id)
    }

    /// The actor's kind: `person`, `organization` or `country`.
    pub fn actor_kind(self, kind: impl Into<String>) -> Self {
        self.with("actor_kind", kind)
    }

    /// The actor's country.
    pub fn country(self, country: impl Into<String>) -> Self {
        self.with("country", country)
    }

    /// How many identical statements the row stands for.
    pub fn count(self, count: u32) -> Self {
        self.with("count", count.to_string())
    }

    /// A statement field (an extra column of the statements table).
    pub fn field(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.with(name, value)
    }
}

/// Turns pairs of anything string-like into a [`Pairs`].
pub trait IntoRow {
    /// The row.
    fn into_row(self) -> Pairs;
}

impl IntoRow for StatementRow {
    fn into_row(self) -> Pairs {
        self.0
    }
}

impl<K: Into<String>, V: Into<String>, I: IntoIterator<Item = (K, V)>> IntoRow for I {
    fn into_row(self) -> Pairs {
        self.into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect()
    }
}

/// Builds a [`crate::model::Dataset`] in memory (see the module docs).
#[derive(Debug, Clone, Default)]
pub struct DatasetBuilder {
    name: String,
    statements: Vec<Pairs>,
    actors: Option<Vec<Pairs>>,
    stances: Option<Vec<Pairs>>,
    countries: Option<Vec<Pairs>>,
}

impl DatasetBuilder {
    /// An empty dataset named `name` (in messages, its tables are
    /// `<name>/statements`, `<name>/actors`, ...).
    pub fn new(name: impl Into<String>) -> DatasetBuilder {
        DatasetBuilder {
            name: name.into(),
            ..DatasetBuilder::default()
        }
    }

    /// Adds a statement: its row number is the number of statements added
    /// so far, with this one.
    pub fn statement(&mut self, row: impl IntoRow) -> &mut Self {
        self.statements.push(row.into_row());
        self
    }

    /// Adds a row of the actors table (`id`, `label`, `kind`, `country`,
    /// `role`, and any attribute). With an actors table, every actor a
    /// statement names must be in it, as with `actors.csv`.
    pub fn actor(&mut self, row: impl IntoRow) -> &mut Self {
        self.actors
            .get_or_insert_with(Vec::new)
            .push(row.into_row());
        self
    }

    /// Adds a row of the stances table (`id`, `label`, `topic`, and any
    /// attribute).
    pub fn stance(&mut self, row: impl IntoRow) -> &mut Self {
        self.stances
            .get_or_insert_with(Vec::new)
            .push(row.into_row());
        self
    }

    /// Adds a row of the countries table (`id`, `label`, and any
    /// attribute).
    pub fn country(&mut self, row: impl IntoRow) -> &mut Self {
        self.countries
            .get_or_insert_with(Vec::new)
            .push(row.into_row());
        self
    }

    /// Validates every row and returns the dataset, or every problem found.
    pub fn build(&self) -> Result<Loaded, Diagnostics> {
        let mut report = Report::default();
        let name = self.name.as_str();
        let mut table = |rows: &Option<Vec<Pairs>>, schema: Schema| {
            let rows = rows.as_ref()?;
            read(
                &format!("{name}/{}", schema.name),
                rows,
                schema,
                &mut report,
            )
        };
        let side = SideTables {
            countries: table(&self.countries, COUNTRIES),
            actors: table(&self.actors, ACTORS),
            stances: table(&self.stances, STANCES),
        };
        let statements = read(
            &format!("{name}/statements"),
            &self.statements,
            STATEMENTS,
            &mut report,
        );
        let dataset = statements.and_then(|t| resolve_tables(name, &t, side, &mut report));
        conclude(name, dataset, report)
    }
}

/// Reads rows into a table of `schema`, as a file's rows are read: the
/// columns of every row, in order of first appearance, are the header.
fn read(file: &str, rows: &[Pairs], schema: Schema, report: &mut Report) -> Option<Table> {
    let mut names: Vec<String> = Vec::new();
    for (column, _) in rows.iter().flatten() {
        if !names.iter().any(|n| n.eq_ignore_ascii_case(column.trim())) {
            names.push(column.trim().to_string());
        }
    }
    if rows.is_empty() {
        // No rows: an empty table with the columns it needs.
        names = schema.required.iter().map(|c| c.to_string()).collect();
    }
    let (map, named) = map_named_header(file, &names, &schema, None, report)?;
    let mut table = Table::new(file, schema);
    let header_at = RowAt::Numbered {
        row: 0,
        columns: named.clone(),
    };
    table.header(file, &header_at, &map.extra);
    for (i, row) in rows.iter().enumerate() {
        let at = RowAt::Numbered {
            row: i as u64 + 1,
            columns: named.clone(),
        };
        let mut cells = Cells::new(&at, map.extra.len());
        for (column, raw) in row {
            let Some(position) = names
                .iter()
                .position(|n| n.eq_ignore_ascii_case(column.trim()))
            else {
                continue;
            };
            if let Some(col) = map.columns[position] {
                cells.set(col, raw);
            }
        }
        table.row(file, cells);
    }
    Some(table)
}
