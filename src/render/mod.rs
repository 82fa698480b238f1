//! Pictures and layouts: a network drawn by Graphviz (through graphviz-rust)
//! as SVG, PNG or PDF, with a title, a legend, wrapped labels and clusters;
//! and node positions for the HTML view, from Graphviz when it is there and
//! the network is small, else from a spring layout in Rust.

mod force;
mod picture;
mod run;

use std::fmt;
use std::time::Duration;

use graphviz_rust::cmd::{CommandArg, Format, Layout};

use crate::graph::Network;

pub use picture::{ClusterError, title};
pub use run::RunError;

/// A picture format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Image {
    /// Scalable vector graphics, with tooltips.
    Svg,
    /// A bitmap.
    Png,
    /// A printable document.
    Pdf,
}

impl Image {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Image::Svg => "svg",
            Image::Png => "png",
            Image::Pdf => "pdf",
        }
    }

    fn format(self) -> Format {
        match self {
            Image::Svg => Format::Svg,
            Image::Png => Format::Png,
            Image::Pdf => Format::Pdf,
        }
    }
}

/// A Graphviz layout engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Engine {
    /// Layers left to right: for two-mode networks.
    Dot,
    /// A spring model: for small one-mode networks.
    Neato,
    /// A multiscale spring model: for big networks.
    Sfdp,
    /// A spring model that draws clusters.
    Fdp,
    /// A circle.
    Circo,
    /// Rings around a centre.
    Twopi,
}

impl Engine {
    /// The engine's name, as Graphviz spells it.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Dot => "dot",
            Engine::Neato => "neato",
            Engine::Sfdp => "sfdp",
            Engine::Fdp => "fdp",
            Engine::Circo => "circo",
            Engine::Twopi => "twopi",
        }
    }

    fn layout(self) -> Layout {
        match self {
            Engine::Dot => Layout::Dot,
            Engine::Neato => Layout::Neato,
            Engine::Sfdp => Layout::Sfdp,
            Engine::Fdp => Layout::Fdp,
            Engine::Circo => Layout::Circo,
            Engine::Twopi => Layout::Twopi,
        }
    }
}

/// Networks above this many nodes or edges are big: `sfdp` lays them out
/// (Graphviz `dot` takes hours on thousands of nodes), without edge labels.
pub const BIG_NODES: usize = 500;
/// See [`BIG_NODES`].
pub const BIG_EDGES: usize = 3_000;

/// Whether a network is big (see [`BIG_NODES`]).
pub fn is_big(net: &Network) -> bool {
    net.graph.node_count() > BIG_NODES || net.graph.edge_count() > BIG_EDGES
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

/// How to draw a picture.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// The picture format.
    pub image: Image,
    /// The layout engine; chosen by [`choose_engine`] when `None`.
    pub layout: Option<Engine>,
    /// Draw actors in boxes by this attribute (`country`, `kind`, `role` or
    /// a user attribute).
    pub cluster: Option<String>,
    /// The picture's title.
    pub title: String,
    /// How long Graphviz may take.
    pub timeout: Duration,
}

/// What a render did, for the user to hear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The picture's bytes.
    pub bytes: Vec<u8>,
    /// The engine that laid it out.
    pub engine: Engine,
}

