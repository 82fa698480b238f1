//! Reading a Discourse Network Analyzer (DNA 3) database: an SQLite file,
//! opened read-only through rusqlite's bundled SQLite.
//!
//! The schema is DNA's (its `sql/Sql.java`): statements of one statement
//! type, each with one value per variable in `DATASHORTTEXT` (an entity),
//! `DATABOOLEAN`, `DATAINTEGER` or `DATALONGTEXT`; documents with their
//! text, fields and date (seconds since 1970, UTC); entities with colours
//! and attributes. The database becomes the same text tables a CSV dataset
//! gives: an actors and a stances table (the entities of the actor and
//! stance variables, with their attributes and colours) and a statements
//! table (actor, stance, agree, date, source = the document, quote = the
//! coded span, and every other variable and document field as a field).

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::rc::Rc;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

use super::date::date_from_epoch_seconds;
use super::diag::{Diagnostic, Location, Report};
use super::options::DnaOptions;
use super::resolve::SideTables;
use super::table::{ACTORS, Row, RowAt, STANCES, STATEMENTS, Schema, Table};
use crate::model::hex;

/// The tables read, with the columns used from each.
const TABLES: [(&str, &[&str]); 11] = [
    ("SETTINGS", &["Property", "Value"]),
    ("STATEMENTTYPES", &["ID", "Label"]),
    (
        "VARIABLES",
        &["ID", "Variable", "DataType", "StatementTypeId"],
    ),
    (
        "STATEMENTS",
        &["ID", "StatementTypeId", "DocumentId", "Start", "Stop"],
    ),
    (
        "DOCUMENTS",
        &[
            "ID", "Title", "Text", "Author", "Source", "Section", "Type", "Date",
        ],
    ),
    (
        "ENTITIES",
        &["ID", "VariableId", "Value", "Red", "Green", "Blue"],
    ),
    (
        "DATASHORTTEXT",
        &["ID", "StatementId", "VariableId", "Entity"],
    ),
    ("DATABOOLEAN", &["ID", "StatementId", "VariableId", "Value"]),
    ("DATAINTEGER", &["ID", "StatementId", "VariableId", "Value"]),
    (
        "DATALONGTEXT",
        &["ID", "StatementId", "VariableId", "Value"],
    ),
    (
        "ATTRIBUTEVARIABLES",
        &["ID", "VariableId", "AttributeVariable"],
    ),
];

/// The attribute values table, read with its variables.
const ATTRIBUTE_VALUES: (&str, &[&str]) = (
    "ATTRIBUTEVALUES",
    &["EntityId", "AttributeVariableId", "AttributeValue"],
);

/// The document fields every statement keeps, as statement fields.
const DOCUMENT_FIELDS: [&str; 6] = [
    "document_id",
    "document_title",
    "document_author",
    "document_source",
    "document_section",
    "document_type",
];

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
    value: String,
    color: Option<[u8; 3]>,
}

/// A document's fields.
#[derive(Debug, Clone)]
struct Document {
    title: String,
    author: String,
    source: String,
    section: String,
    kind: String,
    date: i64,
}

/// What a DNA database error looks like: where it is and what is wrong.
type Failure = Diagnostic;

/// The open database and its file name, for messages.
struct Db {
    file: String,
    conn: Connection,
}

impl Db {
    fn at(&self, table: &str, id: i64, message: impl Into<String>) -> Diagnostic {
        let location = Location::Record {
            table: table.to_string(),
            id,
        };
        Diagnostic::located(&self.file, location, message)
    }

    fn whole(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::file(&self.file, message)
    }

    /// An SQLite error while reading `table`.
    fn sql(&self, table: &str, e: rusqlite::Error) -> Diagnostic {
        self.whole(format!("cannot read table {table}: {e}"))
    }
}

