//! Validation: turns the text tables into a [`Dataset`], resolving every
//! reference and parsing every value, and reporting each problem with its
//! file and line.

use std::collections::{HashMap, HashSet};

use rustc_hash::FxHashMap;

use chrono::NaiveDate;

use super::diag::{Diagnostic, Diagnostics};
use super::table::{ACTORS, COUNTRIES, Cells, Row, STANCES, STATEMENTS, Table};
use crate::model::{Actor, ActorKind, Country, Dataset, Polarity, Stance, Statement};

/// The side tables of one dataset, as read from CSV or JSON.
#[derive(Default)]
pub struct SideTables {
    /// `actors.csv`, when present.
    pub actors: Option<Table>,
    /// `stances.csv`, when present.
    pub stances: Option<Table>,
    /// `countries.csv`, when present.
    pub countries: Option<Table>,
}

/// True for the characters allowed in a node id: ASCII letters and digits,
/// `.`, `-`, `_`, `:`, and the accented Latin letters (U+00C0 to U+024F but
/// `×` and `÷`). These are XML name characters under every edition of XML
/// 1.0, so an id is a valid GraphML and GEXF NMTOKEN.
pub fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '.' | '-' | '_' | ':')
        || (('\u{C0}'..='\u{24F}').contains(&c) && c != '\u{D7}' && c != '\u{F7}')
}

