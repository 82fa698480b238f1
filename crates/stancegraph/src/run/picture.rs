//! One picture, start to end: select, project, keep the strongest edges
//! when asked, title it, and draw it with Graphviz. `stancegraph render`
//! only parses its options into a [`PictureRequest`] and writes the bytes.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::analysis::coalitions::CoalitionError;
use crate::choice::{Spelled, Spelling};
use crate::export::title;
use crate::model::Dataset;
use crate::network::kernel::Smoothing;
use crate::network::{self, Duplicates, Level, Normalization, PrepareError, Span};
use crate::notice::Notice;
use crate::output::{self, OutputError, Written};
use crate::render::{self, Image, RenderError, RenderOptions, Rendered};

use super::{ExportError, Request};

/// What to draw.
#[derive(Debug, Clone, Default)]
pub struct PictureRequest {
    /// The network and the selection.
    pub network: network::Options,
    /// Draw only this many of the strongest edges.
    pub top_edges: Option<usize>,
    /// How to draw it; its title is made here, from the data.
    pub render: RenderOptions,
    /// Colour the actors by coalition (`--coalitions`).
    pub coalitions: Option<crate::analysis::CoalitionOptions>,
    /// One picture per time window of `size` every `step`
    /// ([`pictures`]; `None`: one picture).
    pub window: Option<(Span, Span)>,
    /// Smooth the windows with a kernel.
    pub kernel: Option<Smoothing>,
}

/// A picture drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// The picture and the engine that laid it out.
    pub rendered: Rendered,
    /// The network's name (`full`, `congruence`, ...).
    pub name: String,
    /// The nodes drawn.
    pub nodes: usize,
    /// The edges drawn.
    pub edges: usize,
    /// Warnings from the selection.
    pub warnings: Vec<Notice>,
}

/// Why a picture could not be made.
#[derive(Debug)]
#[non_exhaustive]
pub enum PictureError {
    /// The options name something the data lacks, or do not fit.
    Prepare(PrepareError),
    /// Graphviz failed, or the cluster attribute is unknown.
    Render(RenderError),
    /// The coalition options cannot work.
    Coalitions(CoalitionError),
    /// The windows cannot be made.
    Windows(Box<ExportError>),
}

impl fmt::Display for PictureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.spell(Spelling::PLAIN, f)
    }
}

impl Spelled for PictureError {
    fn spell(&self, s: Spelling, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PictureError::Prepare(e) => e.spell(s, f),
            PictureError::Render(e) => e.spell(s, f),
            PictureError::Coalitions(e) => e.spell(s, f),
            PictureError::Windows(e) => e.spell(s, f),
        }
    }
}

impl std::error::Error for PictureError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PictureError::Prepare(e) => Some(e),
            PictureError::Render(e) => Some(e),
            PictureError::Coalitions(e) => Some(e),
            PictureError::Windows(e) => Some(e),
        }
    }
}

impl Picture {
    /// Writes the picture to `path` atomically (a temporary file in its
    /// directory, renamed into place), the directory made if missing.
    pub fn write(&self, path: &Path) -> Result<Written, OutputError> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let bytes = &self.rendered.bytes;
        output::write_all(
            dir,
            vec![(
                name,
                Box::new(move |w: &mut (dyn Write + Send)| w.write_all(bytes)),
            )],
        )
    }

    /// Where the picture goes when no path is given:
    /// `out/<network>.<format>`.
    pub fn default_path(&self, image: Image) -> PathBuf {
        Path::new("out").join(format!("{}.{}", self.name, image.extension()))
    }
}

/// Draws the network a request asks for (the first window's, when it asks
/// for windows).
pub fn picture(ds: &Dataset, request: &PictureRequest) -> Result<Picture, PictureError> {
    let mut drawn = pictures(ds, request)?;
    Ok(drawn.swap_remove(0))
}

/// Draws the networks a request asks for: one, or one per time window or
/// kernel slice, in time order.
pub fn pictures(ds: &Dataset, request: &PictureRequest) -> Result<Vec<Picture>, PictureError> {
    let opts = &request.network;
    let export = Request {
        network: opts.clone(),
        window: request.window,
        kernel: request.kernel,
        coalitions: request.coalitions,
        formats: Vec::new(),
        held_ties: usize::MAX,
        ..Request::default()
    };
    let networks = super::networks(ds, &export).map_err(|e| match e {
        ExportError::Prepare(e) => PictureError::Prepare(e),
        ExportError::Coalitions(e) => PictureError::Coalitions(e),
        e => PictureError::Windows(Box::new(e)),
    })?;
    let mut details = Vec::new();
    if opts.normalization != Normalization::None {
        details.push(format!("normalized: {}", opts.normalization.name()));
    }
    if opts.level != Level::Actor {
        details.push(format!(
            "by {}",
            opts.level.describe().trim_start_matches("a ")
        ));
    }
    if opts.duplicates != Duplicates::Include {
        details.push(format!("duplicates: {}", opts.duplicates.name()));
    }
    let mut out = Vec::with_capacity(networks.items.len());
    for (full, in_window) in &networks.items {
        let mut details = details.clone();
        if let Some(t) = &full.slice {
            details.push(format!(
                "{} kernel around {} ({} to {})",
                t.kernel, t.middle, t.start, t.stop
            ));
        }
        let net = match request.top_edges {
            Some(n) if n < full.edge_count() => {
                details.push(format!("the {n} strongest of {} edges", full.edge_count()));
                full.strongest(n)
            }
            _ => full.materialized().into_owned(),
        };
        let render = RenderOptions {
            title: title(in_window, &net, &details),
            ..request.render.clone()
        };
        let rendered = render::render(&net, &render).map_err(PictureError::Render)?;
        out.push(Picture {
            rendered,
            name: net.name.clone(),
            nodes: net.graph.node_count(),
            edges: net.graph.edge_count(),
            warnings: networks.warnings.clone(),
        });
    }
    Ok(out)
}
