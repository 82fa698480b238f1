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
use crate::network::{self, Duplicates, Level, Normalization, PrepareError};
use crate::notice::Notice;
use crate::output::{self, OutputError, Written};
use crate::render::{self, Image, RenderError, RenderOptions, Rendered};

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
        }
    }
}

impl std::error::Error for PictureError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PictureError::Prepare(e) => Some(e),
            PictureError::Render(e) => Some(e),
            PictureError::Coalitions(e) => Some(e),
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

/// Draws the network a request asks for.
pub fn picture(ds: &Dataset, request: &PictureRequest) -> Result<Picture, PictureError> {
    let opts = &request.network;
    opts.validate()
        .map_err(|e| PictureError::Prepare(PrepareError::Options(e)))?;
    let (prepared, warnings) = network::prepare(ds, opts).map_err(PictureError::Prepare)?;
    let mut full = network::project(&prepared, opts);
    super::label_coalitions(&mut full, &prepared, opts, request.coalitions.as_ref())
        .map_err(PictureError::Coalitions)?;
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
    let net = match request.top_edges {
        Some(n) if n < full.graph.edge_count() => {
            details.push(format!(
                "the {n} strongest of {} edges",
                full.graph.edge_count()
            ));
            full.strongest(n)
        }
        _ => full,
    };
    let render = RenderOptions {
        title: title(&prepared, &net, &details),
        ..request.render.clone()
    };
    let rendered = render::render(&net, &render).map_err(PictureError::Render)?;
    Ok(Picture {
        rendered,
        name: net.name.clone(),
        nodes: net.graph.node_count(),
        edges: net.graph.edge_count(),
        warnings,
    })
}
