//! `stancegraph export`: the options into a [`Request`], the run to
//! [`run::export`], and what it did to the user.

use std::io;

use stancegraph::export::{self, Format};
use stancegraph::load::Input;
use stancegraph::output::{OutputError, OutputErrorKind};
use stancegraph::run::{self, Destination, Event, ExportError, Request};

use super::{Error, Progress, load_options, network_options};
use crate::cli::{ExportArgs, FormatArg};

/// The formats asked for, each once, in the order of [`Format::EVERY`]
/// (`all` and others: `-f all -f matrix` writes both).
pub(super) fn formats(args: &[FormatArg]) -> Vec<Format> {
    let mut out: Vec<Format> = Vec::new();
    for f in args {
        match *f {
            FormatArg::All => out.extend(Format::ALL),
            FormatArg::One(f) => out.push(f),
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Runs the export.
pub fn run(args: ExportArgs) -> Result<(), Error> {
    let formats = formats(&args.formats);
    let opts = network_options(&args.net)?;
    let format_options = export::Options {
        csv: export::csv::CsvOptions {
            dialect: args.csv_dialect,
            spreadsheet_safe: args.spreadsheet_safe,
        },
        gexf: args.gexf_version,
        layout: None,
    };
    let windowing = super::windows(&args.time)?;
    if let Some(missing) = formats.iter().find(|f| !f.available()) {
        debug_assert_eq!(*missing, Format::Parquet);
        return Err(Error::usage(stancegraph::PARQUET_MISSING));
    }
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

    let request = Request {
        network: opts,
        window: windowing,
        kernel: super::smoothing(&args.time),
        formats,
        format_options,
        html_layout: args.html_layout,
        coalitions: args.coalitions.options(),
        ..Request::default()
    };
    let progress = Progress::new(args.quiet || to_stdout);
    let mut report = |event: Event<'_>| match event {
        Event::Stage(what) => {
            // A stage begins when the one before has freed what it held.
            crate::memory::give_back_freed();
            progress.stage(what)
        }
        Event::Input(w) => progress.println(&format!("warning: {w}")),
        Event::Notice(w) => progress.println(&format!("warning: {w}")),
        _ => {}
    };
    let input = Input::from_arg(args.input.input.as_deref());
    let load_options = load_options(&args.input)?;
    let result = if to_stdout {
        let mut w = io::BufWriter::new(io::stdout());
        run::export(
            &input,
            &load_options,
            &request,
            Destination::Writer(&mut w),
            &mut report,
        )
    } else {
        run::export(
            &input,
            &load_options,
            &request,
            Destination::Dir(&args.output),
            &mut report,
        )
    };
    let exported = match result {
        Ok(exported) => exported,
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        Err(ExportError::Stream(e)) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(()),
        Err(ExportError::Load(diagnostics)) => {
            return Err(Error::Input {
                diagnostics,
                limit: 20,
            });
        }
        Err(ExportError::Output(e)) => return Err(Error::Output(e)),
        Err(ExportError::Stream(e)) => {
            return Err(Error::Output(OutputError::new(
                "<stdout>",
                OutputErrorKind::Write,
                Some(e),
            )));
        }
        Err(e) => return Err(Error::options(&e)),
    };
    progress.finish();
    super::announce_removed(&exported.removed);
    if !args.quiet && !to_stdout {
        for n in &exported.networks {
            eprintln!(
                "{}: {} nodes, {} edges from {} statements",
                n.name, n.nodes, n.edges, n.statements
            );
        }
        for p in &exported.paths {
            eprintln!("wrote {}", p.display());
        }
    }
    Ok(())
}
