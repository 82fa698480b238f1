//! Actor → target: the `target` column, the interaction network in every
//! format, read back by NetworkX and igraph and checked against pandas, and
//! a DNA variable as the target.

mod common;

use std::fmt::Write as _;
use std::fs;

use common::dna::DnaDb;
use common::{lcg, networkx_available, python_json, stancegraph, succeeded, tool_available};
use predicates::prelude::*;

/// A statements table with targets: 12 actors (accented names, one with a
/// comma), 6 stances, agree in several spellings, a `count` column (some
/// blank), and a target on two rows of three (an actor, never the speaker).
fn table(seed: u64) -> String {
    let mut r = lcg(seed);
    let actor = |i: u64| match i {
        0 => "Jean-Noël Barrot".to_string(),
        1 => "\"Smith, J.\"".to_string(),
        i => format!("Actor {i:02}"),
    };
    let spellings = ["yes", "No", "TRUE", "false", "agree", "Disagree", "+", "-"];
    let mut out = String::from("actor,stance,agree,target,date,count,quote\n");
    for i in 0..300 {
        let a = r(12);
        let target = match r(3) {
            0 => String::new(),
            _ => actor((a + 1 + r(11)) % 12),
        };
        let count = match r(4) {
            0 => String::new(),
            n => n.to_string(),
        };
        writeln!(
            out,
            "{},stance {},{},{target},2025-0{}-1{},{count},quote {i}",
            actor(a),
            r(6),
            spellings[r(8) as usize],
            1 + r(3),
            r(10)
        )
        .unwrap();
    }
    out
}

#[test]
fn the_interaction_network_reads_back_as_pandas_groups_the_rows() {
    if !networkx_available() || !tool_available("python3", &["-c", "import igraph, pandas"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("statements.csv");
    fs::write(&csv, table(11)).unwrap();
    succeeded(
        stancegraph(dir.path())
            .args(["export", "statements.csv", "--network", "interaction"])
            .args(["-f", "graphml", "-o", "out"])
            .output()
            .unwrap(),
    );
    let got = python_json(
        "interaction_check.py",
        &[
            csv.as_os_str(),
            dir.path().join("out/interaction.graphml").as_os_str(),
        ],
    );
    let pandas = got["pandas"].as_array().unwrap();
    assert!(pandas.len() > 40, "{} edges", pandas.len());
    assert_eq!(got["networkx"], got["pandas"]);
    assert_eq!(got["igraph"], got["pandas"]);
}

#[test]
fn without_targets_every_output_is_the_same_bytes() {
    // The same rows with a blank target column and without one.
    let rows = table(3);
    let blank: String = rows
        .lines()
        .map(|line| {
            // Clear the fourth field (the target), which holds no comma
            // except the quoted "Smith, J.".
            let mut fields: Vec<String> = Vec::new();
            let mut rest = line;
            for _ in 0..3 {
                let (head, tail) = split_field(rest);
                fields.push(head.to_string());
                rest = tail;
            }
            let (target, tail) = split_field(rest);
            fields.push(if target == "target" {
                target.to_string()
            } else {
                String::new()
            });
            format!("{},{tail}\n", fields.join(","))
        })
        .collect();
    let without: String = rows
        .lines()
        .map(|line| {
            let mut rest = line;
            let mut fields: Vec<&str> = Vec::new();
            for _ in 0..3 {
                let (head, tail) = split_field(rest);
                fields.push(head);
                rest = tail;
            }
            let (_, tail) = split_field(rest);
            format!("{},{tail}\n", fields.join(","))
        })
        .collect();
    // Each in a directory of its own under the same name: the name is in
    // the titles.
    let with_blank = tempfile::tempdir().unwrap();
    let without_column = tempfile::tempdir().unwrap();
    fs::write(with_blank.path().join("statements.csv"), &blank).unwrap();
    fs::write(without_column.path().join("statements.csv"), &without).unwrap();
    for network in ["full", "affiliation", "congruence"] {
        for dir in [&with_blank, &without_column] {
            succeeded(
                stancegraph(dir.path())
                    .args(["export", "statements.csv", "--network", network])
                    .args(["-f", "all", "-f", "dl", "-f", "matrix", "-o", network])
                    .output()
                    .unwrap(),
            );
        }
        let a = with_blank.path().join(network);
        let b = without_column.path().join(network);
        let files = common::listing(&a);
        assert_eq!(files, common::listing(&b));
        assert!(files.len() >= 10, "{files:?}");
        for f in files {
            assert!(
                fs::read(a.join(&f)).unwrap() == fs::read(b.join(&f)).unwrap(),
                "{network}: {f} differs"
            );
        }
    }
}

/// The first field of a CSV line (quoted or not) and the rest after its
/// comma.
fn split_field(line: &str) -> (&str, &str) {
    let end = match line.strip_prefix('"') {
        Some(quoted) => quoted.find('"').unwrap() + 2,
        None => line.find(',').unwrap_or(line.len()),
    };
    (&line[..end], line.get(end + 1..).unwrap_or(""))
}

/// Each edge of a Gephi edges table (whose labels hold no comma) as
/// `source>target relation weight`.
fn edge_summary(file: &std::path::Path) -> Vec<String> {
    fs::read_to_string(file)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            format!("{}>{} {} {}", f[0], f[1], f[7], f[6])
        })
        .collect()
}

