//! Hostile input, as one table of cases: every class of bad input the
//! loader rejects, names that hide a control character or differ only in
//! case, normalization or spaces, damaged DNA databases, and inputs that
//! are big or deep. Each case gives its files, the command's input and
//! arguments, the exit code and what the messages must say. For every
//! case: no panic, no hang; on exit 1 nothing is written (an earlier
//! output survives) and `check` says the same; on exit 0 `check` shows
//! every warning the export showed.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::dna::DnaDb;
use common::listing;

/// How a case's files come about.
enum Files {
    /// These files, with these bytes.
    Bytes(Vec<(&'static str, Vec<u8>)>),
    /// `bad.dna`: a DNA database with one statement, then changed.
    Dna(fn(&Path, &DnaDb)),
    /// Made by a function, in the case's directory.
    Made(fn(&Path)),
}

struct Case {
    name: &'static str,
    files: Files,
    input: &'static str,
    args: &'static [&'static str],
    code: i32,
    says: &'static [&'static str],
}

fn bytes(files: &[(&'static str, &[u8])]) -> Files {
    Files::Bytes(files.iter().map(|(n, b)| (*n, b.to_vec())).collect())
}

fn csv(text: &[u8]) -> Files {
    bytes(&[("s.csv", text)])
}

fn json(text: &[u8]) -> Files {
    bytes(&[("d.json", text)])
}

/// A case whose input is `s.csv`, `d.json`, `d` or `bad.dna` by its files.
fn case(name: &'static str, files: Files, code: i32, says: &'static [&'static str]) -> Case {
    let input = match &files {
        Files::Bytes(f) if f.iter().any(|(n, _)| n.starts_with("d/")) => "d",
        Files::Bytes(f) if f.iter().any(|(n, _)| *n == "d.json") => "d.json",
        Files::Bytes(f) if f.iter().any(|(n, _)| *n == "s.csv") => "s.csv",
        Files::Bytes(_) => "nowhere.csv",
        Files::Dna(_) => "bad.dna",
        Files::Made(_) => "made",
    };
    Case {
        name,
        files,
        input,
        args: &[],
        code,
        says,
    }
}

impl Case {
    fn input(mut self, input: &'static str) -> Case {
        self.input = input;
        self
    }

    fn args(mut self, args: &'static [&'static str]) -> Case {
        self.args = args;
        self
    }
}

fn cases() -> Vec<Case> {
    vec![
        // The classes the loader rejects.
        case("missing required column", csv(b"actor,stance\na,b\n"), 1, &["s.csv:1: missing required column agree"]),
        case("unknown agree value", csv(b"actor,stance,agree\na,b,yes\na,b,perhaps\n"), 1, &["s.csv:3: unknown agree value 'perhaps'"]),
        case("bad date", csv(b"actor,stance,agree,date\na,b,yes,12/02/2025\n"), 1, &["s.csv:2: bad date '12/02/2025'; write dates as YYYY-MM-DD"]),
        case("impossible date", csv(b"actor,stance,agree,date\na,b,yes,2025-02-29\n"), 1, &["s.csv:2: impossible date '2025-02-29'"]),
        case("empty actor", csv(b"actor,stance,agree\n  ,b,yes\n"), 1, &["s.csv:2: the actor is empty"]),
        case("empty stance", csv(b"actor,stance,agree\na,,yes\n"), 1, &["s.csv:2: the stance is empty"]),
        case("unknown actor kind", csv(b"actor,stance,agree,actor_kind\na,b,yes,party\n"), 1, &["s.csv:2: unknown actor kind 'party'; use person, organization, country"]),
        case(
            "id missing from a side table",
            bytes(&[
                ("d/statements.csv", b"actor,stance,agree\nhealey,nato,yes\nhealy,nato,no\n"),
                ("d/actors.csv", b"id,label\nhealey,John Healey\nhegseth,Pete Hegseth\n"),
            ]),
            1,
            &["statements.csv:3: unknown actor 'healy': not an id or label in d/actors.csv; closest known id: 'healey' (John Healey)"],
        ),
        case("ragged row", csv(b"actor,stance,agree\na,b,yes\na,b,yes,extra\n"), 1, &["s.csv:3: the row has 4 fields but the header has 3"]),
        case("invalid UTF-8", csv(b"actor,stance,agree\nBarrot,b,yes\nJean-No\xebl,b,yes\n"), 1, &["s.csv:3: column 'actor' is not valid UTF-8"]),
        case("malformed JSON", json(b"{\"statements\": [\n  {\"actor\": \"a\", \"stance\": \"b\" \"agree\": true}\n]}\n"), 1, &["d.json:2: malformed JSON dataset: expected `,` or `}`"]),
        case("unknown agree value in JSON", json(b"{\"statements\": [\n  {\"actor\": \"a\", \"stance\": \"b\", \"agree\": true},\n  {\"actor\": \"a\", \"stance\": \"b\", \"agree\": \"sure\"}\n]}\n"), 1, &["d.json:3: unknown agree value 'sure'"]),
        case("missing file", bytes(&[]), 1, &["nowhere.csv: cannot open:"]),
        case("a count of zero", csv(b"actor,stance,agree,count\na,b,yes,2\na,b,no,0\n"), 1, &["s.csv:3: the count '0' is not a whole number from 1 to 4294967295"]),
        case("a count that is not whole", csv(b"actor,stance,agree,count\na,b,yes,1.5\n"), 1, &["s.csv:2: the count '1.5' is not a whole number"]),
        // Control characters in names.
        case("a NUL byte in an actor", csv(b"actor,stance,agree\nok,b,yes\na\x00b,b,yes\n"), 1, &["s.csv:3: the actor \"a\\0b\" holds the control character U+0000"]),
        case("an escape in a stance, in JSON", json(b"{\"statements\": [\n  {\"actor\": \"a\", \"stance\": \"b\\u001b[31m\", \"agree\": true}\n]}\n"), 1, &["d.json:2: the stance \"b\\u{1b}[31m\" holds the control character U+001B"]),
        case(
            "a control character in a side-table label",
            bytes(&[
                ("d/statements.csv", b"actor,stance,agree\nspd,coal,yes\n"),
                ("d/actors.csv", b"id,label\nspd,S\x07PD\n"),
            ]),
            1,
            &["actors.csv:2: the actor \"S\\u{7}PD\" holds the control character U+0007"],
        ),
        case("a control character in a workbook cell", Files::Made(workbook_with_bell), 1, &["s.xlsx: Statements!A3: the actor \"b\\u{7}ell\" holds the control character U+0007"]).input("s.xlsx"),
        case(
            "a control character in a DNA entity",
            Files::Dna(|_, db| {
                db.conn.execute("UPDATE ENTITIES SET Value = 'N' || char(0) || 'GO' WHERE Value = 'NGO'", []).unwrap();
            }),
            1,
            &["bad.dna: table ENTITIES, row", "the actor \"N\\0GO\" holds the control character U+0000"],
        ),
        // Line breaks and tabs are text: kept.
        case("a line break and a tab in names", csv(b"actor,stance,agree\n\"two\nlines\",\"a\tb\",yes\n"), 0, &[]),
        // Names that differ only in case, normalization or spaces: one
        // name, announced with every spelling and its lines.
        case(
            "names that differ only in case and spaces",
            csv(b"actor,stance,agree\nStrict,s,yes\nstrict,s,no\n\" Strict \",s,yes\nSTRICT,t,no\n"),
            0,
            &["warning: s.csv:3: actor 'Strict' (first at s.csv:2) is also written 'strict' at s.csv:3; with spaces around it at s.csv:4; 'STRICT' at s.csv:5"],
        ),
        case(
            "NFC and NFD spellings in JSON",
            json("{\"statements\": [\n{\"actor\": \"No\u{eb}l\", \"stance\": \"s\", \"agree\": true},\n{\"actor\": \"Noe\u{308}l\", \"stance\": \"s\", \"agree\": false}\n]}\n".as_bytes()),
            0,
            &["warning: d.json:3: actor 'No\u{eb}l' (first at d.json:2) is also written 'Noe\u{308}l' (decomposed, NFD) at d.json:3"],
        ),
        case("spaces around a name in a workbook", Files::Made(workbook_with_spaces), 0, &["actor 'Healey' (first at s.xlsx (Statements!A2)) is also written with spaces around it at s.xlsx (Statements!A3)"]).input("s.xlsx"),
        case(
            "DNA entities that differ only in case",
            Files::Dna(|_, db| {
                let doc = db.document("d2", "Coal must stay.", "2025-01-02", 0, ["", "", "", ""]);
                db.statement(doc, "Coal must stay.", "", "ngo", "coal exit", false);
            }),
            0,
            &["the label 'ngo' is the label of the actor at bad.dna (table ENTITIES, row", "so the two rows are one actor"],
        ),
        case(
            "side-table labels that differ only in case, without ids",
            bytes(&[
                ("d/statements.csv", b"actor,stance,agree\nSPD,coal,yes\n"),
                ("d/actors.csv", b"label,party\nSPD,left\nspd,right\n"),
            ]),
            0,
            &["actors.csv:3: the label 'spd' is the label of the actor at d/actors.csv:2 written another way", "the rest of this row is not read"],
        ),
        // Damaged DNA databases: each names the table and row.
        case("a DNA integer qualifier", Files::Dna(|_, db| { db.conn.execute("UPDATE VARIABLES SET DataType = 'integer' WHERE ID = 4", []).unwrap(); }), 1, &["bad.dna: table VARIABLES, row 4: variable 'agreement' is an integer qualifier"]),
        case("a DNA 2 database", Files::Dna(|_, db| { db.conn.execute("UPDATE SETTINGS SET Value = '2.0 beta 25' WHERE Property = 'version'", []).unwrap(); }), 1, &["bad.dna: a DNA 2 database (version 2.0 beta 25)"]),
        case("a DNA table missing", Files::Dna(|_, db| db.conn.execute_batch("DROP TABLE DATABOOLEAN").unwrap()), 1, &["bad.dna: table DATABOOLEAN is missing"]),
        case("a DNA column missing", Files::Dna(|_, db| db.conn.execute_batch("ALTER TABLE DOCUMENTS DROP COLUMN Section").unwrap()), 1, &["bad.dna: table DOCUMENTS has no column Section"]),
        case(
            "a DNA value pointing to a missing entity",
            Files::Dna(|_, db| {
                db.conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
                db.conn.execute("UPDATE DATASHORTTEXT SET Entity = 9999 WHERE VariableId = 2", []).unwrap();
            }),
            1,
            &["bad.dna: table DATASHORTTEXT, row 2: the value of variable 'organization' points to entity 9999, which is not in ENTITIES"],
        ),
        case("a DNA boolean that is not 0 or 1", Files::Dna(|_, db| { db.conn.execute("UPDATE DATABOOLEAN SET Value = 7", []).unwrap(); }), 1, &["bad.dna: table DATABOOLEAN, row 1: the value of the boolean variable 'agreement' is 7, not 0 or 1"]),
        case("DNA text offsets past the document's end", Files::Dna(|_, db| { db.conn.execute("UPDATE STATEMENTS SET Stop = 500", []).unwrap(); }), 1, &["bad.dna: table STATEMENTS, row 1: the coded span 0..500 lies outside document 1"]),
        case(
            "DNA text offsets below zero",
            Files::Dna(|_, db| {
                // A damaged file: its CHECK constraints were not kept.
                db.conn.execute_batch("PRAGMA ignore_check_constraints = ON; UPDATE STATEMENTS SET Start = -5").unwrap();
            }),
            1,
            &["the coded span -5..13 lies outside document 1"],
        ),
        case("not SQLite", Files::Dna(|path, _| fs::write(path, b"actor,stance,agree\na,b,yes\n").unwrap()), 1, &["bad.dna: not an SQLite database, so not a DNA 3 database"]),
        case(
            "SQLite but not DNA",
            Files::Dna(|path, _| {
                fs::remove_file(path).unwrap();
                let conn = rusqlite::Connection::open(path).unwrap();
                conn.execute_batch("CREATE TABLE notes(x TEXT); INSERT INTO notes VALUES ('hi');").unwrap();
            }),
            1,
            &["bad.dna: an SQLite database, but not a DNA database"],
        ),
        case("an empty DNA file", Files::Dna(|path, _| fs::write(path, b"").unwrap()), 1, &["bad.dna: the file is empty, not a DNA database"]),
        // Big and deep.
        case("JSON nested a million levels deep", Files::Made(deep_json), 1, &["d.json:1:"]).input("d.json"),
        case("JSON objects nested a million levels deep", Files::Made(deep_json_objects), 1, &["d.json:1:"]).input("d.json"),
        case("a 100 MB field", Files::Made(big_field), 0, &[]).input("s.csv").args(&["-f", "csv"]),
        case("a million distinct actors", Files::Made(million_actors), 0, &[]).input("s.csv").args(&["-f", "csv"]),
        case("a workbook with a million empty rows", Files::Made(workbook_with_empty_rows), 0, &[]).input("s.xlsx"),
        case("a 200 MB statements file", Files::Made(big_file), 0, &[]).input("s.csv").args(&["-f", "csv"]),
    ]
}

fn workbook(dir: &Path, rows: &[[&str; 3]]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Statements").unwrap();
    for (r, row) in [["actor", "stance", "agree"]]
        .iter()
        .chain(rows)
        .enumerate()
    {
        for (c, value) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *value).unwrap();
        }
    }
    book.save(dir.join("s.xlsx")).unwrap();
}

