//! One SQL query that computes a network's edge table where the statements
//! already live: DuckDB on one machine, Spark SQL on a cluster. The query
//! reads a table or view named `statements` with the contract's column
//! names, and gives the same weights as [`crate::network`] (DNA's
//! definitions, normalizations and duplicate modes).
//!
//! What it reads, as text or typed (`read_csv(..., all_varchar = true)`
//! works): `actor`, `stance` and `agree` always (`agree` in any spelling
//! the loader accepts); `source` for `--duplicates document`; `date`
//! (YYYY-MM-DD) for `week`, `month` and `year`; and `count` when the table
//! has that column (found by SQL's own name scoping: a lateral subquery
//! sees the table's `count` before the outer default of 1). A missing actor,
//! stance or agree, an unknown agree value, a bad date or count stops the
//! query with an error that says so.
//!
//! Names are trimmed of surrounding spaces and otherwise kept as they are
//! in the table: rows that differ in case or Unicode normalization stay
//! apart (`stancegraph check` finds such spellings on a sample).
//!
//! ```
//! use stancegraph::network::{Kind, Normalization, Options};
//! use stancegraph::sql::{edge_query, Dialect};
//!
//! let opts = Options { kind: Kind::Congruence, normalization: Normalization::Average, ..Options::default() };
//! let sql = edge_query(&opts, Dialect::Duckdb).unwrap();
//! assert!(sql.contains("FROM statements"));
//! assert!(sql.trim_end().ends_with(';'));
//! ```

use crate::choice::{Spelled, Spelling, choices};
use std::fmt;

use crate::network::{
    Duplicates, Filter, Kind, Level, Normalization, Options, OptionsError, Qualifier,
};

choices! {
    /// The SQL engine the query is written for.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Dialect as "SQL dialect" {
        #[default]
        Duckdb = "duckdb": "DuckDB (1.1 or newer).",
        Spark = "spark": "Spark SQL (3.4 or newer).",
    }
}

impl Dialect {
    /// The name on the command line.
    pub fn title(self) -> &'static str {
        match self {
            Dialect::Duckdb => "DuckDB",
            Dialect::Spark => "Spark SQL",
        }
    }

    /// A quoted column name.
    fn column(self, name: &str) -> String {
        match self {
            Dialect::Duckdb => format!("\"{name}\""),
            Dialect::Spark => format!("`{name}`"),
        }
    }

    /// A value as trimmed text, NULL when empty.
    fn text(self, expr: &str) -> String {
        let ty = match self {
            Dialect::Duckdb => "VARCHAR",
            Dialect::Spark => "STRING",
        };
        format!("NULLIF(TRIM(CAST({expr} AS {ty})), '')")
    }

    /// [`Dialect::text`] named `name`.
    fn text_as(self, expr: &str, name: &str) -> String {
        format!("{} AS {name}", self.text(expr))
    }

    /// A string literal: quotes doubled in DuckDB (standard SQL), escaped
    /// with a backslash in Spark (where `''` joins two literals).
    fn literal(self, text: &str) -> String {
        match self {
            Dialect::Duckdb => format!("'{}'", text.replace('\'', "''")),
            Dialect::Spark => format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'")),
        }
    }

    /// Whether `text` is digits only (casts would round `1.5`).
    fn digits(self, text: &str) -> String {
        match self {
            Dialect::Duckdb => format!("regexp_full_match({text}, '[0-9]+')"),
            Dialect::Spark => format!("{text} RLIKE '^[0-9]+$'"),
        }
    }

    /// An expression that stops the query with `message` (a SQL string
    /// expression).
    fn fail(self, message: &str) -> String {
        match self {
            Dialect::Duckdb => format!("error({message})"),
            Dialect::Spark => format!("raise_error({message})"),
        }
    }

    /// The date in `text`, NULL when it is not a date.
    fn date(self, text: &str) -> String {
        match self {
            Dialect::Duckdb => format!("TRY_STRPTIME({text}, '%Y-%m-%d')::DATE"),
            Dialect::Spark => format!("TRY_TO_TIMESTAMP({text}, 'yyyy-MM-dd')"),
        }
    }

    /// The ISO week of a date as year·100 + week.
    fn iso_week(self, date: &str) -> String {
        match self {
            Dialect::Duckdb => format!("ISOYEAR({date}) * 100 + WEEK({date})"),
            Dialect::Spark => {
                format!("EXTRACT(YEAROFWEEK FROM {date}) * 100 + WEEKOFYEAR({date})")
            }
        }
    }
}

