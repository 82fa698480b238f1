//! The networks of a request: selected, projected, cut into time windows
//! or kernel slices (their coalitions numbered from one to the next), and
//! written, each format once per network or, for the formats that hold a
//! series over time, once for them all.

use std::borrow::Cow;
use std::io::Write;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::analysis::{CoalitionOptions, coalitions};
use crate::choice::Spelling;
use crate::export::{self, Format};
use crate::model::Dataset;
use crate::network::kernel::Smoothing;
use crate::network::smoothed;
use crate::network::{self, Filter, Network, PrepareError, Span, filter, window};
use crate::notice::{Notice, NoticeKind};
use crate::output::{self, Job, Written};

use super::{Destination, ExportError, LAYOUT_LIMIT, Request, Summary, positions};

/// The networks of a request, each with the statements it was built from.
pub struct Networks<'a> {
    /// The networks, in window order.
    pub items: Vec<(Network, Cow<'a, Dataset>)>,
    /// Warnings from the selection (actors without a level value, undated
    /// statements outside every window).
    pub warnings: Vec<Notice>,
    /// How the networks follow each other in time, when they are windows
    /// or kernel slices: the formats that hold a whole series (GEXF; the
    /// HTML view of kernel slices) write one file of them all.
    pub series: Option<Series<'a>>,
}

/// A series of networks over time.
#[derive(Debug, Clone)]
pub struct Series<'a> {
    /// The network's name without a date, for the file of the whole series.
    pub name: String,
    /// Whether the networks are kernel slices (else hard windows).
    pub smoothed: bool,
    /// Each network's period, without overlap: from its date (a slice's
    /// middle, a window's start) to the day before the next one's; the
    /// last to its own end.
    pub periods: Vec<(NaiveDate, NaiveDate)>,
    /// The statements of the whole series.
    pub dataset: Cow<'a, Dataset>,
}

impl<'a> Series<'a> {
    /// The series of the networks dated `dates` (a slice's middle, a
    /// window's start), the last ending on `end`.
    fn new(
        opts: &network::Options,
        smoothed: bool,
        dates: &[NaiveDate],
        end: NaiveDate,
        dataset: Cow<'a, Dataset>,
    ) -> Series<'a> {
        Series {
            name: opts.kind.name().to_string(),
            smoothed,
            periods: periods(dates, end),
            dataset,
        }
    }
}

/// Periods from each date to the day before the next; the last to `end`.
fn periods(dates: &[NaiveDate], end: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    dates
        .iter()
        .enumerate()
        .map(|(i, &d)| match dates.get(i + 1) {
            Some(next) => (d, next.pred_opt().unwrap_or(d).max(d)),
            None => (d, end.max(d)),
        })
        .collect()
}

