//! The HTML view (`-f html`, `<network>.html`): one self-contained page
//! that works offline. The network is laid out before the page is written
//! (by Graphviz when it is installed and the network small, else by a
//! spring layout in Rust) and drawn on a canvas by a small script in the
//! page (`html/view.js`, written for stancegraph; no library is fetched or
//! embedded): zoom and pan, a click on a node or an edge shows its
//! attributes and the statements behind it with their quotes, a search box,
//! filters by relation and topic, a legend, and for dated data a time
//! slider.
//!
//! Every label and quote reaches the page as JSON inside a
//! `<script type="application/json">` element, with `<`, `>` and `&`
//! escaped, and the script shows text only through `textContent` and the
//! canvas: a label cannot become markup or code.

use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};
use std::time::Duration;

use serde::Serialize;

use crate::graph::{Network, NodeKind, Relation};
use crate::model::{Dataset, Polarity, Statement};
use crate::render;

use super::attrs::{Column, Value, node_columns};
use super::dot::node_shape;
use super::format_weight;
use super::style::{edge_style, fill, hex, node_color};

/// The most edges the page draws: a bigger network shows its strongest.
pub const MAX_EDGES: usize = 20_000;
/// How many statements the page lists for its nodes in all, and again for
/// its edges: each node lists its first statements, at most
/// `LISTED / nodes` of them (at least 5, at most 200), each edge at most
/// `LISTED / edges` (at least 3, at most 50); the page says how many there
/// are. A big network's page stays tens of megabytes.
pub const LISTED: usize = 50_000;

/// How long Graphviz may take to lay the network out before the spring
/// layout is used instead.
const LAYOUT_LIMIT: Duration = Duration::from_secs(30);

#[derive(Serialize)]
struct Page<'a> {
    title: String,
    network: &'a str,
    directed: bool,
    layout: String,
    nodes: Vec<ViewNode<'a>>,
    edges: Vec<ViewEdge<'a>>,
    statements: Vec<ViewStatement<'a>>,
    kinds: Vec<ViewKind>,
    relations: Vec<ViewRelation>,
    topics: Vec<&'a str>,
    dates: Option<(String, String)>,
    max_weight: f64,
    shown_edges: usize,
    total_edges: usize,
}

#[derive(Serialize)]
struct ViewNode<'a> {
    id: &'a str,
    label: &'a str,
    kind: &'static str,
    color: String,
    x: f64,
    y: f64,
    statements: u64,
    first: Option<String>,
    last: Option<String>,
    /// (name, value) of every attribute.
    attrs: Vec<(String, String)>,
    /// Indices into the page's statements.
    st: Vec<u32>,
}

#[derive(Serialize)]
struct ViewEdge<'a> {
    s: usize,
    t: usize,
    relation: &'static str,
    weight: f64,
    weight_text: String,
    color: String,
    line: &'static str,
    width: f64,
    first: Option<String>,
    last: Option<String>,
    topics: Vec<&'a str>,
    statements: u64,
    st: Vec<u32>,
}

#[derive(Serialize)]
struct ViewStatement<'a> {
    actor: &'a str,
    stance: &'a str,
    polarity: &'static str,
    date: Option<String>,
    source: Option<&'a str>,
    quote: Option<&'a str>,
    /// How many statements it stands for, when more than one.
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<u32>,
}

#[derive(Serialize)]
struct ViewKind {
    kind: &'static str,
    color: String,
    shape: &'static str,
}

#[derive(Serialize)]
struct ViewRelation {
    relation: &'static str,
    color: String,
    line: &'static str,
}

/// Which statements stand behind what, by the dataset's indices.
struct Evidence {
    by_actor: HashMap<usize, Vec<usize>>,
    by_stance: HashMap<usize, Vec<usize>>,
}

impl Evidence {
    fn of(ds: &Dataset) -> Evidence {
        let mut e = Evidence {
            by_actor: HashMap::new(),
            by_stance: HashMap::new(),
        };
        for (i, s) in ds.statements.iter().enumerate() {
            e.by_actor.entry(s.actor).or_default().push(i);
            e.by_stance.entry(s.stance).or_default().push(i);
        }
        e
    }
}

