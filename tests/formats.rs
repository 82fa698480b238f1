//! The formats other tools read, read back by those tools: Pajek by
//! NetworkX and igraph, UCINET DL by igraph, GML by NetworkX and igraph,
//! the adjacency matrix by Python's csv, Cytoscape.js elements by the
//! `cytoscape` package in Node, DOT by NetworkX (every attribute GraphML
//! holds), GEXF 1.2draft by xmllint and NetworkX; and node ids in every
//! script that XML names allow, checked against xmllint.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{
    TRICKY_CSV, attributed, fixture, networkx_available, python, schemas_dir, stancegraph,
    succeeded, tool_available, validate_graphml,
};
use serde_json::Value;
use stancegraph::export::one_line;

/// Exports a statements table (`None`: the seed) with these arguments into
/// a temporary directory; returns it, the output directory and stderr.
fn export(csv: Option<&str>, args: &[&str]) -> (tempfile::TempDir, PathBuf, String) {
    let f = fixture(&[("s.csv", csv.unwrap_or("").as_bytes())]);
    let mut cmd = stancegraph(f.path());
    cmd.arg("export");
    if csv.is_some() {
        cmd.arg("s.csv");
    }
    let out = succeeded(
        cmd.args(["-o", "o", "-q", "--csv-dialect", "rfc4180"])
            .args(args)
            .output()
            .unwrap(),
    );
    let dir = f.path().join("o");
    (f, dir, String::from_utf8_lossy(&out.stderr).into_owned())
}

/// A graph as readers see it: direction, node labels and (source label,
/// target label, relation, weight) edges, sorted; undirected edges with
/// their ends in order.
#[derive(Debug, PartialEq)]
struct Canon {
    directed: bool,
    nodes: Vec<String>,
    edges: Vec<(String, String, String, f64)>,
}

impl Canon {
    fn new(
        directed: bool,
        mut nodes: Vec<String>,
        edges: impl IntoIterator<Item = (String, String, String, f64)>,
    ) -> Canon {
        nodes.sort();
        let mut edges: Vec<_> = edges
            .into_iter()
            .map(|(s, t, r, w)| {
                if !directed && t < s {
                    (t, s, r, w)
                } else {
                    (s, t, r, w)
                }
            })
            .collect();
        edges.sort_by(|a, b| a.partial_cmp(b).unwrap());
        Canon {
            directed,
            nodes,
            edges,
        }
    }

    /// The same graph with every label through `f`.
    fn labels(self, f: impl Fn(&str) -> String) -> Canon {
        Canon::new(
            self.directed,
            self.nodes.iter().map(|n| f(n)).collect(),
            self.edges
                .into_iter()
                .map(|(s, t, r, w)| (f(&s), f(&t), r, w)),
        )
    }

    /// The same graph without relations (for readers that have none).
    fn without_relations(self) -> Canon {
        Canon::new(
            self.directed,
            self.nodes,
            self.edges
                .into_iter()
                .map(|(s, t, _, w)| (s, t, String::new(), w)),
        )
    }

    /// From a reader's JSON: `{"directed", "nodes": [label], "edges":
    /// [[source, target, relation, weight]]}`.
    fn from_json(v: &Value) -> Canon {
        let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
        Canon::new(
            v["directed"].as_bool().unwrap(),
            v["nodes"].as_array().unwrap().iter().map(text).collect(),
            v["edges"].as_array().unwrap().iter().map(|e| {
                (
                    text(&e[0]),
                    text(&e[1]),
                    text(&e[2]),
                    e[3].as_f64().unwrap(),
                )
            }),
        )
    }
}

/// The graph of `<name>.nodes.csv` and `<name>.edges.csv` (RFC 4180).
fn from_csv(dir: &Path, name: &str) -> Canon {
    let mut labels = BTreeMap::new();
    let mut nodes = Vec::new();
    let mut rdr = csv::Reader::from_path(dir.join(format!("{name}.nodes.csv"))).unwrap();
    for r in rdr.records() {
        let r = r.unwrap();
        labels.insert(r[0].to_string(), r[1].to_string());
        nodes.push(r[1].to_string());
    }
    let directed = matches!(name, "full" | "affiliation" | "interaction");
    let mut edges = Vec::new();
    let mut rdr = csv::Reader::from_path(dir.join(format!("{name}.edges.csv"))).unwrap();
    for r in rdr.records() {
        let r = r.unwrap();
        assert_eq!(&r[2] == "Directed", directed);
        edges.push((
            labels[&r[0]].clone(),
            labels[&r[1]].clone(),
            r[3].to_string(),
            r[6].parse().unwrap(),
        ));
    }
    Canon::new(directed, nodes, edges)
}

