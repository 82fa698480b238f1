//! Matching a header row (of a CSV table or a workbook sheet) to a schema:
//! contract columns in any case and order, `--columns` mappings, and the
//! extra columns that become attributes or statement fields.

use std::fmt;

use crate::choice::{Spelled, Spelling};

use std::rc::Rc;

use super::diag::{Diagnostic, DiagnosticKind, Location, Report};
use super::options::ColumnMap;
use super::table::{Col, NamedColumns, Schema};

/// What each column of a header holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderMap {
    /// Per input column: a schema column, an extra column, or nothing (a
    /// column without a name).
    pub columns: Vec<Option<Col>>,
    /// The names of the extra columns, as written (trimmed).
    pub extra: Vec<String>,
}

impl HeaderMap {
    /// The input column (0-based) that holds a schema column.
    pub fn position_of(&self, col: Col) -> Option<usize> {
        self.columns.iter().position(|c| *c == Some(col))
    }
}

/// Why a header cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderError {
    /// Required columns are missing.
    Missing {
        /// What the schema requires, in words.
        requirement: String,
        /// The missing columns.
        missing: Vec<&'static str>,
        /// The header as found.
        found: Vec<String>,
    },
    /// Two columns hold the same thing (1-based positions).
    Twice {
        /// The column's name.
        name: String,
        /// Its first position.
        first: usize,
        /// Its second position.
        second: usize,
    },
    /// `--columns` names a header column that is not there.
    MappedMissing {
        /// The contract column.
        column: &'static str,
        /// The header name it was mapped to.
        header: String,
        /// The header as found.
        found: Vec<String>,
    },
    /// `--columns` maps two contract columns to one header column.
    MappedTwice {
        /// The header name.
        header: String,
        /// The first contract column.
        first: &'static str,
        /// The second contract column.
        second: &'static str,
    },
    /// The header has a column named like a contract column that
    /// `--columns` maps to another one.
    MappedConflict {
        /// The contract column.
        column: &'static str,
        /// The header name it was mapped to.
        mapped: String,
        /// The position (1-based) of the column named like it.
        position: usize,
    },
}

impl fmt::Display for HeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.spell(Spelling::PLAIN, f)
    }
}

impl Spelled for HeaderError {
    fn spell(&self, s: Spelling, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let columns = s.option("columns");
        match self {
            HeaderError::Missing {
                requirement,
                missing,
                found,
            } => write!(
                f,
                "missing required column{} {} in the header (found: {}); the table needs {requirement}, or map your own names with {columns}",
                if missing.len() > 1 { "s" } else { "" },
                missing.join(", "),
                found.join(", ")
            ),
            HeaderError::Twice {
                name,
                first,
                second,
            } => write!(
                f,
                "column '{name}' appears twice in the header (columns {first} and {second})"
            ),
            HeaderError::MappedMissing {
                column,
                header,
                found,
            } => write!(
                f,
                "{columns} maps {column} to '{header}', but the header has no such column (found: {})",
                found.join(", ")
            ),
            HeaderError::MappedTwice {
                header,
                first,
                second,
            } => write!(
                f,
                "{columns} maps both {first} and {second} to the column '{header}'"
            ),
            HeaderError::MappedConflict {
                column,
                mapped,
                position,
            } => write!(
                f,
                "column {position} is named '{column}', but {columns} maps {column} to '{mapped}'; rename one of them or map both"
            ),
        }
    }
}

impl std::error::Error for HeaderError {}

/// Matches header names to the schema: a `--columns` mapping first, then
/// contract names in any case; other named columns are extras, unnamed ones
/// hold nothing.
pub fn map_header(
    names: &[String],
    schema: &Schema,
    mapping: Option<&ColumnMap>,
) -> Result<HeaderMap, HeaderError> {
    let trimmed: Vec<String> = names.iter().map(|n| n.trim().to_string()).collect();
    let mut columns: Vec<Option<Col>> = vec![None; names.len()];
    let mut mapped = vec![false; schema.columns.len()];
    for (index, header) in mapping.iter().flat_map(|m| m.pairs.iter()) {
        let folded = header.to_lowercase();
        let found = trimmed
            .iter()
            .position(|n| n == header)
            .or_else(|| trimmed.iter().position(|n| n.to_lowercase() == folded))
            .ok_or_else(|| HeaderError::MappedMissing {
                column: schema.columns[*index],
                header: header.clone(),
                found: trimmed.clone(),
            })?;
        if let Some(Col::Schema(other)) = columns[found] {
            return Err(HeaderError::MappedTwice {
                header: trimmed[found].clone(),
                first: schema.columns[other],
                second: schema.columns[*index],
            });
        }
        columns[found] = Some(Col::Schema(*index));
        mapped[*index] = true;
    }
    let mut extra: Vec<String> = Vec::new();
    for (i, name) in trimmed.iter().enumerate() {
        if columns[i].is_some() || name.is_empty() {
            continue;
        }
        if let Some(col) = schema.find(name) {
            if mapped[col] {
                let mapped_to = mapping.and_then(|m| m.get(col)).unwrap_or_default();
                return Err(HeaderError::MappedConflict {
                    column: schema.columns[col],
                    mapped: mapped_to.to_string(),
                    position: i + 1,
                });
            }
            if let Some(first) = columns.iter().position(|c| *c == Some(Col::Schema(col))) {
                return Err(HeaderError::Twice {
                    name: name.to_lowercase(),
                    first: first + 1,
                    second: i + 1,
                });
            }
            columns[i] = Some(Col::Schema(col));
            continue;
        }
        let folded = name.to_lowercase();
        if let Some(e) = extra.iter().position(|x| x.to_lowercase() == folded) {
            let first = columns
                .iter()
                .position(|c| *c == Some(Col::Extra(e)))
                .expect("every extra has a column");
            return Err(HeaderError::Twice {
                name: name.clone(),
                first: first + 1,
                second: i + 1,
            });
        }
        columns[i] = Some(Col::Extra(extra.len()));
        extra.push(name.clone());
    }
    let present = |c: &&str| {
        schema
            .index(c)
            .is_some_and(|i| columns.contains(&Some(Col::Schema(i))))
    };
    let mut missing: Vec<&'static str> = schema
        .required
        .iter()
        .filter(|c| !present(c))
        .copied()
        .collect();
    if !schema.one_of.is_empty() && !schema.one_of.iter().any(present) {
        missing.push(schema.one_of[0]);
    }
    if !missing.is_empty() {
        return Err(HeaderError::Missing {
            requirement: schema.requirement(),
            missing,
            found: trimmed,
        });
    }
    Ok(HeaderMap { columns, extra })
}

