//! Reading CSV tables: the delimiter detected from the header (or given),
//! the header matched to the schema, every row checked for its field count
//! and its UTF-8, every problem reported with its line.

use crate::choice::Spelled;
use std::io::{BufRead, BufReader, Read};
use std::sync::mpsc::sync_channel;

use super::csv_records::{Batch, Item, parse_batches};
use super::diag::{Diagnostic, DiagnosticKind, Report};
use super::header::map_header;
use super::options::ColumnMap;
use super::table::{RowAt, Schema, Sink, Table};

/// How to read one CSV table.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvFormat<'o> {
    /// The delimiter; detected from the header line when `None`.
    pub delimiter: Option<u8>,
    /// The statements table's own names for the contract columns.
    pub columns: Option<&'o ColumnMap>,
}

/// The delimiters detected, in the order that breaks ties.
const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];

/// The delimiter of a table whose text starts with `start`: the one of
/// comma, semicolon and tab that appears most often outside quotes in the
/// first line (a comma when none does).
///
/// ```
/// use stancegraph::load::detect_delimiter;
/// assert_eq!(detect_delimiter(b"actor;stance;agree\na,b;c,yes\n"), b';');
/// assert_eq!(detect_delimiter(b"actor\tstance\tagree\n"), b'\t');
/// assert_eq!(detect_delimiter(b"\"a;b\",stance,agree\n"), b',');
/// ```
pub fn detect_delimiter(start: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in start {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = DELIMITERS.iter().position(|d| *d == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for i in 1..DELIMITERS.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    DELIMITERS[best]
}

/// Lines of records in a file: the csv crate counts the line feed of a
/// CRLF line end with the record after it, so in a file whose lines end in
/// CRLF (as Excel and Windows write them) it gives every record after the
/// first the line before its own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct LineEnds {
    crlf: bool,
}

impl LineEnds {
    /// The line ends of a file whose text starts with `start`: those of
    /// its first line (outside quotes).
    pub fn sniff(start: &[u8]) -> LineEnds {
        let mut quoted = false;
        for (i, &b) in start.iter().enumerate() {
            match b {
                b'"' => quoted = !quoted,
                b'\n' if !quoted => {
                    return LineEnds {
                        crlf: i > 0 && start[i - 1] == b'\r',
                    };
                }
                _ => {}
            }
        }
        LineEnds::default()
    }

    /// The line a record or error at `position` starts on.
    pub fn line(self, position: Option<&csv::Position>) -> u64 {
        position.map_or(0, |p| p.line() + u64::from(self.crlf && p.byte() > 0))
    }
}

/// The one CSV reader configuration for all input tables: RFC 4180 quoting,
/// a header row, every row as long as the header. The csv crate skips a
/// UTF-8 BOM and accepts CRLF line ends.
fn reader<R: Read>(input: R, delimiter: u8) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .delimiter(delimiter)
        .from_reader(input)
}

/// Reads one table into memory (for the small side tables). Problems go to
/// `report`; `None` when the header itself is unusable.
pub fn read_table<R: Read + Send>(
    file: &str,
    input: R,
    schema: Schema,
    format: CsvFormat<'_>,
    report: &mut Report,
) -> Option<Table> {
    let mut table = Table::new(file, schema);
    read_rows(file, input, schema, format, report, &mut table).then_some(table)
}