/// Reads a DNA database: the statements of the chosen statement type with
/// the chosen variables, and the entities of the actor and stance variables
/// as side tables. `None` when the file is not a DNA 3 database this can
/// read (the reason is in `report`).
pub fn read(path: &Path, opts: &DnaOptions, report: &mut Report) -> Option<(Table, SideTables)> {
    let file = path.display().to_string();
    match read_db(&file, path, opts, report) {
        Ok(tables) => Some(tables),
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
        .map_err(|e| Diagnostic::file(file, format!("cannot open: {e}")))?;
    let n = f
        .read(&mut start)
        .map_err(|e| Diagnostic::file(file, format!("cannot read: {e}")))?;
    if n == 0 {
        return Err(Diagnostic::file(
            file,
            "the file is empty, not a DNA database; a .dna file is the database DNA 3 saves",
        ));
    }
    if n < 16 || &start != b"SQLite format 3\0" {
        return Err(Diagnostic::file(
            file,
            "not an SQLite database, so not a DNA 3 database (DNA 3 saves its databases as SQLite files); check the file, or rename it if it holds another format",
        ));
    }
    Ok(())
}

fn read_db(
    file: &str,
    path: &Path,
    opts: &DnaOptions,
    report: &mut Report,
) -> Result<(Table, SideTables), Failure> {
    check_header(file, path)?;
    // Read-only: the user's database is never written, not even a journal.
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)
        .map_err(|e| Diagnostic::file(file, format!("cannot open as SQLite: {e}")))?;
    let db = Db {
        file: file.to_string(),
        conn,
    };
    check_schema(&db)?;
    let type_id = statement_type(&db, &opts.statement_type)?;
    let variables = variables(&db, type_id, &opts.statement_type)?;
    let find = |name: &str, flag: &str, role: &str| {
        find_variable(&db, &variables, name, flag, role, &opts.statement_type)
    };
    let actor = find(&opts.actor, "--actor-variable", "actor")?;
    let stance = find(&opts.stance, "--stance-variable", "stance")?;
    let agree = find(&opts.agree, "--agree-variable", "agreement")?;
    for (v, flag) in [(&actor, "--actor-variable"), (&stance, "--stance-variable")] {
        if v.ty != DataType::ShortText {
            return Err(db.at(
                "VARIABLES",
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
            "VARIABLES",
            agree.id,
            format!(
                "variable '{}' is {what}; stancegraph reads a boolean agreement (1 agree, 0 disagree): choose a boolean variable with --agree-variable",
                agree.name
            ),
        ));
    }
    if actor.id == stance.id {
        return Err(db.whole(format!(
            "the actor and the stance are both the variable '{}'; choose two variables",
            actor.name
        )));
    }
    let entities = entities(&db, &variables)?;
    let documents = documents(&db)?;
    let side = SideTables {
        actors: Some(entity_table(&db, &actor, ACTORS, &entities, report)?),
        stances: Some(entity_table(&db, &stance, STANCES, &entities, report)?),
        countries: None,
    };
    let others: Vec<&Variable> = variables
        .iter()
        .filter(|v| ![actor.id, stance.id, agree.id].contains(&v.id))
        .collect();
    let statements = statements(
        &db,
        type_id,
        [&actor, &stance, &agree],
        &others,
        &entities,
        &documents,
        report,
    )?;
    Ok((statements, side))
}

/// The names of the tables in the database, as stored.
fn table_names(db: &Db) -> Result<Vec<String>, Failure> {
    let mut q = db
        .conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .map_err(|e| db.sql("sqlite_master", e))?;
    let names = q
        .query_map([], |r| r.get::<_, String>(0))
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .map_err(|e| db.sql("sqlite_master", e))?;
    Ok(names)
}

/// Checks that the database is a DNA 3 database with every table and
/// column read here.
fn check_schema(db: &Db) -> Result<(), Failure> {
    let names = table_names(db)?;
    let has = |t: &str| names.iter().any(|n| n.eq_ignore_ascii_case(t));
    if !has("SETTINGS") && !has("STATEMENTS") {
        return Err(db.whole(format!(
            "an SQLite database, but not a DNA database: it has no SETTINGS or STATEMENTS table (its tables: {}); open a database that DNA 3 saved",
            if names.is_empty() { "none".to_string() } else { names.join(", ") }
        )));
    }
    if has("SETTINGS") {
        let version: Option<String> = db
            .conn
            .query_row(
                "SELECT Value FROM SETTINGS WHERE Property = 'version'",
                [],
                |r| r.get(0),
            )
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })
            .map_err(|e| db.sql("SETTINGS", e))?;
        if let Some(v) = version.filter(|v| v.trim_start().starts_with('2')) {
            return Err(db.whole(format!(
                "a DNA 2 database (version {v}); stancegraph reads DNA 3 databases: open this one in DNA 3, which imports DNA 2 databases, save it, and export that"
            )));
        }
    }
    let attribute_tables = [ATTRIBUTE_VALUES];
    for (table, columns) in TABLES.iter().chain(attribute_tables.iter()) {
        if !has(table) {
            return Err(db.whole(format!(
                "table {table} is missing, so this is not a complete DNA 3 database; open it in DNA 3 and save it again"
            )));
        }
        let mut q = db
            .conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .map_err(|e| db.sql(table, e))?;
        let present = q
            .query_map([], |r| r.get::<_, String>(0))
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| db.sql(table, e))?;
        for column in *columns {
            if !present.iter().any(|p| p.eq_ignore_ascii_case(column)) {
                return Err(db.whole(format!(
                    "table {table} has no column {column} (its columns: {}), so this is not a DNA 3 database stancegraph can read",
                    present.join(", ")
                )));
            }
        }
    }
    Ok(())
}

