//! How actors, stances and countries are found while statements are read:
//! by id or label, created when there is no side table, reported with the
//! closest known id when there is one; the other spellings each one is
//! written in; and where an attribute was first set.

use std::fmt;

use rustc_hash::FxHashMap;
use unicode_normalization::{UnicodeNormalization, is_nfd};

use super::diag::{Diagnostic, DiagnosticKind, Location, Report};
use super::table::Table;
use crate::names::{Named, Names, fold, unknown};

/// How one kind of entity (actors, stances or countries) is looked up.
pub(super) struct Registry {
    pub names: Names,
    /// The side-table file, when given: then every reference must resolve.
    pub table: Option<String>,
    /// Per entity: whether its id was given (kept) or must be derived from
    /// its name.
    pub has_id: Vec<bool>,
    /// The other ways the entities are written.
    pub spellings: Spellings,
}

impl Registry {
    pub fn new(table: &Option<Table>) -> Registry {
        Registry {
            names: Names::default(),
            table: table.as_ref().map(|t| t.file.clone()),
            has_id: Vec::new(),
            spellings: Spellings::default(),
        }
    }

    /// Notes a new entity: whether its id was given, and where it is first
    /// named.
    pub fn added(&mut self, has_id: bool, file: &str, at: Location) {
        self.has_id.push(has_id);
        self.spellings.first(file, at);
    }

    /// Finds `text` among `items` by id or label. Without a side table an
    /// unknown name becomes a new entity made by `make` (its id is derived
    /// later); with one, it is reported with the closest known id. A name
    /// with a control character is an error. A name found only in another
    /// case or normalization, or written with spaces around it (`spaced`),
    /// is recorded as a spelling. Returns the index and whether it is new.
    #[allow(clippy::too_many_arguments)]
    pub fn find_or_add<T: Named>(
        &mut self,
        items: &mut Vec<T>,
        what: &str,
        text: &str,
        spaced: bool,
        (file, at): (&str, Location),
        report: &mut Report,
        make: impl FnOnce(&str) -> T,
    ) -> Option<(usize, bool)> {
        // A name written exactly as a known id or label (the common case) is
        // found by one hash lookup: every key was checked for control
        // characters when it was added (ids hold none by their rules).
        if let Some(i) = self.names.exact(text) {
            if spaced {
                self.spellings.record(i, text, spaced, file, at);
            }
            return Some((i, false));
        }
        if let Some(message) = control_character(what, text) {
            report.error(Diagnostic::located(DiagnosticKind::Name, file, at, message));
            return None;
        }
        let folded = fold(text);
        if let Some(i) = self.names.folded(&folded) {
            self.spellings.record(i, text, spaced, file, at);
            return Some((i, false));
        }
        if let Some(table) = &self.table {
            let message = unknown(what, text, table, items);
            report.error(Diagnostic::located(
                DiagnosticKind::Reference,
                file,
                at,
                message,
            ));
            return None;
        }
        let i = items.len();
        items.push(make(text));
        self.added(false, file, at.clone());
        self.names.insert_folded(text, folded, i);
        if spaced {
            self.spellings.record(i, text, spaced, file, at);
        }
        Some((i, true))
    }
}

/// The message for a name holding a control character (a NUL byte, an
/// escape, a delete, ...), if it holds one. Line breaks and tabs are text a
/// spreadsheet cell holds, and every format writes them: they are kept.
pub(super) fn control_character(what: &str, text: &str) -> Option<String> {
    // ASCII text: one pass over the bytes, no character decoding.
    if text.is_ascii()
        && !text
            .bytes()
            .any(|b| (b < 0x20 || b == 0x7f) && !matches!(b, b'\n' | b'\r' | b'\t'))
    {
        return None;
    }
    let c = text
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))?;
    Some(format!(
        "the {what} {text:?} holds the control character U+{:04X}; names may hold no control character but line breaks and tabs",
        c as u32
    ))
}

/// How many places a warning names for one spelling.
const PLACES: usize = 3;

/// One way an entity is written other than its first.
struct Spelling {
    text: String,
    spaced: bool,
    places: Vec<(u32, Location)>,
    count: u64,
}

