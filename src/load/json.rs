//! Reading a JSON dataset: `{"actors": [...], "stances": [...],
//! "countries": [...], "statements": [...]}`, each table an array of objects
//! with the same keys as the CSV columns. Each object keeps the line it
//! starts on, so later errors can name it.

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::diag::{Diagnostic, Diagnostics};
use super::resolve::SideTables;
use super::table::{ACTORS, COUNTRIES, Row, STANCES, STATEMENTS, Schema, Table, cell};

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
pub fn read_tables(
    file: &str,
    bytes: &[u8],
    diags: &mut Diagnostics,
) -> Option<(Table, SideTables)> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = line_of(&bytes[..e.valid_up_to()]);
            diags.push(Diagnostic::at(
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
            diags.push(Diagnostic::at(
                file,
                e.line().max(1) as u64,
                format!("malformed JSON dataset: {}", strip_position(&e)),
            ));
            return None;
        }
    };
    let mut table = |schema: Schema, items: Vec<&RawValue>| Table {
        file: file.to_string(),
        schema,
        rows: items
            .into_iter()
            .filter_map(|raw| read_row(file, text, raw, schema, diags))
            .collect(),
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
fn read_row(
    file: &str,
    text: &str,
    raw: &RawValue,
    schema: Schema,
    diags: &mut Diagnostics,
) -> Option<Row> {
    // The raw value borrows from `text`, so its address gives its offset.
    let offset = raw.get().as_ptr() as usize - text.as_ptr() as usize;
    let line = line_of(&text.as_bytes()[..offset]);
    let object: Map<String, Value> = match serde_json::from_str(raw.get()) {
        Ok(o) => o,
        Err(_) => {
            diags.push(Diagnostic::at(
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
    let mut ok = true;
    for (key, value) in object {
        let Some(col) = schema.index(&key.to_lowercase()) else {
            continue;
        };
        values[col] = match value {
            Value::Null => None,
            Value::String(s) => cell(&s).map(str::to_string),
            Value::Bool(b) => Some(b.to_string()),
            Value::Number(n) => Some(n.to_string()),
            Value::Array(_) | Value::Object(_) => {
                diags.push(Diagnostic::at(
                    file,
                    line,
                    format!("\"{key}\" must be text, a number or true/false, not a list or object"),
                ));
                ok = false;
                None
            }
        };
    }
    ok.then_some(Row { line, values })
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
        let mut diags = Diagnostics::default();
        let t = read_tables("d.json", doc, &mut diags).unwrap();
        assert!(diags.is_empty(), "{diags}");
        let rows = &t.0.rows;
        assert_eq!(rows[0].line, 3);
        assert_eq!(rows[0].get(&STATEMENTS, "agree"), Some("true"));
        assert_eq!(rows[1].line, 4);
        assert_eq!(rows[1].get(&STATEMENTS, "actor"), Some("b"));
        assert!(t.1.actors.is_none());
    }

    #[test]
    fn malformed_json_names_line() {
        let mut diags = Diagnostics::default();
        let doc = b"{\n\"statements\": [\n{\"actor\": \"a\",}\n]}";
        assert!(read_tables("d.json", doc, &mut diags).is_none());
        let text = diags.to_string();
        assert!(
            text.starts_with("d.json:3: malformed JSON dataset:"),
            "{text}"
        );
    }

    #[test]
    fn non_object_and_nested_values_are_errors() {
        let mut diags = Diagnostics::default();
        let doc = b"{\"statements\": [\n{\"actor\": [\"a\"], \"agree\": 1},\n[1]\n]}";
        let t = read_tables("d.json", doc, &mut diags).unwrap();
        assert!(t.0.rows.is_empty());
        let text = diags.to_string();
        assert!(text.contains("d.json:2: \"actor\" must be text"), "{text}");
        assert!(
            text.contains("d.json:3: each entry of \"statements\" must be an object"),
            "{text}"
        );
    }
}
