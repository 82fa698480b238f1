//! Checking that a database is a DNA 3 database with every table and
//! column read, and finding the statement type and its variables.

use super::{DataType, Db, Failure, Variable};
use crate::load::diag::DiagnosticKind;

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

/// The names of the tables in the database, as stored.
pub(super) fn table_names(db: &Db) -> Result<Vec<String>, Failure> {
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
pub(super) fn check_schema(db: &Db) -> Result<(), Failure> {
    let names = table_names(db)?;
    let has = |t: &str| names.iter().any(|n| n.eq_ignore_ascii_case(t));
    if !has("SETTINGS") && !has("STATEMENTS") {
        return Err(db.whole(DiagnosticKind::Format, format!(
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
            return Err(db.whole(DiagnosticKind::Unsupported, format!(
                "a DNA 2 database (version {v}); stancegraph reads DNA 3 databases: open this one in DNA 3, which imports DNA 2 databases, save it, and export that"
            )));
        }
    }
    let attribute_tables = [ATTRIBUTE_VALUES];
    for (table, columns) in TABLES.iter().chain(attribute_tables.iter()) {
        if !has(table) {
            return Err(db.whole(DiagnosticKind::Structure, format!(
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
                return Err(db.whole(DiagnosticKind::Structure, format!(
                    "table {table} has no column {column} (its columns: {}), so this is not a DNA 3 database stancegraph can read",
                    present.join(", ")
                )));
            }
        }
    }
    Ok(())
}

pub(super) fn statement_type(db: &Db, label: &str, flag: &str) -> Result<i64, Failure> {
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
            db.whole(
                DiagnosticKind::Structure,
                format!(
                    "no statement type '{label}' (the database has {}); choose one with {flag}",
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                ),
            )
        })
}

pub(super) fn variables(db: &Db, type_id: i64, type_label: &str) -> Result<Vec<Variable>, Failure> {
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
                DiagnosticKind::Value, "VARIABLES",
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

pub(super) fn find_variable(
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
            db.whole(DiagnosticKind::Structure, format!(
                "statement type '{type_label}' has no variable '{name}' for the {role} (its variables: {}); choose one with {flag}",
                known.join(", ")
            ))
        })
}
