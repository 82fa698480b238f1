//! `stancegraph check`: validate a dataset, summarize it, list every error.

use stancegraph::model::{ActorKind, Dataset};

use super::{Error, load_input, print_warnings};
use crate::cli::CheckArgs;

/// Loads the dataset and prints its summary and warnings, or every error
/// found.
pub fn run(args: CheckArgs) -> Result<(), Error> {
    let loaded = load_input(&args.input, args.max_errors)?;
    print_warnings(&loaded.warnings);
    print!("{}", summary(&loaded.dataset));
    Ok(())
}

/// The attributes and fields lines of the summary, when there are any.
fn attributes(ds: &Dataset) -> String {
    let list = |defs: &[stancegraph::model::AttrDef]| {
        defs.iter()
            .map(|d| format!("{} ({})", d.name, d.ty.name()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = String::new();
    for (what, defs) in [
        ("actor", &ds.actor_attrs),
        ("stance", &ds.stance_attrs),
        ("country", &ds.country_attrs),
    ] {
        if !defs.is_empty() {
            out.push_str(&format!("{what} attributes: {}\n", list(defs)));
        }
    }
    if !ds.fields.is_empty() {
        out.push_str(&format!("statement fields: {}\n", ds.fields.join(", ")));
    }
    out
}

/// The summary `check` prints: what the dataset holds.
fn summary(ds: &Dataset) -> String {
    let kinds = |kind| ds.actors.iter().filter(|a| a.kind == kind).count();
    let counts = stancegraph::stats::counts(ds);
    let range = match (&counts.first_date, &counts.last_date) {
        (Some(lo), Some(hi)) => format!("{lo} to {hi}"),
        _ => "none".to_string(),
    };
    format!(
        "dataset: {}\n\
         actors: {} ({} persons, {} organizations, {} countries{})\n\
         countries: {}\n\
         stances: {}\n\
         statements: {} ({} agree, {} disagree)\n\
         dates: {}\n\
         {}\
         ok: no errors found\n",
        ds.name,
        ds.actors.len(),
        kinds(ActorKind::Person),
        kinds(ActorKind::Organization),
        kinds(ActorKind::Country),
        match kinds(ActorKind::Group) {
            0 => String::new(),
            n => format!(", {n} groups"),
        },
        ds.countries.len(),
        ds.stances.len(),
        counts.statements,
        counts.agree,
        counts.disagree,
        range,
        attributes(ds)
    )
}
