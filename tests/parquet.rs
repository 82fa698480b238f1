//! Parquet in and out (the `parquet` feature): statements written by
//! DuckDB (typed and as text) load as the same CSV does; node and edge
//! tables read back by DuckDB and pandas with their types; bad files and
//! bad records are errors that name the file, the row and the column.
#![cfg(feature = "parquet")]

mod common;

use std::path::Path;

use common::{python, stancegraph, succeeded, tool_available};

/// The statements of the tests: typed columns DuckDB detects (a boolean
/// agree, dates, an integer count with a gap), names with a comma, a quote
/// and non-ASCII, and targets (one blank).
const STATEMENTS: &str = "actor,stance,agree,date,source,count,medium,target\n\
Jean-Noël Barrot,guarantees,true,2025-02-12,AP,2,TV,\"Smith, J.\"\n\
\"Smith, J.\",guarantees,false,2025-02-13,AP,,radio,Jean-Noël Barrot\n\
\"Zelenskyy's \"\"office\"\"\",guarantees,true,2025-02-14,Reuters,3,TV,\n\
Jean-Noël Barrot,ceasefire,false,2025-02-14,Reuters,1,,\"Smith, J.\"\n\
\"Smith, J.\",ceasefire,false,,,4,TV,Jean-Noël Barrot\n";

fn duckdb(script: &str, args: &[&str]) -> String {
    python(
        &format!("import duckdb, sys\ncon = duckdb.connect()\n{script}"),
        args,
    )
}

fn exported(dir: &Path, input: &Path, format: &str, network: &str) -> std::path::PathBuf {
    let out = dir.join(format!(
        "out-{format}-{network}-{}",
        input.extension().unwrap().to_str().unwrap()
    ));
    succeeded(
        stancegraph(dir)
            .arg("export")
            .arg(input)
            .args(["-f", format, "--network", network, "-o"])
            .arg(&out)
            .output()
            .unwrap(),
    );
    out
}

