//! Reading Excel and OpenDocument workbooks (`.xlsx`, `.xls`, `.xlsb`,
//! `.ods`) through calamine: the statements on one sheet (the one named
//! with `--sheet`, else one named `statements`, else the first), side
//! tables on sheets named `actors`, `stances` and `countries`. The first
//! non-empty row of a sheet is its header; problems name the sheet and cell
//! (`Sheet1!C7`).

use crate::choice::Spelled;
use std::path::Path;
use std::rc::Rc;

use calamine::{CellErrorType, Data, Reader, open_workbook_auto};

use super::diag::{Diagnostic, DiagnosticKind, Location, Report};
use super::header::map_header;
use super::options::{ColumnMap, LoadOptions};
use super::resolve::SideTables;
use super::table::{
    ACTORS, COUNTRIES, Col, Row, RowAt, STANCES, STATEMENTS, Schema, SheetColumns, Table, cell,
    spaced_bit,
};

/// A cell as text: strings trimmed, whole numbers without a decimal point,
/// other numbers in their shortest exact form, booleans `true`/`false`,
/// dates `YYYY-MM-DD` (with `THH:MM:SS` when they have a time of day).
/// `Err` holds the error a cell shows (`#N/A`, ...).
fn cell_text(value: &Data) -> Result<Option<String>, CellErrorType> {
    Ok(match value {
        Data::Empty => None,
        Data::String(s) => cell(s).map(str::to_string),
        Data::Int(i) => Some(i.to_string()),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 9e15 => Some((*f as i64).to_string()),
        Data::Float(f) => Some(f.to_string()),
        Data::Bool(b) => Some(b.to_string()),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, mo, day, h, mi, s, ms) = d.to_ymd_hms_milli();
            Some(if (h, mi, s, ms) == (0, 0, 0, 0) {
                format!("{y:04}-{mo:02}-{day:02}")
            } else {
                format!("{y:04}-{mo:02}-{day:02}T{h:02}:{mi:02}:{s:02}")
            })
        }
        Data::DateTime(d) => Some(d.as_f64().to_string()),
        Data::DateTimeIso(s) => {
            let s = s.trim();
            // An ISO date-time at midnight is a date.
            Some(match s.split_once('T') {
                Some((day, time)) if time.trim_start_matches(['0', ':', '.']).is_empty() => {
                    day.to_string()
                }
                _ => s.to_string(),
            })
        }
        Data::DurationIso(s) => cell(s).map(str::to_string),
        Data::Error(e) => return Err(e.clone()),
    })
}

/// Finds a sheet by name: exactly, then ignoring case.
fn find_sheet<'a>(names: &'a [String], wanted: &str) -> Option<&'a str> {
    let folded = wanted.to_lowercase();
    names
        .iter()
        .find(|n| *n == wanted)
        .or_else(|| names.iter().find(|n| n.to_lowercase() == folded))
        .map(String::as_str)
}

/// Reads a workbook's statements sheet and side-table sheets.
pub fn read(
    path: &Path,
    options: &LoadOptions,
    report: &mut Report,
) -> Option<(Table, SideTables)> {
    let file = path.display().to_string();
    let mut book = match open_workbook_auto(path) {
        Ok(b) => b,
        Err(e) => {
            report.error(Diagnostic::file(
                DiagnosticKind::Format,
                &file,
                format!("cannot read as a workbook ({e}); save it as .xlsx or .ods and try again"),
            ));
            return None;
        }
    };
    let names = book.sheet_names();
    let statements_sheet = match &options.sheet {
        Some(wanted) => match find_sheet(&names, wanted) {
            Some(s) => s.to_string(),
            None => {
                report.error(Diagnostic::file(
                    DiagnosticKind::Structure,
                    &file,
                    format!(
                        "has no sheet '{wanted}' (its sheets: {}); choose one with {}",
                        names.join(", "),
                        report.spelling.option("sheet")
                    ),
                ));
                return None;
            }
        },
        None => match find_sheet(&names, "statements").or(names.first().map(String::as_str)) {
            Some(s) => s.to_string(),
            None => {
                report.error(Diagnostic::file(
                    DiagnosticKind::Structure,
                    &file,
                    "the workbook has no sheet",
                ));
                return None;
            }
        },
    };
    let mut sheet = |name: &str, schema: Schema, columns: Option<&ColumnMap>| {
        let range = match book.worksheet_range(name) {
            Ok(r) => r,
            Err(e) => {
                report.error(Diagnostic::file(
                    DiagnosticKind::Io,
                    &file,
                    format!("cannot read sheet '{name}': {e}"),
                ));
                return None;
            }
        };
        read_sheet(&file, name, &range, schema, columns, report)
    };
    let statements = sheet(&statements_sheet, STATEMENTS, Some(&options.columns));
    let mut side = SideTables::default();
    for (table, schema) in [
        ("countries", COUNTRIES),
        ("actors", ACTORS),
        ("stances", STANCES),
    ] {
        let Some(name) = find_sheet(&names, table).filter(|n| *n != statements_sheet) else {
            continue;
        };
        let read = sheet(name, schema, None);
        match table {
            "countries" => side.countries = read,
            "actors" => side.actors = read,
            _ => side.stances = read,
        }
    }
    Some((statements?, side))
}