/// Why a picture could not be made.
#[derive(Debug, Clone, PartialEq)]
pub enum RenderError {
    /// Graphviz is missing, failed or took too long.
    Graphviz {
        /// What went wrong.
        error: RunError,
        /// The engine it ran.
        engine: Engine,
        /// The network's size, for the message.
        nodes: usize,
        /// See `nodes`.
        edges: usize,
    },
    /// `--cluster` names an attribute the nodes do not have.
    Cluster(ClusterError),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Graphviz {
                error: RunError::NotInstalled,
                ..
            } => write!(
                f,
                "Graphviz is not installed (no `dot` on PATH); install it (Debian and Ubuntu: apt-get install graphviz; Fedora: dnf install graphviz; macOS: brew install graphviz; Windows: winget install graphviz) and try again"
            ),
            RenderError::Graphviz {
                error: RunError::Timeout(limit),
                engine,
                nodes,
                edges,
            } => write!(
                f,
                "Graphviz ({}) did not finish within {} s on {nodes} nodes and {edges} edges, and was stopped; try --top-edges N, --layout sfdp, or a longer --timeout",
                engine.name(),
                limit.as_secs()
            ),
            RenderError::Graphviz {
                error: RunError::Failed(message),
                engine,
                ..
            } => write!(f, "Graphviz ({}) failed: {message}", engine.name()),
            RenderError::Cluster(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for RenderError {}

/// Draws a network with Graphviz.
pub fn render(net: &Network, opts: &RenderOptions) -> Result<Rendered, RenderError> {
    let engine = choose_engine(net, opts.layout, opts.cluster.is_some());
    let graph = picture::picture(net, opts, engine).map_err(RenderError::Cluster)?;
    let args = vec![
        CommandArg::Layout(engine.layout()),
        CommandArg::Format(opts.image.format()),
    ];
    let bytes = run::run(graph, args, opts.timeout).map_err(|error| RenderError::Graphviz {
        error,
        engine,
        nodes: net.graph.node_count(),
        edges: net.graph.edge_count(),
    })?;
    Ok(Rendered { bytes, engine })
}

/// Node positions for a view, and what made them.
#[derive(Debug, Clone, PartialEq)]
pub struct Positions {
    /// (x, y) per node, in node order, y growing upwards.
    pub xy: Vec<(f64, f64)>,
    /// The layout that made them: a Graphviz engine, or `stancegraph`.
    pub by: String,
}

/// Networks up to this size are laid out by Graphviz for the HTML view,
/// when it is installed; bigger ones by the spring layout in Rust, which
/// takes seconds where Graphviz takes minutes.
pub const GRAPHVIZ_LAYOUT_NODES: usize = 300;

/// Lays a network out: with Graphviz (the engine [`choose_engine`] picks,
/// within `limit`) when it is installed and the network has no more than
/// [`GRAPHVIZ_LAYOUT_NODES`] nodes, else with the spring layout in Rust.
pub fn positions(net: &Network, limit: Duration) -> Positions {
    if net.graph.node_count() <= GRAPHVIZ_LAYOUT_NODES
        && net.graph.edge_count() <= BIG_EDGES
        && let Some(p) = graphviz_positions(net, limit)
    {
        return p;
    }
    spring_positions(net)
}

/// Positions from stancegraph's spring layout, without Graphviz.
pub fn spring_positions(net: &Network) -> Positions {
    Positions {
        xy: force::layout(net),
        by: "stancegraph's spring layout".to_string(),
    }
}

/// Positions from Graphviz's JSON output; `None` when it is not there or
/// fails.
fn graphviz_positions(net: &Network, limit: Duration) -> Option<Positions> {
    let engine = choose_engine(net, None, false);
    // Labels wrapped as the view draws them, so that Graphviz leaves room.
    let config = crate::export::dot::Config {
        spring_layout: false,
        wrap: Some(24),
        ..Default::default()
    };
    let graph = crate::export::dot::to_graph(net, &config);
    let args = vec![
        CommandArg::Layout(engine.layout()),
        CommandArg::Format(Format::Json),
    ];
    let bytes = run::run(graph, args, limit).ok()?;
    let json: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let mut at: std::collections::HashMap<&str, (f64, f64)> = Default::default();
    for o in json["objects"].as_array()? {
        let (Some(name), Some(pos)) = (o["name"].as_str(), o["pos"].as_str()) else {
            continue;
        };
        let (x, y) = pos.split_once(',')?;
        at.insert(name, (x.parse().ok()?, y.parse().ok()?));
    }
    let xy = net
        .graph
        .node_weights()
        .map(|n| at.get(n.id.as_str()).copied())
        .collect::<Option<Vec<_>>>()?;
    Some(Positions {
        xy,
        by: format!("Graphviz {}", engine.name()),
    })
}
