//! Event data as it is downloaded (`--preset gdelt|acled`): the raw files
//! of GDELT's events export and ACLED's CSV export, mapped onto statements
//! with the target each event acts on. Each row goes through the same
//! resolver as a statements table; what the mapping cannot place (rows
//! without an actor, actors coded with several countries) is counted and
//! said once.

mod acled;
mod events;
mod gdelt;
mod open;

use std::fmt;
use std::path::Path;
use std::str::FromStr;
use std::sync::mpsc::sync_channel;

use super::diag::{Diagnostic, DiagnosticKind, Location, Report};
use super::resolve::{MixedCountries, Resolver, SideTables};
use super::table::{Cells, RowAt, STATEMENTS};
use super::{LoadOptions, finish};
use crate::model::{ActorKind, Dataset, Polarity};
use events::{Batch, Event, Events};
use open::with_reader;

pub use acled::{ACLED_AGREE, ACLED_REQUIRED};
pub use gdelt::{CAMEO_ROOTS, GdeltVersion};

/// An event dataset's own file layout, read with `--preset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Preset {
    /// GDELT's events export (2.0, or 1.0 by its column count).
    Gdelt,
    /// ACLED's CSV export.
    Acled,
}

impl Preset {
    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Gdelt => "gdelt",
            Preset::Acled => "acled",
        }
    }
}

impl FromStr for Preset {
    type Err = String;

    fn from_str(text: &str) -> Result<Preset, String> {
        match text.to_ascii_lowercase().as_str() {
            "gdelt" => Ok(Preset::Gdelt),
            "acled" => Ok(Preset::Acled),
            _ => Err(format!("unknown preset '{text}'; use gdelt or acled")),
        }
    }
}

/// `--acled-polarity`: which ACLED event types or sub-event types count as
/// agree and which as disagree, over the default mapping
/// ([`ACLED_AGREE`] agree, every other type disagree).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PolarityMap {
    /// (type as written, its polarity), in the order given.
    pub pairs: Vec<(String, Polarity)>,
}

impl PolarityMap {
    /// The polarity given for a type, matched ignoring case.
    pub fn get(&self, kind: &str) -> Option<Polarity> {
        self.pairs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(kind))
            .map(|(_, p)| *p)
    }
}

impl FromStr for PolarityMap {
    type Err = String;

    /// Parses `Peaceful protest=agree,Agreement=agree`.
    fn from_str(text: &str) -> Result<PolarityMap, String> {
        let mut map = PolarityMap::default();
        for part in text.split(',').filter(|p| !p.trim().is_empty()) {
            let (kind, polarity) = part
                .split_once('=')
                .map(|(k, p)| (k.trim(), p.trim()))
                .filter(|(k, _)| !k.is_empty())
                .ok_or_else(|| {
                    format!("'{part}' is not TYPE=agree or TYPE=disagree; write for example 'Peaceful protest=agree'")
                })?;
            let polarity = Polarity::parse(polarity)
                .ok_or_else(|| format!("'{polarity}' in '{part}' is neither agree nor disagree"))?;
            if map.get(kind).is_some() {
                return Err(format!("the type '{kind}' is given twice"));
            }
            map.pairs.push((kind.to_string(), polarity));
        }
        Ok(map)
    }
}

impl fmt::Display for PolarityMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (kind, polarity)) in self.pairs.iter().enumerate() {
            let comma = if i == 0 { "" } else { "," };
            write!(f, "{comma}{kind}={}", polarity.as_str())?;
        }
        Ok(())
    }
}

/// Where an event file's bytes are.
#[derive(Clone, Copy)]
pub(super) enum Source<'s> {
    /// A file (or a `.zip` holding one).
    Path(&'s Path),
    /// Bytes in memory, named in messages.
    Bytes(&'s str, &'s [u8]),
}

/// Reads an event dataset's file with its preset: one thread reads and
/// maps the rows, this one resolves them.
pub(super) fn preset_dataset(
    name: &str,
    source: Source<'_>,
    preset: Preset,
    options: &LoadOptions,
    report: &mut Report,
) -> Option<Dataset> {
    let file = match source {
        Source::Path(path) => path.display().to_string(),
        Source::Bytes(name, _) => name.to_string(),
    };
    let mut resolver = Resolver::new(name, SideTables::default());
    resolver.mixed_countries = Some(MixedCountries::default());
    let (tx, rx) = sync_channel::<Batch>(2);
    let (read, skipped) = std::thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let mut out = Events::new(tx);
            let mut skipped = Skipped::default();
            let mut read_with = |reader: &mut dyn std::io::Read, out: &mut Events| match preset {
                Preset::Gdelt => gdelt::read(&file, reader, &mut skipped, out),
                Preset::Acled => {
                    acled::read(&file, reader, &options.acled_polarity, &mut skipped, out)
                }
            };
            let read = match source {
                Source::Path(path) => with_reader(path, &mut out, read_with),
                Source::Bytes(_, mut bytes) => Some(read_with(&mut bytes, &mut out)),
            };
            out.finish();
            (read == Some(true), skipped)
        });
        let (mut fields, mut target_country) = (0, None);
        for batch in rx {
            for event in batch.events {
                match event {
                    Event::Fields(names) => {
                        fields = names.len();
                        target_country = names.iter().position(|n| n == gdelt::TARGET_COUNTRY);
                        resolver.statement_fields(&file, &RowAt::Line(1), &names);
                    }
                    Event::Row(row) => {
                        let at = RowAt::Line(row.line);
                        let cells = row.cells(&batch.text, &at, fields);
                        let country = target_country.and_then(|i| cells.extra[i]);
                        add_event(&mut resolver, &file, cells, country);
                    }
                    Event::Error(problem) => report.error(problem),
                    Event::Warning(note) => report.warn(note),
                }
            }
        }
        reader.join().expect("the reading thread does not panic")
    });
    if !read {
        return None;
    }
    skipped.warn(&file, preset, report);
    if let Some(mixed) = resolver.mixed_countries.take() {
        mixed_warning(&file, mixed, report);
    }
    finish(resolver, report)
}

