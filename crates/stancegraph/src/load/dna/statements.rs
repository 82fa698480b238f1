//! The statements of one statement type as rows of the statements table:
//! their variables' values, their document's date and fields, and the coded
//! span of the document text as the quote.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::rc::Rc;

use rusqlite::types::ValueRef;

use super::documents::Documents;
use super::{DataType, Db, Entity, Failure, Variable, integer, text};
use crate::load::date::date_from_epoch_seconds;
use crate::load::diag::{Diagnostic, DiagnosticKind, Location, Report};
use crate::load::table::{Cells, MAX_COLUMNS, RowAt, STATEMENTS, Sink};

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
fn decode<'e>(
    db: &Db,
    v: &Variable,
    data: Option<i64>,
    raw: ValueRef<'_>,
    entities: &'e HashMap<i64, Entity>,
    report: &mut Report,
) -> Result<Option<Cow<'e, str>>, ()> {
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
                    Ok(Some(Cow::Borrowed(entity.value.as_str())).filter(|s| !s.is_empty()))
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
            Ok(Some(0)) => Ok(Some(Cow::Borrowed("false"))),
            Ok(Some(1)) => Ok(Some(Cow::Borrowed("true"))),
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
            Ok(n) => Ok(n.map(|n| Cow::Owned(n.to_string()))),
            Err(found) => fail(
                DiagnosticKind::Value,
                format!("the value of the integer variable '{}' is {found}", v.name),
            ),
        },
        DataType::LongText => Ok(text(raw).filter(|s| !s.trim().is_empty()).map(Cow::Owned)),
    }
}

