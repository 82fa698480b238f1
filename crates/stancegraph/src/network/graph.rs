//! The network: a petgraph graph of actors, countries and stances with typed,
//! weighted edges and their attributes. [`crate::network`] builds it from a
//! dataset; [`crate::export`] writes it.

use std::borrow::Cow;
use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};
use std::fmt;
use std::io;
use std::sync::Arc;

use chrono::NaiveDate;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::UndirectedAdaptor;

use crate::model::{ActorKind, AttrDef, Polarity, Rgb};

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
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
#[non_exhaustive]
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
    /// For actors, with `--coalitions`: their discourse coalition, numbered
    /// from 1 for the largest (`None` for isolates and other nodes).
    pub coalition: Option<u32>,
}

impl NodeData {
    /// A node with an id, a name and a kind, and nothing else: no country,
    /// role, topic, attributes, colour, statements, dates or coalition.
    pub fn new(id: impl Into<String>, label: impl Into<String>, kind: NodeKind) -> NodeData {
        NodeData {
            id: id.into(),
            label: label.into(),
            kind,
            country: None,
            role: None,
            topic: None,
            attrs: Vec::new(),
            color: None,
            statements: 0,
            first_date: None,
            last_date: None,
            coalition: None,
        }
    }
}

/// What `--coalitions` found, for the formats that carry graph attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct CoalitionSummary {
    /// How many coalitions there are.
    pub count: usize,
    /// The partition's modularity on the network it was found in (signed,
    /// after Traag and Bruggeman, when that network has negative ties);
    /// `None` when it has no ties.
    pub modularity: Option<f64>,
    /// The network the coalitions were found in (`congruence`, ...).
    pub network: String,
    /// The resolution it was found with.
    pub resolution: f64,
}
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
    pub sources: Option<u32>,
    /// The first statement's quote, as evidence (shared with the
    /// statement, not copied).
    pub quote: Option<std::sync::Arc<str>>,
    /// The stances an actor → target edge's statements are about (their
    /// labels, in order of first mention, joined by `; `): `Some` exactly
    /// for the edges of the interaction network (see
    /// [`EdgeData::is_interaction`]).
    pub stances: Option<Box<str>>,
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
            stances: None,
        }
    }

    /// True for an actor → target edge of the interaction network.
    pub fn is_interaction(&self) -> bool {
        self.stances.is_some()
    }
}

/// Edges made on demand instead of held in the graph: the ties of a
/// one-mode network, which can be more than memory holds. Each pass makes
/// them again, in the same order.
pub trait EdgeSource: Send + Sync {
    /// Calls `f` with each edge, in order: its source, its target, its data.
    fn each(
        &self,
        f: &mut dyn FnMut(NodeIndex, NodeIndex, &EdgeData) -> io::Result<()>,
    ) -> io::Result<()>;
    /// How many edges there are.
    fn len(&self) -> usize;
    /// Whether there are none.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The largest absolute weight (0 without edges).
    fn max_weight(&self) -> f64;
}

/// A network's edges made on demand (see [`EdgeSource`]).
#[derive(Clone)]
pub struct StreamedEdges(pub Arc<dyn EdgeSource>);

impl fmt::Debug for StreamedEdges {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "StreamedEdges({} edges)", self.0.len())
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
    /// Edges made on demand, after those of the graph (which then has
    /// none): see [`Network::for_each_edge`].
    pub streamed: Option<StreamedEdges>,
    /// The coalitions its actors were put in, when asked for: each actor's
    /// is [`NodeData::coalition`].
    pub coalitions: Option<CoalitionSummary>,
    /// For a kernel-smoothed slice: its window and kernel.
    pub slice: Option<SliceDates>,
    /// Whether it holds actor → target edges (the interaction network, and
    /// the full network of statements with targets): its edges then carry
    /// `edge_kind` and `stances` in every format.
    pub interaction: bool,
}

/// Where a kernel-smoothed slice lies in time, for the formats that carry
/// graph attributes (`slice_start`, `slice_middle`, `slice_stop`,
/// `kernel`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SliceDates {
    /// The window's first day.
    pub start: NaiveDate,
    /// Its middle, where statements weigh most.
    pub middle: NaiveDate,
    /// Its last day.
    pub stop: NaiveDate,
    /// The kernel's name.
    pub kernel: &'static str,
}

impl Network {
    /// A network of these nodes and edges.
    pub fn new(
        name: impl Into<String>,
        directed: bool,
        graph: DiGraph<NodeData, EdgeData>,
        node_attrs: Vec<AttrDef>,
    ) -> Network {
        Network {
            name: name.into(),
            directed,
            graph,
            node_attrs,
            streamed: None,
            coalitions: None,
            slice: None,
            interaction: false,
        }
    }

    /// The network as an undirected graph, for petgraph's algorithms:
    /// `Some` for one-mode networks, whose ties have no direction (they are
    /// held as directed edges, each pair once); `None` for two-mode
    /// networks, whose edges run from actors to stances, and for networks
    /// whose edges are made on demand (take [`Network::materialized`]
    /// first).
    ///
    /// ```
    /// use petgraph::algo::connected_components;
    /// use stancegraph::load::{load, Input, LoadOptions};
    /// use stancegraph::network::{build, Kind, Options};
    ///
    /// let ds = load(&Input::Embedded, &LoadOptions::default()).unwrap().dataset;
    /// let opts = Options { kind: Kind::Congruence, ..Options::default() };
    /// let net = build(&ds, &opts).unwrap().network;
    /// let ties = net.undirected().expect("congruence is one-mode");
    /// assert!(connected_components(ties) >= 1);
    /// let full = build(&ds, &Options::default()).unwrap().network;
    /// assert!(full.undirected().is_none());
    /// ```
    pub fn undirected(&self) -> Option<UndirectedAdaptor<&DiGraph<NodeData, EdgeData>>> {
        (!self.directed && self.streamed.is_none()).then_some(UndirectedAdaptor(&self.graph))
    }

