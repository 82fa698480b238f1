//! Validation: turns the text tables of any input form into a [`Dataset`],
//! resolving every reference and parsing every value, and reporting each
//! problem with its file and place. Side tables are read first (in
//! `entities.rs`), then statements one at a time.

use std::collections::HashMap;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::diag::{Diagnostic, DiagnosticKind, Report};
use super::interner::Interner;
pub(super) use super::registry::{Origin, Registry};
use super::table::{Cells, RowAt, Sink, Table};
use crate::model::{ActorKind, Dataset};
use crate::names::IdAllocator;

/// The side tables of one dataset, as read from CSV, JSON, a workbook or a
/// DNA database.
#[derive(Default)]
pub struct SideTables {
    /// `actors.csv`, when present.
    pub actors: Option<Table>,
    /// `stances.csv`, when present.
    pub stances: Option<Table>,
    /// `countries.csv`, when present.
    pub countries: Option<Table>,
}

/// Builds a dataset: side tables first, then one statement at a time.
pub struct Resolver {
    pub(super) report: Report,
    /// Source documents by name, as indices into `ds.sources`.
    pub(super) sources: Interner,
    pub(super) ds: Dataset,
    pub(super) actor_refs: Registry,
    pub(super) stance_refs: Registry,
    pub(super) country_refs: Registry,
    /// Where an actor's kind and country were set.
    pub(super) kind_origin: Vec<Option<Origin>>,
    pub(super) country_origin: Vec<Option<Origin>>,
    /// Given ids with their place, to report collisions.
    pub(super) id_places: HashMap<String, (&'static str, Origin)>,
    /// Statement field values, as indices into `ds.field_values`.
    pub(super) field_values: Interner,
    /// Distinct rows of field values, as indices into `ds.field_rows`.
    pub(super) field_rows: Interner,
    /// A reused buffer for one statement's row of field values.
    pub(super) field_row: Vec<Option<u32>>,
    /// Per extra column of the statements table: whether it is a field.
    pub(super) field_of: Vec<Option<()>>,
    /// Each distinct date text read so far, parsed once.
    pub(super) dates: FxHashMap<Box<str>, NaiveDate>,
    /// Event data (`--preset`): an actor coded with a second country keeps
    /// its first; the actors it happened to are counted here for one
    /// warning, instead of an error each.
    pub(super) mixed_countries: Option<MixedCountries>,
}

/// Actors an event dataset codes with more than one country.
#[derive(Debug, Default)]
pub(super) struct MixedCountries {
    /// Their indices.
    pub actors: rustc_hash::FxHashSet<usize>,
    /// The first contradiction, in words, with its place.
    pub first: Option<String>,
}

impl Resolver {
    /// Starts a dataset from its side tables; statements follow one by one
    /// through [`Resolver::statement`].
    pub fn new(name: &str, side: SideTables) -> Resolver {
        let mut r = Resolver {
            report: Report::default(),
            sources: Interner::default(),
            ds: Dataset {
                name: name.to_string(),
                ..Dataset::default()
            },
            actor_refs: Registry::new(&side.actors),
            stance_refs: Registry::new(&side.stances),
            country_refs: Registry::new(&side.countries),
            kind_origin: Vec::new(),
            country_origin: Vec::new(),
            id_places: HashMap::new(),
            field_values: Interner::default(),
            field_rows: Interner::default(),
            field_row: Vec::new(),
            field_of: Vec::new(),
            dates: FxHashMap::default(),
            mixed_countries: None,
        };
        if let Some(t) = &side.countries {
            r.countries(t);
        }
        if let Some(t) = &side.actors {
            r.actors(t);
        }
        if let Some(t) = &side.stances {
            r.stances(t);
        }
        r
    }

