//! Opening an event file: plain, or the one file of a `.zip` archive (as
//! GDELT publishes its exports), buffered for the csv crate.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use super::events::Events;
use crate::load::csv::{LineEnds, error_diagnostic};
use crate::load::diag::{Diagnostic, DiagnosticKind};

/// Runs `read` on the file, or on the one file a `.zip` archive holds (as
/// GDELT publishes its exports); `None` when it cannot be opened.
pub(super) fn with_reader<T>(
    path: &Path,
    out: &mut Events,
    read: impl FnOnce(&mut dyn Read, &mut Events) -> T,
) -> Option<T> {
    let file = path.display().to_string();
    let mut opened = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            out.error(Diagnostic::file(
                DiagnosticKind::Io,
                &file,
                format!("cannot open: {e}"),
            ));
            return None;
        }
    };
    if !crate::load::input::has_extension(path, &["zip"]) {
        return Some(read(&mut opened, out));
    }
    zipped(&file, opened, out, read)
}

#[cfg(feature = "zip")]
fn zipped<T>(
    file: &str,
    opened: File,
    out: &mut Events,
    read: impl FnOnce(&mut dyn Read, &mut Events) -> T,
) -> Option<T> {
    let damaged = |out: &mut Events, e: zip::result::ZipError| {
        out.error(Diagnostic::file(
            DiagnosticKind::Format,
            file,
            format!("not a readable zip archive: {e}"),
        ));
    };
    let mut archive = match zip::ZipArchive::new(std::io::BufReader::new(opened)) {
        Ok(a) => a,
        Err(e) => {
            damaged(out, e);
            return None;
        }
    };
    let files: Vec<usize> = (0..archive.len())
        .filter(|&i| archive.by_index_raw(i).is_ok_and(|f| f.is_file()))
        .collect();
    let [only] = files[..] else {
        out.error(Diagnostic::file(
            DiagnosticKind::Structure,
            file,
            format!(
                "the archive holds {} files; it must hold the one export file (as GDELT's zip files do): unzip it and name the file to read",
                files.len()
            ),
        ));
        return None;
    };
    match archive.by_index(only) {
        Ok(mut inner) => Some(read(&mut inner, out)),
        Err(e) => {
            damaged(out, e);
            None
        }
    }
}

#[cfg(not(feature = "zip"))]
fn zipped<T>(
    file: &str,
    _opened: File,
    out: &mut Events,
    _read: impl FnOnce(&mut dyn Read, &mut Events) -> T,
) -> Option<T> {
    out.error(Diagnostic::file(
        DiagnosticKind::Unsupported,
        file,
        "this build reads no zip archives; unzip the file, or build with the `zip` feature",
    ));
    None
}

/// A reader buffered for the csv crate, and the line ends of its text.
pub(super) fn buffered(reader: &mut dyn Read) -> (BufReader<&mut dyn Read>, LineEnds) {
    let mut input = BufReader::with_capacity(1 << 20, reader);
    let lines = input.fill_buf().map(LineEnds::sniff).unwrap_or_default();
    (input, lines)
}

/// The file cannot be read further (reported).
pub(super) struct Unreadable;

/// Reads the next record that parses into `record`: its line, or `None` at
/// the end. Records that do not parse are reported and passed over.
pub(super) fn next_record<R: Read>(
    rdr: &mut csv::Reader<R>,
    record: &mut csv::ByteRecord,
    file: &str,
    lines: LineEnds,
    out: &mut Events,
) -> Result<Option<u64>, Unreadable> {
    loop {
        match rdr.read_byte_record(record) {
            Ok(true) => return Ok(Some(lines.line(record.position()))),
            Ok(false) => return Ok(None),
            Err(e) => {
                let stop = matches!(e.kind(), csv::ErrorKind::Io(_));
                out.error(error_diagnostic(file, &e, lines));
                if stop {
                    return Err(Unreadable);
                }
            }
        }
    }
}
