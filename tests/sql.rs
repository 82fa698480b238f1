//! `stancegraph sql` run in DuckDB and Spark: the query's edge table equals
//! stancegraph's own projection, edge for edge, for every network,
//! normalization, qualifier and duplicates mode, with and without a `count`
//! column, on a table read as text (`all_varchar`) and typed.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use common::{python, stancegraph, succeeded, tool_available};
use stancegraph::load::{Input, LoadOptions, load};
use stancegraph::network::{self, Duplicates, Kind, Normalization, Options, Qualifier};
use stancegraph::sql::{Dialect, edge_query};

/// Runs every `.sql` file of a directory in DuckDB or Spark on the view
/// `statements` over a CSV, read as text and with types detected (Spark:
/// as text only, to keep the run short); prints one JSON object: file →
/// variant → rows (or the error).
const RUN_SQL: &str = r#"
import json, os, sys
engine, csv, queries = sys.argv[1], sys.argv[2], sys.argv[3]
if engine == "spark":
    from pyspark.sql import SparkSession
    spark = (SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
             .config("spark.sql.shuffle.partitions", "2").getOrCreate())
    spark.sparkContext.setLogLevel("OFF")
    spark.read.option("header", "true").csv(csv).createOrReplaceTempView("statements")
    variants = {"text": lambda sql: [list(r) for r in spark.sql(sql.rstrip().rstrip(";")).collect()]}
else:
    import duckdb
    def run(all_varchar):
        def go(sql):
            con = duckdb.connect()
            con.execute(f"CREATE VIEW statements AS SELECT * FROM read_csv('{csv}', all_varchar = {all_varchar}, header = true)")
            return [list(r) for r in con.execute(sql).fetchall()]
        return go
    variants = {"text": run("true"), "typed": run("false")}
out = {}
for name in sorted(os.listdir(queries)):
    sql = open(os.path.join(queries, name)).read()
    for variant, go in variants.items():
        try:
            rows = go(sql)
        except Exception as e:
            rows = {"error": str(e)}
        out.setdefault(name, {})[variant] = rows
print(json.dumps(out))
"#;

fn duckdb_available() -> bool {
    tool_available("python3", &["-c", "import duckdb"])
}

fn spark_available() -> bool {
    tool_available("python3", &["-c", "import pyspark"]) && tool_available("java", &["-version"])
}

/// A deterministic generator (no dependency, the same table every run).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// A statements table: 30 actors (some non-ASCII, one with a comma), 12
/// stances, agree in every spelling, dates over two years (some missing),
/// sources (some missing), targets (actors; some missing) and, when
/// `counts`, a count column.
fn table(counts: bool, seed: u64) -> String {
    let mut r = Lcg(seed);
    let spellings = [
        "yes", "No", "TRUE", "false", "1", "0", "agree", "Disagree", "+", "-",
    ];
    let mut out = String::from("actor,stance,agree,date,source,target");
    if counts {
        out.push_str(",count");
    }
    out.push('\n');
    let actor = |r: &mut Lcg| match r.below(30) {
        0 => "Jean-Noël Barrot".to_string(),
        1 => "\"Smith, J.\"".to_string(),
        a => format!("actor {a:02}"),
    };
    for _ in 0..700 {
        let target = match r.below(3) {
            0 => String::new(),
            _ => actor(&mut r),
        };
        let actor = actor(&mut r);
        let stance = format!("stance-{}", r.below(12));
        let agree = spellings[r.below(10) as usize];
        let date = match r.below(8) {
            0 => String::new(),
            _ => format!(
                "202{}-{:02}-{:02}",
                4 + r.below(2),
                1 + r.below(12),
                1 + r.below(28)
            ),
        };
        let source = match r.below(6) {
            0 => String::new(),
            _ => format!("doc {}", r.below(25)),
        };
        write!(out, "{actor},{stance},{agree},{date},{source},{target}").unwrap();
        if counts {
            // Some rows leave the count empty: it means 1.
            match r.below(5) {
                0 => out.push(','),
                _ => write!(out, ",{}", 1 + r.below(4)).unwrap(),
            }
        }
        out.push('\n');
    }
    out
}

