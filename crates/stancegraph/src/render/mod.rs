//! Pictures: a network drawn by Graphviz as SVG, PNG or PDF, with a title,
//! a legend, wrapped labels, weights on small networks' edges and clusters.
//! The DOT comes from the DOT exporter ([`crate::export::dot`]); Graphviz
//! runs as our own child process ([`crate::graphviz`]).

mod picture;

use std::fmt;
use std::time::Duration;

use crate::choice::{Spelled, Spelling, choices};
use crate::graphviz::{Engine, Graphviz, RunError};
use crate::layout::choose_engine;
use crate::network::Network;

pub use picture::ClusterError;

choices! {
    /// A picture format.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Image as "picture format" {
        Svg = "svg": "Scalable vector graphics, with tooltips.",
        Png = "png": "A bitmap.",
        Pdf = "pdf": "A printable document.",
    }
}

impl Image {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        self.name()
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
    /// The Graphviz program to run.
    pub graphviz: Graphviz,
}

impl Default for RenderOptions {
    fn default() -> RenderOptions {
        RenderOptions {
            image: Image::Svg,
            layout: None,
            cluster: None,
            title: String::new(),
            timeout: Duration::from_secs(60),
            graphviz: Graphviz::default(),
        }
    }
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
#[derive(Debug)]
#[non_exhaustive]
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
    /// The cluster attribute is one the nodes do not have.
    Cluster(ClusterError),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.spell(Spelling::PLAIN, f)
    }
}

impl Spelled for RenderError {
    fn spell(&self, s: Spelling, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Graphviz {
                error: RunError::NotInstalled { .. },
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
                "Graphviz ({}) did not finish within {} s on {nodes} nodes and {edges} edges, and was stopped; try {} N, {} sfdp, or a longer {}",
                engine.name(),
                limit.as_secs(),
                s.option("top-edges"),
                s.option("layout"),
                s.option("timeout"),
            ),
            RenderError::Graphviz { error, engine, .. } => {
                write!(f, "Graphviz ({}) failed: {error}", engine.name())
            }
            RenderError::Cluster(e) => e.spell(s, f),
        }
    }
}

impl std::error::Error for RenderError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RenderError::Graphviz { error, .. } => Some(error),
            RenderError::Cluster(e) => Some(e),
        }
    }
}

/// Draws a network with Graphviz.
pub fn render(net: &Network, opts: &RenderOptions) -> Result<Rendered, RenderError> {
    let engine = choose_engine(net, opts.layout, opts.cluster.is_some());
    let dot = picture::dot(net, opts, engine).map_err(RenderError::Cluster)?;
    let bytes = opts
        .graphviz
        .run(engine, opts.image.name(), &dot, opts.timeout)
        .map_err(|error| RenderError::Graphviz {
            error,
            engine,
            nodes: net.graph.node_count(),
            edges: net.graph.edge_count(),
        })?;
    Ok(Rendered { bytes, engine })
}
