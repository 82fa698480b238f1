//! Load errors that carry their position.

use std::fmt;

/// One problem found in the input, with the file and line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as the user named it (or `<stdin>`).
    pub file: String,
    /// The 1-based line, where there is one.
    pub line: Option<u64>,
    /// What is wrong, in words a person can act on.
    pub message: String,
}

impl Diagnostic {
    /// A problem at a line of a file.
    pub fn at(file: &str, line: u64, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.to_string(),
            line: Some(line),
            message: message.into(),
        }
    }

    /// A problem with a whole file.
    pub fn file(file: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.to_string(),
            line: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line: message`, the form editors and `grep -n` use.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Every problem found while loading, in the order found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// True when nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many problems were found.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The problems, in the order found.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_and_line() {
        let d = Diagnostic::at("data/statements.csv", 7, "unknown agree value 'maybe'");
        assert_eq!(
            d.to_string(),
            "data/statements.csv:7: unknown agree value 'maybe'"
        );
        let d = Diagnostic::file("x.json", "empty file");
        assert_eq!(d.to_string(), "x.json: empty file");
    }
}
