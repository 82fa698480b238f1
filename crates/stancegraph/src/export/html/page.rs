//! The page's data: the network laid out, with the statements behind each
//! node and edge.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::layout::Positions;
use crate::model::{Dataset, Polarity, Statement};
use crate::network::{
    EdgeData, Network, NodeKind, Relation, by_actor_stance_polarity, by_actor_target_polarity,
};

use super::super::attrs::{Column, Value, node_columns};
use super::super::legend::{LegendEntry, entries};
use super::super::style::{coalition_color, coalition_legend, edge_style, fill, hex};
use super::super::{display_weight, format_weight, title};
use super::LISTED;

#[derive(Serialize)]
pub(super) struct Page<'a> {
    pub(super) title: String,
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
    /// The largest weight as the legend shows it.
    max_weight_text: String,
    /// The colours the data gives nodes, and what they stand for.
    colours: Vec<ViewColour>,
    shown_edges: usize,
    total_edges: usize,
    /// The coalitions, for the filter (none without `--coalitions`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    coalitions: Vec<ViewCoalition>,
    /// For a series over time: its slices, which the view plays.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    slices: Vec<ViewSlice>,
}

/// One slice of a series: its middle, first and last day.
#[derive(Serialize)]
pub(super) struct ViewSlice {
    pub(super) middle: String,
    pub(super) start: String,
    pub(super) stop: String,
}

#[derive(Serialize)]
struct ViewCoalition {
    number: u32,
    label: String,
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
    /// The actor's coalition.
    #[serde(skip_serializing_if = "Option::is_none")]
    coalition: Option<u32>,
    /// For a series with coalitions: the node's coalition in each slice.
    #[serde(skip_serializing_if = "Option::is_none")]
    cc: Option<Vec<Option<u32>>>,
    /// And its colour in each.
    #[serde(skip_serializing_if = "Option::is_none")]
    colors: Option<Vec<String>>,
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
    /// For a series: the weight in each slice (0 where it is absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    w: Option<Vec<f64>>,
}

#[derive(Serialize)]
struct ViewStatement<'a> {
    actor: &'a str,
    /// The stance, and whom the statement addresses where it names a
    /// target (`stance → target`).
    stance: Cow<'a, str>,
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
struct ViewColour {
    color: String,
    meaning: String,
}

#[derive(Serialize)]
struct ViewRelation {
    relation: &'static str,
    color: String,
    line: &'static str,
}

/// Which statements stand behind what, by the dataset's indices.
struct Evidence {
    by_actor: Grouped,
    by_stance: Grouped,
    /// Ordered by actor, stance and polarity, input order within each.
    by_actor_stance: Vec<u32>,
    /// The statements that name a target, ordered by actor, target and
    /// polarity, input order within each; empty unless the network has
    /// actor → target edges.
    by_actor_target: Vec<u32>,
}

impl Evidence {
    fn of(ds: &Dataset, net: &Network) -> Evidence {
        let statements = ds.statements.iter();
        Evidence {
            by_actor: Grouped::of(ds.actors.len(), statements.clone().map(|s| s.actor())),
            by_stance: Grouped::of(ds.stances.len(), statements.map(|s| s.stance())),
            by_actor_stance: by_actor_stance_polarity(ds),
            by_actor_target: if net.interaction {
                by_actor_target_polarity(ds)
            } else {
                Vec::new()
            },
        }
    }

    /// An actor's statements with this polarity on a stance or, for an
    /// actor → target edge (`addressed`), to a target: in input order.
    fn said(
        &self,
        ds: &Dataset,
        (actor, other, polarity): (usize, usize, Polarity),
        addressed: bool,
    ) -> &[u32] {
        let list = if addressed {
            &self.by_actor_target
        } else {
            &self.by_actor_stance
        };
        let key = |i: &u32| {
            let s = &ds.statements[*i as usize];
            // Every statement of `by_actor_target` has a target.
            let other = if addressed {
                s.target().unwrap_or(0)
            } else {
                s.stance()
            };
            (s.actor(), other, s.polarity)
        };
        let start = list.partition_point(|i| key(i) < (actor, other, polarity));
        let len = list[start..].partition_point(|i| key(i) == (actor, other, polarity));
        &list[start..start + len]
    }
}