/// The option sets the test runs: every network with each normalization
/// it takes, every qualifier, every duplicates mode.
fn cases() -> Vec<(String, Options)> {
    let mut out = Vec::new();
    let mut add = |kind: Kind, qualifier: Qualifier, normalization: Normalization, duplicates| {
        let name = format!("{kind:?}-{qualifier:?}-{normalization:?}-{duplicates:?}.sql");
        out.push((
            name,
            Options {
                kind,
                qualifier,
                normalization,
                duplicates,
                ..Options::default()
            },
        ));
    };
    let one_mode = [
        Kind::Congruence,
        Kind::Conflict,
        Kind::Subtract,
        Kind::Cooccurrence,
    ];
    let one_mode_norms = [
        Normalization::None,
        Normalization::Average,
        Normalization::Jaccard,
        Normalization::Cosine,
    ];
    let qualifiers = [
        Qualifier::Separate,
        Qualifier::Ignore,
        Qualifier::Combine,
        Qualifier::Subtract,
    ];
    let two_mode_norms = [
        Normalization::None,
        Normalization::Activity,
        Normalization::Prominence,
    ];
    for kind in one_mode {
        for n in one_mode_norms {
            add(kind, Qualifier::Separate, n, Duplicates::Include);
        }
    }
    for q in qualifiers {
        for n in two_mode_norms {
            add(Kind::Affiliation, q, n, Duplicates::Include);
        }
        add(
            Kind::Interaction,
            q,
            Normalization::None,
            Duplicates::Include,
        );
    }
    for d in [
        Duplicates::Document,
        Duplicates::Week,
        Duplicates::Month,
        Duplicates::Year,
        Duplicates::All,
    ] {
        add(
            Kind::Congruence,
            Qualifier::Separate,
            Normalization::Jaccard,
            d,
        );
        add(
            Kind::Subtract,
            Qualifier::Separate,
            Normalization::Average,
            d,
        );
        add(
            Kind::Affiliation,
            Qualifier::Combine,
            Normalization::Activity,
            d,
        );
        add(
            Kind::Interaction,
            Qualifier::Separate,
            Normalization::None,
            d,
        );
    }
    out
}

/// stancegraph's own edges: (source, target, relation) → weight, one-mode
/// pairs with the smaller name first, as the query gives them.
fn own_edges(csv: &Path, opts: &Options) -> BTreeMap<(String, String, String), f64> {
    let ds = load(&Input::from_arg(Some(csv)), &LoadOptions::default())
        .expect("the table loads")
        .dataset;
    let net = network::build(&ds, opts)
        .expect("the network builds")
        .network;
    let mut out = BTreeMap::new();
    net.for_each_edge(|_, s, t, e| {
        let (mut s, mut t) = (net.graph[s].label.clone(), net.graph[t].label.clone());
        let relation = if matches!(opts.kind, Kind::Affiliation | Kind::Interaction) {
            e.relation.as_str().to_string()
        } else {
            if t < s {
                std::mem::swap(&mut s, &mut t);
            }
            String::new()
        };
        out.insert((s, t, relation), e.weight);
        Ok(())
    })
    .unwrap();
    out
}

/// The query's rows in the same shape.
fn sql_edges(rows: &serde_json::Value) -> BTreeMap<(String, String, String), f64> {
    let rows = rows
        .as_array()
        .unwrap_or_else(|| panic!("the query failed: {rows}"));
    rows.iter()
        .map(|r| {
            let text = |i: usize| r[i].as_str().unwrap().to_string();
            let relation = r.get(3).map_or(String::new(), |_| text(3));
            ((text(0), text(1), relation), r[2].as_f64().unwrap())
        })
        .collect()
}

/// Runs every case in `dialect`'s engine on tables with and without a
/// count column and checks each edge table against stancegraph's own.
fn compare(dialect: Dialect, variants: &[&str], cases: Vec<(String, Options)>) {
    let engine = match dialect {
        Dialect::Duckdb => "duckdb",
        Dialect::Spark => "spark",
    };
    let dir = tempfile::tempdir().unwrap();
    for counts in [false, true] {
        let csv = dir.path().join(format!("statements-{counts}.csv"));
        std::fs::write(&csv, table(counts, 7 + u64::from(counts))).unwrap();
        let queries = dir.path().join(format!("queries-{counts}"));
        std::fs::create_dir(&queries).unwrap();
        for (name, opts) in &cases {
            std::fs::write(queries.join(name), edge_query(opts, dialect).unwrap()).unwrap();
        }
        let results: serde_json::Value = serde_json::from_str(&python(
            RUN_SQL,
            &[engine, csv.to_str().unwrap(), queries.to_str().unwrap()],
        ))
        .unwrap();
        let mut edges = 0;
        for (name, opts) in &cases {
            let own = own_edges(&csv, opts);
            assert!(!own.is_empty(), "{name}: no edges to compare");
            for variant in variants {
                let theirs = sql_edges(&results[name][variant]);
                assert_eq!(
                    own.keys().collect::<Vec<_>>(),
                    theirs.keys().collect::<Vec<_>>(),
                    "{name} ({engine}, {variant}, counts {counts}): different edges"
                );
                for (key, w) in &own {
                    // The same integer sums and the same IEEE operations in
                    // the same order: the same bits.
                    assert_eq!(
                        w.to_bits(),
                        theirs[key].to_bits(),
                        "{name} ({engine}, {variant}, counts {counts}): {key:?} weighs {w} here, {} there",
                        theirs[key]
                    );
                }
            }
            edges += own.len();
        }
        eprintln!(
            "{} queries, {edges} edges, the same in {engine} (counts: {counts})",
            cases.len()
        );
    }
}