fn workbook_with_bell(dir: &Path) {
    workbook(dir, &[["ok", "b", "yes"], ["b\u{7}ell", "b", "no"]]);
}

fn workbook_with_spaces(dir: &Path) {
    workbook(dir, &[["Healey", "b", "yes"], [" Healey ", "b", "no"]]);
}

fn workbook_with_empty_rows(dir: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, value) in ["actor", "stance", "agree"].iter().enumerate() {
        sheet.write_string(0, c as u16, *value).unwrap();
    }
    for (c, value) in ["a", "s", "yes"].iter().enumerate() {
        sheet.write_string(1, c as u16, *value).unwrap();
    }
    // A million rows formatted but empty, as a sheet gets when whole
    // columns are formatted.
    let format = rust_xlsxwriter::Format::new().set_bold();
    for row in 2..1_000_002 {
        sheet.set_row_format(row, &format).unwrap();
    }
    book.save(dir.join("s.xlsx")).unwrap();
}

fn deep_json(dir: &Path) {
    let n = 1_000_000;
    let text = format!("{{\"statements\": {}{}}}", "[".repeat(n), "]".repeat(n));
    fs::write(dir.join("d.json"), text).unwrap();
}

fn deep_json_objects(dir: &Path) {
    let n = 1_000_000;
    let text = format!(
        "{{\"statements\": [{{\"actor\": {}1{}}}]}}",
        "{\"a\":".repeat(n),
        "}".repeat(n)
    );
    fs::write(dir.join("d.json"), text).unwrap();
}

