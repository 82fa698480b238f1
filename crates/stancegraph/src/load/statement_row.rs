//! Reading one statement row: every value parsed, every reference
//! resolved, each problem placed at its cell.

use chrono::NaiveDate;

use super::date::{DateError, parse_date};
use super::diag::{Diagnostic, DiagnosticKind, Location};
use super::resolve::Resolver;
use super::table::{Cells, Col, STATEMENTS};
use crate::model::{Polarity, Statement};

/// An index into the dataset's actors or stances as a statement holds it.
/// (Four billion entities would not fit in memory long before.)
fn index(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2^32 actors and stances")
}

/// The place of a statement column in `cells`.
pub(super) fn place(cells: &Cells<'_>, column: &str) -> Location {
    cells.at.location(STATEMENTS.index(column).map(Col::Schema))
}

impl Resolver {
    /// A date, parsed once per distinct text.
    fn date(&mut self, text: &str) -> Result<NaiveDate, DateError> {
        if let Some(date) = self.dates.get(text) {
            return Ok(*date);
        }
        let date = parse_date(text)?;
        self.dates.insert(text.into(), date);
        Ok(date)
    }

    pub(super) fn read_statement(&mut self, file: &str, row: &Cells<'_>) -> Option<Statement> {
        let get = |column: &str| row.get(&STATEMENTS, column);
        let mut ok = true;
        let mut require = |column: &str, hint: &str| {
            let value = get(column);
            if value.is_none() {
                self.report.error(Diagnostic::located(
                    DiagnosticKind::Value,
                    file,
                    place(row, column),
                    format!("the {column} is empty; give {hint}"),
                ));
                ok = false;
            }
            value
        };
        let actor_text = require("actor", "the actor who speaks");
        let stance_text = require("stance", "the stance spoken about");
        let agree_text = require("agree", "use yes or no");

        let polarity = agree_text.and_then(|text| {
            let p = Polarity::parse(text);
            if p.is_none() {
                self.report.error(Diagnostic::located(DiagnosticKind::Value,
                    file,
                    place(row, "agree"),
                    format!(
                        "unknown agree value '{text}'; use yes/no, true/false, 1/0, agree/disagree or +/-"
                    ),
                ));
            }
            p
        });
        let kind = match get("actor_kind") {
            Some(text) => {
                let k = self.parse_kind(file, place(row, "actor_kind"), text);
                ok &= k.is_some();
                k
            }
            None => None,
        };
        let country = match get("country") {
            Some(text) => {
                let spaced = row.spaced(&STATEMENTS, "country");
                let c = self.country(file, place(row, "country"), text, spaced);
                ok &= c.is_some();
                c
            }
            None => None,
        };
        let date = match get("date") {
            Some(text) => {
                let d = self.date(text);
                if let Err(e) = &d {
                    self.report.error(Diagnostic::located(
                        DiagnosticKind::Value,
                        file,
                        place(row, "date"),
                        e.to_string(),
                    ));
                    ok = false;
                }
                d.ok()
            }
            None => None,
        };
        let count = match get("count") {
            Some(text) => match text.parse::<u32>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    self.report.error(Diagnostic::located(DiagnosticKind::Value,
                        file,
                        place(row, "count"),
                        format!(
                            "the count '{text}' is not a whole number from 1 to {}; a row stands for that many statements",
                            u32::MAX
                        ),
                    ));
                    ok = false;
                    None
                }
            },
            None => Some(1),
        };
        let actor = actor_text.and_then(|text| self.actor(file, row, "actor", text, kind, country));
        // Whom it addresses: an actor like any other, of whom the row's
        // kind and country say nothing.
        let target = match get("target") {
            Some(text) => {
                let t = self.actor(file, row, "target", text, None, None);
                ok &= t.is_some();
                t
            }
            None => None,
        };
        let stance = stance_text.and_then(|text| {
            let at = place(row, "stance");
            self.stance(file, at, text, row.spaced(&STATEMENTS, "stance"))
        });
        if !ok {
            return None;
        }
        let field_of = std::mem::take(&mut self.field_of);
        let mut fields = std::mem::take(&mut self.field_row);
        fields.clear();
        fields.extend(
            row.extra
                .iter()
                .zip(&field_of)
                .filter(|(_, kept)| kept.is_some())
                .map(|(v, _)| v.map(|v| self.field_value(v))),
        );
        self.field_of = field_of;
        let fields_at = self.field_row(&fields);
        self.field_row = fields;
        Some(Statement {
            id: get("id").map(Box::from),
            actor: index(actor?),
            stance: index(stance?),
            polarity: polarity?,
            date,
            source: get("source").map_or(Statement::NO_SOURCE, |s| self.source(s)),
            target: target.map_or(Statement::NO_TARGET, index),
            quote: get("quote").map(std::sync::Arc::from),
            fields: fields_at,
            line: row.at.number(),
            count: count?,
        })
    }
}
