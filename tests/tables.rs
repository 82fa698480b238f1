//! The user's own tables: other column names (`--columns`), other
//! delimiters, TSV, and Excel and OpenDocument workbooks give the same
//! network as the contract's CSV; their problems name line, sheet and cell.

mod common;

use std::fs;
use std::path::Path;

use common::{fixture, listing, stancegraph};
use predicates::prelude::*;

/// The statements in the contract's CSV, with a side table of actors.
const CONTRACT: &str = "actor,stance,agree,date,source,quote\n\
Greenpeace,Coal exit by 2030,yes,2025-01-10,taz 2025-01-10,\"Coal must go, now.\"\n\
BDI,Coal exit by 2030,no,2025-01-10,taz 2025-01-10,Too early.\n\
BDI,Carbon tax,yes,2025-02-03,FAZ 2025-02-03,A price works.\n\
SPD,Carbon tax,yes,2025-02-03,FAZ 2025-02-03,Fair and social.\n\
Greenpeace,Carbon tax,yes,2025-03-01,SZ 2025-03-01,\"Yes; and higher.\"\n\
SPD,Coal exit by 2030,no,2025-03-01,SZ 2025-03-01,Jobs first.\n";

const ACTORS: &str = "label,kind,party_family,founded\n\
Greenpeace,organization,,1971\n\
BDI,organization,,1949\n\
SPD,organization,social democrats,1863\n";