fn big_field(dir: &Path) {
    let mut text = String::from("actor,stance,agree,quote\na,s,yes,\"");
    text.push_str(&"long \"\"quoted\"\" words, ".repeat(100_000_000 / 24));
    text.push_str("\"\n");
    fs::write(dir.join("s.csv"), text).unwrap();
}

fn million_actors(dir: &Path) {
    let mut text = String::from("actor,stance,agree\n");
    for i in 0..1_000_000 {
        text.push_str(&format!("Actor {i},s{},yes\n", i % 100));
    }
    fs::write(dir.join("s.csv"), text).unwrap();
}

fn big_file(dir: &Path) {
    // Few actors and stances, many rows: the network stays small.
    let mut text = String::from("actor,stance,agree,date,quote\n");
    let mut i = 0u64;
    while text.len() < 200_000_000 {
        text.push_str(&format!(
            "Actor {},Stance {},{},2025-01-{:02},the same words again\n",
            i % 50,
            i % 20,
            if i.is_multiple_of(3) { "no" } else { "yes" },
            1 + i % 28
        ));
        i += 1;
    }
    fs::write(dir.join("s.csv"), text).unwrap();
}

/// Runs the binary with a time limit: a hang is a failure, not a stuck
/// test. Returns the exit code and standard error.
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stancegraph"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut text).unwrap();
        text
    });
    let deadline = Instant::now() + Duration::from_secs(300);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("{args:?} did not end in 5 minutes");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (status.code(), reader.join().unwrap())
}

