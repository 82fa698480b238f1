//! The coded data as plain structs: what the loader produces and the graph
//! builder consumes.
//!
//! Statements refer to actors and stances by index, so a large corpus holds
//! each name once.

use crate::choice::choices;
use chrono::NaiveDate;

/// An RGB colour.
pub type Rgb = [u8; 3];

/// A colour as `#rrggbb`, lower case.
///
/// ```
/// assert_eq!(stancegraph::model::hex([0xd7, 0x19, 0x1c]), "#d7191c");
/// ```
pub fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// Whether an actor agrees or disagrees with a stance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Polarity {
    /// The actor supports the stance.
    #[default]
    Agree,
    /// The actor rejects the stance.
    Disagree,
}

impl Polarity {
    /// Parses the `agree` column: `yes`/`no`, `true`/`false`, `1`/`0`,
    /// `agree`/`disagree`, `+`/`-`, in any case.
    ///
    /// ```
    /// use stancegraph::model::Polarity;
    /// assert_eq!(Polarity::parse("Yes"), Some(Polarity::Agree));
    /// assert_eq!(Polarity::parse("-"), Some(Polarity::Disagree));
    /// assert_eq!(Polarity::parse("maybe"), None);
    /// ```
    pub fn parse(value: &str) -> Option<Polarity> {
        let value = value.trim();
        let is = |words: &[&str]| words.iter().any(|w| w.eq_ignore_ascii_case(value));
        if is(&["yes", "true", "1", "agree", "+"]) {
            Some(Polarity::Agree)
        } else if is(&["no", "false", "0", "disagree", "-"]) {
            Some(Polarity::Disagree)
        } else {
            None
        }
    }

    /// `agree` or `disagree`, the name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Agree => "agree",
            Polarity::Disagree => "disagree",
        }
    }
}

choices! {
    /// What kind of speaker an actor is.
    /// On the command line (`--kind`) it is a clap value.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
    pub enum ActorKind as "actor kind" {
        #[default]
        Person = "person": "A person (the default).",
        Organization = "organization": "An organization, alliance or group.",
        Country = "country": "A country speaking as itself.",
        Group = "group": "The actors that share one value of an attribute, counted as one (`--level ATTR`).",
    }
}

impl ActorKind {
    /// Parses `person`, `organization` (or `organisation`), `country` or
    /// `group`, in any case; the error lists the names.
    pub fn parse(value: &str) -> Result<ActorKind, crate::choice::UnknownChoice> {
        <ActorKind as crate::choice::Choice>::parse(value).or_else(|e| {
            if value.trim().eq_ignore_ascii_case("organisation") {
                Ok(ActorKind::Organization)
            } else {
                Err(e)
            }
        })
    }
}

/// The type of a user attribute, inferred from all its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AttrType {
    /// `true` or `false`.
    Boolean,
    /// A whole number that fits in 32 bits.
    Int,
    /// A whole number that needs 64 bits.
    Long,
    /// A decimal number.
    Double,
    /// Text.
    String,
}

impl AttrType {
    /// The narrowest type that holds values of both types: numbers widen
    /// (int, long, double), anything else mixed is text.
    pub fn widen(self, other: AttrType) -> AttrType {
        use AttrType::*;
        match (self, other) {
            (a, b) if a == b => a,
            (Int | Long | Double, Int | Long | Double) => self.max(other),
            _ => String,
        }
    }

    /// The type's name, as GraphML's `attr.type` spells it: `boolean`,
    /// `int`, `long`, `double` or `string`.
    pub fn name(self) -> &'static str {
        match self {
            AttrType::Boolean => "boolean",
            AttrType::Int => "int",
            AttrType::Long => "long",
            AttrType::Double => "double",
            AttrType::String => "string",
        }
    }

    /// Whether values of this type are numbers (written bare in JSON).
    pub fn is_number(self) -> bool {
        matches!(self, AttrType::Int | AttrType::Long | AttrType::Double)
    }
}

/// A user attribute of actors, stances or countries: a column of a side
/// table, a key of a JSON side table, or a DNA attribute variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttrDef {
    /// The name, the same in every output format.
    pub name: String,
    /// Its type, inferred from all its values.
    pub ty: AttrType,
}

/// Someone who makes statements.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Actor {
    /// Node id in every output: letters, digits, `.`, `-`, `_`, `:` only.
    pub id: String,
    /// The human name, exactly as coded.
    pub label: String,
    /// Person, organization, country or group.
    pub kind: ActorKind,
    /// Index into [`Dataset::countries`] of the country the actor belongs to.
    pub country: Option<usize>,
    /// The actor's role or office, such as "Defense Secretary".
    pub role: Option<String>,
    /// Values of [`Dataset::actor_attrs`], in the same order.
    pub attrs: Vec<Option<String>>,
    /// The colour given to the actor (a `color` attribute, or DNA's entity
    /// colour).
    pub color: Option<Rgb>,
}