fn statement_type(db: &Db, label: &str) -> Result<i64, Failure> {
    let mut q = db
        .conn
        .prepare("SELECT ID, Label FROM STATEMENTTYPES ORDER BY ID")
        .map_err(|e| db.sql("STATEMENTTYPES", e))?;
    let types = q
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .map_err(|e| db.sql("STATEMENTTYPES", e))?;
    let folded = label.to_lowercase();
    types
        .iter()
        .find(|(_, l)| l == label)
        .or_else(|| types.iter().find(|(_, l)| l.to_lowercase() == folded))
        .map(|(id, _)| *id)
        .ok_or_else(|| {
            let known: Vec<String> = types.iter().map(|(_, l)| format!("'{l}'")).collect();
            db.whole(format!(
                "no statement type '{label}' (the database has {}); choose one with --statement-type",
                if known.is_empty() { "none".to_string() } else { known.join(", ") }
            ))
        })
}

fn variables(db: &Db, type_id: i64, type_label: &str) -> Result<Vec<Variable>, Failure> {
    let mut q = db
        .conn
        .prepare(
            "SELECT ID, Variable, DataType FROM VARIABLES WHERE StatementTypeId = ? ORDER BY ID",
        )
        .map_err(|e| db.sql("VARIABLES", e))?;
    let rows = q
        .query_map([type_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .map_err(|e| db.sql("VARIABLES", e))?;
    let mut out = Vec::new();
    for (id, name, ty) in rows {
        let ty = DataType::parse(&ty).ok_or_else(|| {
            db.at(
                "VARIABLES",
                id,
                format!(
                    "variable '{name}' of statement type '{type_label}' has the data type '{ty}'; DNA's types are short text, long text, boolean and integer"
                ),
            )
        })?;
        out.push(Variable { id, name, ty });
    }
    Ok(out)
}

fn find_variable(
    db: &Db,
    variables: &[Variable],
    name: &str,
    flag: &str,
    role: &str,
    type_label: &str,
) -> Result<Variable, Failure> {
    let folded = name.to_lowercase();
    variables
        .iter()
        .find(|v| v.name == name)
        .or_else(|| variables.iter().find(|v| v.name.to_lowercase() == folded))
        .cloned()
        .ok_or_else(|| {
            let known: Vec<String> = variables
                .iter()
                .map(|v| format!("{} ({})", v.name, v.ty.name()))
                .collect();
            db.whole(format!(
                "statement type '{type_label}' has no variable '{name}' for the {role} (its variables: {}); choose one with {flag}",
                known.join(", ")
            ))
        })
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

/// An integer value; `Err` with what was found when it is not one.
fn integer(value: ValueRef<'_>) -> Result<Option<i64>, String> {
    match value {
        ValueRef::Null => Ok(None),
        ValueRef::Integer(i) => Ok(Some(i)),
        ValueRef::Real(x) if x.fract() == 0.0 && x.abs() < 9e15 => Ok(Some(x as i64)),
        other => Err(format!("{:?}", text(other).unwrap_or_default())),
    }
}

/// The entities of the statement type's short-text variables, by ID.
fn entities(db: &Db, variables: &[Variable]) -> Result<HashMap<i64, Entity>, Failure> {
    let ids: Vec<String> = variables
        .iter()
        .filter(|v| v.ty == DataType::ShortText)
        .map(|v| v.id.to_string())
        .collect();
    let mut out = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let sql = format!(
        "SELECT ID, VariableId, Value, Red, Green, Blue FROM ENTITIES WHERE VariableId IN ({}) ORDER BY ID",
        ids.join(",")
    );
    let mut q = db.conn.prepare(&sql).map_err(|e| db.sql("ENTITIES", e))?;
    let mut rows = q.query([]).map_err(|e| db.sql("ENTITIES", e))?;
    while let Some(r) = rows.next().map_err(|e| db.sql("ENTITIES", e))? {
        let get = |i| r.get_ref(i).map_err(|e| db.sql("ENTITIES", e));
        let id = integer(get(0)?).ok().flatten().unwrap_or_default();
        let variable = integer(get(1)?).ok().flatten().unwrap_or_default();
        let value = text(get(2)?).unwrap_or_default();
        let mut rgb = [0u8; 3];
        let mut has_color = true;
        for (c, slot) in rgb.iter_mut().enumerate() {
            match integer(get(3 + c)?) {
                Ok(Some(v)) if (0..=255).contains(&v) => *slot = v as u8,
                Ok(None) => has_color = false,
                _ => {
                    return Err(db.at(
                        "ENTITIES",
                        id,
                        "the colour (Red, Green, Blue) is not three numbers from 0 to 255",
                    ));
                }
            }
        }
        out.insert(
            id,
            Entity {
                variable,
                value: value.trim().to_string(),
                color: has_color.then_some(rgb),
            },
        );
    }
    Ok(out)
}

fn documents(db: &Db) -> Result<HashMap<i64, Document>, Failure> {
    let sql = "SELECT ID, Title, Author, Source, Section, Type, Date FROM DOCUMENTS ORDER BY ID";
    let mut q = db.conn.prepare(sql).map_err(|e| db.sql("DOCUMENTS", e))?;
    let mut rows = q.query([]).map_err(|e| db.sql("DOCUMENTS", e))?;
    let mut out = HashMap::new();
    while let Some(r) = rows.next().map_err(|e| db.sql("DOCUMENTS", e))? {
        let get = |i| r.get_ref(i).map_err(|e| db.sql("DOCUMENTS", e));
        let id = integer(get(0)?).ok().flatten().unwrap_or_default();
        let field = |i| -> Result<String, Failure> { Ok(text(get(i)?).unwrap_or_default()) };
        let date = match integer(get(6)?) {
            Ok(Some(d)) => d,
            Ok(None) | Err(_) => {
                return Err(db.at(
                    "DOCUMENTS",
                    id,
                    "the Date is not a whole number of seconds since 1970",
                ));
            }
        };
        out.insert(
            id,
            Document {
                title: field(1)?.trim().to_string(),
                author: field(2)?.trim().to_string(),
                source: field(3)?.trim().to_string(),
                section: field(4)?.trim().to_string(),
                kind: field(5)?.trim().to_string(),
                date,
            },
        );
    }
    Ok(out)
}

/// The entities of one variable as a side table: the value is the label,
/// DNA's attributes are extra columns (or the built-in column of the same
/// name), the entity colour is the `color` column. The empty entity DNA
/// keeps for every variable is left out.
fn entity_table(
    db: &Db,
    variable: &Variable,
    schema: Schema,
    entities: &HashMap<i64, Entity>,
    report: &mut Report,
) -> Result<Table, Failure> {
    let mut q = db
        .conn
        .prepare(
            "SELECT ID, AttributeVariable FROM ATTRIBUTEVARIABLES WHERE VariableId = ? ORDER BY ID",
        )
        .map_err(|e| db.sql("ATTRIBUTEVARIABLES", e))?;
    let attributes = q
        .query_map([variable.id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .map_err(|e| db.sql("ATTRIBUTEVARIABLES", e))?;
    // Each attribute fills a built-in column of the same name (kind,
    // country, role; topic) or an extra column.
    enum Slot {
        Schema(usize),
        Extra(usize),
    }
    let mut slots = Vec::new();
    let mut extra: Vec<String> = Vec::new();
    let mut places: Vec<(&'static str, Option<i64>)> = Vec::new();
    for (id, name) in &attributes {
        if super::attributes::is_color(name) {
            return Err(db.at(
                "ATTRIBUTEVARIABLES",
                *id,
                format!(
                    "the attribute '{name}' of variable '{}' has the name stancegraph gives DNA's entity colours; rename the attribute in DNA",
                    variable.name
                ),
            ));
        }
        match schema.find(name).filter(|c| *c >= 2) {
            Some(c) => slots.push(Slot::Schema(c)),
            None => {
                slots.push(Slot::Extra(extra.len()));
                extra.push(name.trim().to_string());
                places.push(("ATTRIBUTEVARIABLES", Some(*id)));
            }
        }
    }
    let color_column = extra.len();
    extra.push("color".to_string());
    places.push(("ENTITIES", None));

    let mut values: HashMap<(i64, i64), String> = HashMap::new();
    if !attributes.is_empty() {
        let ids: Vec<String> = attributes.iter().map(|(id, _)| id.to_string()).collect();
        let sql = format!(
            "SELECT EntityId, AttributeVariableId, AttributeValue FROM ATTRIBUTEVALUES WHERE AttributeVariableId IN ({})",
            ids.join(",")
        );
        let mut q = db
            .conn
            .prepare(&sql)
            .map_err(|e| db.sql("ATTRIBUTEVALUES", e))?;
        let mut rows = q.query([]).map_err(|e| db.sql("ATTRIBUTEVALUES", e))?;
        while let Some(r) = rows.next().map_err(|e| db.sql("ATTRIBUTEVALUES", e))? {
            let get = |i| r.get_ref(i).map_err(|e| db.sql("ATTRIBUTEVALUES", e));
            let (Ok(Some(entity)), Ok(Some(attr))) = (integer(get(0)?), integer(get(1)?)) else {
                continue;
            };
            if let Some(v) = text(get(2)?) {
                values.insert((entity, attr), v.trim().to_string());
            }
        }
    }

    let mut ids: Vec<i64> = entities
        .iter()
        .filter(|(_, e)| e.variable == variable.id && !e.value.is_empty())
        .map(|(id, _)| *id)
        .collect();
    ids.sort_unstable();
    let kind = match variable.name.to_lowercase().as_str() {
        "person" => Some("person"),
        "organization" | "organisation" => Some("organization"),
        _ => None,
    };
    let mut rows = Vec::with_capacity(ids.len());
    for id in ids {
        let entity = &entities[&id];
        let mut row = Row {
            at: RowAt::Record {
                table: "ENTITIES",
                id,
            },
            values: vec![None; schema.columns.len()],
            extra: vec![None; extra.len()],
        };
        row.values[1] = Some(entity.value.clone());
        if schema.name == ACTORS.name {
            row.values[2] = kind.map(str::to_string);
        }
        for ((attr, _), slot) in attributes.iter().zip(&slots) {
            let value = values.get(&(id, *attr)).filter(|v| !v.is_empty()).cloned();
            match slot {
                Slot::Schema(c) => row.values[*c] = value,
                Slot::Extra(e) => row.extra[*e] = value,
            }
        }
        row.extra[color_column] = entity.color.map(hex);
        rows.push(row);
    }
    let _ = report;
    Ok(Table {
        file: db.file.clone(),
        schema,
        extra,
        header: RowAt::Columns(Rc::from(places)),
        rows,
    })
}

/// The byte offset in `text` of each UTF-16 offset 0..=len (Java's string
/// offsets, as DNA stores `Start` and `Stop`); an offset inside a surrogate
/// pair maps to the start of its character.
fn utf16_offsets(text: &str) -> Vec<usize> {
    let mut out = Vec::with_capacity(text.len() + 1);
    for (byte, c) in text.char_indices() {
        for _ in 0..c.len_utf16() {
            out.push(byte);
        }
    }
    out.push(text.len());
    out
}

/// The statements of the type, in ID order, as rows of the statements
/// table: actor and stance entity values, agreement, the document's date
/// and title, the coded span, and every other variable and document field.
fn statements(
    db: &Db,
    type_id: i64,
    [actor, stance, agree]: [&Variable; 3],
    others: &[&Variable],
    entities: &HashMap<i64, Entity>,
    documents: &HashMap<i64, Document>,
    report: &mut Report,
) -> Result<Table, Failure> {
    let all: Vec<&Variable> = [actor, stance, agree]
        .into_iter()
        .chain(others.iter().copied())
        .collect();
    // One LEFT JOIN per variable: its data row's ID and value.
    let mut select = String::from("SELECT s.ID, s.DocumentId, s.Start, s.Stop");
    let mut joins = String::new();
    for (i, v) in all.iter().enumerate() {
        let (table, column) = v.ty.table();
        select.push_str(&format!(", d{i}.ID, d{i}.{column}"));
        joins.push_str(&format!(
            " LEFT JOIN {table} d{i} ON d{i}.StatementId = s.ID AND d{i}.VariableId = {}",
            v.id
        ));
    }
    let sql =
        format!("{select} FROM STATEMENTS s{joins} WHERE s.StatementTypeId = ? ORDER BY s.ID");
    let mut q = db.conn.prepare(&sql).map_err(|e| db.sql("STATEMENTS", e))?;
    let mut rows = q.query([type_id]).map_err(|e| db.sql("STATEMENTS", e))?;

    let extra: Vec<String> = others
        .iter()
        .map(|v| v.name.trim().to_string())
        .chain(DOCUMENT_FIELDS.iter().map(|s| s.to_string()))
        .collect();
    let mut places: Vec<(&'static str, Option<i64>)> =
        others.iter().map(|v| ("VARIABLES", Some(v.id))).collect();
    places.extend(DOCUMENT_FIELDS.iter().map(|_| ("DOCUMENTS", None)));
    let mut table = Table {
        file: db.file.clone(),
        schema: STATEMENTS,
        extra,
        header: RowAt::Columns(Rc::from(places)),
        rows: Vec::new(),
    };
    // (statement row, document, start, stop), for the quotes.
    let mut spans: Vec<(usize, i64, i64, i64)> = Vec::new();
    let mut empty: Vec<i64> = Vec::new();
    let sources = source_names(documents);
    let col = |name: &str| STATEMENTS.index(name).expect("a statements column");
    while let Some(r) = rows.next().map_err(|e| db.sql("STATEMENTS", e))? {
        let get = |i| r.get_ref(i).map_err(|e| db.sql("STATEMENTS", e));
        let id = integer(get(0)?).ok().flatten().unwrap_or_default();
        let int = |i| -> Result<Option<i64>, Failure> { Ok(integer(get(i)?).ok().flatten()) };
        let (Some(doc), Some(start), Some(stop)) = (int(1)?, int(2)?, int(3)?) else {
            report.error(db.at(
                "STATEMENTS",
                id,
                "DocumentId, Start and Stop must be whole numbers",
            ));
            continue;
        };
        let Some(document) = documents.get(&doc) else {
            report.error(db.at(
                "STATEMENTS",
                id,
                format!("the statement is in document {doc}, which is not in DOCUMENTS; the database is damaged: delete the statement in DNA or restore the document"),
            ));
            continue;
        };
        let mut values: Vec<Option<String>> = vec![None; STATEMENTS.columns.len()];
        let mut fields: Vec<Option<String>> = vec![None; table.extra.len()];
        let mut ok = true;
        for (i, v) in all.iter().enumerate() {
            let data_id = integer(get(4 + 2 * i)?).ok().flatten();
            let raw = get(5 + 2 * i)?;
            let (data_table, _) = v.ty.table();
            let value = match (v.ty, data_id) {
                (_, None) => None,
                (DataType::ShortText, Some(d)) => match integer(raw) {
                    Ok(Some(e)) => match entities.get(&e) {
                        Some(entity) if entity.variable == v.id => {
                            Some(entity.value.clone()).filter(|s| !s.is_empty())
                        }
                        Some(_) => {
                            report.error(db.at(data_table, d, format!("the value of variable '{}' is entity {e}, which belongs to another variable; the database is damaged: recode the statement in DNA", v.name)));
                            ok = false;
                            None
                        }
                        None => {
                            report.error(db.at(data_table, d, format!("the value of variable '{}' points to entity {e}, which is not in ENTITIES; the database is damaged: recode the statement in DNA", v.name)));
                            ok = false;
                            None
                        }
                    },
                    _ => {
                        report.error(db.at(data_table, d, "the Entity is not an entity ID"));
                        ok = false;
                        None
                    }
                },
                (DataType::Boolean, Some(d)) => match integer(raw) {
                    Ok(Some(0)) => Some("false".to_string()),
                    Ok(Some(1)) => Some("true".to_string()),
                    _ => {
                        report.error(db.at(
                            data_table,
                            d,
                            format!(
                                "the value of the boolean variable '{}' is {}, not 0 or 1",
                                v.name,
                                text(raw).unwrap_or_else(|| "NULL".into())
                            ),
                        ));
                        ok = false;
                        None
                    }
                },
                (DataType::Integer, Some(d)) => match integer(raw) {
                    Ok(v) => v.map(|v| v.to_string()),
                    Err(found) => {
                        report.error(db.at(
                            data_table,
                            d,
                            format!("the value of the integer variable '{}' is {found}", v.name),
                        ));
                        ok = false;
                        None
                    }
                },
                (DataType::LongText, Some(_)) => text(raw).filter(|s| !s.trim().is_empty()),
            };
            match i {
                0 => values[col("actor")] = value,
                1 => values[col("stance")] = value,
                2 => {
                    if data_id.is_none() {
                        report.error(db.at("STATEMENTS", id, format!("the statement has no value for the agreement variable '{}' in DATABOOLEAN; set it in DNA", agree.name)));
                        ok = false;
                    }
                    values[col("agree")] = value;
                }
                _ => fields[i - 3] = value,
            }
        }
        if !ok {
            continue;
        }
        if values[col("actor")].is_none() || values[col("stance")].is_none() {
            empty.push(id);
            continue;
        }
        let Some(date) = date_from_epoch_seconds(document.date) else {
            report.error(db.at(
                "DOCUMENTS",
                doc,
                format!("the Date {} is out of range", document.date),
            ));
            continue;
        };
        values[col("date")] = Some(date.to_string());
        values[col("source")] = Some(sources[&doc].clone());
        values[col("id")] = Some(id.to_string());
        let doc_fields = [
            doc.to_string(),
            document.title.clone(),
            document.author.clone(),
            document.source.clone(),
            document.section.clone(),
            document.kind.clone(),
        ];
        for (slot, value) in fields[others.len()..].iter_mut().zip(doc_fields) {
            *slot = Some(value).filter(|v| !v.is_empty());
        }
        spans.push((table.rows.len(), doc, start, stop));
        table.rows.push(Row {
            at: RowAt::Record {
                table: "STATEMENTS",
                id,
            },
            values,
            extra: fields,
        });
    }
    drop(rows);
    quotes(db, &mut table, &mut spans, report)?;
    if !empty.is_empty() {
        let shown: Vec<String> = empty.iter().take(10).map(|i| i.to_string()).collect();
        report.warn(Diagnostic::located(
            &db.file,
            Location::Record {
                table: "STATEMENTS".to_string(),
                id: empty[0],
            },
            format!(
                "{} statement{} with an empty {} or {} {} left out, as DNA leaves them out (IDs {}{})",
                empty.len(),
                if empty.len() == 1 { "" } else { "s" },
                actor.name,
                stance.name,
                if empty.len() == 1 { "is" } else { "are" },
                shown.join(", "),
                if empty.len() > 10 { ", ..." } else { "" }
            ),
        ));
    }
    Ok(table)
}

/// Each document's name as a source: its title, or `document N` without
/// one; titles that several documents share get their ID added, so that
/// `--duplicates document` keeps documents apart as DNA does.
fn source_names(documents: &HashMap<i64, Document>) -> HashMap<i64, String> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for d in documents.values() {
        *count.entry(d.title.as_str()).or_default() += 1;
    }
    documents
        .iter()
        .map(|(id, d)| {
            let name = match (d.title.as_str(), count[d.title.as_str()]) {
                ("", _) => format!("document {id}"),
                (t, 1) => t.to_string(),
                (t, _) => format!("{t} (document {id})"),
            };
            (*id, name)
        })
        .collect()
}

/// Fills each statement's quote with its span of the document text,
/// reading each document once.
fn quotes(
    db: &Db,
    table: &mut Table,
    spans: &mut [(usize, i64, i64, i64)],
    report: &mut Report,
) -> Result<(), Failure> {
    spans.sort_by_key(|(row, doc, _, _)| (*doc, *row));
    let mut q = db
        .conn
        .prepare("SELECT Text FROM DOCUMENTS WHERE ID = ?")
        .map_err(|e| db.sql("DOCUMENTS", e))?;
    let quote = STATEMENTS.index("quote").expect("a statements column");
    for group in spans.chunk_by(|a, b| a.1 == b.1) {
        let doc = group[0].1;
        let text: String = q
            .query_row([doc], |r| Ok(text(r.get_ref(0)?).unwrap_or_default()))
            .map_err(|e| db.sql("DOCUMENTS", e))?;
        let offsets = (!text.is_ascii()).then(|| utf16_offsets(&text));
        let units = offsets.as_ref().map_or(text.len(), |o| o.len() - 1);
        let byte = |unit: i64| -> usize {
            let unit = unit as usize;
            offsets.as_ref().map_or(unit, |o| o[unit])
        };
        for &(row, _, start, stop) in group {
            if start < 0 || stop < start || stop as usize > units {
                let id = table.rows[row].at.number() as i64;
                report.error(db.at(
                    "STATEMENTS",
                    id,
                    format!(
                        "the coded span {start}..{stop} lies outside document {doc}, whose text has {units} characters (UTF-16 units); recode the statement in DNA"
                    ),
                ));
                continue;
            }
            let span = text[byte(start)..byte(stop)].trim();
            table.rows[row].values[quote] = (!span.is_empty()).then(|| span.to_string());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_count_astral_characters_twice() {
        let text = "a😀b é";
        let o = utf16_offsets(text);
        // a(1) 😀(2 units, 4 bytes) b(1) space(1) é(1 unit, 2 bytes)
        assert_eq!(o, [0, 1, 1, 5, 6, 7, 9]);
        assert_eq!(&text[o[3]..o[4]], "b");
    }
}
