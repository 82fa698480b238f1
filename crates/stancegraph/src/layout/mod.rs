//! Node positions for views and pictures: from Graphviz (the positions of
//! its JSON output, for DOT text the caller gives) or from a spring layout
//! in Rust. Below both the exporters (the HTML view takes positions) and
//! `render`; it writes no DOT itself, so it knows nothing of export.
//!
//! ```
//! use stancegraph::layout;
//! use stancegraph::load::{load, Input, LoadOptions};
//! use stancegraph::network::full;
//!
//! let ds = load(&Input::Embedded, &LoadOptions::default()).unwrap().dataset;
//! let net = full(&ds);
//! let positions = layout::spring(&net);
//! assert_eq!(positions.xy.len(), net.graph.node_count());
//! ```

mod force;

use std::collections::HashMap;
use std::fmt;
use std::time::Duration;

use crate::choice::choices;
use crate::graphviz::{Engine, Graphviz, RunError};
use crate::network::Network;

choices! {
    /// Who lays a network out for a view.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Method as "layout" {
        #[default]
        Auto = "auto": "Graphviz when it is installed and the network has at most 300 nodes, else stancegraph's spring layout.",
        Spring = "spring": "stancegraph's spring layout: the same bytes on every machine, and no Graphviz run.",
    }
}

/// Node positions for a view, and what made them.
#[derive(Debug, Clone, PartialEq)]
pub struct Positions {
    /// (x, y) per node, in node order, y growing upwards.
    pub xy: Vec<(f64, f64)>,
    /// The layout that made them: a Graphviz engine, or stancegraph's.
    pub by: String,
}

/// Networks above this many nodes or edges are big: `sfdp` lays them out
/// (Graphviz `dot` takes hours on thousands of nodes), without edge labels.
pub const BIG_NODES: usize = 500;
/// See [`BIG_NODES`].
pub const BIG_EDGES: usize = 3_000;

/// Networks up to this size are laid out by Graphviz for the HTML view,
/// when it is installed; bigger ones by the spring layout in Rust, which
/// takes seconds where Graphviz takes minutes.
pub const GRAPHVIZ_LAYOUT_NODES: usize = 300;

/// Whether a network is big (see [`BIG_NODES`]).
pub fn is_big(net: &Network) -> bool {
    net.graph.node_count() > BIG_NODES || net.graph.edge_count() > BIG_EDGES
}

/// Whether [`Method::Auto`] asks Graphviz to lay this network out.
pub fn fits_graphviz(net: &Network) -> bool {
    net.graph.node_count() <= GRAPHVIZ_LAYOUT_NODES && net.graph.edge_count() <= BIG_EDGES
}

/// The engine for a network: the one asked for, else `sfdp` for big
/// networks, `fdp` when actors are drawn in clusters without layers, `dot`
/// (left to right) for two-mode networks and `neato` for one-mode ones.
pub fn choose_engine(net: &Network, asked: Option<Engine>, clusters: bool) -> Engine {
    match asked {
        Some(e) => e,
        None if is_big(net) => Engine::Sfdp,
        None if net.directed => Engine::Dot,
        None if clusters => Engine::Fdp,
        None => Engine::Neato,
    }
}

/// Positions from stancegraph's spring layout, without Graphviz.
pub fn spring(net: &Network) -> Positions {
    Positions {
        xy: force::layout(net),
        by: "stancegraph's spring layout".to_string(),
    }
}

/// Why Graphviz gave no positions.
#[derive(Debug)]
#[non_exhaustive]
pub enum LayoutError {
    /// Graphviz did not run to the end.
    Graphviz(RunError),
    /// Its output was not the JSON expected, or lacked a node.
    Output(String),
}

impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LayoutError::Graphviz(e) => write!(f, "Graphviz: {e}"),
            LayoutError::Output(what) => write!(f, "Graphviz's layout: {what}"),
        }
    }
}

impl std::error::Error for LayoutError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LayoutError::Graphviz(e) => Some(e),
            LayoutError::Output(_) => None,
        }
    }
}

/// Positions from Graphviz: `dot` is the network as DOT (node ids as in
/// the network), laid out by `engine` within `limit`.
pub fn graphviz(
    graphviz: &Graphviz,
    net: &Network,
    dot: &[u8],
    engine: Engine,
    limit: Duration,
) -> Result<Positions, LayoutError> {
    let bytes = graphviz
        .run(engine, "json", dot, limit)
        .map_err(LayoutError::Graphviz)?;
    let bad = |what: &str| LayoutError::Output(what.to_string());
    let json: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| LayoutError::Output(e.to_string()))?;
    let mut at: HashMap<&str, (f64, f64)> = HashMap::new();
    for o in json["objects"]
        .as_array()
        .ok_or_else(|| bad("no objects"))?
    {
        let (Some(name), Some(pos)) = (o["name"].as_str(), o["pos"].as_str()) else {
            continue;
        };
        let xy = pos
            .split_once(',')
            .and_then(|(x, y)| Some((x.parse().ok()?, y.parse().ok()?)))
            .ok_or_else(|| bad("a position that is not x,y"))?;
        at.insert(name, xy);
    }
    let xy = net
        .graph
        .node_weights()
        .map(|n| at.get(n.id.as_str()).copied())
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| bad("a node without a position"))?;
    Ok(Positions {
        xy,
        by: format!("Graphviz {}", engine.name()),
    })
}