/// Item indices grouped by a key below `n`, each group in input order,
/// held in one list (4 bytes an item).
struct Grouped {
    /// Where each key's group starts in `items`; one more at the end.
    starts: Vec<u32>,
    items: Vec<u32>,
}

impl Grouped {
    fn of(n: usize, keys: impl Iterator<Item = usize> + Clone) -> Grouped {
        let mut starts = vec![0u32; n + 1];
        for k in keys.clone() {
            starts[k + 1] += 1;
        }
        for k in 1..=n {
            starts[k] += starts[k - 1];
        }
        let mut next = starts.clone();
        let mut items = vec![0; starts[n] as usize];
        for (i, k) in keys.enumerate() {
            items[next[k] as usize] = i as u32;
            next[k] += 1;
        }
        Grouped { starts, items }
    }

    /// The items of key `k`, in input order.
    fn get(&self, k: usize) -> &[u32] {
        &self.items[self.starts[k] as usize..self.starts[k + 1] as usize]
    }
}

/// The statements behind an edge: an actor's on a stance (of the edge's
/// polarity where it has one), an actor's addressed to another for an
/// interaction edge, or two actors' on the stances both spoke about.
fn edge_statements(
    ds: &Dataset,
    ev: &Evidence,
    (a, b): (Option<usize>, Option<usize>),
    stance: Option<usize>,
    edge: &EdgeData,
) -> Vec<u32> {
    // An interaction edge's other end is the target, an actor.
    let addressed = edge.is_interaction();
    let other = if addressed { b } else { stance };
    match (a, b, other) {
        (Some(a), _, Some(o)) => {
            let said = |p| ev.said(ds, (a, o, p), addressed);
            match edge.relation {
                Relation::Agree => said(Polarity::Agree).to_vec(),
                Relation::Disagree => said(Polarity::Disagree).to_vec(),
                // Both polarities, in input order.
                _ => {
                    let mut both = [said(Polarity::Agree), said(Polarity::Disagree)].concat();
                    both.sort_unstable();
                    both
                }
            }
        }
        (Some(a), Some(b), None) => {
            let of = |x: usize| ev.by_actor.get(x);
            let stance_of = |&i: &u32| ds.statements[i as usize].stance();
            let stances_a: BTreeSet<usize> = of(a).iter().map(stance_of).collect();
            let stances_b: BTreeSet<usize> = of(b).iter().map(stance_of).collect();
            let mut out: Vec<u32> = of(a)
                .iter()
                .chain(of(b))
                .copied()
                .filter(|i| {
                    let s = stance_of(i);
                    stances_a.contains(&s) && stances_b.contains(&s)
                })
                .collect();
            out.sort_unstable();
            out
        }
        _ => Vec::new(),
    }
}