/// A proposition that actors agree or disagree with.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stance {
    /// Node id in every output.
    pub id: String,
    /// The proposition, exactly as coded.
    pub label: String,
    /// A topic that groups stances.
    pub topic: Option<String>,
    /// Values of [`Dataset::stance_attrs`], in the same order.
    pub attrs: Vec<Option<String>>,
    /// The colour given to the stance.
    pub color: Option<Rgb>,
}

/// A country that actors belong to or speak for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Country {
    /// Node id in every output.
    pub id: String,
    /// The country's name.
    pub label: String,
    /// Values of [`Dataset::country_attrs`], in the same order.
    pub attrs: Vec<Option<String>>,
    /// The colour given to the country.
    pub color: Option<Rgb>,
}

/// One coded statement: an actor agreeing or disagreeing with a stance.
///
/// Kept small (72 bytes on 64-bit machines), since a corpus holds millions:
/// entities, sources and field values are indices into the [`Dataset`]'s
/// lists, each distinct value held once there.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// The words, as evidence; shared with the edges that quote it.
    pub quote: Option<std::sync::Arc<str>>,
    /// The statement id from the input, if any.
    pub id: Option<Box<str>>,
    /// Where the statement is in the input: its line in CSV and JSON (the
    /// header is line 1 in CSV), its row in a workbook sheet, its `ID` in a
    /// DNA database.
    pub line: u64,
    /// Index into [`Dataset::actors`].
    pub actor: u32,
    /// Index into [`Dataset::stances`].
    pub stance: u32,
    /// Index into [`Dataset::sources`] of the document it came from;
    /// [`Statement::NO_SOURCE`] when it has none. Read it with
    /// [`Statement::source`].
    pub source: u32,
    /// Index into [`Dataset::actors`] of the actor the statement addresses
    /// or acts on (the `target` column); [`Statement::NO_TARGET`] when it
    /// has none. Read it with [`Statement::target`].
    pub target: u32,
    /// Index into [`Dataset::field_rows`] of its values of
    /// [`Dataset::fields`]; read them with [`Dataset::field`].
    /// [`Statement::NO_FIELDS`] (the default) when it has none.
    pub fields: u32,
    /// When it was said.
    pub date: Option<NaiveDate>,
    /// How many identical statements this one stands for: the `count`
    /// column, 1 without it. Every network counts it as that many rows.
    pub count: u32,
    /// Agree or disagree.
    pub polarity: Polarity,
}

impl Statement {
    /// [`Statement::fields`] of a statement without field values: it
    /// points at no row, so every field reads as absent.
    pub const NO_FIELDS: u32 = u32::MAX;

    /// [`Statement::source`] of a statement without a source.
    pub const NO_SOURCE: u32 = u32::MAX;

    /// [`Statement::target`] of a statement without a target.
    pub const NO_TARGET: u32 = u32::MAX;

    /// Its actor, as an index into [`Dataset::actors`].
    pub fn actor(&self) -> usize {
        self.actor as usize
    }

    /// Its stance, as an index into [`Dataset::stances`].
    pub fn stance(&self) -> usize {
        self.stance as usize
    }

    /// Its source document, as an index into [`Dataset::sources`].
    pub fn source(&self) -> Option<usize> {
        (self.source != Statement::NO_SOURCE).then_some(self.source as usize)
    }

    /// The actor it addresses or acts on, as an index into
    /// [`Dataset::actors`].
    pub fn target(&self) -> Option<usize> {
        (self.target != Statement::NO_TARGET).then_some(self.target as usize)
    }
}

impl Default for Statement {
    fn default() -> Statement {
        Statement {
            id: None,
            actor: 0,
            stance: 0,
            polarity: Polarity::Agree,
            date: None,
            source: Statement::NO_SOURCE,
            target: Statement::NO_TARGET,
            quote: None,
            fields: Statement::NO_FIELDS,
            line: 0,
            count: 1,
        }
    }
}

/// When a dataset's statements were made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    /// The first and the last date (`None`: no statement has one).
    pub range: Option<(NaiveDate, NaiveDate)>,
    /// Statements without a date, each standing for its `count`.
    pub undated: u64,
}

/// A validated dataset: every reference resolved, every value parsed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    /// Where the dataset came from, for messages.
    pub name: String,
    /// All actors, side-table rows first, then those first named in statements.
    pub actors: Vec<Actor>,
    /// All stances, in the same order rule as actors.
    pub stances: Vec<Stance>,
    /// All countries, in the same order rule as actors.
    pub countries: Vec<Country>,
    /// The distinct source documents, in order of first mention.
    pub sources: Vec<String>,
    /// All statements, in input order.
    pub statements: Vec<Statement>,
    /// The user attributes of actors (extra columns of `actors.csv`, DNA
    /// attribute variables).
    pub actor_attrs: Vec<AttrDef>,
    /// The user attributes of stances.
    pub stance_attrs: Vec<AttrDef>,
    /// The user attributes of countries.
    pub country_attrs: Vec<AttrDef>,
    /// The names of the statements' extra fields (extra columns of the
    /// statements table; a DNA database's other variables and document
    /// fields).
    pub fields: Vec<String>,
    /// The distinct values of those fields.
    pub field_values: Vec<String>,
    /// The distinct rows of field values that statements have, each value
    /// an index into [`Dataset::field_values`] (in the order of
    /// [`Dataset::fields`]); a statement's [`Statement::fields`] points
    /// here. Empty when the statements have no extra fields.
    pub field_rows: Vec<Vec<Option<u32>>>,
}