/// The networks every new format is checked on: (arguments, file name).
const NETWORKS: &[(&[&str], &str)] = &[
    (&[], "full"),
    (
        &["--network", "affiliation", "--qualifier", "subtract"],
        "affiliation",
    ),
    (&["--network", "congruence"], "congruence"),
    (
        &["--network", "conflict", "--normalize", "average"],
        "conflict",
    ),
    (&["--network", "interaction"], "interaction"),
];

/// The seed and [`TRICKY_CSV`]: (case, statements table).
const SEED_AND_TRICKY: &[(&str, Option<&str>)] = &[("seed", None), ("tricky", Some(TRICKY_CSV))];

/// Exports each case as each of [`NETWORKS`] in these formats (and the
/// CSV tables), and checks it: `check(case, network name, output
/// directory, stderr)`.
fn each_network(
    cases: &[(&str, Option<&str>)],
    formats: &[&str],
    mut check: impl FnMut(&str, &str, &Path, &str),
) {
    for (case, csv) in cases {
        for (args, name) in NETWORKS {
            let mut all = vec!["-f", "csv"];
            for f in formats {
                all.extend(["-f", f]);
            }
            all.extend(args.iter());
            let (_tmp, dir, stderr) = export(*csv, &all);
            check(case, name, &dir, &stderr);
        }
    }
}

/// [`TRICKY_CSV`] without its backslashes, which NetworkX's Pajek reader
/// reads as escapes.
fn tricky_without_backslashes() -> String {
    TRICKY_CSV
        .replace("back\\slash\\", "back slash")
        .replace("a \\ b", "a b")
}

const PAJEK_NETWORKX: &str = r#"
import json, sys, networkx as nx
g = nx.read_pajek(sys.argv[1])
print(json.dumps({"directed": g.is_directed(), "nodes": list(g.nodes),
    "edges": [[u, v, d.get("l"), d["weight"]] for u, v, d in g.edges(data=True)]}))
"#;

const PAJEK_IGRAPH: &str = r#"
import json, sys, igraph
g = igraph.Graph.Read_Pajek(sys.argv[1])
names = g.vs["name"]
print(json.dumps({"directed": g.is_directed(), "nodes": names,
    "edges": [[names[e.source], names[e.target], e["label"], e["weight"]] for e in g.es]}))
"#;

fn igraph_available() -> bool {
    tool_available("python3", &["-c", "import igraph"])
}

#[test]
fn pajek_reads_back_in_networkx_and_igraph() {
    if !networkx_available() || !igraph_available() {
        return;
    }
    let no_backslashes = tricky_without_backslashes();
    let cases = [
        ("seed", None),
        ("tricky", Some(TRICKY_CSV)),
        ("tricky without backslashes", Some(no_backslashes.as_str())),
    ];
    each_network(&cases, &["pajek"], |case, name, dir, stderr| {
        let expected = from_csv(dir, name).labels(|l| one_line(l).into_owned());
        let net = dir.join(format!("{name}.net"));
        let net = net.to_str().unwrap();
        let igraph: Value = serde_json::from_str(&python(PAJEK_IGRAPH, &[net])).unwrap();
        assert_eq!(
            Canon::from_json(&igraph),
            expected,
            "igraph, {case}, {name}"
        );
        // NetworkX reads `\\` as one backslash, and fails on a label
        // that ends in one (the README says so).
        if case != "tricky" {
            let nx: Value = serde_json::from_str(&python(PAJEK_NETWORKX, &[net])).unwrap();
            assert_eq!(Canon::from_json(&nx), expected, "NetworkX, {case}, {name}");
        }
        if case == "tricky" && name == "full" {
            assert!(
                stderr.contains(
                    "warning: pajek: 2 labels of full hold a double quote or a line break"
                ),
                "{stderr}"
            );
        }
    });
}

const DL_IGRAPH: &str = r#"
import json, sys, igraph
g = igraph.Graph.Read_DL(sys.argv[1], directed=False)
g.simplify(combine_edges="first")
names = g.vs["name"]
print(json.dumps({"directed": False, "nodes": names,
    "edges": [[names[e.source], names[e.target], "", 1.0] for e in g.es]}))
"#;