/// The statements behind an edge: an actor's on a stance (of the edge's
/// polarity where it has one), or two actors' on the stances both spoke
/// about.
fn edge_statements(
    ds: &Dataset,
    ev: &Evidence,
    (a, b): (Option<usize>, Option<usize>),
    stance: Option<usize>,
    relation: Relation,
) -> Vec<usize> {
    let none = Vec::new();
    match (a, b, stance) {
        (Some(a), _, Some(s)) => {
            let polarity = match relation {
                Relation::Agree => Some(Polarity::Agree),
                Relation::Disagree => Some(Polarity::Disagree),
                _ => None,
            };
            ev.by_actor
                .get(&a)
                .unwrap_or(&none)
                .iter()
                .copied()
                .filter(|&i| {
                    let st = &ds.statements[i];
                    st.stance == s && polarity.is_none_or(|p| st.polarity == p)
                })
                .collect()
        }
        (Some(a), Some(b), None) => {
            let of = |x: usize| ev.by_actor.get(&x).unwrap_or(&none);
            let stances_a: BTreeSet<usize> =
                of(a).iter().map(|&i| ds.statements[i].stance).collect();
            let stances_b: BTreeSet<usize> =
                of(b).iter().map(|&i| ds.statements[i].stance).collect();
            let mut out: Vec<usize> = of(a)
                .iter()
                .chain(of(b))
                .copied()
                .filter(|&i| {
                    let s = ds.statements[i].stance;
                    stances_a.contains(&s) && stances_b.contains(&s)
                })
                .collect();
            out.sort_unstable();
            out
        }
        _ => Vec::new(),
    }
}

/// Writes the page's JSON for embedding: `<`, `>` and `&` as `\u` escapes,
/// so that no text can close the script element or open a comment.
fn embedded_json(page: &Page<'_>) -> io::Result<String> {
    let json = serde_json::to_string(page)?;
    let mut out = String::with_capacity(json.len() + json.len() / 50);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// Escapes text for HTML element content and attribute values.
///
/// ```
/// use stancegraph::export::html::escape;
/// assert_eq!(escape(r#"<b>"x" & 'y'</b>"#), "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Who lays the network out for the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Layout {
    /// Graphviz when it is installed and the network has at most 300
    /// nodes, else stancegraph's spring layout.
    #[default]
    Auto,
    /// stancegraph's spring layout: the same bytes on every machine, and
    /// no Graphviz run.
    Spring,
}