/// Why no query could be written.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SqlError {
    /// The full network has edges of three kinds between three kinds of
    /// nodes: no one edge table of source, target and weight.
    Full,
    /// The options do not fit together.
    Options(OptionsError),
    /// Filters and levels are the query's `WHERE` and the view's business.
    Selection,
}

impl fmt::Display for SqlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.spell(Spelling::PLAIN, f)
    }
}

impl Spelled for SqlError {
    fn spell(&self, s: Spelling, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SqlError::Full => write!(
                f,
                "sql writes DNA's networks (affiliation, congruence, conflict, subtract, cooccurrence); \
                 the full network's actor-stance edges are {} affiliation",
                s.option("network")
            ),
            SqlError::Options(e) => e.spell(s, f),
            SqlError::Selection => f.write_str(
                "sql reads every row of `statements`: filter or recode them in a view of that name",
            ),
        }
    }
}

impl std::error::Error for SqlError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SqlError::Options(e) => Some(e),
            _ => None,
        }
    }
}

/// The query that computes the edge table of the network `opts` asks for
/// (`source`, `target`, `weight`, and `relation` for the affiliation
/// network), ordered by source and target. One-mode pairs come once, with
/// `source < target`.
pub fn edge_query(opts: &Options, dialect: Dialect) -> Result<String, SqlError> {
    opts.validate().map_err(SqlError::Options)?;
    if opts.kind == Kind::Full {
        return Err(SqlError::Full);
    }
    if opts.filter != Filter::default() || opts.level != Level::Actor {
        return Err(SqlError::Selection);
    }
    let d = dialect;
    let interaction = opts.kind == Kind::Interaction;
    let mut sql = header(opts, d);
    sql.push_str("WITH\n");
    sql.push_str(&rows(opts.duplicates, interaction, d));
    sql.push_str(&kept(opts.duplicates, interaction));
    // The interaction network's cells are (actor, target) pairs, named
    // `stance` below so that the affiliation network's edges serve both.
    let (cell, only, by) = if interaction {
        ("target AS stance", "\n  WHERE target IS NOT NULL", "target")
    } else {
        ("stance", "", "stance")
    };
    sql.push_str(&format!(
        "cells AS (\n  SELECT actor, {cell},\n    SUM(CASE WHEN agree = 1 THEN n ELSE 0 END) AS pos,\n    \
         SUM(CASE WHEN agree = 0 THEN n ELSE 0 END) AS neg\n  FROM kept{only}\n  GROUP BY actor, {by}\n)",
    ));
    if matches!(opts.kind, Kind::Affiliation | Kind::Interaction) {
        sql.push_str(&affiliation(opts.qualifier, opts.normalization));
    } else {
        sql.push_str(&one_mode(opts.kind, opts.normalization));
    }
    Ok(sql)
}

/// What the query computes, as comments.
fn header(opts: &Options, d: Dialect) -> String {
    let mut what = format!("the {} network", opts.kind.name());
    let two_mode = matches!(opts.kind, Kind::Affiliation | Kind::Interaction);
    if two_mode {
        what.push_str(&format!(
            " (qualifier {})",
            format!("{:?}", opts.qualifier).to_lowercase()
        ));
    }
    if opts.normalization != Normalization::None {
        what.push_str(&format!(", normalized by {}", opts.normalization.name()));
    }
    if opts.duplicates != Duplicates::Include {
        what.push_str(&format!(
            ", duplicates counted once per {}",
            match opts.duplicates {
                Duplicates::Document => "source",
                Duplicates::Week => "ISO week",
                Duplicates::Month => "month",
                Duplicates::Year => "year",
                _ => "whole range",
            }
        ));
    }
    format!(
        "-- stancegraph {}: {what}, from the table or view `statements`, for {}.\n\
         -- Reads actor, stance, agree{}{}, and count when the table has it.\n\
         -- Returns source, target, weight{}, ordered by source and target.\n",
        env!("CARGO_PKG_VERSION"),
        d.title(),
        if opts.kind == Kind::Interaction {
            ", target"
        } else {
            ""
        },
        match opts.duplicates {
            Duplicates::Document => ", source",
            Duplicates::Week | Duplicates::Month | Duplicates::Year => ", date",
            _ => "",
        },
        if two_mode {
            ", relation"
        } else {
            " (source < target)"
        }
    )
}

