//! Reading a JSON dataset: `{"actors": [...], "stances": [...],
//! "countries": [...], "statements": [...]}`, each table an array of objects
//! with the same keys as the CSV columns; other keys are extra columns
//! (attributes of side tables, fields of statements). Each object keeps the
//! line it starts on, so later errors can name it.

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::diag::{Diagnostic, DiagnosticKind, Report};
use super::resolve::SideTables;
use super::table::{
    ACTORS, COUNTRIES, Row, RowAt, STANCES, STATEMENTS, Schema, Table, cell, spaced_bit,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document<'a> {
    #[serde(borrow)]
    statements: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    actors: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    stances: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    countries: Option<Vec<&'a RawValue>>,
}

/// Parses a JSON dataset. Returns `None` when the document itself is
/// malformed (the diagnostic names the line and column).
pub fn read_tables(file: &str, bytes: &[u8], report: &mut Report) -> Option<(Table, SideTables)> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = line_of(&bytes[..e.valid_up_to()]);
            report.error(Diagnostic::at(
                DiagnosticKind::Format,
                file,
                line,
                "not valid UTF-8; save the file as UTF-8",
            ));
            return None;
        }
    };
    // serde_json does not skip a byte order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc: Document = match serde_json::from_str(text) {
        Ok(d) => d,
        Err(e) => {
            report.error(Diagnostic::at(
                DiagnosticKind::Format,
                file,
                e.line().max(1) as u64,
                format!("malformed JSON dataset: {}", strip_position(&e)),
            ));
            return None;
        }
    };
    let mut table = |schema: Schema, items: Vec<&RawValue>| {
        let mut table = Table {
            file: file.to_string(),
            schema,
            extra: Vec::new(),
            header: RowAt::Line(1),
            rows: Vec::new(),
        };
        for raw in items {
            if let Some(row) = read_row(file, text, raw, &mut table, report) {
                table.rows.push(row);
            }
        }
        // Rows read before an extra key first appeared lack its value.
        for row in &mut table.rows {
            row.extra.resize(table.extra.len(), None);
        }
        table
    };
    let statements = table(STATEMENTS, doc.statements);
    let side = SideTables {
        actors: doc.actors.map(|a| table(ACTORS, a)),
        stances: doc.stances.map(|s| table(STANCES, s)),
        countries: doc.countries.map(|c| table(COUNTRIES, c)),
    };
    Some((statements, side))
}

/// Reads one array element into a row. Keys match case-insensitively;
/// strings, numbers and booleans are accepted as text; `null` is blank.
/// Keys the schema does not know become extra columns of `table`.
fn read_row(
    file: &str,
    text: &str,
    raw: &RawValue,
    table: &mut Table,
    report: &mut Report,
) -> Option<Row> {
    let schema = table.schema;
    // The raw value borrows from `text`, so its address gives its offset.
    let offset = raw.get().as_ptr() as usize - text.as_ptr() as usize;
    let line = line_of(&text.as_bytes()[..offset]);
    let object: Map<String, Value> = match serde_json::from_str(raw.get()) {
        Ok(o) => o,
        Err(_) => {
            report.error(Diagnostic::at(
                DiagnosticKind::Structure,
                file,
                line,
                format!(
                    "each entry of \"{}\" must be an object such as {{\"{}\": \"...\"}}",
                    schema.name, schema.columns[0]
                ),
            ));
            return None;
        }
    };
    let mut values = vec![None; schema.columns.len()];
    let mut extra = vec![None; table.extra.len()];
    let mut seen: Vec<String> = Vec::new();
    let mut ok = true;
    let mut spaced = 0;
    for (key, value) in object {
        let folded = key.trim().to_lowercase();
        if let Some(first) = seen.iter().find(|k| k.trim().to_lowercase() == folded) {
            report.error(Diagnostic::at(
                DiagnosticKind::Conflict,
                file,
                line,
                format!("the keys \"{first}\" and \"{key}\" name the same column; keep one"),
            ));
            ok = false;
            continue;
        }
        seen.push(key.clone());
        let slot = match schema.find(&key) {
            Some(col) => {
                if let Value::String(s) = &value {
                    spaced |= spaced_bit(col, s);
                }
                &mut values[col]
            }
            None if key.trim().is_empty() => {
                report.error(Diagnostic::at(
                    DiagnosticKind::Name,
                    file,
                    line,
                    "a key is empty; name it",
                ));
                ok = false;
                continue;
            }
            None => {
                let e = match table.extra.iter().position(|x| x.to_lowercase() == folded) {
                    Some(e) => e,
                    None => {
                        table.extra.push(key.trim().to_string());
                        extra.push(None);
                        table.extra.len() - 1
                    }
                };
                &mut extra[e]
            }
        };
        *slot = match value {
            Value::Null => None,
            Value::String(s) => cell(&s).map(str::to_string),
            Value::Bool(b) => Some(b.to_string()),
            Value::Number(n) => Some(n.to_string()),
            Value::Array(_) | Value::Object(_) => {
                report.error(Diagnostic::at(
                    DiagnosticKind::Value,
                    file,
                    line,
                    format!("\"{key}\" must be text, a number or true/false, not a list or object"),
                ));
                ok = false;
                None
            }
        };
    }
    ok.then_some(Row {
        at: RowAt::Line(line),
        values,
        extra,
        spaced,
    })
}