/// The page's data: the network laid out, with its evidence.
fn page<'a>(net: &'a Network, ds: &'a Dataset, total_edges: usize, layout: Layout) -> Page<'a> {
    let g = &net.graph;
    let positions = match layout {
        Layout::Auto => render::positions(net, LAYOUT_LIMIT),
        Layout::Spring => render::spring_positions(net),
    };
    let columns = node_columns(net);
    let ev = Evidence::of(ds);
    let actor_of: HashMap<&str, usize> = ds
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let stance_of: HashMap<&str, usize> = ds
        .stances
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    // Statements are listed once in the page, in dataset order.
    let mut listed: Vec<usize> = Vec::new();
    let mut slot: HashMap<usize, u32> = HashMap::new();
    let mut refer = |found: &[usize], most: usize| -> Vec<u32> {
        found
            .iter()
            .take(most)
            .map(|&i| {
                *slot.entry(i).or_insert_with(|| {
                    listed.push(i);
                    (listed.len() - 1) as u32
                })
            })
            .collect()
    };
    let none = Vec::new();
    let per_node = (LISTED / g.node_count().max(1)).clamp(5, 200);
    let per_edge = (LISTED / g.edge_count().max(1)).clamp(3, 50);
    let mut nodes = Vec::with_capacity(g.node_count());
    for (n, &(x, y)) in g.node_weights().zip(&positions.xy) {
        let found: Vec<usize> = match n.kind {
            NodeKind::Stance => stance_of
                .get(n.id.as_str())
                .and_then(|s| ev.by_stance.get(s))
                .unwrap_or(&none)
                .clone(),
            _ => match actor_of.get(n.id.as_str()) {
                Some(a) => ev.by_actor.get(a).unwrap_or(&none).clone(),
                // A country that only its actors speak for.
                None => (0..ds.statements.len())
                    .filter(|&i| {
                        let a = &ds.actors[ds.statements[i].actor];
                        a.country.is_some_and(|c| ds.countries[c].id == n.id)
                    })
                    .collect(),
            },
        };
        let mut attrs = Vec::new();
        for c in &columns {
            if let Some(v) = c.get(n) {
                attrs.push((c.name().to_string(), v.text()));
            }
        }
        nodes.push(ViewNode {
            id: &n.id,
            label: &n.label,
            kind: n.kind.as_str(),
            color: hex(fill(n)),
            x,
            y,
            statements: n.statements,
            first: n.first_date.map(|d| Value::Date(d).text()),
            last: n.last_date.map(|d| Value::Date(d).text()),
            attrs,
            st: refer(&found, per_node),
        });
    }
    let max = net.max_weight();
    let mut edges = Vec::with_capacity(g.edge_count());
    let mut relations: Vec<ViewRelation> = Vec::new();
    for e in g.edge_indices() {
        let (s, t) = g.edge_endpoints(e).expect("edge index from the graph");
        let d = &g[e];
        let (color, line) = edge_style(d);
        if !relations.iter().any(|r| r.relation == d.relation.as_str()) {
            relations.push(ViewRelation {
                relation: d.relation.as_str(),
                color: hex(color),
                line: line.as_str(),
            });
        }
        let (source, target) = (&g[s], &g[t]);
        let found = edge_statements(
            ds,
            &ev,
            (
                actor_of.get(source.id.as_str()).copied(),
                actor_of.get(target.id.as_str()).copied(),
            ),
            (target.kind == NodeKind::Stance)
                .then(|| stance_of.get(target.id.as_str()).copied())
                .flatten(),
            d.relation,
        );
        let mut topics: Vec<&str> = found
            .iter()
            .filter_map(|&i| ds.stances[ds.statements[i].stance].topic.as_deref())
            .collect();
        topics.sort_unstable();
        topics.dedup();
        let width = if d.relation != Relation::Affiliation && max > 0.0 {
            1.0 + 3.0 * d.weight.abs() / max
        } else {
            1.0
        };
        edges.push(ViewEdge {
            s: s.index(),
            t: t.index(),
            relation: d.relation.as_str(),
            weight: d.weight,
            weight_text: format_weight(d.weight),
            color: hex(color),
            line: line.as_str(),
            width,
            first: d.first_date.map(|d| Value::Date(d).text()),
            last: d.last_date.map(|d| Value::Date(d).text()),
            topics,
            statements: d.statements,
            st: refer(&found, per_edge),
        });
    }
    let statements = listed
        .iter()
        .map(|&i| view_statement(ds, &ds.statements[i]))
        .collect();
    let kinds: BTreeSet<NodeKind> = g.node_weights().map(|n| n.kind).collect();
    let mut topics: Vec<&str> = g
        .node_weights()
        .filter_map(|n| n.topic.as_deref())
        .chain(ds.stances.iter().filter_map(|s| s.topic.as_deref()))
        .collect();
    topics.sort_unstable();
    topics.dedup();
    let first = ds.statements.iter().filter_map(|s| s.date).min();
    let last = ds.statements.iter().filter_map(|s| s.date).max();
    Page {
        title: render::title(ds, net, &[]),
        network: &net.name,
        directed: net.directed,
        layout: positions.by,
        nodes,
        edges,
        statements,
        kinds: kinds
            .into_iter()
            .map(|k| ViewKind {
                kind: k.as_str(),
                color: hex(node_color(k)),
                shape: node_shape(k),
            })
            .collect(),
        relations,
        topics,
        dates: first.zip(last).map(|(f, l)| (f.to_string(), l.to_string())),
        max_weight: max,
        shown_edges: g.edge_count(),
        total_edges,
    }
}

