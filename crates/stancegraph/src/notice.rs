//! Notices: what the library tells its caller about data a selection or a
//! format left out or changed (the loader's own warnings are
//! [`crate::load::Diagnostic`]s, placed in the input). Each has a kind to
//! match on and the text a person reads.

use std::fmt;

/// What kind of notice it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NoticeKind {
    /// Statements left out: undated ones, outside every time window.
    LeftOut,
    /// Actors without a value of the level's attribute, kept as themselves.
    Ungrouped,
    /// A format changes labels, values or attribute names to fit (one-line
    /// labels, replaced characters, renamed attributes).
    Changed,
    /// A format joins edges that the network keeps apart (a matrix cell
    /// that holds an agree and a disagree edge).
    Joined,
    /// A file will be very large.
    Size,
}

/// A notice: its kind and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// What kind of notice.
    pub kind: NoticeKind,
    /// What it says.
    pub text: String,
}

impl Notice {
    /// A notice of `kind` that says `text`.
    pub fn new(kind: NoticeKind, text: impl Into<String>) -> Notice {
        Notice {
            kind,
            text: text.into(),
        }
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
