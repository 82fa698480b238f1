//! Finding actors, stances and countries by id or label, and the closest
//! known one when a name matches nothing.
//!
//! Names that differ only in case or in Unicode normalization (`Noël` with
//! one character or with `e` and a combining diaeresis) are the same name:
//! they are compared in their [`fold`]ed form. The loader trims surrounding
//! spaces from every value, so names that differ only there are the same
//! name too. Every such variant is recorded and announced
//! (the loader's spellings).

mod ids;
mod xml_chars;

use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;

use crate::model::{Actor, Country, Stance};

pub use ids::{IdAllocator, is_id_char, slug};

/// A name as names are compared: lower case and NFC.
///
/// ```
/// use stancegraph::names::fold;
/// assert_eq!(fold("Noël"), fold("NOE\u{308}L"));
/// assert_eq!(fold("Strict"), "strict");
/// ```
pub fn fold(name: &str) -> String {
    if name.is_ascii() {
        return name.to_ascii_lowercase();
    }
    name.nfd().flat_map(char::to_lowercase).nfc().collect()
}

/// Looks entities up by id or label: exact id, exact label, then the same
/// [`fold`]ed (ignoring case and Unicode normalization).
#[derive(Default)]
pub(crate) struct Names {
    // Fx hashing: these are looked up twice per statement row.
    exact: FxHashMap<String, usize>,
    folded: FxHashMap<String, usize>,
}

impl Names {
    /// Adds keys in priority order: all ids before all labels.
    pub(crate) fn build<T: Named>(items: &[T]) -> Names {
        let mut names = Names::default();
        for (i, item) in items.iter().enumerate() {
            names.insert(item.id(), i);
        }
        for (i, item) in items.iter().enumerate() {
            names.insert(item.label(), i);
        }
        names
    }

    /// Adds a key; an earlier entity with the same key keeps it.
    pub(crate) fn insert(&mut self, key: &str, index: usize) {
        self.exact.entry(key.to_string()).or_insert(index);
        self.folded.entry(fold(key)).or_insert(index);
    }

    /// The entity with this id or label.
    pub(crate) fn find(&self, key: &str) -> Option<usize> {
        self.lookup(key).map(|(i, _)| i)
    }

    /// The entity with this id or label, and whether it is written exactly
    /// so (else it matched [`fold`]ed).
    pub(crate) fn lookup(&self, key: &str) -> Option<(usize, bool)> {
        match self.exact.get(key) {
            Some(i) => Some((*i, true)),
            None => self.folded.get(&fold(key)).map(|i| (*i, false)),
        }
    }
}

/// Actors, stances and countries: found by id or label.
pub(crate) trait Named {
    fn id(&self) -> &str;
    fn label(&self) -> &str;
}

macro_rules! named {
    ($($t:ty),*) => {$(
        impl Named for $t {
            fn id(&self) -> &str {
                &self.id
            }
            fn label(&self) -> &str {
                &self.label
            }
        }
    )*};
}
named!(Actor, Stance, Country);

/// The item whose id or label is closest to `value` (edit distance,
/// ignoring case; ties go to the smaller id).
pub(crate) fn closest<'a, T: Named>(value: &str, known: &'a [T]) -> Option<&'a T> {
    let folded = value.to_lowercase();
    known.iter().min_by_key(|item| {
        let d = strsim::levenshtein(&folded, &item.id().to_lowercase())
            .min(strsim::levenshtein(&folded, &item.label().to_lowercase()));
        (d, item.id())
    })
}

/// The message for a reference that matches nothing: names the side table
/// and the closest known id.
pub(crate) fn unknown<T: Named>(what: &str, value: &str, table: &str, known: &[T]) -> String {
    match closest(value, known).map(|item| (item.id(), item.label())) {
        Some((id, label)) if id == label => {
            format!(
                "unknown {what} '{value}': not an id or label in {table}; closest known id: '{id}'"
            )
        }
        Some((id, label)) => format!(
            "unknown {what} '{value}': not an id or label in {table}; closest known id: '{id}' ({label})"
        ),
        None => format!("unknown {what} '{value}': {table} is empty"),
    }
}