fn view_statement<'a>(ds: &'a Dataset, s: &'a Statement) -> ViewStatement<'a> {
    ViewStatement {
        actor: &ds.actors[s.actor].label,
        stance: &ds.stances[s.stance].label,
        polarity: s.polarity.as_str(),
        date: s.date.map(|d| Value::Date(d).text()),
        source: s.source.map(|i| ds.sources[i].as_str()),
        quote: s.quote.as_deref(),
        count: (s.count != 1).then_some(s.count),
    }
}

/// The page around the data: markup, style and script.
const TEMPLATE: &str = include_str!("html/view.html");
const STYLE: &str = include_str!("html/view.css");
const SCRIPT: &str = include_str!("html/view.js");

/// Writes the HTML view of a network built from the statements of `ds`,
/// laid out as `layout` says. Networks with more than [`MAX_EDGES`] edges
/// show their strongest.
pub fn write(net: &Network, ds: &Dataset, layout: Layout, w: &mut dyn Write) -> io::Result<()> {
    let total = net.edge_count();
    // The view holds its edges: at most MAX_EDGES, chosen without holding
    // more.
    let shown = net.strongest(MAX_EDGES);
    let net = &shown;
    let page = page(net, ds, total, layout);
    let html = TEMPLATE
        .replace("{{title}}", &escape(&page.title))
        .replace("{{style}}", STYLE)
        .replace("{{data}}", &embedded_json(&page)?)
        .replace("{{script}}", SCRIPT);
    w.write_all(html.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Input, LoadOptions, load};
    use crate::network::{Kind, Options, build};

    fn seed() -> Dataset {
        load(&Input::Embedded, &LoadOptions::default())
            .unwrap()
            .dataset
    }

    #[test]
    fn the_embedded_data_cannot_close_its_script_element() {
        let mut ds = seed();
        ds.actors[0].label = "</script><script>alert(1)</script>".into();
        ds.stances[0].label = "\" onmouseover=\"alert(1)".into();
        ds.statements[0].quote = Some("<!-- & -->".into());
        let net = crate::network::full(&ds);
        let mut out = Vec::new();
        write(&net, &ds, Layout::Spring, &mut out).unwrap();
        let html = String::from_utf8(out).unwrap();
        // One script element of data and one of code, nothing else.
        assert_eq!(html.matches("<script").count(), 2, "{html}");
        assert_eq!(html.matches("</script>").count(), 2);
        assert!(!html.contains("<!--"));
        let start = html.find("id=\"sg-data\">").unwrap() + "id=\"sg-data\">".len();
        let end = start + html[start..].find("</script>").unwrap();
        let data: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
        assert_eq!(
            data["nodes"][0]["label"],
            "</script><script>alert(1)</script>"
        );
        let labels: Vec<&str> = data["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["label"].as_str().unwrap())
            .collect();
        assert!(labels.contains(&"\" onmouseover=\"alert(1)"));
    }

    #[test]
    fn edges_carry_the_statements_behind_them() {
        let ds = seed();
        let opts = Options {
            kind: Kind::Congruence,
            ..Options::default()
        };
        let net = build(&ds, &opts).unwrap().network;
        let page = page(&net, &ds, net.graph.edge_count(), Layout::Auto);
        let id = |i: usize| page.nodes[i].id;
        let e = page
            .edges
            .iter()
            .find(|e| id(e.s) == "hegseth" && id(e.t) == "trump")
            .unwrap();
        // Hegseth and Trump share ukraine-in-nato, pre-2014-borders,
        // negotiate-now, europe-carries-aid and us-troops: 5 + 6 statements.
        assert_eq!(e.st.len(), 11);
        for &i in &e.st {
            let s = &page.statements[i as usize];
            assert!(["Pete Hegseth", "Donald Trump"].contains(&s.actor));
        }
        let hegseth = page.nodes.iter().find(|n| n.id == "hegseth").unwrap();
        assert_eq!(hegseth.st.len(), 9);
        assert!(page.dates.is_some());
    }
}
