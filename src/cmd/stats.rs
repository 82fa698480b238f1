//! `stancegraph stats`: what a dataset says, in numbers.

use stancegraph::analysis::backbone::{self, BackboneOptions};
use stancegraph::analysis::polarization::{self, PolarizationOptions};
use stancegraph::analysis::{Member, coalitions};
use stancegraph::stats::{self, Stats, Tie};

use serde::Serialize;
use stancegraph::analysis::polarization::SeriesOptions;
use stancegraph::network::{self, Kind, Network, window};
use stancegraph::run::{self, Request};

use super::{Error, load_prepared, names};
use crate::cli::StatsArgs;

/// Prints the statistics as tables or JSON.
pub fn run(args: StatsArgs) -> Result<(), Error> {
    if args.time.window.is_some() {
        return over_time(&args);
    }
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

/// A table of ties; `between` joins a pair (` – `, or ` → ` for a
/// directed one).
fn ties(out: &mut String, title: &str, ties: &[Tie], between: &str) {
    out.push_str(&format!("\n{title}\n  {:>8}  pair\n", "weight"));
    for t in ties {
        out.push_str(&format!(
            "  {:>8}  {}{between}{}\n",
            t.weight, t.source, t.target
        ));
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
    ties(&mut out, "Strongest congruence", &s.congruence, " – ");
    ties(&mut out, "Strongest conflict", &s.conflict, " – ");
    if let Some(i) = &s.interaction {
        ties(
            &mut out,
            "Strongest cooperation (actor → target)",
            &i.cooperation,
            " → ",
        );
        ties(
            &mut out,
            "Strongest conflict (actor → target)",
            &i.conflict,
            " → ",
        );
    }
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

/// One time window's (or kernel slice's) statistics.
#[derive(Serialize)]
struct WindowStats {
    /// Its first day.
    start: String,
    /// A kernel slice's middle.
    #[serde(skip_serializing_if = "Option::is_none")]
    middle: Option<String>,
    /// Its last day.
    stop: String,
    /// The statements in it (of nonzero weight, for a kernel slice).
    statements: u64,
    /// The actors who made them.
    actors: usize,
    congruence: Vec<Tie>,
    conflict: Vec<Tie>,
    #[serde(skip_serializing_if = "Option::is_none")]
    coalitions: Option<Vec<Numbered>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    polarization: Option<Split>,
}

/// A coalition in one window: its number (kept from window to window).
#[derive(Serialize)]
struct Numbered {
    number: u32,
    members: Vec<Member>,
}

/// A window's polarization (DNA's, normalized).
#[derive(Serialize)]
struct Split {
    score: f64,
    clusters: Vec<Vec<Member>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<String>,
}

/// The coalitions of a window's actors, by number.
fn coalitions_of(net: &Network) -> Vec<Numbered> {
    let mut out: Vec<Numbered> = Vec::new();
    for n in net.graph.node_weights() {
        let Some(c) = n.coalition else { continue };
        let member = Member {
            id: n.id.clone(),
            label: n.label.clone(),
        };
        match out.iter_mut().find(|x| x.number == c) {
            Some(x) => x.members.push(member),
            None => out.push(Numbered {
                number: c,
                members: vec![member],
            }),
        }
    }
    out.sort_by_key(|x| x.number);
    out
}

/// Statistics per time window or kernel slice: the strongest ties of
/// congruence and conflict, coalitions and polarization when asked.
fn over_time(args: &StatsArgs) -> Result<(), Error> {
    let opts = super::options(&args.selection)?;
    let loaded = super::load_input(&args.input, 20)?;
    super::print_warnings(&loaded.warnings);
    let ds = &loaded.dataset;
    let windowing = super::windows(&args.time)?;
    let kernel = super::smoothing(&args.time);
    let request = |kind: Kind, coalitions| Request {
        network: network::Options {
            kind,
            normalization: network::Normalization::None,
            ..opts.clone()
        },
        window: windowing,
        kernel,
        coalitions,
        held_ties: usize::MAX,
        ..Request::default()
    };
    let fail = |e: run::ExportError| Error::options(&e);
    let congruence =
        run::networks(ds, &request(Kind::Congruence, args.coalitions.options())).map_err(fail)?;
    let conflict = run::networks(ds, &request(Kind::Conflict, None)).map_err(fail)?;
    for w in &congruence.warnings {
        eprintln!("warning: {w}");
    }
    let (prepared, _) = network::prepare(ds, &opts).map_err(|e| Error::options(&e))?;
    let polarization_options = PolarizationOptions {
        normalize: true,
        ..PolarizationOptions::default()
    };
    // Kernel slices: DNA's polarization series, one step per slice.
    let steps = match (args.polarization, kernel, windowing) {
        (true, Some(smoothing), Some((size, step))) => Some(
            polarization::series(
                &prepared,
                &SeriesOptions {
                    window: size,
                    step: Some(step),
                    smoothing,
                },
                &polarization_options,
            )
            .map_err(|e| Error::options(&e))?,
        ),
        _ => None,
    };
    // Hard windows: their dates, as the export cuts them.
    let hard: Vec<window::Window> = match (kernel, windowing, prepared.date_range().range) {
        (None, Some((size, step)), Some((first, last))) => window::windows(first, last, size, step),
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    for (i, ((net, in_window), (against, _))) in
        congruence.items.iter().zip(&conflict.items).enumerate()
    {
        let (start, middle, stop) = match (&net.slice, hard.get(i)) {
            (Some(t), _) => (t.start, Some(t.middle), t.stop),
            (None, Some(w)) => (w.start, None, w.end.pred_opt().unwrap_or(w.start)),
            (None, None) => continue,
        };
        let split = match (&steps, args.polarization) {
            (Some(steps), _) => steps.get(i).map(|s| Split {
                score: s.score,
                clusters: s.clusters.clone(),
                skipped: s.skipped.clone(),
            }),
            (None, true) => Some(
                match polarization::polarization(in_window, &polarization_options) {
                    Ok(p) => Split {
                        score: p.score,
                        clusters: p.clusters,
                        skipped: None,
                    },
                    Err(e) => Split {
                        score: 0.0,
                        clusters: Vec::new(),
                        skipped: Some(e.to_string()),
                    },
                },
            ),
            (None, false) => None,
        };
        let actors = {
            let mut used = vec![false; in_window.actors.len()];
            for s in &in_window.statements {
                used[s.actor()] = true;
            }
            used.iter().filter(|u| **u).count()
        };
        out.push(WindowStats {
            start: start.to_string(),
            middle: middle.map(|d| d.to_string()),
            stop: stop.to_string(),
            statements: in_window.statement_count(),
            actors,
            congruence: stats::strongest(net, args.top),
            conflict: stats::strongest(against, args.top),
            coalitions: args.coalitions.coalitions.then(|| coalitions_of(net)),
            polarization: split,
        });
    }
    #[derive(Serialize)]
    struct Windows<'a> {
        windows: &'a [WindowStats],
    }
    super::print_result(args.json, &Windows { windows: &out }, || {
        let mut text = String::new();
        for w in &out {
            let when = match &w.middle {
                Some(m) => format!("slice around {m} ({} to {})", w.start, w.stop),
                None => format!("window {} to {}", w.start, w.stop),
            };
            text.push_str(&format!(
                "{when}: {} statements, {} actors\n",
                w.statements, w.actors
            ));
            let pairs = |ties: &[Tie]| -> String {
                if ties.is_empty() {
                    return "(none)".to_string();
                }
                ties.iter()
                    .map(|t| format!("{} – {} ({})", t.source, t.target, t.weight))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            text.push_str(&format!(
                "  strongest congruence: {}\n",
                pairs(&w.congruence)
            ));
            text.push_str(&format!("  strongest conflict: {}\n", pairs(&w.conflict)));
            if let Some(cs) = &w.coalitions {
                for c in cs {
                    group(&mut text, c.number as usize, &c.members);
                }
            }
            if let Some(p) = &w.polarization {
                let clusters: Vec<String> = p.clusters.iter().map(|c| names(c)).collect();
                text.push_str(&format!(
                    "  polarization: {:.4} {}\n",
                    p.score,
                    if p.skipped.is_some() {
                        "(skipped)".to_string()
                    } else {
                        clusters.join(" | ")
                    }
                ));
            }
        }
        text
    })
}
