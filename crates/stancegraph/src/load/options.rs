//! How to read an input that does not follow the contract to the letter: a
//! column mapping, a delimiter, a workbook sheet, the variables of a DNA
//! database.

use std::fmt;
use std::str::FromStr;

use super::preset::{PolarityMap, Preset};
use super::table::STATEMENTS;
use crate::choice::Spelling;

/// Everything that says how to read an input; the defaults read the
/// contract's tables.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// `--columns`: the statements table's own header names for the
    /// contract's columns.
    pub columns: ColumnMap,
    /// `--delimiter`: the field separator of CSV tables; detected from each
    /// header when not given (`.tsv` files are tab-separated).
    pub delimiter: Option<u8>,
    /// `--sheet`: the workbook sheet that holds the statements.
    pub sheet: Option<String>,
    /// Which statements and variables of a DNA database to read.
    pub dna: DnaOptions,
    /// `--preset`: read the file in an event dataset's own layout (GDELT's
    /// or ACLED's export) instead of as a statements table.
    pub preset: Option<Preset>,
    /// `--acled-polarity`: which ACLED types count as agree or disagree,
    /// over the default mapping.
    pub acled_polarity: PolarityMap,
    /// How messages name these options: `columns`, `sheet`,
    /// `statement-type`, `actor-variable`, ... (the command line names
    /// them as flags).
    pub spelling: Spelling,
}

/// Which statement type and variables of a DNA database make the network.
/// The defaults are DNA's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnaOptions {
    /// The statement type's label.
    pub statement_type: String,
    /// The short-text variable whose entities are the actors.
    pub actor: String,
    /// The short-text variable whose entities are the stances.
    pub stance: String,
    /// The boolean variable that says agree (1) or disagree (0).
    pub agree: String,
    /// The short-text variable whose entities the statements address
    /// (their `target`), if any: DNA has no built-in addressee, so a
    /// second actor variable serves.
    pub target: Option<String>,
}

impl Default for DnaOptions {
    fn default() -> DnaOptions {
        DnaOptions {
            statement_type: "DNA Statement".to_string(),
            actor: "organization".to_string(),
            stance: "concept".to_string(),
            agree: "agreement".to_string(),
            target: None,
        }
    }
}

/// `--columns actor=COL,stance=COL,...`: which header name holds each of
/// the contract's statement columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMap {
    /// (index of the contract column in the statements schema, header name).
    pub pairs: Vec<(usize, String)>,
}

impl ColumnMap {
    /// The header name given for a contract column, if any.
    pub fn get(&self, column: usize) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, name)| name.as_str())
    }

    /// Whether no column is mapped.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Adds the pairs of another map; a column mapped twice is an error.
    pub fn extend(&mut self, other: ColumnMap) -> Result<(), ColumnMapError> {
        for (column, name) in other.pairs {
            if self.get(column).is_some() {
                return Err(ColumnMapError::Twice(
                    STATEMENTS.columns[column].to_string(),
                ));
            }
            self.pairs.push((column, name));
        }
        Ok(())
    }
}

/// Why a `--columns` value cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ColumnMapError {
    /// A part is not `name=COLUMN`.
    Malformed(String),
    /// The name before `=` is not a contract column.
    Unknown {
        /// The name given.
        name: String,
    },
    /// A contract column is mapped twice.
    Twice(String),
}

impl fmt::Display for ColumnMapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ColumnMapError::Malformed(part) => write!(
                f,
                "'{part}' is not NAME=COLUMN; write for example actor=Organisation,stance=Konzept,agree=Zustimmung"
            ),
            ColumnMapError::Unknown { name } => write!(
                f,
                "'{name}' is not a statements column; map one of {}",
                STATEMENTS.columns.join(", ")
            ),
            ColumnMapError::Twice(name) => write!(f, "column '{name}' is mapped twice"),
        }
    }
}

impl std::error::Error for ColumnMapError {}

impl FromStr for ColumnMap {
    type Err = ColumnMapError;

    /// Parses `actor=Organisation,stance=Konzept,agree=Zustimmung`.
    fn from_str(text: &str) -> Result<ColumnMap, ColumnMapError> {
        let mut map = ColumnMap::default();
        for part in text.split(',').filter(|p| !p.trim().is_empty()) {
            let (name, column) = part
                .split_once('=')
                .ok_or_else(|| ColumnMapError::Malformed(part.to_string()))?;
            let (name, column) = (name.trim(), column.trim());
            if column.is_empty() {
                return Err(ColumnMapError::Malformed(part.to_string()));
            }
            let index = STATEMENTS
                .find(name)
                .ok_or_else(|| ColumnMapError::Unknown {
                    name: name.to_string(),
                })?;
            map.extend(ColumnMap {
                pairs: vec![(index, column.to_string())],
            })?;
        }
        Ok(map)
    }
}

/// A `--delimiter` value that is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DelimiterError(pub String);

impl fmt::Display for DelimiterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "'{}' is not a delimiter; give one character such as , or ; or the word tab",
            self.0
        )
    }
}

impl std::error::Error for DelimiterError {}

/// Reads a `--delimiter` value: one ASCII character, or `tab` (also `\t`).
///
/// ```
/// use stancegraph::load::parse_delimiter;
/// assert_eq!(parse_delimiter(";"), Ok(b';'));
/// assert_eq!(parse_delimiter("tab"), Ok(b'\t'));
/// assert!(parse_delimiter("ab").is_err());
/// ```
pub fn parse_delimiter(text: &str) -> Result<u8, DelimiterError> {
    match text {
        "tab" | "TAB" | "\\t" | "\t" => Ok(b'\t'),
        t if t.len() == 1 && t.is_ascii() && t != "\"" && t != "\n" && t != "\r" => {
            Ok(t.as_bytes()[0])
        }
        _ => Err(DelimiterError(text.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_maps_parse_in_any_case_and_reject_the_unknown() {
        let map: ColumnMap = "Actor=Organisation, stance=Konzept,agree=Zustimmung"
            .parse()
            .unwrap();
        assert_eq!(map.get(0), Some("Organisation"));
        assert_eq!(map.get(1), Some("Konzept"));
        assert_eq!(map.get(2), Some("Zustimmung"));
        assert_eq!(map.get(5), None);
        assert!(matches!(
            "who=Person".parse::<ColumnMap>(),
            Err(ColumnMapError::Unknown { .. })
        ));
        assert!(matches!(
            "actor".parse::<ColumnMap>(),
            Err(ColumnMapError::Malformed(_))
        ));
        assert_eq!(
            "actor=A,actor=B".parse::<ColumnMap>(),
            Err(ColumnMapError::Twice("actor".into()))
        );
    }
}