/// The statements, checked: actor, stance, agree (1 or 0), n (the count),
/// the target for the interaction network (NULL where none) and, when
/// duplicates are counted once, the bucket they fall in.
fn rows(duplicates: Duplicates, target: bool, d: Dialect) -> String {
    let col = |c: &str| d.column(c);
    let mut read = vec![
        format!("{} AS actor", col("actor")),
        format!("{} AS stance", col("stance")),
        format!("{} AS agree", col("agree")),
        format!("{} AS n", col("count")),
    ];
    if target {
        read.push(format!("{} AS target", col("target")));
    }
    let bucket = read.len();
    match duplicates {
        Duplicates::Document => read.push(format!("{} AS bucket", col("source"))),
        Duplicates::Week | Duplicates::Month | Duplicates::Year => {
            read.push(format!("{} AS bucket", col("date")))
        }
        _ => {}
    }
    let by_date = matches!(
        duplicates,
        Duplicates::Week | Duplicates::Month | Duplicates::Year
    );
    // First every value as trimmed text (NULL when empty) ...
    let mut out = format!(
        "texts AS (\n  SELECT {}, {}, LOWER({}) AS agree, {} AS n",
        d.text_as("r.actor", "actor"),
        d.text_as("r.stance", "stance"),
        d.text("r.agree"),
        d.text("r.n"),
    );
    if target {
        out.push_str(&format!(", {}", d.text_as("r.target", "target")));
    }
    if read.len() > bucket {
        out.push_str(&format!(", {}", d.text_as("r.bucket", "bucket")));
    }
    if by_date {
        out.push_str(&format!(", {} AS day", d.date(&d.text("r.bucket"))));
    }
    // The outer `count` of 1 is what `count` means inside the lateral
    // subquery when `statements` has no such column.
    out.push_str(&format!(
        "\n  FROM (SELECT 1 AS {}) AS absent,\n    LATERAL (SELECT {} FROM statements) AS r\n),\n",
        col("count"),
        read.join(", ")
    ));
    // ... then checked: what the loader rejects stops the query.
    let bad = |what: &str, value: &str, hint: &str| {
        d.fail(&format!(
            "{} || COALESCE({value}, '') || {}",
            d.literal(&format!("stancegraph: the {what} '")),
            d.literal(&format!("' {hint}"))
        ))
    };
    let required = |what: &str, hint: &str| {
        format!(
            "    CASE WHEN {what} IS NULL THEN {} ELSE {what} END AS {what},\n",
            d.fail(&d.literal(&format!(
                "stancegraph: a row of statements has no {what}; give {hint}"
            )))
        )
    };
    out.push_str("rows AS (\n  SELECT\n");
    out.push_str(&required("actor", "the actor who speaks"));
    out.push_str(&required("stance", "the stance spoken about"));
    out.push_str(&format!(
        "    CASE WHEN agree IN ('yes', 'true', '1', 'agree', '+') THEN 1\n      \
         WHEN agree IN ('no', 'false', '0', 'disagree', '-') THEN 0\n      \
         ELSE {} END AS agree,\n",
        bad(
            "agree value",
            "agree",
            "is unknown; use yes/no, true/false, 1/0, agree/disagree or +/-"
        )
    ));
    out.push_str(&format!(
        "    CASE WHEN n IS NULL THEN 1\n      \
         WHEN {} AND TRY_CAST(n AS BIGINT) BETWEEN 1 AND 4294967295 THEN TRY_CAST(n AS BIGINT)\n      \
         ELSE {} END AS n",
        d.digits("n"),
        bad("count", "n", "is not a whole number from 1 to 4294967295")
    ));
    if target {
        out.push_str(",\n    target");
    }
    match duplicates {
        Duplicates::Include => {}
        Duplicates::Document => out.push_str(",\n    bucket"),
        Duplicates::All => out.push_str(",\n    0 AS bucket"),
        _ => {
            let of = match duplicates {
                Duplicates::Week => d.iso_week("day"),
                Duplicates::Month => "YEAR(day) * 100 + MONTH(day)".to_string(),
                _ => "YEAR(day)".to_string(),
            };
            out.push_str(&format!(
                ",\n    CASE WHEN bucket IS NULL THEN NULL\n      WHEN day IS NULL THEN {}\n      ELSE {of} END AS bucket",
                bad("date", "bucket", "is not a date written YYYY-MM-DD")
            ));
        }
    }
    out.push_str("\n  FROM texts\n),\n");
    out
}

