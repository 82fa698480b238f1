//! The exports against the real tools: Graphviz `dot` renders the DOT and
//! graphviz-rust parses it back; `xmllint` validates the GraphML against the
//! shared XSD; NetworkX and Python's csv read the files back. Every format
//! must hold the same nodes and edges, and every label exactly.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{
    TRICKY_CSV, TRICKY_LABELS, fixture, networkx_available, python, schemas_dir, stancegraph,
    tool_available,
};
use graphviz_rust::dot_structures::{Attribute, Graph, Id, Stmt, Vertex};
use stancegraph::export::dot::unquote;
use stancegraph::export::format_weight;

/// A graph as a set of (id, label, kind) nodes and (source, target,
/// relation, weight) edges, with its direction: what every format must agree on.
#[derive(Debug, PartialEq, Eq)]
struct Canon {
    directed: bool,
    nodes: BTreeSet<(String, String, String)>,
    edges: BTreeSet<(String, String, String, String)>,
}

/// Exports `csv` (a statements table; `None` for the seed dataset) in all
/// formats; returns the temporary directory and the output directory in it.
fn export(csv: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let f = fixture(&[("s.csv", csv.unwrap_or("").as_bytes())]);
    let mut cmd = stancegraph(f.path());
    cmd.arg("export");
    if csv.is_some() {
        cmd.arg("s.csv");
    }
    cmd.args(["-o", "o", "-q"]).assert().success();
    let out = f.path().join("o");
    (f, out)
}

fn cases() -> Vec<(&'static str, Option<&'static str>)> {
    vec![("seed", None), ("tricky names", Some(TRICKY_CSV))]
}

/// Reads the CSV tables with the csv crate.
fn canon_from_csv(dir: &Path) -> Canon {
    let mut nodes = BTreeSet::new();
    let mut rdr = csv::Reader::from_path(dir.join("full.nodes.csv")).unwrap();
    for r in rdr.records() {
        let r = r.unwrap();
        nodes.insert((r[0].to_string(), r[1].to_string(), r[2].to_string()));
    }
    let mut edges = BTreeSet::new();
    let mut directed = BTreeSet::new();
    let mut rdr = csv::Reader::from_path(dir.join("full.edges.csv")).unwrap();
    for r in rdr.records() {
        let r = r.unwrap();
        directed.insert(r[2].to_string());
        assert_eq!(r[3], r[7], "Kind repeats the relation");
        edges.insert((
            r[0].to_string(),
            r[1].to_string(),
            r[7].to_string(),
            r[6].to_string(),
        ));
    }
    assert_eq!(directed.len(), 1, "one Type for all edges");
    Canon {
        directed: directed.contains("Directed"),
        nodes,
        edges,
    }
}

fn attr_value(attrs: &[Attribute], name: &str) -> String {
    let a = attrs
        .iter()
        .find(|Attribute(k, _)| matches!(k, Id::Plain(p) if p == name))
        .unwrap_or_else(|| panic!("no attribute {name}"));
    id_text(&a.1)
}

fn id_text(id: &Id) -> String {
    match id {
        Id::Escaped(s) => unquote(s).unwrap_or_else(|| panic!("bad quoted string {s}")),
        Id::Plain(s) => s.clone(),
        other => panic!("unexpected id {other:?}"),
    }
}

/// Parses the DOT back with graphviz-rust.
fn canon_from_dot(dir: &Path) -> Canon {
    let text = std::fs::read_to_string(dir.join("full.dot")).unwrap();
    let graph = graphviz_rust::parse(&text).unwrap_or_else(|e| panic!("parse: {e}\n{text}"));
    let (directed, stmts) = match graph {
        Graph::DiGraph { stmts, .. } => (true, stmts),
        Graph::Graph { stmts, .. } => (false, stmts),
    };
    let mut nodes = BTreeSet::new();
    let mut edges = BTreeSet::new();
    for stmt in stmts {
        match stmt {
            Stmt::Node(n) if !n.attributes.is_empty() => {
                nodes.insert((
                    id_text(&n.id.0),
                    attr_value(&n.attributes, "label"),
                    attr_value(&n.attributes, "kind"),
                ));
            }
            Stmt::Edge(e) => {
                let graphviz_rust::dot_structures::EdgeTy::Pair(Vertex::N(s), Vertex::N(t)) = &e.ty
                else {
                    panic!("unexpected edge {e:?}");
                };
                edges.insert((
                    id_text(&s.0),
                    id_text(&t.0),
                    attr_value(&e.attributes, "relation"),
                    attr_value(&e.attributes, "weight"),
                ));
            }
            _ => {}
        }
    }
    Canon {
        directed,
        nodes,
        edges,
    }
}

