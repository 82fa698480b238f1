//! `stancegraph export`: load, build the network, write every format asked
//! for, atomically.

use std::io::{self, Write};

use stancegraph::export::Format;
use stancegraph::graph::Network;
use stancegraph::load::{Input, load};
use stancegraph::output::{self, Job, OutputError};

use super::Error;
use crate::cli::{ExportArgs, FormatArg, NetworkArg};

/// How many load errors `export` lists before summing up.
const ERROR_LIMIT: usize = 20;

/// The formats asked for, each once, in the order of [`Format::ALL`].
fn formats(args: &[FormatArg]) -> Vec<Format> {
    let mut out: Vec<Format> = if args.contains(&FormatArg::All) {
        Format::ALL.to_vec()
    } else {
        args.iter()
            .map(|f| match f {
                FormatArg::Dot => Format::Dot,
                FormatArg::Graphml => Format::Graphml,
                FormatArg::Csv => Format::Csv,
                FormatArg::All => unreachable!("handled above"),
            })
            .collect()
    };
    out.sort();
    out.dedup();
    out
}

/// Runs the export.
pub fn run(args: ExportArgs) -> Result<(), Error> {
    let formats = formats(&args.formats);
    let to_stdout = args.output.as_os_str() == "-";
    if to_stdout {
        match formats.as_slice() {
            [f] if f.parts().len() == 1 => {}
            [Format::Csv] => {
                return Err(Error::Usage(
                    "csv writes two tables (nodes and edges); write them to a directory with -o DIR"
                        .to_string(),
                ));
            }
            _ => {
                return Err(Error::Usage(
                    "-o - writes one format to standard output; choose it with -f (dot or graphml)"
                        .to_string(),
                ));
            }
        }
    }

    let input = Input::from_arg(args.input.as_deref());
    let dataset = load(&input).map_err(|diagnostics| Error::Input {
        diagnostics,
        limit: ERROR_LIMIT,
    })?;
    let network = match args.network {
        NetworkArg::Full => Network::full(&dataset),
    };

    if to_stdout {
        let stdout = io::stdout();
        let mut w = io::BufWriter::new(stdout.lock());
        let result = formats[0]
            .write(&network, 0, &mut w)
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

    let network = &network;
    let mut jobs: Vec<Job> = Vec::new();
    for format in formats {
        for (part, suffix) in format.parts().iter().enumerate() {
            jobs.push((
                format!("{}.{suffix}", network.name),
                Box::new(move |w: &mut dyn Write| format.write(network, part, w)),
            ));
        }
    }
    let paths = output::write_all(&args.output, jobs).map_err(Error::Output)?;
    if !args.quiet {
        eprintln!(
            "{}: {} nodes, {} edges from {} statements",
            network.name,
            network.graph.node_count(),
            network.graph.edge_count(),
            dataset.statements.len()
        );
        for p in paths {
            eprintln!("wrote {}", p.display());
        }
    }
    Ok(())
}