/// The statements that count: a repeated (actor, stance, polarity), or
/// (actor, target, polarity) for the interaction network, in one bucket
/// counts once; statements without a bucket (no source, no date) always
/// count.
fn kept(duplicates: Duplicates, target: bool) -> String {
    // What makes statements the same: their actor, polarity and stance, or
    // for the interaction network their target (as stancegraph's
    // duplicates are).
    let columns = if target {
        "actor, target, agree"
    } else {
        "actor, stance, agree"
    };
    if duplicates == Duplicates::Include {
        return format!("kept AS (SELECT {columns}, n FROM rows),\n");
    }
    format!(
        "kept AS (\n  SELECT {columns}, n FROM rows WHERE bucket IS NULL\n  UNION ALL\n  \
         SELECT {columns}, 1 AS n\n  \
         FROM (SELECT DISTINCT {columns}, bucket FROM rows WHERE bucket IS NOT NULL) AS once\n),\n"
    )
}

/// A value as a double.
fn double(expr: &str) -> String {
    format!("CAST({expr} AS DOUBLE)")
}

/// The one-mode ties: pairs of actors on shared stances, weighted and
/// normalized as [`crate::network::project`] does.
fn one_mode(kind: Kind, normalization: Normalization) -> String {
    let raw = match kind {
        Kind::Congruence => double("p.congruence"),
        Kind::Conflict => double("p.conflict"),
        Kind::Subtract => format!("{} - {}", double("p.congruence"), double("p.conflict")),
        _ => double("p.cooccurrence"),
    };
    let (ai, aj) = (double("ai.a"), double("aj.a"));
    let norm = match normalization {
        Normalization::Average => Some(format!("({ai} + {aj}) / {}", double("2"))),
        Normalization::Jaccard => Some(format!(
            "({ai} - {}) + ({aj} - {}) + {}",
            double("p.shared_i"),
            double("p.shared_j"),
            double("p.congruence")
        )),
        Normalization::Cosine => Some(format!("{ai} * {aj}")),
        _ => None,
    };
    let weight = match norm {
        Some(norm) => format!("CASE WHEN {norm} = 0 THEN 0 ELSE ({raw}) / ({norm}) END"),
        None => raw,
    };
    format!(
        ",\nactivity AS (SELECT actor, SUM(pos + neg) AS a FROM cells GROUP BY actor),\n\
         pairs AS (\n  SELECT i.actor AS source, j.actor AS target,\n    \
         SUM(i.pos * j.pos + i.neg * j.neg) AS congruence,\n    \
         SUM(i.pos * j.neg + i.neg * j.pos) AS conflict,\n    \
         SUM((i.pos + i.neg) * (j.pos + j.neg)) AS cooccurrence,\n    \
         SUM(CASE WHEN j.pos > 0 THEN i.pos ELSE 0 END + CASE WHEN j.neg > 0 THEN i.neg ELSE 0 END) AS shared_i,\n    \
         SUM(CASE WHEN i.pos > 0 THEN j.pos ELSE 0 END + CASE WHEN i.neg > 0 THEN j.neg ELSE 0 END) AS shared_j\n  \
         FROM cells AS i JOIN cells AS j ON i.stance = j.stance AND i.actor < j.actor\n  \
         GROUP BY i.actor, j.actor\n),\n\
         weighted AS (\n  SELECT p.source, p.target, {weight} AS weight\n  \
         FROM pairs AS p\n    JOIN activity AS ai ON ai.actor = p.source\n    \
         JOIN activity AS aj ON aj.actor = p.target\n)\n\
         SELECT source, target, weight FROM weighted WHERE weight <> 0 ORDER BY source, target;\n"
    )
}

