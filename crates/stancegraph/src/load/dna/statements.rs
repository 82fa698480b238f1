//! The statements of one statement type as rows of the statements table:
//! their variables' values, their document's date and fields, and the coded
//! span of the document text as the quote.

use std::collections::HashMap;
use std::rc::Rc;

use rusqlite::types::ValueRef;

use super::{DataType, Db, Document, Entity, Failure, Variable, integer, text};
use crate::load::date::date_from_epoch_seconds;
use crate::load::diag::{Diagnostic, DiagnosticKind, Location, Report};
use crate::load::table::{Row, RowAt, STATEMENTS, Table};

/// The document fields every statement keeps, as statement fields.
const DOCUMENT_FIELDS: [&str; 6] = [
    "document_id",
    "document_title",
    "document_author",
    "document_source",
    "document_section",
    "document_type",
];

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

/// One query for every statement of the type: its document and span, and
/// per variable (one LEFT JOIN each) its data row's ID and value.
fn query(variables: &[&Variable]) -> String {
    let mut select = String::from("SELECT s.ID, s.DocumentId, s.Start, s.Stop");
    let mut joins = String::new();
    for (i, v) in variables.iter().enumerate() {
        let (table, column) = v.ty.table();
        select.push_str(&format!(", d{i}.ID, d{i}.{column}"));
        joins.push_str(&format!(
            " LEFT JOIN {table} d{i} ON d{i}.StatementId = s.ID AND d{i}.VariableId = {}",
            v.id
        ));
    }
    format!("{select} FROM STATEMENTS s{joins} WHERE s.StatementTypeId = ? ORDER BY s.ID")
}

/// A variable's value as text: an entity's value, `true`/`false`, a number
/// or the long text; `None` when the statement has none (or DNA's empty
/// entity). `Err` when the value is damaged (reported).
fn decode(
    db: &Db,
    v: &Variable,
    data: Option<i64>,
    raw: ValueRef<'_>,
    entities: &HashMap<i64, Entity>,
    report: &mut Report,
) -> Result<Option<String>, ()> {
    let Some(row) = data else {
        return Ok(None);
    };
    let (table, _) = v.ty.table();
    let mut fail = |kind: DiagnosticKind, message: String| {
        report.error(db.at(kind, table, row, message));
        Err(())
    };
    match v.ty {
        DataType::ShortText => match integer(raw) {
            Ok(Some(e)) => match entities.get(&e) {
                Some(entity) if entity.variable == v.id => {
                    Ok(Some(entity.value.clone()).filter(|s| !s.is_empty()))
                }
                Some(_) => fail(
                    DiagnosticKind::Reference,
                    format!(
                        "the value of variable '{}' is entity {e}, which belongs to another variable; the database is damaged: recode the statement in DNA",
                        v.name
                    ),
                ),
                None => fail(
                    DiagnosticKind::Reference,
                    format!(
                        "the value of variable '{}' points to entity {e}, which is not in ENTITIES; the database is damaged: recode the statement in DNA",
                        v.name
                    ),
                ),
            },
            _ => fail(
                DiagnosticKind::Value,
                format!("the value of variable '{}' is not an entity ID", v.name),
            ),
        },
        DataType::Boolean => match integer(raw) {
            Ok(Some(0)) => Ok(Some("false".to_string())),
            Ok(Some(1)) => Ok(Some("true".to_string())),
            _ => fail(
                DiagnosticKind::Value,
                format!(
                    "the value of the boolean variable '{}' is {}, not 0 or 1",
                    v.name,
                    text(raw).unwrap_or_else(|| "NULL".into())
                ),
            ),
        },
        DataType::Integer => match integer(raw) {
            Ok(n) => Ok(n.map(|n| n.to_string())),
            Err(found) => fail(
                DiagnosticKind::Value,
                format!("the value of the integer variable '{}' is {found}", v.name),
            ),
        },
        DataType::LongText => Ok(text(raw).filter(|s| !s.trim().is_empty())),
    }
}

