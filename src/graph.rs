//! The network: a petgraph graph of actors, countries and stances with typed,
//! weighted edges, built from a [`Dataset`].
//!
//! ```
//! use stancegraph::{graph::Network, load::{load, Input}};
//! let net = Network::full(&load(&Input::Embedded).unwrap());
//! assert!(net.graph.node_count() > 20);
//! ```

use std::collections::HashMap;

use chrono::NaiveDate;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::model::{ActorKind, Dataset, Polarity};

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    /// An actor who is a person.
    Person,
    /// An actor that is an organization.
    Organization,
    /// A country, whether it speaks or is only belonged to.
    Country,
    /// A stance.
    Stance,
}

impl NodeKind {
    /// The lower-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Person => "person",
            NodeKind::Organization => "organization",
            NodeKind::Country => "country",
            NodeKind::Stance => "stance",
        }
    }
}

impl From<ActorKind> for NodeKind {
    fn from(kind: ActorKind) -> NodeKind {
        match kind {
            ActorKind::Person => NodeKind::Person,
            ActorKind::Organization => NodeKind::Organization,
            ActorKind::Country => NodeKind::Country,
        }
    }
}

/// What an edge says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Relation {
    /// Actor agrees with stance.
    Agree,
    /// Actor disagrees with stance.
    Disagree,
    /// Actor belongs to or speaks for country.
    Affiliation,
    /// Two-mode, polarity ignored: actor spoke about the stance.
    Any,
    /// Two-mode, `combine`: actor both agreed and disagreed (weight 3).
    Both,
    /// Two-mode, `subtract`: agree count minus disagree count.
    Net,
    /// One-mode: shared polarities on the same stances.
    Congruence,
    /// One-mode: opposite polarities on the same stances.
    Conflict,
    /// One-mode: congruence minus conflict.
    Subtract,
    /// One-mode: statements on the same stances, polarity ignored.
    Cooccurrence,
}

impl Relation {
    /// The lower-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Agree => "agree",
            Relation::Disagree => "disagree",
            Relation::Affiliation => "affiliation",
            Relation::Any => "any",
            Relation::Both => "both",
            Relation::Net => "net",
            Relation::Congruence => "congruence",
            Relation::Conflict => "conflict",
            Relation::Subtract => "subtract",
            Relation::Cooccurrence => "cooccurrence",
        }
    }
}

impl From<Polarity> for Relation {
    fn from(p: Polarity) -> Relation {
        match p {
            Polarity::Agree => Relation::Agree,
            Polarity::Disagree => Relation::Disagree,
        }
    }
}

/// A node and its attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeData {
    /// The node id, the same in every format.
    pub id: String,
    /// The human name.
    pub label: String,
    /// What the node stands for.
    pub kind: NodeKind,
    /// For actors: the id of their country.
    pub country: Option<String>,
    /// For actors: their role.
    pub role: Option<String>,
    /// For stances: their topic.
    pub topic: Option<String>,
    /// How many statements the node takes part in (made by an actor, made
    /// about a stance, made by a country's actors).
    pub statements: u64,
    /// The earliest date of those statements.
    pub first_date: Option<NaiveDate>,
    /// The latest date of those statements.
    pub last_date: Option<NaiveDate>,
}

/// An edge and its attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeData {
    /// What the edge says.
    pub relation: Relation,
    /// The edge weight: the number of statements for agree and disagree
    /// edges, 1 for affiliation.
    pub weight: f64,
    /// How many statements the edge stands for.
    pub statements: u64,
    /// The earliest statement date.
    pub first_date: Option<NaiveDate>,
    /// The latest statement date.
    pub last_date: Option<NaiveDate>,
    /// How many distinct sources the statements come from (two-mode edges).
    pub sources: Option<u64>,
    /// The first statement's quote, as evidence.
    pub quote: Option<String>,
}

impl EdgeData {
    fn affiliation() -> EdgeData {
        EdgeData {
            relation: Relation::Affiliation,
            weight: 1.0,
            statements: 0,
            first_date: None,
            last_date: None,
            sources: None,
            quote: None,
        }
    }
}

/// A network ready to export: any exporter writes any network.
#[derive(Debug, Clone)]
pub struct Network {
    /// The network's name, used for file names (`full`, `congruence`, ...).
    pub name: String,
    /// Whether edges are directed (two-mode) or undirected (one-mode).
    pub directed: bool,
    /// The graph. Node and edge order is the output order.
    pub graph: DiGraph<NodeData, EdgeData>,
}

/// How often and when something was said: a count with its date range.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Activity {
    /// How many statements.
    pub count: u64,
    /// The earliest statement date.
    pub first: Option<NaiveDate>,
    /// The latest statement date.
    pub last: Option<NaiveDate>,
}

impl Activity {
    /// Counts one statement made on `date`.
    pub fn add(&mut self, date: Option<NaiveDate>) {
        self.count += 1;
        self.widen(date, date);
    }

    /// Adds another activity to this one.
    pub fn merge(&mut self, other: &Activity) {
        self.count += other.count;
        self.widen(other.first, other.last);
    }