/// The same statements with German column names, as rows of cells.
fn rows() -> Vec<Vec<String>> {
    let mut rdr = csv::Reader::from_reader(CONTRACT.as_bytes());
    let mut out = vec![
        [
            "Organisation",
            "Konzept",
            "Zustimmung",
            "Datum",
            "Quelle",
            "Zitat",
            "Medium",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for r in rdr.records() {
        let r = r.unwrap();
        let agree = if &r[2] == "yes" { "1" } else { "0" };
        let medium = r[4].split(' ').next().unwrap().to_string();
        out.push(vec![
            r[0].into(),
            r[1].into(),
            agree.into(),
            r[3].into(),
            r[4].into(),
            r[5].into(),
            medium,
        ]);
    }
    out
}

const MAPPING: &str =
    "actor=Organisation,stance=Konzept,agree=Zustimmung,date=Datum,source=Quelle,quote=Zitat";

/// The GraphML of an export, with the options given.
fn graphml(dir: &Path, args: &[&str]) -> String {
    let out = stancegraph(dir)
        .arg("export")
        .args(args)
        .args(["-f", "graphml", "-o", "-"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn contract(dir: &Path) -> String {
    graphml(dir, &["contract"])
}

fn delimited(rows: &[Vec<String>], delimiter: u8) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

fn tables() -> tempfile::TempDir {
    let semicolons = delimited(&rows(), b';');
    let tabs = delimited(&rows(), b'\t');
    let mut actors_tsv = ACTORS.replace(',', "\t");
    actors_tsv.push('\n');
    fixture(&[
        ("contract/statements.csv", CONTRACT.as_bytes()),
        ("contract/actors.csv", ACTORS.as_bytes()),
        ("kodierung.csv", &semicolons),
        ("kodierung.tsv", &tabs),
        ("tsvdir/statements.tsv", &tabs),
        ("tsvdir/actors.tsv", actors_tsv.as_bytes()),
    ])
}

#[test]
fn semicolons_and_tabs_with_own_column_names_give_the_contract_network() {
    let dir = tables();
    let expected = contract(dir.path());
    let only_statements = graphml(dir.path(), &["contract/statements.csv"]);
    // Detected from the header: semicolons in a .csv, tabs in a .tsv.
    assert_eq!(
        graphml(dir.path(), &["kodierung.csv", "--columns", MAPPING]),
        only_statements
    );
    assert_eq!(
        graphml(dir.path(), &["kodierung.tsv", "--columns", MAPPING]),
        only_statements
    );
    // Given, and split over two --columns options.
    let (first, second) = MAPPING.split_at(MAPPING.find(",date").unwrap());
    assert_eq!(
        graphml(
            dir.path(),
            &[
                "kodierung.csv",
                "--delimiter",
                ";",
                "--columns",
                first,
                "--columns",
                &second[1..]
            ]
        ),
        only_statements
    );
    // A directory of TSV tables, side table and all.
    assert_eq!(
        graphml(dir.path(), &["tsvdir", "--columns", MAPPING]),
        expected
    );
}

#[test]
fn the_extra_column_is_a_field_to_filter_by_and_in_the_event_list() {
    let dir = tables();
    let out = stancegraph(dir.path())
        .args([
            "export",
            "kodierung.csv",
            "--columns",
            MAPPING,
            "--field",
            "medium=taz",
            "-f",
            "statements",
            "-o",
            "-",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines()
            .next()
            .unwrap()
            .ends_with(",agree,source,quote,Medium"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(text.lines().skip(1).all(|l| l.ends_with(",taz")), "{text}");
}

#[test]
fn column_mapping_errors_name_the_header() {
    let dir = tables();
    let cases: [(&[&str], i32, &str); 4] = [
        (
            &[
                "kodierung.csv",
                "--columns",
                "actor=Organisation,stance=Konzept",
            ],
            1,
            "kodierung.csv:1: missing required column agree in the header (found: Organisation, Konzept, Zustimmung, Datum, Quelle, Zitat, Medium)",
        ),
        (
            &[
                "kodierung.csv",
                "--columns",
                "actor=Akteur,stance=Konzept,agree=Zustimmung",
            ],
            1,
            "kodierung.csv:1: --columns maps actor to 'Akteur', but the header has no such column",
        ),
        (
            &["kodierung.csv", "--columns", "speaker=Organisation"],
            2,
            "'speaker' is not a statements column",
        ),
        (
            &["kodierung.csv", "--delimiter", "ab"],
            2,
            "'ab' is not a delimiter",
        ),
    ];
    for (args, code, message) in cases {
        stancegraph(dir.path())
            .arg("export")
            .args(args)
            .assert()
            .code(code)
            .stderr(predicate::str::contains(message));
    }
    assert!(!dir.path().join("out").exists());
}

/// Writes the statements (agree as numbers, dates as date cells) and the
/// actors as an Excel workbook.
fn xlsx(path: &Path, bad_agree: bool) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = book.add_worksheet();
    sheet.set_name("Kodierung").unwrap();
    // The table starts at B2, under a title row left empty.
    for (r, row) in rows().iter().enumerate() {
        let r = r as u32 + 1;
        for (c, value) in row.iter().enumerate() {
            let c = c as u16 + 1;
            match (r, c) {
                (1, _) => sheet.write_string(r, c, value).map(|_| ()),
                (_, 3) if bad_agree && r == 3 => sheet.write_string(r, c, "vielleicht").map(|_| ()),
                (_, 3) => sheet
                    .write_number(r, c, value.parse::<f64>().unwrap())
                    .map(|_| ()),
                (_, 4) => {
                    let d: Vec<u16> = value.split('-').map(|p| p.parse().unwrap()).collect();
                    let day = ExcelDateTime::from_ymd(d[0], d[1] as u8, d[2] as u8).unwrap();
                    sheet
                        .write_datetime_with_format(r, c, &day, &date)
                        .map(|_| ())
                }
                _ => sheet.write_string(r, c, value).map(|_| ()),
            }
            .unwrap();
        }
    }
    let actors = book.add_worksheet();
    actors.set_name("actors").unwrap();
    for (r, line) in ACTORS.lines().enumerate() {
        for (c, value) in line.split(',').enumerate() {
            let (r, c) = (r as u32, c as u16);
            if value.is_empty() {
                continue;
            }
            match value.parse::<f64>() {
                Ok(n) if r > 0 => actors.write_number(r, c, n).map(|_| ()),
                _ => actors.write_string(r, c, value).map(|_| ()),
            }
            .unwrap();
        }
    }
    book.save(path).unwrap();
}

/// The same as an OpenDocument spreadsheet.
fn ods(path: &Path) {
    ods_with(path, None)
}

/// The OpenDocument spreadsheet, with one agree cell (row, text) replaced.
fn ods_with(path: &Path, bad_agree: Option<(u32, &str)>) {
    use spreadsheet_ods::{Sheet, WorkBook, write_ods};
    let mut book = WorkBook::new_empty();
    let mut sheet = Sheet::new("statements");
    for (r, row) in rows().iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u32);
            match (r, c) {
                (0, _) => sheet.set_value(r, c, value.as_str()),
                (_, 2) if bad_agree.is_some_and(|(row, _)| row == r) => {
                    sheet.set_value(r, c, bad_agree.unwrap().1)
                }
                (_, 2) => sheet.set_value(r, c, value.parse::<f64>().unwrap()),
                (_, 3) => sheet.set_value(r, c, value.parse::<chrono::NaiveDate>().unwrap()),
                _ => sheet.set_value(r, c, value.as_str()),
            }
        }
    }
    book.push_sheet(sheet);
    let mut actors = Sheet::new("Actors");
    for (r, line) in ACTORS.lines().enumerate() {
        for (c, value) in line.split(',').enumerate() {
            let (r, c) = (r as u32, c as u32);
            match value.parse::<f64>() {
                _ if value.is_empty() => {}
                Ok(n) if r > 0 => actors.set_value(r, c, n),
                _ => actors.set_value(r, c, value),
            }
        }
    }
    book.push_sheet(actors);
    write_ods(&mut book, path).unwrap();
}

#[test]
fn excel_and_opendocument_workbooks_give_the_contract_network() {
    let dir = tables();
    xlsx(&dir.path().join("kodierung.xlsx"), false);
    ods(&dir.path().join("kodierung.ods"));
    let expected = contract(dir.path());
    assert_eq!(
        graphml(dir.path(), &["kodierung.xlsx", "--columns", MAPPING]),
        expected
    );
    assert_eq!(
        graphml(dir.path(), &["kodierung.ods", "--columns", MAPPING]),
        expected
    );
    // The attributes are typed from the workbook's numbers.
    assert!(
        expected.contains(r#"attr.name="founded" attr.type="int""#),
        "{expected}"
    );
    assert!(expected.contains(r#"<data key="n_party_family">social democrats</data>"#));
    // check names the sheets' attributes and fields.
    stancegraph(dir.path())
        .args(["check", "kodierung.xlsx", "--columns", MAPPING])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "actor attributes: party_family (string), founded (int)",
        ))
        .stdout(predicate::str::contains("statement fields: Medium"));
}

#[test]
fn workbook_problems_name_sheet_and_cell() {
    let dir = tables();
    xlsx(&dir.path().join("bad.xlsx"), true);
    let before = listing(dir.path());
    stancegraph(dir.path())
        .args(["export", "bad.xlsx", "--columns", MAPPING])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "bad.xlsx: Kodierung!D4: unknown agree value 'vielleicht'",
        ));
    stancegraph(dir.path())
        .args(["export", "bad.xlsx", "--sheet", "Coding"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "bad.xlsx: has no sheet 'Coding' (its sheets: Kodierung, actors); choose one with --sheet",
        ));
    stancegraph(dir.path())
        .args(["export", "bad.xlsx"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "bad.xlsx: Kodierung!2:2: missing required columns actor, stance, agree in the header",
        ));
    ods_with(&dir.path().join("bad.ods"), Some((4, "maybe")));
    stancegraph(dir.path())
        .args(["check", "bad.ods", "--columns", MAPPING])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "bad.ods: statements!C5: unknown agree value 'maybe'",
        ));
    fs::write(dir.path().join("broken.xlsx"), b"not a zip").unwrap();
    stancegraph(dir.path())
        .args(["export", "broken.xlsx"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "broken.xlsx: cannot read as a workbook",
        ));
    let mut after = listing(dir.path());
    after.retain(|f| f != "broken.xlsx" && f != "bad.ods");
    assert_eq!(after, before, "nothing written");
}
