//! The network: a petgraph graph of actors, countries and stances with typed,
//! weighted edges, built from a [`Dataset`].
//!
//! ```
//! use stancegraph::{graph::Network, load::{load, Input}};
//! let net = Network::full(&load(&Input::Embedded).unwrap());
//! assert!(net.graph.node_count() > 20);
//! ```

use std::collections::{BTreeMap, BTreeSet};

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
}

impl Relation {
    /// The lower-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Agree => "agree",
            Relation::Disagree => "disagree",
            Relation::Affiliation => "affiliation",
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
    /// How many distinct sources the statements come from.
    pub sources: u64,
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
            sources: 0,
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

/// Per-edge accumulator while building.
struct EdgeStats<'a> {
    count: u64,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    sources: BTreeSet<&'a str>,
    quote: Option<&'a str>,
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
        let mut actor_stats = vec![0u64; ds.actors.len()];
        let mut stance_stats = vec![0u64; ds.stances.len()];
        let mut country_stats = vec![0u64; ds.countries.len()];
        let mut edges: BTreeMap<(usize, usize, Polarity), EdgeStats> = BTreeMap::new();
        for s in &ds.statements {
            actor_stats[s.actor] += 1;
            stance_stats[s.stance] += 1;
            if let Some(c) = ds.actors[s.actor].country {
                country_stats[c] += 1;
            }
            let e = edges
                .entry((s.actor, s.stance, s.polarity))
                .or_insert_with(|| EdgeStats {
                    count: 0,
                    first: None,
                    last: None,
                    sources: BTreeSet::new(),
                    quote: None,
                });
            e.count += 1;
            if let Some(d) = s.date {
                e.first = Some(e.first.map_or(d, |f| f.min(d)));
                e.last = Some(e.last.map_or(d, |l| l.max(d)));
            }
            if let Some(src) = &s.source {
                e.sources.insert(src);
            }
            if e.quote.is_none() {
                e.quote = s.quote.as_deref();
            }
        }

        let actor_nodes: Vec<NodeIndex> = ds
            .actors
            .iter()
            .zip(&actor_stats)
            .map(|(a, n)| {
                graph.add_node(NodeData {
                    id: a.id.clone(),
                    label: a.label.clone(),
                    kind: a.kind.into(),
                    country: a.country.map(|c| ds.countries[c].id.clone()),
                    role: a.role.clone(),
                    topic: None,
                    statements: *n,
                })
            })
            .collect();
        let country_nodes: Vec<NodeIndex> = ds
            .countries
            .iter()
            .zip(&country_stats)
            .map(|(c, n)| {
                let speaking = ds
                    .actors
                    .iter()
                    .position(|a| a.id == c.id && a.kind == ActorKind::Country);
                match speaking {
                    Some(a) => actor_nodes[a],
                    None => graph.add_node(NodeData {
                        id: c.id.clone(),
                        label: c.label.clone(),
                        kind: NodeKind::Country,
                        country: None,
                        role: None,
                        topic: None,
                        statements: *n,
                    }),
                }
            })
            .collect();
        let stance_nodes: Vec<NodeIndex> = ds
            .stances
            .iter()
            .zip(&stance_stats)
            .map(|(s, n)| {
                graph.add_node(NodeData {
                    id: s.id.clone(),
                    label: s.label.clone(),
                    kind: NodeKind::Stance,
                    country: None,
                    role: None,
                    topic: s.topic.clone(),
                    statements: *n,
                })
            })
            .collect();

        for ((actor, stance, polarity), e) in edges {
            graph.add_edge(
                actor_nodes[actor],
                stance_nodes[stance],
                EdgeData {
                    relation: polarity.into(),
                    weight: e.count as f64,
                    statements: e.count,
                    first_date: e.first,
                    last_date: e.last,
                    sources: e.sources.len() as u64,
                    quote: e.quote.map(str::to_string),
                },
            );
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
            source: Some(format!("doc{day}")),
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
        assert_eq!(agree.sources, 2);
        assert_eq!(agree.quote.as_deref(), Some("q3"));
        // Activity: a made 3 statements, the stance got 5, Ukraine's actors 2.
        let stat = |id: &str| g.node_weights().find(|n| n.id == id).unwrap().statements;
        assert_eq!((stat("a"), stat("s"), stat("ua"), stat("us")), (3, 5, 1, 3));
        assert_eq!(net.max_weight(), 2.0);
    }
}