#[test]
fn statements_from_parquet_make_the_networks_the_csv_makes() {
    if !tool_available("python3", &["-c", "import duckdb"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("statements.csv");
    std::fs::write(&csv, STATEMENTS).unwrap();
    for (name, all_varchar) in [("typed.parquet", "false"), ("text.parquet", "true")] {
        let parquet = dir.path().join(name);
        duckdb(
            "con.execute(f\"COPY (SELECT * FROM read_csv('{sys.argv[1]}', all_varchar = {sys.argv[3]})) TO '{sys.argv[2]}' (FORMAT parquet)\")",
            &[
                csv.to_str().unwrap(),
                parquet.to_str().unwrap(),
                all_varchar,
            ],
        );
        for network in ["full", "congruence", "affiliation", "interaction"] {
            let from_csv = exported(dir.path(), &csv, "csv", network);
            let from_parquet = exported(dir.path(), &parquet, "csv", network);
            for file in ["nodes.csv", "edges.csv"] {
                let a =
                    std::fs::read_to_string(from_csv.join(format!("{network}.{file}"))).unwrap();
                let b = std::fs::read_to_string(from_parquet.join(format!("{network}.{file}")))
                    .unwrap();
                assert_eq!(a, b, "{name} {network} {file}");
            }
        }
        // The extra column is a statement field, as in CSV.
        let events = exported(dir.path(), &parquet, "statements", "full");
        let text = std::fs::read_to_string(events.join("full.statements.csv")).unwrap();
        assert!(text.lines().next().unwrap().contains("medium"), "{text}");
        assert!(text.contains("count"), "the counts are kept: {text}");
    }
}

#[test]
fn node_and_edge_tables_read_back_with_their_types() {
    if !tool_available("python3", &["-c", "import duckdb"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("statements.csv");
    std::fs::write(&csv, STATEMENTS).unwrap();
    let out = exported(dir.path(), &csv, "parquet", "full");
    let csv_out = exported(dir.path(), &csv, "csv", "full");
    // DuckDB: the types, and every edge as the Gephi table has it.
    let report = duckdb(
        r#"
import csv, json
d = sys.argv[1]
types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{d}/full.edges.parquet'))").fetchall())
node_types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{d}/full.nodes.parquet'))").fetchall())
edges = con.execute(f"SELECT source, target, weight, relation, statements, CAST(first_date AS VARCHAR), quote FROM read_parquet('{d}/full.edges.parquet')").fetchall()
nodes = con.execute(f"SELECT id, label FROM read_parquet('{d}/full.nodes.parquet')").fetchall()
meta = dict((k.decode(), v.decode()) for k, v in con.execute(f"SELECT key, value FROM parquet_kv_metadata('{d}/full.edges.parquet')").fetchall())
print(json.dumps({"types": types, "node_types": node_types, "edges": [list(map(str, e)) for e in edges], "nodes": nodes, "meta": meta}))
"#,
        &[out.to_str().unwrap()],
    );
    let got: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(got["types"]["weight"], "DOUBLE");
    assert_eq!(got["types"]["statements"], "BIGINT");
    assert_eq!(got["types"]["first_date"], "DATE");
    assert_eq!(got["node_types"]["statements"], "BIGINT");
    assert_eq!(got["meta"]["stancegraph.directed"], "true");
    let gephi = std::fs::read_to_string(csv_out.join("full.edges.csv")).unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(gephi.as_bytes());
    let mut rows = 0;
    for (record, edge) in reader.records().zip(got["edges"].as_array().unwrap()) {
        let record = record.unwrap();
        // Source, Target, Type, Kind, Id, Label, Weight, relation, statements, first_date.
        assert_eq!(edge[0], record[0].replace("\\\\", "\\"));
        assert_eq!(edge[1], record[1].replace("\\\\", "\\"));
        assert_eq!(
            edge[2].as_str().unwrap().parse::<f64>().unwrap(),
            record[6].parse::<f64>().unwrap()
        );
        assert_eq!(edge[3], &record[7]);
        assert_eq!(edge[4], &record[8]);
        assert_eq!(edge[5].as_str().unwrap().replace("None", ""), &record[9]);
        rows += 1;
    }
    assert_eq!(rows, got["edges"].as_array().unwrap().len());
    assert_eq!(
        rows,
        5 + 3,
        "one edge per actor, stance and polarity, and per actor, target and polarity"
    );
    let labels: Vec<&str> = got["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n[1].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"Zelenskyy's \"office\"") && labels.contains(&"Smith, J."),
        "{labels:?}"
    );

    // pandas (through pyarrow), as the README says to read them.
    if tool_available("python3", &["-c", "import pandas, pyarrow"]) {
        let shape = python(
            "import pandas as pd, sys\n\
             e = pd.read_parquet(sys.argv[1] + '/full.edges.parquet')\n\
             n = pd.read_parquet(sys.argv[1] + '/full.nodes.parquet')\n\
             print(len(e), len(n), e['weight'].dtype, e['statements'].dtype, n['label'].tolist()[0])",
            &[out.to_str().unwrap()],
        );
        let fields: Vec<&str> = shape.split_whitespace().collect();
        assert_eq!(fields[0].parse::<usize>().unwrap(), rows, "{shape}");
        assert_eq!((fields[2], fields[3]), ("float64", "int64"), "{shape}");
    }
}

#[test]
fn bad_parquet_is_an_error_naming_file_row_and_column() {
    if !tool_available("python3", &["-c", "import duckdb"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let not_parquet = dir.path().join("not.parquet");
    std::fs::write(&not_parquet, "actor,stance,agree\na,b,yes\n").unwrap();
    let bad_agree = dir.path().join("agree.parquet");
    let list_column = dir.path().join("list.parquet");
    let no_stance = dir.path().join("nostance.parquet");
    duckdb(
        "con.execute(f\"COPY (SELECT * FROM (VALUES ('a', 's', 'yes'), ('b', 's', 'maybe')) t(actor, stance, agree)) TO '{sys.argv[1]}' (FORMAT parquet)\")\n\
         con.execute(f\"COPY (SELECT 'a' AS actor, [1, 2] AS stance, 'yes' AS agree) TO '{sys.argv[2]}' (FORMAT parquet)\")\n\
         con.execute(f\"COPY (SELECT 'a' AS actor, 'yes' AS agree) TO '{sys.argv[3]}' (FORMAT parquet)\")",
        &[
            bad_agree.to_str().unwrap(),
            list_column.to_str().unwrap(),
            no_stance.to_str().unwrap(),
        ],
    );
    for (file, message) in [
        (&not_parquet, "not.parquet: cannot read as Parquet"),
        (
            &bad_agree,
            "agree.parquet: row 2, column agree: unknown agree value 'maybe'",
        ),
        (
            &list_column,
            "list.parquet: schema, column stance: the column has type List",
        ),
        (&no_stance, "nostance.parquet: schema: "),
    ] {
        let out = stancegraph(dir.path())
            .arg("check")
            .arg(file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", file.display());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{}: {stderr}", file.display());
    }
}

/// Damaged files found by the `parquet` fuzz target, on which the parquet
/// crate panics (a column chunk outside the file; a page whose bits run past
/// its buffer): each is an error naming the file, and nothing panics.
#[test]
fn damaged_files_are_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    for (seed, message) in [
        (
            "damaged-footer",
            "is damaged: column 0 of row group 0 lies outside the file",
        ),
        ("damaged-page", "is damaged ("),
    ] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/seeds/parquet")
            .join(seed);
        let file = dir.path().join(format!("{seed}.parquet"));
        std::fs::copy(from, &file).unwrap();
        let out = stancegraph(dir.path())
            .arg("check")
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{seed}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("{seed}.parquet: {message}")),
            "{seed}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{seed}: {stderr}");
    }
}

/// With `--coalitions` the node table has a typed `coalition` column
/// (null for stances) and the file's metadata the modularity, as pyarrow
/// reads them; the coalitions are those of the GraphML.
#[test]
fn coalitions_reach_the_parquet_tables() {
    if !common::runs_unless(
        (!tool_available("python3", &["-c", "import pyarrow"]))
            .then(|| "pyarrow is not installed".to_string()),
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    succeeded(
        stancegraph(dir.path())
            .args([
                "export",
                "--coalitions",
                "-f",
                "parquet",
                "-f",
                "json",
                "-o",
                "o",
                "-q",
            ])
            .output()
            .unwrap(),
    );
    let got = python(
        "import json, sys, pyarrow.parquet as pq\n\
         f = pq.ParquetFile(sys.argv[1] + '/full.nodes.parquet')\n\
         t = f.read()\n\
         meta = {k.decode(): v.decode() for k, v in f.metadata.metadata.items()}\n\
         print(json.dumps({'type': str(t.schema.field('coalition').type), \
         'ids': t.column('id').to_pylist(), 'coalition': t.column('coalition').to_pylist(), \
         'modularity': meta.get('stancegraph.modularity')}))",
        &[dir.path().join("o").to_str().unwrap()],
    );
    let got: serde_json::Value = serde_json::from_str(&got).unwrap();
    assert!(got["type"].as_str().unwrap().starts_with("int"), "{got}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("o/full.json")).unwrap())
            .unwrap();
    let nodes = json["nodes"].as_array().unwrap();
    let ids: Vec<&serde_json::Value> = nodes.iter().map(|n| &n["id"]).collect();
    assert_eq!(
        got["ids"].as_array().unwrap().iter().collect::<Vec<_>>(),
        ids
    );
    for (n, c) in nodes.iter().zip(got["coalition"].as_array().unwrap()) {
        assert_eq!(
            n.get("coalition").unwrap_or(&serde_json::Value::Null),
            c,
            "{n}"
        );
    }
    let q: f64 = got["modularity"].as_str().unwrap().parse().unwrap();
    assert_eq!(q, json["graph"]["modularity"].as_f64().unwrap());
}