impl Dataset {
    /// A statement's value of field `field` (an index into
    /// [`Dataset::fields`]).
    pub fn field(&self, s: &Statement, field: usize) -> Option<&str> {
        let row = self.field_rows.get(s.fields as usize)?;
        let v = (*row.get(field)?)?;
        Some(&self.field_values[v as usize])
    }

    /// The columns of the event list before the statements' own fields: the
    /// statement, its actor and the actor's attributes, its stance and the
    /// stance's attributes. A statement field may not take one of these
    /// names.
    pub fn event_columns(&self) -> Vec<String> {
        let fixed = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let mut out = fixed(&[
            "id",
            "date",
            "actor",
            "actor_label",
            "actor_kind",
            "actor_country",
            "actor_country_label",
            "actor_role",
        ]);
        out.extend(self.actor_attrs.iter().map(|a| format!("actor_{}", a.name)));
        out.extend(fixed(&["stance", "stance_label", "stance_topic"]));
        out.extend(
            self.stance_attrs
                .iter()
                .map(|a| format!("stance_{}", a.name)),
        );
        out.extend(fixed(&["agree", "source", "quote"]));
        if self.has_counts() {
            out.push("count".to_string());
        }
        if self.has_targets() {
            out.extend(fixed(&["target", "target_label"]));
        }
        out
    }

    /// The dates of a dataset: what `check` and `stats` print and what time
    /// windows span.
    pub fn date_range(&self) -> DateRange {
        let mut range: Option<(NaiveDate, NaiveDate)> = None;
        let mut undated = 0;
        for s in &self.statements {
            match s.date {
                Some(d) => {
                    range = Some(match range {
                        Some((lo, hi)) => (lo.min(d), hi.max(d)),
                        None => (d, d),
                    })
                }
                None => undated += u64::from(s.count),
            }
        }
        DateRange { range, undated }
    }

    /// Whether a statement stands for more than one (a `count` column).
    pub fn has_counts(&self) -> bool {
        self.statements.iter().any(|s| s.count != 1)
    }

    /// Whether any statement names a target (the event list then has
    /// `target` and `target_label` columns).
    pub fn has_targets(&self) -> bool {
        self.statements.iter().any(|s| s.target().is_some())
    }

    /// How many statements the dataset stands for: the sum of the counts.
    pub fn statement_count(&self) -> u64 {
        self.statements.iter().map(|s| u64::from(s.count)).sum()
    }

    /// A dataset with the same entities, attributes and fields, and the
    /// given statements (whose indices must fit it).
    pub fn with_statements(&self, statements: Vec<Statement>) -> Dataset {
        let (actors, stances, countries) = (
            self.actors.clone(),
            self.stances.clone(),
            self.countries.clone(),
        );
        self.rebuilt(actors, stances, countries, statements)
    }

    /// A dataset with the same name, sources, attributes and fields, and
    /// the given entities and statements (whose indices must fit them).
    pub fn rebuilt(
        &self,
        actors: Vec<Actor>,
        stances: Vec<Stance>,
        countries: Vec<Country>,
        statements: Vec<Statement>,
    ) -> Dataset {
        Dataset {
            name: self.name.clone(),
            actors,
            stances,
            countries,
            sources: self.sources.clone(),
            statements,
            actor_attrs: self.actor_attrs.clone(),
            stance_attrs: self.stance_attrs.clone(),
            country_attrs: self.country_attrs.clone(),
            fields: self.fields.clone(),
            field_values: self.field_values.clone(),
            field_rows: self.field_rows.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_default_statement_has_no_field_values() {
        let ds = Dataset {
            fields: vec!["outlet".into()],
            field_values: vec!["AP".into()],
            field_rows: vec![vec![Some(0)]],
            ..Dataset::default()
        };
        let loaded = Statement {
            fields: 0,
            ..Statement::default()
        };
        assert_eq!(ds.field(&loaded, 0), Some("AP"));
        assert_eq!(ds.field(&Statement::default(), 0), None);
    }

    #[test]
    fn a_statement_stays_small() {
        // Millions of them are held at once; see the struct's doc comment.
        assert_eq!(std::mem::size_of::<Statement>(), 72);
    }

    #[test]
    fn attribute_types_widen_to_what_holds_both() {
        use AttrType::*;
        assert_eq!(Int.widen(Int), Int);
        assert_eq!(Int.widen(Long), Long);
        assert_eq!(Long.widen(Double), Double);
        assert_eq!(Int.widen(Boolean), String);
        assert_eq!(Boolean.widen(Boolean), Boolean);
        assert_eq!(String.widen(Int), String);
    }
}
