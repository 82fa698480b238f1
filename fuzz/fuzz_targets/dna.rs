//! DNA databases with DNA's schema and arbitrary contents: documents with
//! any text and date, entities with any value and colour, statements with
//! any span and any (or dangling, or missing) values. SQLite's own file
//! parser is SQLite's to fuzz; this fuzzes how stancegraph reads what a
//! damaged or odd database holds.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use rusqlite::params;
use stancegraph::load::{Input, LoadOptions, load};

#[path = "../../tests/common/dna.rs"]
mod dna;

#[derive(Arbitrary, Debug)]
struct Document {
    title: String,
    text: String,
    date: i64,
}

#[derive(Arbitrary, Debug)]
struct Entity {
    /// 0: person, 1: organization, 2: concept.
    variable: u8,
    value: String,
    rgb: (i16, i16, i16),
}

#[derive(Arbitrary, Debug)]
struct Statement {
    document: i64,
    start: i64,
    stop: i64,
    /// Indices into the entities, or dangling ids.
    organization: Option<i64>,
    concept: Option<i64>,
    agree: Option<i64>,
}

#[derive(Arbitrary, Debug)]
struct Contents {
    documents: Vec<Document>,
    entities: Vec<Entity>,
    statements: Vec<Statement>,
    /// (entity index, attribute value) for the organizations' Type.
    types: Vec<(u8, String)>,
}

const VARIABLES: [&str; 3] = ["person", "organization", "concept"];

/// A new DNA database's bytes, made once.
fn template() -> &'static [u8] {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("new.dna");
        drop(dna::DnaDb::create(&path));
        std::fs::read(&path).expect("the new database")
    })
}

/// Memory-backed when the machine has it: the fuzzer writes a file a run.
fn scratch() -> tempfile::TempDir {
    match tempfile::tempdir_in("/dev/shm") {
        Ok(dir) => dir,
        Err(_) => tempfile::tempdir().expect("a temporary directory"),
    }
}

fuzz_target!(|contents: Contents| {
    let dir = scratch();
    let path = dir.path().join("fuzz.dna");
    std::fs::write(&path, template()).expect("a scratch file");
    let db = dna::DnaDb {
        conn: rusqlite::Connection::open(&path).expect("the scratch database"),
    };
    let c = &db.conn;
    c.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
        .expect("pragmas");
    for d in &contents.documents {
        // The schema's CHECKs may refuse a row: then it is not there.
        let _ = c.execute(
            "INSERT INTO DOCUMENTS (Title, Text, Coder, Date) VALUES (?, ?, 1, ?)",
            params![d.title, d.text, d.date],
        );
    }
    let mut entities = Vec::new();
    for e in &contents.entities {
        let variable = db.variable(VARIABLES[usize::from(e.variable % 3)]);
        if c.execute(
            "INSERT INTO ENTITIES (VariableId, Value, Red, Green, Blue) VALUES (?, ?, ?, ?, ?)",
            params![variable, e.value, e.rgb.0, e.rgb.1, e.rgb.2],
        )
        .is_ok()
        {
            entities.push(c.last_insert_rowid());
        }
    }
    let entity = |i: i64| {
        usize::try_from(i)
            .ok()
            .and_then(|i| entities.get(i).copied())
            .unwrap_or(i)
    };
    let (organization, concept) = (db.variable("organization"), db.variable("concept"));
    for s in &contents.statements {
        if c.execute(
            "INSERT INTO STATEMENTS (StatementTypeId, DocumentId, Start, Stop, Coder) VALUES (1, ?, ?, ?, 1)",
            params![s.document, s.start, s.stop],
        )
        .is_err()
        {
            continue;
        }
        let id = c.last_insert_rowid();
        for (variable, value) in [(organization, s.organization), (concept, s.concept)] {
            if let Some(v) = value {
                let _ = c.execute(
                    "INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (?, ?, ?)",
                    params![id, variable, entity(v)],
                );
            }
        }
        if let Some(agree) = s.agree {
            let _ = c.execute(
                "INSERT INTO DATABOOLEAN (StatementId, VariableId, Value) VALUES (?, 4, ?)",
                params![id, agree],
            );
        }
    }
    if !contents.types.is_empty() {
        // DNA makes the attribute variable Type for every variable.
        let attribute: i64 = c
            .query_row(
                "SELECT ID FROM ATTRIBUTEVARIABLES WHERE VariableId = ? AND AttributeVariable = 'Type'",
                [organization],
                |r| r.get(0),
            )
            .expect("DNA's Type attribute variable");
        for (e, value) in &contents.types {
            let _ = c.execute(
                "INSERT OR REPLACE INTO ATTRIBUTEVALUES (EntityId, AttributeVariableId, AttributeValue) VALUES (?, ?, ?)",
                params![entity(i64::from(*e)), attribute, value],
            );
        }
    }
    drop(db);
    if let Ok(loaded) = load(&Input::Dna(path), &LoadOptions::default()) {
        stancegraph_fuzz::exercise(&loaded);
    }
});
