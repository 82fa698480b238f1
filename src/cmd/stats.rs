//! `stancegraph stats`: what a dataset says, in numbers.

use stancegraph::network;
use stancegraph::stats::{self, Stats, Tie};

use super::{Error, load_input, options, print_warnings};
use crate::cli::StatsArgs;

/// Prints the statistics as tables or JSON.
pub fn run(args: StatsArgs) -> Result<(), Error> {
    let opts = options(&args.selection)?;
    let loaded = load_input(&args.input, 20)?;
    print_warnings(&loaded.warnings);
    let (prepared, warnings) =
        network::prepare(&loaded.dataset, &opts).map_err(|e| Error::options(&e))?;
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    let stats = stats::compute(&prepared, args.top);
    if args.json {
        let text = serde_json::to_string_pretty(&stats).expect("statistics serialize");
        println!("{text}");
    } else {
        print!("{}", tables(&stats));
    }
    Ok(())
}

fn ties(out: &mut String, title: &str, ties: &[Tie]) {
    out.push_str(&format!("\n{title}\n  {:>8}  pair\n", "weight"));
    for t in ties {
        out.push_str(&format!("  {:>8}  {} – {}\n", t.weight, t.source, t.target));
    }
    if ties.is_empty() {
        out.push_str("  (none)\n");
    }
}

/// The statistics as plain-text tables.
fn tables(s: &Stats) -> String {
    let c = &s.counts;
    let mut out = format!(
        "dataset: {}\nstatements: {} ({} agree, {} disagree)\nactors: {}, countries: {}, stances: {}\n",
        s.dataset, c.statements, c.agree, c.disagree, c.actors, c.countries, c.stances
    );
    if let (Some(f), Some(l)) = (&c.first_date, &c.last_date) {
        out.push_str(&format!("dates: {f} to {l}\n"));
    }
    out.push_str(&format!(
        "\nMost active actors\n  {:>10}  {:>5}  {:>8}  {:>7}  actor\n",
        "statements", "agree", "disagree", "stances"
    ));
    for a in &s.actors {
        out.push_str(&format!(
            "  {:>10}  {:>5}  {:>8}  {:>7}  {} ({})\n",
            a.statements, a.agree, a.disagree, a.stances, a.label, a.id
        ));
    }
    out.push_str(&format!(
        "\nMost contested stances\n  {:>5}  {:>8}  stance\n",
        "agree", "disagree"
    ));
    for st in &s.contested {
        out.push_str(&format!(
            "  {:>5}  {:>8}  {} ({})\n",
            st.agree, st.disagree, st.label, st.id
        ));
    }
    if s.contested.is_empty() {
        out.push_str("  (none)\n");
    }
    ties(&mut out, "Strongest congruence", &s.congruence);
    ties(&mut out, "Strongest conflict", &s.conflict);
    out
}
