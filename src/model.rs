//! The coded data as plain structs: what the loader produces and the graph
//! builder consumes.
//!
//! Statements refer to actors and stances by index, so a large corpus holds
//! each name once.

use chrono::NaiveDate;

/// Whether an actor agrees or disagrees with a stance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Polarity {
    /// The actor supports the stance.
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

/// What kind of speaker an actor is.
/// On the command line (`--kind`) it is a clap value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum ActorKind {
    /// A person (the default).
    Person,
    /// An organization, alliance or group.
    Organization,
    /// A country speaking as itself.
    Country,
}

impl ActorKind {
    /// The accepted spellings, for error messages.
    pub const NAMES: &'static [&'static str] = &["person", "organization", "country"];

    /// Parses `person`, `organization` (or `organisation`) or `country`, in any case.
    pub fn parse(value: &str) -> Option<ActorKind> {
        let value = value.trim();
        let is = |word: &str| word.eq_ignore_ascii_case(value);
        if is("person") {
            Some(ActorKind::Person)
        } else if is("organization") || is("organisation") {
            Some(ActorKind::Organization)
        } else if is("country") {
            Some(ActorKind::Country)
        } else {
            None
        }
    }

    /// The lower-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
            ActorKind::Country => "country",
        }
    }
}

/// Someone who makes statements.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    /// Node id in every output: letters, digits, `.`, `-`, `_`, `:` only.
    pub id: String,
    /// The human name, exactly as coded.
    pub label: String,
    /// Person, organization or country.
    pub kind: ActorKind,
    /// Index into [`Dataset::countries`] of the country the actor belongs to.
    pub country: Option<usize>,
    /// The actor's role or office, such as "Defense Secretary".
    pub role: Option<String>,
}

/// A proposition that actors agree or disagree with.
#[derive(Debug, Clone, PartialEq)]
pub struct Stance {
    /// Node id in every output.
    pub id: String,
    /// The proposition, exactly as coded.
    pub label: String,
    /// A topic that groups stances.
    pub topic: Option<String>,
}

/// A country that actors belong to or speak for.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    /// Node id in every output.
    pub id: String,
    /// The country's name.
    pub label: String,
}

/// One coded statement: an actor agreeing or disagreeing with a stance.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// The statement id from the input, if any.
    pub id: Option<String>,
    /// Index into [`Dataset::actors`].
    pub actor: usize,
    /// Index into [`Dataset::stances`].
    pub stance: usize,
    /// Agree or disagree.
    pub polarity: Polarity,
    /// When it was said.
    pub date: Option<NaiveDate>,
    /// Index into [`Dataset::sources`] of the document it came from.
    pub source: Option<usize>,
    /// The words, as evidence.
    pub quote: Option<String>,
    /// The line of the input where the statement starts (1-based; the
    /// header is line 1 in CSV).
    pub line: u64,
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
}