    fn widen(&mut self, first: Option<NaiveDate>, last: Option<NaiveDate>) {
        if let Some(f) = first {
            self.first = Some(self.first.map_or(f, |x| x.min(f)));
        }
        if let Some(l) = last {
            self.last = Some(self.last.map_or(l, |x| x.max(l)));
        }
    }
}

/// A node for each actor of the dataset, with its activity.
pub(crate) fn actor_node(ds: &Dataset, a: usize, activity: &Activity) -> NodeData {
    let actor = &ds.actors[a];
    NodeData {
        id: actor.id.clone(),
        label: actor.label.clone(),
        kind: actor.kind.into(),
        country: actor.country.map(|c| ds.countries[c].id.clone()),
        role: actor.role.clone(),
        topic: None,
        statements: activity.count,
        first_date: activity.first,
        last_date: activity.last,
    }
}

/// A node for each stance of the dataset, with its activity.
pub(crate) fn stance_node(ds: &Dataset, s: usize, activity: &Activity) -> NodeData {
    let stance = &ds.stances[s];
    NodeData {
        id: stance.id.clone(),
        label: stance.label.clone(),
        kind: NodeKind::Stance,
        country: None,
        role: None,
        topic: stance.topic.clone(),
        statements: activity.count,
        first_date: activity.first,
        last_date: activity.last,
    }
}

/// What a group of statements adds up to as one two-mode edge.
pub(crate) struct Group<'a> {
    pub activity: Activity,
    pub sources: u64,
    pub quote: Option<&'a str>,
}

impl<'a> Group<'a> {
    /// Sums up statements (indices into `ds.statements`, in input order
    /// within each polarity); `scratch` is reused to count distinct sources.
    pub fn of(ds: &'a Dataset, statements: &[u32], scratch: &mut Vec<usize>) -> Group<'a> {
        let mut activity = Activity::default();
        let mut quote = None;
        scratch.clear();
        for &i in statements {
            let s = &ds.statements[i as usize];
            activity.add(s.date);
            scratch.extend(s.source);
            if quote.is_none() {
                quote = s.quote.as_deref();
            }
        }
        scratch.sort_unstable();
        scratch.dedup();
        Group {
            activity,
            sources: scratch.len() as u64,
            quote,
        }
    }

    /// The edge, with the given relation and weight.
    pub fn edge(&self, relation: Relation, weight: f64) -> EdgeData {
        EdgeData {
            relation,
            weight,
            statements: self.activity.count,
            first_date: self.activity.first,
            last_date: self.activity.last,
            sources: Some(self.sources),
            quote: self.quote.map(str::to_string),
        }
    }
}

/// Statement indices sorted by (actor, stance, polarity), input order kept
/// within each: the groups that become two-mode edges, in edge order.
pub(crate) fn by_actor_stance_polarity(ds: &Dataset) -> Vec<u32> {
    // Sorting packed keys beside the indices keeps the comparisons in cache;
    // the index breaks ties, so input order is kept within a group.
    let mut keyed: Vec<(u128, u32)> = ds
        .statements
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let key = (s.actor as u128) << 65 | (s.stance as u128) << 1 | s.polarity as u128;
            (key, i as u32)
        })
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// Every statement's actor, stance and country activity, in one pass.
pub(crate) struct Activities {
    pub actors: Vec<Activity>,
    pub stances: Vec<Activity>,
    pub countries: Vec<Activity>,
}

impl Activities {
    pub fn of(ds: &Dataset) -> Activities {
        let mut out = Activities {
            actors: vec![Activity::default(); ds.actors.len()],
            stances: vec![Activity::default(); ds.stances.len()],
            countries: vec![Activity::default(); ds.countries.len()],
        };
        for s in &ds.statements {
            out.actors[s.actor].add(s.date);
            out.stances[s.stance].add(s.date);
            if let Some(c) = ds.actors[s.actor].country {
                out.countries[c].add(s.date);
            }
        }
        out
    }
}

