//! `stancegraph stats`: what a dataset says, in numbers.

use stancegraph::analysis::backbone::{self, BackboneOptions};
use stancegraph::analysis::polarization::{self, PolarizationOptions};
use stancegraph::analysis::{Member, coalitions};
use stancegraph::stats::{self, Stats, Tie};

use super::{Error, load_prepared, names};
use crate::cli::StatsArgs;

/// Prints the statistics as tables or JSON.
pub fn run(args: StatsArgs) -> Result<(), Error> {
    let prepared = load_prepared(&args.input, &args.selection)?;
    let mut stats = stats::compute(&prepared, args.top);
    if let Some(opts) = args.coalitions.options() {
        let found = coalitions::find_in(&prepared, &opts).map_err(|e| Error::options(&e))?;
        stats.coalitions = Some(found);
    }
    if args.polarization {
        let opts = PolarizationOptions {
            normalize: true,
            ..PolarizationOptions::default()
        };
        let found = polarization::polarization(&prepared, &opts).map_err(|e| Error::options(&e))?;
        stats.polarization = Some(found);
    }
    if args.backbone {
        let found = backbone::backbone(&prepared, &BackboneOptions::default())
            .map_err(|e| Error::options(&e))?;
        stats.backbone = Some(found);
    }
    super::print_result(args.json, &stats, || tables(&stats))
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

/// One numbered group of actors (a coalition, a cluster): number, size,
/// names.
fn group(out: &mut String, number: usize, members: &[Member]) {
    out.push_str(&format!(
        "  {number:>2} ({}): {}\n",
        members.len(),
        names(members)
    ));
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
    if let Some(c) = &s.coalitions {
        let modularity = c
            .modularity
            .map_or("no ties".to_string(), |q| format!("modularity {q:.4}"));
        out.push_str(&format!(
            "\nCoalitions in the {} network ({}{})\n",
            c.network,
            if c.signed { "signed " } else { "" },
            modularity
        ));
        for co in &c.coalitions {
            group(&mut out, co.number as usize, &co.members);
        }
        if c.coalitions.is_empty() {
            out.push_str("  (none)\n");
        }
    }
    if let Some(p) = &s.polarization {
        out.push_str(&format!(
            "\nPolarization (normalized, {} over {} actors): {:.4}\n",
            p.algorithm.name(),
            p.actors,
            p.score
        ));
        for (i, cluster) in p.clusters.iter().enumerate() {
            group(&mut out, i + 1, cluster);
        }
    }
    if let Some(b) = &s.backbone {
        out.push_str(&format!(
            "\nBackbone ({}, loss {:.4}; redundant loss {:.4})\n",
            b.method.name(),
            b.backbone_loss,
            b.redundant_loss
        ));
        for m in &b.backbone {
            out.push_str(&format!("  {}\n", m.label));
        }
    }
    out
}
