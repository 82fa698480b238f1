//! The documents of a DNA database with their fields and their names as
//! sources.

use rustc_hash::FxHashMap as HashMap;

use super::{Db, Failure, integer, text};
use crate::load::diag::DiagnosticKind;

/// A document's fields.
#[derive(Debug, Clone)]
pub(super) struct Document {
    /// Its name as a source: its title, or `document N` without one;
    /// titles that several documents share get their ID added, so that
    /// `--duplicates document` keeps documents apart as DNA does.
    pub name: Box<str>,
    pub title: Box<str>,
    pub author: Box<str>,
    pub source: Box<str>,
    pub section: Box<str>,
    pub kind: Box<str>,
    /// Seconds since 1970, as DNA stores it.
    pub date: i64,
}

/// The documents in ID order. Found by binary search: a big database has
/// hundreds of thousands, which a hash map would hold in twice the memory.
pub(super) struct Documents(Vec<(i64, Document)>);

impl Documents {
    /// Reads every document's fields (not its text).
    pub fn read(db: &Db) -> Result<Documents, Failure> {
        let sql =
            "SELECT ID, Title, Author, Source, Section, Type, Date FROM DOCUMENTS ORDER BY ID";
        let mut q = db.conn.prepare(sql).map_err(|e| db.sql("DOCUMENTS", e))?;
        let mut rows = q.query([]).map_err(|e| db.sql("DOCUMENTS", e))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(|e| db.sql("DOCUMENTS", e))? {
            let get = |i| r.get_ref(i).map_err(|e| db.sql("DOCUMENTS", e));
            let id = integer(get(0)?).ok().flatten().unwrap_or_default();
            let field = |i| -> Result<Box<str>, Failure> {
                Ok(text(get(i)?).unwrap_or_default().trim().into())
            };
            let date = match integer(get(6)?) {
                Ok(Some(d)) => d,
                Ok(None) | Err(_) => {
                    return Err(db.at(
                        DiagnosticKind::Value,
                        "DOCUMENTS",
                        id,
                        "the Date is not a whole number of seconds since 1970",
                    ));
                }
            };
            out.push((
                id,
                Document {
                    name: Box::default(),
                    title: field(1)?,
                    author: field(2)?,
                    source: field(3)?,
                    section: field(4)?,
                    kind: field(5)?,
                    date,
                },
            ));
        }
        // IDs are the table's key, so this only guards a damaged file: the
        // last of a repeated ID counts.
        out.reverse();
        out.sort_by_key(|(id, _)| *id);
        out.dedup_by_key(|(id, _)| *id);
        name(&mut out);
        Ok(Documents(out))
    }

    /// The document with this ID.
    pub fn get(&self, id: i64) -> Option<&Document> {
        let i = self.0.binary_search_by_key(&id, |(k, _)| *k).ok()?;
        Some(&self.0[i].1)
    }
}

/// Gives each document its name as a source (see [`Document::name`]).
fn name(documents: &mut [(i64, Document)]) {
    let shared: Vec<usize> = {
        let mut count: HashMap<&str, usize> = HashMap::default();
        for (_, d) in documents.iter() {
            *count.entry(&d.title).or_default() += 1;
        }
        documents.iter().map(|(_, d)| count[&*d.title]).collect()
    };
    for ((id, d), shared) in documents.iter_mut().zip(shared) {
        d.name = match (&*d.title, shared) {
            ("", _) => format!("document {id}").into(),
            (t, 1) => t.into(),
            (t, _) => format!("{t} (document {id})").into(),
        };
    }
}