/// The spellings of entities: where each was first named, and every other
/// way it is written (another case or normalization, spaces around it),
/// with where.
#[derive(Default)]
pub(super) struct Spellings {
    /// The files places are in.
    files: Vec<String>,
    /// Per entity: where it is first named.
    first: Vec<(u32, Location)>,
    /// Per entity with other spellings: those spellings.
    other: FxHashMap<usize, Vec<Spelling>>,
}

impl Spellings {
    fn file(&mut self, file: &str) -> u32 {
        match self.files.iter().rposition(|f| f == file) {
            Some(i) => i as u32,
            None => {
                self.files.push(file.to_string());
                (self.files.len() - 1) as u32
            }
        }
    }

    fn first(&mut self, file: &str, at: Location) {
        let file = self.file(file);
        self.first.push((file, at));
    }

    /// Records that entity `i` is written `text` (trimmed; `spaced` when
    /// it had spaces around it) at this place.
    pub fn record(&mut self, i: usize, text: &str, spaced: bool, file: &str, at: Location) {
        let file = self.file(file);
        let spellings = self.other.entry(i).or_default();
        let spelling = match spellings
            .iter_mut()
            .position(|s| s.text == text && s.spaced == spaced)
        {
            Some(k) => &mut spellings[k],
            None => {
                spellings.push(Spelling {
                    text: text.to_string(),
                    spaced,
                    places: Vec::new(),
                    count: 0,
                });
                spellings.last_mut().expect("just pushed")
            }
        };
        spelling.count += 1;
        if spelling.places.len() < PLACES {
            spelling.places.push((file, at));
        }
    }

    /// Whether entity `i` is written with spaces around it somewhere.
    pub fn has_spaced(&self, i: usize) -> bool {
        self.other
            .get(&i)
            .is_some_and(|s| s.iter().any(|s| s.spaced))
    }

    /// Where entity `i` is first named.
    pub fn first_place(&self, i: usize) -> Option<String> {
        self.first.get(i).map(|p| self.place(p))
    }

    fn place(&self, (file, at): &(u32, Location)) -> String {
        let file = &self.files[*file as usize];
        match at {
            Location::Line(line) => format!("{file}:{line}"),
            place => format!("{file} ({place})"),
        }
    }

    /// One warning per entity written in more than one way, naming every
    /// spelling and its places; at the first other spelling's place.
    pub fn warnings<T: Named>(&self, what: &str, items: &[T]) -> Vec<Diagnostic> {
        let mut entities: Vec<_> = self.other.iter().collect();
        entities.sort_by_key(|(i, _)| **i);
        entities
            .into_iter()
            .filter_map(|(&i, spellings)| {
                let item = items.get(i)?;
                let first = self.first.get(i).map(|p| self.place(p));
                let list: Vec<String> = spellings
                    .iter()
                    .map(|s| {
                        let how = if s.spaced && s.text == item.label() {
                            "with spaces around it".to_string()
                        } else {
                            let mut how = format!("'{}'", s.text);
                            // The same letters, composed otherwise: say so,
                            // as they look the same.
                            if s.text.nfc().eq(item.label().nfc()) {
                                how.push_str(if is_nfd(&s.text) {
                                    " (decomposed, NFD)"
                                } else {
                                    " (in another Unicode normalization)"
                                });
                            }
                            if s.spaced {
                                how.push_str(" with spaces around it");
                            }
                            how
                        };
                        let mut places: Vec<String> =
                            s.places.iter().map(|p| self.place(p)).collect();
                        let more = s.count - s.places.len() as u64;
                        if more > 0 {
                            places.push(format!(
                                "{more} more place{}",
                                if more == 1 { "" } else { "s" }
                            ));
                        }
                        format!("{how} at {}", places.join(", "))
                    })
                    .collect();
                let (file, at) = &spellings[0].places[0];
                let message = format!(
                    "{what} '{}'{} is also written {}: names that differ only in case, Unicode normalization or spaces around them are one name, so this is one {what}",
                    item.label(),
                    first.map(|f| format!(" (first at {f})")).unwrap_or_default(),
                    list.join("; "),
                );
                Some(Diagnostic::located(DiagnosticKind::Merged,
                    &self.files[*file as usize],
                    at.clone(),
                    message,
                ))
            })
            .collect()
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