/// A UCINET DL file, read as the DL language says: labels between
/// `labels:` (or `row labels:` and `col labels:`) and `data:`, one per
/// line, quoted or bare; then the rows of numbers.
fn read_dl(text: &str) -> (Vec<String>, Vec<String>, Vec<Vec<f64>>) {
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("dl n"), "{header}");
    assert_eq!(lines.next(), Some("format = fullmatrix"));
    let label = |l: &str| l.trim_matches('"').to_string();
    let mut rows = Vec::new();
    let mut cols = Vec::new();
    let mut section = "";
    let mut data = Vec::new();
    for line in lines {
        match line {
            "labels:" | "row labels:" | "col labels:" | "data:" => section = line,
            _ if section == "labels:" => {
                rows.push(label(line));
                cols.push(label(line));
            }
            _ if section == "row labels:" => rows.push(label(line)),
            _ if section == "col labels:" => cols.push(label(line)),
            _ => data.push(
                line.split(' ')
                    .map(|v| v.parse::<f64>().unwrap())
                    .collect::<Vec<_>>(),
            ),
        }
    }
    (rows, cols, data)
}

/// The adjacency matrix of `<name>.matrix.csv`, read with Python's csv.
const MATRIX_PYTHON: &str = r#"
import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
print(json.dumps({"cols": rows[0][1:], "rows": [r[0] for r in rows[1:]],
    "data": [[float(x) for x in r[1:]] for r in rows[1:]]}))
"#;

/// The matrix the CSV edges make: each edge's weight added to its cell
/// (both cells for undirected edges), and whether it has two modes.
fn matrix_from_csv(c: &Canon) -> BTreeMap<(String, String), f64> {
    let mut cells = BTreeMap::new();
    for (s, t, _, w) in &c.edges {
        *cells.entry((s.clone(), t.clone())).or_insert(0.0) += w;
        if !c.directed && s != t {
            *cells.entry((t.clone(), s.clone())).or_insert(0.0) += w;
        }
    }
    cells
}

/// The non-zero cells of a matrix, by labels.
fn cells(rows: &[String], cols: &[String], data: &[Vec<f64>]) -> BTreeMap<(String, String), f64> {
    assert_eq!(data.len(), rows.len());
    let mut out = BTreeMap::new();
    for (r, row) in data.iter().enumerate() {
        assert_eq!(row.len(), cols.len());
        for (c, w) in row.iter().enumerate() {
            if *w != 0.0 {
                out.insert((rows[r].clone(), cols[c].clone()), *w);
            }
        }
    }
    out
}

#[test]
fn matrix_and_dl_hold_every_edge_weight_in_its_cell() {
    if !tool_available("python3", &["--version"]) {
        return;
    }
    each_network(SEED_AND_TRICKY, &["matrix", "dl"], |case, name, dir, _| {
        let canon = from_csv(dir, name);
        let expected = matrix_from_csv(&canon);
        let matrix = dir.join(format!("{name}.matrix.csv"));
        let m: Value =
            serde_json::from_str(&python(MATRIX_PYTHON, &[matrix.to_str().unwrap()])).unwrap();
        let strings = |v: &Value| -> Vec<String> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect()
        };
        let (rows, cols) = (strings(&m["rows"]), strings(&m["cols"]));
        let data: Vec<Vec<f64>> = m["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r.as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_f64().unwrap())
                    .collect()
            })
            .collect();
        assert_eq!(
            cells(&rows, &cols, &data),
            expected,
            "matrix, {case}, {name}"
        );
        let two_mode = name == "affiliation";
        assert_eq!(rows == cols, !two_mode, "{case}, {name}: {rows:?} {cols:?}");
        if !canon.directed {
            for (r, row) in data.iter().enumerate() {
                for (c, w) in row.iter().enumerate() {
                    assert_eq!(*w, data[c][r], "{name} is symmetric");
                }
            }
        }

        let dl = std::fs::read_to_string(dir.join(format!("{name}.dl"))).unwrap();
        let (rows, cols, data) = read_dl(&dl);
        let expected: BTreeMap<_, _> = expected
            .into_iter()
            .map(|((r, c), w)| ((one_line(&r).into_owned(), one_line(&c).into_owned()), w))
            .collect();
        assert_eq!(cells(&rows, &cols, &data), expected, "dl, {case}, {name}");
        assert_eq!(dl.starts_with("dl nr = "), two_mode, "{case}, {name}: {dl}");
    });
}

#[test]
fn parallel_edges_joined_in_a_cell_are_announced() {
    // Trump agrees and disagrees on one stance: the full network has both
    // edges, the matrix one cell.
    let csv = "actor,stance,agree\nTrump,peace,yes\nTrump,peace,no\nPutin,peace,yes\n";
    let (_tmp, dir, stderr) = export(Some(csv), &["-f", "matrix", "--network", "affiliation"]);
    assert!(
        stderr.contains(
            "warning: matrix: 1 cell of the affiliation matrix joins an agree and a disagree edge and holds their sum"
        ),
        "{stderr}"
    );
    let text = std::fs::read_to_string(dir.join("affiliation.matrix.csv")).unwrap();
    assert_eq!(text, ",peace\nTrump,2\nPutin,1\n");
}

