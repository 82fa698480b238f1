//! `stancegraph check`: validate a dataset, summarize it, list every error.

use stancegraph::model::{ActorKind, Dataset, Polarity};

use super::{Error, load_input};
use crate::cli::CheckArgs;

/// Loads the dataset and prints its summary, or every error found.
pub fn run(args: CheckArgs) -> Result<(), Error> {
    let dataset = load_input(args.input.as_deref(), args.max_errors)?;
    print!("{}", summary(&dataset));
    Ok(())
}

/// The summary `check` prints: what the dataset holds.
fn summary(ds: &Dataset) -> String {
    let kinds = |kind| ds.actors.iter().filter(|a| a.kind == kind).count();
    let agree = ds
        .statements
        .iter()
        .filter(|s| s.polarity == Polarity::Agree)
        .count();
    let mut dates = ds.statements.iter().filter_map(|s| s.date);
    let range = match dates.next() {
        Some(first) => {
            let (lo, hi) = dates.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d)));
            format!("{lo} to {hi}")
        }
        None => "none".to_string(),
    };
    format!(
        "dataset: {}\n\
         actors: {} ({} persons, {} organizations, {} countries)\n\
         countries: {}\n\
         stances: {}\n\
         statements: {} ({} agree, {} disagree)\n\
         dates: {}\n\
         ok: no errors found\n",
        ds.name,
        ds.actors.len(),
        kinds(ActorKind::Person),
        kinds(ActorKind::Organization),
        kinds(ActorKind::Country),
        ds.countries.len(),
        ds.stances.len(),
        ds.statements.len(),
        agree,
        ds.statements.len() - agree,
        range
    )
}