/// Streams the rows of a table to `sink`, one record at a time, without
/// keeping them; the sink first gets the names of the extra columns.
/// Returns false when the header itself is unusable (then no row is read).
pub fn read_rows<R: Read + Send>(
    file: &str,
    input: R,
    schema: Schema,
    format: CsvFormat<'_>,
    report: &mut Report,
    sink: &mut impl Sink,
) -> bool {
    let mut input = BufReader::with_capacity(1 << 16, input);
    let delimiter = match format.delimiter {
        Some(d) => d,
        None => match input.fill_buf() {
            Ok(start) => detect_delimiter(start),
            Err(e) => {
                report.error(Diagnostic::file(
                    DiagnosticKind::Io,
                    file,
                    format!("cannot read: {e}"),
                ));
                return false;
            }
        },
    };
    let lines = match input.fill_buf() {
        Ok(start) => LineEnds::sniff(start),
        Err(_) => LineEnds::default(),
    };
    let mut rdr = reader(input, delimiter);
    let header = match rdr.byte_headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            report.error(error_diagnostic(file, &e, lines));
            return false;
        }
    };
    if header.is_empty() || (header.len() == 1 && header[0].is_empty()) {
        report.error(Diagnostic::file(
            DiagnosticKind::Structure,
            file,
            format!(
                "the file is empty: expected a header row with {}",
                schema.requirement()
            ),
        ));
        return false;
    }
    let mut names = Vec::with_capacity(header.len());
    for (i, raw) in header.iter().enumerate() {
        match std::str::from_utf8(raw) {
            Ok(name) => names.push(name.to_string()),
            Err(_) => {
                report.error(Diagnostic::at(
                    DiagnosticKind::Format,
                    file,
                    1,
                    format!("header column {} is not valid UTF-8", i + 1),
                ));
                return false;
            }
        }
    }
    let map = match map_header(&names, &schema, format.columns) {
        Ok(m) => m,
        Err(e) => {
            report.error(Diagnostic::at(
                DiagnosticKind::Structure,
                file,
                1,
                e.spelled(report.spelling),
            ));
            return false;
        }
    };
    sink.header(file, &RowAt::Line(1), &map.extra);

    // One thread parses the records, checks them as UTF-8 and trims them;
    // this one resolves them.
    let (batches, parsed) = sync_channel::<Batch>(2);
    let unnamed = std::thread::scope(|scope| {
        let parser = scope.spawn(|| parse_batches(file, rdr, lines, &map, &schema, batches));
        for Batch { text, items } in parsed {
            for item in items {
                match item {
                    Item::Row(row) => {
                        let at = RowAt::Line(row.line);
                        sink.row(file, row.cells(&text, &at));
                    }
                    Item::Problem(d) => report.error(d),
                }
            }
        }
        parser.join().expect("the parsing thread does not panic")
    });
    unnamed.warn(file, report);
    true
}