#[test]
fn dl_reads_back_in_igraph_where_igraph_can() {
    // igraph reads one-mode DL matrices of 0 and 1 with labels free of
    // spaces (the README says so): a network of such labels and weights.
    if !igraph_available() {
        return;
    }
    let csv = "actor,stance,agree\nУкраїна,a,yes\nNATO,a,yes\nC:\\new,b,no\nJean-Noël,b,no\nУкраїна,c,yes\nC:\\new,c,yes\nlonely,d,yes\n";
    for network in ["congruence", "cooccurrence"] {
        let (_tmp, dir, _) = export(Some(csv), &["-f", "csv", "-f", "dl", "--network", network]);
        let expected = from_csv(&dir, network).without_relations();
        assert!(expected.edges.iter().all(|e| e.3 == 1.0));
        let dl = dir.join(format!("{network}.dl"));
        let igraph: Value =
            serde_json::from_str(&python(DL_IGRAPH, &[dl.to_str().unwrap()])).unwrap();
        assert_eq!(Canon::from_json(&igraph), expected, "{network}");
    }
}

const GML_IGRAPH: &str = r#"
import html, json, sys, igraph
g = igraph.Graph.Read_GML(sys.argv[1])
# igraph leaves &#N; as it is (the README says so).
labels = [html.unescape(l) for l in g.vs["label"]]
print(json.dumps({"directed": g.is_directed(), "nodes": labels,
    "edges": [[labels[e.source], labels[e.target], e["relation"], e["weight"]] for e in g.es],
    "names": g.vs["name"]}))
"#;

/// NetworkX reads GML and GraphML to the same nodes, edges and
/// attributes; prints what differs.
const GML_NETWORKX: &str = r#"
import json, sys, networkx as nx
gml = nx.read_gml(sys.argv[1], label="name")
graphml = nx.read_graphml(sys.argv[2])
problems = []
if gml.is_directed() != graphml.is_directed():
    problems.append("direction")
if dict(gml.nodes(data=True)) != dict(graphml.nodes(data=True)):
    for n, d in graphml.nodes(data=True):
        if gml.nodes.get(n) != d:
            problems.append(("node", n, d, gml.nodes.get(n)))
def edges(g):
    out = []
    for u, v, d in g.edges(data=True):
        d = {k: x for k, x in d.items() if k not in ("id", "key")}
        if not g.is_directed() and v < u:
            u, v = v, u
        out.append((u, v, sorted(d.items())))
    return sorted(out, key=repr)
if edges(gml) != edges(graphml):
    problems.append(("edges", edges(gml)[:3], edges(graphml)[:3]))
print(json.dumps({"problems": repr(problems), "nodes": gml.number_of_nodes(),
    "edges": gml.number_of_edges()}))
"#;

#[test]
fn gml_reads_back_in_networkx_with_every_attribute_and_in_igraph() {
    if !networkx_available() || !igraph_available() {
        return;
    }
    each_network(
        SEED_AND_TRICKY,
        &["gml", "graphml"],
        |case, name, dir, _| {
            let expected = from_csv(dir, name);
            let gml = dir.join(format!("{name}.gml"));
            let graphml = dir.join(format!("{name}.graphml"));
            let gml = gml.to_str().unwrap();
            let nx: Value =
                serde_json::from_str(&python(GML_NETWORKX, &[gml, graphml.to_str().unwrap()]))
                    .unwrap();
            assert_eq!(nx["problems"], "[]", "NetworkX, {case}, {name}");
            assert_eq!(nx["nodes"], expected.nodes.len(), "{case}, {name}");
            assert_eq!(nx["edges"], expected.edges.len(), "{case}, {name}");
            let igraph: Value = serde_json::from_str(&python(GML_IGRAPH, &[gml])).unwrap();
            assert_eq!(
                Canon::from_json(&igraph),
                expected,
                "igraph, {case}, {name}"
            );
        },
    );
    // Typed user attributes, a name GML cannot spell, and one that is GML's.
    let f = attributed();
    std::fs::write(
        f.path().join("d/countries.csv"),
        "id,label,eu,name,2nd\nde,Germany,true,Deutschland,x\n",
    )
    .unwrap();
    let out = succeeded(
        stancegraph(f.path())
            .args(["export", "d", "-o", "o", "-f", "gml", "-f", "graphml"])
            .output()
            .unwrap(),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("gml: GML keys are ASCII letters, digits and _ and some are GML's own, so it writes 'name' as 'name_2', '2nd' as 'attr_2nd'"),
        "{stderr}"
    );
    let o = f.path().join("o");
    let gml = std::fs::read_to_string(o.join("full.gml")).unwrap();
    assert!(gml.contains("    founded 1863\n"), "{gml}");
    assert!(gml.contains("    share 0.164\n"), "{gml}");
    assert!(gml.contains("    active 1\n"), "{gml}");
    assert!(gml.contains("    name_2 \"Deutschland\"\n"), "{gml}");
    let nx: Value = serde_json::from_str(&python(
        r#"
import json, sys, networkx as nx
g = nx.read_gml(sys.argv[1], label="name")
print(json.dumps({n: d for n, d in g.nodes(data=True)}))
"#,
        &[o.join("full.gml").to_str().unwrap()],
    ))
    .unwrap();
    assert_eq!(nx["gp"]["members"], 3000000000u64);
    assert_eq!(nx["spd"]["share"], 0.164);
    assert_eq!(nx["de"]["attr_2nd"], "x");
}