/// Matches the header of a table whose columns have names but no cells of
/// their own (a Parquet file, rows given in memory): a header that does not
/// fit is reported at record 0 of `file`. Returns the map, and the names
/// the table's columns go by, for messages that name a row and column.
pub fn map_named_header(
    file: &str,
    names: &[String],
    schema: &Schema,
    mapping: Option<&ColumnMap>,
    report: &mut Report,
) -> Option<(HeaderMap, Rc<NamedColumns>)> {
    let map = match map_header(names, schema, mapping) {
        Ok(map) => map,
        Err(e) => {
            let at = Location::Row {
                row: 0,
                column: None,
            };
            report.error(Diagnostic::located(
                DiagnosticKind::Structure,
                file,
                at,
                e.spelled(report.spelling),
            ));
            return None;
        }
    };
    let named = Rc::new(NamedColumns {
        schema: (0..schema.columns.len())
            .map(|c| map.position_of(Col::Schema(c)).map(|i| names[i].clone()))
            .collect(),
        extra: map.extra.clone(),
    });
    Some((map, named))
}

#[cfg(test)]
mod tests {
    use super::super::table::{ACTORS, STATEMENTS};
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn contract_names_in_any_case_and_extras_in_order() {
        let map = map_header(
            &names(&["Agree", " STANCE ", "party", "actor", "", "Notes"]),
            &STATEMENTS,
            None,
        )
        .unwrap();
        assert_eq!(
            map.columns,
            [
                Some(Col::Schema(2)),
                Some(Col::Schema(1)),
                Some(Col::Extra(0)),
                Some(Col::Schema(0)),
                None,
                Some(Col::Extra(1))
            ]
        );
        assert_eq!(map.extra, ["party", "Notes"]);
    }

    #[test]
    fn a_mapping_names_the_columns() {
        let mapping: ColumnMap = "actor=Organisation,stance=Konzept,agree=Zustimmung"
            .parse()
            .unwrap();
        let map = map_header(
            &names(&["Konzept", "Zustimmung", "organisation", "Datum"]),
            &STATEMENTS,
            Some(&mapping),
        )
        .unwrap();
        assert_eq!(map.position_of(Col::Schema(0)), Some(2));
        assert_eq!(map.extra, ["Datum"]);
        let e = map_header(&names(&["Konzept", "x"]), &STATEMENTS, Some(&mapping)).unwrap_err();
        assert!(
            e.spelled(crate::choice::FLAGS).starts_with(
                "--columns maps actor to 'Organisation', but the header has no such column"
            ),
            "{e}"
        );
        let e = map_header(
            &names(&["Organisation", "Konzept", "Zustimmung", "actor"]),
            &STATEMENTS,
            Some(&mapping),
        )
        .unwrap_err();
        assert!(matches!(e, HeaderError::MappedConflict { position: 4, .. }));
    }

    #[test]
    fn missing_and_repeated_columns() {
        let e = map_header(&names(&["actor", "stance"]), &STATEMENTS, None).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("missing required column agree in the header (found: actor, stance)"),
            "{e}"
        );
        let e = map_header(&names(&["kind", "role"]), &ACTORS, None).unwrap_err();
        assert!(e.to_string().contains("a column id or label"), "{e}");
        let e = map_header(&names(&["id", "Party", "party"]), &ACTORS, None).unwrap_err();
        assert_eq!(
            e,
            HeaderError::Twice {
                name: "party".into(),
                first: 2,
                second: 3
            }
        );
        let e = map_header(&names(&["id", "ID"]), &ACTORS, None).unwrap_err();
        assert!(matches!(
            e,
            HeaderError::Twice {
                first: 1,
                second: 2,
                ..
            }
        ));
    }
}