impl Network {
    /// The `full` network: actors, countries and stances; one agree or
    /// disagree edge per (actor, stance, polarity) weighted by the number of
    /// statements; one affiliation edge from each actor to its country.
    ///
    /// Nodes come in dataset order: actors, then countries (a country-kind
    /// actor with a country's id is that country's node), then stances.
    /// Edges come in (actor, stance, polarity) order, then affiliations.
    pub fn full(ds: &Dataset) -> Network {
        let mut graph = DiGraph::new();
        let act = Activities::of(ds);
        let actor_nodes: Vec<NodeIndex> = (0..ds.actors.len())
            .map(|a| graph.add_node(actor_node(ds, a, &act.actors[a])))
            .collect();
        // Country-kind actors by id: one of them with a country's id is that
        // country's node.
        let speaking: HashMap<&str, usize> = ds
            .actors
            .iter()
            .enumerate()
            .filter(|(_, a)| a.kind == ActorKind::Country)
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let country_nodes: Vec<NodeIndex> = ds
            .countries
            .iter()
            .zip(&act.countries)
            .map(|(c, activity)| match speaking.get(c.id.as_str()) {
                Some(&a) => actor_nodes[a],
                None => graph.add_node(NodeData {
                    id: c.id.clone(),
                    label: c.label.clone(),
                    kind: NodeKind::Country,
                    country: None,
                    role: None,
                    topic: None,
                    statements: activity.count,
                    first_date: activity.first,
                    last_date: activity.last,
                }),
            })
            .collect();
        let stance_nodes: Vec<NodeIndex> = (0..ds.stances.len())
            .map(|s| graph.add_node(stance_node(ds, s, &act.stances[s])))
            .collect();

        let order = by_actor_stance_polarity(ds);
        let key = |i: &u32| {
            let s = &ds.statements[*i as usize];
            (s.actor, s.stance, s.polarity)
        };
        let mut scratch = Vec::new();
        for group in order.chunk_by(|a, b| key(a) == key(b)) {
            let (actor, stance, polarity) = key(&group[0]);
            let g = Group::of(ds, group, &mut scratch);
            let edge = g.edge(polarity.into(), g.activity.count as f64);
            graph.add_edge(actor_nodes[actor], stance_nodes[stance], edge);
        }
        for (a, actor) in ds.actors.iter().enumerate() {
            if let Some(c) = actor.country {
                if actor_nodes[a] != country_nodes[c] {
                    graph.add_edge(actor_nodes[a], country_nodes[c], EdgeData::affiliation());
                }
            }
        }
        Network {
            name: "full".to_string(),
            directed: true,
            graph,
        }
    }

    /// The largest edge weight (0 for a graph without edges).
    pub fn max_weight(&self) -> f64 {
        self.graph
            .edge_weights()
            .map(|e| e.weight.abs())
            .fold(0.0, f64::max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Country, Stance, Statement};

    fn statement(actor: usize, stance: usize, polarity: Polarity, day: u32) -> Statement {
        Statement {
            id: None,
            actor,
            stance,
            polarity,
            date: NaiveDate::from_ymd_opt(2025, 2, day),
            source: Some(day as usize),
            quote: Some(format!("q{day}")),
            line: day as u64,
        }
    }

    fn dataset() -> Dataset {
        let actor = |id: &str, kind, country| Actor {
            id: id.into(),
            label: id.to_uppercase(),
            kind,
            country,
            role: None,
        };
        Dataset {
            name: "t".into(),
            actors: vec![
                actor("a", ActorKind::Person, Some(0)),
                actor("b", ActorKind::Person, Some(1)),
                actor("ua", ActorKind::Country, Some(1)),
            ],
            stances: vec![Stance {
                id: "s".into(),
                label: "S".into(),
                topic: None,
            }],
            sources: (0..6).map(|d| format!("doc{d}")).collect(),
            countries: vec![
                Country {
                    id: "us".into(),
                    label: "US".into(),
                },
                Country {
                    id: "ua".into(),
                    label: "Ukraine".into(),
                },
            ],
            statements: vec![
                statement(0, 0, Polarity::Agree, 3),
                statement(0, 0, Polarity::Agree, 1),
                statement(0, 0, Polarity::Disagree, 2),
                statement(1, 0, Polarity::Disagree, 4),
                statement(2, 0, Polarity::Agree, 5),
            ],
        }
    }

    #[test]
    fn full_network_aggregates_statements_per_polarity() {
        let net = Network::full(&dataset());
        let g = &net.graph;
        let ids: Vec<&str> = g.node_weights().map(|n| n.id.as_str()).collect();
        // The speaking country "ua" is one node.
        assert_eq!(ids, ["a", "b", "ua", "us", "s"]);
        let edges: Vec<(String, String, &str, f64)> = g
            .edge_indices()
            .map(|e| {
                let (s, t) = g.edge_endpoints(e).unwrap();
                let d = &g[e];
                (
                    g[s].id.clone(),
                    g[t].id.clone(),
                    d.relation.as_str(),
                    d.weight,
                )
            })
            .collect();
        let expected = [
            ("a", "s", "agree", 2.0),
            ("a", "s", "disagree", 1.0),
            ("b", "s", "disagree", 1.0),
            ("ua", "s", "agree", 1.0),
            ("a", "us", "affiliation", 1.0),
            ("b", "ua", "affiliation", 1.0),
        ];
        let expected: Vec<(String, String, &str, f64)> = expected
            .iter()
            .map(|(s, t, r, w)| (s.to_string(), t.to_string(), *r, *w))
            .collect();
        assert_eq!(edges, expected);
        let agree = &g[g.edge_indices().next().unwrap()];
        assert_eq!(agree.first_date, NaiveDate::from_ymd_opt(2025, 2, 1));
        assert_eq!(agree.last_date, NaiveDate::from_ymd_opt(2025, 2, 3));
        assert_eq!(agree.sources, Some(2));
        assert_eq!(agree.quote.as_deref(), Some("q3"));
        // Activity: a made 3 statements, the stance got 5, Ukraine's actors 2.
        let stat = |id: &str| g.node_weights().find(|n| n.id == id).unwrap().statements;
        assert_eq!((stat("a"), stat("s"), stat("ua"), stat("us")), (3, 5, 1, 3));
        assert_eq!(net.max_weight(), 2.0);
    }
}