/// Reads the GraphML with NetworkX.
fn canon_from_networkx(dir: &Path) -> Canon {
    let script = r#"
import json, sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
edges = g.edges(keys=False, data=True) if g.is_multigraph() else g.edges(data=True)
print(json.dumps({
    "directed": g.is_directed(),
    "nodes": [[n, d["label"], d["kind"]] for n, d in g.nodes(data=True)],
    "edges": [[u, v, d["relation"], d["weight"]] for u, v, d in edges],
}))
"#;
    let out = python(script, &[dir.join("full.graphml").to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let s = |x: &serde_json::Value| x.as_str().unwrap().to_string();
    Canon {
        directed: v["directed"].as_bool().unwrap(),
        nodes: v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| (s(&n[0]), s(&n[1]), s(&n[2])))
            .collect(),
        edges: v["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let weight = e[3].as_f64().expect("weight is a number");
                (s(&e[0]), s(&e[1]), s(&e[2]), format_weight(weight))
            })
            .collect(),
    }
}

fn labels(c: &Canon) -> BTreeSet<String> {
    c.nodes.iter().map(|(_, l, _)| l.clone()).collect()
}

#[test]
fn dot_parses_back_with_graphviz_rust_to_the_same_graph() {
    for (case, csv) in cases() {
        let (_tmp, out) = export(csv);
        let from_csv = canon_from_csv(&out);
        assert_eq!(canon_from_dot(&out), from_csv, "{case}");
        assert!(!from_csv.edges.is_empty(), "{case}");
    }
    let (_tmp, out) = export(Some(TRICKY_CSV));
    let got = labels(&canon_from_dot(&out));
    for label in TRICKY_LABELS {
        assert!(got.contains(*label), "{label:?} not back from DOT: {got:?}");
    }
}