/// Rows left out because they name no actor: counted, with the first.
#[derive(Debug, Default)]
pub(super) struct Skipped {
    count: u64,
    first: Option<u64>,
}

impl Skipped {
    /// Counts a row at `line` left out.
    fn add(&mut self, line: u64) {
        self.count += 1;
        self.first.get_or_insert(line);
    }

    fn warn(&self, file: &str, preset: Preset, report: &mut Report) {
        let Some(first) = self.first else { return };
        let columns = match preset {
            Preset::Gdelt => "no Actor1Name and no Actor1Code",
            Preset::Acled => "no actor1",
        };
        let n = self.count;
        report.warn(Diagnostic::located(
            DiagnosticKind::LeftOut,
            file,
            Location::Line(first),
            format!(
                "skipped {n} event{} without an actor ({columns}; the first at this line)",
                if n == 1 { "" } else { "s" },
            ),
        ));
    }
}

/// The one warning for actors coded with more than one country (GDELT's
/// generic names: POLICE, GOVERNMENT, PRESIDENT).
fn mixed_warning(file: &str, mixed: MixedCountries, report: &mut Report) {
    let Some(example) = mixed.first else { return };
    let n = mixed.actors.len();
    let fields = "the fields Actor1CountryCode and Actor2CountryCode";
    report.warn(Diagnostic::file(
        DiagnosticKind::Merged,
        file,
        format!(
            "{n} actor{} coded with more than one country (GDELT names roles such as POLICE in many countries); each keeps the first as its country, and every event keeps its own in {fields}; for example, {example}",
            if n == 1 { " is" } else { "s are" },
        ),
    ));
}

/// The kind of every actor of event data: the parties to events are
/// states, armed groups, agencies and crowds far more than persons.
const EVENT_ACTOR_KIND: &str = "organization";

/// A statement from an event row: `cells` resolved (the actor an
/// organization), then the target given the same kind and the country
/// the row codes for it.
fn add_event(
    resolver: &mut Resolver,
    file: &str,
    mut cells: Cells<'_>,
    target_country: Option<&str>,
) {
    if let Some(kind) = STATEMENTS.index("actor_kind") {
        cells.values[kind] = Some(EVENT_ACTOR_KIND);
    }
    let at = cells.at;
    let before = resolver.ds.statements.len();
    resolver.statement(file, cells);
    if let Some(target) = resolver.ds.statements.get(before).and_then(|s| s.target()) {
        resolver.event_target(file, at, target, ActorKind::Organization, target_country);
    }
}

/// A record's values as text, the line checked as UTF-8 once.
struct Fields<'r> {
    text: &'r str,
    record: &'r csv::ByteRecord,
}

impl<'r> Fields<'r> {
    /// The record's text, or `None` (reported) when it is not UTF-8.
    fn of(
        record: &'r csv::ByteRecord,
        file: &str,
        line: u64,
        out: &mut Events,
    ) -> Option<Fields<'r>> {
        match std::str::from_utf8(record.as_slice()) {
            Ok(text) => Some(Fields { text, record }),
            Err(_) => {
                out.error(Diagnostic::at(
                    DiagnosticKind::Format,
                    file,
                    line,
                    "not valid UTF-8; save the file as UTF-8",
                ));
                None
            }
        }
    }

    /// Column `i`'s value, trimmed; `None` when blank or absent.
    fn get(&self, i: usize) -> Option<&'r str> {
        let value = self.text.get(self.record.range(i)?)?.trim();
        Some(value).filter(|v| !v.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polarity_maps_parse_and_say_what_is_wrong() {
        let map: PolarityMap = "Peaceful protest=agree, Battles = no".parse().unwrap();
        assert_eq!(map.get("peaceful protest"), Some(Polarity::Agree));
        assert_eq!(map.get("Battles"), Some(Polarity::Disagree));
        assert_eq!(map.get("Riots"), None);
        assert_eq!(map.to_string(), "Peaceful protest=agree,Battles=disagree");
        assert!(
            "Riots"
                .parse::<PolarityMap>()
                .unwrap_err()
                .contains("TYPE=agree")
        );
        assert!(
            "Riots=maybe"
                .parse::<PolarityMap>()
                .unwrap_err()
                .contains("neither agree nor disagree")
        );
        assert!(
            "Riots=agree,riots=no"
                .parse::<PolarityMap>()
                .unwrap_err()
                .contains("twice")
        );
        assert_eq!("gdelt".parse::<Preset>(), Ok(Preset::Gdelt));
        assert!("cline".parse::<Preset>().is_err());
    }
}
