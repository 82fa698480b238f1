//! Reading a Discourse Network Analyzer (DNA 3) database: an SQLite file,
//! opened read-only through rusqlite's bundled SQLite.
//!
//! The schema is DNA's (its `sql/Sql.java`): statements of one statement
//! type, each with one value per variable in `DATASHORTTEXT` (an entity),
//! `DATABOOLEAN`, `DATAINTEGER` or `DATALONGTEXT`; documents with their
//! text, fields and date (seconds since 1970, UTC); entities with colours
//! and attributes. The database becomes the same text tables a CSV dataset
//! gives: an actors and a stances table (the entities of the actor and
//! stance variables, with their attributes and colours; `entities.rs`) and
//! a statements table (actor, stance, agree, date, source = the document,
//! quote = the coded span, and every other variable and document field as
//! a field; `statements.rs`), after `schema.rs` has checked the file is a
//! DNA 3 database with every table and column read.

mod documents;
mod entities;
mod schema;
mod statements;

use std::io::Read;
use std::path::Path;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

use super::diag::{Diagnostic, DiagnosticKind, Location, Report};
use super::options::DnaOptions;
use super::resolve::SideTables;
use super::table::{ACTORS, STANCES, Sink};
use documents::Documents;
use entities::{entities, entity_table, merged};
use schema::{check_schema, find_variable, statement_type, variables};
use statements::statements;

/// A variable's data type, as DNA names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DataType {
    ShortText,
    LongText,
    Boolean,
    Integer,
}

impl DataType {
    fn parse(text: &str) -> Option<DataType> {
        match text {
            "short text" => Some(DataType::ShortText),
            "long text" => Some(DataType::LongText),
            "boolean" => Some(DataType::Boolean),
            "integer" => Some(DataType::Integer),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            DataType::ShortText => "short text",
            DataType::LongText => "long text",
            DataType::Boolean => "boolean",
            DataType::Integer => "integer",
        }
    }

    /// The data table and its value column.
    fn table(self) -> (&'static str, &'static str) {
        match self {
            DataType::ShortText => ("DATASHORTTEXT", "Entity"),
            DataType::LongText => ("DATALONGTEXT", "Value"),
            DataType::Boolean => ("DATABOOLEAN", "Value"),
            DataType::Integer => ("DATAINTEGER", "Value"),
        }
    }
}

/// A variable of the statement type.
#[derive(Debug, Clone)]
struct Variable {
    id: i64,
    name: String,
    ty: DataType,
}

/// An entity: a value of a short-text variable.
#[derive(Debug, Clone)]
struct Entity {
    variable: i64,
    /// The value, trimmed.
    value: String,
    /// Whether the value had spaces around it.
    spaced: bool,
    color: Option<[u8; 3]>,
}

/// What a DNA database error looks like: where it is and what is wrong.
type Failure = Diagnostic;

/// The open database and its file name, for messages.
struct Db {
    file: String,
    conn: Connection,
}

impl Db {
    fn at(
        &self,
        kind: DiagnosticKind,
        table: &str,
        id: i64,
        message: impl Into<String>,
    ) -> Diagnostic {
        let location = Location::Record {
            table: table.to_string(),
            id,
        };
        Diagnostic::located(kind, &self.file, location, message)
    }

    fn whole(&self, kind: DiagnosticKind, message: impl Into<String>) -> Diagnostic {
        Diagnostic::file(kind, &self.file, message)
    }

    /// An SQLite error while reading `table`.
    fn sql(&self, table: &str, e: rusqlite::Error) -> Diagnostic {
        self.whole(
            DiagnosticKind::Format,
            format!("cannot read table {table}: {e}"),
        )
    }
}

/// Reads a DNA database: the statements of the chosen statement type with
/// the chosen variables, and the entities of the actor and stance variables
/// as side tables. `None` when the file is not a DNA 3 database this can
/// read (the reason is in `report`).
///
/// The side tables come first: `sink` makes from them what the statements
/// go into, one row at a time (the resolver), and is returned.
pub fn read<S: Sink>(
    path: &Path,
    opts: &DnaOptions,
    report: &mut Report,
    sink: impl FnOnce(SideTables) -> S,
) -> Option<S> {
    let file = path.display().to_string();
    match read_db(&file, path, opts, report, sink) {
        Ok(sink) => Some(sink),
        Err(d) => {
            report.error(d);
            None
        }
    }
}

/// Checks the file's first bytes: SQLite files start with a fixed header.
fn check_header(file: &str, path: &Path) -> Result<(), Failure> {
    let mut start = [0u8; 16];
    let mut f = std::fs::File::open(path)
        .map_err(|e| Diagnostic::file(DiagnosticKind::Io, file, format!("cannot open: {e}")))?;
    let n = f
        .read(&mut start)
        .map_err(|e| Diagnostic::file(DiagnosticKind::Io, file, format!("cannot read: {e}")))?;
    if n == 0 {
        return Err(Diagnostic::file(
            DiagnosticKind::Format,
            file,
            "the file is empty, not a DNA database; a .dna file is the database DNA 3 saves",
        ));
    }
    if n < 16 || &start != b"SQLite format 3\0" {
        return Err(Diagnostic::file(
            DiagnosticKind::Format,
            file,
            "not an SQLite database, so not a DNA 3 database (DNA 3 saves its databases as SQLite files); check the file, or rename it if it holds another format",
        ));
    }
    Ok(())
}