#[test]
fn every_hostile_input_ends_as_the_table_says() {
    for case in cases() {
        let dir = tempfile::tempdir().unwrap();
        match &case.files {
            Files::Bytes(files) => {
                for (name, bytes) in files {
                    let path = dir.path().join(name);
                    fs::create_dir_all(path.parent().unwrap()).unwrap();
                    fs::write(path, bytes).unwrap();
                }
            }
            Files::Dna(change) => {
                let path = dir.path().join("bad.dna");
                let db = DnaDb::create(&path);
                let doc = db.document("d", "Coal must go.", "2025-01-01", 0, ["", "", "", ""]);
                db.statement(doc, "Coal must go.", "", "NGO", "coal exit", true);
                change(&path, &db);
            }
            Files::Made(make) => make(dir.path()),
        }
        fs::create_dir(dir.path().join("out")).unwrap();
        fs::write(dir.path().join("out/full.dot"), b"earlier output").unwrap();
        let before = listing(dir.path());
        let mut args = vec!["export", case.input, "-o", "out"];
        args.extend(case.args);
        let (code, stderr) = run(dir.path(), &args);
        let name = case.name;
        assert_eq!(code, Some(case.code), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        for says in case.says {
            assert!(
                stderr.contains(says),
                "{name}: expected {says:?} in:\n{stderr}"
            );
        }
        let (check_code, check) = run(dir.path(), &["check", case.input]);
        assert_eq!(check_code, Some(case.code), "{name}: check: {check}");
        if case.code == 1 {
            assert_eq!(listing(dir.path()), before, "{name}: files changed");
            assert_eq!(
                fs::read(dir.path().join("out/full.dot")).unwrap(),
                b"earlier output"
            );
            for says in case.says {
                assert!(
                    check.contains(says),
                    "{name}: check: expected {says:?} in:\n{check}"
                );
            }
        } else {
            // Every warning about the input shows in `check` too.
            for line in stderr.lines().filter(|l| l.starts_with("warning:")) {
                let about_output = [
                    "pajek:",
                    "dl:",
                    "gml:",
                    "cytoscape:",
                    "dot:",
                    "graphml:",
                    "gexf:",
                    "matrix:",
                ]
                .iter()
                .any(|f| line.starts_with(&format!("warning: {f}")));
                if !about_output {
                    assert!(
                        check.contains(line),
                        "{name}: check lacks {line:?}:\n{check}"
                    );
                }
            }
        }
    }
}