/// The directory of the Node packages and scripts of the tests.
fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// Whether Node and the cytoscape package are there (skipped with a
/// printed reason, or failing under `STANCEGRAPH_CONFORMANCE=1`, when not).
fn cytoscape_available() -> bool {
    if !tool_available("node", &["--version"]) {
        return false;
    }
    common::runs_unless(
        (!browser_dir().join("node_modules/cytoscape").is_dir())
            .then(|| "no cytoscape package (npm ci --prefix tests/browser)".to_string()),
    )
}

/// What Cytoscape.js, headless, makes of a `.cyjs` file
/// (tests/browser/cytoscape.mjs): the nodes' and edges' data, and how many
/// nodes it took for compound children.
fn read_cytoscape(file: &Path) -> Value {
    let out = succeeded(
        Command::new("node")
            .arg(browser_dir().join("cytoscape.mjs"))
            .arg(file)
            .output()
            .unwrap(),
    );
    // Cytoscape.js warns on stderr about ids it cannot take.
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn cytoscape_js_loads_every_node_and_edge() {
    if !cytoscape_available() {
        return;
    }
    each_network(SEED_AND_TRICKY, &["cytoscape"], |case, name, dir, _| {
        let expected = from_csv(dir, name);
        let cy = read_cytoscape(&dir.join(format!("{name}.cyjs")));
        let nodes = cy["nodes"].as_array().unwrap();
        let label_of: BTreeMap<&str, String> = nodes
            .iter()
            .map(|n| {
                (
                    n["id"].as_str().unwrap(),
                    n["label"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let got = Canon::new(
            cy["data"]["directed"].as_bool().unwrap(),
            label_of.values().cloned().collect(),
            cy["edges"].as_array().unwrap().iter().map(|e| {
                (
                    label_of[e["source"].as_str().unwrap()].clone(),
                    label_of[e["target"].as_str().unwrap()].clone(),
                    e["relation"].as_str().unwrap().to_string(),
                    e["weight"].as_f64().unwrap(),
                )
            }),
        );
        assert_eq!(got, expected, "{case}, {name}");
        assert_eq!(cy["children"], 0);
    });
    // An edge id that a node has, and a `parent` attribute.
    let f = fixture(&[
        (
            "d/statements.csv",
            b"actor,stance,agree\nE0,e1,yes\nx,e1,no\n",
        ),
        ("d/actors.csv", b"id,label,parent\ne0,E0,x\nx,X,e0\n"),
    ]);
    let out = succeeded(
        stancegraph(f.path())
            .args(["export", "d", "-o", "o", "-f", "cytoscape"])
            .output()
            .unwrap(),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("so it writes 'parent' as 'user_parent'"),
        "{stderr}"
    );
    let cy = read_cytoscape(&f.path().join("o/full.cyjs"));
    assert_eq!(cy["nodes"].as_array().unwrap().len(), 3);
    assert_eq!(cy["edges"].as_array().unwrap().len(), 2);
    assert_eq!(cy["edges"][0]["id"], "e0-edge");
    assert_eq!(cy["nodes"][0]["user_parent"], "x");
    assert_eq!(cy["children"], 0);
}

/// NetworkX reads the DOT (through pydot) and the GraphML; prints every
/// node's and edge's attributes from both, DOT values as written.
const DOT_AND_GRAPHML: &str = r#"
import json, sys, networkx as nx
dot = nx.nx_pydot.read_dot(sys.argv[1])
graphml = nx.read_graphml(sys.argv[2])
print(json.dumps({
    "dot_nodes": {n: d for n, d in dot.nodes(data=True)},
    "dot_edges": [[u, v, d] for u, v, d in dot.edges(data=True)],
    "graphml_nodes": {n: d for n, d in graphml.nodes(data=True)},
    "graphml_edges": [[u, v, d] for u, v, d in graphml.edges(data=True)],
}))
"#;

/// A GraphML value as DOT writes it.
fn as_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Line breaks as DOT writes them: each one `\n`.
fn one_kind_of_line_break(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

#[test]
fn dot_read_by_networkx_holds_every_attribute_graphml_holds() {
    if !networkx_available() || !tool_available("python3", &["-c", "import pydot"]) {
        return;
    }
    let attributed = attributed();
    let attributed_dir = attributed.path().join("d");
    let cases: Vec<(&str, Option<String>, Vec<&str>)> = vec![
        ("seed", None, vec![]),
        ("tricky", Some(TRICKY_CSV.to_string()), vec![]),
        ("seed congruence", None, vec!["--network", "congruence"]),
        ("attributed", None, vec![attributed_dir.to_str().unwrap()]),
    ];
    for (case, csv, args) in cases {
        let (_tmp, dir, _) = export(
            csv.as_deref(),
            &[&["-f", "dot", "-f", "graphml"], args.as_slice()].concat(),
        );
        let name = if case == "seed congruence" {
            "congruence"
        } else {
            "full"
        };
        let v: Value = serde_json::from_str(&python(
            DOT_AND_GRAPHML,
            &[
                dir.join(format!("{name}.dot")).to_str().unwrap(),
                dir.join(format!("{name}.graphml")).to_str().unwrap(),
            ],
        ))
        .unwrap();
        let unquote = |raw: &Value| {
            let raw = raw.as_str().unwrap();
            common::dot::unquote(raw).unwrap_or_else(|| raw.to_string())
        };
        let dot_nodes: BTreeMap<String, &Value> = v["dot_nodes"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, d)| (unquote(&Value::String(format!("\"{k}\""))), d))
            .collect();
        let graphml_nodes = v["graphml_nodes"].as_object().unwrap();
        let mut checked = 0;
        for (id, attrs) in graphml_nodes {
            // pydot reads the attributes of a node named as a DOT keyword,
            // quoted or not, as defaults (the README says so).
            if ["graph", "node", "edge"].contains(&id.as_str()) {
                continue;
            }
            let dot = dot_nodes
                .get(id)
                .unwrap_or_else(|| panic!("{case}: node {id} not in the DOT"));
            for (key, value) in attrs.as_object().unwrap() {
                // User attributes that Graphviz would read are renamed.
                let dot_key = match key.as_str() {
                    "label" => key.into(),
                    _ => stancegraph::export::dot::user_attr_name(key),
                };
                let written = dot.get(dot_key.as_ref()).unwrap_or_else(|| {
                    panic!("{case}: node {id} has no {dot_key} in the DOT: {dot}")
                });
                assert_eq!(
                    unquote(written),
                    one_kind_of_line_break(&as_text(value)),
                    "{case}: node {id}, {key}"
                );
                checked += 1;
            }
        }
        let dot_edges = v["dot_edges"].as_array().unwrap();
        let graphml_edges = v["graphml_edges"].as_array().unwrap();
        assert_eq!(dot_edges.len(), graphml_edges.len(), "{case}");
        for (d, g) in dot_edges.iter().zip(graphml_edges) {
            assert_eq!(
                unquote(&Value::String(format!("\"{}\"", d[0].as_str().unwrap()))),
                g[0].as_str().unwrap()
            );
            for (key, value) in g[2].as_object().unwrap() {
                if key == "id" {
                    continue;
                }
                let written = d[2]
                    .get(key)
                    .unwrap_or_else(|| panic!("{case}: edge {g} has no {key} in the DOT"));
                let expected = match (key.as_str(), value) {
                    // GraphML weights are doubles; DOT writes whole ones bare.
                    ("weight", Value::Number(n)) => {
                        stancegraph::export::format_weight(n.as_f64().unwrap())
                    }
                    _ => one_kind_of_line_break(&as_text(value)),
                };
                assert_eq!(unquote(written), expected, "{case}: edge {g}, {key}");
                checked += 1;
            }
        }
        assert!(checked > 50, "{case}: {checked}");
    }
}

#[test]
fn a_carriage_return_draws_as_a_line_break() {
    if !tool_available("dot", &["-V"]) {
        return;
    }
    let csv = "actor,stance,agree\n\"cr\rhere\",\"crlf\r\nhere\",yes\n";
    let (_tmp, dir, _) = export(Some(csv), &["-f", "dot"]);
    let dot = std::fs::read_to_string(dir.join("full.dot")).unwrap();
    assert!(dot.contains("label=\"cr\\nhere\""), "{dot}");
    assert!(dot.contains("label=\"crlf\\nhere\""), "{dot}");
    assert!(!dot.contains("\\r"), "{dot}");
    let svg = Command::new("dot")
        .args(["-Tsvg"])
        .arg(dir.join("full.dot"))
        .output()
        .unwrap();
    let svg = String::from_utf8(svg.stdout).unwrap();
    // Two centred lines each: Graphviz draws `\n` as a centred line break.
    for word in [">cr<", ">here<", ">crlf<"] {
        assert!(svg.contains(word), "{word}: {svg}");
    }
    assert!(!svg.contains("text-anchor=\"end\""), "{svg}");
}

#[test]
fn gexf_1_2draft_is_valid_and_read_by_networkx() {
    if !tool_available("xmllint", &["--version"]) || !networkx_available() {
        return;
    }
    let Some(schemas) = schemas_dir() else {
        return;
    };
    for (args, name) in NETWORKS {
        let (_tmp, dir, _) = export(
            None,
            &[
                &["-f", "csv", "-f", "gexf", "--gexf-version", "1.2draft"],
                *args,
            ]
            .concat(),
        );
        let file = dir.join(format!("{name}.gexf"));
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains("xmlns=\"http://www.gexf.net/1.2draft\""));
        // The 1.2draft XSD cannot check viz elements (the schemas' README).
        let stripped: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("<viz:"))
            .map(|l| format!("{l}\n"))
            .collect();
        let plain = dir.join("plain.gexf");
        std::fs::write(&plain, stripped).unwrap();
        let out = Command::new("xmllint")
            .args(["--nonet", "--noout", "--schema"])
            .arg(schemas.join("gexf/1.2draft/gexf.xsd"))
            .arg(&plain)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let expected = from_csv(&dir, name);
        let nx: Value = serde_json::from_str(&python(
            r#"
import json, sys, networkx as nx
g = nx.read_gexf(sys.argv[1], version="1.2draft")
labels = dict(g.nodes(data="label"))
print(json.dumps({"directed": g.is_directed(), "nodes": list(labels.values()),
    "edges": [[labels[u], labels[v], d["relation"], d["weight"]] for u, v, d in g.edges(data=True)],
    "spells": sum(1 for _, d in g.nodes(data=True) if d.get("spells"))}))
"#,
            &[file.to_str().unwrap()],
        ))
        .unwrap();
        assert_eq!(Canon::from_json(&nx), expected, "{name}");
        assert_eq!(
            nx["spells"],
            expected.nodes.len(),
            "{name}: every node has its time"
        );
    }
}

#[test]
fn non_latin_names_keep_their_script_in_ids() {
    let csv = "actor,stance,agree,country\nВолодимир Зеленський,Мир,yes,Україна\n北约,Мир,no,\nΑθήνα,ειρήνη,yes,Ελλάδα\n";
    let (_tmp, dir, _) = export(Some(csv), &["-f", "csv", "-f", "graphml"]);
    let nodes = std::fs::read_to_string(dir.join("full.nodes.csv")).unwrap();
    for id in [
        "володимир-зеленський",
        "україна",
        "мир",
        "北约",
        "αθήνα",
        "ελλάδα",
    ] {
        assert!(nodes.contains(&format!("\n{id},")), "{id}: {nodes}");
    }
    if !tool_available("xmllint", &["--version"]) {
        return;
    }
    let Some(schemas) = schemas_dir() else {
        return;
    };
    let (valid, messages) = validate_graphml(&schemas, &dir.join("full.graphml"));
    assert!(valid, "{messages}");
}

/// One GraphML document with a node per character, its id `a` and the
/// character.
fn graphml_of_ids(chars: &[char]) -> String {
    let mut doc = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n<graph edgedefault=\"directed\">\n",
    );
    for c in chars {
        doc.push_str(&format!("<node id=\"a{c}\"/>\n"));
    }
    doc.push_str("</graph>\n</graphml>\n");
    doc
}

#[test]
fn every_id_character_is_an_xml_name_character_to_xmllint() {
    if !tool_available("xmllint", &["--version"]) {
        return;
    }
    let Some(schemas) = schemas_dir() else {
        return;
    };
    // Every character of the Basic Multilingual Plane that XML text may
    // hold, beyond ASCII: those ids may hold must validate, and each of
    // the others must fail on its own line.
    let (ok, other): (Vec<char>, Vec<char>) = ('\u{80}'..='\u{FFFD}')
        .filter(|c| !('\u{80}'..='\u{9F}').contains(c))
        .partition(|c| stancegraph::names::is_id_char(*c));
    let dir = tempfile::tempdir().unwrap();
    let validate = |chars: &[char], name: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, graphml_of_ids(chars)).unwrap();
        validate_graphml(&schemas, &path)
    };
    let (valid, messages) = validate(&ok, "ok.graphml");
    assert!(
        valid,
        "{}",
        messages.lines().take(5).collect::<Vec<_>>().join("\n")
    );
    assert!(ok.len() > 30_000, "{}", ok.len());
    let (valid, messages) = validate(&other, "other.graphml");
    assert!(!valid);
    let failing_lines = messages
        .lines()
        .filter(|l| l.contains("is not a valid value of the atomic type 'xs:NMTOKEN'"))
        .count();
    assert_eq!(failing_lines, other.len());
}