fn read_db<S: Sink>(
    file: &str,
    path: &Path,
    opts: &DnaOptions,
    report: &mut Report,
    sink: impl FnOnce(SideTables) -> S,
) -> Result<S, Failure> {
    check_header(file, path)?;
    // Read-only: the user's database is never written, not even a journal.
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| {
        Diagnostic::file(
            DiagnosticKind::Format,
            file,
            format!("cannot open as SQLite: {e}"),
        )
    })?;
    let db = Db {
        file: file.to_string(),
        conn,
    };
    check_schema(&db)?;
    let spelling = report.spelling;
    let flag = |name: &str| spelling.option(name);
    let type_id = statement_type(&db, &opts.statement_type, &flag("statement-type"))?;
    let variables = variables(&db, type_id, &opts.statement_type)?;
    let find = |name: &str, flag: &str, role: &str| {
        find_variable(&db, &variables, name, flag, role, &opts.statement_type)
    };
    let actor = find(&opts.actor, &flag("actor-variable"), "actor")?;
    let stance = find(&opts.stance, &flag("stance-variable"), "stance")?;
    let agree = find(&opts.agree, &flag("agree-variable"), "agreement")?;
    let target = match &opts.target {
        Some(name) => Some(find(name, &flag("target-variable"), "target")?),
        None => None,
    };
    for (v, flag) in [
        (&actor, flag("actor-variable")),
        (&stance, flag("stance-variable")),
    ]
    .into_iter()
    .chain(target.iter().map(|t| (t, flag("target-variable"))))
    {
        if v.ty != DataType::ShortText {
            return Err(db.at(
                DiagnosticKind::Structure, "VARIABLES",
                v.id,
                format!(
                    "variable '{}' is {}, but actors and stances come from a short-text variable; choose one with {flag}",
                    v.name,
                    v.ty.name()
                ),
            ));
        }
    }
    if agree.ty != DataType::Boolean {
        let what = match agree.ty {
            DataType::Integer => "an integer qualifier (a scale, not agree or disagree)",
            _ => "text",
        };
        return Err(db.at(
            DiagnosticKind::Structure, "VARIABLES",
            agree.id,
            format!(
                "variable '{}' is {what}; stancegraph reads a boolean agreement (1 agree, 0 disagree): choose a boolean variable with {}",
                agree.name,
                flag("agree-variable")
            ),
        ));
    }
    if actor.id == stance.id {
        return Err(db.whole(
            DiagnosticKind::Conflict,
            format!(
                "the actor and the stance are both the variable '{}'; choose two variables",
                actor.name
            ),
        ));
    }
    if let Some(t) = target
        .as_ref()
        .filter(|t| t.id == actor.id || t.id == stance.id)
    {
        let role = if t.id == actor.id { "actor" } else { "stance" };
        return Err(db.whole(
            DiagnosticKind::Conflict,
            format!(
                "the target and the {role} are both the variable '{}'; choose another with {}",
                t.name,
                flag("target-variable")
            ),
        ));
    }
    let entities = entities(&db, &variables)?;
    let documents = Documents::read(&db)?;
    let side = SideTables {
        actors: Some(match &target {
            // Whom statements address are actors too.
            Some(t) => merged(
                entity_table(&db, &actor, ACTORS, &entities, report)?,
                entity_table(&db, t, ACTORS, &entities, report)?,
            ),
            None => entity_table(&db, &actor, ACTORS, &entities, report)?,
        }),
        stances: Some(entity_table(&db, &stance, STANCES, &entities, report)?),
        countries: None,
    };
    let others: Vec<&Variable> = variables
        .iter()
        .filter(|v| ![actor.id, stance.id, agree.id].contains(&v.id))
        .filter(|v| target.as_ref().is_none_or(|t| t.id != v.id))
        .collect();
    let mut sink = sink(side);
    statements(
        &db,
        type_id,
        [&actor, &stance, &agree],
        target.as_ref(),
        &others,
        &entities,
        &documents,
        report,
        &mut sink,
    )?;
    Ok(sink)
}

/// A text value: text as is, numbers as written, NULL as empty.
fn text(value: ValueRef<'_>) -> Option<String> {
    match value {
        ValueRef::Null => None,
        ValueRef::Integer(i) => Some(i.to_string()),
        ValueRef::Real(x) => Some(x.to_string()),
        ValueRef::Text(t) | ValueRef::Blob(t) => Some(String::from_utf8_lossy(t).into_owned()),
    }
}

/// A value that should be an integer and is not: what was found, quoted.
#[derive(Debug, Clone, PartialEq, Eq)]
struct NotAnInteger(String);

impl std::fmt::Display for NotAnInteger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

/// An integer value; `Err` with what was found when it is not one.
fn integer(value: ValueRef<'_>) -> Result<Option<i64>, NotAnInteger> {
    match value {
        ValueRef::Null => Ok(None),
        ValueRef::Integer(i) => Ok(Some(i)),
        ValueRef::Real(x) if x.fract() == 0.0 && x.abs() < 9e15 => Ok(Some(x as i64)),
        other => Err(NotAnInteger(text(other).unwrap_or_default())),
    }
}