/// Reads one sheet as a table: its first non-empty row is the header.
fn read_sheet(
    file: &str,
    sheet: &str,
    range: &calamine::Range<Data>,
    schema: Schema,
    mapping: Option<&ColumnMap>,
    report: &mut Report,
) -> Option<Table> {
    let Some((top, left)) = range.start() else {
        report.error(Diagnostic::file(
            DiagnosticKind::Structure,
            file,
            format!(
                "sheet '{sheet}' is empty: expected a header row with {}",
                schema.requirement()
            ),
        ));
        return None;
    };
    let mut rows = range.rows();
    let header_cells = rows.next().unwrap_or_default();
    let header_at = |column: Option<u32>| Location::Cell {
        sheet: sheet.to_string(),
        row: top + 1,
        column,
    };
    let mut names = Vec::with_capacity(header_cells.len());
    for (i, c) in header_cells.iter().enumerate() {
        match cell_text(c) {
            Ok(name) => names.push(name.unwrap_or_default()),
            Err(e) => {
                let at = header_at(Some(left + i as u32));
                report.error(Diagnostic::located(
                    DiagnosticKind::Value,
                    file,
                    at,
                    format!("the header cell shows the error {e}; give the column a name"),
                ));
                return None;
            }
        }
    }
    let map = match map_header(&names, &schema, mapping) {
        Ok(m) => m,
        Err(e) => {
            report.error(Diagnostic::located(
                DiagnosticKind::Structure,
                file,
                header_at(None),
                e.spelled(report.spelling),
            ));
            return None;
        }
    };
    let absolute = |i: usize| left + i as u32;
    let columns = Rc::new(SheetColumns {
        sheet: sheet.to_string(),
        schema: (0..schema.columns.len())
            .map(|c| map.position_of(Col::Schema(c)).map(absolute))
            .collect(),
        extra: (0..map.extra.len())
            .map(|e| {
                absolute(
                    map.position_of(Col::Extra(e))
                        .expect("every extra has a column"),
                )
            })
            .collect(),
    });
    let mut table = Table {
        file: file.to_string(),
        schema,
        extra: map.extra.clone(),
        header: RowAt::Sheet {
            columns: columns.clone(),
            row: top + 1,
        },
        rows: Vec::new(),
    };
    let mut unnamed: Vec<(u32, u64, u32)> = Vec::new();
    'rows: for (r, cells) in rows.enumerate() {
        let row_number = top + 2 + r as u32;
        if cells.iter().all(|c| matches!(c, Data::Empty)) {
            continue;
        }
        let mut row = Row {
            at: RowAt::Sheet {
                columns: columns.clone(),
                row: row_number,
            },
            values: vec![None; schema.columns.len()],
            extra: vec![None; map.extra.len()],
            spaced: 0,
        };
        for (i, c) in cells.iter().enumerate() {
            let text = match cell_text(c) {
                Ok(t) => t,
                Err(e) => {
                    let at = Location::Cell {
                        sheet: sheet.to_string(),
                        row: row_number,
                        column: Some(absolute(i)),
                    };
                    report.error(Diagnostic::located(
                        DiagnosticKind::Value,
                        file,
                        at,
                        format!("the cell shows the error {e}; give it a value or leave it empty"),
                    ));
                    continue 'rows;
                }
            };
            match map.columns.get(i).copied().flatten() {
                Some(Col::Schema(s)) => {
                    if let Data::String(raw) = c {
                        row.spaced |= spaced_bit(s, raw);
                    }
                    row.values[s] = text;
                }
                Some(Col::Extra(e)) => row.extra[e] = text,
                None if text.is_some() => match unnamed.iter_mut().find(|u| u.0 == absolute(i)) {
                    Some(u) => u.1 += 1,
                    None => unnamed.push((absolute(i), 1, row_number)),
                },
                None => {}
            }
        }
        table.rows.push(row);
    }
    for (column, values, row) in unnamed {
        let at = Location::Cell {
            sheet: sheet.to_string(),
            row,
            column: Some(column),
        };
        report.warn(Diagnostic::located(DiagnosticKind::LeftOut,
            file,
            at,
            format!(
                "the column has no name in the header, so its {values} value{} (the first here) {} not read; give it a name to keep {}",
                if values == 1 { "" } else { "s" },
                if values == 1 { "is" } else { "are" },
                if values == 1 { "it" } else { "them" },
            ),
        ));
    }
    Some(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn cells_become_text_as_they_read() {
        let date =
            |v: f64| Data::DateTime(ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
        for (value, text) in [
            (Data::Empty, None),
            (Data::String("  Healey ".into()), Some("Healey")),
            (Data::String("   ".into()), None),
            (Data::Float(3.0), Some("3")),
            (Data::Float(0.1), Some("0.1")),
            (Data::Int(-4), Some("-4")),
            (Data::Bool(true), Some("true")),
            // 45700 is 2025-02-12 in Excel's 1900 system.
            (date(45700.0), Some("2025-02-12")),
            (date(45700.5), Some("2025-02-12T12:00:00")),
            (
                Data::DateTimeIso("2025-02-12T00:00:00".into()),
                Some("2025-02-12"),
            ),
            (Data::DateTimeIso("2025-02-12".into()), Some("2025-02-12")),
        ] {
            assert_eq!(cell_text(&value).unwrap().as_deref(), text, "{value:?}");
        }
        assert_eq!(
            cell_text(&Data::Error(CellErrorType::NA))
                .unwrap_err()
                .to_string(),
            "#N/A"
        );
    }
}
