//! Node ids: which characters they may hold, and ids made from names.

use rustc_hash::FxHashSet;

/// True for the characters allowed in a node id: ASCII letters and digits,
/// `.`, `-`, `_`, `:`, and beyond ASCII the letters, digits, combining
/// marks and extenders of XML 1.0's fourth edition: accented Latin,
/// Vietnamese, Greek, Cyrillic, Armenian, Hebrew, Arabic, the Indic
/// scripts, Thai, Georgian, Hangul, kana and the CJK ideographs. These are
/// name characters under every edition of XML 1.0, so an id is a valid
/// GraphML and GEXF NMTOKEN, and schema validators that keep to the fourth
/// edition (libxml2's) accept it.
pub fn is_id_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':')
    } else {
        super::xml_chars::is_name_char(c)
    }
}

/// Makes a node id from a name: lower case, runs of other characters turned
/// into one `-`. Empty when the name has no id character at all.
///
/// ```
/// use stancegraph::names::slug;
/// assert_eq!(slug("Jean-Noël Barrot"), "jean-noël-barrot");
/// assert_eq!(slug("Zelenskyy's \"office\""), "zelenskyy-s-office");
/// assert_eq!(slug("Володимир Зеленський"), "володимир-зеленський");
/// ```
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii() {
            slug_char(&mut out, c.to_ascii_lowercase());
            continue;
        }
        for c in c.to_lowercase() {
            slug_char(&mut out, c);
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Adds one lower-case character to a slug: itself if an id may hold it
/// (but `:`), else a `-` unless the slug is empty or ends with one.
fn slug_char(out: &mut String, c: char) {
    if is_id_char(c) && c != ':' {
        out.push(c);
    } else if !out.is_empty() && !out.ends_with('-') {
        out.push('-');
    }
}

/// Hands out ids made from names, each unique among the ids taken so far.
#[derive(Debug, Default, Clone)]
pub struct IdAllocator {
    taken: FxHashSet<String>,
}

impl IdAllocator {
    /// Starts with these ids taken.
    pub fn with_taken(taken: impl IntoIterator<Item = String>) -> IdAllocator {
        IdAllocator {
            taken: taken.into_iter().collect(),
        }
    }

    /// Marks an id as taken.
    pub fn take(&mut self, id: &str) {
        self.taken.insert(id.to_string());
    }

    /// An id made from `name` (or `fallback` when the name has no id
    /// character), with `-2`, `-3`, ... appended until it is unique.
    pub fn fresh(&mut self, name: &str, fallback: &str) -> String {
        let base = match slug(name) {
            s if s.is_empty() => fallback.to_string(),
            s => s,
        };
        let mut id = base.clone();
        let mut n = 2;
        while self.taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.taken.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("  Pete   Hegseth "), "pete-hegseth");
        assert_eq!(slug("U.S."), "u.s.");
        assert_eq!(slug("北约"), "北约");
        assert_eq!(slug("Україна"), "україна");
        assert_eq!(slug("ĳssel ☃"), "ssel");
        assert_eq!(slug("a:b"), "a-b");
    }

    #[test]
    fn fresh_ids_are_unique() {
        let mut ids = IdAllocator::with_taken(["nato".to_string()]);
        assert_eq!(ids.fresh("NATO", "actor"), "nato-2");
        assert_eq!(ids.fresh("nato", "actor"), "nato-3");
        assert_eq!(ids.fresh("☃", "actor"), "actor");
        assert_eq!(ids.fresh("«»", "actor"), "actor-2");
    }
}
