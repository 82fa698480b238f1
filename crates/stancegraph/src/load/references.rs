//! Resolving a statement's references: its actor, stance, country and
//! source, found in the side tables or made when there are none, with the
//! actor's kind and country checked against where they were first set.

use super::diag::{Diagnostic, DiagnosticKind, Location};
use super::resolve::{Origin, Resolver};
use super::statement_row::place;
use super::table::{Cells, Col, RowAt, STATEMENTS};
use crate::model::{Actor, ActorKind, Country, Stance};

/// The place of a row's `country` cell.
fn country_place(row: &RowAt) -> Location {
    row.location(STATEMENTS.index("country").map(Col::Schema))
}

impl Resolver {
    pub(super) fn parse_kind(&mut self, file: &str, at: Location, text: &str) -> Option<ActorKind> {
        ActorKind::parse(text)
            .map_err(|e| {
                let error = Diagnostic::located(DiagnosticKind::Value, file, at, e.to_string());
                self.report.error(error);
            })
            .ok()
    }

    /// Resolves a country reference, or creates the country when there is no
    /// countries table.
    pub(super) fn country(
        &mut self,
        file: &str,
        at: Location,
        text: &str,
        spaced: bool,
    ) -> Option<usize> {
        let make = |label: &str| Country {
            id: String::new(),
            label: label.to_string(),
            attrs: Vec::new(),
            color: None,
        };
        let found = self.country_refs.find_or_add(
            &mut self.ds.countries,
            "country",
            text,
            spaced,
            (file, at),
            &mut self.report,
            make,
        );
        found.map(|(i, _)| i)
    }

    pub(super) fn source(&mut self, name: &str) -> u32 {
        self.sources.intern(&mut self.ds.sources, name)
    }

    /// A statement field value, interned.
    pub(super) fn field_value(&mut self, value: &str) -> u32 {
        self.field_values.intern(&mut self.ds.field_values, value)
    }

    /// A statement's row of field values, held once per distinct row: its
    /// index into `ds.field_rows`.
    pub(super) fn field_row(&mut self, row: &[Option<u32>]) -> u32 {
        self.field_rows.intern(&mut self.ds.field_rows, row)
    }

    /// Resolves the actor a statement names in `column` (`actor`, who
    /// speaks, or `target`, whom it addresses), or creates it when there is
    /// no actors table; `kind` and `country` are what the row says of it.
    pub(super) fn actor(
        &mut self,
        file: &str,
        row: &Cells<'_>,
        column: &str,
        text: &str,
        kind: Option<ActorKind>,
        country: Option<usize>,
    ) -> Option<usize> {
        let here = || Origin {
            file: file.to_string(),
            location: row.at.location(None),
        };
        let make = |label: &str| Actor {
            id: String::new(),
            label: label.to_string(),
            kind: ActorKind::Person,
            country: None,
            role: None,
            attrs: Vec::new(),
            color: None,
        };
        let (i, new) = self.actor_refs.find_or_add(
            &mut self.ds.actors,
            column,
            text,
            row.spaced(&STATEMENTS, column),
            (file, place(row, column)),
            &mut self.report,
            make,
        )?;
        if new {
            self.kind_origin.push(None);
            self.country_origin.push(None);
        }
        if let Some(kind) = kind {
            let actor = &self.ds.actors[i];
            match &self.kind_origin[i] {
                Some(first) if actor.kind != kind => {
                    let message = format!(
                        "actor '{}' is coded as {} here but as {} at {first}",
                        actor.label,
                        kind.name(),
                        actor.kind.name(),
                    );
                    self.report.error(Diagnostic::located(
                        DiagnosticKind::Conflict,
                        file,
                        place(row, "actor_kind"),
                        message,
                    ));
                    return None;
                }
                Some(_) => {}
                None => {
                    self.ds.actors[i].kind = kind;
                    self.kind_origin[i] = Some(here());
                }
            }
        }
        if let Some(country) = country
            && !self.assign_country(i, country, file, row.at)
        {
            return None;
        }
        Some(i)
    }

    /// Gives actor `i` the country a row codes for it, checked against
    /// where it was first set: a second country is an error (or, for event
    /// data, counted in `mixed_countries` while the first stays). Returns
    /// whether the row can stand.
    fn assign_country(&mut self, i: usize, country: usize, file: &str, row: &RowAt) -> bool {
        let actor = &self.ds.actors[i];
        match (&self.country_origin[i], actor.country) {
            (Some(first), Some(had)) if had != country => {
                let message = format!(
                    "actor '{}' has country '{}' here but '{}' at {first}",
                    actor.label, self.ds.countries[country].label, self.ds.countries[had].label,
                );
                let at = country_place(row);
                if let Some(mixed) = &mut self.mixed_countries {
                    if mixed.actors.insert(i) && mixed.first.is_none() {
                        mixed.first = Some(format!("{message} (here: {file}:{at})"));
                    }
                    return true;
                }
                self.report.error(Diagnostic::located(
                    DiagnosticKind::Conflict,
                    file,
                    at,
                    message,
                ));
                false
            }
            (Some(_), _) => true,
            (None, _) => {
                self.ds.actors[i].country = Some(country);
                self.country_origin[i] = Some(Origin {
                    file: file.to_string(),
                    location: row.location(None),
                });
                true
            }
        }
    }

    /// Event data: gives a statement's target the kind and the country
    /// (`country`, its text) its row codes for it, where not set before,
    /// as [`Resolver::actor`] does for the actor who acts.
    pub(super) fn event_target(
        &mut self,
        file: &str,
        row: &RowAt,
        target: usize,
        kind: ActorKind,
        country: Option<&str>,
    ) {
        if self.kind_origin[target].is_none() {
            self.ds.actors[target].kind = kind;
            self.kind_origin[target] = Some(Origin {
                file: file.to_string(),
                location: row.location(None),
            });
        }
        let at = country_place(row);
        if let Some(country) = country.and_then(|text| self.country(file, at, text, false)) {
            self.assign_country(target, country, file, row);
        }
    }

    pub(super) fn stance(
        &mut self,
        file: &str,
        at: Location,
        text: &str,
        spaced: bool,
    ) -> Option<usize> {
        let make = |label: &str| Stance {
            id: String::new(),
            label: label.to_string(),
            topic: None,
            attrs: Vec::new(),
            color: None,
        };
        let found = self.stance_refs.find_or_add(
            &mut self.ds.stances,
            "stance",
            text,
            spaced,
            (file, at),
            &mut self.report,
            make,
        );
        found.map(|(i, _)| i)
    }
}
