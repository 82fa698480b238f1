//! `stancegraph export`: load, build the network, write every format asked
//! for, atomically.

use std::io::{self, Write};

use stancegraph::export::{self, Format};
use stancegraph::graph::Network;
use stancegraph::model::Dataset;
use stancegraph::network::{self, Filter, Span, filter, window};
use stancegraph::output::{self, Job, OutputError};

use super::{Error, Progress, load_input, network_options};
use crate::cli::{ExportArgs, FormatArg};

/// The formats asked for, each once, in the order of [`Format::EVERY`]
/// (`all` and others: `-f all -f matrix` writes both).
fn formats(args: &[FormatArg]) -> Vec<Format> {
    let mut out: Vec<Format> = Vec::new();
    for f in args {
        match f {
            FormatArg::All => out.extend(Format::ALL),
            FormatArg::Dot => out.push(Format::Dot),
            FormatArg::Graphml => out.push(Format::Graphml),
            FormatArg::Csv => out.push(Format::Csv),
            FormatArg::Gexf => out.push(Format::Gexf),
            FormatArg::Json => out.push(Format::Json),
            FormatArg::Statements => out.push(Format::Statements),
            FormatArg::Html => out.push(Format::Html),
            FormatArg::Pajek => out.push(Format::Pajek),
            FormatArg::Gml => out.push(Format::Gml),
            FormatArg::Cytoscape => out.push(Format::Cytoscape),
            FormatArg::Dl => out.push(Format::Dl),
            FormatArg::Matrix => out.push(Format::Matrix),
        }
    }
    out.sort();
    out.dedup();
    out
}

fn span(flag: &str, text: &str) -> Result<Span, Error> {
    text.parse()
        .map_err(|e| Error::usage(format!("invalid value for --{flag}: {e}")))
}

/// Runs the export.
pub fn run(args: ExportArgs) -> Result<(), Error> {
    let formats = formats(&args.formats);
    let opts = network_options(&args.net)?;
    let format_opts = export::Options {
        csv: export::csv::CsvOptions {
            dialect: args.csv_dialect,
            spreadsheet_safe: args.spreadsheet_safe,
        },
        gexf: args.gexf_version,
        html: args.html_layout,
    };
    let format_opts = &format_opts;
    let windowing = match &args.window {
        Some(size) => {
            let size = span("window", size)?;
            let step = match &args.step {
                Some(step) => span("step", step)?,
                None => size,
            };
            Some((size, step))
        }
        None => None,
    };
    let to_stdout = args.output.as_os_str() == "-";
    if to_stdout {
        match formats.as_slice() {
            _ if windowing.is_some() => {
                return Err(Error::usage(
                    "--window writes one file per window; write them to a directory with -o DIR",
                ));
            }
            [f] if f.parts().len() == 1 => {}
            [Format::Csv] => {
                return Err(Error::usage(
                    "csv writes two tables (nodes and edges); write them to a directory with -o DIR",
                ));
            }
            _ => {
                return Err(Error::usage(
                    "-o - writes one format to standard output; choose it with -f (any but csv)",
                ));
            }
        }
    }

    let progress = Progress::new(args.quiet || to_stdout);
    progress.stage("reading the statements");
    let loaded = load_input(&args.input, 20)?;
    for w in &loaded.warnings {
        progress.println(&format!("warning: {w}"));
    }
    let dataset = loaded.dataset;
    progress.stage(&format!(
        "building the {} network from {} statements",
        opts.kind.name(),
        dataset.statements.len()
    ));
    let (prepared, warnings) = network::prepare(&dataset, &opts).map_err(Error::usage)?;
    for w in &warnings {
        progress.println(&format!("warning: {w}"));
    }
    let networks: Vec<(Network, std::borrow::Cow<'_, Dataset>)> = match windowing {
        None => vec![(
            network::project(&prepared, &opts),
            std::borrow::Cow::Borrowed(prepared.as_ref()),
        )],
        Some((size, step)) => {
            let mut dates = prepared.statements.iter().filter_map(|s| s.date);
            let Some(first) = dates.next() else {
                return Err(Error::usage(
                    "--window needs dated statements, and none are left",
                ));
            };
            let (first, last) = dates.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d)));
            let undated = prepared
                .statements
                .iter()
                .filter(|s| s.date.is_none())
                .count();
            if undated > 0 {
                eprintln!("warning: {undated} undated statements are in no time window");
            }
            window::windows(first, last, size, step)
                .into_iter()
                .map(|w| {
                    let in_window = Filter {
                        from: Some(w.start),
                        to: w.end.pred_opt(),
                        isolates: opts.filter.isolates,
                        ..Filter::default()
                    };
                    let ds =
                        filter::apply(&prepared, &in_window).expect("a date filter names nothing");
                    let mut net = network::project(&ds, &opts);
                    net.name = format!("{}.{}", net.name, w.start);
                    (net, std::borrow::Cow::Owned(ds.into_owned()))
                })
                .collect()
        }
    };

    // Announce what a format changes (labels, attribute names, joined
    // edges) before writing it.
    for (network, _) in &networks {
        for format in &formats {
            for notice in format.notices(network) {
                progress.println(&format!("warning: {notice}"));
            }
        }
    }

    if to_stdout {
        let (network, ds) = &networks[0];
        let stdout = io::stdout();
        let mut w = io::BufWriter::new(stdout.lock());
        let result = formats[0]
            .write_with(network, ds, format_opts, 0, &mut w)
            .and_then(|()| w.flush());
        return match result {
            // A closed pipe (`| head`) is the reader's choice, not a failure.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => Err(Error::Output(OutputError {
                path: "<stdout>".into(),
                message: e.to_string(),
            })),
            Ok(()) => Ok(()),
        };
    }

    // Largest outputs first, so that parallel writers finish together.
    let mut by_size = formats.clone();
    by_size.sort_by_key(|f| f.size_rank());
    let mut jobs: Vec<Job> = Vec::new();
    for (network, ds) in &networks {
        let ds: &Dataset = ds;
        for &format in &by_size {
            for (part, suffix) in format.parts().iter().enumerate() {
                jobs.push((
                    format!("{}.{suffix}", network.name),
                    Box::new(move |w: &mut dyn Write| {
                        format.write_with(network, ds, format_opts, part, w)
                    }),
                ));
            }
        }
    }
    progress.stage(&format!("writing {} files", jobs.len()));
    let written = output::write_all(&args.output, jobs).map_err(Error::Output)?;
    progress.finish();
    super::announce_removed(&written.removed);
    let mut paths = written.paths;
    paths.sort();
    if !args.quiet {
        for (network, ds) in &networks {
            eprintln!(
                "{}: {} nodes, {} edges from {} statements",
                network.name,
                network.graph.node_count(),
                network.graph.edge_count(),
                ds.statements.len()
            );
        }
        for p in paths {
            eprintln!("wrote {}", p.display());
        }
    }
    Ok(())
}