/// The two-mode edges actor → stance, as the qualifier says, normalized by
/// the actor's or the stance's total.
fn affiliation(qualifier: Qualifier, normalization: Normalization) -> String {
    let edges = match qualifier {
        Qualifier::Separate => {
            "SELECT actor, stance, 'agree' AS relation, pos AS raw FROM cells WHERE pos > 0\n  \
             UNION ALL\n  \
             SELECT actor, stance, 'disagree' AS relation, neg AS raw FROM cells WHERE neg > 0"
        }
        Qualifier::Ignore => "SELECT actor, stance, 'any' AS relation, pos + neg AS raw FROM cells",
        Qualifier::Combine => {
            "SELECT actor, stance,\n    \
             CASE WHEN neg = 0 THEN 'agree' WHEN pos = 0 THEN 'disagree' ELSE 'both' END AS relation,\n    \
             CASE WHEN neg = 0 THEN 1 WHEN pos = 0 THEN 2 ELSE 3 END AS raw\n  FROM cells"
        }
        Qualifier::Subtract => {
            "SELECT actor, stance, 'net' AS relation, pos - neg AS raw FROM cells WHERE pos <> neg"
        }
    };
    // DNA's denominators: the statements of the actor or stance, or under
    // `combine` its number of edges.
    let by = match normalization {
        Normalization::Activity => Some("actor"),
        Normalization::Prominence => Some("stance"),
        _ => None,
    };
    let (totals, weight) = match by {
        None => (String::new(), double("e.raw")),
        Some(by) => {
            let total = if qualifier == Qualifier::Combine {
                format!("SELECT {by}, COUNT(*) AS total FROM edges GROUP BY {by}")
            } else {
                format!("SELECT {by}, SUM(pos + neg) AS total FROM cells GROUP BY {by}")
            };
            (
                format!(",\ntotals AS ({total})"),
                format!(
                    "CASE WHEN t.total = 0 THEN 0 ELSE {} / {} END",
                    double("e.raw"),
                    double("t.total")
                ),
            )
        }
    };
    let join = by.map_or(String::new(), |by| {
        format!("\n  JOIN totals AS t ON t.{by} = e.{by}")
    });
    format!(
        ",\nedges AS (\n  {edges}\n){totals}\n\
         SELECT e.actor AS source, e.stance AS target, {weight} AS weight, e.relation\n  \
         FROM edges AS e{join}\n  ORDER BY source, target, relation;\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_quotes_as_each_engine_reads_them() {
        assert_eq!(Dialect::Duckdb.literal("it's \\"), "'it''s \\'");
        assert_eq!(Dialect::Spark.literal("it's \\"), "'it\\'s \\\\'");
    }

    #[test]
    fn only_the_columns_a_mode_needs_are_read() {
        let opts = |duplicates| Options {
            kind: Kind::Congruence,
            duplicates,
            ..Options::default()
        };
        let plain = edge_query(&opts(Duplicates::Include), Dialect::Duckdb).unwrap();
        assert!(!plain.contains("\"date\"") && !plain.contains("\"source\""));
        let weekly = edge_query(&opts(Duplicates::Week), Dialect::Spark).unwrap();
        assert!(weekly.contains("`date` AS bucket") && weekly.contains("WEEKOFYEAR"));
    }

    #[test]
    fn the_full_network_and_selections_are_refused() {
        assert_eq!(
            edge_query(&Options::default(), Dialect::Duckdb),
            Err(SqlError::Full)
        );
        let mut opts = Options {
            kind: Kind::Conflict,
            ..Options::default()
        };
        opts.filter.actors = vec!["x".into()];
        assert_eq!(edge_query(&opts, Dialect::Duckdb), Err(SqlError::Selection));
    }
}
