//! The network: a petgraph graph of actors, countries and stances with typed,
//! weighted edges and their attributes. [`crate::network`] builds it from a
//! dataset; [`crate::export`] writes it.

use chrono::NaiveDate;
use petgraph::graph::DiGraph;

use crate::model::{ActorKind, AttrDef, Polarity, Rgb};

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    /// An actor who is a person.
    Person,
    /// An actor that is an organization.
    Organization,
    /// A country, whether it speaks or is only belonged to.
    Country,
    /// The actors that share an attribute value (`--level ATTR`).
    Group,
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
            NodeKind::Group => "group",
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
            ActorKind::Group => NodeKind::Group,
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
    /// Values of the network's user attributes ([`Network::node_attrs`]), in
    /// the same order.
    pub attrs: Vec<Option<String>>,
    /// The colour the input gives the node (else formats colour it by kind).
    pub color: Option<Rgb>,
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
    /// An actor's edge to its country, for the time the actor speaks (its
    /// first to its last statement).
    pub fn affiliation(first_date: Option<NaiveDate>, last_date: Option<NaiveDate>) -> EdgeData {
        EdgeData {
            relation: Relation::Affiliation,
            weight: 1.0,
            statements: 0,
            first_date,
            last_date,
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
    /// The user attributes its nodes carry (actors', stances' and countries'
    /// attributes under one list; a name they share is one attribute).
    pub node_attrs: Vec<AttrDef>,
}

impl Network {
    /// The network with only its `n` strongest edges (by absolute weight;
    /// equal weights by edge order) and the nodes they join, in the same
    /// order; the network itself when it has no more than `n` edges.
    pub fn strongest(&self, n: usize) -> Network {
        let g = &self.graph;
        if g.edge_count() <= n {
            return self.clone();
        }
        let mut edges: Vec<_> = g.edge_indices().collect();
        edges.sort_by(|a, b| {
            g[*b]
                .weight
                .abs()
                .total_cmp(&g[*a].weight.abs())
                .then(a.cmp(b))
        });
        edges.truncate(n);
        edges.sort();
        let mut keep = vec![false; g.node_count()];
        for e in &edges {
            let (s, t) = g.edge_endpoints(*e).expect("edge index from the graph");
            keep[s.index()] = true;
            keep[t.index()] = true;
        }
        let mut graph = DiGraph::with_capacity(keep.iter().filter(|k| **k).count(), n);
        let mut index = vec![None; g.node_count()];
        for v in g.node_indices() {
            if keep[v.index()] {
                index[v.index()] = Some(graph.add_node(g[v].clone()));
            }
        }
        for e in edges {
            let (s, t) = g.edge_endpoints(e).expect("edge index from the graph");
            let (s, t) = (index[s.index()], index[t.index()]);
            graph.add_edge(s.expect("kept"), t.expect("kept"), g[e].clone());
        }
        Network {
            name: self.name.clone(),
            directed: self.directed,
            graph,
            node_attrs: self.node_attrs.clone(),
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