    /// Declares the statements table's extra columns: each becomes a
    /// statement field, but those named as the event list's own columns
    /// (`actor_label`, `stance_topic`, ...: what the event list writes from
    /// the actors and stances, so that it reads back as a statements table),
    /// which are not read, with one warning.
    pub fn statement_fields(&mut self, file: &str, header: &RowAt, names: &[String]) {
        let taken: Vec<String> = self
            .ds
            .event_columns()
            .iter()
            .map(|t| t.to_lowercase())
            .collect();
        let mut skipped = Vec::new();
        self.field_of = names
            .iter()
            .map(|name| {
                if taken.contains(&name.to_lowercase()) {
                    skipped.push(name.as_str());
                    None
                } else {
                    self.ds.fields.push(name.clone());
                    Some(())
                }
            })
            .collect();
        if !skipped.is_empty() {
            self.report.warn(Diagnostic::located(DiagnosticKind::LeftOut,
                file,
                header.location(None),
                format!(
                    "the column{} '{}' {} the event list's, which it writes from the actors and stances: not read as statement fields",
                    if skipped.len() == 1 { "" } else { "s" },
                    skipped.join("', '"),
                    if skipped.len() == 1 { "is" } else { "are" },
                ),
            ));
        }
    }

    /// Validates one statement row and adds it to the dataset.
    pub fn statement(&mut self, file: &str, cells: Cells<'_>) {
        if let Some(statement) = self.read_statement(file, &cells) {
            self.ds.statements.push(statement);
        }
    }

    /// Gives derived ids and returns the dataset with every problem found
    /// (the dataset is only meaningful when there is no error).
    pub fn finish(mut self) -> (Dataset, Report) {
        self.assign_derived_ids();
        let spellings = [
            self.country_refs
                .spellings
                .warnings("country", &self.ds.countries),
            self.actor_refs.spellings.warnings("actor", &self.ds.actors),
            self.stance_refs
                .spellings
                .warnings("stance", &self.ds.stances),
        ];
        for warning in spellings.into_iter().flatten() {
            self.report.warn(warning);
        }
        (self.ds, self.report)
    }
}

impl Sink for Resolver {
    fn header(&mut self, file: &str, at: &RowAt, extra: &[String]) {
        self.statement_fields(file, at, extra);
    }

    fn row(&mut self, file: &str, cells: Cells<'_>) {
        self.statement(file, cells);
    }
}

impl Resolver {
    /// Gives every entity without a given id one made from its name, unique
    /// across actors, stances and countries. A country-kind actor with a
    /// country's name shares that country's id: it is the same node. Entities
    /// first named in statements get empty attributes.
    fn assign_derived_ids(&mut self) {
        let mut ids = IdAllocator::with_taken(self.id_places.keys().cloned());
        for (c, has_id) in self.ds.countries.iter_mut().zip(&self.country_refs.has_id) {
            if !has_id {
                c.id = ids.fresh(&c.label, "country");
            }
        }
        for (a, has_id) in self.ds.actors.iter_mut().zip(&self.actor_refs.has_id) {
            if *has_id {
                continue;
            }
            let same_country = (a.kind == ActorKind::Country)
                .then(|| self.country_refs.names.find(&a.label))
                .flatten();
            a.id = match same_country {
                Some(c) => {
                    a.country.get_or_insert(c);
                    self.ds.countries[c].id.clone()
                }
                None => ids.fresh(&a.label, "actor"),
            };
        }
        for (s, has_id) in self.ds.stances.iter_mut().zip(&self.stance_refs.has_id) {
            if !has_id {
                s.id = ids.fresh(&s.label, "stance");
            }
        }
        // A country-kind actor from actors.csv whose id is a country's id
        // speaks for that country.
        for a in &mut self.ds.actors {
            if a.kind == ActorKind::Country && a.country.is_none() {
                a.country = self.ds.countries.iter().position(|c| c.id == a.id);
            }
        }
        let (na, ns, nc) = (
            self.ds.actor_attrs.len(),
            self.ds.stance_attrs.len(),
            self.ds.country_attrs.len(),
        );
        self.ds
            .actors
            .iter_mut()
            .for_each(|a| a.attrs.resize(na, None));
        self.ds
            .stances
            .iter_mut()
            .for_each(|s| s.attrs.resize(ns, None));
        self.ds
            .countries
            .iter_mut()
            .for_each(|c| c.attrs.resize(nc, None));
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::table::{ACTORS, COUNTRIES, Row, STATEMENTS, Schema};
    use super::*;

    /// A table whose rows start on line 2, with the given schema values and
    /// extra columns.
    pub fn table_with(
        file: &str,
        schema: Schema,
        extra: &[&str],
        rows: &[(&[&str], &[&str])],
    ) -> Table {
        let owned = |v: &&str| (!v.is_empty()).then(|| v.to_string());
        Table {
            file: file.to_string(),
            schema,
            extra: extra.iter().map(|s| s.to_string()).collect(),
            header: RowAt::Line(1),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, (values, extras))| Row {
                    at: RowAt::Line(i as u64 + 2),
                    values: values
                        .iter()
                        .map(owned)
                        .chain(std::iter::repeat(None))
                        .take(schema.columns.len())
                        .collect(),
                    extra: extras
                        .iter()
                        .map(owned)
                        .chain(std::iter::repeat(None))
                        .take(extra.len())
                        .collect(),
                    spaced: 0,
                })
                .collect(),
        }
    }

