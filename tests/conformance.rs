//! The exports against the real tools: Graphviz `dot` renders the DOT and
//! graphviz-rust parses it back; `xmllint` validates the GraphML against the
//! shared XSD; NetworkX and Python's csv read the files back. Every format
//! must hold the same nodes and edges, and every label exactly.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::dot::unquote;
use common::{
    TRICKY_CSV, TRICKY_LABELS, attributed, fixture, networkx_available, python, runs_unless,
    schemas_dir, stancegraph, tool_available, validate_graphml,
};
use graphviz_rust::dot_structures::{Attribute, Graph, Id, Stmt, Vertex};
use serde_json::Value;
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
    export_with(csv, &[])
}

/// [`export`] with more arguments (a network, normalization, ...).
fn export_with(csv: Option<&str>, args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let f = fixture(&[("s.csv", csv.unwrap_or("").as_bytes())]);
    let mut cmd = stancegraph(f.path());
    cmd.arg("export");
    if csv.is_some() {
        cmd.arg("s.csv");
    }
    cmd.args(["-o", "o", "-q"]).args(args).assert().success();
    let out = f.path().join("o");
    (f, out)
}

fn cases() -> Vec<(&'static str, Option<&'static str>)> {
    vec![("seed", None), ("tricky names", Some(TRICKY_CSV))]
}

/// Reads the CSV tables of the full network with the csv crate.
fn canon_from_csv(dir: &Path) -> Canon {
    canon_from_csv_named(dir, "full")
}

/// A field of the Gephi dialect (the default): RFC 4180, each `\\` one
/// backslash.
fn gephi(field: &str) -> String {
    field.replace("\\\\", "\\")
}

