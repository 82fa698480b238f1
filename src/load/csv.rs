//! Reading CSV tables: header matched case-insensitively, every row checked
//! for its field count and its UTF-8, every problem reported with its line.

use std::io::Read;

use super::diag::{Diagnostic, Diagnostics};
use super::table::{Cells, MAX_COLUMNS, Row, Schema, Table, cell};

/// The one CSV reader configuration for all input tables: RFC 4180, a header
/// row, every row as long as the header. The csv crate skips a UTF-8 BOM and
/// accepts CRLF line ends.
fn reader<R: Read>(input: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(input)
}

/// Reads one table into memory (for the small side tables). Problems go to
/// `diags`; `None` when the header itself is unusable.
pub fn read_table<R: Read>(
    file: &str,
    input: R,
    schema: Schema,
    diags: &mut Diagnostics,
) -> Option<Table> {
    let mut rows = Vec::new();
    let ok = read_rows(file, input, schema, diags, |cells, _| {
        rows.push(Row {
            line: cells.line,
            values: cells.values[..schema.columns.len()]
                .iter()
                .map(|v| v.map(str::to_string))
                .collect(),
        });
    });
    ok.then(|| Table {
        file: file.to_string(),
        schema,
        rows,
    })
}

/// Streams the rows of a table to `each`, one record at a time, without
/// keeping them. Problems go to `each`'s second argument and to `diags`;
/// returns false when the header itself is unusable (then no row is read).
pub fn read_rows<R: Read>(
    file: &str,
    input: R,
    schema: Schema,
    diags: &mut Diagnostics,
    mut each: impl FnMut(Cells<'_>, &mut Diagnostics),
) -> bool {
    let mut rdr = reader(input);
    let header = match rdr.byte_headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            diags.push(error_diagnostic(file, &e));
            return false;
        }
    };
    if header.is_empty() || (header.len() == 1 && header[0].is_empty()) {
        diags.push(Diagnostic::file(
            file,
            format!(
                "the file is empty: expected a header row with the columns {}",
                schema.required_columns().join(", ")
            ),
        ));
        return false;
    }
    let columns = match map_header(file, &header, schema) {
        Ok(c) => c,
        Err(d) => {
            diags.push(d);
            return false;
        }
    };

    let mut record = csv::ByteRecord::new();
    loop {
        match rdr.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let fatal = matches!(e.kind(), csv::ErrorKind::Io(_));
                diags.push(error_diagnostic(file, &e));
                if fatal {
                    break;
                }
                continue;
            }
        }
        let line = record.position().map_or(0, |p| p.line());
        if let Some(cells) = decode_row(file, line, &record, &columns, schema, diags) {
            each(cells, diags);
        }
    }
    true
}

/// Maps each input column to its schema column (or `None` for a column the
/// schema does not know, which is ignored).
fn map_header(
    file: &str,
    header: &csv::ByteRecord,
    schema: Schema,
) -> Result<Vec<Option<usize>>, Diagnostic> {
    let mut names = Vec::with_capacity(header.len());
    for (i, raw) in header.iter().enumerate() {
        let name = std::str::from_utf8(raw).map_err(|_| {
            Diagnostic::at(
                file,
                1,
                format!("header column {} is not valid UTF-8", i + 1),
            )
        })?;
        names.push(name.trim().to_lowercase());
    }
    let mut mapped = vec![None; names.len()];
    for (i, name) in names.iter().enumerate() {
        if let Some(col) = schema.index(name) {
            if let Some(first) = mapped.iter().position(|m| *m == Some(col)) {
                return Err(Diagnostic::at(
                    file,
                    1,
                    format!(
                        "column '{name}' appears twice in the header (columns {} and {})",
                        first + 1,
                        i + 1
                    ),
                ));
            }
            mapped[i] = Some(col);
        }
    }
    let missing: Vec<&str> = schema
        .required_columns()
        .iter()
        .enumerate()
        .filter(|(col, _)| !mapped.contains(&Some(*col)))
        .map(|(_, name)| *name)
        .collect();
    if !missing.is_empty() {
        return Err(Diagnostic::at(
            file,
            1,
            format!(
                "missing required column{} {} in the header (found: {})",
                if missing.len() > 1 { "s" } else { "" },
                missing.join(", "),
                names.join(", ")
            ),
        ));
    }
    Ok(mapped)
}