#[test]
fn the_seed_codes_its_addressees() {
    let dir = tempfile::tempdir().unwrap();
    succeeded(
        stancegraph(dir.path())
            .args(["export", "--network", "interaction", "-f", "csv", "-o", "o"])
            .output()
            .unwrap(),
    );
    assert_eq!(
        edge_summary(&dir.path().join("o/interaction.edges.csv")),
        [
            "hegseth>udcg agree 1",
            "hegseth>udcg disagree 2",
            "trump>putin agree 2",
            "putin>trump agree 1",
            "zelenskyy>trump agree 1",
            "healey>hegseth agree 1",
        ]
    );
    // At country level: the United States and Russia agree with each
    // other; the contact group, which has no country, stays itself.
    succeeded(
        stancegraph(dir.path())
            .args(["export", "--network", "interaction", "--level", "country"])
            .args(["-f", "csv", "-o", "c"])
            .output()
            .unwrap(),
    );
    let edges = fs::read_to_string(dir.path().join("c/interaction.edges.csv")).unwrap();
    for pair in [
        "\nus,ru,Directed,agree,",
        "\nru,us,Directed,agree,",
        "\nus,udcg,Directed,disagree,",
        "\ngb,us,",
    ] {
        assert!(edges.contains(pair), "{pair} in {edges}");
    }
}