fn line_of(prefix: &[u8]) -> u64 {
    prefix.iter().filter(|b| **b == b'\n').count() as u64 + 1
}

/// serde_json appends " at line L column C"; the diagnostic shows the line
/// itself, so keep only the column.
fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => format!("{} (column {})", &text[..i], e.column()),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_lines_and_accept_bools() {
        let doc = br#"{
  "statements": [
    {"actor": "a", "stance": "s", "agree": true},
    {"Actor": "b", "stance": "s", "agree": "no", "date": null}
  ]
}"#;
        let mut report = Report::default();
        let t = read_tables("d.json", doc, &mut report).unwrap();
        assert!(report.errors.is_empty(), "{}", report.errors);
        let rows = &t.0.rows;
        assert_eq!(rows[0].at, RowAt::Line(3));
        assert_eq!(rows[0].get(&STATEMENTS, "agree"), Some("true"));
        assert_eq!(rows[1].at, RowAt::Line(4));
        assert_eq!(rows[1].get(&STATEMENTS, "actor"), Some("b"));
        assert!(t.1.actors.is_none());
    }

    #[test]
    fn malformed_json_names_line() {
        let mut report = Report::default();
        let doc = b"{\n\"statements\": [\n{\"actor\": \"a\",}\n]}";
        assert!(read_tables("d.json", doc, &mut report).is_none());
        let text = report.errors.to_string();
        assert!(
            text.starts_with("d.json:3: malformed JSON dataset:"),
            "{text}"
        );
    }

    #[test]
    fn non_object_and_nested_values_are_errors() {
        let mut report = Report::default();
        let doc = b"{\"statements\": [\n{\"actor\": [\"a\"], \"agree\": 1},\n[1]\n]}";
        let t = read_tables("d.json", doc, &mut report).unwrap();
        assert!(t.0.rows.is_empty());
        let text = report.errors.to_string();
        assert!(text.contains("d.json:2: \"actor\" must be text"), "{text}");
        assert!(
            text.contains("d.json:3: each entry of \"statements\" must be an object"),
            "{text}"
        );
    }

    #[test]
    fn other_keys_are_extra_columns_in_order_of_first_use() {
        let doc = br#"{"statements": [], "actors": [
            {"id": "a", "Party": "SPD"},
            {"id": "b", "founded": 1990, "party": "CDU"}
        ]}"#;
        let mut report = Report::default();
        let (_, side) = read_tables("d.json", doc, &mut report).unwrap();
        assert!(report.errors.is_empty(), "{}", report.errors);
        let actors = side.actors.unwrap();
        assert_eq!(actors.extra, ["Party", "founded"]);
        assert_eq!(actors.rows[0].extra, [Some("SPD".to_string()), None]);
        assert_eq!(
            actors.rows[1].extra,
            [Some("CDU".to_string()), Some("1990".to_string())]
        );
    }
}