/// The statements table's extra columns (the other variables and the
/// document fields) and where each is defined, for the header.
fn header(others: &[&Variable]) -> (Vec<String>, RowAt) {
    let extra: Vec<String> = others
        .iter()
        .map(|v| v.name.trim().to_string())
        .chain(DOCUMENT_FIELDS.iter().map(|s| s.to_string()))
        .collect();
    let mut places: Vec<(&'static str, Option<i64>)> =
        others.iter().map(|v| ("VARIABLES", Some(v.id))).collect();
    places.extend(DOCUMENT_FIELDS.iter().map(|_| ("DOCUMENTS", None)));
    (extra, RowAt::Columns(Rc::from(places)))
}

/// The statements table's columns this reader fills.
struct Columns {
    actor: usize,
    stance: usize,
    agree: usize,
    date: usize,
    source: usize,
    id: usize,
    quote: usize,
    target: usize,
}

impl Columns {
    fn new() -> Columns {
        let col = |name: &str| STATEMENTS.index(name).expect("a statements column");
        Columns {
            actor: col("actor"),
            stance: col("stance"),
            agree: col("agree"),
            date: col("date"),
            source: col("source"),
            id: col("id"),
            quote: col("quote"),
            target: col("target"),
        }
    }
}

/// The statements' quotes: the coded spans of their documents' texts.
struct Quotes {
    /// Each statement's ID and its quote (none when blank, or when the
    /// statement has no readable span or document, which is reported with
    /// the statement), in ID order.
    text: Vec<(i64, Option<Box<str>>)>,
    /// The statements whose span lies outside their document's text, in
    /// ID order.
    outside: Vec<(i64, Outside)>,
    /// Where the next statement's quote is in `text`.
    next: usize,
}

impl Quotes {
    /// The quote of statement `id`, taken out, so that each text is freed
    /// once its statement holds it. IDs must come in increasing order.
    fn take(&mut self, id: i64) -> Option<Box<str>> {
        while self.text.get(self.next).is_some_and(|(q, _)| *q < id) {
            self.next += 1;
        }
        match self.text.get_mut(self.next) {
            Some((q, text)) if *q == id => text.take(),
            _ => None,
        }
    }

    /// Where statement `id`'s span lies outside its document.
    fn outside(&self, id: i64) -> Option<&Outside> {
        let i = self.outside.binary_search_by_key(&id, |(q, _)| *q).ok()?;
        Some(&self.outside[i].1)
    }
}

/// A span outside its document's text of `units` UTF-16 units.
struct Outside {
    start: i64,
    stop: i64,
    document: i64,
    units: usize,
}

/// The statements of the type, in ID order, as rows of the statements
/// table into `sink`, one at a time: actor and stance entity values,
/// agreement, the document's date and name, the coded span, and every other
/// variable and document field. Statements whose actor or stance is empty
/// are left out, as DNA leaves them out, with one warning.
#[allow(clippy::too_many_arguments)]
pub(super) fn statements<'d>(
    db: &Db,
    type_id: i64,
    [actor, stance, agree]: [&Variable; 3],
    target: Option<&Variable>,
    others: &[&Variable],
    entities: &HashMap<i64, Entity>,
    documents: &'d Documents,
    report: &mut Report,
    sink: &mut dyn Sink,
) -> Result<(), Failure> {
    // The target, when chosen, comes right after the three, then the
    // statement fields.
    let fields_from = 3 + usize::from(target.is_some());
    let all: Vec<&Variable> = [actor, stance, agree]
        .into_iter()
        .chain(target)
        .chain(others.iter().copied())
        .collect();
    // The quotes first, each document's text read once; then the rows.
    let mut quotes = quotes(db, type_id, documents)?;
    let sql = query(&all);
    let mut q = db.conn.prepare(&sql).map_err(|e| db.sql("STATEMENTS", e))?;
    let mut rows = q.query([type_id]).map_err(|e| db.sql("STATEMENTS", e))?;
    let (extra, at) = header(others);
    sink.header(&db.file, &at, &extra);
    let mut empty: Vec<i64> = Vec::new();
    let columns = Columns::new();
    while let Some(r) = rows.next().map_err(|e| db.sql("STATEMENTS", e))? {
        let get = |i| r.get_ref(i).map_err(|e| db.sql("STATEMENTS", e));
        let int = |i| -> Result<Option<i64>, Failure> { Ok(integer(get(i)?).ok().flatten()) };
        let id = int(0)?.unwrap_or_default();
        let (Some(doc), Some(_), Some(_)) = (int(1)?, int(2)?, int(3)?) else {
            report.error(db.at(
                DiagnosticKind::Value,
                "STATEMENTS",
                id,
                "DocumentId, Start and Stop must be whole numbers",
            ));
            continue;
        };
        let Some(document) = documents.get(doc) else {
            report.error(db.at(
                DiagnosticKind::Reference, "STATEMENTS",
                id,
                format!(
                    "the statement is in document {doc}, which is not in DOCUMENTS; the database is damaged: delete the statement in DNA or restore the document"
                ),
            ));
            continue;
        };
        let mut decoded: Vec<Option<Cow<'_, str>>> = Vec::with_capacity(all.len());
        let mut ok = true;
        let mut spaced = 0;
        for (i, v) in all.iter().enumerate() {
            let data = int(4 + 2 * i)?;
            let Ok(value) = decode(db, v, data, get(5 + 2 * i)?, entities, report) else {
                ok = false;
                decoded.push(None);
                continue;
            };
            let named = match i {
                0 => Some(columns.actor),
                1 => Some(columns.stance),
                3 if target.is_some() => Some(columns.target),
                _ => None,
            };
            if let Some(column) = named
                && data
                    .and_then(|e| entities.get(&e))
                    .is_some_and(|e| e.spaced)
            {
                // The name had spaces around it in ENTITIES.
                spaced |= 1 << column;
            }
            if i == 2 && data.is_none() {
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
            decoded.push(value);
        }
        if !ok {
            continue;
        }
        if decoded[0].is_none() || decoded[1].is_none() {
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
        let date = date.to_string();
        if let Some(&Outside {
            start,
            stop,
            document,
            units,
        }) = quotes.outside(id)
        {
            report.error(db.at(
                DiagnosticKind::Value, "STATEMENTS",
                id,
                format!(
                    "the coded span {start}..{stop} lies outside document {document}, whose text has {units} characters (UTF-16 units); recode the statement in DNA"
                ),
            ));
        }
        // Both queries run in ID order.
        let quote = quotes.take(id);
        let (mut number, mut doc_number) = (itoa::Buffer::new(), itoa::Buffer::new());
        let mut values = [None; MAX_COLUMNS];
        values[columns.actor] = decoded[0].as_deref();
        values[columns.stance] = decoded[1].as_deref();
        values[columns.agree] = decoded[2].as_deref();
        if target.is_some() {
            values[columns.target] = decoded[3].as_deref();
        }
        values[columns.date] = Some(date.as_str());
        values[columns.source] = Some(&document.name);
        values[columns.id] = Some(number.format(id));
        values[columns.quote] = quote.as_deref();
        let field = |value: &'d str| (!value.is_empty()).then_some(value);
        let doc_fields = [
            Some(doc_number.format(doc)),
            field(&document.title),
            field(&document.author),
            field(&document.source),
            field(&document.section),
            field(&document.kind),
        ];
        let extra: Vec<Option<&str>> = decoded[fields_from..]
            .iter()
            .map(|v| v.as_deref())
            .chain(doc_fields)
            .collect();
        let at = RowAt::Record {
            table: "STATEMENTS",
            id,
        };
        sink.row(
            &db.file,
            Cells {
                at: &at,
                values,
                extra,
                spaced,
            },
        );
    }
    if !empty.is_empty() {
        report.warn(empty_warning(db, &empty, [actor, stance]));
    }
    Ok(())
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

/// Each statement's quote, by statement ID in ID order: its span of the
/// document text, reading each document's text once.
fn quotes(db: &Db, type_id: i64, documents: &Documents) -> Result<Quotes, Failure> {
    let mut q = db
        .conn
        .prepare(
            "SELECT ID, DocumentId, Start, Stop FROM STATEMENTS WHERE StatementTypeId = ? ORDER BY ID",
        )
        .map_err(|e| db.sql("STATEMENTS", e))?;
    let mut rows = q.query([type_id]).map_err(|e| db.sql("STATEMENTS", e))?;
    // (document, start, stop, index) of each statement with a readable span.
    let mut spans: Vec<(i64, i64, i64, usize)> = Vec::new();
    let mut quotes: Vec<(i64, Option<Box<str>>)> = Vec::new();
    let mut outside = Vec::new();
    while let Some(r) = rows.next().map_err(|e| db.sql("STATEMENTS", e))? {
        let int = |i| -> Result<Option<i64>, Failure> {
            let v = r.get_ref(i).map_err(|e| db.sql("STATEMENTS", e))?;
            Ok(integer(v).ok().flatten())
        };
        let id = int(0)?.unwrap_or_default();
        if let (Some(doc), Some(start), Some(stop)) = (int(1)?, int(2)?, int(3)?)
            && documents.get(doc).is_some()
        {
            spans.push((doc, start, stop, quotes.len()));
        }
        quotes.push((id, None));
    }
    drop(rows);
    spans.sort_unstable();
    let mut q = db
        .conn
        .prepare("SELECT Text FROM DOCUMENTS WHERE ID = ?")
        .map_err(|e| db.sql("DOCUMENTS", e))?;
    for group in spans.chunk_by(|a, b| a.0 == b.0) {
        let doc = group[0].0;
        let text: String = q
            .query_row([doc], |r| Ok(text(r.get_ref(0)?).unwrap_or_default()))
            .map_err(|e| db.sql("DOCUMENTS", e))?;
        // ASCII text has one UTF-16 unit per byte.
        let offsets = (!text.is_ascii()).then(|| utf16_offsets(&text));
        let units = offsets.as_ref().map_or(text.len(), |o| o.len() - 1);
        let byte = |unit: i64| offsets.as_ref().map_or(unit as usize, |o| o[unit as usize]);
        for &(_, start, stop, k) in group {
            if start < 0 || stop < start || stop as usize > units {
                let span = Outside {
                    start,
                    stop,
                    document: doc,
                    units,
                };
                outside.push((quotes[k].0, span));
            } else {
                let span = text[byte(start)..byte(stop)].trim();
                quotes[k].1 = (!span.is_empty()).then(|| span.into());
            }
        }
    }
    outside.sort_unstable_by_key(|(id, _)| *id);
    Ok(Quotes {
        text: quotes,
        outside,
        next: 0,
    })
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