#[test]
fn qualifiers_apply_and_what_does_not_fit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = succeeded(
        stancegraph(dir.path())
            .args([
                "export",
                "--network",
                "interaction",
                "--qualifier",
                "subtract",
            ])
            .args(["-f", "csv", "-o", "s"])
            .output()
            .unwrap(),
    );
    assert!(out.status.success());
    let edges = fs::read_to_string(dir.path().join("s/interaction.edges.csv")).unwrap();
    // Hegseth: one agree, two disagree toward the contact group.
    assert!(
        edges.contains("\nhegseth,udcg,Directed,net,e0,net,-1,net,3,"),
        "{edges}"
    );
    stancegraph(dir.path())
        .args([
            "export",
            "--network",
            "interaction",
            "--normalize",
            "average",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the interaction network takes no normalization",
        ));
    stancegraph(dir.path())
        .args([
            "export",
            "--network",
            "interaction",
            "--window",
            "1w",
            "--kernel",
            "uniform",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not interaction"));
}

#[test]
fn an_unknown_target_is_an_error_naming_the_file_and_line() {
    let dir = common::fixture(&[
        (
            "d/statements.csv",
            b"actor,stance,agree,target\nA,s,yes,B\nA,s,no,Ghost\n",
        ),
        ("d/actors.csv", b"id,label\nA,Alpha\nB,Beta\n"),
    ]);
    stancegraph(dir.path())
        .args(["export", "d", "--network", "interaction", "-o", "o"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "d/statements.csv:3: unknown target 'Ghost': not an id or label in d/actors.csv",
        ));
    assert!(!dir.path().join("o").exists());
}

#[test]
fn the_html_view_lists_the_statements_behind_an_interaction_edge() {
    let dir = tempfile::tempdir().unwrap();
    succeeded(
        stancegraph(dir.path())
            .args([
                "export",
                "--network",
                "interaction",
                "-f",
                "html",
                "-o",
                "h",
            ])
            .output()
            .unwrap(),
    );
    let html = fs::read_to_string(dir.path().join("h/interaction.html")).unwrap();
    let data = common::view_data(&html);
    let nodes = data["nodes"].as_array().unwrap();
    let statements = data["statements"].as_array().unwrap();
    let label = |i: &serde_json::Value| nodes[i.as_u64().unwrap() as usize]["label"].clone();
    let edge = data["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| label(&e["s"]) == "Pete Hegseth" && e["relation"] == "disagree")
        .expect("Hegseth's disagree edge to the contact group");
    assert_eq!(label(&edge["t"]), "Ukraine Defense Contact Group");
    let behind: Vec<&str> = edge["st"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            statements[i.as_u64().unwrap() as usize]["stance"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(behind.len(), 2);
    assert!(
        behind
            .iter()
            .all(|s| s.ends_with(" → Ukraine Defense Contact Group")),
        "{behind:?}"
    );
}

#[test]
fn a_dna_variable_names_the_targets() {
    let dir = tempfile::tempdir().unwrap();
    let db = DnaDb::create(&dir.path().join("t.dna"));
    let text = "Hegseth spoke to allies. Healey answered. Vance nodded. Nobody listened.";
    let doc = db.document("talks", text, "2025-02-12", 0, ["", "", "", ""]);
    // Organizations speak; persons are addressed.
    db.statement(
        doc,
        "Hegseth spoke to allies.",
        "Rutte",
        "US DoD",
        "NATO membership",
        false,
    );
    db.statement(doc, "Healey answered.", "Hegseth", "UK MoD", "Aid", true);
    db.statement(doc, "Vance nodded.", "Hegseth", "UK MoD", "Aid", true);
    db.statement(
        doc,
        "Nobody listened.",
        "",
        "UK MoD",
        "NATO membership",
        false,
    );
    drop(db);
    succeeded(
        stancegraph(dir.path())
            .args([
                "export",
                "t.dna",
                "--target-variable",
                "person",
                "--network",
                "interaction",
            ])
            .args(["-f", "csv", "-o", "o"])
            .output()
            .unwrap(),
    );
    assert_eq!(
        edge_summary(&dir.path().join("o/interaction.edges.csv")),
        ["us-dod>rutte disagree 1", "uk-mod>hegseth agree 2"]
    );
    // Targets are actors: persons, beside the organizations that speak.
    let nodes = fs::read_to_string(dir.path().join("o/interaction.nodes.csv")).unwrap();
    assert!(nodes.contains("\nrutte,Rutte,person,"), "{nodes}");
    assert!(nodes.contains("\nus-dod,US DoD,organization,"), "{nodes}");
    // The target variable must be another short-text variable.
    stancegraph(dir.path())
        .args(["export", "t.dna", "--target-variable", "organization"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the target and the actor are both the variable 'organization'",
        ));
    stancegraph(dir.path())
        .args(["export", "t.dna", "--target-variable", "addressee"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("addressee"));
}

#[test]
fn a_workbook_names_targets_as_a_table_does() {
    let dir = tempfile::tempdir().unwrap();
    let rows = [
        ["actor", "stance", "agree", "target"],
        ["Hegseth", "NATO membership", "no", "Kyiv's backers"],
        ["Healey", "Aid", "yes", "Hegseth"],
        ["Healey", "Aid", "yes", ""],
    ];
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *value).unwrap();
        }
    }
    book.save(dir.path().join("s.xlsx")).unwrap();
    let csv: String = rows
        .iter()
        .map(|r| format!("{}\n", r.map(|v| format!("\"{v}\"")).join(",")))
        .collect();
    fs::write(dir.path().join("s.csv"), csv).unwrap();
    for input in ["s.xlsx", "s.csv"] {
        succeeded(
            stancegraph(dir.path())
                .args([
                    "export",
                    input,
                    "--network",
                    "interaction",
                    "-f",
                    "csv",
                    "-o",
                ])
                .arg(format!("out-{input}"))
                .output()
                .unwrap(),
        );
    }
    let edges = |input: &str| {
        fs::read_to_string(
            dir.path()
                .join(format!("out-{input}/interaction.edges.csv")),
        )
        .unwrap()
    };
    assert_eq!(edges("s.xlsx"), edges("s.csv"));
    assert_eq!(edges("s.csv").lines().count(), 3, "{}", edges("s.csv"));
}

#[test]
fn stats_windows_and_render_take_the_interaction_network() {
    let dir = tempfile::tempdir().unwrap();
    let out = succeeded(
        stancegraph(dir.path())
            .args(["stats", "--json"])
            .output()
            .unwrap(),
    );
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pair = |t: &serde_json::Value| {
        format!(
            "{}>{} {}",
            t["source"].as_str().unwrap(),
            t["target"].as_str().unwrap(),
            t["weight"]
        )
    };
    let cooperation: Vec<String> = stats["interaction"]["cooperation"]
        .as_array()
        .unwrap()
        .iter()
        .map(pair)
        .collect();
    assert_eq!(cooperation[0], "trump>putin 2.0", "{cooperation:?}");
    assert_eq!(cooperation.len(), 5);
    let conflict: Vec<String> = stats["interaction"]["conflict"]
        .as_array()
        .unwrap()
        .iter()
        .map(pair)
        .collect();
    assert_eq!(conflict, ["hegseth>udcg 2.0"]);
    // Without targets, no such key.
    let plain = common::fixture(&[("s.csv", b"actor,stance,agree\na,s,yes\nb,s,no\n")]);
    let out = succeeded(
        stancegraph(plain.path())
            .args(["stats", "s.csv", "--json"])
            .output()
            .unwrap(),
    );
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(stats.get("interaction").is_none(), "{stats}");
    // Windows: one network per week, the seed's one day in the first.
    succeeded(
        stancegraph(dir.path())
            .args([
                "export",
                "--network",
                "interaction",
                "--window",
                "1w",
                "-f",
                "json",
                "-o",
                "w",
            ])
            .output()
            .unwrap(),
    );
    let week: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(dir.path().join("w/interaction.2025-02-12.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(week["edges"].as_array().unwrap().len(), 6, "{week}");
    // Graphviz draws it, directed.
    if tool_available("dot", &["-V"]) {
        succeeded(
            stancegraph(dir.path())
                .args([
                    "render",
                    "--network",
                    "interaction",
                    "-T",
                    "svg",
                    "-o",
                    "i.svg",
                ])
                .output()
                .unwrap(),
        );
        let svg = fs::read_to_string(dir.path().join("i.svg")).unwrap();
        assert!(
            svg.contains("<svg") && svg.contains("Pete Hegseth"),
            "{svg}"
        );
    }
}

/// Reads README's GDELT recipe's result back: pandas applies the recipe's
/// mapping to the raw export rows (argv[1]) and NetworkX reads the
/// interaction network stancegraph made (argv[2]); prints both as sorted
/// [actor, target, relation, weight] lists.
const GDELT_CHECK: &str = r#"
import json, sys
import networkx as nx
import pandas as pd
raw = pd.read_csv(sys.argv[1], sep="\t", header=None, dtype=str, keep_default_na=False)
assert raw.shape[1] == 61
actor = raw[6].where(raw[6] != "", raw[5])
target = raw[16].where(raw[16] != "", raw[15])
rel = raw[29].map({"1": "agree", "2": "agree", "3": "disagree", "4": "disagree"})
rows = pd.DataFrame({"actor": actor, "target": target, "relation": rel})
rows = rows[(rows.actor != "") & (rows.target != "")]
want = sorted([a, t, r, float(n)] for (a, t, r), n in rows.groupby(["actor", "target", "relation"]).size().items())
g = nx.read_graphml(sys.argv[2], force_multigraph=True)
label = {n: d["label"] for n, d in g.nodes(data=True)}
got = sorted([label[u], label[v], d["relation"], float(d["weight"])] for u, v, d in g.edges(data=True))
print(json.dumps({"pandas": want, "networkx": got}))
"#;

#[test]
fn the_readmes_gdelt_recipe_makes_the_network_pandas_makes() {
    if !networkx_available() || !tool_available("python3", &["-c", "import duckdb, pandas"]) {
        return;
    }
    let readme = include_str!("../README.md");
    let start = readme
        .find("<!-- gdelt-recipe -->\n```sql\n")
        .expect("the recipe")
        + 29;
    let query = &readme[start..start + readme[start..].find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    let raw = dir.path().join("20250201.export.CSV");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/gdelt_fixture.py");
    common::python(
        &format!(
            "import runpy, sys; sys.argv = ['x', '2000', sys.argv[1]]; runpy.run_path('{fixture}', run_name='__main__')"
        ),
        &[raw.to_str().unwrap()],
    );
    let counts = dir.path().join("gdelt-2025-02.csv");
    let query = query
        .replace("202502*.export.CSV", raw.to_str().unwrap())
        .replace("gdelt-2025-02.csv", counts.to_str().unwrap());
    common::python(
        "import duckdb, sys; duckdb.connect().execute(sys.argv[1])",
        &[&query],
    );
    succeeded(
        stancegraph(dir.path())
            .arg("export")
            .arg(&counts)
            .args(["--network", "interaction", "-f", "graphml", "-o", "out"])
            .output()
            .unwrap(),
    );
    let got: serde_json::Value = serde_json::from_str(&common::python(
        GDELT_CHECK,
        &[
            raw.to_str().unwrap(),
            dir.path().join("out/interaction.graphml").to_str().unwrap(),
        ],
    ))
    .unwrap();
    assert!(got["pandas"].as_array().unwrap().len() > 50, "{got}");
    assert_eq!(got["networkx"], got["pandas"]);
}