/// The page's data: the network laid out, with its evidence.
pub(super) fn page<'a>(
    net: &'a Network,
    ds: &'a Dataset,
    total_edges: usize,
    positions: Positions,
) -> Page<'a> {
    let g = &net.graph;
    let columns = node_columns(net);
    let ev = Evidence::of(ds, net);
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
    let mut listed: Vec<u32> = Vec::new();
    let mut slot: HashMap<u32, u32> = HashMap::new();
    let mut refer = |found: &[u32], most: usize| -> Vec<u32> {
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
    let per_node = (LISTED / g.node_count().max(1)).clamp(5, 200);
    let per_edge = (LISTED / g.edge_count().max(1)).clamp(3, 50);
    let mut nodes = Vec::with_capacity(g.node_count());
    for (n, &(x, y)) in g.node_weights().zip(&positions.xy) {
        let found: Cow<[u32]> = match n.kind {
            NodeKind::Stance => match stance_of.get(n.id.as_str()) {
                Some(&s) => Cow::Borrowed(ev.by_stance.get(s)),
                None => Cow::Borrowed(&[]),
            },
            _ => match actor_of.get(n.id.as_str()) {
                Some(&a) => Cow::Borrowed(ev.by_actor.get(a)),
                // A country that only its actors speak for.
                None => (0..ds.statements.len() as u32)
                    .filter(|&i| {
                        let a = &ds.actors[ds.statements[i as usize].actor()];
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
            coalition: n.coalition,
            cc: None,
            colors: None,
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
            d,
        );
        let mut topics: Vec<&str> = found
            .iter()
            .filter_map(|&i| {
                ds.stances[ds.statements[i as usize].stance()]
                    .topic
                    .as_deref()
            })
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
            w: None,
        });
    }
    let statements = listed
        .iter()
        .map(|&i| view_statement(ds, &ds.statements[i as usize]))
        .collect();
    // The legend's kinds and colours, as the pictures' legend has them.
    let (mut kinds, mut colours) = (Vec::new(), Vec::new());
    for entry in entries(net) {
        match entry {
            LegendEntry::Kind { kind, color, shape } => kinds.push(ViewKind {
                kind: kind.as_str(),
                color,
                shape,
            }),
            LegendEntry::Colour { color, meaning } => colours.push(ViewColour { color, meaning }),
            _ => {}
        }
    }
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
        title: title(ds, net, &[]),
        network: &net.name,
        directed: net.directed,
        layout: positions.by,
        nodes,
        edges,
        statements,
        kinds,
        relations,
        topics,
        dates: first.zip(last).map(|(f, l)| (f.to_string(), l.to_string())),
        max_weight: max,
        max_weight_text: display_weight(max),
        colours,
        shown_edges: g.edge_count(),
        total_edges,
        coalitions: coalition_legend(net)
            .into_iter()
            .map(|(number, _, label)| ViewCoalition { number, label })
            .collect(),
        slices: Vec::new(),
    }
}

impl Page<'_> {
    /// Makes the page a series: its slices, each edge's weight in each (in
    /// edge order), and with coalitions each node's coalition in each (in
    /// node order), coloured by it, the legend and the filter listing every
    /// coalition number of the series.
    pub(super) fn play(
        &mut self,
        slices: Vec<ViewSlice>,
        weights: Vec<Vec<f64>>,
        coalitions: Option<Vec<Vec<Option<u32>>>>,
    ) {
        self.slices = slices;
        for (e, w) in self.edges.iter_mut().zip(weights) {
            e.w = Some(w);
        }
        let Some(coalitions) = coalitions else {
            return;
        };
        let mut numbers: Vec<u32> = coalitions.iter().flatten().flatten().copied().collect();
        numbers.sort_unstable();
        numbers.dedup();
        for (n, cc) in self.nodes.iter_mut().zip(coalitions) {
            n.colors = Some(
                cc.iter()
                    .map(|c| c.map_or_else(|| n.color.clone(), |c| hex(coalition_color(c))))
                    .collect(),
            );
            n.cc = Some(cc);
        }
        for &c in &numbers {
            self.colours.push(ViewColour {
                color: hex(coalition_color(c)),
                meaning: format!("coalition {c}"),
            });
        }
        self.coalitions = numbers
            .into_iter()
            .map(|number| ViewCoalition {
                number,
                label: format!("coalition {number}"),
            })
            .collect();
    }
}

fn view_statement<'a>(ds: &'a Dataset, s: &'a Statement) -> ViewStatement<'a> {
    ViewStatement {
        actor: &ds.actors[s.actor()].label,
        stance: match s.target() {
            None => Cow::Borrowed(&ds.stances[s.stance()].label),
            Some(t) => Cow::Owned(format!(
                "{} → {}",
                ds.stances[s.stance()].label,
                ds.actors[t].label
            )),
        },
        polarity: s.polarity.as_str(),
        date: s.date.map(|d| Value::Date(d).text()),
        source: s.source().map(|i| ds.sources[i].as_str()),
        quote: s.quote.as_deref(),
        count: (s.count != 1).then_some(s.count),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::seed;
    use crate::network::{Kind, Options, build};

    #[test]
    fn edges_carry_the_statements_behind_them() {
        let ds = seed();
        let opts = Options {
            kind: Kind::Congruence,
            ..Options::default()
        };
        let net = build(&ds, &opts).unwrap().network;
        let page = page(
            &net,
            &ds,
            net.graph.edge_count(),
            crate::layout::spring(&net),
        );
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
