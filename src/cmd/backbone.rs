//! `stancegraph backbone`: DNA's backbone and redundant stances of the
//! selected statements, as text or JSON, and their networks as files.

use std::borrow::Cow;

use stancegraph::analysis::backbone::{self, Backbone, BackboneOptions};
use stancegraph::run::{Destination, ExportError, Networks, Request};

use super::{Error, load_prepared, names};
use crate::cli::BackboneArgs;

/// Finds the backbone, prints it, and writes its networks when asked.
pub fn run(args: BackboneArgs) -> Result<(), Error> {
    let formats = super::export::formats(&args.formats);
    if let Some(missing) = formats.iter().find(|f| !f.available()) {
        debug_assert_eq!(*missing, stancegraph::export::Format::Parquet);
        return Err(Error::usage(stancegraph::PARQUET_MISSING));
    }
    let prepared = load_prepared(&args.input, &args.selection)?;
    let opts = BackboneOptions {
        method: args.method,
        penalty: args.penalty,
        size: args.size,
        iterations: args.iterations,
        seed: args.seed,
        spectrum: args.spectrum,
    };
    let found = backbone::backbone(&prepared, &opts).map_err(|e| Error::options(&e))?;
    super::print_result(args.json, &found, || text(&found))?;
    if !formats.is_empty() {
        let networks = Networks {
            items: backbone::networks(&prepared, &found)
                .into_iter()
                .map(|(net, ds)| (net, Cow::Owned(ds)))
                .collect(),
            warnings: Vec::new(),
            series: None,
        };
        let request = Request {
            formats,
            ..Request::default()
        };
        let written = networks
            .write(&request, Destination::Dir(&args.output))
            .map_err(|e| match e {
                ExportError::Output(e) => Error::Output(e),
                e => Error::options(&e),
            })?;
        super::announce_removed(&written.removed);
        let mut paths = written.paths;
        paths.sort();
        for p in paths {
            eprintln!("wrote {}", p.display());
        }
    }
    Ok(())
}

/// The result as lines of text.
fn text(b: &Backbone) -> String {
    let mut out = format!(
        "method: {} ({}, {} spectrum), {} statements\n",
        b.method.name(),
        b.search,
        b.spectrum.name(),
        b.statements
    );
    out.push_str(&format!(
        "backbone ({} stances, {} statements, loss {}): {}\n",
        b.backbone.len(),
        b.backbone_statements,
        b.backbone_loss,
        names(&b.backbone)
    ));
    out.push_str(&format!(
        "redundant ({} stances, loss {}): {}\n",
        b.redundant.len(),
        b.redundant_loss,
        names(&b.redundant)
    ));
    if let Some(p) = b.penalized_loss {
        out.push_str(&format!("penalized loss: {p}\n"));
    }
    if let Some(steps) = &b.steps {
        out.push_str("\nRemoval order\n  backbone_loss  redundant_loss  statements  stance\n");
        for s in steps {
            out.push_str(&format!(
                "  {:>13.6}  {:>14.6}  {:>10}  {}\n",
                s.backbone_loss, s.redundant_loss, s.statements, s.label
            ));
        }
    }
    out
}