    pub fn table(file: &str, schema: Schema, rows: &[&[&str]]) -> Table {
        let rows: Vec<(&[&str], &[&str])> = rows.iter().map(|r| (*r, &[][..])).collect();
        table_with(file, schema, &[], &rows)
    }

    pub fn run(statements: Table, side: SideTables) -> (Dataset, Report) {
        let mut r = Resolver::new("test", side);
        r.statement_fields(&statements.file, &statements.header, &statements.extra);
        for row in &statements.rows {
            r.statement(&statements.file, row.cells());
        }
        r.finish()
    }

    #[test]
    fn statements_alone_derive_unique_ids() {
        // columns: actor, stance, agree, actor_kind, country
        let st = table(
            "s.csv",
            STATEMENTS,
            &[
                &["Jean-Noël Barrot", "NATO is key", "yes", "", "France"],
                &["jean-noël barrot", "NATO is key", "no"],
                &["France", "NATO is key", "+", "country", ""],
                &["Jean-Noël Barrot", "France", "1"],
            ],
        );
        let (ds, report) = run(st, SideTables::default());
        assert!(report.errors.is_empty(), "{}", report.errors);
        let ids: Vec<&str> = ds.actors.iter().map(|a| a.id.as_str()).collect();
        // The second spelling matches the first ignoring case: one actor.
        assert_eq!(ids, ["jean-noël-barrot", "france"]);
        assert_eq!(ds.countries[0].id, "france");
        assert_eq!(ds.actors[1].country, Some(0));
        // A stance named like the country gets its own id.
        let stance_ids: Vec<&str> = ds.stances.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(stance_ids, ["nato-is-key", "france-2"]);
        assert_eq!(ds.statements.len(), 4);
    }

    #[test]
    fn side_table_references_must_resolve() {
        let actors = table("a.csv", ACTORS, &[&["hegseth", "Pete Hegseth"]]);
        let st = table(
            "s.csv",
            STATEMENTS,
            &[&["Hegset", "s", "yes"], &["pete hegseth", "s", "no"]],
        );
        let (ds, report) = run(
            st,
            SideTables {
                actors: Some(actors),
                ..SideTables::default()
            },
        );
        assert_eq!(
            report.errors.to_string(),
            "s.csv:2: unknown actor 'Hegset': not an id or label in a.csv; closest known id: 'hegseth' (Pete Hegseth)"
        );
        assert_eq!(ds.statements.len(), 1);
        assert_eq!(ds.statements[0].line, 3);
    }