#[test]
fn duckdb_computes_every_network_as_stancegraph_does() {
    if duckdb_available() {
        compare(Dialect::Duckdb, &["text", "typed"], cases());
    }
}

#[test]
fn spark_computes_every_network_as_stancegraph_does() {
    if spark_available() {
        // Every duplicates mode (Spark's own date functions), every network
        // with a normalization, every qualifier: what differs between the
        // dialects, in a third of DuckDB's time.
        let cases = cases()
            .into_iter()
            .filter(|(_, o)| {
                o.duplicates != Duplicates::Include
                    || matches!(
                        o.normalization,
                        Normalization::Jaccard | Normalization::Prominence
                    )
            })
            .collect();
        compare(Dialect::Spark, &["text"], cases);
    }
}

#[test]
fn bad_rows_stop_the_query_with_a_message() {
    if !duckdb_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let queries = dir.path().join("queries");
    std::fs::create_dir(&queries).unwrap();
    let opts = Options {
        kind: Kind::Congruence,
        duplicates: Duplicates::Month,
        ..Options::default()
    };
    std::fs::write(
        queries.join("q.sql"),
        edge_query(&opts, Dialect::Duckdb).unwrap(),
    )
    .unwrap();
    for (table, message) in [
        (
            "actor,stance,agree,date\na,s,maybe,2025-01-01\n",
            "agree value 'maybe' is unknown",
        ),
        (
            "actor,stance,agree,date\n,s,yes,2025-01-01\n",
            "has no actor",
        ),
        (
            "actor,stance,agree,date\na,,yes,2025-01-01\n",
            "has no stance",
        ),
        (
            "actor,stance,agree,date\na,s,yes,12/01/2025\n",
            "the date '12/01/2025' is not a date",
        ),
        (
            "actor,stance,agree,date,count\na,s,yes,2025-01-01,0\n",
            "the count '0' is not a whole number",
        ),
        (
            "actor,stance,agree,date,count\na,s,yes,2025-01-01,1.5\n",
            "the count '1.5'",
        ),
    ] {
        let csv = dir.path().join("bad.csv");
        std::fs::write(&csv, table).unwrap();
        let results: serde_json::Value = serde_json::from_str(&python(
            RUN_SQL,
            &["duckdb", csv.to_str().unwrap(), queries.to_str().unwrap()],
        ))
        .unwrap();
        let error = results["q.sql"]["text"]["error"]
            .as_str()
            .unwrap_or_else(|| panic!("{table:?} gave rows: {}", results["q.sql"]["text"]));
        assert!(error.contains(message), "{table:?}: {error}");
    }
}

#[test]
fn the_command_prints_the_query_and_refuses_what_it_cannot_compute() {
    let dir = tempfile::tempdir().unwrap();
    let out = succeeded(
        stancegraph(dir.path())
            .args([
                "sql",
                "--network",
                "conflict",
                "--normalize",
                "cosine",
                "--dialect",
                "spark",
            ])
            .output()
            .unwrap(),
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let opts = Options {
        kind: Kind::Conflict,
        normalization: Normalization::Cosine,
        ..Options::default()
    };
    assert_eq!(text, edge_query(&opts, Dialect::Spark).unwrap());
    for (args, message) in [
        (&["sql", "--network", "full"][..], "affiliation, congruence"),
        (
            &["sql", "--network", "congruence", "--normalize", "activity"][..],
            "one-mode networks take",
        ),
        (
            &["sql", "--network", "conflict", "--qualifier", "combine"][..],
            "--qualifier applies",
        ),
    ] {
        let out = stancegraph(dir.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
}