#[test]
fn dot_renders_with_graphviz_and_labels_show_exactly() {
    if !tool_available("dot", &["-V"]) || !tool_available("python3", &["-c", "pass"]) {
        return;
    }
    for (case, csv) in cases() {
        let (_tmp, out) = export(csv);
        let rendered = Command::new("dot")
            .arg("-Tsvg")
            .arg(out.join("full.dot"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&rendered.stderr);
        assert!(rendered.status.success(), "{case}: dot failed: {stderr}");
        assert!(stderr.is_empty(), "{case}: dot warned: {stderr}");
        let svg = out.join("full.svg");
        std::fs::write(&svg, &rendered.stdout).unwrap();
        // Each node's <title> is its id; its <text> lines make its label.
        let script = r#"
import json, sys, xml.etree.ElementTree as ET
ns = {"s": "http://www.w3.org/2000/svg"}
root = ET.parse(sys.argv[1]).getroot()
nodes = {}
for g in root.iter("{http://www.w3.org/2000/svg}g"):
    if g.get("class") == "node":
        nodes[g.find("s:title", ns).text] = "\n".join(t.text or "" for t in g.iter("{http://www.w3.org/2000/svg}text"))
print(json.dumps(nodes))
"#;
        let shown: std::collections::BTreeMap<String, String> =
            serde_json::from_str(&python(script, &[svg.to_str().unwrap()])).unwrap();
        let expected: std::collections::BTreeMap<String, String> = canon_from_csv(&out)
            .nodes
            .into_iter()
            .map(|(id, label, _)| (id, label))
            .collect();
        assert_eq!(shown, expected, "{case}: labels as Graphviz draws them");
    }
}

#[test]
fn graphml_is_valid_against_the_xsd() {
    if !tool_available("xmllint", &["--version"]) {
        return;
    }
    let Some(schemas) = schemas_dir() else {
        return;
    };
    for (case, csv) in cases() {
        let (_tmp, out) = export(csv);
        let result = Command::new("xmllint")
            .env("XML_CATALOG_FILES", schemas.join("catalog.xml"))
            .args(["--nonet", "--noout", "--schema"])
            .arg(schemas.join("graphml/graphml.xsd"))
            .arg(out.join("full.graphml"))
            .output()
            .unwrap();
        assert!(
            result.status.success(),
            "{case}: {}",
            String::from_utf8_lossy(&result.stderr)
        );
        assert!(String::from_utf8_lossy(&result.stderr).contains("validates"));
    }
}

#[test]
fn xmllint_rejects_an_invalid_graphml() {
    // The validation above can fail: a node id with a space breaks it.
    if !tool_available("xmllint", &["--version"]) {
        return;
    }
    let Some(schemas) = schemas_dir() else {
        return;
    };
    let (tmp, out) = export(None);
    let text = std::fs::read_to_string(out.join("full.graphml")).unwrap();
    let broken = tmp.path().join("broken.graphml");
    std::fs::write(
        &broken,
        text.replace("id=\"hegseth\"", "id=\"pete hegseth\""),
    )
    .unwrap();
    let result = Command::new("xmllint")
        .env("XML_CATALOG_FILES", schemas.join("catalog.xml"))
        .args(["--nonet", "--noout", "--schema"])
        .arg(schemas.join("graphml/graphml.xsd"))
        .arg(&broken)
        .output()
        .unwrap();
    assert!(!result.status.success());
}

#[test]
fn networkx_reads_graphml_with_labels_and_weights_intact() {
    if !networkx_available() {
        return;
    }
    for (case, csv) in cases() {
        let (_tmp, out) = export(csv);
        assert_eq!(canon_from_networkx(&out), canon_from_csv(&out), "{case}");
    }
    let (_tmp, out) = export(Some(TRICKY_CSV));
    let got = labels(&canon_from_networkx(&out));
    for label in TRICKY_LABELS {
        assert!(
            got.contains(*label),
            "{label:?} not back from GraphML: {got:?}"
        );
    }
    // Quotes with a carriage return and markup survive XML parsing, and the
    // typed keys come back typed.
    let script = r#"
import json, sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
print(json.dumps({
    "quotes": sorted(d["quote"] for _, _, d in g.edges(data=True) if "quote" in d),
    "types": sorted({type(d["statements"]).__name__ for _, d in g.nodes(data=True)}),
}))
"#;
    let v: serde_json::Value = serde_json::from_str(&python(
        script,
        &[out.join("full.graphml").to_str().unwrap()],
    ))
    .unwrap();
    let quotes: Vec<&str> = v["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q.as_str().unwrap())
        .collect();
    assert_eq!(
        quotes,
        ["<b>&amp;</b>", "He said: \"No\"", "a \\ b", "cr\rhere"]
    );
    assert_eq!(v["types"], serde_json::json!(["int"]));
}

#[test]
fn csv_reads_back_exactly_with_python() {
    if !tool_available("python3", &["-c", "pass"]) {
        return;
    }
    let (_tmp, out) = export(Some(TRICKY_CSV));
    let script = r#"
import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    print(json.dumps([row["Label"] for row in csv.DictReader(f)]))
"#;
    let got: BTreeSet<String> = serde_json::from_str(&python(
        script,
        &[out.join("full.nodes.csv").to_str().unwrap()],
    ))
    .unwrap();
    assert_eq!(got, labels(&canon_from_csv(&out)));
    for label in TRICKY_LABELS {
        assert!(got.contains(*label), "{label:?} not back from CSV: {got:?}");
    }
}

#[test]
fn control_characters_become_replacement_characters_in_graphml_only() {
    let csv = "actor,stance,agree\n\"bell\u{7}ring\",s\u{1}x,yes\n";
    let (_tmp, out) = export(Some(csv));
    // DOT and CSV can hold them: they come back exactly.
    let dot = labels(&canon_from_dot(&out));
    assert!(
        dot.contains("bell\u{7}ring") && dot.contains("s\u{1}x"),
        "{dot:?}"
    );
    assert_eq!(labels(&canon_from_csv(&out)), dot);
    if !networkx_available() {
        return;
    }
    // XML 1.0 cannot: NetworkX reads U+FFFD in their place.
    let got = labels(&canon_from_networkx(&out));
    let expected: BTreeSet<String> = ["bell\u{FFFD}ring", "s\u{FFFD}x"].map(String::from).into();
    assert_eq!(got, expected);
}