    #[test]
    fn every_bad_value_is_reported() {
        let st = table(
            "s.csv",
            STATEMENTS,
            &[
                &["a", "s", "maybe"],
                &["", "s", "yes"],
                &["a", "s", "yes", "robot"],
                &["a", "s", "yes", "", "", "2025-02-30"],
                &["a", "s", "yes", "organization"],
            ],
        );
        let (_, report) = run(st, SideTables::default());
        let text = report.errors.to_string();
        assert!(
            text.contains("s.csv:2: unknown agree value 'maybe'"),
            "{text}"
        );
        assert!(text.contains("s.csv:3: the actor is empty"), "{text}");
        assert!(
            text.contains("s.csv:4: unknown actor kind 'robot'"),
            "{text}"
        );
        assert!(
            text.contains("s.csv:5: impossible date '2025-02-30'"),
            "{text}"
        );
        // Line 6 contradicts no earlier explicit kind, so it is accepted.
        assert_eq!(report.errors.len(), 4, "{text}");
    }

    #[test]
    fn contradicting_kind_and_country_name_both_places() {
        let st = table(
            "s.csv",
            STATEMENTS,
            &[
                &["a", "s", "yes", "person", "US"],
                &["a", "s", "yes", "organization"],
                &["a", "s", "yes", "", "UK"],
            ],
        );
        let (_, report) = run(st, SideTables::default());
        let text = report.errors.to_string();
        assert!(
            text.contains(
                "s.csv:3: actor 'a' is coded as organization here but as person at s.csv:2"
            ),
            "{text}"
        );
        assert!(
            text.contains("s.csv:4: actor 'a' has country 'UK' here but 'US' at s.csv:2"),
            "{text}"
        );
    }

    #[test]
    fn extra_statement_columns_are_interned_fields() {
        let st = table_with(
            "s.csv",
            STATEMENTS,
            &["medium", "section"],
            &[
                (&["a", "s", "yes"], &["TV", "news"]),
                (&["b", "s", "no"], &["TV"]),
            ],
        );
        let (ds, report) = run(st, SideTables::default());
        assert!(report.errors.is_empty(), "{}", report.errors);
        assert_eq!(ds.fields, ["medium", "section"]);
        assert_eq!(ds.field_values, ["TV", "news"]);
        let s = &ds.statements[1];
        assert_eq!(ds.field(s, 0), Some("TV"));
        assert_eq!(ds.field(s, 1), None);
    }

    #[test]
    fn the_event_lists_own_columns_are_not_fields() {
        let st = table_with(
            "s.csv",
            STATEMENTS,
            &["Actor_Label", "medium"],
            &[(&["a", "s", "yes"], &["x", "TV"])],
        );
        let (ds, report) = run(st, SideTables::default());
        assert!(report.errors.is_empty());
        assert_eq!(
            report.warnings[0].to_string(),
            "s.csv:1: the column 'Actor_Label' is the event list's, which it writes from the actors and stances: not read as statement fields"
        );
        assert_eq!(ds.fields, ["medium"]);
        assert_eq!(ds.field(&ds.statements[0], 0), Some("TV"));
    }

    #[test]
    fn bad_and_duplicate_ids_in_side_tables() {
        let countries = table("c.csv", COUNTRIES, &[&["us"], &["ua"]]);
        let actors = table(
            "a.csv",
            ACTORS,
            &[
                &["us", "United States", "country"],
                &["ua", "Kyiv"],
                &["a b"],
            ],
        );
        let st = table("s.csv", STATEMENTS, &[&["us", "s", "yes"]]);
        let (ds, report) = run(
            st,
            SideTables {
                actors: Some(actors),
                stances: None,
                countries: Some(countries),
            },
        );
        let text = report.errors.to_string();
        assert!(
            text.contains("a.csv:3: id 'ua' is already used by a country at c.csv:3"),
            "{text}"
        );
        assert!(
            text.contains("a.csv:4: id 'a b' has the character ' '"),
            "{text}"
        );
        assert_eq!(report.errors.len(), 2);
        // The country-kind actor shares the country's id and speaks for it.
        assert_eq!(ds.actors[0].country, Some(0));
    }
}
