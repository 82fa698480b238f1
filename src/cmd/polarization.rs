//! `stancegraph polarization`: DNA's polarization score of the selected
//! statements, as text or JSON.

use stancegraph::analysis::polarization::{self, Polarization, PolarizationOptions};

use super::{Error, load_prepared, names};
use crate::cli::PolarizationArgs;

/// Computes and prints the polarization.
pub fn run(args: PolarizationArgs) -> Result<(), Error> {
    let prepared = load_prepared(&args.input, &args.selection)?;
    let opts = PolarizationOptions {
        clusters: args.clusters,
        normalize: args.normalize_scores,
        algorithm: args.algorithm,
        objective: args.objective,
        seed: args.seed,
        restarts: args.restarts,
        ..PolarizationOptions::default()
    };
    let found = polarization::polarization(&prepared, &opts).map_err(|e| Error::options(&e))?;
    super::print_result(args.json, &found, || text(&found))?;
    Ok(())
}

/// The result as lines of text.
fn text(p: &Polarization) -> String {
    let splits = match p.splits {
        Some(n) => format!("{n} balanced splits"),
        None => "more than 2^128 balanced splits".to_string(),
    };
    let mut out = format!(
        "polarization: {} ({}{} objective)\nalgorithm: {} over {splits} of {} actors\n",
        p.score,
        if p.normalized { "normalized, " } else { "" },
        p.objective.name(),
        p.algorithm.name(),
        p.actors,
    );
    for (i, cluster) in p.clusters.iter().enumerate() {
        out.push_str(&format!(
            "cluster {} ({}): {}\n",
            i + 1,
            cluster.len(),
            names(cluster)
        ));
    }
    out
}