/// Selects, projects and windows: the networks a request asks for.
pub fn networks<'a>(ds: &'a Dataset, request: &Request) -> Result<Networks<'a>, ExportError> {
    let opts = &request.network;
    opts.validate()
        .map_err(|e| ExportError::Prepare(PrepareError::Options(e)))?;
    let (prepared, mut warnings) = network::prepare(ds, opts).map_err(ExportError::Prepare)?;
    let held = request.held_ties;
    if let Some(smoothing) = request.kernel {
        let (size, step) = request.window.ok_or(ExportError::KernelWithoutWindow)?;
        let items = smoothed_networks(&prepared, request, size, step, smoothing)?;
        let middles: Vec<NaiveDate> = items
            .iter()
            .filter_map(|(n, _)| n.slice.map(|s| s.middle))
            .collect();
        let end = middles.last().copied().unwrap_or_default();
        let series = Series::new(opts, true, &middles, end, prepared);
        return Ok(Networks {
            items,
            warnings,
            series: Some(series),
        });
    }
    let Some((size, step)) = request.window else {
        let mut net = network::project_streamed(&prepared, opts, held);
        label_coalitions(&mut net, &prepared, opts, request.coalitions.as_ref())
            .map_err(ExportError::Coalitions)?;
        return Ok(Networks {
            items: vec![(net, prepared)],
            warnings,
            series: None,
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
    let mut items: Vec<(Network, Cow<'_, Dataset>)> = Vec::new();
    let mut next = 1;
    let windows = window::windows(first, last, size, step);
    for w in &windows {
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
        if request.coalitions.is_some() {
            coalitions::follow(items.last().map(|(n, _)| n), &mut net, &mut next);
        }
        net.name = format!("{}.{}", net.name, w.start);
        items.push((net, Cow::Owned(ds.into_owned())));
    }
    let starts: Vec<NaiveDate> = windows.iter().map(|w| w.start).collect();
    let end = windows
        .last()
        .and_then(|w| w.end.pred_opt())
        .unwrap_or(last);
    let series = Series::new(opts, false, &starts, end, prepared);
    Ok(Networks {
        items,
        warnings,
        series: Some(series),
    })
}

/// The kernel slices a request asks for, their coalitions found in the
/// coalition network's slices (its own when it is that network, with
/// DNA's kernel average) and numbered from slice to slice.
fn smoothed_networks<'a>(
    prepared: &Dataset,
    request: &Request,
    size: Span,
    step: Span,
    smoothing: Smoothing,
) -> Result<Vec<(Network, Cow<'a, Dataset>)>, ExportError> {
    let opts = &request.network;
    let slices = smoothed::networks(prepared, opts, size, Some(step), smoothing)
        .map_err(ExportError::Smooth)?;
    let Some(c) = &request.coalitions else {
        return Ok(slices
            .into_iter()
            .map(|(net, ds)| (net, Cow::Owned(ds)))
            .collect());
    };
    let kind = c.network.kind();
    let own = kind == opts.kind && opts.normalization == network::Normalization::Average;
    let found_in = if own {
        None
    } else {
        let built = network::Options {
            kind,
            normalization: network::Normalization::Average,
            ..network::Options::default()
        };
        Some(
            smoothed::networks(prepared, &built, size, Some(step), smoothing)
                .map_err(ExportError::Smooth)?,
        )
    };
    let mut items: Vec<(Network, Cow<'a, Dataset>)> = Vec::with_capacity(slices.len());
    let mut next = 1;
    for (i, (mut net, ds)) in slices.into_iter().enumerate() {
        let source = found_in.as_ref().map_or(&net, |f| &f[i].0);
        let found =
            coalitions::find(source, c.resolution, c.seed).map_err(ExportError::Coalitions)?;
        found.label(&mut net);
        coalitions::follow(items.last().map(|(n, _)| n), &mut net, &mut next);
        items.push((net, Cow::Owned(ds)));
    }
    Ok(items)
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
        if self.series.as_ref().is_some_and(|s| s.smoothed) && formats.contains(&Format::Html) {
            let loops: usize = self
                .items
                .iter()
                .map(|(n, _)| {
                    n.graph
                        .edge_indices()
                        .filter(|&e| n.graph.edge_endpoints(e).is_some_and(|(s, t)| s == t))
                        .count()
                })
                .sum();
            if loops > 0 {
                out.push(Notice::new(
                    NoticeKind::LeftOut,
                    format!(
                        "the HTML view leaves out the slices' {loops} self-loops (each actor's \
                         own kernel weight, DNA's diagonal), which it cannot draw; the other \
                         formats keep them"
                    ),
                ));
            }
        }
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
                let smoothed = self.series.as_ref().map(|s| s.smoothed);
                let whole = |f: Format| smoothed.is_some_and(|k| f.holds_series(k));
                if let Some(series) = &self.series {
                    let nets: Vec<&Network> = self.items.iter().map(|(n, _)| n).collect();
                    let nets = Arc::new(nets);
                    for &format in by_size.iter().filter(|f| whole(**f)) {
                        let nets = Arc::clone(&nets);
                        jobs.push((
                            format.file_name(&series.name, export::Part::Whole),
                            Box::new(move |mut w: &mut (dyn Write + Send)| {
                                format.write_series(
                                    &series.name,
                                    &nets,
                                    &series.periods,
                                    &series.dataset,
                                    format_opts,
                                    &mut w,
                                )
                            }),
                        ));
                    }
                }
                for (network, ds) in &self.items {
                    let ds: &Dataset = ds;
                    for &format in by_size.iter().filter(|f| !whole(**f)) {
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
