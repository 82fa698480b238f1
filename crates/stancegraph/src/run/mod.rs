//! One export, start to end, as one library call: load, select (filters,
//! level, duplicates), project (one-mode ties streamed when there are
//! many), cut into time windows, write every file atomically.
//! `stancegraph export` only parses its options into a [`Request`] and
//! reports what [`export()`] says.
//!
//! ```
//! use stancegraph::export::Format;
//! use stancegraph::load::{Input, LoadOptions};
//! use stancegraph::run::{self, Destination, Request};
//!
//! let dir = std::env::temp_dir().join(format!("stancegraph-run-doc-{}", std::process::id()));
//! let request = Request { formats: vec![Format::Graphml], ..Request::default() };
//! let done = run::export(&Input::Embedded, &LoadOptions::default(), &request,
//!     Destination::Dir(&dir), &mut |_| {}).unwrap();
//! assert_eq!(done.networks[0].name, "full");
//! assert!(dir.join("full.graphml").exists());
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

mod layout;
mod networks;
mod picture;

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::analysis::{CoalitionOptions, coalitions};
use crate::choice::{Spelled, Spelling};
use crate::export::{self, Format};
use crate::graphviz::Graphviz;
use crate::layout::Method;
use crate::load::{self, Diagnostic, Diagnostics, Input, LoadOptions};
use crate::network::kernel::Smoothing;
use crate::network::smoothed::SmoothError;
use crate::network::{self, PrepareError, Span};
use crate::notice::Notice;
use crate::output::OutputError;

pub use layout::{LAYOUT_LIMIT, positions};
pub use networks::{Networks, Series, label_coalitions, networks};
pub use picture::{Picture, PictureError, PictureRequest, picture, pictures};

/// What to export.
#[derive(Debug, Clone)]
pub struct Request {
    /// The network and the selection.
    pub network: network::Options,
    /// Cut into windows of `size` every `step` (`None`: one network); with
    /// `kernel`, slices whose middles are `step` apart.
    pub window: Option<(Span, Span)>,
    /// Smooth the windows with a kernel, as DNA does (`--kernel`).
    pub kernel: Option<Smoothing>,
    /// The formats, each once.
    pub formats: Vec<Format>,
    /// How the formats are written.
    pub format_options: export::Options,
    /// Who lays out the HTML view (unless `format_options` gives a layout).
    pub html_layout: Method,
    /// The Graphviz that lays out the HTML view.
    pub graphviz: Graphviz,
    /// One-mode networks with more ties than this make them again for each
    /// file instead of holding them (the same bytes; see
    /// [`network::project_streamed`]).
    pub held_ties: usize,
    /// Find coalitions and put each actor's in every file (`--coalitions`).
    pub coalitions: Option<CoalitionOptions>,
}

impl Default for Request {
    fn default() -> Request {
        Request {
            network: network::Options::default(),
            window: None,
            kernel: None,
            formats: vec![Format::Dot],
            format_options: export::Options::default(),
            html_layout: Method::default(),
            graphviz: Graphviz::default(),
            held_ties: network::HELD_TIES,
            coalitions: None,
        }
    }
}

/// Where the files go.
pub enum Destination<'w> {
    /// Every file into this directory, all or nothing.
    Dir(&'w Path),
    /// The one file of the one format asked for, into this writer.
    Writer(&'w mut dyn Write),
}

/// What a run says while it works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Event<'e> {
    /// What it is doing now.
    Stage(&'e str),
    /// What the input says the user must hear: rows left out, names
    /// merged.
    Input(&'e Diagnostic),
    /// What a selection or a format leaves out or changes.
    Notice(&'e Notice),
}

/// Why an export failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum ExportError {
    /// The input has problems, every one listed.
    Load(Diagnostics),
    /// The options name something the data lacks, or do not fit.
    Prepare(PrepareError),
    /// Windows were asked for, but no statement left has a date.
    NoDates,
    /// A writer destination takes one file, and the request makes more.
    NotOneFile,
    /// The coalition options cannot work.
    Coalitions(coalitions::CoalitionError),
    /// Kernel slices cannot be made.
    Smooth(SmoothError),
    /// A kernel without a window.
    KernelWithoutWindow,
    /// A file could not be written.
    Output(OutputError),
    /// The writer destination failed (a closed pipe among others).
    Stream(io::Error),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.spell(Spelling::PLAIN, f)
    }
}

impl Spelled for ExportError {
    fn spell(&self, s: Spelling, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Load(d) => write!(f, "{} problems in the input", d.len()),
            ExportError::Prepare(e) => e.spell(s, f),
            ExportError::NoDates => write!(
                f,
                "{} needs dated statements, and none are left",
                s.option("window")
            ),
            ExportError::NotOneFile => write!(
                f,
                "standard output takes one file: one format of one part, without {}",
                s.option("window")
            ),
            ExportError::Output(e) => e.spell(s, f),
            ExportError::Coalitions(e) => e.spell(s, f),
            ExportError::Smooth(e) => e.spell(s, f),
            ExportError::KernelWithoutWindow => write!(
                f,
                "{} weighs statements within a window: give its size with {}",
                s.option("kernel"),
                s.option("window")
            ),
            ExportError::Stream(e) => write!(f, "<stdout>: {e}"),
        }
    }
}

impl std::error::Error for ExportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ExportError::Load(d) => Some(d),
            ExportError::Prepare(e) => Some(e),
            ExportError::Output(e) => Some(e),
            ExportError::Stream(e) => Some(e),
            ExportError::Coalitions(e) => Some(e),
            ExportError::Smooth(e) => Some(e),
            ExportError::NoDates | ExportError::NotOneFile | ExportError::KernelWithoutWindow => {
                None
            }
        }
    }
}

/// One network a run built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Its name (`<network>` or `<network>.<window start>`).
    pub name: String,
    /// Its nodes.
    pub nodes: usize,
    /// Its edges.
    pub edges: usize,
    /// The statements it was built from, each standing for its `count`.
    pub statements: u64,
}

/// What an export did.
#[derive(Debug, Default)]
pub struct Exported {
    /// The networks, in window order.
    pub networks: Vec<Summary>,
    /// The files written, sorted (empty for a writer destination).
    pub paths: Vec<PathBuf>,
    /// Temporary files of stopped runs removed from the directory.
    pub removed: Vec<PathBuf>,
}

/// Loads the input, builds the networks the request asks for and writes
/// them, saying what it does through `report`.
pub fn export(
    input: &Input,
    load_options: &LoadOptions,
    request: &Request,
    to: Destination<'_>,
    report: &mut dyn FnMut(Event<'_>),
) -> Result<Exported, ExportError> {
    report(Event::Stage("reading the statements"));
    let loaded = load::load(input, load_options).map_err(ExportError::Load)?;
    for w in &loaded.warnings {
        report(Event::Input(w));
    }
    let dataset = loaded.dataset;
    report(Event::Stage(&format!(
        "building the {} network from {} statements",
        request.network.kind.name(),
        dataset.statement_count()
    )));
    let networks = networks(&dataset, request)?;
    for w in networks
        .warnings
        .iter()
        .chain(&networks.notices(&request.formats, load_options.spelling))
    {
        report(Event::Notice(w));
    }
    let files: usize = request.formats.iter().map(|f| f.parts().len()).sum();
    report(Event::Stage(&format!(
        "writing {} files",
        files * networks.items.len()
    )));
    let written = networks.write(request, to)?;
    let mut paths = written.paths;
    paths.sort();
    Ok(Exported {
        networks: networks.summaries(),
        paths,
        removed: written.removed,
    })
}