/// pandas reads both tables exactly with the arguments the README gives:
/// `keep_default_na=False, na_values=[""]` keeps `NA` and `null` as text
/// and blanks as missing; `escapechar="\\"` reads the Gephi dialect.
const PANDAS: &str = r#"
import json, sys, pandas as pd
dialect, nodes, edges = sys.argv[1:4]
extra = {"escapechar": "\\"} if dialect == "gephi" else {}
n = pd.read_csv(nodes, keep_default_na=False, na_values=[""], **extra)
e = pd.read_csv(edges, keep_default_na=False, na_values=[""], **extra)
print(json.dumps({"labels": sorted(n["Label"]), "rows": len(e),
    "blank_topics": int(n["topic"].isna().sum()),
    "quotes": sorted(q for q in e["quote"] if isinstance(q, str))}))
"#;

#[test]
fn pandas_reads_the_tables_exactly_with_the_readme_arguments() {
    if !tool_available("python3", &["-c", "import pandas"]) {
        return;
    }
    let csv = "actor,stance,agree,quote\nNA,null,yes,\"C:\\new \"\"x\"\"\"\nN/A,None,no,NaN\n\"end\\\",nan,yes,\\\\server\n";
    for dialect in ["gephi", "rfc4180"] {
        let f = fixture(&[("s.csv", csv.as_bytes())]);
        succeeded(
            stancegraph(f.path())
                .args([
                    "export",
                    "s.csv",
                    "-o",
                    "o",
                    "-q",
                    "-f",
                    "csv",
                    "--csv-dialect",
                    dialect,
                ])
                .output()
                .unwrap(),
        );
        let o = f.path().join("o");
        let v: Value = serde_json::from_str(&python(
            PANDAS,
            &[
                dialect,
                o.join("full.nodes.csv").to_str().unwrap(),
                o.join("full.edges.csv").to_str().unwrap(),
            ],
        ))
        .unwrap();
        assert_eq!(
            v["labels"],
            serde_json::json!(["N/A", "NA", "None", "end\\", "nan", "null"]),
            "{dialect}"
        );
        assert_eq!(v["rows"], 3, "{dialect}");
        // No node has a topic: blank, read as missing.
        assert_eq!(v["blank_topics"], 6, "{dialect}");
        assert_eq!(
            v["quotes"],
            serde_json::json!(["C:\\new \"x\"", "NaN", "\\\\server"]),
            "{dialect}"
        );
    }
}

#[test]
fn rustworkx_reads_the_graphml() {
    if !tool_available("python3", &["-c", "import rustworkx"]) {
        return;
    }
    for (args, name) in NETWORKS {
        let (_tmp, dir, _) = export(None, &[&["-f", "csv", "-f", "graphml"], *args].concat());
        let v: Value = serde_json::from_str(&python(
            r#"
import json, sys, rustworkx as rx
g = rx.read_graphml(sys.argv[1])[0]
label = lambda i: g[i]["label"]
print(json.dumps({"directed": isinstance(g, rx.PyDiGraph),
    "nodes": [label(i) for i in g.node_indices()],
    "edges": [[label(s), label(t), d["relation"], d["weight"]] for s, t, d in g.weighted_edge_list()]}))
"#,
            &[dir.join(format!("{name}.graphml")).to_str().unwrap()],
        ))
        .unwrap();
        assert_eq!(Canon::from_json(&v), from_csv(&dir, name), "{name}");
    }
}
