//! How actors, stances and countries are found while statements are read:
//! by id or label, created when there is no side table, reported with the
//! closest known id when there is one; and where an attribute was first set.

use std::fmt;

use super::diag::{Diagnostic, Location, Report};
use super::names::{Named, Names, unknown};
use super::table::Table;

/// How one kind of entity (actors, stances or countries) is looked up.
pub(super) struct Registry {
    pub names: Names,
    /// The side-table file, when given: then every reference must resolve.
    pub table: Option<String>,
    /// Per entity: whether its id was given (kept) or must be derived from
    /// its name.
    pub has_id: Vec<bool>,
}

impl Registry {
    pub fn new(table: &Option<Table>) -> Registry {
        Registry {
            names: Names::default(),
            table: table.as_ref().map(|t| t.file.clone()),
            has_id: Vec::new(),
        }
    }

    /// Finds `text` among `items` by id or label. Without a side table an
    /// unknown name becomes a new entity made by `make` (its id is derived
    /// later); with one, it is reported with the closest known id. Returns
    /// the index and whether it is new.
    pub fn find_or_add<T: Named>(
        &mut self,
        items: &mut Vec<T>,
        what: &str,
        text: &str,
        (file, at): (&str, Location),
        report: &mut Report,
        make: impl FnOnce(&str) -> T,
    ) -> Option<(usize, bool)> {
        if let Some(i) = self.names.find(text) {
            return Some((i, false));
        }
        if let Some(table) = &self.table {
            let message = unknown(what, text, table, items);
            report.error(Diagnostic::located(file, at, message));
            return None;
        }
        let i = items.len();
        items.push(make(text));
        self.has_id.push(false);
        self.names.insert(text, i);
        Some((i, true))
    }
}

/// Where an entity's attribute was first set, so that a contradiction can
/// name both places.
#[derive(Debug, Clone)]
pub(super) struct Origin {
    pub file: String,
    pub location: Location,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Location::Line(line) => write!(f, "{}:{line}", self.file),
            place => write!(f, "{} ({place})", self.file),
        }
    }
}