    /// How many edges the network has.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count() + self.streamed.as_ref().map_or(0, |s| s.0.len())
    }

    /// Calls `f` with each edge in output order: its index (its id is
    /// `e<index>` in every format), source, target and data. Every writer
    /// goes through here, so a network whose edges are made on demand is
    /// written without holding them.
    pub fn for_each_edge(
        &self,
        mut f: impl FnMut(usize, NodeIndex, NodeIndex, &EdgeData) -> io::Result<()>,
    ) -> io::Result<()> {
        let g = &self.graph;
        for e in g.edge_indices() {
            let (s, t) = g.edge_endpoints(e).expect("edge index from the graph");
            f(e.index(), s, t, &g[e])?;
        }
        if let Some(streamed) = &self.streamed {
            let mut i = g.edge_count();
            streamed.0.each(&mut |s, t, d| {
                f(i, s, t, d)?;
                i += 1;
                Ok(())
            })?;
        }
        Ok(())
    }

    /// The network with every edge in its graph (itself when it has no
    /// edges made on demand), for what needs them at hand: pictures,
    /// matrices, statistics.
    pub fn materialized(&self) -> Cow<'_, Network> {
        if self.streamed.is_none() {
            return Cow::Borrowed(self);
        }
        let mut net = self.with_graph(self.graph.clone());
        net.graph.reserve_edges(self.edge_count());
        self.for_each_edge(|_, s, t, d| {
            net.graph.add_edge(s, t, d.clone());
            Ok(())
        })
        .expect("building a graph in memory does not fail");
        Cow::Owned(net)
    }

    /// The network with only its `n` strongest edges (by absolute weight;
    /// equal weights by edge order) and the nodes they join, in the same
    /// order; the network itself when it has no more than `n` edges. Holds
    /// no more than `n` edges at a time.
    pub fn strongest(&self, n: usize) -> Network {
        if self.edge_count() <= n {
            return self.materialized().into_owned();
        }
        // The n strongest so far, the weakest on top: (|weight|, index
        // reversed, so that of equal weights the later one goes first).
        let mut heap: BinaryHeap<Reverse<Candidate>> = BinaryHeap::with_capacity(n + 1);
        let mut kept: HashMap<usize, EdgeData> = HashMap::with_capacity(n + 1);
        self.for_each_edge(|i, s, t, d| {
            heap.push(Reverse((
                Strength(d.weight.abs()),
                Reverse(i),
                s.index(),
                t.index(),
            )));
            kept.insert(i, d.clone());
            if heap.len() > n {
                let Reverse((_, Reverse(dropped), _, _)) = heap.pop().expect("a full heap");
                kept.remove(&dropped);
            }
            Ok(())
        })
        .expect("choosing edges in memory does not fail");
        let mut edges: Vec<(usize, usize, usize)> = heap
            .into_iter()
            .map(|Reverse((_, Reverse(i), s, t))| (i, s, t))
            .collect();
        edges.sort_unstable();
        let g = &self.graph;
        let mut keep = vec![false; g.node_count()];
        for &(_, s, t) in &edges {
            keep[s] = true;
            keep[t] = true;
        }
        let mut graph = DiGraph::with_capacity(keep.iter().filter(|k| **k).count(), n);
        let mut index = vec![None; g.node_count()];
        for v in g.node_indices() {
            if keep[v.index()] {
                index[v.index()] = Some(graph.add_node(g[v].clone()));
            }
        }
        for (i, s, t) in edges {
            let data = kept.remove(&i).expect("a kept edge");
            graph.add_edge(index[s].expect("kept"), index[t].expect("kept"), data);
        }
        self.with_graph(graph)
    }

    /// The same network over another graph: its name, direction, node
    /// attributes, coalitions, slice and actor → target edge columns kept,
    /// nothing streamed.
    fn with_graph(&self, graph: DiGraph<NodeData, EdgeData>) -> Network {
        Network {
            coalitions: self.coalitions.clone(),
            slice: self.slice,
            interaction: self.interaction,
            ..Network::new(
                self.name.clone(),
                self.directed,
                graph,
                self.node_attrs.clone(),
            )
        }
    }

    /// The largest absolute edge weight (0 for a network without edges).
    pub fn max_weight(&self) -> f64 {
        let held = self
            .graph
            .edge_weights()
            .map(|e| e.weight.abs())
            .fold(0.0, f64::max);
        match &self.streamed {
            Some(s) => held.max(s.0.max_weight()),
            None => held,
        }
    }
}

/// An edge that may be among the strongest: its strength, its index
/// reversed (of equal weights the earlier is stronger), its ends.
type Candidate = (Strength, Reverse<usize>, usize, usize);

/// A weight's size, ordered (weights are never NaN).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Strength(f64);

impl Eq for Strength {}

impl PartialOrd for Strength {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Strength {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edge_stays_small() {
        // The full network of a million distinct statements holds a million
        // edges; petgraph adds 16 bytes to each.
        assert_eq!(std::mem::size_of::<EdgeData>(), 72);
    }

    #[test]
    fn the_strongest_edges_keep_what_the_network_says_of_itself() {
        // The seed's full network holds actor → target edges.
        let ds = crate::load::seed();
        let full = crate::network::full(&ds);
        assert!(full.interaction && full.edge_count() > 3);
        let shown = full.strongest(3);
        assert_eq!(shown.edge_count(), 3);
        assert!(
            shown.interaction,
            "the edge columns stay those of the network"
        );
        assert_eq!((shown.name.as_str(), shown.directed), ("full", true));
    }
}