/// Turns a csv crate error into a diagnostic with its line.
pub(super) fn error_diagnostic(file: &str, e: &csv::Error, lines: LineEnds) -> Diagnostic {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => {
            let message = format!(
                "the row has {len} field{} but the header has {expected_len}; check for a missing or extra delimiter, or a quote that is not closed",
                if *len == 1 { "" } else { "s" }
            );
            match pos {
                Some(p) => {
                    Diagnostic::at(DiagnosticKind::Format, file, lines.line(Some(p)), message)
                }
                None => Diagnostic::file(DiagnosticKind::Format, file, message),
            }
        }
        csv::ErrorKind::Io(err) => {
            Diagnostic::file(DiagnosticKind::Io, file, format!("cannot read: {err}"))
        }
        csv::ErrorKind::Utf8 { pos, .. } => {
            let message = "not valid UTF-8; save the file as UTF-8".to_string();
            match pos {
                Some(p) => {
                    Diagnostic::at(DiagnosticKind::Format, file, lines.line(Some(p)), message)
                }
                None => Diagnostic::file(DiagnosticKind::Format, file, message),
            }
        }
        _ => Diagnostic::file(DiagnosticKind::Format, file, e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::table::STATEMENTS;
    use super::*;

    fn read_with(text: &[u8], format: CsvFormat<'_>) -> (Option<Table>, Report) {
        let mut report = Report::default();
        let table = read_table("s.csv", text, STATEMENTS, format, &mut report);
        (table, report)
    }

    fn read(text: &[u8]) -> (Option<Table>, Report) {
        read_with(text, CsvFormat::default())
    }

    #[test]
    fn problems_name_their_line_whatever_the_line_ends() {
        // The csv crate gives a record after a CRLF the line before it.
        for end in ["\n", "\r\n"] {
            let text = [
                "actor,stance,agree",
                "A,\"s\nt\",yes",
                "B,t,maybe",
                "C,t",
                "D,t,yes",
            ]
            .join(end);
            let (table, report) = read(text.as_bytes());
            let lines: Vec<u64> = report.errors.0.iter().filter_map(|d| d.line()).collect();
            assert_eq!(lines, [5], "{end:?}: {:?}", report.errors.0);
            let rows: Vec<u64> = table.unwrap().rows.iter().map(|r| r.at.number()).collect();
            assert_eq!(rows, [2, 4, 6], "{end:?}");
        }
        assert_eq!(
            LineEnds::sniff(b"a,\"b\r\n\",c\nx"),
            LineEnds { crlf: false }
        );
        assert_eq!(LineEnds::sniff(b"a,b\r\nx"), LineEnds { crlf: true });
    }

    #[test]
    fn header_is_case_insensitive_and_any_order() {
        let (table, report) = read(b"Agree,STANCE,Actor,extra\nyes,s1,a1,x\n");
        assert!(report.errors.is_empty(), "{}", report.errors);
        let table = table.unwrap();
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.extra, ["extra"]);
        let row = &table.rows[0];
        assert_eq!(row.at, RowAt::Line(2));
        assert_eq!(row.get(&STATEMENTS, "actor"), Some("a1"));
        assert_eq!(row.get(&STATEMENTS, "agree"), Some("yes"));
        assert_eq!(row.get(&STATEMENTS, "quote"), None);
        assert_eq!(row.extra, [Some("x".to_string())]);
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let (table, report) = read(b"\xEF\xBB\xBFactor,stance,agree\r\na,b,no\r\n");
        assert!(report.errors.is_empty(), "{}", report.errors);
        assert_eq!(table.unwrap().rows[0].get(&STATEMENTS, "agree"), Some("no"));
    }

    #[test]
    fn semicolons_and_tabs_are_detected_or_given() {
        let (table, report) = read(b"actor;stance;agree\n\"Smith, J.\";s;ja\n");
        assert!(report.errors.is_empty(), "{}", report.errors);
        let rows = table.unwrap().rows;
        assert_eq!(rows[0].get(&STATEMENTS, "actor"), Some("Smith, J."));
        let (table, _) = read(b"actor\tstance\tagree\na;b\tc\tyes\n");
        assert_eq!(
            table.unwrap().rows[0].get(&STATEMENTS, "actor"),
            Some("a;b")
        );
        // A given delimiter wins over detection.
        let format = CsvFormat {
            delimiter: Some(b'|'),
            columns: None,
        };
        let (table, report) = read_with(b"actor|stance|agree\na,b|c|yes\n", format);
        assert!(report.errors.is_empty(), "{}", report.errors);
        assert_eq!(
            table.unwrap().rows[0].get(&STATEMENTS, "actor"),
            Some("a,b")
        );
    }

    #[test]
    fn missing_column_names_it() {
        let (table, report) = read(b"actor,stance\na,b\n");
        assert!(table.is_none());
        assert!(
            report.errors.to_string().starts_with(
                "s.csv:1: missing required column agree in the header (found: actor, stance)"
            ),
            "{}",
            report.errors
        );
    }

    #[test]
    fn ragged_row_and_bad_utf8_keep_their_lines() {
        let (table, report) = read(b"actor,stance,agree\na,b,yes\na,b\n\"x\xFF\",b,yes\na,c,no\n");
        assert_eq!(table.unwrap().rows.len(), 2);
        let text = report.errors.to_string();
        assert!(text.contains("s.csv:3: the row has 2 fields but the header has 3"));
        assert!(text.contains("s.csv:4: column 'actor' is not valid UTF-8"));
    }

    #[test]
    fn multi_line_quoted_cell_reports_its_first_line() {
        let (table, report) =
            read(b"actor,stance,agree,quote\na,b,yes,\"one\ntwo\"\nc,d,maybe,q\n");
        assert!(report.errors.is_empty());
        let rows = table.unwrap().rows;
        assert_eq!(rows[0].get(&STATEMENTS, "quote"), Some("one\ntwo"));
        assert_eq!(rows[1].at, RowAt::Line(4));
    }

    #[test]
    fn values_under_an_unnamed_column_are_announced() {
        let (table, report) = read(b"actor,stance,agree,\na,b,yes,\nc,d,no,lost\ne,f,no,x\n");
        assert_eq!(table.unwrap().rows.len(), 3);
        assert!(report.errors.is_empty());
        assert_eq!(report.warnings.len(), 1);
        assert_eq!(
            report.warnings[0].to_string(),
            "s.csv:3: column 4 has no name in the header, so its 2 values (the first here) are not read; give it a name to keep them"
        );
    }
}
