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
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

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
    // Lower case maps canonically equivalent text to canonically equivalent
    // text (checked for every character in the tests below), so lowering
    // before decomposing gives the same NFC. Most lowered names are NFC
    // already, which a quick check tells without decomposing and composing
    // again, the slow part.
    let mut lower = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii() {
            lower.push(c.to_ascii_lowercase());
        } else {
            lower.extend(c.to_lowercase());
        }
    }
    // Below U+0300 every character is NFC and composes with nothing.
    if lower.chars().all(|c| (c as u32) < 0x300) || is_nfc_quick(lower.chars()) == IsNormalized::Yes
    {
        return lower;
    }
    fold_by_definition(name)
}

/// [`fold`] as it is defined: decomposed, lower case, composed.
fn fold_by_definition(name: &str) -> String {
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
        self.insert_folded(key, fold(key), index);
    }

    /// [`Names::insert`] with the key's [`fold`] already made.
    pub(crate) fn insert_folded(&mut self, key: &str, folded: String, index: usize) {
        self.exact.entry(key.to_string()).or_insert(index);
        self.folded.entry(folded).or_insert(index);
    }

    /// The entity whose [`fold`]ed id or label is `folded`.
    pub(crate) fn folded(&self, folded: &str) -> Option<usize> {
        self.folded.get(folded).copied()
    }

    /// The entity with this id or label.
    pub(crate) fn find(&self, key: &str) -> Option<usize> {
        self.lookup(key).map(|(i, _)| i)
    }

    /// The entity with exactly this id or label.
    pub(crate) fn exact(&self, key: &str) -> Option<usize> {
        self.exact.get(key).copied()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick path of `fold` equals its definition for every character
    /// alone, and beside combining marks for every character below U+2000
    /// and every one that cases, decomposes or combines.
    #[test]
    fn fold_equals_its_definition_for_every_character() {
        let marks = [
            '\u{301}', '\u{308}', '\u{327}', '\u{345}', '\u{3099}', '\u{1161}',
        ];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let alone = c.to_string();
            assert_eq!(fold(&alone), fold_by_definition(&alone), "{:04X}", c as u32);
            // Beside marks: the characters that case, decompose or combine.
            let plain = c.to_lowercase().eq(std::iter::once(c))
                && unicode_normalization::is_nfd(&alone)
                && unicode_normalization::char::canonical_combining_class(c) == 0;
            if plain && c as u32 > 0x2000 {
                continue;
            }
            for m in marks {
                for text in [format!("{c}{m}"), format!("{m}{c}"), format!("A{c}{m}")] {
                    assert_eq!(fold(&text), fold_by_definition(&text), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn fold_ignores_case_and_normalization() {
        assert_eq!(fold("Zoë O'Brien"), "zoë o'brien");
        assert_eq!(fold("ZOE\u{308}"), fold("zoë"));
        assert_eq!(fold("İstanbul"), fold_by_definition("İstanbul"));
        assert_eq!(fold("ΣΊΣΥΦΟΣ"), fold_by_definition("ΣΊΣΥΦΟΣ"));
    }
}