/// The statements table before its rows: the other variables and the
/// document fields as extra columns.
fn empty_table(db: &Db, others: &[&Variable]) -> Table {
    let extra: Vec<String> = others
        .iter()
        .map(|v| v.name.trim().to_string())
        .chain(DOCUMENT_FIELDS.iter().map(|s| s.to_string()))
        .collect();
    let mut places: Vec<(&'static str, Option<i64>)> =
        others.iter().map(|v| ("VARIABLES", Some(v.id))).collect();
    places.extend(DOCUMENT_FIELDS.iter().map(|_| ("DOCUMENTS", None)));
    Table {
        file: db.file.clone(),
        schema: STATEMENTS,
        extra,
        header: RowAt::Columns(Rc::from(places)),
        rows: Vec::new(),
    }
}

/// A statement's span in its document, for its quote.
struct Span {
    row: usize,
    document: i64,
    start: i64,
    stop: i64,
}

/// The statements of the type, in ID order, as rows of the statements
/// table: actor and stance entity values, agreement, the document's date
/// and name, the coded span, and every other variable and document field.
/// Statements whose actor or stance is empty are left out, as DNA leaves
/// them out, with one warning.
pub(super) fn statements(
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
    let sql = query(&all);
    let mut q = db.conn.prepare(&sql).map_err(|e| db.sql("STATEMENTS", e))?;
    let mut rows = q.query([type_id]).map_err(|e| db.sql("STATEMENTS", e))?;
    let mut table = empty_table(db, others);
    let mut spans: Vec<Span> = Vec::new();
    let mut empty: Vec<i64> = Vec::new();
    let sources = source_names(documents);
    let col = |name: &str| STATEMENTS.index(name).expect("a statements column");
    while let Some(r) = rows.next().map_err(|e| db.sql("STATEMENTS", e))? {
        let get = |i| r.get_ref(i).map_err(|e| db.sql("STATEMENTS", e));
        let int = |i| -> Result<Option<i64>, Failure> { Ok(integer(get(i)?).ok().flatten()) };
        let id = int(0)?.unwrap_or_default();
        let (Some(doc), Some(start), Some(stop)) = (int(1)?, int(2)?, int(3)?) else {
            report.error(db.at(
                DiagnosticKind::Value,
                "STATEMENTS",
                id,
                "DocumentId, Start and Stop must be whole numbers",
            ));
            continue;
        };
        let Some(document) = documents.get(&doc) else {
            report.error(db.at(
                DiagnosticKind::Reference, "STATEMENTS",
                id,
                format!(
                    "the statement is in document {doc}, which is not in DOCUMENTS; the database is damaged: delete the statement in DNA or restore the document"
                ),
            ));
            continue;
        };
        let mut values: Vec<Option<String>> = vec![None; STATEMENTS.columns.len()];
        let mut fields: Vec<Option<String>> = vec![None; table.extra.len()];
        let mut ok = true;
        let mut spaced = 0;
        for (i, v) in all.iter().enumerate() {
            let data = int(4 + 2 * i)?;
            let Ok(value) = decode(db, v, data, get(5 + 2 * i)?, entities, report) else {
                ok = false;
                continue;
            };
            match i {
                0 | 1 => {
                    let c = col(if i == 0 { "actor" } else { "stance" });
                    // The name had spaces around it in ENTITIES.
                    if data
                        .and_then(|e| entities.get(&e))
                        .is_some_and(|e| e.spaced)
                    {
                        spaced |= 1 << c;
                    }
                    values[c] = value;
                }
                2 if data.is_none() => {
                    report.error(db.at(
                        DiagnosticKind::Value, "STATEMENTS",
                        id,
                        format!(
                            "the statement has no value for the agreement variable '{}' in DATABOOLEAN; set it in DNA",
                            agree.name
                        ),
                    ));
                    ok = false;
                }
                2 => values[col("agree")] = value,
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
                DiagnosticKind::Value,
                "DOCUMENTS",
                doc,
                format!("the Date {} is out of range", document.date),
            ));
            continue;
        };
        values[col("date")] = Some(date.to_string());
        values[col("source")] = Some(sources[&doc].clone());
        values[col("id")] = Some(id.to_string());
        let doc_id = doc.to_string();
        let doc_fields = [
            doc_id.as_str(),
            &document.title,
            &document.author,
            &document.source,
            &document.section,
            &document.kind,
        ];
        for (slot, value) in fields[others.len()..].iter_mut().zip(doc_fields) {
            *slot = (!value.is_empty()).then(|| value.to_string());
        }
        spans.push(Span {
            row: table.rows.len(),
            document: doc,
            start,
            stop,
        });
        table.rows.push(Row {
            at: RowAt::Record {
                table: "STATEMENTS",
                id,
            },
            values,
            extra: fields,
            spaced,
        });
    }
    drop(rows);
    quotes(db, &mut table, &mut spans, report)?;
    if !empty.is_empty() {
        report.warn(empty_warning(db, &empty, [actor, stance]));
    }
    Ok(table)
}

/// The one warning about statements left out for an empty actor or stance.
fn empty_warning(db: &Db, empty: &[i64], [actor, stance]: [&Variable; 2]) -> Diagnostic {
    let shown: Vec<String> = empty.iter().take(10).map(|i| i.to_string()).collect();
    let one = empty.len() == 1;
    Diagnostic::located(
        DiagnosticKind::LeftOut,
        &db.file,
        Location::Record {
            table: "STATEMENTS".to_string(),
            id: empty[0],
        },
        format!(
            "{} statement{} with an empty {} or {} {} left out, as DNA leaves them out (IDs {}{})",
            empty.len(),
            if one { "" } else { "s" },
            actor.name,
            stance.name,
            if one { "is" } else { "are" },
            shown.join(", "),
            if empty.len() > 10 { ", ..." } else { "" }
        ),
    )
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
    spans: &mut [Span],
    report: &mut Report,
) -> Result<(), Failure> {
    spans.sort_by_key(|s| (s.document, s.row));
    let mut q = db
        .conn
        .prepare("SELECT Text FROM DOCUMENTS WHERE ID = ?")
        .map_err(|e| db.sql("DOCUMENTS", e))?;
    let quote = STATEMENTS.index("quote").expect("a statements column");
    for group in spans.chunk_by(|a, b| a.document == b.document) {
        let doc = group[0].document;
        let text: String = q
            .query_row([doc], |r| Ok(text(r.get_ref(0)?).unwrap_or_default()))
            .map_err(|e| db.sql("DOCUMENTS", e))?;
        // ASCII text has one UTF-16 unit per byte.
        let offsets = (!text.is_ascii()).then(|| utf16_offsets(&text));
        let units = offsets.as_ref().map_or(text.len(), |o| o.len() - 1);
        let byte = |unit: i64| offsets.as_ref().map_or(unit as usize, |o| o[unit as usize]);
        for s in group {
            if s.start < 0 || s.stop < s.start || s.stop as usize > units {
                let id = table.rows[s.row].at.number() as i64;
                report.error(db.at(
                    DiagnosticKind::Value, "STATEMENTS",
                    id,
                    format!(
                        "the coded span {}..{} lies outside document {doc}, whose text has {units} characters (UTF-16 units); recode the statement in DNA",
                        s.start, s.stop
                    ),
                ));
                continue;
            }
            let span = text[byte(s.start)..byte(s.stop)].trim();
            table.rows[s.row].values[quote] = (!span.is_empty()).then(|| span.to_string());
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
