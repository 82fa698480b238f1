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
mod picture;

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::{CoalitionOptions, coalitions};
use crate::choice::{Spelled, Spelling};
use crate::export::{self, Format};
use crate::graphviz::Graphviz;
use crate::layout::Method;
use crate::load::{self, Diagnostic, Diagnostics, Input, LoadOptions};
use crate::model::Dataset;
use crate::network::{self, Filter, Network, PrepareError, Span, filter, window};
use crate::notice::{Notice, NoticeKind};
use crate::output::{self, Job, OutputError, Written};

pub use layout::{LAYOUT_LIMIT, positions};
pub use picture::{Picture, PictureError, PictureRequest, picture};

/// What to export.
#[derive(Debug, Clone)]
pub struct Request {
    /// The network and the selection.
    pub network: network::Options,
    /// Cut into windows of `size` every `step` (`None`: one network).
    pub window: Option<(Span, Span)>,
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
            ExportError::NoDates | ExportError::NotOneFile => None,
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

/// The networks of a request, each with the statements it was built from.
pub struct Networks<'a> {
    /// The networks, in window order.
    pub items: Vec<(Network, Cow<'a, Dataset>)>,
    /// Warnings from the selection (actors without a level value, undated
    /// statements outside every window).
    pub warnings: Vec<Notice>,
}

/// Selects, projects and windows: the networks a request asks for.
pub fn networks<'a>(ds: &'a Dataset, request: &Request) -> Result<Networks<'a>, ExportError> {
    let opts = &request.network;
    opts.validate()
        .map_err(|e| ExportError::Prepare(PrepareError::Options(e)))?;
    let (prepared, mut warnings) = network::prepare(ds, opts).map_err(ExportError::Prepare)?;
    let held = request.held_ties;
    let Some((size, step)) = request.window else {
        let mut net = network::project_streamed(&prepared, opts, held);
        label_coalitions(&mut net, &prepared, opts, request.coalitions.as_ref())
            .map_err(ExportError::Coalitions)?;
        return Ok(Networks {
            items: vec![(net, prepared)],
            warnings,
        });
    };
    let counts = prepared.date_range();
    let Some((first, last)) = counts.range else {
        return Err(ExportError::NoDates);
    };
    if counts.undated > 0 {
        warnings.push(Notice::new(
            NoticeKind::LeftOut,
            format!(
                "{} undated statements are in no time window",
                counts.undated
            ),
        ));
    }
    let mut items = Vec::new();
    for w in window::windows(first, last, size, step) {
        let in_window = Filter {
            from: Some(w.start),
            to: w.end.pred_opt(),
            isolates: opts.filter.isolates,
            ..Filter::default()
        };
        // A date filter names no actor or stance, so it cannot fail.
        let ds =
            filter::apply(&prepared, &in_window).map_err(|e| ExportError::Prepare(e.into()))?;
        let mut net = network::project_streamed(&ds, opts, held);
        label_coalitions(&mut net, &ds, opts, request.coalitions.as_ref())
            .map_err(ExportError::Coalitions)?;
        net.name = format!("{}.{}", net.name, w.start);
        items.push((net, Cow::Owned(ds.into_owned())));
    }
    Ok(Networks { items, warnings })
}

/// Finds the coalitions of the statements' actors, when asked for, and puts
/// them on `net`, the network `built` made of `ds`: found in `net` itself
/// when it is the network they are found in, else in that network, built.
pub fn label_coalitions(
    net: &mut Network,
    ds: &Dataset,
    built: &network::Options,
    opts: Option<&CoalitionOptions>,
) -> Result<(), coalitions::CoalitionError> {
    let Some(opts) = opts else {
        return Ok(());
    };
    let found = if built.kind == opts.network.kind()
        && built.normalization == network::Normalization::Average
    {
        coalitions::find(net, opts.resolution, opts.seed)?
    } else {
        coalitions::find_in(ds, opts)?
    };
    found.label(net);
    Ok(())
}

impl Networks<'_> {
    /// What each format changes in these networks (labels, attribute names,
    /// joined edges), to announce before writing.
    pub fn notices(&self, formats: &[Format], spelling: Spelling) -> Vec<Notice> {
        let mut out = Vec::new();
        for (network, _) in &self.items {
            for format in formats {
                out.extend(format.notices(network, spelling));
            }
        }
        out
    }

    /// Writes every part of every format of every network.
    pub fn write(&self, request: &Request, to: Destination<'_>) -> Result<Written, ExportError> {
        let mut format_opts = request.format_options.clone();
        if format_opts.layout.is_none() && request.formats.contains(&Format::Html) {
            let (method, graphviz) = (request.html_layout, request.graphviz.clone());
            format_opts.layout = Some(Arc::new(move |net: &Network| {
                positions(net, method, &graphviz, LAYOUT_LIMIT)
            }));
        }
        let format_opts = &format_opts;
        match to {
            Destination::Writer(mut w) => {
                let (network, ds) = match (self.items.as_slice(), request.formats.as_slice()) {
                    ([one], [f]) if f.parts().len() == 1 => one,
                    _ => return Err(ExportError::NotOneFile),
                };
                let format = request.formats[0];
                format
                    .write_part(network, ds, format_opts, format.parts()[0], &mut w)
                    .and_then(|()| w.flush())
                    .map_err(ExportError::Stream)?;
                Ok(Written::default())
            }
            Destination::Dir(dir) => {
                // Largest outputs first, so that parallel writers finish together.
                let mut by_size = request.formats.clone();
                by_size.sort_by_key(|f| f.size_rank());
                let mut jobs: Vec<Job> = Vec::new();
                for (network, ds) in &self.items {
                    let ds: &Dataset = ds;
                    for &format in &by_size {
                        for &part in format.parts() {
                            jobs.push((
                                format.file_name(&network.name, part),
                                Box::new(move |mut w: &mut (dyn Write + Send)| {
                                    format.write_part(network, ds, format_opts, part, &mut w)
                                }),
                            ));
                        }
                    }
                }
                output::write_all(dir, jobs).map_err(ExportError::Output)
            }
        }
    }

    /// One summary per network.
    pub fn summaries(&self) -> Vec<Summary> {
        self.items
            .iter()
            .map(|(network, ds)| Summary {
                name: network.name.clone(),
                nodes: network.graph.node_count(),
                edges: network.edge_count(),
                statements: ds.statement_count(),
            })
            .collect()
    }
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
