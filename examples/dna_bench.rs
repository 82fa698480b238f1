//! The benchmark's DNA database and its floor.
//!
//! `cargo run --release --example dna_bench -- make STATEMENTS.csv OUT.dna`
//! writes a benchmark statements table into a DNA 3 database with DNA's
//! schema (the one the tests build, `tests/common/dna.rs`): one document per
//! source and day, its text the statements' quotes, each statement a span of
//! it with `organization` (the actor), `concept` (the stance) and
//! `agreement`.
//!
//! `cargo run --release --example dna_bench -- floor DB.dna BYTES OUT` is the
//! floor for reading it: one SQLite scan of the same rows (every statement
//! with its document, span and values, every entity, every document's text
//! once) plus writing BYTES bytes.

#[path = "../tests/common/dna.rs"]
mod dna;
#[path = "support/write.rs"]
mod write;

use std::collections::HashMap;

use rusqlite::{Connection, OpenFlags, params};

type Failure = Box<dyn std::error::Error>;

fn main() -> Result<(), Failure> {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[1..] {
        ["make", csv, out] => make(csv, out),
        ["floor", db, bytes, out] => floor(db, bytes.parse()?, out),
        _ => Err("usage: dna_bench make STATEMENTS.csv OUT.dna | floor DB.dna BYTES OUT".into()),
    }
}

/// One document: its title, day and text, with the text's length in UTF-16
/// units (DNA's offsets).
struct Document {
    title: String,
    date: String,
    text: String,
    units: i64,
}

fn make(csv_path: &str, out: &str) -> Result<(), Failure> {
    let _ = std::fs::remove_file(out);
    let db = dna::DnaDb::create(std::path::Path::new(out));
    let mut conn: Connection = db.conn;
    let mut documents: Vec<Document> = Vec::new();
    let mut by_source_day: HashMap<(String, String), usize> = HashMap::new();
    let mut entities: HashMap<(i64, String), i64> = HashMap::new();
    // (document, start, stop, organization, concept, agree)
    let mut statements: Vec<(usize, i64, i64, String, String, bool)> = Vec::new();
    let mut rdr = csv::Reader::from_path(csv_path)?;
    let header = rdr.headers()?.clone();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or(format!("no column {name}"))
    };
    let (actor, stance, agree, date, source, quote) = (
        col("actor")?,
        col("stance")?,
        col("agree")?,
        col("date")?,
        col("source")?,
        col("quote")?,
    );
    for (i, row) in rdr.records().enumerate() {
        let row = row?;
        let key = (row[source].to_string(), row[date].to_string());
        let d = *by_source_day.entry(key.clone()).or_insert_with(|| {
            documents.push(Document {
                title: key.0,
                date: key.1,
                text: String::new(),
                units: 0,
            });
            documents.len() - 1
        });
        let doc = &mut documents[d];
        let words = if row[quote].is_empty() {
            format!("statement {i}")
        } else {
            row[quote].to_string()
        };
        let start = doc.units;
        doc.units += words.encode_utf16().count() as i64;
        doc.text.push_str(&words);
        statements.push((
            d,
            start,
            doc.units,
            row[actor].to_string(),
            row[stance].to_string(),
            row[agree].eq_ignore_ascii_case("yes"),
        ));
        doc.text.push('\n');
        doc.units += 1;
    }
    let tx = conn.transaction()?;
    {
        let mut insert_doc = tx.prepare(
            "INSERT INTO DOCUMENTS (ID, Title, Text, Coder, Date) VALUES (?, ?, ?, 1, ?)",
        )?;
        for (i, d) in documents.iter().enumerate() {
            let day: chrono::NaiveDate = d.date.parse()?;
            let epoch = day
                .and_hms_opt(0, 0, 0)
                .ok_or("a day")?
                .and_utc()
                .timestamp();
            insert_doc.execute(params![i as i64 + 1, d.title, d.text, epoch])?;
        }
        let mut insert_entity = tx.prepare(
            "INSERT INTO ENTITIES (VariableId, Value, Red, Green, Blue) VALUES (?, ?, 0, 0, 0)",
        )?;
        let mut insert_statement = tx.prepare(
            "INSERT INTO STATEMENTS (ID, StatementTypeId, DocumentId, Start, Stop, Coder) VALUES (?, 1, ?, ?, ?, 1)",
        )?;
        let mut insert_short = tx.prepare(
            "INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (?, ?, ?)",
        )?;
        let mut insert_bool = tx
            .prepare("INSERT INTO DATABOOLEAN (StatementId, VariableId, Value) VALUES (?, 4, ?)")?;
        for (i, (d, start, stop, organization, concept, agree)) in statements.iter().enumerate() {
            let id = i as i64 + 1;
            insert_statement.execute(params![id, *d as i64 + 1, start, stop])?;
            // Variable 2 is organization, 3 concept (DNA's defaults).
            for (variable, value) in [(2i64, organization), (3, concept)] {
                let entity = match entities.get(&(variable, value.clone())) {
                    Some(e) => *e,
                    None => {
                        insert_entity.execute(params![variable, value])?;
                        let e = tx.last_insert_rowid();
                        entities.insert((variable, value.clone()), e);
                        e
                    }
                };
                insert_short.execute(params![id, variable, entity])?;
            }
            insert_bool.execute(params![id, i64::from(*agree)])?;
        }
    }
    tx.commit()?;
    eprintln!(
        "{} statements in {} documents, {} entities",
        statements.len(),
        documents.len(),
        entities.len()
    );
    Ok(())
}

fn floor(db: &str, total: u64, out: &str) -> Result<(), Failure> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut read = 0u64;
    let mut q = conn.prepare(
        "SELECT s.ID, s.DocumentId, s.Start, s.Stop, a.Entity, c.Entity, b.Value FROM STATEMENTS s \
         LEFT JOIN DATASHORTTEXT a ON a.StatementId = s.ID AND a.VariableId = 2 \
         LEFT JOIN DATASHORTTEXT c ON c.StatementId = s.ID AND c.VariableId = 3 \
         LEFT JOIN DATABOOLEAN b ON b.StatementId = s.ID AND b.VariableId = 4 \
         WHERE s.StatementTypeId = 1 ORDER BY s.ID",
    )?;
    let mut rows = q.query([])?;
    while let Some(r) = rows.next()? {
        for i in 0..7 {
            read += r.get::<_, Option<i64>>(i)?.unwrap_or(0) as u64 & 1;
        }
    }
    // Each entity's value, each document's title and text.
    for (sql, columns) in [
        ("SELECT ID, Value FROM ENTITIES", &[1][..]),
        ("SELECT ID, Title, Date, Text FROM DOCUMENTS", &[1, 3][..]),
    ] {
        let mut q = conn.prepare(sql)?;
        let mut rows = q.query([])?;
        while let Some(r) = rows.next()? {
            for &c in columns {
                read += r.get_ref(c)?.as_str()?.len() as u64;
            }
        }
    }
    write::write_bytes(total, out)?;
    eprintln!("{read} read; {total} bytes written");
    Ok(())
}