/// Makes a node id from a name: lower case, runs of other characters turned
/// into one `-`. Empty when the name has no id character at all.
///
/// ```
/// use stancegraph::load::slug;
/// assert_eq!(slug("Jean-Noël Barrot"), "jean-noël-barrot");
/// assert_eq!(slug("Zelenskyy's \"office\""), "zelenskyy-s-office");
/// ```
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        if is_id_char(c) && c != ':' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Looks entities up by id or label: exact id, exact label, then the same
/// ignoring case.
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

    fn insert(&mut self, key: &str, index: usize) {
        self.exact.entry(key.to_string()).or_insert(index);
        self.folded.entry(key.to_lowercase()).or_insert(index);
    }

    pub(crate) fn find(&self, key: &str) -> Option<usize> {
        self.exact
            .get(key)
            .or_else(|| self.folded.get(&key.to_lowercase()))
            .copied()
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

/// Finds a reference among `items`. `Ok(None)` means it is unknown and there
/// is no side table, so the caller creates it; `Err(())` means it is unknown
/// to the side table `table`, and the problem was reported.
fn find<T: Named>(
    names: &Names,
    table: Option<&str>,
    items: &[T],
    what: &str,
    text: &str,
    (file, line): (&str, u64),
    diags: &mut Diagnostics,
) -> Result<Option<usize>, ()> {
    if let Some(i) = names.find(text) {
        return Ok(Some(i));
    }
    match table {
        Some(table) => {
            let message = unknown(what, text, table, items);
            diags.push(Diagnostic::at(file, line, message));
            Err(())
        }
        None => Ok(None),
    }
}

/// The message for a reference that matches nothing: names the side table
/// and the closest known id.
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

fn unknown<T: Named>(what: &str, value: &str, table: &str, known: &[T]) -> String {
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

/// How one kind of entity (actors, stances or countries) is looked up.
struct Registry {
    names: Names,
    /// The side-table file, when given: then every reference must resolve.
    table: Option<String>,
    /// Per entity: whether its id came from the side table (kept) or must
    /// be derived from its name.
    fixed: Vec<bool>,
}

impl Registry {
    fn new(table: &Option<Table>) -> Registry {
        Registry {
            names: Names::default(),
            table: table.as_ref().map(|t| t.file.clone()),
            fixed: Vec::new(),
        }
    }

    /// Finds `text` among `items` by id or label. Without a side table an
    /// unknown name becomes a new entity made by `make` (its id is derived
    /// later); with one, it is reported with the closest known id. Returns
    /// the index and whether it is new.
    fn find_or_add<T: Named>(
        &mut self,
        items: &mut Vec<T>,
        what: &str,
        text: &str,
        at: (&str, u64),
        diags: &mut Diagnostics,
        make: impl FnOnce(&str) -> T,
    ) -> Option<(usize, bool)> {
        let found = find(
            &self.names,
            self.table.as_deref(),
            items,
            what,
            text,
            at,
            diags,
        );
        if let Some(i) = found.ok()? {
            return Some((i, false));
        }
        let i = items.len();
        items.push(make(text));
        self.fixed.push(false);
        self.names.insert(text, i);
        Some((i, true))
    }
}

/// Where an entity's attribute was first set, so that a contradiction can
/// name both places.
#[derive(Clone)]
struct Origin {
    file: String,
    line: u64,
}

/// Builds a dataset: side tables first, then one statement at a time.
pub struct Resolver {
    diags: Diagnostics,
    /// Source documents by name, as indices into `ds.sources`.
    sources: FxHashMap<String, usize>,
    ds: Dataset,
    actor_refs: Registry,
    stance_refs: Registry,
    country_refs: Registry,
    /// Where an actor's kind and country were set.
    kind_origin: Vec<Option<Origin>>,
    country_origin: Vec<Option<Origin>>,
    /// Table-given ids with their place, to report collisions.
    id_places: HashMap<String, (&'static str, Origin)>,
}

impl Resolver {
    /// Starts a dataset from its side tables; statements follow one by one
    /// through [`Resolver::statement`].
    pub fn new(name: &str, side: SideTables) -> Resolver {
        let mut r = Resolver {
            diags: Diagnostics::default(),
            sources: FxHashMap::default(),
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

    /// Validates one statement row and adds it to the dataset.
    pub fn statement(&mut self, file: &str, cells: Cells<'_>) {
        if let Some(statement) = self.read_statement(file, cells) {
            self.ds.statements.push(statement);
        }
    }

    /// Gives derived ids and returns the dataset with every problem found
    /// (the dataset is only meaningful when there is none).
    pub fn finish(mut self) -> (Dataset, Diagnostics) {
        self.assign_derived_ids();
        (self.ds, self.diags)
    }
}

impl Resolver {
    /// Reads a side-table id: present, valid and not yet used in this table.
    fn table_id(&mut self, table: &Table, row: &Row, what: &'static str) -> Option<String> {
        let Some(id) = row.get(&table.schema, "id") else {
            self.diags
                .push(Diagnostic::at(&table.file, row.line, "the id is empty"));
            return None;
        };
        if let Some(bad) = id.chars().find(|c| !is_id_char(*c)) {
            self.diags.push(Diagnostic::at(
                &table.file,
                row.line,
                format!(
                    "id '{id}' has the character {bad:?}; ids may hold only letters, digits, '.', '-', '_' and ':' (they become node ids in GraphML and GEXF); put the name in the label column"
                ),
            ));
            return None;
        }
        let origin = Origin {
            file: table.file.clone(),
            line: row.line,
        };
        if let Some((other, first)) = self.id_places.get(id) {
            // A country speaking as an actor may share its id with the country.
            let shared_country = (what, *other) == ("actor", "country")
                && row
                    .get(&table.schema, "kind")
                    .and_then(ActorKind::parse)
                    .is_some_and(|k| k == ActorKind::Country);
            if !shared_country {
                self.diags.push(Diagnostic::at(
                    &table.file,
                    row.line,
                    format!(
                        "id '{id}' is already used by a {other} at {}:{}; ids must be unique across actors, stances and countries",
                        first.file, first.line
                    ),
                ));
                return None;
            }
        } else {
            self.id_places.insert(id.to_string(), (what, origin));
        }
        Some(id.to_string())
    }

    fn countries(&mut self, table: &Table) {
        for row in &table.rows {
            let Some(id) = self.table_id(table, row, "country") else {
                continue;
            };
            let label = row.get(&COUNTRIES, "label").unwrap_or(&id).to_string();
            self.ds.countries.push(Country { id, label });
            self.country_refs.fixed.push(true);
        }
        self.country_refs.names = Names::build(&self.ds.countries);
    }

    fn actors(&mut self, table: &Table) {
        for row in &table.rows {
            let Some(id) = self.table_id(table, row, "actor") else {
                continue;
            };
            let origin = Origin {
                file: table.file.clone(),
                line: row.line,
            };
            let kind = match row.get(&ACTORS, "kind") {
                Some(text) => match self.parse_kind(&table.file, row.line, text) {
                    Some(k) => Some(k),
                    None => continue,
                },
                None => None,
            };
            let country = match row.get(&ACTORS, "country") {
                Some(text) => match self.country(&table.file, row.line, text) {
                    Some(c) => Some(c),
                    None => continue,
                },
                None => None,
            };
            self.ds.actors.push(Actor {
                label: row.get(&ACTORS, "label").unwrap_or(&id).to_string(),
                id,
                kind: kind.unwrap_or(ActorKind::Person),
                country,
                role: row.get(&ACTORS, "role").map(str::to_string),
            });
            self.actor_refs.fixed.push(true);
            self.kind_origin.push(kind.map(|_| origin.clone()));
            self.country_origin.push(country.map(|_| origin));
        }
        self.actor_refs.names = Names::build(&self.ds.actors);
    }

    fn stances(&mut self, table: &Table) {
        for row in &table.rows {
            let Some(id) = self.table_id(table, row, "stance") else {
                continue;
            };
            self.ds.stances.push(Stance {
                label: row.get(&STANCES, "label").unwrap_or(&id).to_string(),
                id,
                topic: row.get(&STANCES, "topic").map(str::to_string),
            });
            self.stance_refs.fixed.push(true);
        }
        self.stance_refs.names = Names::build(&self.ds.stances);
    }

    fn parse_kind(&mut self, file: &str, line: u64, text: &str) -> Option<ActorKind> {
        let kind = ActorKind::parse(text);
        if kind.is_none() {
            self.diags.push(Diagnostic::at(
                file,
                line,
                format!(
                    "unknown actor kind '{text}'; use {}",
                    ActorKind::NAMES.join(", ")
                ),
            ));
        }
        kind
    }

    /// Resolves a country reference, or creates the country when there is no
    /// countries table.
    fn country(&mut self, file: &str, line: u64, text: &str) -> Option<usize> {
        let make = |label: &str| Country {
            id: String::new(),
            label: label.to_string(),
        };
        let at = (file, line);
        let found = self.country_refs.find_or_add(
            &mut self.ds.countries,
            "country",
            text,
            at,
            &mut self.diags,
            make,
        );
        found.map(|(i, _)| i)
    }

    fn source(&mut self, name: &str) -> usize {
        if let Some(i) = self.sources.get(name) {
            return *i;
        }
        let i = self.ds.sources.len();
        self.ds.sources.push(name.to_string());
        self.sources.insert(name.to_string(), i);
        i
    }

    fn read_statement(&mut self, file: &str, row: Cells<'_>) -> Option<Statement> {
        let line = row.line;
        let get = |column: &str| row.get(&STATEMENTS, column);
        let mut ok = true;
        let mut require = |column: &str, hint: &str| {
            let value = get(column);
            if value.is_none() {
                self.diags.push(Diagnostic::at(
                    file,
                    line,
                    format!("the {column} is empty; {hint}"),
                ));
                ok = false;
            }
            value
        };
        let actor_text = require("actor", "name who speaks");
        let stance_text = require("stance", "name the stance spoken about");
        let agree_text = require("agree", "use yes or no");

        let polarity = agree_text.and_then(|text| {
            let p = Polarity::parse(text);
            if p.is_none() {
                self.diags.push(Diagnostic::at(
                    file,
                    line,
                    format!(
                        "unknown agree value '{text}'; use yes/no, true/false, 1/0, agree/disagree or +/-"
                    ),
                ));
            }
            p
        });
        let kind = match get("actor_kind") {
            Some(text) => {
                let k = self.parse_kind(file, line, text);
                ok &= k.is_some();
                k
            }
            None => None,
        };
        let country = match get("country") {
            Some(text) => {
                let c = self.country(file, line, text);
                ok &= c.is_some();
                c
            }
            None => None,
        };
        let date = match get("date") {
            Some(text) => {
                let d = parse_date(text);
                if let Err(message) = &d {
                    self.diags.push(Diagnostic::at(file, line, message.clone()));
                }
                d.ok()
            }
            None => None,
        };
        let actor = actor_text.and_then(|text| self.actor(file, line, text, kind, country));
        let stance = stance_text.and_then(|text| self.stance(file, line, text));
        if !ok || date.is_none() && get("date").is_some() {
            return None;
        }
        Some(Statement {
            id: get("id").map(str::to_string),
            actor: actor?,
            stance: stance?,
            polarity: polarity?,
            date,
            source: get("source").map(|s| self.source(s)),
            quote: get("quote").map(str::to_string),
            line,
        })
    }

    fn actor(
        &mut self,
        file: &str,
        line: u64,
        text: &str,
        kind: Option<ActorKind>,
        country: Option<usize>,
    ) -> Option<usize> {
        let here = Origin {
            file: file.to_string(),
            line,
        };
        let make = |label: &str| Actor {
            id: String::new(),
            label: label.to_string(),
            kind: ActorKind::Person,
            country: None,
            role: None,
        };
        let at = (file, line);
        let (i, new) = self.actor_refs.find_or_add(
            &mut self.ds.actors,
            "actor",
            text,
            at,
            &mut self.diags,
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
                        "actor '{}' is coded as {} here but as {} at {}:{}",
                        actor.label,
                        kind.as_str(),
                        actor.kind.as_str(),
                        first.file,
                        first.line
                    );
                    self.diags.push(Diagnostic::at(file, line, message));
                    return None;
                }
                Some(_) => {}
                None => {
                    self.ds.actors[i].kind = kind;
                    self.kind_origin[i] = Some(here.clone());
                }
            }
        }
        if let Some(country) = country {
            let actor = &self.ds.actors[i];
            match (&self.country_origin[i], actor.country) {
                (Some(first), Some(had)) if had != country => {
                    let message = format!(
                        "actor '{}' has country '{}' here but '{}' at {}:{}",
                        actor.label,
                        self.ds.countries[country].label,
                        self.ds.countries[had].label,
                        first.file,
                        first.line
                    );
                    self.diags.push(Diagnostic::at(file, line, message));
                    return None;
                }
                (Some(_), _) => {}
                (None, _) => {
                    self.ds.actors[i].country = Some(country);
                    self.country_origin[i] = Some(here);
                }
            }
        }
        Some(i)
    }

    fn stance(&mut self, file: &str, line: u64, text: &str) -> Option<usize> {
        let make = |label: &str| Stance {
            id: String::new(),
            label: label.to_string(),
            topic: None,
        };
        let at = (file, line);
        let found = self.stance_refs.find_or_add(
            &mut self.ds.stances,
            "stance",
            text,
            at,
            &mut self.diags,
            make,
        );
        found.map(|(i, _)| i)
    }

    /// Gives every entity first named in the statements an id made from its
    /// name, unique across actors, stances and countries. A country-kind actor
    /// with a country's name shares that country's id: it is the same node.
    fn assign_derived_ids(&mut self) {
        let mut taken: HashSet<String> = self.id_places.keys().cloned().collect();
        let fresh = |name: &str, fallback: &str, taken: &mut HashSet<String>| {
            let base = match slug(name) {
                s if s.is_empty() => fallback.to_string(),
                s => s,
            };
            let mut id = base.clone();
            let mut n = 2;
            while taken.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            taken.insert(id.clone());
            id
        };
        for (c, fixed) in self.ds.countries.iter_mut().zip(&self.country_refs.fixed) {
            if !fixed {
                c.id = fresh(&c.label, "country", &mut taken);
            }
        }
        for (a, fixed) in self.ds.actors.iter_mut().zip(&self.actor_refs.fixed) {
            if *fixed {
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
                None => fresh(&a.label, "actor", &mut taken),
            };
        }
        for (s, fixed) in self.ds.stances.iter_mut().zip(&self.stance_refs.fixed) {
            if !fixed {
                s.id = fresh(&s.label, "stance", &mut taken);
            }
        }
        // A country-kind actor from actors.csv whose id is a country's id
        // speaks for that country.
        for a in &mut self.ds.actors {
            if a.kind == ActorKind::Country && a.country.is_none() {
                a.country = self.ds.countries.iter().position(|c| c.id == a.id);
            }
        }
    }
}

/// Parses `YYYY-MM-DD`, rejecting other layouts and impossible dates.
///
/// ```
/// use stancegraph::load::parse_date;
/// assert!(parse_date("2025-02-12").is_ok());
/// assert!(parse_date("2025-02-30").unwrap_err().contains("no such day"));
/// assert!(parse_date("12/02/2025").unwrap_err().contains("YYYY-MM-DD"));
/// ```
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let b = text.as_bytes();
    let layout_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !layout_ok {
        return Err(format!("bad date '{text}'; write dates as YYYY-MM-DD"));
    }
    // The layout is checked, so the numbers are plain digits.
    let number = |range: std::ops::Range<usize>| {
        b[range]
            .iter()
            .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'))
    };
    NaiveDate::from_ymd_opt(number(0..4) as i32, number(5..7), number(8..10))
        .ok_or_else(|| format!("impossible date '{text}': no such day in the calendar"))
}

#[cfg(test)]
mod tests {
    use super::super::table::{Row, Schema};
    use super::*;

    fn table(file: &str, schema: Schema, rows: &[&[&str]]) -> Table {
        Table {
            file: file.to_string(),
            schema,
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| Row {
                    line: i as u64 + 2,
                    values: r
                        .iter()
                        .map(|v| (!v.is_empty()).then(|| v.to_string()))
                        .chain(std::iter::repeat(None))
                        .take(schema.columns.len())
                        .collect(),
                })
                .collect(),
        }
    }

    fn run(statements: Table, side: SideTables) -> (Dataset, Diagnostics) {
        let mut r = Resolver::new("test", side);
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
        let (ds, diags) = run(
            st,
            SideTables {
                actors: None,
                stances: None,
                countries: None,
            },
        );
        assert!(diags.is_empty(), "{diags}");
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
        let (ds, diags) = run(
            st,
            SideTables {
                actors: Some(actors),
                stances: None,
                countries: None,
            },
        );
        assert_eq!(
            diags.to_string(),
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
        let (_, diags) = run(
            st,
            SideTables {
                actors: None,
                stances: None,
                countries: None,
            },
        );
        let text = diags.to_string();
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
        assert_eq!(diags.len(), 4, "{text}");
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
        let (_, diags) = run(
            st,
            SideTables {
                actors: None,
                stances: None,
                countries: None,
            },
        );
        let text = diags.to_string();
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
        let (ds, diags) = run(
            st,
            SideTables {
                actors: Some(actors),
                stances: None,
                countries: Some(countries),
            },
        );
        let text = diags.to_string();
        assert!(
            text.contains("a.csv:3: id 'ua' is already used by a country at c.csv:3"),
            "{text}"
        );
        assert!(
            text.contains("a.csv:4: id 'a b' has the character ' '"),
            "{text}"
        );
        assert_eq!(diags.len(), 2);
        // The country-kind actor shares the country's id and speaks for it.
        assert_eq!(ds.actors[0].country, Some(0));
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("2024-02-29").unwrap(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        assert!(parse_date("2025-2-1").is_err());
        assert!(parse_date("2025-13-01").is_err());
        assert!(parse_date("２０２５-02-01").is_err());
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("  Pete   Hegseth "), "pete-hegseth");
        assert_eq!(slug("U.S."), "u.s.");
        assert_eq!(slug("北约"), "");
        assert_eq!(slug("a:b"), "a-b");
    }
}