/// Reads the CSV tables of network `name` with the csv crate.
fn canon_from_csv_named(dir: &Path, name: &str) -> Canon {
    let mut nodes = BTreeSet::new();
    let mut rdr = csv::Reader::from_path(dir.join(format!("{name}.nodes.csv"))).unwrap();
    for r in rdr.records() {
        let r = r.unwrap();
        nodes.insert((gephi(&r[0]), gephi(&r[1]), r[2].to_string()));
    }
    let mut edges = BTreeSet::new();
    let mut directed = BTreeSet::new();
    let mut rdr = csv::Reader::from_path(dir.join(format!("{name}.edges.csv"))).unwrap();
    for r in rdr.records() {
        let r = r.unwrap();
        directed.insert(r[2].to_string());
        assert_eq!(r[3], r[7], "Kind repeats the relation");
        edges.insert((
            gephi(&r[0]),
            gephi(&r[1]),
            r[7].to_string(),
            r[6].to_string(),
        ));
    }
    assert!(directed.len() <= 1, "one Type for all edges");
    Canon {
        directed: !directed.contains("Undirected"),
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

/// Parses the DOT of the full network back with graphviz-rust.
fn canon_from_dot(dir: &Path) -> Canon {
    canon_from_dot_named(dir, "full")
}

/// Parses the DOT of network `name` back with graphviz-rust.
fn canon_from_dot_named(dir: &Path, name: &str) -> Canon {
    let text = std::fs::read_to_string(dir.join(format!("{name}.dot"))).unwrap();
    let graph = graphviz_rust::parse(&text).unwrap_or_else(|e| panic!("parse: {e}\n{text}"));
    let (directed, stmts) = match graph {
        Graph::DiGraph { stmts, .. } => (true, stmts),
        Graph::Graph { stmts, .. } => (false, stmts),
    };
    let mut nodes = BTreeSet::new();
    let mut edges = BTreeSet::new();
    for stmt in stmts {
        match stmt {
            Stmt::Node(n) if n.attributes.len() > 1 => {
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

/// Reads the full network's GraphML with NetworkX.
fn canon_from_networkx(dir: &Path) -> Canon {
    canons_from_networkx(dir, "full").0
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
        let (valid, messages) = validate_graphml(&schemas, &out.join("full.graphml"));
        assert!(valid, "{case}: {messages}");
        assert!(messages.contains("validates"));
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
    assert!(!validate_graphml(&schemas, &broken).0);
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
fn csv_reads_back_exactly_with_python_in_both_dialects() {
    if !tool_available("python3", &["-c", "pass"]) {
        return;
    }
    // Python's csv: with escapechar for the Gephi dialect, as it is for
    // strict RFC 4180.
    let script = r#"
import csv, json, sys
kw = {"escapechar": "\\"} if sys.argv[2] == "gephi" else {}
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    print(json.dumps([row["Label"] for row in csv.DictReader(f, **kw)]))
"#;
    for dialect in ["gephi", "rfc4180"] {
        let (_tmp, out) = export_with(Some(TRICKY_CSV), &["--csv-dialect", dialect]);
        let got: BTreeSet<String> = serde_json::from_str(&python(
            script,
            &[out.join("full.nodes.csv").to_str().unwrap(), dialect],
        ))
        .unwrap();
        for label in TRICKY_LABELS {
            assert!(
                got.contains(*label),
                "{dialect}: {label:?} not back from CSV: {got:?}"
            );
        }
        assert_eq!(got.len(), TRICKY_LABELS.len(), "{dialect}: {got:?}");
    }
}

#[test]
fn control_characters_become_replacement_characters_in_xml_only_and_say_so() {
    // Names may not hold them (the loader says so); quotes may.
    let csv = "actor,stance,agree,quote\nbell,s,yes,\"ring\u{7}ing\"\nbell,t,no,\"s\u{1}x\"\n";
    let f = fixture(&[("s.csv", csv.as_bytes())]);
    let out = stancegraph(f.path())
        .args([
            "export", "s.csv", "-o", "o", "-f", "csv", "-f", "graphml", "-f", "gexf",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    for format in ["graphml", "gexf"] {
        assert!(
            stderr.contains(&format!(
                "warning: {format}: 2 values (the quote of edge e0 first) hold control characters that XML 1.0 cannot hold, written as U+FFFD"
            )),
            "{stderr}"
        );
    }
    let o = f.path().join("o");
    // CSV holds them: they come back exactly.
    let edges = std::fs::read_to_string(o.join("full.edges.csv")).unwrap();
    assert!(edges.contains("ring\u{7}ing") && edges.contains("s\u{1}x"));
    if !networkx_available() {
        return;
    }
    // XML 1.0 cannot: NetworkX reads U+FFFD in their place.
    let quotes = python(
        "import sys, networkx as nx\ng = nx.read_graphml(sys.argv[1])\nprint(sorted(d['quote'] for _, _, d in g.edges(data=True)))",
        &[o.join("full.graphml").to_str().unwrap()],
    );
    assert_eq!(quotes.trim(), "['ring\u{FFFD}ing', 's\u{FFFD}x']");
}

/// Reads network `name` from its GraphML, GEXF and node-link JSON with
/// NetworkX, in one Python run: (GraphML, GEXF, JSON).
fn canons_from_networkx(dir: &Path, name: &str) -> (Canon, Canon, Canon) {
    let script = r#"
import json, sys, networkx as nx
d, name = sys.argv[1], sys.argv[2]
def canon(g, kind_of, weight_of, relation_of):
    edges = g.edges(data=True)
    return {
        "directed": g.is_directed(),
        "nodes": [[str(n), a["label"], kind_of(a)] for n, a in g.nodes(data=True)],
        "edges": [[str(u), str(v), relation_of(a), repr(float(weight_of(a)))] for u, v, a in edges],
    }
gml = nx.read_graphml(f"{d}/{name}.graphml")
gexf = nx.read_gexf(f"{d}/{name}.gexf")
with open(f"{d}/{name}.json", encoding="utf-8") as f:
    data = json.load(f)
js = nx.node_link_graph(data, edges="edges")
print(json.dumps([
    canon(gml, lambda a: a["kind"], lambda a: a["weight"], lambda a: a["relation"]),
    canon(gexf, lambda a: a["kind"], lambda a: a["weight"], lambda a: a["relation"]),
    canon(js, lambda a: a["kind"], lambda a: a["weight"], lambda a: a["relation"]),
]))
"#;
    let out = python(script, &[dir.to_str().unwrap(), name]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let s = |x: &serde_json::Value| x.as_str().unwrap().to_string();
    let canon = |c: &serde_json::Value| Canon {
        directed: c["directed"].as_bool().unwrap(),
        nodes: c["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| (s(&n[0]), s(&n[1]), s(&n[2])))
            .collect(),
        edges: c["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                // Python's repr, parsed by Rust: both exact (serde_json's
                // float parser is not always correctly rounded).
                let w: f64 = e[3].as_str().unwrap().parse().unwrap();
                (s(&e[0]), s(&e[1]), s(&e[2]), format_weight(w))
            })
            .collect(),
    };
    (canon(&v[0]), canon(&v[1]), canon(&v[2]))
}

/// Undirected edges may come back either way round; put each pair in order.
fn undirected(mut c: Canon) -> Canon {
    if !c.directed {
        c.edges = c
            .edges
            .into_iter()
            .map(|(s, t, r, w)| if s <= t { (s, t, r, w) } else { (t, s, r, w) })
            .collect();
    }
    c
}

/// (name, arguments): every network type, with normalizations, qualifiers,
/// country level and duplicates.
fn projections() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        ("full", vec![]),
        ("affiliation", vec!["--network", "affiliation"]),
        (
            "affiliation",
            vec![
                "--network",
                "affiliation",
                "--qualifier",
                "combine",
                "--normalize",
                "activity",
            ],
        ),
        (
            "affiliation",
            vec!["--network", "affiliation", "--qualifier", "subtract"],
        ),
        ("congruence", vec!["--network", "congruence"]),
        (
            "conflict",
            vec!["--network", "conflict", "--normalize", "average"],
        ),
        (
            "subtract",
            vec!["--network", "subtract", "--normalize", "cosine"],
        ),
        (
            "cooccurrence",
            vec!["--network", "cooccurrence", "--normalize", "jaccard"],
        ),
        (
            "conflict",
            vec![
                "--network",
                "conflict",
                "--level",
                "country",
                "--duplicates",
                "document",
            ],
        ),
    ]
}

#[test]
fn every_projection_in_every_format_holds_the_same_graph() {
    let have_networkx = networkx_available();
    for (case, csv) in cases() {
        for (name, args) in projections() {
            let (_tmp, out) = export_with(csv, &args);
            let mut from_csv = undirected(canon_from_csv_named(&out, name));
            let label = format!("{case}, {args:?}");
            assert!(!from_csv.nodes.is_empty(), "{label}");
            let two_mode = name == "full" || name == "affiliation";
            if from_csv.edges.is_empty() {
                // An edges table without rows cannot say its Type.
                from_csv.directed = two_mode;
            }
            assert_eq!(from_csv.directed, two_mode, "{label}");
            assert_eq!(
                undirected(canon_from_dot_named(&out, name)),
                from_csv,
                "{label}: DOT"
            );
            if have_networkx {
                let (graphml, gexf, json) = canons_from_networkx(&out, name);
                assert_eq!(undirected(graphml), from_csv, "{label}: GraphML");
                assert_eq!(undirected(gexf), from_csv, "{label}: GEXF");
                assert_eq!(undirected(json), from_csv, "{label}: JSON");
            }
        }
    }
}

/// Validates a GEXF file against the GEXF 1.3 RELAX NG grammar, as the
/// schemas' README says: RELAX NG allows no xsi:* attributes, so they are
/// stripped first. Returns xmllint's verdict and messages.
fn gexf_rng(schemas: &Path, file: &Path) -> (bool, String) {
    let text = std::fs::read_to_string(file).unwrap();
    let stripped = text
        .replace(
            " xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\"",
            "",
        )
        .replace(
            " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"",
            "",
        );
    let mut child = Command::new("xmllint")
        .args(["--nonet", "--noout", "--relaxng"])
        .arg(schemas.join("gexf/gexf.rng"))
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stripped.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn gexf_is_valid_against_the_relax_ng_grammar_and_dynamic_when_dated() {
    if !tool_available("xmllint", &["--version"]) {
        return;
    }
    let Some(schemas) = schemas_dir() else {
        return;
    };
    for (case, csv) in cases() {
        for (name, args) in projections() {
            let (_tmp, out) = export_with(csv, &args);
            let (ok, messages) = gexf_rng(&schemas, &out.join(format!("{name}.gexf")));
            assert!(ok, "{case}, {args:?}: {messages}");
        }
    }
    // The seed statements are dated: the graph is dynamic, with spells.
    let (_tmp, out) = export(None);
    let text = std::fs::read_to_string(out.join("full.gexf")).unwrap();
    assert!(
        text.contains("mode=\"dynamic\" timeformat=\"date\""),
        "{text}"
    );
    assert!(text.contains("<spell start=\"2025-02-12\" end=\"2025-02-12\"/>"));
    assert!(text.contains("<viz:color r=\"166\" g=\"206\" b=\"227\"/>"));
    // The tricky fixture has no dates: static.
    let (_tmp, out) = export(Some(TRICKY_CSV));
    let text = std::fs::read_to_string(out.join("full.gexf")).unwrap();
    assert!(text.contains("mode=\"static\"") && !text.contains("<spell"));
    // And the check can fail: an edge without a source is rejected.
    let broken = out.join("broken.gexf");
    std::fs::write(&broken, text.replacen(" source=\"", " from=\"", 1)).unwrap();
    assert!(!gexf_rng(&schemas, &broken).0);
}

#[test]
fn networkx_reads_gexf_spells_and_json_attributes() {
    if !networkx_available() {
        return;
    }
    let (_tmp, out) = export(None);
    let script = r#"
import json, sys, networkx as nx
d = sys.argv[1]
g = nx.read_gexf(f"{d}/full.gexf")
with open(f"{d}/full.json", encoding="utf-8") as f:
    j = nx.node_link_graph(json.load(f), edges="edges")
print(json.dumps({
    "mode": g.graph["mode"],
    "spells": g.nodes["hegseth"]["spells"],
    "viz": g.nodes["hegseth"]["viz"]["color"],
    "json_multigraph": j.is_multigraph(),
    "json_barrot": j.nodes["barrot"],
    "json_edge": j.edges["trump", "negotiate-now", "e10"]["weight"] if j.has_edge("trump", "negotiate-now", "e10") else None,
}))
"#;
    let v: serde_json::Value =
        serde_json::from_str(&python(script, &[out.to_str().unwrap()])).unwrap();
    assert_eq!(v["mode"], "dynamic");
    assert_eq!(
        v["spells"],
        serde_json::json!([["2025-02-12", "2025-02-12"]])
    );
    assert_eq!(v["viz"]["r"], 166);
    assert_eq!(v["json_multigraph"], true);
    assert_eq!(v["json_barrot"]["label"], "Jean-Noël Barrot");
    assert_eq!(v["json_barrot"]["role"], "Foreign Minister");
}

/// A random statements table (fixed seed): 12 actors, 6 stances, 150
/// statements with repeats, so ties have counts above one.
fn random_statements() -> String {
    let mut state: u64 = 0x5eed;
    let mut next = |n: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % n
    };
    let mut csv = String::from("actor,stance,agree\n");
    for _ in 0..150 {
        // Skewed: low actor numbers speak more often.
        let actor = next(12).min(next(12));
        csv.push_str(&format!(
            "actor {actor},stance {},{}\n",
            next(6),
            next(3) > 0
        ));
    }
    csv
}

#[test]
fn one_mode_ties_equal_networkx_bipartite_projections() {
    if !networkx_available() {
        return;
    }
    let csv = random_statements();
    // NetworkX projects the actor–stance (or actor–cell) bipartite graph:
    // a product of edge weights for cooccurrence and congruence, and its
    // overlap Jaccard for binary congruence (DNA's Jaccard, once repeats
    // count once).
    let script = r#"
import csv, json, sys
import networkx as nx
from networkx.algorithms import bipartite
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
def graph(cell, binary):
    B = nx.Graph()
    actors = sorted({r["actor"] for r in rows})
    B.add_nodes_from(actors, bipartite=0)
    for r in rows:
        c = ("cell",) + cell(r)
        B.add_node(c, bipartite=1)
        w = B.get_edge_data(r["actor"], c, {"weight": 0})["weight"]
        B.add_edge(r["actor"], c, weight=1 if binary else w + 1)
    return B, actors
def product(G, u, v):
    return sum(G[u][w]["weight"] * G[v][w]["weight"] for w in set(G[u]) & set(G[v]))
def ties(P):
    return sorted([min(u, v), max(u, v), repr(float(d["weight"]))] for u, v, d in P.edges(data=True) if d["weight"] != 0)
B, actors = graph(lambda r: (r["stance"],), False)
cooc = bipartite.generic_weighted_projected_graph(B, actors, weight_function=product)
B, actors = graph(lambda r: (r["stance"], r["agree"]), False)
cong = bipartite.generic_weighted_projected_graph(B, actors, weight_function=product)
B, actors = graph(lambda r: (r["stance"], r["agree"]), True)
jacc = bipartite.overlap_weighted_projected_graph(B, actors, jaccard=True)
print(json.dumps({"cooccurrence": ties(cooc), "congruence": ties(cong), "jaccard": ties(jacc)}))
"#;
    let f = fixture(&[("s.csv", csv.as_bytes())]);
    let v: serde_json::Value =
        serde_json::from_str(&python(script, &[f.path().join("s.csv").to_str().unwrap()])).unwrap();
    // Our ties, by label pair, from the edges and nodes tables.
    let ours = |args: &[&str], name: &str| -> Vec<(String, String, String)> {
        let (_tmp, out) = export_with(Some(&csv), args);
        let labels: std::collections::HashMap<String, String> = canon_from_csv_named(&out, name)
            .nodes
            .into_iter()
            .map(|(id, label, _)| (id, label))
            .collect();
        let mut ties: Vec<(String, String, String)> = canon_from_csv_named(&out, name)
            .edges
            .into_iter()
            .map(|(s, t, _, w)| {
                let (a, b) = (labels[&s].clone(), labels[&t].clone());
                let (a, b) = if a <= b { (a, b) } else { (b, a) };
                (a, b, w)
            })
            .collect();
        ties.sort();
        ties
    };
    let theirs = |key: &str| -> Vec<(String, String, String)> {
        let mut t: Vec<(String, String, String)> = v[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                let w: f64 = t[2].as_str().unwrap().parse().unwrap();
                (
                    t[0].as_str().unwrap().to_string(),
                    t[1].as_str().unwrap().to_string(),
                    format_weight(w),
                )
            })
            .collect();
        t.sort();
        t
    };
    let cooc = ours(&["--network", "cooccurrence", "-f", "csv"], "cooccurrence");
    assert!(cooc.len() > 20, "a dense enough test: {} ties", cooc.len());
    assert_eq!(cooc, theirs("cooccurrence"));
    assert_eq!(
        ours(&["--network", "congruence", "-f", "csv"], "congruence"),
        theirs("congruence")
    );
    assert_eq!(
        ours(
            &[
                "--network",
                "congruence",
                "--duplicates",
                "all",
                "--normalize",
                "jaccard",
                "-f",
                "csv"
            ],
            "congruence"
        ),
        theirs("jaccard")
    );
}

#[test]
fn dot_renders_every_projection_without_warnings() {
    if !tool_available("dot", &["-V"]) {
        return;
    }
    for (case, csv) in cases() {
        for (name, args) in projections() {
            let (_tmp, out) = export_with(csv, &args);
            let rendered = Command::new("dot")
                .arg("-Tsvg")
                .arg(out.join(format!("{name}.dot")))
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&rendered.stderr);
            assert!(
                rendered.status.success() && stderr.is_empty(),
                "{case}, {args:?}: {stderr}"
            );
        }
    }
}

#[test]
fn user_attributes_come_back_typed_through_networkx_and_igraph() {
    let f = attributed();
    let out = stancegraph(f.path())
        .args(["export", "d", "-o", "o"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The renamed column is announced.
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("the column 'party family' becomes the attribute 'party_family'"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let o = f.path().join("o");
    if tool_available("xmllint", &["--version"])
        && let Some(schemas) = schemas_dir()
    {
        let (valid, messages) = validate_graphml(&schemas, &o.join("full.graphml"));
        assert!(valid, "{messages}");
        let (ok, messages) = gexf_rng(&schemas, &o.join("full.gexf"));
        assert!(ok, "{messages}");
    }
    if networkx_available() {
        let script = r#"
import json, sys, networkx as nx
d = sys.argv[1]
out = {}
for name, g in [("graphml", nx.read_graphml(f"{d}/full.graphml")), ("gexf", nx.read_gexf(f"{d}/full.gexf"))]:
    out[name] = {n: {k: [type(v).__name__, v] for k, v in a.items()
                     if k in ("party_family", "founded", "members", "share", "active", "color", "priority", "contested", "eu")}
                 for n, a in g.nodes(data=True)}
print(json.dumps(out))
"#;
        let v: serde_json::Value =
            serde_json::from_str(&python(script, &[o.to_str().unwrap()])).unwrap();
        for format in ["graphml", "gexf"] {
            let spd = &v[format]["spd"];
            assert_eq!(
                spd["party_family"],
                serde_json::json!(["str", "social democrats"]),
                "{format}"
            );
            assert_eq!(spd["founded"], serde_json::json!(["int", 1863]), "{format}");
            assert_eq!(
                spd["share"],
                serde_json::json!(["float", 0.164]),
                "{format}"
            );
            assert_eq!(spd["active"], serde_json::json!(["bool", true]), "{format}");
            assert_eq!(
                spd["color"],
                serde_json::json!(["str", "#e3000f"]),
                "{format}"
            );
            assert_eq!(
                v[format]["gp"]["members"],
                serde_json::json!(["int", 3000000000u64]),
                "{format}"
            );
            assert_eq!(
                v[format]["gp"]["active"],
                serde_json::json!(["bool", true]),
                "{format}"
            );
            assert_eq!(
                v[format]["bdi"]["active"],
                serde_json::json!(["bool", false]),
                "{format}"
            );
            // Blank values are left out.
            assert!(v[format]["gp"].get("share").is_none(), "{format}");
            assert_eq!(
                v[format]["coal"]["priority"],
                serde_json::json!(["int", 1]),
                "{format}"
            );
            assert_eq!(
                v[format]["coal"]["contested"],
                serde_json::json!(["str", "yes"]),
                "{format}"
            );
            assert_eq!(
                v[format]["de"]["eu"],
                serde_json::json!(["bool", true]),
                "{format}"
            );
        }
    }
    if tool_available("python3", &["-c", "import igraph"]) {
        let script = r#"
import json, sys, igraph
g = igraph.Graph.Read_GraphML(sys.argv[1])
v = g.vs.find(id="spd")
print(json.dumps({k: [type(v[k]).__name__, v[k]] for k in ("party_family", "founded", "share", "active", "color")}))
"#;
        let v: serde_json::Value =
            serde_json::from_str(&python(script, &[o.join("full.graphml").to_str().unwrap()]))
                .unwrap();
        assert_eq!(
            v["party_family"],
            serde_json::json!(["str", "social democrats"])
        );
        // igraph reads GraphML numbers as floats and booleans as bools.
        assert_eq!(v["founded"], serde_json::json!(["float", 1863.0]));
        assert_eq!(v["share"], serde_json::json!(["float", 0.164]));
        assert_eq!(v["active"], serde_json::json!(["bool", true]));
        assert_eq!(v["color"], serde_json::json!(["str", "#e3000f"]));
    }
}

/// With `--coalitions`, GraphML and GEXF stay valid, and NetworkX (GraphML,
/// GEXF, GML, node-link JSON) and igraph (GraphML, GML) read each actor's
/// coalition back as the same whole number, and the modularity where the
/// format has graph attributes.
#[test]
fn coalitions_are_valid_and_read_back_by_networkx_and_igraph() {
    for (case, csv) in cases() {
        for network in ["full", "congruence", "subtract"] {
            let mut args = vec!["--network", network, "--coalitions", "-f", "all"];
            if network == "subtract" {
                args.extend(["--coalition-network", "subtract"]);
            }
            let (_tmp, out) = export_with(csv, &args);
            if tool_available("xmllint", &["--version"])
                && let Some(schemas) = schemas_dir()
            {
                let (valid, messages) =
                    validate_graphml(&schemas, &out.join(format!("{network}.graphml")));
                assert!(valid, "{case}, {network}: {messages}");
                let (ok, messages) = gexf_rng(&schemas, &out.join(format!("{network}.gexf")));
                assert!(ok, "{case}, {network}: {messages}");
            }
            if !networkx_available()
                || !common::runs_unless(
                    (!tool_available("python3", &["-c", "import igraph"]))
                        .then(|| "python-igraph is not installed".to_string()),
                )
            {
                continue;
            }
            let script = r#"
import json, sys, math, networkx as nx, igraph as ig
d, name = sys.argv[1], sys.argv[2]
def of(g):
    return [a.get("coalition") for _, a in g.nodes(data=True)]
with open(f"{d}/{name}.json") as f:
    js = nx.node_link_graph(json.load(f), edges="edges")
gml = nx.read_gml(f"{d}/{name}.gml", label="name")
graphml = nx.read_graphml(f"{d}/{name}.graphml")
ig_graphml = ig.Graph.Read_GraphML(f"{d}/{name}.graphml")
ig_gml = ig.Graph.Read_GML(f"{d}/{name}.gml")
def ig_of(g):
    # igraph reads numbers as floats, a missing one as NaN.
    return [None if c is None or math.isnan(c) else int(c) for c in g.vs["coalition"]]
print(json.dumps({
    "graphml": of(graphml), "gexf": of(nx.read_gexf(f"{d}/{name}.gexf")),
    "gml": of(gml), "json": of(js),
    "igraph_graphml": ig_of(ig_graphml), "igraph_gml": ig_of(ig_gml),
    "modularity": [graphml.graph["modularity"], gml.graph["modularity"], js.graph["modularity"], ig_graphml["modularity"]],
    "types": sorted({type(c).__name__ for g in (graphml, gml, js) for _, c in g.nodes(data="coalition") if c is not None}),
}))
"#;
            let v: serde_json::Value =
                serde_json::from_str(&python(script, &[out.to_str().unwrap(), network])).unwrap();
            assert_eq!(v["types"], serde_json::json!(["int"]), "{case}, {network}");
            // Every format, node by node in file order.
            let graphml = &v["graphml"];
            assert!(
                graphml.as_array().unwrap().iter().any(|c| c == 1),
                "{case}, {network}: {v}"
            );
            for format in ["gexf", "gml", "json", "igraph_graphml", "igraph_gml"] {
                assert_eq!(&v[format], graphml, "{case}, {network}, {format}");
            }
            let q: Vec<f64> = v["modularity"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_f64().unwrap())
                .collect();
            assert!(q.iter().all(|x| *x == q[0]), "{case}, {network}: {q:?}");
        }
    }
}

/// Two camps over 40 days whose members speak on some days only.
fn drifting_camps() -> String {
    let mut out = String::from("actor,stance,agree,date\n");
    for day in 0..40u32 {
        let date =
            chrono::NaiveDate::from_ymd_opt(2025, 5, 1).unwrap() + chrono::Days::new(day.into());
        for (k, actor) in ["a1", "a2", "a3", "b1", "b2"].iter().enumerate() {
            if (day / 4 + k as u32).is_multiple_of(3) {
                let agree = if actor.starts_with('a') { "yes" } else { "no" };
                out.push_str(&format!("{actor},s,{agree},{date}\n"));
            }
        }
    }
    out
}

#[test]
fn a_windowed_gexf_is_one_dynamic_graph_with_the_weight_of_every_slice() {
    if !runs_unless(
        (!tool_available("xmllint", &["--version"])).then(|| "xmllint is missing".to_string()),
    ) || !networkx_available()
    {
        return;
    }
    let Some(schemas) = schemas_dir() else {
        return;
    };
    let data = drifting_camps();
    let dir = fixture(&[("camps.csv", data.as_bytes())]);
    for (out, time) in [
        (
            "kernel",
            &["--window", "10d", "--step", "5d", "--kernel", "gaussian"][..],
        ),
        ("weeks", &["--window", "2w", "--step", "1w"][..]),
    ] {
        stancegraph(dir.path())
            .args([
                "export",
                "camps.csv",
                "--network",
                "subtract",
                "-f",
                "gexf",
                "-f",
                "json",
            ])
            .args(["-o", out, "-q"])
            .args(time)
            .assert()
            .success();
        let out = dir.path().join(out);
        let gexf = out.join("subtract.gexf");
        let (ok, messages) = gexf_rng(&schemas, &gexf);
        assert!(ok, "{time:?}: {messages}");
        assert!(
            !out.join("subtract.2025-05-01.gexf").exists(),
            "one GEXF, not one per slice"
        );
        // NetworkX reads it: a dynamic graph with every node and tie, the
        // statement counts per slice. Its reader makes `weight` static
        // (a hack for an old Gephi), so the weights per slice are read from
        // the XML itself.
        let read = common::python(
            r#"
import json, sys
import xml.etree.ElementTree as ET
import networkx as nx
g = nx.read_gexf(sys.argv[1])
ns = {"g": "http://gexf.net/1.3"}
weights = {}
for e in ET.parse(sys.argv[1]).getroot().iterfind(".//g:edge", ns):
    values = [(a.get("value"), a.get("start"), a.get("end"))
              for a in e.iterfind("g:attvalues/g:attvalue[@for='weight']", ns)]
    weights[e.get("source") + "|" + e.get("target")] = values
print(json.dumps({
    "mode": g.graph["mode"],
    "nodes": sorted(g.nodes),
    "edges": g.number_of_edges(),
    "statements": {u + "|" + v: d["statements"] for u, v, d in g.edges(data=True)},
    "weights": weights,
}))
"#,
            &[gexf.to_str().unwrap()],
        );
        let read: Value = serde_json::from_str(&read).unwrap();
        assert_eq!(read["mode"], "dynamic");
        assert_eq!(
            read["nodes"],
            serde_json::json!(["a1", "a2", "a3", "b1", "b2"])
        );
        let weights = read["weights"].as_object().unwrap();
        assert_eq!(read["edges"].as_u64().unwrap() as usize, weights.len());
        // Each slice's JSON export, and its period in the GEXF: from its
        // date to the day before the next slice's.
        let mut slices: Vec<PathBuf> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        slices.sort();
        let dates: Vec<String> = slices
            .iter()
            .map(|p| p.file_stem().unwrap().to_string_lossy()[9..].to_string())
            .collect();
        let mut checked = 0;
        for (k, path) in slices.iter().enumerate() {
            let json: Value =
                serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            for e in json["edges"].as_array().unwrap() {
                let key = format!(
                    "{}|{}",
                    e["source"].as_str().unwrap(),
                    e["target"].as_str().unwrap()
                );
                let values = weights[&key].as_array().unwrap();
                let at = values
                    .iter()
                    .find(|v| v[1] == dates[k].as_str())
                    .unwrap_or_else(|| panic!("{key} in slice {}: {values:?}", dates[k]));
                assert_eq!(
                    at[0],
                    format_weight(e["weight"].as_f64().unwrap()).as_str(),
                    "{key}"
                );
                if let Some(next) = dates.get(k + 1) {
                    let next: chrono::NaiveDate = next.parse().unwrap();
                    assert_eq!(at[2], next.pred_opt().unwrap().to_string().as_str());
                }
                let counts = read["statements"][&key].as_array().unwrap();
                assert!(
                    counts
                        .iter()
                        .any(|c| c[1] == dates[k].as_str() && c[0] == e["statements"])
                );
                checked += 1;
            }
        }
        // And nothing else: as many values as the slices have edges.
        let values: usize = weights.values().map(|v| v.as_array().unwrap().len()).sum();
        assert_eq!(values, checked, "{time:?}");
        assert!(checked > 10, "{time:?}");
    }
}
