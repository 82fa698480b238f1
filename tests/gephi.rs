//! Gephi's own CSV parser reads our tables whole: Apache commons-csv
//! (Debian's libcommons-csv-java), configured as Gephi's
//! SpreadsheetUtils.configureCSVParser configures it and driven as its
//! spreadsheet importer drives it (tests/gephi/GephiCsv.java), gets every
//! row and every label of an adversarial table exactly, where the strict
//! RFC 4180 dialect loses rows.

mod common;

use std::path::Path;
use std::process::Command;

use common::{fixture, runs_unless, stancegraph, succeeded};
use serde_json::Value;

const JAR: &str = "/usr/share/java/commons-csv.jar";

fn gephi_parser_available() -> bool {
    let reason = if !Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        Some("java does not run (apt-get install default-jdk-headless)")
    } else if !Path::new(JAR).exists() {
        Some("no commons-csv (apt-get install libcommons-csv-java)")
    } else {
        None
    };
    runs_unless(reason.map(str::to_string))
}

/// What Gephi's parser reads from a table.
fn gephi_reads(table: &Path) -> Value {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gephi/GephiCsv.java");
    let out = succeeded(
        Command::new("java")
            .args(["-cp", JAR])
            .arg(source)
            .arg(table)
            .output()
            .unwrap(),
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Labels that break a parser with `\` as its escape character: a trailing
/// backslash, `\n` and `\t` in a path, escaped-looking quotes, a UNC path,
/// and the usual commas, quotes, line breaks and non-ASCII.
const ADVERSARIAL: &str = r#"actor,stance,agree,date,quote
"end\",C:\new\table,yes,2025-01-01,"say \""hi\"""
"end\",plain,no,2025-01-02,\\server\share
"say \""hi\""",C:\new\table,no,2025-01-03,ok
"say \""hi\""","a, b",yes,2025-01-03,"two
lines"
Україна,"a, b",no,2025-01-04,"quote ""inside"""
Україна,plain,yes,2025-01-04,北约
=1+1,plain,yes,2025-01-05,-starts with a minus
=1+1,C:\new\table,no,2025-01-05,x\
\\server\share,"a, b",yes,2025-01-06,back\\slash
\\server\share,plain,no,2025-01-06,y
tab\there,C:\new\table,yes,2025-01-07,\t
tab\there,"a, b",no,2025-01-07,z
"#;

/// The rows of a strict RFC 4180 table, with empty values as None.
fn rfc_rows(table: &Path) -> (Vec<String>, Vec<Vec<Option<String>>>) {
    let mut rdr = csv::Reader::from_path(table).unwrap();
    let header = rdr.headers().unwrap().iter().map(str::to_string).collect();
    let rows = rdr
        .records()
        .map(|r| {
            r.unwrap()
                .iter()
                .map(|f| (!f.is_empty()).then(|| f.to_string()))
                .collect()
        })
        .collect();
    (header, rows)
}

fn json_rows(v: &Value) -> Vec<Vec<Option<String>>> {
    v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().map(str::to_string))
                .collect()
        })
        .collect()
}

#[test]
fn gephis_parser_reads_every_row_and_label_of_the_default_tables() {
    if !gephi_parser_available() {
        return;
    }
    let f = fixture(&[("s.csv", ADVERSARIAL.as_bytes())]);
    for network in ["full", "congruence"] {
        for (dialect, dir) in [("gephi", "g"), ("rfc4180", "r")] {
            stancegraph(f.path())
                .args([
                    "export",
                    "s.csv",
                    "--network",
                    network,
                    "-f",
                    "csv",
                    "-q",
                    "--csv-dialect",
                    dialect,
                    "-o",
                    dir,
                ])
                .assert()
                .success();
        }
        for table in ["nodes", "edges"] {
            let name = format!("{network}.{table}.csv");
            // What the data is: the strict dialect read by an RFC 4180 reader.
            let (header, expected) = rfc_rows(&f.path().join("r").join(&name));
            let got = gephi_reads(&f.path().join("g").join(&name));
            assert_eq!(got["error"], Value::Null, "{name}");
            assert_eq!(got["skipped"], 0, "{name}");
            assert_eq!(got["header"], serde_json::json!(header), "{name}");
            assert_eq!(
                json_rows(&got),
                expected,
                "{name}: Gephi reads every value exactly"
            );
        }
        // The labels with backslashes are there, exactly.
        let nodes = gephi_reads(&f.path().join("g").join(format!("{network}.nodes.csv")));
        let labels: Vec<String> = json_rows(&nodes)
            .into_iter()
            .filter_map(|r| r[1].clone())
            .collect();
        for label in ["end\\", "say \\\"hi\\\"", "\\\\server\\share", "tab\\there"] {
            assert!(
                labels.contains(&label.to_string()),
                "{label:?} in {labels:?}"
            );
        }
    }
    // The strict dialect is what Gephi cannot read: it loses rows.
    let strict = gephi_reads(&f.path().join("r/full.edges.csv"));
    let (_, all) = rfc_rows(&f.path().join("r/full.edges.csv"));
    assert!(
        strict["error"] != Value::Null
            || strict["skipped"].as_u64().unwrap() > 0
            || json_rows(&strict) != all,
        "the check can fail: {strict}"
    );
}
