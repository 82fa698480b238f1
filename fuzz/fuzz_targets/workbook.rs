//! Workbooks: arbitrary bytes as an .xlsx or .ods file (calamine's parsing,
//! which must not panic either), or an .xlsx with a statements sheet of
//! arbitrary cells (how stancegraph reads what cells hold).
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use stancegraph::load::{Input, LoadOptions, load};

#[derive(Arbitrary, Debug)]
enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Boolean(bool),
    Date(f64),
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    // Memory-backed when the machine has it: the fuzzer writes a file a run.
    let dir = tempfile::tempdir_in("/dev/shm")
        .or_else(|_| tempfile::tempdir())
        .expect("a temporary directory");
    let (name, bytes) = match choice % 3 {
        0 => ("fuzz.xlsx", rest.to_vec()),
        1 => ("fuzz.ods", rest.to_vec()),
        _ => {
            let mut u = Unstructured::new(rest);
            let Ok(rows) = Vec::<Vec<Cell>>::arbitrary(&mut u) else {
                return;
            };
            ("fuzz.xlsx", workbook(&rows))
        }
    };
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("a temporary file");
    if let Ok(loaded) = load(&Input::Workbook(path), &LoadOptions::default()) {
        stancegraph_fuzz::exercise(&loaded);
    }
});

/// A workbook whose first sheet has the statements header and these rows.
fn workbook(rows: &[Vec<Cell>]) -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, name) in ["actor", "stance", "agree", "date", "quote"]
        .iter()
        .enumerate()
    {
        let _ = sheet.write_string(0, c as u16, *name);
    }
    for (r, row) in rows.iter().take(1000).enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().take(8).enumerate() {
            let c = c as u16;
            let _ = match cell {
                Cell::Empty => Ok(&mut *sheet),
                Cell::Text(s) => sheet.write_string(r, c, s),
                Cell::Number(x) => sheet.write_number(r, c, *x),
                Cell::Boolean(b) => sheet.write_boolean(r, c, *b),
                Cell::Date(x) => sheet.write_number_with_format(r, c, *x, &date),
            };
        }
    }
    book.save_to_buffer().unwrap_or_default()
}