fn decode_row<'r>(
    file: &str,
    line: u64,
    record: &'r csv::ByteRecord,
    columns: &[Option<usize>],
    schema: Schema,
    diags: &mut Diagnostics,
) -> Option<Cells<'r>> {
    let mut values = [None; MAX_COLUMNS];
    for (field, col) in record.iter().zip(columns) {
        let Some(col) = *col else { continue };
        match std::str::from_utf8(field) {
            Ok(text) => values[col] = cell(text),
            Err(e) => {
                diags.push(Diagnostic::at(
                    file,
                    line,
                    format!(
                        "column '{}' is not valid UTF-8 (bad byte at offset {} of the value); save the file as UTF-8",
                        schema.columns[col],
                        e.valid_up_to()
                    ),
                ));
                return None;
            }
        }
    }
    Some(Cells { line, values })
}

/// Turns a csv crate error into a diagnostic with its line.
fn error_diagnostic(file: &str, e: &csv::Error) -> Diagnostic {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => {
            let message = format!(
                "the row has {len} field{} but the header has {expected_len}; check for a missing or extra comma, or a quote that is not closed",
                if *len == 1 { "" } else { "s" }
            );
            match pos {
                Some(p) => Diagnostic::at(file, p.line(), message),
                None => Diagnostic::file(file, message),
            }
        }
        csv::ErrorKind::Io(err) => Diagnostic::file(file, format!("cannot read: {err}")),
        csv::ErrorKind::Utf8 { pos, .. } => {
            let message = "not valid UTF-8; save the file as UTF-8".to_string();
            match pos {
                Some(p) => Diagnostic::at(file, p.line(), message),
                None => Diagnostic::file(file, message),
            }
        }
        _ => Diagnostic::file(file, e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::table::STATEMENTS;
    use super::*;

    fn read(text: &[u8]) -> (Option<Table>, Diagnostics) {
        let mut diags = Diagnostics::default();
        let table = read_table("s.csv", text, STATEMENTS, &mut diags);
        (table, diags)
    }

    #[test]
    fn header_is_case_insensitive_and_any_order() {
        let (table, diags) = read(b"Agree,STANCE,Actor,extra\nyes,s1,a1,x\n");
        assert!(diags.is_empty(), "{diags}");
        let table = table.unwrap();
        assert_eq!(table.rows.len(), 1);
        let row = &table.rows[0];
        assert_eq!(row.line, 2);
        assert_eq!(row.get(&STATEMENTS, "actor"), Some("a1"));
        assert_eq!(row.get(&STATEMENTS, "agree"), Some("yes"));
        assert_eq!(row.get(&STATEMENTS, "quote"), None);
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let (table, diags) = read(b"\xEF\xBB\xBFactor,stance,agree\r\na,b,no\r\n");
        assert!(diags.is_empty(), "{diags}");
        assert_eq!(table.unwrap().rows[0].get(&STATEMENTS, "agree"), Some("no"));
    }

    #[test]
    fn missing_column_names_it() {
        let (table, diags) = read(b"actor,stance\na,b\n");
        assert!(table.is_none());
        assert_eq!(
            diags.to_string(),
            "s.csv:1: missing required column agree in the header (found: actor, stance)"
        );
    }

    #[test]
    fn ragged_row_and_bad_utf8_keep_their_lines() {
        let (table, diags) = read(b"actor,stance,agree\na,b,yes\na,b\n\"x\xFF\",b,yes\na,c,no\n");
        assert_eq!(table.unwrap().rows.len(), 2);
        let text = diags.to_string();
        assert!(text.contains("s.csv:3: the row has 2 fields but the header has 3"));
        assert!(text.contains("s.csv:4: column 'actor' is not valid UTF-8"));
    }

    #[test]
    fn multi_line_quoted_cell_reports_its_first_line() {
        let (table, diags) = read(b"actor,stance,agree,quote\na,b,yes,\"one\ntwo\"\nc,d,maybe,q\n");
        assert!(diags.is_empty());
        let rows = table.unwrap().rows;
        assert_eq!(rows[0].get(&STATEMENTS, "quote"), Some("one\ntwo"));
        assert_eq!(rows[1].line, 4);
    }
}
